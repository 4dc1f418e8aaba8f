//! Settings follow the person: saved once, they come back from `/me/settings`, from `/me` and
//! with the next sign-in, on any device. Each principal has their own.

mod common;

use api::{
    ACTING_FOR_HEADER, ApiError, Client, IDEMPOTENCY_KEY_HEADER, Lang, PersonKind, Settings,
    SignInRequest, TextSize, VoiceSpeed,
};
use common::*;

/// What an elder with weak eyes and no patience for English might choose.
fn large_and_slow() -> Settings {
    Settings {
        text_size: TextSize::Largest,
        high_contrast: true,
        voice: true,
        voice_speed: VoiceSpeed::Slow,
        lang: Lang::ZhCn,
    }
}

/// The contract's defaults, as a body with no fields reads: voice on. (The derived
/// `Settings::default()` says voice off; the server answers with these.)
fn defaults() -> Settings {
    serde_json::from_str("{}").unwrap()
}

fn refusal<T: std::fmt::Debug>(r: Result<T, ApiError>) -> (&'static str, u16) {
    let p = r.unwrap_err().problem().cloned().expect("a problem");
    (p.kind.slug(), p.status)
}

async fn sign_in_response(srv: &TestServer, (account, pin): (&str, &str)) -> api::SignInResponse {
    srv.client()
        .sign_in(&SignInRequest {
            account: account.into(),
            pin: pin.into(),
        })
        .await
        .expect("sign in")
}

#[tokio::test]
async fn someone_who_never_saved_gets_the_defaults_and_no_settings_in_me() {
    let srv = TestServer::start().await;
    let signed_in = sign_in_response(&srv, WANG).await;
    assert_eq!(signed_in.me.settings, None, "nothing saved yet");
    let wang = srv
        .client()
        .with_token(signed_in.token)
        .acting_for(signed_in.me.person.id);
    let got = wang.settings().await.unwrap();
    assert_eq!(got, defaults());
    assert!(got.voice, "voice prompts are on until turned off");
    assert_eq!(
        (got.text_size, got.high_contrast, got.voice_speed, got.lang),
        (TextSize::Standard, false, VoiceSpeed::Normal, Lang::ZhCn)
    );
    assert_eq!(wang.me().await.unwrap().settings, None);
}

#[tokio::test]
async fn saved_settings_come_back_from_settings_me_and_the_next_sign_in() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let chosen = Settings {
        lang: Lang::En,
        ..large_and_slow()
    };
    assert_eq!(wang.save_settings(&chosen, &key()).await.unwrap(), chosen);
    assert_eq!(wang.settings().await.unwrap(), chosen);
    let me = wang.me().await.unwrap();
    assert_eq!(me.settings, Some(chosen));
    assert_eq!(
        me.lang,
        Some(Lang::En),
        "the chosen language is their language"
    );

    // At the kiosk tomorrow: a new sign-in brings them along.
    let again = sign_in_response(&srv, WANG).await;
    assert_eq!(again.me.settings, Some(chosen));

    let changed = Settings {
        voice: false,
        text_size: TextSize::Large,
        ..chosen
    };
    wang.save_settings(&changed, &key()).await.unwrap();
    assert_eq!(wang.settings().await.unwrap(), changed, "a save replaces");
}

#[tokio::test]
async fn settings_are_the_principals_not_the_elder_acted_for() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let elder = wang.me().await.unwrap().person.id;
    let daughter = srv.daughter_for(elder).await;
    let staff = srv.staff_for(elder).await;

    wang.save_settings(&large_and_slow(), &key()).await.unwrap();
    assert_eq!(daughter.settings().await.unwrap(), defaults());
    assert_eq!(staff.settings().await.unwrap(), defaults());
    assert_eq!(staff.me().await.unwrap().settings, None);

    // The daughter, acting for her mother, saves her own: her mother's stay as they were.
    let hers = Settings {
        lang: Lang::En,
        voice: false,
        ..defaults()
    };
    daughter.save_settings(&hers, &key()).await.unwrap();
    let me = daughter.me().await.unwrap();
    assert_eq!(
        (me.person.kind, me.settings),
        (PersonKind::Family, Some(hers))
    );
    assert_eq!(wang.settings().await.unwrap(), large_and_slow());
}

