//! "No connection: showing information from …" in a real browser: a screen whose read the
//! cache answered says from when; one whose read simply failed says nothing of the kind;
//! a read that lands after its screen is gone dates nothing.
//! Run: `cargo test --target wasm32-unknown-unknown --test freshness_note`.
//!
//! The platform is unreachable (a refused port), so every read is `ApiError::Network`.
#![cfg(target_arch = "wasm32")]

use api::{Canteen, Lang, Me, PersonKind, PersonRef};
use app::components::Screen;
use app::i18n::I18n;
use app::offline::cache::{Cached, MemoryShelf, Shelf};
use app::offline::reader::use_reader;
use app::state::{DeviceMode, FreshnessCtx, Session, SessionCtx};
use chrono::{DateTime, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, window};

wasm_bindgen_test_configure!(run_in_browser);

const UNREACHABLE: &str = "http://127.0.0.1:9";

fn container() -> HtmlElement {
    let doc = window().and_then(|w| w.document()).expect("a document");
    let div: HtmlElement = doc.create_element("div").expect("a div").unchecked_into();
    doc.body()
        .expect("a body")
        .append_child(&div)
        .expect("appended");
    div
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn elder() -> PersonRef {
    PersonRef {
        id: 1,
        name: "王秀英".into(),
        kind: PersonKind::Elder,
        relation: None,
    }
}

/// A kiosk signed in as elder 1, whose cache holds canteens fetched at `cached`.
async fn kiosk(cached: Option<DateTime<Utc>>) -> SessionCtx {
    let shelf = MemoryShelf::kiosk();
    shelf.clear();
    if let Some(fetched_at) = cached {
        let body: Vec<Canteen> = Vec::new();
        let json = serde_json::to_string(&Cached { fetched_at, body }).expect("json");
        shelf.put("1/canteens", json).await;
    }
    let session = SessionCtx::new(UNREACHABLE.into(), DeviceMode::Kiosk);
    session.start(Session {
        token: "token".into(),
        me: Me {
            person: elder(),
            acting_for: vec![elder()],
            lang: None,
            settings: None,
            hotline: String::new(),
            acted_for_since_last_sign_in: None,
        },
        elder: elder(),
        delivery_token: None,
        links: Vec::new(),
    });
    session
}

/// A screen that reads the canteens and says whether it got them.
#[component]
fn Canteens() -> impl IntoView {
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { reader.canteens().await }
    });
    let outcome = move || match data.get() {
        None => "loading",
        Some(Ok(_)) => "shown",
        Some(Err(_)) => "failed",
    };
    view! {
        <Screen title="Canteens" say="Canteens">
            <p data-testid="outcome">{outcome}</p>
        </Screen>
    }
}

fn mount(session: SessionCtx, freshness: FreshnessCtx) -> (HtmlElement, impl Sized) {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        provide_context(I18n::new(Lang::En));
        provide_context(session);
        provide_context(freshness);
        view! {
            <Router>
                <Canteens />
            </Router>
        }
    });
    (root, handle)
}

fn text_of(root: &HtmlElement, testid: &str) -> Option<String> {
    root.query_selector(&format!("[data-testid={testid}]"))
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
}

/// Waits (up to ~3 s) until the screen has its answer.
async fn outcome(root: &HtmlElement) -> String {
    for _ in 0..150 {
        match text_of(root, "outcome") {
            Some(text) if text != "loading" => return text,
            _ => sleep(20).await,
        }
    }
    panic!("the read never finished");
}

#[wasm_bindgen_test]
async fn a_screen_showing_cached_data_says_from_when() {
    let fetched_at = "2030-03-05T02:42:00Z".parse().expect("a time");
    let freshness = FreshnessCtx::new();
    let (root, _handle) = mount(kiosk(Some(fetched_at)).await, freshness);
    assert_eq!(outcome(&root).await, "shown", "the cache stood in");
    sleep(20).await;
    let note = text_of(&root, "as-of").expect("the note");
    // 2030 is never today, so the date is said too.
    assert!(
        note.starts_with("No connection: showing information from ") && note.contains("March"),
        "{note}"
    );
    assert_eq!(freshness.as_of.get_untracked(), Some(fetched_at));
}

#[wasm_bindgen_test]
async fn a_failed_read_with_nothing_cached_says_nothing_of_freshness() {
    let freshness = FreshnessCtx::new();
    let (root, _handle) = mount(kiosk(None).await, freshness);
    assert_eq!(outcome(&root).await, "failed");
    sleep(20).await;
    assert_eq!(text_of(&root, "as-of"), None);
}

/// Reads the canteens with a reader made on a screen; `leave` first if the screen is gone.
async fn read_after(freshness: FreshnessCtx, leave: bool) {
    let fetched_at = "2030-03-05T02:42:00Z".parse().expect("a time");
    let session = kiosk(Some(fetched_at)).await;
    let screen = Owner::new();
    let reader = screen.with(|| {
        provide_context(session);
        provide_context(freshness);
        use_reader()()
    });
    let screen = (!leave).then_some(screen);
    assert!(reader.canteens().await.is_ok(), "served from the cache");
    drop(screen);
}

#[wasm_bindgen_test]
async fn a_read_landing_after_its_screen_is_gone_dates_nothing() {
    let stays = FreshnessCtx::new();
    read_after(stays, false).await;
    assert!(stays.as_of.get_untracked().is_some(), "the screen is dated");

    let leaves = FreshnessCtx::new();
    read_after(leaves, true).await;
    assert_eq!(leaves.as_of.get_untracked(), None, "the next screen is not");
}
