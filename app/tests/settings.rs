//! Settings and voice on every tap, in a real browser with Linli's own stylesheets:
//! a choice changes the page at once (the `<html>` attributes and what the CSS makes of
//! them), the voice follows, every button says its name, and the PIN pad never says a digit.
//! Run: `cargo test --target wasm32-unknown-unknown --test settings`.
#![cfg(target_arch = "wasm32")]

use api::Lang;
use app::components::{BigButton, KioskGuard, PinKeypad, speak_every_tap};
use app::i18n::I18n;
use app::pages::SettingsScreen;
use app::speech;
use app::state::{DeviceMode, FreshnessCtx, SETTINGS_KEY, SessionCtx, SettingsCtx};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, window};

wasm_bindgen_test_configure!(run_in_browser);

const UNREACHABLE: &str = "http://127.0.0.1:9";

#[wasm_bindgen(inline_js = r#"
export function install_spy() {
  const proto = Object.getPrototypeOf(window.speechSynthesis);
  // The page counts as touched unless a test says otherwise (window.__active = false):
  // Chromium refuses to speak before a first touch, and Linli holds the prompt till then.
  Object.defineProperty(navigator, "userActivation", {
    configurable: true,
    get: () => ({ hasBeenActive: window.__active !== false }),
  });
  window.__speech = [];
  proto.speak = function (u) { window.__speech.push({ op: "speak", text: u.text, lang: u.lang, rate: u.rate }); };
  proto.cancel = function () { window.__speech.push({ op: "cancel" }); };
}
export function take_log() {
  const log = JSON.stringify(window.__speech || []);
  window.__speech = [];
  return log;
}
export function computed(el, prop) {
  return getComputedStyle(el).getPropertyValue(prop);
}
"#)]
extern "C" {
    fn install_spy();
    fn take_log() -> String;
    fn computed(el: &web_sys::Element, prop: &str) -> String;
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Entry {
    op: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    rate: f32,
}

fn spoken() -> Vec<Entry> {
    let log: Vec<Entry> = serde_json::from_str(&take_log()).expect("the spy's log is JSON");
    log.into_iter().filter(|e| e.op == "speak").collect()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

thread_local!(static VOICES_KNOWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });

/// Long enough for effects to run and speech to go out. Headless Chromium has no voices:
/// the first prompt waits for them once, later ones go at once (the runner allows the
/// whole file 20 s).
async fn settle() {
    if !VOICES_KNOWN.replace(true) {
        sleep(speech::VOICE_WAIT_MS + 200).await;
    }
    sleep(50).await;
}

fn document() -> web_sys::Document {
    window().and_then(|w| w.document()).expect("a document")
}

fn html() -> web_sys::Element {
    document().document_element().expect("<html>")
}

/// Linli's real stylesheets, as index.html links them.
fn load_styles() {
    let doc = document();
    if doc.get_element_by_id("linli-styles").is_some() {
        return;
    }
    let style = doc.create_element("style").expect("a style");
    style.set_id("linli-styles");
    style.set_text_content(Some(
        &[
            include_str!("../../styles/tokens.css"),
            include_str!("../../styles/base.css"),
            include_str!("../../styles/components.css"),
            include_str!("../../styles/council.css"),
            include_str!("../../styles/theme-high-contrast.css"),
        ]
        .concat(),
    ));
    doc.head()
        .expect("a head")
        .append_child(&style)
        .expect("appended");
}

fn container() -> HtmlElement {
    let doc = document();
    let div: HtmlElement = doc.create_element("div").expect("a div").unchecked_into();
    doc.body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div
}

/// The button whose visible text starts with `name`, as a person would find it.
fn button(root: &HtmlElement, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.inner_text().trim().starts_with(name))
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn pressed(button: &HtmlElement) -> bool {
    button.get_attribute("aria-pressed").as_deref() == Some("true")
}

/// The settings screen on a device nobody is signed in to, as the App provides it.
fn mount_settings(mode: DeviceMode) -> (HtmlElement, SettingsCtx, impl Sized) {
    load_styles();
    let root = container();
    let ctx = RwSignal::new(None::<SettingsCtx>);
    let handle = mount_to(root.clone(), move || {
        let i18n = I18n::new(Lang::ZhCn);
        provide_context(i18n);
        provide_context(mode);
        let session = SessionCtx::new(UNREACHABLE.into(), mode);
        provide_context(session);
        provide_context(FreshnessCtx::new());
        let settings = SettingsCtx::new(i18n, session, api::Settings::default());
        provide_context(settings);
        ctx.set(Some(settings));
        speak_every_tap();
        view! {
            <Router>
                <SettingsScreen />
            </Router>
        }
    });
    let settings = ctx.get_untracked().expect("the settings context");
    // The screen's own choices (the topbar has a language switch too).
    let main = root
        .query_selector("main")
        .ok()
        .flatten()
        .expect("a main")
        .unchecked_into::<HtmlElement>();
    (main, settings, handle)
}

/// Back to Linli's defaults, so each test starts from the same page.
fn reset(settings: SettingsCtx) {
    settings.set(api::Settings::default());
}

#[wasm_bindgen_test]
async fn choosing_the_largest_text_makes_body_text_36px() {
    let (root, settings, _handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    let body = document().body().expect("a body");
    assert_eq!(
        html().get_attribute("data-text-size").as_deref(),
        Some("standard")
    );
    assert_eq!(computed(&body, "font-size"), "24px");

    let largest = button(&root, "特大");
    largest.click();
    settle().await;
    assert_eq!(
        html().get_attribute("data-text-size").as_deref(),
        Some("largest")
    );
    assert_eq!(computed(&body, "font-size"), "36px", "body text");
    let h1 = root.query_selector("h1").ok().flatten().expect("a title");
    assert_eq!(
        computed(&h1, "font-size"),
        "48px",
        "the title grows with it"
    );
    let question = root
        .query_selector("h2")
        .ok()
        .flatten()
        .expect("a question");
    assert_eq!(
        computed(&question, "font-size"),
        "42px",
        "and the questions"
    );
    assert!(pressed(&largest));
    assert!(!pressed(&button(&root, "标准")));
    // Every choice stays a big target.
    let height: f64 = computed(&largest, "height")
        .trim_end_matches("px")
        .parse()
        .expect("px");
    assert!(height >= 64.0, "{height}");

    button(&root, "大").click();
    settle().await;
    assert_eq!(
        html().get_attribute("data-text-size").as_deref(),
        Some("large")
    );
    assert_eq!(computed(&body, "font-size"), "30px");
    reset(settings);
}

#[wasm_bindgen_test]
async fn high_contrast_turns_the_page_yellow_on_black() {
    let (root, settings, _handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    assert_eq!(html().get_attribute("data-theme"), None);
    button(&root, "高对比度").click();
    settle().await;
    assert_eq!(
        html().get_attribute("data-theme").as_deref(),
        Some("high-contrast")
    );
    let body = document().body().expect("a body");
    assert_eq!(computed(&body, "background-color"), "rgb(0, 0, 0)");
    assert_eq!(computed(&body, "color"), "rgb(255, 255, 255)");

    button(&root, "普通颜色").click();
    settle().await;
    assert_eq!(html().get_attribute("data-theme"), None, "and back");
    reset(settings);
}

#[wasm_bindgen_test]
async fn english_changes_the_words_and_the_page_language() {
    let (root, settings, _handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    install_spy();
    button(&root, "English").click();
    settle().await;
    assert_eq!(html().get_attribute("lang").as_deref(), Some("en"));
    let h1 = root.query_selector("h1").ok().flatten().expect("a title");
    assert_eq!(h1.text_content().as_deref(), Some("Settings"));
    let said = spoken();
    assert!(!said.is_empty());
    assert!(said.iter().all(|e| e.lang == "en"), "{said:?}");
    assert_eq!(said[0].text, "English", "the choice says its name first");
    reset(settings);
}

#[wasm_bindgen_test]
async fn voice_off_stops_speaking_and_voice_on_speaks_again() {
    let (root, settings, _handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    install_spy();
    speech::speak("这句话还没说完。", Lang::ZhCn);
    take_log();
    button(&root, "不要语音").click();
    settle().await;
    let log: Vec<Entry> = serde_json::from_str(&take_log()).expect("json");
    assert!(
        log.iter().any(|e| e.op == "cancel"),
        "what was being said stops: {log:?}"
    );
    assert!(log.iter().all(|e| e.op != "speak"), "{log:?}");
    assert!(!speech::is_enabled());

    // Nothing speaks any more: not a prompt, not a tap.
    speech::speak("不应该说出来。", Lang::ZhCn);
    button(&root, "特大").click();
    settle().await;
    assert!(spoken().is_empty());

    button(&root, "要语音").click();
    settle().await;
    let said = spoken();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].text.contains("说给您听"), "{said:?}");
    reset(settings);
}

#[wasm_bindgen_test]
async fn each_speed_says_a_sample_at_that_speed() {
    let (root, settings, _handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    install_spy();
    for (name, rate) in [("慢", 0.7), ("快", 1.1), ("正常", 0.9)] {
        button(&root, name).click();
        settle().await;
        let said = spoken();
        assert_eq!(
            said.len(),
            1,
            "{name}: one sample, no echo over it: {said:?}"
        );
        assert!(said[0].text.starts_with(name), "{said:?}");
        assert!(said[0].text.contains("速度"), "{said:?}");
        assert!(
            (said[0].rate - rate).abs() < 0.01,
            "{name}: rate {}",
            said[0].rate
        );
    }
    reset(settings);
}

#[wasm_bindgen_test]
async fn a_phone_remembers_its_settings_and_a_kiosk_does_not() {
    let storage = window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage");
    let _ = storage.remove_item(SETTINGS_KEY);

    let (root, settings, handle) = mount_settings(DeviceMode::Kiosk);
    settle().await;
    button(&root, "特大").click();
    settle().await;
    assert_eq!(
        storage.get_item(SETTINGS_KEY).ok().flatten(),
        None,
        "a kiosk keeps nothing"
    );
    reset(settings);
    drop(handle);

    let (root, settings, _handle) = mount_settings(DeviceMode::Personal);
    settle().await;
    button(&root, "特大").click();
    settle().await;
    let stored = storage
        .get_item(SETTINGS_KEY)
        .ok()
        .flatten()
        .expect("stored");
    let stored: api::Settings = serde_json::from_str(&stored).expect("settings JSON");
    assert_eq!(stored.text_size, api::TextSize::Largest);
    reset(settings);
    settle().await;
    let _ = storage.remove_item(SETTINGS_KEY);
}

/// A button and the PIN pad with voice on every tap, outside any screen.
fn mount_controls(pressed: RwSignal<u32>) -> (HtmlElement, impl Sized) {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        provide_context(I18n::new(Lang::ZhCn));
        speak_every_tap();
        let pin = RwSignal::new(String::new());
        view! {
            <BigButton label="助餐" on_press=move || pressed.update(|n| *n += 1) />
            <BigButton
                label="午餐"
                detail="11:00–12:30"
                on_press=move || pressed.update(|n| *n += 1)
            />
            <PinKeypad value=pin />
        }
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn tapping_a_big_button_says_its_name() {
    speech::set_enabled(true);
    let presses = RwSignal::new(0);
    let (root, _handle) = mount_controls(presses);
    settle().await;
    install_spy();
    button(&root, "助餐").click();
    settle().await;
    assert_eq!(presses.get_untracked(), 1, "the button still does its job");
    let said = spoken();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].text, "助餐");
    assert_eq!(said[0].lang, "zh-CN");

    // A second line (time, price) is said too, after a pause.
    button(&root, "午餐").click();
    settle().await;
    let said = spoken();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].text, "午餐，11:00–12:30");
}

#[wasm_bindgen_test]
async fn the_next_prompt_waits_for_the_tap_to_be_said() {
    speech::set_enabled(true);
    let (root, _handle) = mount_controls(RwSignal::new(0));
    settle().await;
    install_spy();
    button(&root, "助餐").click();
    // What the tap led to (a new screen's prompt) comes right after.
    speech::speak("请选择哪一天。", Lang::ZhCn);
    settle().await;
    let log: Vec<Entry> = serde_json::from_str(&take_log()).expect("json");
    let ops: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.op.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("cancel", ""),
            ("speak", "助餐"),
            ("speak", "请选择哪一天。")
        ],
        "the echo is not cut off"
    );
}

