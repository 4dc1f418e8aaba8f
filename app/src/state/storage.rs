//! Web Storage access that never panics: private windows and locked-down
//! kiosks may refuse storage, and the app then simply keeps things in memory.

use web_sys::Storage;

/// Device mode set by the centre (`kiosk`); absent means personal.
pub const MODE_KEY: &str = "linli.device.mode";
/// The chosen language on a personal device.
pub const LANG_KEY: &str = "linli.lang";
/// Prefix of everything personal; sign-out removes all of it.
pub const PERSONAL_PREFIX: &str = "linli.personal.";
/// The personal-mode session (token and who is signed in).
pub const SESSION_KEY: &str = "linli.personal.session";

pub fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn session_storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Removes every `linli.personal.*` key and all of sessionStorage.
pub fn wipe_personal() {
    if let Some(s) = local_storage() {
        let len = s.length().unwrap_or(0);
        let keys: Vec<String> = (0..len).filter_map(|i| s.key(i).ok().flatten()).collect();
        for key in keys.iter().filter(|k| k.starts_with(PERSONAL_PREFIX)) {
            let _ = s.remove_item(key);
        }
    }
    if let Some(s) = session_storage() {
        let _ = s.clear();
    }
}
