use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{PriceSplit, ProviderCard, Text};

/// A community canteen (长者食堂 / 助餐点).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Canteen {
    pub id: i64,
    pub name: Text,
    pub address: Text,
    pub community: Text,
    pub hotline: String,
    pub offers_delivery: bool,
    /// Who runs the canteen, who supervises it, who pays.
    pub provider: ProviderCard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MealKind {
    Lunch,
    Dinner,
}

/// How the elder gets the meal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fulfilment {
    /// Eat at the canteen (堂食).
    DineIn,
    /// Collect a boxed meal (自取).
    Pickup,
    /// Brought to the elder's home (送餐).
    Delivery,
}

impl Fulfilment {
    pub const ALL: [Fulfilment; 3] = [Fulfilment::DineIn, Fulfilment::Pickup, Fulfilment::Delivery];
}

/// What a dish suits. The app shows each as an icon with a word, and highlights dishes that
/// match the elder's standing needs ([`crate::ElderProfile::diet`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DietTag {
    /// 软烂: easy to chew and swallow.
    Soft,
    /// 低盐
    LowSalt,
    /// 低糖: suits diabetes.
    LowSugar,
    /// 低脂
    LowFat,
    /// 素食
    Vegetarian,
    /// 清真
    Halal,
}

impl DietTag {
    pub const ALL: [DietTag; 6] = [
        DietTag::Soft,
        DietTag::LowSalt,
        DietTag::LowSugar,
        DietTag::LowFat,
        DietTag::Vegetarian,
        DietTag::Halal,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dish {
    pub name: Text,
    /// What the dish suits, in [`DietTag::ALL`] order.
    #[serde(default)]
    pub tags: Vec<DietTag>,
}

impl Dish {
    /// True when the dish suits one of `needs` (an elder's standing dietary needs).
    pub fn suits(&self, needs: &[DietTag]) -> bool {
        self.tags.iter().any(|t| needs.contains(t))
    }
}

/// One way to receive a meal, with its price already split for the elder acted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FulfilmentOffer {
    pub fulfilment: Fulfilment,
    pub price: PriceSplit,
}

/// A bookable meal: one canteen, one day, lunch or dinner, with a fixed number of places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MealSlot {
    pub id: i64,
    pub canteen_id: i64,
    pub date: NaiveDate,
    pub meal: MealKind,
    pub serve_from: DateTime<FixedOffset>,
    pub serve_until: DateTime<FixedOffset>,
    /// Orders close at this moment (the centre's order cutoff).
    pub order_by: DateTime<FixedOffset>,
    /// Bookings can be cancelled until this moment (the centre's cancel cutoff).
    pub cancel_by: DateTime<FixedOffset>,
    pub capacity: u32,
    pub places_left: u32,
    /// True while orders are open and places are left.
    pub open: bool,
    pub dishes: Vec<Dish>,
    pub offers: Vec<FulfilmentOffer>,
}

impl MealSlot {
    pub fn offer(&self, fulfilment: Fulfilment) -> Option<&FulfilmentOffer> {
        self.offers.iter().find(|o| o.fulfilment == fulfilment)
    }
}

/// A date range: `GET /canteens/{id}/slots`, `GET /daycare/centres/{id}/sessions`,
/// `GET /visits/services/{id}/windows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct SlotQuery {
    /// First day (community time zone); defaults to today.
    pub from: Option<NaiveDate>,
    /// Number of days from `from`, 1–14; defaults to 7.
    pub days: Option<u32>,
}
