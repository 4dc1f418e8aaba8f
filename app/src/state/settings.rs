//! How Linli looks and sounds for the person at the screen (issue 5): text size, contrast,
//! voice on/off and speed, language.
//!
//! Applied at once, everywhere: `<html data-text-size>` and `data-theme` (the CSS keys on
//! them), `<html lang>`, the voice in `speech.rs`, the language in [`I18n`] (which holds it,
//! so the topbar's language switch is a setting too). Remembered per person, not per
//! kiosk (UX.md, Voice):
//! - signed in: the person's settings come with sign-in (`Me.settings`) and every change
//!   goes to the platform (`PUT /me/settings`), a second after the last one; a failure is
//!   silent, the device keeps the change and tries again a little later, and once more
//!   at sign-out;
//! - a personal device: also kept in `localStorage` (`linli.settings`, a device setting,
//!   so it survives sign-out and reopening);
//! - a kiosk: nothing stored; everyone not signed in gets the centre's default
//!   (`config.json`), and sign-out (or two idle minutes with nobody signed in) goes back
//!   to it.

use std::time::Duration;

use api::{Lang, Settings, TextSize};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::storage::{self, LANG_KEY, SETTINGS_KEY};
use super::{DeviceMode, SessionCtx};
use crate::i18n::I18n;
use crate::speech;

/// Changes are sent this long after the last one (a person trying sizes sends one save).
pub const SAVE_AFTER: Duration = Duration::from_secs(1);
/// A failed save is tried again after this long, a few times; then at sign-out.
pub const RETRY_AFTER: Duration = Duration::from_secs(20);
pub const MAX_ATTEMPTS: u8 = 3;

// ---------------------------------------------------------------- pure rules

/// `<html data-text-size>`; styles/tokens.css sizes everything from it.
pub fn text_size_attr(size: TextSize) -> &'static str {
    match size {
        TextSize::Standard => "standard",
        TextSize::Large => "large",
        TextSize::Largest => "largest",
    }
}

/// `<html data-theme>`: styles/theme-high-contrast.css; absent for the standard colours.
pub fn theme_attr(high_contrast: bool) -> Option<&'static str> {
    high_contrast.then_some("high-contrast")
}

/// What a device opens with. A kiosk: the centre's default, whatever the last person
/// chose. A personal device: what it last used, else the settings of the person still
/// signed in, else the defaults in the language it used to remember (before settings,
/// a phone kept only `linli.lang`).
pub fn on_open(
    mode: DeviceMode,
    device: Option<Settings>,
    signed_in: Option<Settings>,
    old_lang: Option<Lang>,
    centre: Settings,
) -> Settings {
    match mode {
        DeviceMode::Kiosk => centre,
        DeviceMode::Personal => device.or(signed_in).unwrap_or(Settings {
            lang: old_lang.unwrap_or_default(),
            ..Settings::default()
        }),
    }
}

/// At sign-in: the person's saved settings. None saved yet, the screen stays as it is
/// (what they chose before signing in, or the device's), in the language on file for
/// them if there is one (`Me.lang`: someone registered as English speaking does not meet
/// Linli in Chinese).
pub fn at_sign_in(
    saved: Option<Settings>,
    lang_on_file: Option<Lang>,
    current: Settings,
) -> Settings {
    saved.unwrap_or(Settings {
        lang: lang_on_file.unwrap_or(current.lang),
        ..current
    })
}

/// At sign-out: a kiosk goes back to the centre's default for the next person; a phone is
/// its owner's and stays as it is.
pub fn at_sign_out(mode: DeviceMode, current: Settings, centre: Settings) -> Settings {
    match mode {
        DeviceMode::Kiosk => centre,
        DeviceMode::Personal => current,
    }
}

/// `linli.settings` as stored; anything unreadable is as if nothing were stored.
pub fn parse_stored(json: Option<&str>) -> Option<Settings> {
    serde_json::from_str(json?).ok()
}

// ---------------------------------------------------------------- context

/// A save waiting to go: for whom (the session token), what, under which key.
#[derive(Debug, Clone)]
struct Pending {
    token: String,
    settings: Settings,
    key: String,
    attempts: u8,
}

