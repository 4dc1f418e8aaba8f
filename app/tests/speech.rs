//! The speech module in headless Chromium, which has `speechSynthesis` but no
//! voices: a spy on `speak` and `cancel` records what would have been said.

use api::Lang;
use app::speech;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function install_spy() {
  const proto = Object.getPrototypeOf(window.speechSynthesis);
  // The page counts as touched unless a test says otherwise (window.__active = false):
  // Chromium refuses to speak before a first touch, and Linli holds the prompt till then.
  Object.defineProperty(navigator, "userActivation", {
    configurable: true,
    get: () => ({ hasBeenActive: window.__active !== false }),
  });
  window.__active = true;
  window.__speech = [];
  proto.speak = function (u) { window.__speech.push({ op: "speak", text: u.text, lang: u.lang }); };
  proto.cancel = function () { window.__speech.push({ op: "cancel" }); };
}
export function set_active(on) {
  window.__active = on;
}
export function take_log() {
  const log = JSON.stringify(window.__speech || []);
  window.__speech = [];
  return log;
}
"#)]
extern "C" {
    fn install_spy();
    fn set_active(on: bool);
    fn take_log() -> String;
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Entry {
    op: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    lang: String,
}

fn log() -> Vec<Entry> {
    serde_json::from_str(&take_log()).expect("the spy's log is JSON")
}

fn spoken(log: &[Entry]) -> Vec<&Entry> {
    log.iter().filter(|e| e.op == "speak").collect()
}

/// Longer than the wait for voices, so any held-back prompt has been spoken.
async fn wait_for_speech() {
    let ms = speech::VOICE_WAIT_MS + 200;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

async fn say(text: &str, lang: Lang) -> Vec<Entry> {
    install_spy();
    take_log();
    speech::speak(text, lang);
    wait_for_speech().await;
    log()
}

#[wasm_bindgen_test]
async fn chinese_and_english_prompts_carry_their_language() {
    let zh = say("请输入您的卡号或手机号。", Lang::ZhCn).await;
    let zh = spoken(&zh);
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert_eq!(zh[0].lang, "zh-CN");
    assert_eq!(zh[0].text, "请输入您的卡号或手机号。");

    let en = say("Enter your card number or phone number.", Lang::En).await;
    let en = spoken(&en);
    assert_eq!(en.len(), 1, "{en:?}");
    assert_eq!(en[0].lang, "en");
}

#[wasm_bindgen_test]
async fn long_text_is_split_into_short_utterances() {
    let text = "请确认：明天 11月24日 星期二 午餐，11:00 至 12:30。用餐方式：堂食。\
                地点：阳光长者食堂，阳光社区活动中心一楼。菜品有：红烧肉、清炒时蔬、米饭、紫菜蛋花汤。\
                全价15.00元，政府补贴10.00元，您需支付5.00元。明天 09:00之前可以取消。";
    let log = say(text, Lang::ZhCn).await;
    let parts = spoken(&log);
    assert!(parts.len() >= 3, "{parts:?}");
    for p in &parts {
        assert_eq!(p.lang, "zh-CN");
        let size = p.text.chars().filter(|c| !c.is_whitespace()).count();
        assert!(size <= 40, "too long for one breath ({size}): {}", p.text);
    }
    let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
}

#[wasm_bindgen_test]
async fn a_new_prompt_cancels_the_one_before() {
    install_spy();
    speech::speak("第一句。", Lang::ZhCn);
    wait_for_speech().await;
    take_log();
    speech::speak("第二句。", Lang::ZhCn);
    speech::speak("第三句。", Lang::ZhCn);
    wait_for_speech().await;
    let log = log();
    let ops: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.op.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("cancel", ""),
            ("speak", "第二句。"),
            ("cancel", ""),
            ("speak", "第三句。")
        ],
        "every prompt starts by silencing the one before"
    );
}

#[wasm_bindgen_test]
async fn turned_off_means_silent() {
    install_spy();
    speech::set_enabled(false);
    take_log();
    speech::speak("不应该说出来。", Lang::ZhCn);
    wait_for_speech().await;
    let log = log();
    speech::set_enabled(true);
    assert!(spoken(&log).is_empty(), "{log:?}");
}

/// A click on the page, after the handlers that run in the same turn.
async fn click_page() {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("a body");
    body.click();
    wait_for_speech().await;
}

#[wasm_bindgen_test]
async fn before_the_first_touch_the_prompt_waits_for_it() {
    install_spy();
    set_active(false);
    take_log();
    speech::speak("请选择哪一天。", Lang::ZhCn);
    speech::speak("请选择用餐方式。", Lang::ZhCn);
    wait_for_speech().await;
    assert!(
        spoken(&log()).is_empty(),
        "nothing is said into a page not yet touched"
    );

    // A touch that is not activation (Escape, say) changes nothing.
    click_page().await;
    assert!(spoken(&log()).is_empty());

    // The first real touch brings the latest prompt, once.
    set_active(true);
    click_page().await;
    let log = log();
    let said: Vec<&str> = spoken(&log).iter().map(|e| e.text.as_str()).collect();
    assert_eq!(said, ["请选择用餐方式。"]);
    click_page().await;
    assert!(
        spoken(&self::log()).is_empty(),
        "said once, not at every touch"
    );
}

#[wasm_bindgen_test]
async fn a_first_touch_that_speaks_for_itself_drops_the_held_prompt() {
    install_spy();
    set_active(false);
    speech::speak("请选择哪一天。", Lang::ZhCn);
    set_active(true);
    take_log();
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("a body");
    let own = Closure::<dyn Fn()>::new(|| speech::speak("午餐。", Lang::ZhCn));
    body.add_event_listener_with_callback("click", own.as_ref().unchecked_ref())
        .expect("listener");
    click_page().await;
    body.remove_event_listener_with_callback("click", own.as_ref().unchecked_ref())
        .expect("listener");
    let log = log();
    let said: Vec<&str> = spoken(&log).iter().map(|e| e.text.as_str()).collect();
    assert_eq!(said, ["午餐。"]);
}
