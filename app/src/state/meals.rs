//! What the meal flow has loaded, so each step of "when → how → confirm" can
//! show what was chosen without asking the platform again. Prices are per
//! elder, so all of it is wiped at sign-out.

use api::{Booking, Canteen, ElderProfile, MealSlot};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct MealsCtx {
    pub canteens: RwSignal<Option<Vec<Canteen>>>,
    pub slots: RwSignal<Vec<MealSlot>>,
    pub bookings: RwSignal<Vec<Booking>>,
    /// The elder's address and dietary needs (personal: wiped with the rest).
    pub profile: RwSignal<Option<ElderProfile>>,
}

impl Default for MealsCtx {
    fn default() -> Self {
        Self::new()
    }
}

impl MealsCtx {
    pub fn new() -> Self {
        MealsCtx {
            canteens: RwSignal::new(None),
            slots: RwSignal::new(Vec::new()),
            bookings: RwSignal::new(Vec::new()),
            profile: RwSignal::new(None),
        }
    }

    pub fn clear(&self) {
        self.canteens.set(None);
        self.slots.set(Vec::new());
        self.bookings.set(Vec::new());
        self.profile.set(None);
    }

    pub fn canteen(&self, id: i64) -> Option<Canteen> {
        self.canteens
            .with_untracked(|c| c.as_ref()?.iter().find(|c| c.id == id).cloned())
    }

    pub fn slot(&self, id: i64) -> Option<MealSlot> {
        self.slots
            .with_untracked(|s| s.iter().find(|s| s.id == id).cloned())
    }

    /// Adds freshly loaded slots, replacing older copies of the same slots.
    pub fn remember_slots(&self, fresh: &[MealSlot]) {
        self.slots.update(|slots| {
            slots.retain(|s| !fresh.iter().any(|f| f.id == s.id));
            slots.extend(fresh.iter().cloned());
        });
    }

    pub fn booking(&self, id: i64) -> Option<Booking> {
        self.bookings
            .with_untracked(|b| b.iter().find(|b| b.id == id).cloned())
    }

    pub fn remember_booking(&self, booking: &Booking) {
        self.bookings.update(|list| {
            list.retain(|b| b.id != booking.id);
            list.push(booking.clone());
        });
    }
}
