//! Meal subsidies by eligibility. The platform, not the app, splits every price
//! (ARCHITECTURE.md: the app never computes money).

use api::{Fen, PriceSplit};
use chrono::{Datelike, NaiveDate};

/// Subsidy categories. Age bands are derived from the birth date on the day of the
/// service; the others are standing eligibility recorded by the community.
pub const AGE_60: &str = "age_60";
pub const AGE_80: &str = "age_80";
pub const AGE_90: &str = "age_90";
pub const STANDING: [&str; 4] = ["dibao", "low_income", "disability", "lives_alone"];

/// Whole years between `birth` and `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Every category that applies to an elder on a day.
pub fn categories(birth: Option<NaiveDate>, standing: &[String], on: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = standing.to_vec();
    if let Some(age) = birth.map(|b| age_on(b, on)) {
        for (min, band) in [(60, AGE_60), (80, AGE_80), (90, AGE_90)] {
            if age >= min {
                out.push(band.to_owned());
            }
        }
    }
    out
}

/// The subsidy is the largest single amount any applicable rule grants (rules do not stack),
/// never more than the price.
pub fn subsidy(rules: &[(String, i64)], categories: &[String], price: Fen) -> Fen {
    let best = rules
        .iter()
        .filter(|(cat, _)| categories.contains(cat))
        .map(|(_, amount)| *amount)
        .max()
        .unwrap_or(0);
    Fen(best.clamp(0, price.0))
}

pub fn split(price: Fen, subsidy: Fen, delivery_fee: Fen) -> PriceSplit {
    PriceSplit {
        full_price: price,
        subsidy,
        delivery_fee,
        you_pay: Fen(price.0 - subsidy.0 + delivery_fee.0),
    }
}

/// An elder's standing in the subsidy rules, loaded once per request.
#[derive(Debug, Clone, Default)]
pub struct ElderPricing {
    pub rules: Vec<(String, i64)>,
    pub standing: Vec<String>,
    pub birth: Option<NaiveDate>,
}

impl ElderPricing {
    /// The split for a service on `date` costing `price`, plus any delivery fee.
    pub fn split(&self, date: NaiveDate, price: Fen, delivery_fee: Fen) -> PriceSplit {
        let cats = categories(self.birth, &self.standing, date);
        split(price, subsidy(&self.rules, &cats, price), delivery_fee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rules() -> Vec<(String, i64)> {
        [
            (AGE_60, 100),
            (AGE_80, 300),
            (AGE_90, 500),
            ("dibao", 800),
            ("lives_alone", 200),
        ]
        .into_iter()
        .map(|(c, a)| (c.to_owned(), a))
        .collect()
    }

    #[test]
    fn age_counts_whole_years_up_to_the_birthday() {
        assert_eq!(age_on(d("1946-11-24"), d("2026-11-23")), 79);
        assert_eq!(age_on(d("1946-11-24"), d("2026-11-24")), 80);
    }

    #[test]
    fn largest_rule_wins_and_rules_do_not_stack() {
        let cats = categories(
            Some(d("1944-03-01")),
            &["lives_alone".into()],
            d("2026-11-24"),
        );
        assert_eq!(subsidy(&rules(), &cats, Fen(1500)), Fen(300));
        let cats = categories(Some(d("1951-01-01")), &["dibao".into()], d("2026-11-24"));
        assert_eq!(subsidy(&rules(), &cats, Fen(1500)), Fen(800));
    }

    #[test]
    fn under_sixty_without_eligibility_pays_in_full() {
        let cats = categories(Some(d("1970-01-01")), &[], d("2026-11-24"));
        assert_eq!(subsidy(&rules(), &cats, Fen(1500)), Fen(0));
    }

    #[test]
    fn subsidy_never_exceeds_the_price() {
        let cats = vec!["dibao".to_owned()];
        assert_eq!(subsidy(&rules(), &cats, Fen(500)), Fen(500));
    }

    #[test]
    fn split_adds_the_delivery_fee_to_what_the_elder_pays() {
        let s = split(Fen(1500), Fen(300), Fen(300));
        assert_eq!(s.you_pay, Fen(1500));
        assert_eq!(split(Fen(1500), Fen(300), Fen(0)).you_pay, Fen(1200));
    }
}
