use serde::{Deserialize, Serialize};

use crate::{DietTag, PersonRef};

/// `GET /profile`: what the platform knows about the elder acted for that shapes a booking:
/// the address a meal or a worker comes to, and the standing dietary needs that highlight
/// matching dishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ElderProfile {
    pub person: PersonRef,
    /// The home address on file, if any; a booking may give another for one visit or delivery.
    pub address: Option<String>,
    /// Standing dietary needs (soft food, low salt…), from the elder's care assessment.
    pub diet: Vec<DietTag>,
}
