//! `/bookings/:booking`: one booking, all of it. It repeats every fact, shows who provides
//! the service (the provider card, with its hotline), speaks it, and offers what can be done
//! next: rate it once it is done, cancel it while that is allowed (or why not, in words),
//! report a problem, call.

use api::{Booking, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::row::CancelOrWhy;
use super::{facts, rows};
use crate::components::{
    BigButton, ButtonKind, Icon, IconKind, Loading, ProviderCard, Screen, say_provider, tel_href,
};
use crate::i18n::{join_sentences, tr, tr_with, use_i18n};
use crate::offline::reader::use_reader;
use crate::pages::care::FactRows;
use crate::pages::{LoadProblem, id_param, load_booking, signed_out_home};
use crate::state::{MealsCtx, use_session};
use crate::words;

/// The booking as sentences, then what the elder can do next.
fn spoken(lang: Lang, b: &Booking) -> String {
    let mut parts = vec![
        tr_with(
            lang,
            "detail.say",
            &[
                ("what", &facts::headline(lang, b)),
                ("time", &facts::time(lang, b)),
                ("status", &facts::status(lang, b)),
                ("pay", &words::money(lang, b.price.you_pay)),
            ],
        ),
        say_provider(lang, &b.provider),
    ];
    if b.can_rate {
        parts.push(tr(lang, "detail.say_rate"));
    }
    match facts::why_not(lang, b) {
        Some(why) => parts.push(why),
        None if b.can_cancel => parts.push(tr(lang, "detail.say_cancel")),
        None => {}
    }
    parts.push(tr(lang, "detail.say_problem"));
    join_sentences(lang, &parts)
}

#[component]
pub fn BookingDetail() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let id = id_param("booking").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { load_booking(&reader, meals, id).await }
    });
    let title = move || i18n.t("detail.title");
    let say = move || match data.get() {
        Some(Ok(Some(b))) => format!("{} {}", title(), spoken(i18n.lang(), &b)),
        Some(Ok(None)) => format!("{} {}", title(), i18n.t("detail.missing")),
        _ => title(),
    };
    let navigate = use_navigate();
    view! {
        <Screen title say back="/bookings" class="booking-detail">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => {
                    let navigate = navigate.clone();
                    view! {
                        <p class="lead">{move || i18n.t("detail.missing")}</p>
                        <div class="actions">
                            <BigButton
                                label=move || i18n.t("home.bookings")
                                icon=IconKind::Bookings
                                on_press=move || navigate("/bookings", Default::default())
                            />
                        </div>
                    }
                    .into_any()
                }
                Some(Ok(Some(booking))) => view! { <Detail booking /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn Detail(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = booking.id;
    let b = StoredValue::new(booking.clone());
    let headline = move || b.with_value(|b| facts::headline(i18n.lang(), b));
    // The provider card carries the provider's hotline; a canteen or centre with its own
    // number gets a second call button here.
    let own_hotline = facts::hotline(&booking).to_owned();
    let call = (!own_hotline.is_empty() && own_hotline != booking.provider.hotline).then(|| {
        view! {
            <a class="btn btn-secondary btn-call" href=tel_href(&own_hotline) data-testid="call-booking">
                <Icon kind=IconKind::Phone />
                <span class="btn-text">
                    <span class="btn-label">{move || i18n.t("detail.call")}</span>
                    <span class="btn-detail">{own_hotline.clone()}</span>
                </span>
            </a>
        }
    });
    let to = move |path: &'static str| {
        let navigate = navigate.clone();
        move || navigate(&format!("/bookings/{id}/{path}"), Default::default())
    };
    view! {
        <h2 class="booking-headline">
            <Icon kind=facts::icon(&booking) />
            <span>{headline}</span>
        </h2>
        <FactRows rows=move |lang| b.with_value(|b| rows::rows(lang, b)) />
        <div class="actions">
            {booking.can_rate.then(|| view! {
                <BigButton
                    label=move || i18n.t("detail.rate")
                    icon=IconKind::FaceGood
                    on_press=to("rate")
                    testid="rate-booking"
                />
            })}
            <CancelOrWhy booking=booking.clone() />
            <BigButton
                label=move || i18n.t("report.title")
                icon=IconKind::Flag
                kind=ButtonKind::Secondary
                on_press=to("problem")
                testid="report-problem"
            />
            {call}
        </div>
        <ProviderCard card=booking.provider />
    }
}
