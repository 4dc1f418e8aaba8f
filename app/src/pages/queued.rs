//! `/queued/:seq`: the platform could not be reached, so the booking (or cancellation)
//! waits in the outbox on this device. The screen says so calmly, and what happens next:
//! it goes by itself when the network is back, and the elder will be told. If it goes
//! while the screen is up, the screen says that instead.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{Notice, Screen, Tone};
use crate::pages::bookings::summary_line;
use crate::pages::{AfterBookingActions, id_param, signed_out_home};
use crate::state::{use_session, use_sync};

#[component]
pub fn Queued() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = crate::i18n::use_i18n();
    let sync = use_sync();
    let seq = id_param("seq").and_then(|s| u64::try_from(s).ok());
    let elder = signed_in.elder.id;
    let entry = Memo::new(move |_| {
        sync.entries_for(elder)
            .into_iter()
            .find(|e| Some(e.seq) == seq)
    });
    // Gone from the outbox means delivered (a refusal stays until the elder reads it).
    let sent = move || sync.loaded.get() && entry.with(Option::is_none);
    let title = move || match sent() {
        true => i18n.t("queued.sent_title"),
        false => i18n.t("queued.title"),
    };
    let what = move || {
        entry
            .get()
            .map(|e| summary_line(i18n.lang(), &e))
            .unwrap_or_default()
    };
    let next = move || match (sent(), session.mode.is_kiosk()) {
        (true, _) => i18n.t("queued.sent"),
        (false, true) => format!("{} {}", i18n.t("queued.lead"), i18n.t("queued.kiosk")),
        (false, false) => i18n.t("queued.lead"),
    };
    let say = move || format!("{} {} {}", title(), what(), next());
    view! {
        <Screen title say class="queued">
            <p class="lead" data-testid="queued-what">{what}</p>
            <Notice
                message=Signal::derive(move || Some(next()))
                tone=Tone::Info
                speak=false
            />
            <AfterBookingActions />
        </Screen>
    }
    .into_any()
}