#[wasm_bindgen_test]
async fn the_pin_pad_says_how_many_digits_never_which() {
    speech::set_enabled(true);
    let (root, _handle) = mount_controls(RwSignal::new(0));
    settle().await;
    install_spy();
    let keypad = root
        .query_selector(".keypad")
        .ok()
        .flatten()
        .expect("a keypad")
        .unchecked_into::<HtmlElement>();
    button(&keypad, "7").click();
    settle().await;
    button(&keypad, "3").click();
    settle().await;
    let said = spoken();
    let texts: Vec<&str> = said.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["已输入 1 位，共 6 位", "已输入 2 位，共 6 位"]);
    assert!(texts.iter().all(|t| !t.contains('7') && !t.contains('3')));
}

#[wasm_bindgen_test]
async fn the_kiosk_guard_locks_the_page_down_only_while_it_is_there() {
    load_styles();
    let menu_blocked = || {
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("contextmenu", &{
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            init.set_cancelable(true);
            init
        })
        .expect("an event");
        let body = document().body().expect("a body");
        body.dispatch_event(&event).expect("dispatched");
        event.default_prevented()
    };
    let root = container();
    let handle = mount_to(root, KioskGuard);
    settle().await;
    assert!(html().class_list().contains("kiosk"));
    let body = document().body().expect("a body");
    assert_eq!(computed(&body, "user-select"), "none");
    assert_eq!(computed(&html(), "touch-action"), "pan-x pan-y");
    assert!(menu_blocked(), "no long-press menu");

    drop(handle);
    settle().await;
    assert!(
        !html().class_list().contains("kiosk"),
        "a phone is left as it is"
    );
    assert_eq!(computed(&html(), "touch-action"), "auto");
    assert!(!menu_blocked());
}
