//! Provider cards: the columns every canteen, day-care centre, visit provider and booking
//! query selects so the API can say who runs a service, who supervises it and who pays.

use api::{ProviderCard, Text};

/// The card's columns, flattened into each row that carries one. Queries name them
/// `organisation_zh`, `organisation_en`, `committee_zh`, `committee_en`, `hotline`,
/// `funding_zh`, `funding_en` and `government_purchased`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProviderRow {
    pub organisation_zh: String,
    pub organisation_en: String,
    pub committee_zh: String,
    pub committee_en: String,
    pub hotline: String,
    pub funding_zh: String,
    pub funding_en: String,
    pub government_purchased: bool,
}

impl ProviderRow {
    pub fn card(&self) -> ProviderCard {
        ProviderCard {
            organisation: Text::new(&self.organisation_zh, &self.organisation_en),
            committee: Text::new(&self.committee_zh, &self.committee_en),
            hotline: self.hotline.clone(),
            funding: Text::new(&self.funding_zh, &self.funding_en),
            government_purchased: self.government_purchased,
        }
    }
}
