//! Kiosk or personal device: set once per device by the centre, never guessed
//! (ARCHITECTURE.md, Offline and privacy). `?mode=kiosk` in the URL stores the
//! kiosk flag; `?mode=personal` clears it.

use super::storage::{self, MODE_KEY};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceMode {
    /// A shared screen at the centre: nothing personal outlives the session.
    Kiosk,
    /// The elder's (or family's) own phone: the session survives reopening.
    Personal,
}

/// What the URL asks the device to remember.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeChange {
    Store,
    Clear,
    Keep,
}

impl DeviceMode {
    /// Pure decision: the `mode` URL flag wins, else the stored flag, else personal.
    pub fn resolve(url_flag: Option<&str>, stored: Option<&str>) -> (DeviceMode, ModeChange) {
        match url_flag {
            Some("kiosk") => (DeviceMode::Kiosk, ModeChange::Store),
            Some("personal") => (DeviceMode::Personal, ModeChange::Clear),
            _ if stored == Some("kiosk") => (DeviceMode::Kiosk, ModeChange::Keep),
            _ => (DeviceMode::Personal, ModeChange::Keep),
        }
    }

    /// Reads the URL and localStorage, and records a URL flag for next time.
    pub fn detect() -> DeviceMode {
        let flag = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
            .and_then(|p| p.get("mode"));
        let stored = storage::get(MODE_KEY);
        let (mode, change) = DeviceMode::resolve(flag.as_deref(), stored.as_deref());
        match change {
            ModeChange::Store => storage::set(MODE_KEY, "kiosk"),
            ModeChange::Clear => storage::remove(MODE_KEY),
            ModeChange::Keep => {}
        }
        mode
    }

    pub fn is_kiosk(self) -> bool {
        self == DeviceMode::Kiosk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_flag_sets_and_clears_kiosk_mode() {
        assert_eq!(
            DeviceMode::resolve(Some("kiosk"), None),
            (DeviceMode::Kiosk, ModeChange::Store)
        );
        assert_eq!(
            DeviceMode::resolve(Some("personal"), Some("kiosk")),
            (DeviceMode::Personal, ModeChange::Clear)
        );
    }

    #[test]
    fn stored_flag_is_remembered_and_nothing_is_guessed() {
        assert_eq!(
            DeviceMode::resolve(None, Some("kiosk")),
            (DeviceMode::Kiosk, ModeChange::Keep)
        );
        assert_eq!(
            DeviceMode::resolve(None, None),
            (DeviceMode::Personal, ModeChange::Keep)
        );
        assert_eq!(
            DeviceMode::resolve(Some("tv"), None),
            (DeviceMode::Personal, ModeChange::Keep)
        );
    }
}
