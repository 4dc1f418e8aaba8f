//! The provider card in a real browser: who runs the service and who supervises it, in the
//! current language; the government-purchased badge in words (and only when it applies);
//! the hotline as a `tel:` link.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.

use api::{Lang, ProviderCard as Card, Text};
use app::components::ProviderCard;
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

fn card(government_purchased: bool) -> Card {
    Card {
        organisation: Text::new("安心家政服务社", "Anxin Home Services"),
        committee: Text::new("阳光社区居民委员会", "Sunshine Community Committee"),
        hotline: "010-6501 3001".into(),
        funding: Text::new("政府购买服务", "Paid by the government"),
        government_purchased,
    }
}

fn mount(card: Card) -> (HtmlElement, I18n, impl Sized) {
    let root = container();
    let i18n = I18n::new(Lang::ZhCn);
    let handle = mount_to(root.clone(), move || {
        provide_context(i18n);
        view! { <ProviderCard card /> }
    });
    (root, i18n, handle)
}

fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .map(|t| t.trim().to_owned())
}

#[wasm_bindgen_test]
async fn a_government_purchased_service_says_so_and_the_hotline_dials() {
    let (root, i18n, _handle) = mount(card(true));
    settle().await;
    let badge = text_of(&root, "[data-testid=government-badge]");
    assert_eq!(badge.as_deref(), Some("政府购买服务"));
    // The badge carries an icon as well as its words, never colour alone.
    assert!(
        root.query_selector("[data-testid=government-badge] svg")
            .ok()
            .flatten()
            .is_some()
    );
    let link = root
        .query_selector("a[data-testid=provider-hotline]")
        .ok()
        .flatten()
        .expect("a hotline link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("tel:01065013001")
    );
    assert!(
        link.text_content()
            .unwrap_or_default()
            .contains("010-6501 3001")
    );
    let organisation = text_of(&root, "[data-testid=provider-organisation] dd");
    assert_eq!(organisation.as_deref(), Some("安心家政服务社"));

    i18n.set_lang(Lang::En);
    settle().await;
    let badge = text_of(&root, "[data-testid=government-badge]");
    assert_eq!(badge.as_deref(), Some("Government-purchased service"));
    let committee = text_of(&root, "[data-testid=provider-committee] dd");
    assert_eq!(committee.as_deref(), Some("Sunshine Community Committee"));
}

#[wasm_bindgen_test]
async fn no_badge_when_the_government_does_not_buy_the_service() {
    let (root, _i18n, _handle) = mount(card(false));
    settle().await;
    assert_eq!(text_of(&root, "[data-testid=government-badge]"), None);
    assert!(text_of(&root, "[data-testid=provider-funding] dd").is_some());
}
