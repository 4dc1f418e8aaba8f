//! After a problem is reported: it was received, who follows it up (the committee that
//! supervises the provider, or the community's staff), where the answer will appear, and
//! the number to call if it is urgent.

use api::{Booking, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, Icon, IconKind, Notice, Tone, tel_href};
use crate::i18n::tr_with;
use crate::i18n::use_i18n;

/// The number to call about a reported problem: the provider's, or the community's.
fn hotline_for<'a>(booking: Option<&'a Booking>, community: &'a str) -> &'a str {
    booking
        .map(|b| b.provider.hotline.as_str())
        .filter(|h| !h.is_empty())
        .unwrap_or(community)
}

/// What happens next, in words.
pub fn what_next(lang: Lang, booking: Option<&Booking>, community_hotline: &str) -> String {
    let hotline = hotline_for(booking, community_hotline);
    match booking {
        Some(b) => tr_with(
            lang,
            "report.next_about",
            &[
                ("committee", b.provider.committee.get(lang)),
                ("organisation", b.provider.organisation.get(lang)),
                ("hotline", hotline),
            ],
        ),
        None => tr_with(lang, "report.next_general", &[("hotline", hotline)]),
    }
}

#[component]
pub fn Reported(booking: Option<Booking>, hotline: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let number = hotline_for(booking.as_ref(), &hotline).to_owned();
    let message = Signal::derive(move || Some(what_next(i18n.lang(), booking.as_ref(), &hotline)));
    let to_list = navigate.clone();
    view! {
        // The screen's own prompt already speaks it.
        <Notice message tone=Tone::Success speak=false />
        <div class="actions">
            <BigButton
                label=move || i18n.t("complaints.title")
                icon=IconKind::Chat
                on_press=move || to_list("/complaints", Default::default())
                testid="to-complaints"
            />
            <a class="btn btn-secondary btn-call" href=tel_href(&number) data-testid="call-hotline">
                <Icon kind=IconKind::Phone />
                <span class="btn-text">
                    <span class="btn-label">{move || i18n.t("report.call")}</span>
                    <span class="btn-detail">{number.clone()}</span>
                </span>
            </a>
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press=move || navigate("/home", Default::default())
                testid="to-home"
            />
        </div>
    }
}
