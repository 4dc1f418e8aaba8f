//! The centre's number as one big `tel:` link, the number itself large enough to read
//! from a step away: phones dial it at a touch, and on a kiosk it is there to copy down.

use leptos::prelude::*;

use super::{Icon, IconKind, tel_href};
use crate::i18n::use_i18n;

#[component]
pub fn HotlineCall(#[prop(into)] hotline: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = tel_href(&hotline);
    view! {
        <a class="btn btn-primary btn-call btn-hotline" href=href data-testid="hotline">
            <Icon kind=IconKind::Phone />
            <span class="btn-text">
                <span class="btn-label">{move || i18n.t("help.call_label")}</span>
                <span class="hotline-number">{hotline}</span>
            </span>
        </a>
    }
}
