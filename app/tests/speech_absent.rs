//! A browser without speech synthesis: prompts are silently skipped, never a crash.

use api::Lang;
use app::speech;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn speaking_without_speech_synthesis_does_nothing() {
    let removed = js_sys::eval(
        "Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true }); \
         window.speechSynthesis === undefined",
    )
    .ok()
    .and_then(|v| v.as_bool());
    assert_eq!(
        removed,
        Some(true),
        "the test must really remove speechSynthesis"
    );
    speech::speak("您好。", Lang::ZhCn);
    speech::speak("Hello.", Lang::En);
    speech::stop();
}
