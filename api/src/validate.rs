//! Input rules shared by the app (checks before sending) and the server (re-checks).

use crate::FieldError;

/// What a sign-in account string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// Community service card: 8 digits.
    Card,
    /// Mainland mobile number: 11 digits starting with 1.
    Phone,
}

pub const CARD_LEN: usize = 8;
pub const PHONE_LEN: usize = 11;
pub const PIN_LEN: usize = 6;

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Classify a card or phone number; `None` when it is neither.
pub fn account(s: &str) -> Option<AccountKind> {
    if !all_digits(s) {
        return None;
    }
    match s.len() {
        CARD_LEN => Some(AccountKind::Card),
        PHONE_LEN if s.starts_with('1') => Some(AccountKind::Phone),
        _ => None,
    }
}

pub fn pin(s: &str) -> bool {
    s.len() == PIN_LEN && all_digits(s)
}

/// Field errors for a sign-in request, empty when it is valid.
pub fn sign_in(account_str: &str, pin_str: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if account(account_str).is_none() {
        errors.push(FieldError {
            field: "account".into(),
            code: "account-format".into(),
        });
    }
    if !pin(pin_str) {
        errors.push(FieldError {
            field: "pin".into(),
            code: "pin-format".into(),
        });
    }
    errors
}

/// Idempotency keys: 8–64 visible ASCII characters, no spaces.
pub fn idempotency_key(s: &str) -> bool {
    (8..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts() {
        assert_eq!(account("10000001"), Some(AccountKind::Card));
        assert_eq!(account("13800000001"), Some(AccountKind::Phone));
        assert_eq!(account("23800000001"), None);
        assert_eq!(account("1234567"), None);
        assert_eq!(account("1000000a"), None);
        assert_eq!(account(""), None);
    }

    #[test]
    fn pins() {
        assert!(pin("123456"));
        assert!(!pin("12345"));
        assert!(!pin("12345a"));
        assert!(!pin("１２３４５６"));
    }

    #[test]
    fn sign_in_reports_each_bad_field() {
        assert!(sign_in("10000001", "123456").is_empty());
        let codes: Vec<_> = sign_in("x", "1").into_iter().map(|e| e.field).collect();
        assert_eq!(codes, ["account", "pin"]);
    }

    #[test]
    fn idempotency_keys() {
        assert!(idempotency_key("abcdef0123456789"));
        assert!(!idempotency_key("short"));
        assert!(!idempotency_key("has space in it"));
        assert!(!idempotency_key(&"x".repeat(65)));
    }
}
