//! The PIN keypad in a real browser: buttons by their names, the value, the dots.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.

use api::Lang;
use app::components::{Keypad, PinKeypad};
use app::i18n::I18n;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, window};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let doc = window().and_then(|w| w.document()).expect("a document");
    let div: HtmlElement = doc.create_element("div").expect("a div").unchecked_into();
    doc.body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div
}

/// Lets effects and DOM updates run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The button whose visible text is exactly `name`, as a person would find it.
fn button(root: &HtmlElement, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn filled_dots(root: &HtmlElement) -> u32 {
    root.query_selector_all(".pin-dot.filled")
        .expect("dots")
        .length()
}

fn all_dots(root: &HtmlElement) -> u32 {
    root.query_selector_all(".pin-dot").expect("dots").length()
}

fn dots_label(root: &HtmlElement) -> String {
    root.query_selector("[data-testid=pin-dots]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("aria-label"))
        .unwrap_or_default()
}

fn mount_pin(lang: Lang) -> (HtmlElement, RwSignal<String>, impl Sized) {
    let root = container();
    let value = RwSignal::new(String::new());
    let handle = mount_to(root.clone(), move || {
        provide_context(I18n::new(lang));
        view! { <PinKeypad value /> }
    });
    (root, value, handle)
}

#[wasm_bindgen_test]
async fn digits_fill_the_value_and_the_dots() {
    let (root, value, _handle) = mount_pin(Lang::ZhCn);
    settle().await;
    assert_eq!(all_dots(&root), 6);
    assert_eq!(filled_dots(&root), 0);

    for digit in ["1", "2", "3"] {
        button(&root, digit).click();
    }
    settle().await;
    assert_eq!(value.get_untracked(), "123");
    assert_eq!(filled_dots(&root), 3);
    assert_eq!(dots_label(&root), "已输入 3 位，共 6 位");
    // The PIN itself never appears on screen: the dots area shows only the count.
    let pin_area = root
        .query_selector(".pin")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(!pin_area.contains("123"), "{pin_area}");
}

#[wasm_bindgen_test]
async fn delete_removes_one_digit_and_clear_removes_all() {
    let (root, value, _handle) = mount_pin(Lang::ZhCn);
    for digit in ["9", "8", "7", "6"] {
        button(&root, digit).click();
    }
    button(&root, "删除").click();
    settle().await;
    assert_eq!(value.get_untracked(), "987");
    assert_eq!(filled_dots(&root), 3);

    button(&root, "清空").click();
    settle().await;
    assert_eq!(value.get_untracked(), "");
    assert_eq!(filled_dots(&root), 0);

    // Delete on an empty PIN does nothing, and breaks nothing.
    button(&root, "删除").click();
    assert_eq!(value.get_untracked(), "");
}

#[wasm_bindgen_test]
async fn no_more_than_six_digits() {
    let (root, value, _handle) = mount_pin(Lang::ZhCn);
    for digit in ["1", "2", "3", "4", "5", "6", "7", "8", "0"] {
        button(&root, digit).click();
    }
    settle().await;
    assert_eq!(value.get_untracked(), "123456");
    assert_eq!(filled_dots(&root), 6);
}

#[wasm_bindgen_test]
async fn keys_are_named_in_english_too() {
    let (root, value, _handle) = mount_pin(Lang::En);
    button(&root, "0").click();
    button(&root, "5").click();
    button(&root, "Delete").click();
    settle().await;
    assert_eq!(value.get_untracked(), "0");
    assert_eq!(dots_label(&root), "1 of 6 digits entered");
    button(&root, "Clear").click();
    assert_eq!(value.get_untracked(), "");
}

#[wasm_bindgen_test]
async fn the_number_keypad_takes_eleven_digits_for_a_phone() {
    let root = container();
    let value = RwSignal::new(String::new());
    let _handle = mount_to(root.clone(), move || {
        provide_context(I18n::new(Lang::ZhCn));
        view! { <Keypad value max_len=11 /> }
    });
    for digit in "138000000012".chars() {
        button(&root, &digit.to_string()).click();
    }
    assert_eq!(value.get_untracked(), "13800000001");
    // Ten digit keys plus Delete and Clear, every one a real <button>.
    assert_eq!(
        root.query_selector_all("button").expect("buttons").length(),
        12
    );
}
