//! Web Storage access that never panics: private windows and locked-down
//! kiosks may refuse storage, and the app then simply keeps things in memory.

use web_sys::Storage;

/// Device mode set by the centre (`kiosk`); absent means personal.
pub const MODE_KEY: &str = "linli.device.mode";
/// The chosen language on a personal device, before settings (read once, then removed).
pub const LANG_KEY: &str = "linli.lang";
/// A personal device's settings (text size, contrast, voice, language): a device
/// setting, so not under the personal prefix; a kiosk stores none.
pub const SETTINGS_KEY: &str = "linli.settings";
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

/// Removes every `linli.personal.*` key, all of sessionStorage and every cookie the page
/// can see (Linli sets none, but nothing personal may survive a kiosk sign-out).
pub fn wipe_personal() {
    wipe_cookies();
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

/// The `document.cookie` assignments that expire every cookie in `cookies` (the page's
/// `document.cookie`) for the path `/`, for the page's own path and for each folder above
/// it: a cookie is only removed with the path it was set for.
pub fn expired_cookies(cookies: &str, pathname: &str) -> Vec<String> {
    let mut paths = vec!["/".to_owned()];
    let mut path = pathname.trim_end_matches('/').to_owned();
    while !path.is_empty() {
        paths.push(path.clone());
        path.truncate(path.rfind('/').unwrap_or(0));
    }
    let names = cookies
        .split(';')
        .filter_map(|c| c.split('=').next())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let mut out = Vec::new();
    for name in names {
        out.push(format!("{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        for path in &paths {
            out.push(format!(
                "{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path={path}"
            ));
        }
    }
    out
}

fn wipe_cookies() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window
        .document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
    else {
        return;
    };
    let cookies = doc.cookie().unwrap_or_default();
    let pathname = window.location().pathname().unwrap_or_default();
    for line in expired_cookies(&cookies, &pathname) {
        let _ = doc.set_cookie(&line);
    }
}

#[cfg(test)]
mod tests {
    use super::expired_cookies;

    #[test]
    fn every_cookie_is_expired_on_every_path_above_the_page() {
        let lines = expired_cookies("a=1; theme=dark", "/bookings/3/cancel");
        let paths = ["/", "/bookings/3/cancel", "/bookings/3", "/bookings"];
        for name in ["a", "theme"] {
            assert!(lines.contains(&format!("{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT")));
            for path in paths {
                let line = format!("{name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path={path}");
                assert!(lines.contains(&line), "missing {line}");
            }
        }
        assert_eq!(lines.len(), 2 * (1 + paths.len()));
    }

    #[test]
    fn no_cookies_nothing_to_do() {
        assert!(expired_cookies("", "/").is_empty());
        assert!(expired_cookies(" ; ", "/home").is_empty());
    }
}