#[tokio::test]
async fn a_retried_save_is_answered_as_before_and_changes_nothing_since() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let first_key = key();
    let first = large_and_slow();
    wang.save_settings(&first, &first_key).await.unwrap();
    let later = Settings {
        high_contrast: false,
        ..first
    };
    wang.save_settings(&later, &key()).await.unwrap();

    // The first save, retried late (a slow network): the stored answer, not a second write.
    assert_eq!(wang.save_settings(&first, &first_key).await.unwrap(), first);
    assert_eq!(wang.settings().await.unwrap(), later);
    assert_eq!(
        refusal(wang.save_settings(&defaults(), &first_key).await),
        ("idempotency-key-reused", 422)
    );
}

#[tokio::test]
async fn saving_needs_a_sign_in_and_an_idempotency_key() {
    let srv = TestServer::start().await;
    assert_eq!(
        refusal(srv.client().settings().await),
        ("not-signed-in", 401)
    );
    let wang = srv.sign_in(WANG).await;
    let resp = reqwest::Client::new()
        .put(format!("{}/api/v1/me/settings", srv.base))
        .bearer_auth(wang.token().unwrap())
        .json(&large_and_slow())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let problem: api::Problem = resp.json().await.unwrap();
    assert_eq!(problem.kind.slug(), "idempotency-key-missing");
    assert_eq!(wang.settings().await.unwrap(), defaults());
}

#[tokio::test]
async fn a_partial_body_takes_the_defaults_for_what_it_leaves_out() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let resp = reqwest::Client::new()
        .put(format!("{}/api/v1/me/settings", srv.base))
        .bearer_auth(wang.token().unwrap())
        .header(IDEMPOTENCY_KEY_HEADER, key())
        .json(&serde_json::json!({ "text_size": "large" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let saved: Settings = resp.json().await.unwrap();
    assert_eq!(
        saved,
        Settings {
            text_size: TextSize::Large,
            ..defaults()
        }
    );
}

#[tokio::test]
async fn a_kiosk_delivery_token_neither_reads_nor_saves_settings() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let elder = wang.me().await.unwrap().person.id;
    let token = wang.delivery_token().await.unwrap().token;
    let delivery: Client = srv.client().with_token(token).acting_for(elder);
    assert_eq!(refusal(delivery.settings().await), ("forbidden", 403));
    assert_eq!(
        refusal(delivery.save_settings(&large_and_slow(), &key()).await),
        ("forbidden", 403)
    );
    assert_eq!(wang.settings().await.unwrap(), defaults());
    // The Acting-For header a kiosk always sends changes nothing about that.
    let resp = reqwest::Client::new()
        .get(format!("{}/api/v1/me/settings", srv.base))
        .bearer_auth(delivery.token().unwrap())
        .header(ACTING_FOR_HEADER, elder)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn a_browser_elsewhere_may_save_settings_with_put() {
    let srv = TestServer::start().await;
    let preflight = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/me/settings", srv.base),
        )
        .header("origin", "https://kiosk.example.org")
        .header("access-control-request-method", "PUT")
        .header(
            "access-control-request-headers",
            "authorization,idempotency-key,content-type",
        )
        .send()
        .await
        .unwrap();
    let methods = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(methods.contains("PUT"), "{methods}");
}

#[tokio::test]
async fn the_language_on_file_is_the_default_until_settings_are_saved() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let elder = wang.me().await.unwrap().person.id;
    sqlx::query("UPDATE people SET lang = 'en' WHERE id = ?")
        .bind(elder)
        .execute(srv.db())
        .await
        .unwrap();
    assert_eq!(
        wang.settings().await.unwrap(),
        Settings {
            lang: Lang::En,
            ..defaults()
        }
    );
    assert_eq!(wang.me().await.unwrap().lang, Some(Lang::En));
    wang.save_settings(&large_and_slow(), &key()).await.unwrap();
    assert_eq!(
        wang.me().await.unwrap().lang,
        Some(Lang::ZhCn),
        "once chosen in settings, that is their language"
    );
}
