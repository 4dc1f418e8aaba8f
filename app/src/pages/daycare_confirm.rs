//! `/daycare/:session/:transport`: the confirm screen for day care. It repeats the whole
//! booking — centre, address, day, time, pick-up, the price split from the platform and
//! until when it can be cancelled — and speaks it; one full-width Confirm.

use api::{CreateBookingRequest, DaycareCentre, DaycareSession, Lang, PriceSplit};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::components::ProviderCard;
use crate::components::{Loading, Screen};
use crate::dates;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::offline::Summary;
use crate::offline::reader::use_reader;
use crate::pages::care::{ConfirmCare, FactRows, Row, TimeGone, load_session};
use crate::pages::daycare_transport::{session_headline, transport_slug};
use crate::pages::{LoadProblem, id_param, signed_out_home};
use crate::problems::Service;
use crate::state::use_session;
use crate::words;

/// A day-care session about to be booked, in words.
#[derive(Debug, Clone, PartialEq)]
struct DaycareFacts {
    centre: DaycareCentre,
    session: DaycareSession,
    transport: bool,
    price: PriceSplit,
}

impl DaycareFacts {
    /// `None` when pick-up was asked for but is not (or no longer) offered.
    fn new(centre: DaycareCentre, session: DaycareSession, transport: bool) -> Option<Self> {
        let price = if transport {
            session.transport.as_ref()?.price.clone()
        } else {
            session.price.clone()
        };
        Some(DaycareFacts {
            centre,
            session,
            transport,
            price,
        })
    }

    /// The booking as its "waiting to send" row names it, should it go to the outbox.
    fn summary(&self) -> Summary {
        let period = self.session.period;
        Summary::worded(self.session.starts_at, |lang| {
            tr_with(
                lang,
                "bookings.what_daycare",
                &[("period", &words::daycare_period(lang, period))],
            )
        })
    }

    fn transport_words(&self, lang: Lang) -> String {
        if self.transport {
            tr(lang, "care.transport_yes")
        } else {
            tr(lang, "care.transport_no")
        }
    }

    fn cancel_by(&self, lang: Lang) -> String {
        let by = &self.session.cancel_by;
        dates::moment_label(lang, by, dates::today_for(by))
    }

    fn spoken(&self, lang: Lang) -> String {
        let s = &self.session;
        let money = |f| words::money(lang, f);
        let mut out = tr_with(
            lang,
            "care.say_daycare",
            &[
                ("what", &session_headline(lang, s)),
                ("time", &dates::time_range(lang, &s.starts_at, &s.ends_at)),
                ("centre", self.centre.name.get(lang)),
                ("address", self.centre.address.get(lang)),
                ("transport", &self.transport_words(lang)),
            ],
        );
        let p = &self.price;
        out += &tr_with(
            lang,
            "facts.say_price",
            &[
                ("full", &money(p.full_price)),
                ("subsidy", &money(p.subsidy)),
                ("pay", &money(p.you_pay)),
            ],
        );
        if p.delivery_fee.0 != 0 {
            out += &tr_with(
                lang,
                "care.say_transport_fee",
                &[("fee", &money(p.delivery_fee))],
            );
        }
        out + &tr_with(
            lang,
            "facts.say_cancel",
            &[("moment", &self.cancel_by(lang))],
        )
    }

    fn rows(&self, lang: Lang) -> Vec<Row> {
        let s = &self.session;
        let p = &self.price;
        let money = |f| words::money(lang, f);
        let mut rows = vec![
            (
                tr(lang, "facts.when"),
                session_headline(lang, s),
                "fact-when",
                false,
            ),
            (
                tr(lang, "facts.time"),
                dates::time_range(lang, &s.starts_at, &s.ends_at),
                "fact-time",
                false,
            ),
            (
                tr(lang, "care.centre"),
                self.centre.name.get(lang).to_owned(),
                "fact-centre",
                false,
            ),
            (
                tr(lang, "facts.address"),
                self.centre.address.get(lang).to_owned(),
                "fact-address",
                false,
            ),
            (
                tr(lang, "care.transport"),
                self.transport_words(lang),
                "fact-transport",
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
        ];
        if p.delivery_fee.0 != 0 {
            rows.push((
                tr(lang, "price.transport_fee"),
                money(p.delivery_fee),
                "fact-transport-fee",
                false,
            ));
        }
        rows.push((
            tr(lang, "price.you_pay"),
            money(p.you_pay),
            "fact-you-pay",
            true,
        ));
        rows.push((
            tr(lang, "facts.cancel_by"),
            self.cancel_by(lang),
            "fact-cancel-by",
            false,
        ));
        rows
    }
}

#[component]
pub fn DaycareConfirm() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let id = id_param("session").unwrap_or_default();
    let transport = use_params_map().with_untracked(|p| {
        p.get("transport").and_then(|slug| {
            [true, false]
                .into_iter()
                .find(|t| transport_slug(*t) == slug)
        })
    });
    let Some(transport) = transport else {
        return view! { <Redirect path=format!("/daycare/{id}") /> }.into_any();
    };
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let found = load_session(&reader, id).await?;
            Ok::<_, api::ApiError>(found.and_then(|(centre, s)| {
                DaycareFacts::new(centre, s, transport).filter(|f| f.session.open)
            }))
        }
    });
    let on_behalf = signed_in
        .is_on_behalf()
        .then_some(signed_in.elder.name.clone());
    let title = move || i18n.t("confirm.title");
    let say = move || match data.get() {
        Some(Ok(Some(facts))) => format!(
            "{} {}{}",
            title(),
            facts.spoken(i18n.lang()),
            i18n.t("confirm.say_press")
        ),
        _ => title(),
    };
    view! {
        <Screen title say back=format!("/daycare/{id}") class="confirm">
            {on_behalf.map(|elder| view! {
                <p class="on-behalf">{move || i18n.t_with("home.on_behalf", &[("elder", &elder)])}</p>
            })}
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <TimeGone to="/daycare".to_owned() /> }.into_any(),
                Some(Ok(Some(facts))) => {
                    let session_id = facts.session.id;
                    let card = facts.centre.provider.clone();
                    let summary = facts.summary();
                    view! {
                        <FactRows rows=move |lang| facts.rows(lang) />
                        <ConfirmCare
                            request=move || CreateBookingRequest::Daycare { session_id, transport }
                            summary=summary
                            service=Service::Daycare
                            again="/daycare".to_owned()
                            transport=format!("/daycare/{session_id}")
                        />
                        <ProviderCard card />
                    }
                    .into_any()
                }
            }}
        </Screen>
    }
    .into_any()
}
