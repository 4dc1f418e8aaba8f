//! `/visits/:service/:window`: the confirm screen for a home visit. It repeats the service,
//! who sends the worker and who pays, the arrival window and the price split, and speaks
//! it. Where: the home address on file, which the elder may change for this one visit. An
//! optional note for the worker is picked from common phrases with toggle chips (no typing,
//! no extra step), and anything else can be written in a big box.

use api::{CreateBookingRequest, ElderProfile, Lang, VisitService, VisitWindow, validate};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{Loading, ProviderCard, Screen, TextBox};
use crate::dates;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::offline::Summary;
use crate::offline::reader::use_reader;
use crate::pages::address::{AddressChoice, load_profile};
use crate::pages::care::{ConfirmCare, FactRows, Row, TimeGone, load_window};
use crate::pages::{LoadProblem, id_param, signed_out_home};
use crate::problems::Service;
use crate::state::use_session;
use crate::words;

/// The phrases an elder can send to the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    CallFirst,
    KnockLoudly,
    Pets,
}

impl Phrase {
    const ALL: [Phrase; 3] = [Phrase::CallFirst, Phrase::KnockLoudly, Phrase::Pets];

    fn words(self, lang: Lang) -> String {
        match self {
            Phrase::CallFirst => tr(lang, "note.call_first"),
            Phrase::KnockLoudly => tr(lang, "note.knock_loudly"),
            Phrase::Pets => tr(lang, "note.pets"),
        }
    }
}

fn headline(lang: Lang, service: &VisitService, window: &VisitWindow) -> String {
    let day = dates::day_label(lang, window.date, dates::today_for(&window.starts_at));
    tr_with(
        lang,
        "care.visit_headline",
        &[
            ("day", &day),
            ("service", &words::visit_kind(lang, service.kind)),
        ],
    )
}

fn spoken(lang: Lang, service: &VisitService, window: &VisitWindow, address: &str) -> String {
    let money = |f| words::money(lang, f);
    let p = &service.price;
    let cancel = dates::moment_label(lang, &window.cancel_by, dates::today_for(&window.cancel_by));
    tr_with(
        lang,
        "care.say_visit",
        &[
            ("what", &headline(lang, service, window)),
            (
                "time",
                &dates::time_range(lang, &window.starts_at, &window.ends_at),
            ),
            ("provider", service.provider.organisation.get(lang)),
            ("address", address),
        ],
    ) + &tr_with(
        lang,
        "facts.say_price",
        &[
            ("full", &money(p.full_price)),
            ("subsidy", &money(p.subsidy)),
            ("pay", &money(p.you_pay)),
        ],
    ) + &tr_with(lang, "facts.say_cancel", &[("moment", &cancel)])
}

fn rows(lang: Lang, service: &VisitService, window: &VisitWindow) -> Vec<Row> {
    let money = |f| words::money(lang, f);
    let p = &service.price;
    let cancel = dates::moment_label(lang, &window.cancel_by, dates::today_for(&window.cancel_by));
    vec![
        (
            tr(lang, "care.service"),
            words::visit_kind(lang, service.kind),
            "fact-service",
            false,
        ),
        (
            tr(lang, "care.provider"),
            service.provider.organisation.get(lang).to_owned(),
            "fact-provider",
            false,
        ),
        (
            tr(lang, "facts.when"),
            headline(lang, service, window),
            "fact-when",
            false,
        ),
        (
            tr(lang, "care.window"),
            dates::time_range(lang, &window.starts_at, &window.ends_at),
            "fact-time",
            false,
        ),
        (
            tr(lang, "price.full"),
            money(p.full_price),
            "fact-full-price",
            false,
        ),
        (
            tr(lang, "price.subsidy"),
            money(p.subsidy),
            "fact-subsidy",
            false,
        ),
        (
            tr(lang, "price.you_pay"),
            money(p.you_pay),
            "fact-you-pay",
            true,
        ),
        (tr(lang, "facts.cancel_by"), cancel, "fact-cancel-by", false),
    ]
}

