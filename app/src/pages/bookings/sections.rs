//! My bookings in two parts: what is still to come, grouped by day (soonest first), and
//! what is over or cancelled, most recent first.

use api::Booking;
use chrono::NaiveDate;

/// The bookings of one day, in the order they start.
#[derive(Debug, Clone, PartialEq)]
pub struct DayGroup {
    pub date: NaiveDate,
    pub bookings: Vec<Booking>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sections {
    /// Pending and booked, by day.
    pub upcoming: Vec<DayGroup>,
    /// Done, missed and cancelled, most recent first.
    pub past: Vec<Booking>,
}

impl Sections {
    pub fn upcoming_count(&self) -> usize {
        self.upcoming.iter().map(|d| d.bookings.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.upcoming.is_empty() && self.past.is_empty()
    }
}

/// Splits the elder's bookings into upcoming (grouped by the day, in the community's time
/// zone, that each starts) and past.
pub fn sections(list: Vec<Booking>) -> Sections {
    let (mut upcoming, mut past): (Vec<Booking>, Vec<Booking>) =
        list.into_iter().partition(Booking::is_active);
    upcoming.sort_by_key(|b| (b.starts_at(), b.id));
    past.sort_by_key(|b| std::cmp::Reverse((b.starts_at(), b.id)));
    let mut days: Vec<DayGroup> = Vec::new();
    for booking in upcoming {
        let date = booking.starts_at().date_naive();
        match days.last_mut() {
            Some(day) if day.date == date => day.bookings.push(booking),
            _ => days.push(DayGroup {
                date,
                bookings: vec![booking],
            }),
        }
    }
    Sections {
        upcoming: days,
        past,
    }
}
