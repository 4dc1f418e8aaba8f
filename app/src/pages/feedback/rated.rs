//! The end of rating: thanks and what happens to the rating; or, when the booking cannot be
//! rated (not done yet, or rated already), why, in the same words as the platform's refusal,
//! with the way back.

use api::{ApiError, Booking, Lang, ProblemType, RatingFace};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{known_refusal, words};
use crate::components::{BigButton, ButtonKind, IconKind, Notice, Tone};
use crate::i18n::{join_sentences, tr, tr_with, use_i18n};
use crate::pages::use_explainer;

/// "Thank you. Your rating 满意 goes to …", and for a so-so or bad face how to get someone
/// to follow it up.
pub fn thanks(lang: Lang, booking: &Booking) -> String {
    let face = booking.rating.as_ref().map(|r| r.face);
    let mut parts = vec![tr_with(
        lang,
        "rate.thanks",
        &[
            (
                "face",
                &face.map(|f| words::face(lang, f)).unwrap_or_default(),
            ),
            ("organisation", booking.provider.organisation.get(lang)),
            ("committee", booking.provider.committee.get(lang)),
        ],
    )];
    if face.is_some_and(|f| f != RatingFace::Good) {
        parts.push(tr(lang, "rate.thanks_report"));
    }
    join_sentences(lang, &parts)
}

/// Why this booking cannot be rated, as the platform would say it.
pub fn cannot_rate(booking: &Booking) -> ApiError {
    let kind = match booking.rating {
        Some(_) => ProblemType::AlreadyRated,
        None => ProblemType::NotCompleted,
    };
    known_refusal(kind, &booking.provider.hotline)
}

#[component]
pub fn Rated(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = booking.id;
    let follow_up = booking
        .rating
        .as_ref()
        .is_some_and(|r| r.face != RatingFace::Good);
    let message = Signal::derive(move || Some(thanks(i18n.lang(), &booking)));
    let go = move |to: String| {
        let navigate = navigate.clone();
        move || navigate(&to, Default::default())
    };
    view! {
        // The screen's own prompt already speaks it.
        <Notice message tone=Tone::Success speak=false />
        <div class="actions">
            {follow_up.then(|| view! {
                <BigButton
                    label=move || i18n.t("report.title")
                    icon=IconKind::Flag
                    on_press=go(format!("/bookings/{id}/problem"))
                    testid="report-problem"
                />
            })}
            <BigButton
                label=move || i18n.t("home.bookings")
                icon=IconKind::Bookings
                kind=if follow_up { ButtonKind::Secondary } else { ButtonKind::Primary }
                on_press=go("/bookings".into())
                testid="to-bookings"
            />
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press=go("/home".into())
                testid="to-home"
            />
        </div>
    }
}

#[component]
pub fn CannotRate(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let id = booking.id;
    let err = cannot_rate(&booking);
    let message = Signal::derive(move || Some(explainer.explain(&err)));
    let given = booking.rating.clone().map(|r| {
        move || {
            let face = words::face(i18n.lang(), r.face);
            i18n.t_with("rate.given", &[("face", &face)])
        }
    });
    let go = move |to: String| {
        let navigate = navigate.clone();
        move || navigate(&to, Default::default())
    };
    view! {
        <Notice message tone=Tone::Info speak=false />
        {given.map(|text| view! { <p class="lead" data-testid="rating-given">{text}</p> })}
        <div class="actions">
            <BigButton
                label=move || i18n.t("rate.back_to_booking")
                icon=IconKind::Bookings
                on_press=go(format!("/bookings/{id}"))
                testid="way-forward"
            />
            <BigButton
                label=move || i18n.t("report.title")
                icon=IconKind::Flag
                kind=ButtonKind::Secondary
                on_press=go(format!("/bookings/{id}/problem"))
            />
        </div>
    }
}
