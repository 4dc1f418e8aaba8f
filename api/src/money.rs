use serde::{Deserialize, Serialize};

/// An amount in fen (1/100 yuan). Money is always integral; the app only
/// formats it, it never computes it (ARCHITECTURE.md: prices come from the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// "12.50" — yuan with two decimals, without the currency sign.
    pub fn yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// What a service costs and who pays, split by the server from the elder's eligibility.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceSplit {
    /// The price before any subsidy.
    pub full_price: Fen,
    /// What the government subsidy covers.
    pub subsidy: Fen,
    /// Extra charged for bringing the service or the elder: meal delivery or day-care
    /// transport (zero otherwise).
    pub delivery_fee: Fen,
    /// What the elder pays: full price − subsidy + delivery (or transport) fee.
    pub you_pay: Fen,
}

#[cfg(test)]
mod tests {
    use super::Fen;

    #[test]
    fn formats_yuan_with_two_decimals() {
        assert_eq!(Fen(1500).yuan(), "15.00");
        assert_eq!(Fen(5).yuan(), "0.05");
        assert_eq!(Fen(0).yuan(), "0.00");
        assert_eq!(Fen(-250).yuan(), "-2.50");
    }
}
