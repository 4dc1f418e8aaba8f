//! Shared widgets: big buttons, the keypad, tiles, notices and the screen frame; and the
//! app-wide behaviours every screen shares (every tap spoken, the kiosk's guard).

mod acting_for;
mod big_button;
mod connectivity;
mod diet_tags;
mod freshness_note;
mod help_button;
mod hotline;
mod icon;
mod idle_guard;
mod keypad;
mod kiosk_guard;
mod lang_switch;
mod notice;
mod option_button;
mod password_box;
mod provider_card;
mod screen;
mod settings_button;
mod speak_button;
mod tap_voice;
mod text_box;
mod tile;

pub use acting_for::ActingForBanner;
pub use big_button::{BigButton, ButtonKind};
pub use connectivity::ConnectivityBanner;
pub use diet_tags::{DietTags, diet_icon};
pub use freshness_note::{FreshnessNote, as_of_words, use_freshness_note};
pub use help_button::{HELP_PATH, HelpButton, help_href};
pub use hotline::HotlineCall;
pub use icon::{Icon, IconKind};
pub use idle_guard::IdleGuard;
pub use keypad::{Keypad, PinDots, PinKeypad, group_digits};
pub use kiosk_guard::{KIOSK_CLASS, KioskGuard};
pub use lang_switch::LangSwitch;
pub use notice::{Loading, Notice, Tone};
pub use option_button::OptionButton;
pub use password_box::PasswordBox;
pub use provider_card::{ProviderCard, say_provider, tel_href};
pub use screen::Screen;
pub use settings_button::SettingsButton;
pub use speak_button::SpeakAgain;
pub use tap_voice::{speak_every_tap, spoken_name};
pub use text_box::TextBox;
pub use tile::Tile;
