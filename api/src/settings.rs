//! How a person likes Linli to look and sound (issue 5): text size, contrast, voice and
//! language. Remembered per person on the platform; a kiosk uses the centre's default for
//! everyone not signed in, and goes back to it at sign-out.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Body text size, in three steps (UX.md: 24 / 30 / 36 CSS px).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// 24 px body text.
    #[default]
    Standard,
    /// 30 px.
    Large,
    /// 36 px.
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::Largest];

    /// Body text in CSS px.
    pub fn body_px(self) -> u32 {
        match self {
            TextSize::Standard => 24,
            TextSize::Large => 30,
            TextSize::Largest => 36,
        }
    }
}

/// How fast the voice speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoiceSpeed {
    Slow,
    #[default]
    Normal,
    Fast,
}

impl VoiceSpeed {
    pub const ALL: [VoiceSpeed; 3] = [VoiceSpeed::Slow, VoiceSpeed::Normal, VoiceSpeed::Fast];

    /// `SpeechSynthesisUtterance.rate`; "normal" is a little slower than the browser's 1.0,
    /// which older listeners follow more easily.
    pub fn rate(self) -> f32 {
        match self {
            VoiceSpeed::Slow => 0.7,
            VoiceSpeed::Normal => 0.9,
            VoiceSpeed::Fast => 1.1,
        }
    }
}

/// `GET` / `PUT /me/settings`; also in [`crate::Me`] once saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    #[serde(default)]
    pub text_size: TextSize,
    #[serde(default)]
    pub high_contrast: bool,
    /// Spoken prompts on or off.
    #[serde(default = "on")]
    pub voice: bool,
    #[serde(default)]
    pub voice_speed: VoiceSpeed,
    #[serde(default)]
    pub lang: Lang,
}

/// Voice on: every screen speaks (UX.md), unless the person turns it off.
impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_size: TextSize::default(),
            high_contrast: false,
            voice: true,
            voice_speed: VoiceSpeed::default(),
            lang: Lang::default(),
        }
    }
}

fn on() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_speaks_and_matches_an_empty_body() {
        let empty: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Settings::default());
        assert!(Settings::default().voice);
    }
}