#[derive(Debug, Clone, Copy)]
pub struct SettingsCtx {
    /// Everything but the language, which [`I18n`] holds.
    look: RwSignal<Settings>,
    i18n: I18n,
    session: SessionCtx,
    mode: DeviceMode,
    centre: Settings,
    /// What the platform has for the signed-in person (or what came with sign-in); a
    /// change is saved only when the screen differs from it. `None`: nobody signed in.
    baseline: StoredValue<Option<Settings>>,
    pending: StoredValue<Option<Pending>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Set by the gear: the settings screen's Back returns there (browser history).
    came_by_gear: StoredValue<bool>,
}

impl SettingsCtx {
    /// Opens with the device's settings ([`on_open`]), applies them before anything is
    /// drawn, and from then on applies, stores and saves every change.
    pub fn new(i18n: I18n, session: SessionCtx, centre: Settings) -> Self {
        let mode = session.mode;
        let restored = session.get_untracked();
        let (device, old_lang) = match mode {
            DeviceMode::Personal => (
                parse_stored(storage::get(SETTINGS_KEY).as_deref()),
                storage::get(LANG_KEY).and_then(|t| Lang::from_tag(&t)),
            ),
            DeviceMode::Kiosk => (None, None),
        };
        let signed_in = restored.as_ref().and_then(|s| s.me.settings);
        let first = on_open(mode, device, signed_in, old_lang, centre);
        apply(&first);
        i18n.set_lang(first.lang);
        let ctx = SettingsCtx {
            look: RwSignal::new(first),
            i18n,
            session,
            mode,
            centre,
            baseline: StoredValue::new(restored.is_some().then_some(first)),
            pending: StoredValue::new(None),
            timer: StoredValue::new(None),
            came_by_gear: StoredValue::new(false),
        };
        Effect::new(move |_| {
            let now = ctx.get();
            apply(&now);
            if mode == DeviceMode::Personal
                && let Ok(json) = serde_json::to_string(&now)
            {
                storage::set(SETTINGS_KEY, &json);
                storage::remove(LANG_KEY);
            }
            ctx.changed(now);
        });
        ctx
    }

    /// The settings on screen now (tracked).
    pub fn get(&self) -> Settings {
        Settings {
            lang: self.i18n.lang(),
            ..self.look.get()
        }
    }

    pub fn get_untracked(&self) -> Settings {
        Settings {
            lang: self.i18n.lang_untracked(),
            ..self.look.get_untracked()
        }
    }

    /// The centre's default (a kiosk's settings for everyone not signed in).
    pub fn centre_default(&self) -> Settings {
        self.centre
    }

    /// Shows `settings` at once. The voice changes before this returns, so a choice can
    /// speak its sample at its own speed in the same tap.
    pub fn set(&self, settings: Settings) {
        apply(&settings);
        if self.look.get_untracked() != settings {
            self.look.set(settings);
        }
        if self.i18n.lang_untracked() != settings.lang {
            self.i18n.set_lang(settings.lang);
        }
    }

    pub fn update(&self, change: impl FnOnce(&mut Settings)) {
        let mut settings = self.get_untracked();
        change(&mut settings);
        self.set(settings);
    }

    /// A person has signed in: their saved settings apply at once ([`at_sign_in`]).
    pub fn signed_in(&self, me: &api::Me) {
        self.forget_pending();
        let settings = at_sign_in(me.settings, me.lang, self.get_untracked());
        self.baseline.set_value(Some(settings));
        self.set(settings);
    }

    /// Sends a change not yet on the platform, with `client` (the session about to end);
    /// the caller awaits it before signing out, so the token is still good.
    pub fn flush(&self, client: api::Client) -> impl Future<Output = ()> + use<> {
        let pending = self.take_pending().or_else(|| {
            let token = self.session.get_untracked()?.token;
            let now = self.get_untracked();
            (self.baseline.get_value()? != now).then(|| Pending {
                token,
                settings: now,
                key: crate::keys::idempotency_key(),
                attempts: 0,
            })
        });
        async move {
            if let Some(p) = pending {
                let _ = client.save_settings(&p.settings, &p.key).await;
            }
        }
    }

    /// The session has ended: nothing more is saved for that person, and a kiosk goes
    /// back to the centre's default ([`at_sign_out`]).
    pub fn signed_out(&self) {
        self.forget_pending();
        self.baseline.set_value(None);
        self.set(at_sign_out(self.mode, self.get_untracked(), self.centre));
    }

    /// A kiosk left alone with nobody signed in: the next person finds the centre's default.
    pub fn back_to_centre_default(&self) {
        if self.session.get_untracked().is_none() && self.get_untracked() != self.centre {
            self.set(self.centre);
        }
    }

