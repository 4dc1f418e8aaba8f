//! Where the platform is. Same origin by default; an optional `config.json`
//! beside `index.html` can point the app elsewhere (ARCHITECTURE.md: nothing
//! about the platform's address is compiled in), and say what a centre sets once:
//! its help number, on a kiosk where the kiosk stands, and the kiosk's default look and
//! voice for everyone not signed in.
//!
//! ```json
//! {"api_base": "https://care.example.cn", "hotline": "010-6501 2345",
//!  "kiosk_location": "阳光社区服务中心 一楼大厅", "settings": {"text_size": "large"},
//!  "ice_servers": [{"urls": ["stun:stun.example.cn:3478"]},
//!                  {"urls": ["turn:turn.example.cn:3478"], "username": "linli", "credential": "…"}]}
//! ```

use api::Settings;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Deployment settings, read once at start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Origin of the platform, e.g. `https://care.example.cn`.
    pub api_base: String,
    /// A help number shown before anyone signs in ("forgot PIN", Help on the welcome
    /// screen); optional.
    pub hotline: Option<String>,
    /// Where this kiosk stands ("阳光社区服务中心 一楼大厅"), sent with a help request so
    /// staff know where to go; optional (the words "at the community centre's kiosk" stand in).
    pub kiosk_location: Option<String>,
    /// A kiosk's settings for everyone not signed in (Linli's defaults unless the centre
    /// set some).
    pub settings: Settings,
    /// STUN and TURN servers for the built-in meeting room (docs/meetings.md). None: only
    /// devices that can reach each other directly (one network) connect.
    pub ice_servers: Vec<IceServer>,
}

/// One entry of `RTCConfiguration.iceServers`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct IceServer {
    pub urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    api_base: Option<String>,
    hotline: Option<String>,
    kiosk_location: Option<String>,
    /// Read field by field: one value this version does not know spoils only itself.
    settings: Option<Value>,
    /// Read entry by entry, for the same reason.
    ice_servers: Option<Vec<Value>>,
}

/// Trimmed, and `None` when blank.
fn words(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The centre's default settings; a missing or unreadable field keeps Linli's default.
fn centre_settings(file: Option<&Map<String, Value>>) -> Settings {
    fn field<T: DeserializeOwned>(file: &Map<String, Value>, name: &str) -> Option<T> {
        serde_json::from_value(file.get(name)?.clone()).ok()
    }
    let mut settings = Settings::default();
    let Some(file) = file else {
        return settings;
    };
    if let Some(v) = field(file, "text_size") {
        settings.text_size = v;
    }
    if let Some(v) = field(file, "high_contrast") {
        settings.high_contrast = v;
    }
    if let Some(v) = field(file, "voice") {
        settings.voice = v;
    }
    if let Some(v) = field(file, "voice_speed") {
        settings.voice_speed = v;
    }
    if let Some(v) = field(file, "lang") {
        settings.lang = v;
    }
    settings
}

/// Reads `config.json` text; anything unreadable (missing file answered by the
/// server's index.html fallback, say) means "no overrides".
pub fn parse(origin: &str, text: Option<&str>) -> Config {
    let file: ConfigFile = text
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let api_base = file
        .api_base
        .map(|b| b.trim().trim_end_matches('/').to_owned())
        .filter(|b| b.starts_with("http://") || b.starts_with("https://"))
        .unwrap_or_else(|| origin.to_owned());
    let settings = centre_settings(file.settings.as_ref().and_then(Value::as_object));
    Config {
        api_base,
        hotline: words(file.hotline),
        kiosk_location: words(file.kiosk_location),
        settings,
        ice_servers: file
            .ice_servers
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| serde_json::from_value::<IceServer>(v).ok())
            .filter(|s| !s.urls.is_empty())
            .collect(),
    }
}

/// The page's origin, e.g. `http://192.168.1.20:8080`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Fetches `/config.json` next to the app; absent or broken → same origin.
pub async fn load() -> Config {
    let origin = origin();
    let text = match reqwest::get(format!("{origin}/config.json")).await {
        Ok(resp) if resp.status().is_success() => resp.text().await.ok(),
        _ => None,
    };
    parse(&origin, text.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::{Lang, TextSize, VoiceSpeed};

    #[test]
    fn no_file_means_same_origin() {
        assert_eq!(
            parse("http://kiosk.local", None).api_base,
            "http://kiosk.local"
        );
        assert_eq!(
            parse("http://kiosk.local", Some("<!doctype html>")).api_base,
            "http://kiosk.local"
        );
        assert_eq!(
            parse("http://kiosk.local", Some("{}")),
            Config {
                api_base: "http://kiosk.local".into(),
                hotline: None,
                kiosk_location: None,
                settings: Settings::default(),
                ice_servers: Vec::new(),
            }
        );
    }

    #[test]
    fn the_centre_sets_its_kiosk_default() {
        let c = parse(
            "http://a",
            Some(r#"{"settings":{"text_size":"large","high_contrast":true,"lang":"en"}}"#),
        );
        assert_eq!(c.settings.text_size, TextSize::Large);
        assert!(c.settings.high_contrast);
        assert_eq!(c.settings.lang, Lang::En);
        assert!(c.settings.voice, "unset fields keep Linli's default");
        assert_eq!(c.settings.voice_speed, VoiceSpeed::Normal);
    }

    #[test]
    fn a_bad_setting_spoils_only_itself() {
        let c = parse(
            "http://a",
            Some(r#"{"api_base":"https://b","settings":{"text_size":"huge","voice":false}}"#),
        );
        assert_eq!(c.api_base, "https://b");
        assert_eq!(c.settings.text_size, TextSize::Standard);
        assert!(!c.settings.voice);
        let c = parse("http://a", Some(r#"{"hotline":"110","settings":"large"}"#));
        assert_eq!(
            c.hotline.as_deref(),
            Some("110"),
            "the rest of the file still counts"
        );
        assert_eq!(c.settings, Settings::default());
    }

    #[test]
    fn ice_servers_are_read_one_by_one() {
        let c = parse(
            "http://a",
            Some(
                r#"{"ice_servers":[{"urls":["stun:s.example:3478"]},{"urls":"not-a-list"},
                   {"urls":["turn:t.example:3478"],"username":"u","credential":"p"},{"urls":[]}]}"#,
            ),
        );
        assert_eq!(
            c.ice_servers.len(),
            2,
            "the unreadable and the empty are dropped"
        );
        assert_eq!(c.ice_servers[1].username.as_deref(), Some("u"));
    }

    #[test]
    fn file_overrides_base_and_adds_hotline() {
        let c = parse(
            "http://a",
            Some(r#"{"api_base":"https://care.example.cn/","hotline":" 010-12345678 "}"#),
        );
        assert_eq!(c.api_base, "https://care.example.cn");
        assert_eq!(c.hotline.as_deref(), Some("010-12345678"));
        assert_eq!(c.kiosk_location, None);
    }

    #[test]
    fn a_kiosk_says_where_it_stands() {
        let c = parse(
            "http://a",
            Some(r#"{"kiosk_location":" 阳光社区服务中心 一楼大厅 "}"#),
        );
        assert_eq!(
            c.kiosk_location.as_deref(),
            Some("阳光社区服务中心 一楼大厅")
        );
        let blank = parse("http://a", Some(r#"{"kiosk_location":"  "}"#));
        assert_eq!(blank.kiosk_location, None);
    }

    #[test]
    fn a_base_that_is_not_http_is_ignored() {
        assert_eq!(
            parse("http://a", Some(r#"{"api_base":"javascript:alert(1)"}"#)).api_base,
            "http://a"
        );
    }
}
