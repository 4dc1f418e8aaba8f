//! Shared by the help-request tests (`help.rs`, `help_triage.rs`).

use api::{
    ACTING_FOR_HEADER, ApiError, Client, HelpPlace, HelpRequest, HelpRequestCreate, HelpStatus,
    HelpStatusUpdate, IDEMPOTENCY_KEY_HEADER, PersonId, PersonRef,
};

use super::{TestServer, WANG};

pub const WANG_NAME: &str = "王秀英";
pub const STAFF_NAME: &str = "周敏";
pub const DAUGHTER_NAME: &str = "王丽";
pub const HOTLINE: &str = "010-6501 2345";

pub fn at_kiosk() -> HelpRequestCreate {
    HelpRequestCreate {
        place: HelpPlace::Kiosk {
            location: "阳光社区服务中心 一楼大厅".into(),
        },
        screen: Some("/meals".into()),
    }
}

pub fn on_phone() -> HelpRequestCreate {
    HelpRequestCreate {
        place: HelpPlace::Phone,
        screen: None,
    }
}

pub fn to(status: HelpStatus) -> HelpStatusUpdate {
    HelpStatusUpdate { status }
}

pub fn names(people: &[PersonRef]) -> Vec<&str> {
    people.iter().map(|p| p.name.as_str()).collect()
}

pub fn ids(requests: &[HelpRequest]) -> Vec<i64> {
    requests.iter().map(|r| r.id).collect()
}

/// The refusal of a call, as (type, status), naming nobody.
pub fn refusal<T: std::fmt::Debug>(r: Result<T, ApiError>) -> (&'static str, u16) {
    let p = r.unwrap_err().problem().cloned().expect("a problem");
    let body = serde_json::to_string(&p).unwrap();
    assert!(
        !body.contains(WANG_NAME),
        "the refusal names nobody: {body}"
    );
    (p.kind.slug(), p.status)
}

/// `POST /help-requests` by hand, to see what the typed client hides: the status code and
/// whether the answer was replayed.
pub async fn ask(
    srv: &TestServer,
    client: &Client,
    elder: PersonId,
    body: &HelpRequestCreate,
    key: &str,
) -> (u16, HelpRequest, bool) {
    let resp = reqwest::Client::new()
        .post(format!("{}/api/v1/help-requests", srv.base))
        .bearer_auth(client.token().unwrap())
        .header(ACTING_FOR_HEADER, elder)
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let replayed = resp.headers().contains_key("idempotent-replayed");
    (status, resp.json().await.unwrap(), replayed)
}

/// 王秀英 signed in, and her id.
pub async fn wang(srv: &TestServer) -> (Client, PersonId) {
    let wang = srv.sign_in(WANG).await;
    let id = wang.me().await.unwrap().person.id;
    (wang, id)
}
