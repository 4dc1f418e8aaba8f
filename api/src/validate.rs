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

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// Field errors for a staff sign-in, empty when it is valid.
pub fn staff_sign_in(phone: &str, password: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if account(phone) != Some(AccountKind::Phone) {
        errors.push(field("phone", "phone-format"));
    }
    if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&password.chars().count()) {
        errors.push(field("password", "password-length"));
    }
    errors
}

/// Longest visit address and note, in characters (a Chinese address is rarely over 40).
pub const ADDRESS_MAX: usize = 100;
pub const NOTE_MAX: usize = 200;
/// Longest worker name, in characters.
pub const WORKER_MAX: usize = 40;
/// Longest rating comment, complaint text or staff reply, in characters.
pub const COMMENT_MAX: usize = 200;

fn field(name: &str, code: &str) -> FieldError {
    FieldError {
        field: name.into(),
        code: code.into(),
    }
}

/// Text a person typed: `max` characters at most, no control characters except (for notes)
/// line breaks. Returns the code of what is wrong.
fn typed_text(s: &str, max: usize, allow_newlines: bool) -> Option<&'static str> {
    if s.trim().is_empty() {
        Some("empty")
    } else if s.chars().count() > max {
        Some("too-long")
    } else if s
        .chars()
        .any(|c| c.is_control() && !(allow_newlines && c == '\n'))
    {
        Some("control-characters")
    } else {
        None
    }
}

/// Field errors for a home-visit request's address and note, empty when they are valid.
/// Absent means "the address on file" and "no note".
pub fn visit(address: Option<&str>, note: Option<&str>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(code) = address.and_then(|a| typed_text(a, ADDRESS_MAX, false)) {
        errors.push(field("address", &format!("address-{code}")));
    }
    if let Some(code) = note.and_then(|n| typed_text(n, NOTE_MAX, true)) {
        errors.push(field("note", &format!("note-{code}")));
    }
    errors
}

/// Field errors for a meal delivery address (absent means "the address on file").
pub fn delivery_address(address: Option<&str>) -> Vec<FieldError> {
    match address.and_then(|a| typed_text(a, ADDRESS_MAX, false)) {
        Some(code) => vec![field("address", &format!("address-{code}"))],
        None => Vec::new(),
    }
}

/// Field errors for optional free text after a service: a rating's comment, a complaint's
/// words or a staff reply (`name` is the field). Absent is fine; present must be real text.
pub fn comment(name: &str, text: Option<&str>) -> Vec<FieldError> {
    match text.and_then(|t| typed_text(t, COMMENT_MAX, true)) {
        Some(code) => vec![field(name, &format!("{name}-{code}"))],
        None => Vec::new(),
    }
}

/// Field errors for the name of the worker assigned to a visit.
pub fn worker(name: &str) -> Vec<FieldError> {
    match typed_text(name, WORKER_MAX, false) {
        Some(code) => vec![field("worker", &format!("worker-{code}"))],
        None => Vec::new(),
    }
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
    fn staff_sign_in_needs_a_phone_and_a_real_password() {
        assert!(staff_sign_in("13700000001", "linli-staff-2026").is_empty());
        let fields: Vec<_> = staff_sign_in("10000001", "short")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["phone", "password"]);
    }

    #[test]
    fn visit_address_and_note_lengths() {
        assert!(visit(None, None).is_empty());
        assert!(visit(Some("阳光社区 5 号楼 302"), Some("请先打电话\n谢谢")).is_empty());
        let long_address = "路".repeat(ADDRESS_MAX + 1);
        let codes: Vec<_> = visit(Some(&long_address), Some("  "))
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["address-too-long", "note-empty"]);
        assert!(
            visit(
                Some(&"路".repeat(ADDRESS_MAX)),
                Some(&"字".repeat(NOTE_MAX))
            )
            .is_empty()
        );
        assert_eq!(
            visit(Some("5 号楼\n302"), None)[0].code,
            "address-control-characters"
        );
    }

    #[test]
    fn worker_names() {
        assert!(worker("赵师傅").is_empty());
        assert_eq!(worker("")[0].code, "worker-empty");
        assert_eq!(
            worker(&"王".repeat(WORKER_MAX + 1))[0].code,
            "worker-too-long"
        );
    }

    #[test]
    fn comments_and_delivery_addresses() {
        assert!(comment("comment", None).is_empty());
        assert!(comment("comment", Some("饭菜很好\n谢谢")).is_empty());
        assert_eq!(comment("comment", Some(" "))[0].code, "comment-empty");
        assert_eq!(
            comment("text", Some(&"字".repeat(COMMENT_MAX + 1)))[0].code,
            "text-too-long"
        );
        assert!(delivery_address(Some("阳光社区 3 号楼 101")).is_empty());
        assert_eq!(delivery_address(Some(""))[0].code, "address-empty");
    }

    #[test]
    fn idempotency_keys() {
        assert!(idempotency_key("abcdef0123456789"));
        assert!(!idempotency_key("short"));
        assert!(!idempotency_key("has space in it"));
        assert!(!idempotency_key(&"x".repeat(65)));
    }
}
