//! A meal booking in words, the same on the confirm, success, list and cancel
//! screens: what, when, where, how, what it costs and until when it can be
//! cancelled (UX.md: the confirm screen repeats the whole booking and speaks it).

use api::{
    BookedService, Booking, Canteen, Fulfilment, Lang, MealKind, MealSlot, PriceSplit, Text,
};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

use crate::dates;
use crate::i18n::{tr, tr_with, use_i18n};
use crate::words;

#[derive(Debug, Clone, PartialEq)]
pub struct MealFacts {
    pub canteen: Text,
    pub address: Text,
    pub meal: MealKind,
    pub serve_from: DateTime<FixedOffset>,
    pub serve_until: DateTime<FixedOffset>,
    pub dishes: Vec<Text>,
    pub fulfilment: Option<Fulfilment>,
    pub price: Option<PriceSplit>,
    pub cancel_by: Option<DateTime<FixedOffset>>,
}

impl MealFacts {
    /// A slot before booking; `how` once the elder has chosen it.
    pub fn for_slot(slot: &MealSlot, canteen: Option<&Canteen>, how: Option<Fulfilment>) -> Self {
        let offer = how.and_then(|f| slot.offer(f));
        MealFacts {
            canteen: canteen.map(|c| c.name.clone()).unwrap_or_default(),
            address: canteen.map(|c| c.address.clone()).unwrap_or_default(),
            meal: slot.meal,
            serve_from: slot.serve_from,
            serve_until: slot.serve_until,
            dishes: slot.dishes.iter().map(|d| d.name.clone()).collect(),
            fulfilment: offer.map(|o| o.fulfilment),
            price: offer.map(|o| o.price.clone()),
            cancel_by: how.map(|_| slot.cancel_by),
        }
    }

    /// The facts of a meal booking; `None` for other kinds of booking.
    pub fn for_booking(booking: &Booking) -> Option<Self> {
        let BookedService::Meal(m) = &booking.service else {
            return None;
        };
        Some(MealFacts {
            canteen: m.canteen.clone(),
            address: m.address.clone(),
            meal: m.meal,
            serve_from: m.serve_from,
            serve_until: m.serve_until,
            dishes: m.dishes.clone(),
            fulfilment: Some(m.fulfilment),
            price: Some(booking.price.clone()),
            cancel_by: booking.can_cancel.then_some(booking.cancel_by),
        })
    }

    fn today(&self) -> chrono::NaiveDate {
        dates::today_for(&self.serve_from)
    }

    /// "明天 11月24日 星期二 午餐" / "Lunch, Tomorrow, Tuesday 24 November".
    pub fn headline(&self, lang: Lang) -> String {
        let day = dates::day_label(lang, self.serve_from.date_naive(), self.today());
        tr_with(
            lang,
            "facts.headline",
            &[("day", &day), ("meal", &words::meal(lang, self.meal))],
        )
    }

    pub fn dishes(&self, lang: Lang) -> String {
        let names: Vec<&str> = self.dishes.iter().map(|d| d.get(lang)).collect();
        names.join(&tr(lang, "common.list_separator"))
    }

    /// The booking as sentences for the voice.
    pub fn spoken(&self, lang: Lang) -> String {
        let time = dates::time_range(lang, &self.serve_from, &self.serve_until);
        let mut out = tr_with(
            lang,
            "facts.say_when",
            &[("what", &self.headline(lang)), ("time", &time)],
        );
        if let Some(how) = self.fulfilment {
            out += &tr_with(
                lang,
                "facts.say_how",
                &[("how", &words::fulfilment(lang, how))],
            );
        }
        out += &tr_with(
            lang,
            "facts.say_where",
            &[
                ("canteen", self.canteen.get(lang)),
                ("address", self.address.get(lang)),
            ],
        );
        if !self.dishes.is_empty() {
            out += &tr_with(lang, "facts.say_dishes", &[("dishes", &self.dishes(lang))]);
        }
        if let Some(p) = &self.price {
            let money = |f| words::money(lang, f);
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
                    "facts.say_delivery_fee",
                    &[("fee", &money(p.delivery_fee))],
                );
            }
        }
        if let Some(by) = &self.cancel_by {
            let moment = dates::moment_label(lang, by, self.today());
            out += &tr_with(lang, "facts.say_cancel", &[("moment", &moment)]);
        }
        out
    }

    /// (label, value, test id, emphasised) rows for the list on screen.
    fn rows(&self, lang: Lang) -> Vec<(String, String, &'static str, bool)> {
        let mut rows = vec![
            (
                tr(lang, "facts.when"),
                self.headline(lang),
                "fact-when",
                false,
            ),
            (
                tr(lang, "facts.time"),
                dates::time_range(lang, &self.serve_from, &self.serve_until),
                "fact-time",
                false,
            ),
            (
                tr(lang, "facts.canteen"),
                self.canteen.get(lang).to_owned(),
                "fact-canteen",
                false,
            ),
            (
                tr(lang, "facts.address"),
                self.address.get(lang).to_owned(),
                "fact-address",
                false,
            ),
        ];
        if !self.dishes.is_empty() {
            rows.push((
                tr(lang, "facts.dishes"),
                self.dishes(lang),
                "fact-dishes",
                false,
            ));
        }
        if let Some(how) = self.fulfilment {
            rows.push((
                tr(lang, "facts.how"),
                words::fulfilment(lang, how),
                "fact-how",
                false,
            ));
        }
        if let Some(p) = &self.price {
            rows.push((
                tr(lang, "price.full"),
                words::money(lang, p.full_price),
                "fact-full-price",
                false,
            ));
            rows.push((
                tr(lang, "price.subsidy"),
                words::money(lang, p.subsidy),
                "fact-subsidy",
                false,
            ));
            if p.delivery_fee.0 != 0 {
                rows.push((
                    tr(lang, "price.delivery_fee"),
                    words::money(lang, p.delivery_fee),
                    "fact-delivery-fee",
                    false,
                ));
            }
            rows.push((
                tr(lang, "price.you_pay"),
                words::money(lang, p.you_pay),
                "fact-you-pay",
                true,
            ));
        }
        if let Some(by) = &self.cancel_by {
            let moment = dates::moment_label(lang, by, self.today());
            rows.push((tr(lang, "facts.cancel_by"), moment, "fact-cancel-by", false));
        }
        rows
    }
}

/// The facts as a description list, re-rendered when the language changes.
#[component]
pub fn Facts(facts: MealFacts) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            {move || {
                facts
                    .rows(i18n.lang())
                    .into_iter()
                    .map(|(label, value, testid, strong)| {
                        view! {
                            <div class="fact" class:fact-strong=strong data-testid=testid>
                                <dt>{label}</dt>
                                <dd>{value}</dd>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </dl>
    }
}
