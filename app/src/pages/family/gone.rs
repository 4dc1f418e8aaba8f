//! A family member's request refused because the link stopped (the elder revoked it, it ran
//! out, or what it allows changed): the words say so (the explainer), and this gives the way
//! forward, after refreshing the links so the banner and the picker show what is true now.

use api::{ApiError, ProblemType};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind};
use crate::i18n::use_i18n;
use crate::problems;
use crate::state::{SessionCtx, SignOutReason, use_session, use_sign_out};

/// True when `err` is the platform refusing a family member for the elder acted for.
pub fn is_link_gone(session: &SessionCtx, err: &ApiError) -> bool {
    session.get_untracked().is_some_and(|s| s.is_family())
        && matches!(
            problems::kind(err),
            Some(ProblemType::Forbidden | ProblemType::LinkRevoked)
        )
}

#[component]
pub fn LinkGone() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    // Best effort: if it fails the picker refreshes again when opened.
    spawn_local(async move {
        let _ = super::refresh_links(session).await;
    });
    view! {
        <div class="actions">
            <BigButton
                label=move || i18n.t("family.choose_other")
                icon=IconKind::Person
                on_press=move || navigate("/family/elders", Default::default())
                testid="choose-other-elder"
            />
            <BigButton
                label=move || i18n.t("home.sign_out")
                kind=ButtonKind::Secondary
                icon=IconKind::SignOut
                on_press=move || sign_out(SignOutReason::Chosen)
            />
        </div>
    }
}
