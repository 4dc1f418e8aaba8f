//! Every word the elder sees or hears, in Chinese (the default) and English.
//!
//! The catalogues are flat JSON files (`locales/zh-CN.json`, `locales/en.json`)
//! embedded in the binary and parsed once. Look-ups go through [`I18n`], a
//! context holding the current language as a signal, so every `t(..)` read in a
//! view re-renders when the language switches. Keys are always string literals
//! at the call site (`t("home.meals")`): a unit test scans the source for them
//! and fails when a key is missing from either catalogue.

use std::collections::HashMap;
use std::sync::OnceLock;

use api::Lang;
use leptos::prelude::*;

const ZH_CN: &str = include_str!("../locales/zh-CN.json");
const EN: &str = include_str!("../locales/en.json");

type Catalogue = HashMap<String, String>;

fn parse(json: &str) -> Catalogue {
    // The files are part of the build and checked by unit tests, so a parse
    // failure cannot reach an elder; degrade to an empty catalogue all the same.
    serde_json::from_str(json).unwrap_or_default()
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static ZH: OnceLock<Catalogue> = OnceLock::new();
    static EN_: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::ZhCn => ZH.get_or_init(|| parse(ZH_CN)),
        Lang::En => EN_.get_or_init(|| parse(EN)),
    }
}

/// The raw template for `key` in `lang`, falling back to Chinese, then to the key itself.
pub fn template(lang: Lang, key: &str) -> &str {
    catalogue(lang)
        .get(key)
        .or_else(|| catalogue(Lang::ZhCn).get(key))
        .map(String::as_str)
        .unwrap_or(key)
}

/// `key` in `lang`, without placeholders. Not reactive: for pure helpers.
pub fn tr(lang: Lang, key: &str) -> String {
    template(lang, key).to_owned()
}

/// `key` in `lang` with `{name}` placeholders filled. Not reactive.
pub fn tr_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    fill(template(lang, key), args)
}

/// Replaces each `{name}` in `template` with its value; unknown placeholders stay visible.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The current language, shared through context; `Copy`, so closures can hold it.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        I18n {
            lang: RwSignal::new(lang),
        }
    }

    /// The current language (tracked).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// The current language, or `None` once the app that owned it is gone (page-long
    /// listeners outlive a test's app).
    pub fn try_lang_untracked(&self) -> Option<Lang> {
        self.lang.try_get_untracked()
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// `key` in the current language (tracked).
    pub fn t(&self, key: &str) -> String {
        tr(self.lang(), key)
    }

    /// `key` in the current language with placeholders filled (tracked).
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        tr_with(self.lang(), key, args)
    }
}

/// The app's [`I18n`]; every screen runs inside `App`, which provides it.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Sentences for the voice, one after another: run together in Chinese, spaced in English.
pub fn join_sentences(lang: Lang, parts: &[String]) -> String {
    let gap = if lang == Lang::En { " " } else { "" };
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys(lang: Lang) -> BTreeSet<&'static str> {
        catalogue(lang).keys().map(String::as_str).collect()
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            out.insert(after[..close].to_owned());
            rest = &after[close + 1..];
        }
        out
    }

    /// Every key literal passed to `t(`, `t_with(`, `tr(lang, ` or `tr_with(lang, `,
    /// however rustfmt wrapped the call.
    fn keys_used_in(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for call in ["t(", "t_with(", "tr(", "tr_with("] {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + call.len()..];
                // `t(` must be a call of its own, not the tail of `split(` or `set(`.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let mut args = rest.trim_start();
                if call.starts_with("tr") {
                    let Some(after_lang) = args.strip_prefix("lang") else {
                        continue;
                    };
                    let Some(after_comma) = after_lang.trim_start().strip_prefix(',') else {
                        continue;
                    };
                    args = after_comma.trim_start();
                }
                if let Some(literal) = args.strip_prefix('"')
                    && let Some(end) = literal.find('"')
                {
                    found.push(literal[..end].to_owned());
                }
            }
        }
        found
    }

    fn rust_sources(dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }

    fn used_keys() -> Vec<(String, String)> {
        let mut files = Vec::new();
        rust_sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        assert!(files.len() > 10, "the scan must see the app's sources");
        let mut used = Vec::new();
        for (file, text) in files {
            // Skip this module's own tests, whose literals are examples, not keys.
            let text = text.split("#[cfg(test)]").next().unwrap_or_default();
            used.extend(keys_used_in(text).into_iter().map(|k| (file.clone(), k)));
        }
        used
    }

    #[test]
    fn both_catalogues_parse_and_are_not_empty() {
        assert!(serde_json::from_str::<Catalogue>(ZH_CN).is_ok());
        assert!(serde_json::from_str::<Catalogue>(EN).is_ok());
        assert!(keys(Lang::ZhCn).len() > 50);
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let zh = keys(Lang::ZhCn);
        let en = keys(Lang::En);
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty(), "missing in en.json: {only_zh:?}");
        assert!(only_en.is_empty(), "missing in zh-CN.json: {only_en:?}");
    }

    #[test]
    fn placeholders_match_between_languages() {
        for key in keys(Lang::ZhCn) {
            let zh = placeholders(template(Lang::ZhCn, key));
            let en = placeholders(template(Lang::En, key));
            assert_eq!(zh, en, "placeholders differ for {key}");
        }
    }

    #[test]
    fn no_text_is_empty() {
        for lang in Lang::ALL {
            for (key, text) in catalogue(lang) {
                assert!(!text.trim().is_empty(), "{key} is empty in {}", lang.tag());
            }
        }
    }

    #[test]
    fn every_key_used_in_the_source_exists() {
        let used = used_keys();
        assert!(
            used.len() > 50,
            "the scan found too few keys: {}",
            used.len()
        );
        let zh = keys(Lang::ZhCn);
        let missing: Vec<_> = used
            .iter()
            .filter(|(_, k)| !zh.contains(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogues: {missing:?}"
        );
    }

    #[test]
    fn every_key_in_the_catalogues_is_used() {
        let used: BTreeSet<String> = used_keys().into_iter().map(|(_, k)| k).collect();
        let unused: Vec<_> = keys(Lang::ZhCn)
            .into_iter()
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(unused.is_empty(), "keys nobody uses: {unused:?}");
    }

    #[test]
    fn the_scan_finds_calls_and_ignores_lookalikes() {
        let src = r#"i18n.t("a.b"); x.split("c"); tr_with(lang, "d", &[]); i18n.t_with("e", &[]);
            tr_with(
                lang,
                "f", &[]); tr(other, "g"); set("h")"#;
        assert_eq!(keys_used_in(src), ["a.b", "e", "d", "f"]);
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("还可以再试 {n} 次", &[("n", "3")]), "还可以再试 3 次");
        assert_eq!(fill("{a}{b}{a}", &[("a", "x"), ("b", "y")]), "xyx");
        assert_eq!(fill("keep {unknown}", &[]), "keep {unknown}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        assert_eq!(tr(Lang::En, "no.such.key"), "no.such.key");
    }
}
