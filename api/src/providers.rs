use serde::{Deserialize, Serialize};

use crate::Text;

/// Who runs a service and answers for it: the card shown beside every canteen, day-care
/// centre and home-visit provider, and on every booking, so an elder (or the family) always
/// knows whom to call and who pays.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderCard {
    /// The organisation that delivers the service (a canteen operator, a nursing station…).
    pub organisation: Text,
    /// The community committee (居委会) that supervises it.
    pub committee: Text,
    /// The number to call about this service.
    pub hotline: String,
    /// Where the money comes from, in words (e.g. 政府购买服务 / government-purchased service).
    pub funding: Text,
    /// True when the government buys the service (政府购买服务): the app labels it so.
    pub government_purchased: bool,
}
