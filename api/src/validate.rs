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

/// Field errors for a staff or family sign-in (phone number and password), empty when valid.
pub fn staff_sign_in(phone: &str, password: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !self::phone(phone) {
        errors.push(field("phone", "phone-format"));
    }
    if !self::password(password) {
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

pub(crate) fn field(name: &str, code: &str) -> FieldError {
    FieldError {
        field: name.into(),
        code: code.into(),
    }
}

/// Text a person typed: `max` characters at most, no control characters except (for notes)
/// line breaks. Returns the code of what is wrong.
pub(crate) fn typed_text(s: &str, max: usize, allow_newlines: bool) -> Option<&'static str> {
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

/// Mainland mobile number: 11 digits starting with 1.
pub fn phone(s: &str) -> bool {
    account(s) == Some(AccountKind::Phone)
}

/// A password is 8–128 characters (counted as characters, so a Chinese pass-phrase counts fairly).
pub fn password(s: &str) -> bool {
    (PASSWORD_MIN..=PASSWORD_MAX).contains(&s.chars().count())
}

/// Longest name of a family member, in characters.
pub const NAME_MAX: usize = 20;
/// Longest relation in a person's own words, and longest nickname for an elder ("外婆"), in
/// characters: a kinship term, not a sentence.
pub const RELATION_MAX: usize = 10;
pub const NICKNAME_MAX: usize = 10;
pub const LINK_CODE_LEN: usize = 6;

/// Field errors for a family sign-up, empty when it is valid.
pub fn family_sign_up(phone_str: &str, password_str: &str, name: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !phone(phone_str) {
        errors.push(field("phone", "phone-format"));
    }
    if !password(password_str) {
        errors.push(field("password", "password-length"));
    }
    if let Some(code) = typed_text(name, NAME_MAX, false) {
        errors.push(field("name", &format!("name-{code}")));
    }
    errors
}

/// A link code: exactly six ASCII digits.
pub fn link_code(s: &str) -> bool {
    s.len() == LINK_CODE_LEN && all_digits(s)
}

/// Field errors for a relation: a common one, or at most [`RELATION_MAX`] characters of text.
pub fn relation(r: &crate::Relation) -> Vec<FieldError> {
    match r {
        crate::Relation::Other(text) => match typed_text(text, RELATION_MAX, false) {
            Some(code) => vec![field("relation", &format!("relation-{code}"))],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Field errors for what a family member calls the elder (absent is fine).
pub fn nickname(s: Option<&str>) -> Vec<FieldError> {
    match s.and_then(|s| typed_text(s, NICKNAME_MAX, false)) {
        Some(code) => vec![field("elder_nickname", &format!("elder_nickname-{code}"))],
        None => Vec::new(),
    }
}

/// Field errors for link permissions: booking or cancelling needs seeing (nobody acts blind).
pub fn link_permissions(p: &crate::LinkPermissions) -> Vec<FieldError> {
    if (p.book || p.cancel) && !p.view {
        vec![field("permissions", "permissions-need-view")]
    } else {
        Vec::new()
    }
}

/// Field errors for a family member entering an elder's code, empty when it is valid.
pub fn link_request(r: &crate::LinkRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !link_code(&r.code) {
        errors.push(field("code", "code-format"));
    }
    errors.extend(relation(&r.relation));
    errors.extend(nickname(r.elder_nickname.as_deref()));
    errors
}

/// Field errors for staff linking a family account, empty when it is valid.
pub fn staff_link(r: &crate::StaffLinkRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !phone(&r.family_phone) {
        errors.push(field("family_phone", "phone-format"));
    }
    errors.extend(relation(&r.relation));
    errors.extend(link_permissions(&r.permissions));
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
    fn family_sign_up_fields() {
        assert!(family_sign_up("13900000009", "12345678", "王丽").is_empty());
        assert!(family_sign_up("13900000009", "密码八个字符长吗", "王丽").is_empty());
        let codes: Vec<_> = family_sign_up("1390000000", "1234567", " ")
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["phone-format", "password-length", "name-empty"]);
        assert_eq!(
            family_sign_up("13900000009", "12345678", &"王".repeat(NAME_MAX + 1))[0].code,
            "name-too-long"
        );
    }

    #[test]
    fn link_codes_relations_and_permissions() {
        use crate::{LinkPermissions, LinkRequest, Relation};
        assert!(link_code("012345"));
        assert!(!link_code("12345"));
        assert!(!link_code("12345x"));
        assert!(!link_code("１２３４５６"));
        assert!(relation(&Relation::Daughter).is_empty());
        assert!(relation(&Relation::Other("侄女".into())).is_empty());
        assert_eq!(
            relation(&Relation::Other("很".repeat(RELATION_MAX + 1)))[0].code,
            "relation-too-long"
        );
        assert_eq!(
            relation(&Relation::Other(String::new()))[0].code,
            "relation-empty"
        );
        for (view, book, cancel, ok) in [
            (false, false, false, true),
            (true, false, false, true),
            (true, true, true, true),
            (true, false, true, true),
            (false, true, false, false),
            (false, false, true, false),
        ] {
            let p = LinkPermissions { view, book, cancel };
            assert_eq!(link_permissions(&p).is_empty(), ok, "{p:?}");
        }
        let r = LinkRequest {
            code: "12".into(),
            relation: Relation::Other("\n".into()),
            elder_nickname: Some("妈".repeat(NICKNAME_MAX + 1)),
        };
        let fields: Vec<_> = link_request(&r).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["code", "relation", "elder_nickname"]);
    }

    #[test]
    fn idempotency_keys() {
        assert!(idempotency_key("abcdef0123456789"));
        assert!(!idempotency_key("short"));
        assert!(!idempotency_key("has space in it"));
        assert!(!idempotency_key(&"x".repeat(65)));
    }
}