    /// The gear was pressed: Back on the settings screen returns to that screen.
    pub fn opened_by_gear(&self) {
        self.came_by_gear.set_value(true);
    }

    /// Whether the settings screen was opened by the gear (asked once, by its Back).
    pub fn take_opened_by_gear(&self) -> bool {
        self.came_by_gear
            .try_update_value(|v| std::mem::replace(v, false))
            .unwrap_or(false)
    }

    /// After every change: a signed-in person's new settings are saved soon.
    fn changed(&self, now: Settings) {
        let Some(session) = self.session.get_untracked() else {
            return;
        };
        if self.baseline.get_value() == Some(now) {
            self.forget_pending();
            return;
        }
        let key = match self.pending.get_value() {
            Some(p) if p.settings == now && p.token == session.token => p.key,
            _ => crate::keys::idempotency_key(),
        };
        self.pending.set_value(Some(Pending {
            token: session.token,
            settings: now,
            key,
            attempts: 0,
        }));
        self.schedule(SAVE_AFTER);
    }

    fn schedule(&self, after: Duration) {
        let ctx = *self;
        self.cancel_timer();
        let handle = set_timeout_with_handle(move || ctx.send(), after).ok();
        let _ = self.timer.try_set_value(handle);
    }

    fn cancel_timer(&self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        let _ = self.timer.try_set_value(None);
    }

    fn take_pending(&self) -> Option<Pending> {
        self.cancel_timer();
        self.pending.try_update_value(Option::take).flatten()
    }

    fn forget_pending(&self) {
        let _ = self.take_pending();
    }

    /// Sends the waiting save, if it is still for the person signed in.
    fn send(self) {
        let _ = self.timer.try_set_value(None);
        let Some(p) = self.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        let session = self.session;
        let same_person = move |token: &str| {
            session
                .get_untracked()
                .is_some_and(|now| now.token == token)
        };
        if !same_person(&p.token) {
            return;
        }
        let client = session.client();
        spawn_local(async move {
            let result = client.save_settings(&p.settings, &p.key).await;
            // The person may have signed out, or changed something again, meanwhile.
            let newer = self.pending.try_with_value(Option::is_some) != Some(false);
            if !same_person(&p.token) || newer {
                return;
            }
            match result {
                Ok(_) => {
                    let _ = self.baseline.try_set_value(Some(p.settings));
                }
                Err(_) if p.attempts + 1 < MAX_ATTEMPTS => {
                    let _ = self.pending.try_set_value(Some(Pending {
                        attempts: p.attempts + 1,
                        ..p
                    }));
                    self.schedule(RETRY_AFTER);
                }
                // Silent: the screen keeps the settings; sign-out tries once more.
                Err(_) => {
                    let _ = self.pending.try_set_value(Some(Pending {
                        attempts: MAX_ATTEMPTS,
                        ..p
                    }));
                }
            }
        });
    }
}

pub fn use_settings() -> SettingsCtx {
    expect_context::<SettingsCtx>()
}

