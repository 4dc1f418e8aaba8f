//! The domain in words: meals, ways to get them, booking statuses and money.
//! Money is only formatted here, never computed (ARCHITECTURE.md).

use api::{
    BookingStatus, DaycarePeriod, DietTag, Fen, Fulfilment, Lang, MealKind, PriceSplit, VisitKind,
    VisitStage,
};

use crate::i18n::{tr, tr_with};

pub fn meal(lang: Lang, kind: MealKind) -> String {
    match kind {
        MealKind::Lunch => tr(lang, "meal.lunch"),
        MealKind::Dinner => tr(lang, "meal.dinner"),
    }
}

pub fn fulfilment(lang: Lang, how: Fulfilment) -> String {
    match how {
        Fulfilment::DineIn => tr(lang, "fulfilment.dine_in"),
        Fulfilment::Pickup => tr(lang, "fulfilment.pickup"),
        Fulfilment::Delivery => tr(lang, "fulfilment.delivery"),
    }
}

/// "政府补贴 ¥10.00，您付 ¥30.00", or just what the elder pays when nothing is subsidised.
pub fn price_line(lang: Lang, price: &PriceSplit) -> String {
    let pay = money(lang, price.you_pay);
    if price.subsidy.0 > 0 {
        tr_with(
            lang,
            "price.line",
            &[("subsidy", &money(lang, price.subsidy)), ("pay", &pay)],
        )
    } else {
        tr_with(lang, "slots.you_pay", &[("amount", &pay)])
    }
}

/// A dietary tag in two to four characters (软烂, 低盐…), always shown beside its icon.
pub fn diet(lang: Lang, tag: DietTag) -> String {
    match tag {
        DietTag::Soft => tr(lang, "diet.soft"),
        DietTag::LowSalt => tr(lang, "diet.low_salt"),
        DietTag::LowSugar => tr(lang, "diet.low_sugar"),
        DietTag::LowFat => tr(lang, "diet.low_fat"),
        DietTag::Vegetarian => tr(lang, "diet.vegetarian"),
        DietTag::Halal => tr(lang, "diet.halal"),
    }
}

/// One line on what each way means, under its name.
pub fn fulfilment_hint(lang: Lang, how: Fulfilment) -> String {
    match how {
        Fulfilment::DineIn => tr(lang, "fulfilment.dine_in_hint"),
        Fulfilment::Pickup => tr(lang, "fulfilment.pickup_hint"),
        Fulfilment::Delivery => tr(lang, "fulfilment.delivery_hint"),
    }
}

/// The URL segment for a way of getting a meal.
pub fn fulfilment_slug(how: Fulfilment) -> &'static str {
    match how {
        Fulfilment::DineIn => "dine-in",
        Fulfilment::Pickup => "pickup",
        Fulfilment::Delivery => "delivery",
    }
}

pub fn fulfilment_from_slug(slug: &str) -> Option<Fulfilment> {
    Fulfilment::ALL
        .into_iter()
        .find(|f| fulfilment_slug(*f) == slug)
}

pub fn status(lang: Lang, status: BookingStatus) -> String {
    match status {
        BookingStatus::Pending => tr(lang, "status.pending"),
        BookingStatus::Booked => tr(lang, "status.booked"),
        BookingStatus::Arrived => tr(lang, "status.arrived"),
        BookingStatus::Fulfilled => tr(lang, "status.fulfilled"),
        BookingStatus::Cancelled => tr(lang, "status.cancelled"),
        BookingStatus::Noshow => tr(lang, "status.noshow"),
    }
}

pub fn daycare_period(lang: Lang, period: DaycarePeriod) -> String {
    match period {
        DaycarePeriod::Morning => tr(lang, "daycare.morning"),
        DaycarePeriod::Afternoon => tr(lang, "daycare.afternoon"),
        DaycarePeriod::FullDay => tr(lang, "daycare.full_day"),
    }
}

pub fn visit_kind(lang: Lang, kind: VisitKind) -> String {
    match kind {
        VisitKind::Cleaning => tr(lang, "visit.cleaning"),
        VisitKind::Bathing => tr(lang, "visit.bathing"),
        VisitKind::Nursing => tr(lang, "visit.nursing"),
        VisitKind::Companionship => tr(lang, "visit.companionship"),
        VisitKind::Repairs => tr(lang, "visit.repairs"),
        VisitKind::Haircut => tr(lang, "visit.haircut"),
        VisitKind::Errands => tr(lang, "visit.errands"),
    }
}

/// Where a home visit stands, in the elder's words.
pub fn visit_stage(lang: Lang, stage: VisitStage) -> String {
    match stage {
        VisitStage::Requested => tr(lang, "visit_stage.requested"),
        VisitStage::Assigned => tr(lang, "visit_stage.assigned"),
        VisitStage::OnTheWay => tr(lang, "visit_stage.on_the_way"),
        VisitStage::Done => tr(lang, "visit_stage.done"),
        VisitStage::Cancelled => tr(lang, "visit_stage.cancelled"),
        VisitStage::Missed => tr(lang, "visit_stage.missed"),
    }
}

/// "5.00元" / "¥5.00".
pub fn money(lang: Lang, amount: Fen) -> String {
    tr_with(lang, "money.yuan", &[("amount", &amount.yuan())])
}

/// A person with a word in brackets: "王秀英（妈妈）" / "王秀英 (妈妈)"; the name alone without it.
pub fn name_with(lang: Lang, name: &str, extra: Option<&str>) -> String {
    match extra.map(str::trim).filter(|e| !e.is_empty()) {
        Some(extra) if lang == Lang::En => format!("{name} ({extra})"),
        Some(extra) => format!("{name}（{extra}）"),
        None => name.to_owned(),
    }
}

/// Who someone is to the elder, in `lang`: "女儿" / "daughter"; their own words for "other".
pub fn relation(lang: Lang, relation: &api::Relation) -> String {
    let label = relation.label();
    match lang {
        Lang::ZhCn => label.zh,
        Lang::En => label.en,
    }
}

/// A family member or staff member as the elder knows them: "王丽（女儿）" / "王丽 (daughter)".
pub fn person(lang: Lang, who: &api::PersonRef) -> String {
    let rel = who.relation.as_ref().map(|r| relation(lang, r));
    name_with(lang, &who.name, rel.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for f in Fulfilment::ALL {
            assert_eq!(fulfilment_from_slug(fulfilment_slug(f)), Some(f));
        }
        assert_eq!(fulfilment_from_slug("teleport"), None);
    }

    #[test]
    fn money_in_both_languages() {
        assert_eq!(money(Lang::ZhCn, Fen(500)), "5.00元");
        assert_eq!(money(Lang::En, Fen(1250)), "¥12.50");
    }
}
