//! Shared widgets: big buttons, the keypad, tiles, notices and the screen frame.

mod big_button;
mod connectivity;
mod diet_tags;
mod freshness_note;
mod help_button;
mod hotline;
mod icon;
mod idle_guard;
mod keypad;
mod lang_switch;
mod notice;
mod provider_card;
mod screen;
mod speak_button;
mod text_box;
mod tile;

pub use big_button::{BigButton, ButtonKind};
pub use connectivity::ConnectivityBanner;
pub use diet_tags::{DietTags, diet_icon};
pub use freshness_note::{FreshnessNote, as_of_words, use_freshness_note};
pub use help_button::{HELP_PATH, HelpButton, help_href};
pub use hotline::HotlineCall;
pub use icon::{Icon, IconKind};
pub use idle_guard::IdleGuard;
pub use keypad::{Keypad, PinDots, PinKeypad, group_digits};
pub use lang_switch::LangSwitch;
pub use notice::{Loading, Notice, Tone};
pub use provider_card::{ProviderCard, say_provider, tel_href};
pub use screen::Screen;
pub use speak_button::SpeakAgain;
pub use text_box::TextBox;
pub use tile::Tile;