#[component]
pub fn VisitConfirm() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let service_id = id_param("service").unwrap_or_default();
    let window_id = id_param("window").unwrap_or_default();
    let meals = expect_context::<crate::state::MealsCtx>();
    // The address typed for this visit; `None` for the one on file.
    let address = RwSignal::new(None::<String>);
    let elder = signed_in.elder.id;
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let found = load_window(&reader, service_id, window_id).await?;
            let profile = load_profile(&reader, meals, elder).await?;
            Ok::<_, api::ApiError>(found.filter(|(_, w)| w.open).map(|(s, w)| (s, w, profile)))
        }
    });
    let on_behalf = signed_in
        .is_on_behalf()
        .then_some(signed_in.elder.name.clone());
    let title = move || i18n.t("confirm.title");
    let say = move || match data.get() {
        Some(Ok(Some((s, w, profile)))) => format!(
            "{} {}{}",
            title(),
            spoken(
                i18n.lang(),
                &s,
                &w,
                &address
                    .get_untracked()
                    .or(profile.address)
                    .unwrap_or_else(|| i18n.t("address.none_on_file")),
            ),
            i18n.t("confirm.say_press")
        ),
        _ => title(),
    };
    let again = format!("/visits/{service_id}");
    view! {
        <Screen title say back=again.clone() class="confirm">
            {on_behalf.map(|elder| view! {
                <p class="on-behalf">{move || i18n.t_with("home.on_behalf", &[("elder", &elder)])}</p>
            })}
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <TimeGone to=again.clone() /> }.into_any(),
                Some(Ok(Some((s, w, profile)))) => {
                    view! { <Confirm service=s window=w profile address again=again.clone() /> }.into_any()
                }
            }}
        </Screen>
    }
    .into_any()
}

/// The note for the worker: the chosen phrases, then the elder's own words, or nothing.
fn note_text(lang: Lang, picked: &[Phrase], typed: &str) -> Option<String> {
    let mut parts: Vec<String> = picked.iter().map(|p| p.words(lang)).collect();
    let typed = typed.trim();
    if !typed.is_empty() {
        parts.push(typed.to_owned());
    }
    let note: String = parts
        .join(&tr(lang, "common.list_separator"))
        .chars()
        .take(validate::NOTE_MAX)
        .collect();
    (!note.is_empty()).then_some(note)
}

#[component]
fn Confirm(
    service: VisitService,
    window: VisitWindow,
    profile: ElderProfile,
    address: RwSignal<Option<String>>,
    again: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(Vec::<Phrase>::new());
    let typed = RwSignal::new(String::new());
    let (service_id, window_id) = (service.id, window.id);
    let provider = service.provider.clone();
    let kind = service.kind;
    let summary = Summary::worded(window.starts_at, |lang| {
        tr_with(
            lang,
            "bookings.what_visit",
            &[("service", &words::visit_kind(lang, kind))],
        )
    });
    // The note goes in the elder's language, as they chose it.
    let note = move || {
        note_text(
            i18n.lang_untracked(),
            &chosen.get_untracked(),
            &typed.get_untracked(),
        )
    };
    view! {
        <FactRows rows=move |lang| rows(lang, &service, &window) />
        <AddressChoice on_file=profile.address chosen=address heading=Signal::derive(move || i18n.t("address.visit_at")) />
        <fieldset class="note-chips">
            <legend>{move || i18n.t("care.note")}</legend>
            {Phrase::ALL
                .into_iter()
                .map(|p| {
                    let pressed = move || chosen.with(|c| c.contains(&p));
                    view! {
                        <button
                            type="button"
                            class="btn btn-tool"
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| chosen.update(|c| match c.iter().position(|x| *x == p) {
                                Some(i) => {
                                    c.remove(i);
                                }
                                None => c.push(p),
                            })
                        >
                            {move || p.words(i18n.lang())}
                        </button>
                    }
                })
                .collect_view()}
        </fieldset>
        <TextBox
            id="note-input"
            label=Signal::derive(move || i18n.t("care.note_own_words"))
            value=typed
            max=validate::NOTE_MAX
            multiline=true
        />
        <ConfirmCare
            request=move || CreateBookingRequest::Visit {
                service_id,
                window_id,
                address: address.get_untracked(),
                note: note(),
            }
            summary
            service=Service::Visit
            again
        />
        <ProviderCard card=provider />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_joins_phrases_and_own_words_and_stays_within_the_limit() {
        assert_eq!(note_text(Lang::En, &[], "  "), None);
        let note = note_text(Lang::En, &[Phrase::CallFirst], "Gate code 12").unwrap_or_default();
        assert!(note.ends_with("Gate code 12"), "{note}");
        assert!(note.len() > "Gate code 12".len(), "{note}");
        let long = "字".repeat(validate::NOTE_MAX * 2);
        let note = note_text(Lang::ZhCn, &[Phrase::Pets], &long).unwrap_or_default();
        assert_eq!(note.chars().count(), validate::NOTE_MAX);
    }
}
