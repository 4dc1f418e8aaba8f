//! `/` on a kiosk: the full-screen "touch to start" (UX.md, Kiosk). On a phone
//! there is nothing to welcome to: it goes straight to sign-in or home.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{Icon, IconKind, Screen};
use crate::i18n::use_i18n;
use crate::speech;
use crate::state::{DeviceMode, use_session};

#[component]
pub fn Welcome() -> impl IntoView {
    let session = use_session();
    if session.get_untracked().is_some() {
        return view! { <Redirect path="/home" /> }.into_any();
    }
    if expect_context::<DeviceMode>() == DeviceMode::Personal {
        return view! { <Redirect path="/sign-in" /> }.into_any();
    }
    let i18n = use_i18n();
    let navigate = use_navigate();
    let start = move |_| {
        // Speaking inside the tap unlocks speech on browsers that demand a user
        // gesture; the sign-in screen then speaks its own question.
        speech::speak(&i18n.t("sign_in.account_say"), i18n.lang_untracked());
        navigate("/sign-in", Default::default());
    };
    view! {
        <Screen
            title=move || i18n.t("welcome.title")
            say=move || i18n.t("welcome.say")
            class="welcome"
        >
            <p class="lead">{move || i18n.t("welcome.lead")}</p>
            <button type="button" class="start" data-testid="start" on:click=start>
                <Icon kind=IconKind::Touch />
                <span class="start-label">{move || i18n.t("welcome.start")}</span>
            </button>
        </Screen>
    }
    .into_any()
}
