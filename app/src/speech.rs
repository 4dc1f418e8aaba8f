//! Voice prompts through the Web Speech API (UX.md, Voice).
//!
//! Rules: wait briefly for `voiceschanged` before choosing a voice; always set
//! `utterance.lang`; cancel the previous prompt before a new one; keep each
//! utterance under about ten seconds; stay silent, never broken, where the
//! browser has no speech or no voice. The text splitting and voice choice are
//! pure functions, unit-tested natively; the browser part is tested in Chromium.
//!
//! One exception to "cancel the previous prompt": a tap's [`echo`] (the name of what was
//! pressed) is short, and what the tap leads to (the next screen's prompt) waits behind it
//! instead of cutting it off. The next tap cancels both.

use std::cell::RefCell;

use api::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// About ten seconds of speech at an elder-friendly rate.
const MAX_ZH_CHARS: usize = 40;
const MAX_EN_WORDS: usize = 25;
/// How long to wait for `voiceschanged` before speaking with no chosen voice.
pub const VOICE_WAIT_MS: i32 = 400;
/// "Normal" speed (settings): a little slower than the browser's 1.0, easier to follow.
pub const DEFAULT_RATE: f32 = 0.9;

// ---------------------------------------------------------------- pure logic

fn size(text: &str, lang: Lang) -> usize {
    match lang {
        Lang::ZhCn => text.chars().filter(|c| !c.is_whitespace()).count(),
        Lang::En => text.split_whitespace().count(),
    }
}

fn limit(lang: Lang) -> usize {
    match lang {
        Lang::ZhCn => MAX_ZH_CHARS,
        Lang::En => MAX_EN_WORDS,
    }
}

/// Cuts `text` after punctuation. ASCII marks count only before a space or the
/// end, so "12.50" and "1,000" stay whole; CJK marks always count.
fn pieces(text: &str, marks: &[char]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let is_mark = marks.contains(&c)
            && (!c.is_ascii() || chars.get(i + 1).is_none_or(|n| n.is_whitespace()));
        if is_mark {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Splits a piece that has no usable punctuation at the size limit.
fn hard_split(text: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::ZhCn => {
            let chars: Vec<char> = text.chars().collect();
            chars
                .chunks(MAX_ZH_CHARS)
                .map(|c| c.iter().collect())
                .collect()
        }
        Lang::En => {
            let words: Vec<&str> = text.split_whitespace().collect();
            words.chunks(MAX_EN_WORDS).map(|w| w.join(" ")).collect()
        }
    }
}

/// Splits `text` into utterances of at most ~10 s each: at sentence ends first,
/// then at commas, then anywhere; short neighbours are packed back together.
pub fn split_for_speech(text: &str, lang: Lang) -> Vec<String> {
    const SENTENCE: &[char] = &['。', '！', '？', '；', '.', '!', '?', ';', '\n'];
    const CLAUSE: &[char] = &['，', '、', '：', ',', ':'];
    let max = limit(lang);
    let mut units = Vec::new();
    for sentence in pieces(text, SENTENCE) {
        if size(&sentence, lang) <= max {
            units.push(sentence);
            continue;
        }
        for clause in pieces(&sentence, CLAUSE) {
            if size(&clause, lang) <= max {
                units.push(clause);
            } else {
                units.extend(hard_split(&clause, lang));
            }
        }
    }
    let joiner = if lang == Lang::En { " " } else { "" };
    let mut out: Vec<String> = Vec::new();
    for unit in units {
        match out.last_mut() {
            Some(last) if size(last, lang) + size(&unit, lang) <= max => {
                last.push_str(joiner);
                last.push_str(&unit);
            }
            _ => out.push(unit),
        }
    }
    out
}

/// About how long an echo of `text` lasts at `rate`, in ms: long enough that the prompt
/// that follows a tap waits for it, never so long that a stale echo holds up the next
/// screen (at most 4 s).
pub fn echo_ms(text: &str, lang: Lang, rate: f32) -> f64 {
    let per_unit = match lang {
        Lang::ZhCn => 280.0,
        Lang::En => 420.0,
    };
    let rate = f64::from(rate.clamp(0.5, 2.0));
    (size(text, lang) as f64 * per_unit / rate + 300.0).min(4000.0)
}

/// A voice as the browser lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceInfo {
    pub lang: String,
    pub local: bool,
}

