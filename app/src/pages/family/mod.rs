//! Family members acting for an elder (issue 6, docs/family.md), and the elder's side of it.
//!
//! The family member's screens (`/family/…`) exist only on a personal device: a kiosk is the
//! elder's, and offers no family sign-in. The elder's screens (`/my-family/…`) are for an elder
//! signed in as themself.

mod activity;
mod code;
mod elders;
mod gone;
mod link;
mod links;
mod sign_in;
mod sign_up;
pub mod summary;

pub use activity::WhoActedForMe;
pub use code::MakeLinkCode;
pub use elders::FamilyElders;
pub use gone::{LinkGone, is_link_gone};
pub use link::EnterLinkCode;
pub use links::MyFamily;
pub use sign_in::FamilySignIn;
pub use sign_up::FamilySignUp;

use api::{ApiError, LinkPermissions, SignInResponse};

use crate::i18n::I18n;
use crate::state::{Session, SessionCtx, SettingsCtx};

/// Where a signed-in family member goes first: their elders (picked at once when there is
/// one, the picker for several, how to link for none).
pub const START: &str = "/family/elders?start=1";

/// A family member's client: signed in, acting for nobody (links are the person's own).
pub fn principal_client(session: SessionCtx) -> api::Client {
    let client = session.anonymous_client();
    match session.get_untracked() {
        Some(s) => client.with_token(s.token),
        None => client,
    }
}

/// After a family sign-in or sign-up: their links, then the session.
pub async fn start_family_session(
    session: SessionCtx,
    settings: Option<SettingsCtx>,
    resp: SignInResponse,
) -> Result<(), ApiError> {
    let client = session.anonymous_client().with_token(resp.token.clone());
    let links = client.links().await?;
    let s = Session::for_family(resp, links);
    if let Some(settings) = settings {
        settings.signed_in(&s.me);
    }
    session.start(s);
    Ok(())
}

/// Refreshes a family member's links (after a refusal, on the picker).
pub async fn refresh_links(session: SessionCtx) -> Result<(), ApiError> {
    let links = principal_client(session).links().await?;
    session.set_links(links);
    Ok(())
}

/// What a link allows, in one sentence: "可以查看预约、代订、取消".
pub fn permission_words(i18n: I18n, p: LinkPermissions) -> String {
    let mut parts = Vec::new();
    if p.view {
        parts.push(i18n.t("family.may_view"));
    }
    if p.book {
        parts.push(i18n.t("family.may_book"));
    }
    if p.cancel {
        parts.push(i18n.t("family.may_cancel"));
    }
    if parts.is_empty() {
        return i18n.t("family.may_nothing");
    }
    let sep = i18n.t("family.list_separator");
    i18n.t_with("family.may", &[("what", &parts.join(&sep))])
}