/// Puts `settings` on the page and in the voice.
fn apply(settings: &Settings) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // `<html lang>` too, so screen readers and the browser's own speech pick the voice.
        let _ = root.set_attribute("lang", settings.lang.tag());
        let _ = root.set_attribute("data-text-size", text_size_attr(settings.text_size));
        let _ = match theme_attr(settings.high_contrast) {
            Some(theme) => root.set_attribute("data-theme", theme),
            None => root.remove_attribute("data-theme"),
        };
    }
    if speech::is_enabled() != settings.voice {
        speech::set_enabled(settings.voice);
    }
    speech::set_rate(settings.voice_speed.rate());
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::VoiceSpeed;

    fn largest_english() -> Settings {
        Settings {
            text_size: TextSize::Largest,
            high_contrast: true,
            voice: true,
            voice_speed: VoiceSpeed::Slow,
            lang: Lang::En,
        }
    }

    #[test]
    fn attributes_name_each_size_and_the_theme() {
        let sizes: Vec<_> = TextSize::ALL.into_iter().map(text_size_attr).collect();
        assert_eq!(sizes, ["standard", "large", "largest"]);
        assert_eq!(theme_attr(true), Some("high-contrast"));
        assert_eq!(theme_attr(false), None);
    }

    #[test]
    fn the_css_knows_every_size_attribute() {
        let tokens = include_str!("../../../styles/tokens.css");
        for size in [TextSize::Large, TextSize::Largest] {
            let selector = format!("[data-text-size=\"{}\"]", text_size_attr(size));
            assert!(tokens.contains(&selector), "tokens.css lacks {selector}");
            let body = format!("--text: {}px;", size.body_px());
            let block = tokens.split(&selector).nth(1).unwrap_or_default();
            let block = block.split('}').next().unwrap_or_default();
            assert!(block.contains(&body), "{selector} must set {body}");
        }
        assert!(tokens.contains(&format!("--text: {}px;", TextSize::Standard.body_px())));
        let theme = include_str!("../../../styles/theme-high-contrast.css");
        assert!(theme.contains("[data-theme=\"high-contrast\"]"));
    }

    #[test]
    fn normal_speed_is_the_voice_s_default_rate() {
        assert_eq!(VoiceSpeed::Normal.rate(), speech::DEFAULT_RATE);
        assert!(VoiceSpeed::Slow.rate() < VoiceSpeed::Normal.rate());
        assert!(VoiceSpeed::Normal.rate() < VoiceSpeed::Fast.rate());
    }

    #[test]
    fn a_kiosk_opens_with_the_centre_default_whatever_was_chosen() {
        let centre = Settings {
            text_size: TextSize::Large,
            ..Settings::default()
        };
        let opened = on_open(
            DeviceMode::Kiosk,
            Some(largest_english()),
            Some(largest_english()),
            Some(Lang::En),
            centre,
        );
        assert_eq!(opened, centre);
    }

    #[test]
    fn a_phone_opens_with_what_it_last_used() {
        let centre = Settings::default();
        let mine = largest_english();
        assert_eq!(
            on_open(DeviceMode::Personal, Some(mine), None, None, centre),
            mine
        );
        let theirs = Settings {
            high_contrast: true,
            ..Settings::default()
        };
        assert_eq!(
            on_open(DeviceMode::Personal, Some(mine), Some(theirs), None, centre),
            mine,
            "the device's copy is the newest"
        );
        assert_eq!(
            on_open(DeviceMode::Personal, None, Some(theirs), None, centre),
            theirs
        );
    }

    #[test]
    fn a_new_phone_opens_with_the_defaults_in_its_old_language() {
        let centre = largest_english();
        assert_eq!(
            on_open(DeviceMode::Personal, None, None, None, centre),
            Settings::default(),
            "the centre's default is the kiosk's, not a phone's"
        );
        let opened = on_open(DeviceMode::Personal, None, None, Some(Lang::En), centre);
        assert_eq!(opened.lang, Lang::En);
        assert_eq!(opened.text_size, TextSize::Standard);
        assert!(opened.voice);
    }

    #[test]
    fn sign_in_brings_saved_settings_else_keeps_the_screen() {
        let chosen_before = Settings {
            lang: Lang::En,
            ..Settings::default()
        };
        assert_eq!(
            at_sign_in(Some(largest_english()), Some(Lang::ZhCn), chosen_before),
            largest_english()
        );
        assert_eq!(at_sign_in(None, None, chosen_before), chosen_before);
        let registered_chinese = at_sign_in(None, Some(Lang::ZhCn), chosen_before);
        assert_eq!(registered_chinese.lang, Lang::ZhCn, "the language on file");
        assert_eq!(registered_chinese.text_size, chosen_before.text_size);
    }

    #[test]
    fn sign_out_resets_a_kiosk_but_not_a_phone() {
        let centre = Settings::default();
        assert_eq!(
            at_sign_out(DeviceMode::Kiosk, largest_english(), centre),
            centre
        );
        assert_eq!(
            at_sign_out(DeviceMode::Personal, largest_english(), centre),
            largest_english()
        );
    }

    #[test]
    fn stored_settings_round_trip_and_junk_is_ignored() {
        let json = serde_json::to_string(&largest_english()).expect("json");
        assert_eq!(parse_stored(Some(&json)), Some(largest_english()));
        assert_eq!(parse_stored(Some("{not json")), None);
        assert_eq!(parse_stored(None), None);
        // Older or partial copies fill in the defaults (voice stays on).
        assert_eq!(
            parse_stored(Some(r#"{"text_size":"large"}"#)),
            Some(Settings {
                text_size: TextSize::Large,
                ..Settings::default()
            })
        );
    }
}