/// The best voice for `lang`: exact tag first (zh-CN, en-US/en-GB for English),
/// then any of the language (Mandarin before Cantonese), local voices preferred.
pub fn pick_voice(voices: &[VoiceInfo], lang: Lang) -> Option<usize> {
    let score = |v: &VoiceInfo| -> Option<u8> {
        let tag = v.lang.replace('_', "-").to_ascii_lowercase();
        let base = match lang {
            Lang::ZhCn if tag == "zh-cn" || tag == "cmn-cn" || tag == "zh-hans-cn" => 30,
            Lang::ZhCn if tag == "zh" || tag.starts_with("cmn") || tag.starts_with("zh-hans") => 20,
            Lang::ZhCn if tag.starts_with("zh-") && !tag.contains("hk") && !tag.contains("yue") => {
                10
            }
            Lang::ZhCn if tag.starts_with("zh") => 5,
            Lang::En if tag == "en" || tag == "en-us" || tag == "en-gb" => 30,
            Lang::En if tag.starts_with("en-") => 20,
            _ => return None,
        };
        Some(base + u8::from(v.local))
    };
    voices
        .iter()
        .enumerate()
        .filter_map(|(i, v)| score(v).map(|s| (i, s)))
        // max_by_key keeps the last of equals; reverse so the browser's first wins.
        .rev()
        .max_by_key(|&(_, s)| s)
        .map(|(i, _)| i)
}

// ---------------------------------------------------------------- browser

struct State {
    enabled: bool,
    /// `SpeechSynthesisUtterance.rate` (settings: voice speed).
    rate: f32,
    /// Voices are known (listed, or we gave up waiting for them).
    ready: bool,
    waiting: bool,
    /// Prompts asked for before voices were ready, in order: a newer prompt replaces them,
    /// except one that waits behind an echo.
    pending: Vec<(String, Lang)>,
    /// Keeps the current utterances alive (Chromium may collect them mid-speech).
    current: Vec<SpeechSynthesisUtterance>,
    /// Until this moment (`Date.now()`, ms) a tap's echo is being said: a new prompt queues
    /// behind it rather than cancelling it.
    echo_until: f64,
    /// Every request to speak, even a silenced one: a tap can tell whether its own handler
    /// already said something (then it does not echo its name over it).
    requests: u64,
    /// The last prompt asked for before the page's first touch or key, which the browser
    /// would refuse to say (see [`hold`]).
    held: Option<(String, Lang)>,
    /// The first-touch listeners are in place.
    awaiting_touch: bool,
}

thread_local! {
    static STATE: RefCell<State> = const {
        RefCell::new(State {
            enabled: true,
            rate: DEFAULT_RATE,
            ready: false,
            waiting: false,
            pending: Vec::new(),
            current: Vec::new(),
            echo_until: 0.0,
            requests: 0,
            held: None,
            awaiting_touch: false,
        })
    };
}

fn synth() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    let value = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(value.unchecked_into())
}

fn voices(synth: &SpeechSynthesis) -> Vec<SpeechSynthesisVoice> {
    synth
        .get_voices()
        .iter()
        .map(|v| v.unchecked_into())
        .collect()
}

/// Turns voice on or off (settings); off also silences the current prompt.
pub fn set_enabled(on: bool) {
    STATE.with_borrow_mut(|s| s.enabled = on);
    if !on {
        stop();
    }
}

pub fn is_enabled() -> bool {
    STATE.with_borrow(|s| s.enabled)
}

/// How fast the voice speaks from now on (settings: [`api::VoiceSpeed::rate`]); kept
/// within what browsers accept and elders can follow.
pub fn set_rate(rate: f32) {
    let rate = if rate.is_finite() {
        rate.clamp(0.5, 1.5)
    } else {
        DEFAULT_RATE
    };
    STATE.with_borrow_mut(|s| s.rate = rate);
}

pub fn rate() -> f32 {
    STATE.with_borrow(|s| s.rate)
}

/// How many times anything asked to speak so far (see [`echo`]).
pub fn requests() -> u64 {
    STATE.with_borrow(|s| s.requests)
}

/// Silences the current prompt and forgets any waiting one.
pub fn stop() {
    STATE.with_borrow_mut(|s| {
        s.pending.clear();
        s.current.clear();
        s.echo_until = 0.0;
    });
    if let Some(synth) = synth() {
        synth.cancel();
    }
}

/// Speaks `text` in `lang`, replacing whatever is being said (unless it is a tap's echo,
/// which it follows).
pub fn speak(text: &str, lang: Lang) {
    say(text, lang, false);
}

/// Says the name of what was just tapped, cancelling whatever was being said. A prompt
/// asked for while it lasts (the screen the tap opened) is said after it.
pub fn echo(text: &str, lang: Lang) {
    say(text, lang, true);
}

