//! Idempotency keys: one per confirm-screen visit, so a double tap or a retry
//! after a dropped connection never books twice (ARCHITECTURE.md, API rules).
//!
//! `crypto.getRandomValues` rather than `crypto.randomUUID`: the latter only
//! exists in secure contexts, and kiosks on a centre's LAN are often plain http.

/// 128 random bits as 32 lowercase hex characters.
pub fn idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Still unique enough for one elder's retries; never reached in supported browsers.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    hex(&bytes)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_is_valid_as_an_idempotency_key() {
        let key = hex(&[
            0, 1, 0xab, 0xff, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        ]);
        assert_eq!(&key[..8], "0001abff");
        assert!(api::validate::idempotency_key(&key));
    }
}
