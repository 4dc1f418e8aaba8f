//! The gear in every screen's topbar: opens the settings, whose Back returns here.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::state::SettingsCtx;

pub const SETTINGS_PATH: &str = "/settings";

#[component]
pub fn SettingsButton() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let location = use_location();
    let settings = use_context::<SettingsCtx>();
    let open = move |_| {
        if let Some(settings) = settings {
            settings.opened_by_gear();
        }
        navigate(SETTINGS_PATH, Default::default());
    };
    // Not on the settings screen itself: there it would lead nowhere.
    move || {
        (location.pathname.get() != SETTINGS_PATH).then(|| {
            let open = open.clone();
            view! {
                <button type="button" class="btn btn-tool" data-testid="settings" on:click=open>
                    <Icon kind=IconKind::Gear />
                    <span class="btn-label">{move || i18n.t("common.settings")}</span>
                </button>
            }
        })
    }
}