fn say(text: &str, lang: Lang, is_echo: bool) {
    STATE.with_borrow_mut(|s| s.requests += 1);
    if !is_enabled() || text.trim().is_empty() {
        return;
    }
    let Some(synth) = synth() else { return };
    if !user_activated() {
        hold(text, lang);
        // Voices are looked for meanwhile, so the first touch is answered at once.
        if !STATE.with_borrow(|s| s.ready) && voices(&synth).is_empty() {
            wait_for_voices(&synth);
        }
        return;
    }
    STATE.with_borrow_mut(|s| s.held = None);
    let now = js_sys::Date::now();
    let behind_echo = STATE.with_borrow_mut(|s| {
        let behind = !is_echo && now < s.echo_until;
        s.echo_until = if is_echo {
            now + echo_ms(text, lang, s.rate)
        } else {
            0.0
        };
        if !behind {
            s.pending.clear();
            s.current.clear();
        }
        behind
    });
    if !behind_echo {
        synth.cancel();
    }
    let ready = STATE.with_borrow(|s| s.ready) || !voices(&synth).is_empty();
    if ready {
        STATE.with_borrow_mut(|s| s.ready = true);
        say_now(&synth, text, lang);
    } else {
        STATE.with_borrow_mut(|s| s.pending.push((text.to_owned(), lang)));
        wait_for_voices(&synth);
    }
}

