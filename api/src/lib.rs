//! The contract between Linli and the community care platform.
//!
//! Types are plain serde structs named after the domain (`Booking`, `MealSlot`)
//! or `*Request` / `*Response`. Validation lives in [`validate`] so the app checks
//! input before sending and the server re-checks it with the same code.
//! [`Client`] is the one typed REST client, compiled for wasm32 and native.

pub mod activity;
pub mod bookings;
pub mod daycare;
pub mod family;
pub mod feedback;
pub mod help;
pub mod meals;
pub mod meetings;
pub mod money;
pub mod problem;
pub mod profile;
pub mod providers;
pub mod session;
pub mod settings;
pub mod signal;
pub mod text;
pub mod validate;
pub mod validate_meetings;
pub mod visits;

#[cfg(feature = "client")]
mod client;

pub use activity::*;
pub use bookings::*;
pub use daycare::*;
pub use family::*;
pub use feedback::*;
pub use help::*;
pub use meals::*;
pub use meetings::*;
pub use money::*;
pub use problem::*;
pub use profile::*;
pub use providers::*;
pub use session::*;
pub use settings::*;
pub use text::*;
pub use visits::*;

#[cfg(feature = "client")]
pub use client::{ApiError, Client};

/// Path prefix of every versioned endpoint.
pub const API_PREFIX: &str = "/api/v1";

/// Header naming the elder a request acts for (ARCHITECTURE.md: every request
/// acts as a principal *for an elder*, explicitly).
pub const ACTING_FOR_HEADER: &str = "acting-for";

/// Header that makes a change safe to retry (draft-ietf-httpapi-idempotency-key-header).
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

/// Database id of a person (elder, family member or staff).
pub type PersonId = i64;