/// Whether the page has had a touch, click or key press. Chromium refuses
/// `speechSynthesis.speak` before that (since version 71), so a screen opened cold would
/// speak into the void. Browsers without `navigator.userActivation` are taken at their word.
fn user_activated() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    js_sys::Reflect::get(&window.navigator(), &"userActivation".into())
        .ok()
        .filter(|a| a.is_object())
        .and_then(|a| js_sys::Reflect::get(&a, &"hasBeenActive".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Keeps the screen's prompt until the first touch or key. If that touch says nothing of
/// its own (no button's name, no new screen), the prompt is said then: the elder who taps
/// the screen to wake it hears what it asks.
fn hold(text: &str, lang: Lang) {
    let listen = STATE.with_borrow_mut(|s| {
        s.held = Some((text.to_owned(), lang));
        !std::mem::replace(&mut s.awaiting_touch, true)
    });
    let Some(window) = web_sys::window() else {
        return;
    };
    if !listen {
        return;
    }
    // Runs before the page's own handlers (capturing); looks again once they have run.
    let on_touch = Closure::<dyn Fn()>::new(|| {
        let before = requests();
        let later = Closure::once_into_js(move || {
            if requests() != before || !user_activated() {
                return;
            }
            if let Some((text, lang)) = STATE.with_borrow_mut(|s| s.held.take()) {
                speak(&text, lang);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(later.unchecked_ref());
        }
    })
    .into_js_value();
    for event in ["click", "keyup"] {
        let _ =
            window.add_event_listener_with_callback_and_bool(event, on_touch.unchecked_ref(), true);
    }
}

/// Listens for `voiceschanged` once, and gives up after [`VOICE_WAIT_MS`]:
/// whichever comes first speaks the waiting prompt.
fn wait_for_voices(synth: &SpeechSynthesis) {
    if STATE.with_borrow_mut(|s| std::mem::replace(&mut s.waiting, true)) {
        return;
    }
    let on_ready = Closure::<dyn Fn()>::new(flush_pending);
    synth.set_onvoiceschanged(Some(on_ready.as_ref().unchecked_ref()));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            on_ready.as_ref().unchecked_ref(),
            VOICE_WAIT_MS,
        );
    }
    // Lives as long as the page: it is the voices listener.
    on_ready.forget();
}

fn flush_pending() {
    let pending = STATE.with_borrow_mut(|s| {
        s.ready = true;
        std::mem::take(&mut s.pending)
    });
    if let Some(synth) = synth() {
        for (text, lang) in pending {
            say_now(&synth, &text, lang);
        }
    }
}

fn say_now(synth: &SpeechSynthesis, text: &str, lang: Lang) {
    let all = voices(synth);
    let infos: Vec<VoiceInfo> = all
        .iter()
        .map(|v| VoiceInfo {
            lang: v.lang(),
            local: v.local_service(),
        })
        .collect();
    let voice = pick_voice(&infos, lang).and_then(|i| all.get(i));
    let rate = rate();
    let mut current = Vec::new();
    for chunk in split_for_speech(text, lang) {
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&chunk) else {
            continue;
        };
        // Always set lang: with no matching voice the browser still picks a fitting one.
        utterance.set_lang(lang.tag());
        utterance.set_voice(voice);
        utterance.set_rate(rate);
        synth.speak(&utterance);
        current.push(utterance);
    }
    STATE.with_borrow_mut(|s| s.current.extend(current));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_utterance() {
        assert_eq!(
            split_for_speech("请输入密码。", Lang::ZhCn),
            ["请输入密码。"]
        );
        assert_eq!(
            split_for_speech("Enter your PIN.", Lang::En),
            ["Enter your PIN."]
        );
        assert!(split_for_speech("   ", Lang::En).is_empty());
    }

    #[test]
    fn long_chinese_is_split_at_punctuation_under_the_limit() {
        let text = "您预约了明天的午餐，在阳光长者食堂堂食，时间是十一点到十二点半。\
                    全价十五元，政府补贴十元，您需支付五元。您可以在明天早上九点前取消。\
                    如需帮助，请拨打社区热线。";
        let parts = split_for_speech(text, Lang::ZhCn);
        assert!(parts.len() >= 3, "{parts:?}");
        for p in &parts {
            assert!(p.chars().count() <= MAX_ZH_CHARS, "too long: {p}");
            assert!(p.ends_with(['。', '，']), "cut mid-sentence: {p}");
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn long_english_is_split_at_sentences_and_commas() {
        let text = "You booked lunch tomorrow at Sunshine Canteen, eating in, served from 11:00 to 12:30. \
                    The full price is 15.00 yuan, the government subsidy for people over eighty who live alone \
                    in Sunshine Community is 10.00 yuan, and so what you pay is only 5.00 yuan. \
                    You can cancel until 9:00 tomorrow morning.";
        let parts = split_for_speech(text, Lang::En);
        assert!(parts.len() >= 3, "{parts:?}");
        for p in &parts {
            assert!(
                p.split_whitespace().count() <= MAX_EN_WORDS,
                "too long: {p}"
            );
        }
        // Decimal points and times are not sentence ends.
        assert!(parts.iter().any(|p| p.contains("15.00 yuan")));
        assert!(parts.iter().any(|p| p.contains("11:00 to 12:30")));
        assert_eq!(parts.join(" "), text);
    }

    #[test]
    fn text_without_punctuation_is_cut_hard() {
        let text = "一".repeat(100);
        let parts = split_for_speech(&text, Lang::ZhCn);
        assert_eq!(
            parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [40, 40, 20]
        );
        let words = vec!["word"; 60].join(" ");
        let parts = split_for_speech(&words, Lang::En);
        assert_eq!(parts.len(), 3);
    }

    #[test]
    fn short_sentences_are_packed_together() {
        let parts = split_for_speech("您好。请选择。谢谢。", Lang::ZhCn);
        assert_eq!(parts, ["您好。请选择。谢谢。"]);
    }

    #[test]
    fn an_echo_lasts_about_as_long_as_its_words_and_never_long() {
        let short = echo_ms("助餐", Lang::ZhCn, DEFAULT_RATE);
        assert!((800.0..1200.0).contains(&short), "{short}");
        assert!(
            echo_ms("助餐", Lang::ZhCn, 0.7) > short,
            "slower speech, longer echo"
        );
        assert!(echo_ms("Meals", Lang::En, 1.1) < echo_ms("My bookings", Lang::En, 1.1));
        assert_eq!(echo_ms(&"字".repeat(200), Lang::ZhCn, 0.7), 4000.0);
    }

    fn v(lang: &str, local: bool) -> VoiceInfo {
        VoiceInfo {
            lang: lang.into(),
            local,
        }
    }

    #[test]
    fn picks_mandarin_over_cantonese_and_english() {
        let voices = [
            v("en-US", true),
            v("zh-HK", true),
            v("zh-TW", false),
            v("zh-CN", false),
        ];
        assert_eq!(pick_voice(&voices, Lang::ZhCn), Some(3));
        assert_eq!(pick_voice(&voices[..3], Lang::ZhCn), Some(2));
        assert_eq!(pick_voice(&voices[..2], Lang::ZhCn), Some(1));
        assert_eq!(pick_voice(&voices, Lang::En), Some(0));
    }

    #[test]
    fn prefers_local_then_first_listed() {
        let voices = [v("en_GB", false), v("en-US", true), v("en-US", true)];
        assert_eq!(pick_voice(&voices, Lang::En), Some(1));
        let voices = [v("en-AU", false), v("en-IN", false)];
        assert_eq!(pick_voice(&voices, Lang::En), Some(0));
    }

    #[test]
    fn no_voice_for_the_language() {
        assert_eq!(pick_voice(&[v("fr-FR", true)], Lang::ZhCn), None);
        assert_eq!(pick_voice(&[], Lang::En), None);
    }
}
