//! `/family/sign-up`: a family member makes an account on their phone: the name the elder
//! knows them by, their phone number and a password of at least 8 characters, checked with
//! the platform's own rules (`api::validate`) before sending. Personal devices only.

use api::{FamilySignUpRequest, validate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::sign_in::{Trouble, trouble_words};
use crate::components::{BigButton, ButtonKind, Notice, PasswordBox, Screen, TextBox};
use crate::i18n::use_i18n;
use crate::pages::use_explainer;
use crate::state::{DeviceMode, SettingsCtx, use_session, use_sync};

#[component]
pub fn FamilySignUp() -> impl IntoView {
    let session = use_session();
    if session.mode == DeviceMode::Kiosk {
        return view! { <Redirect path="/" /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let settings = use_context::<SettingsCtx>();
    let sync = use_sync();
    let navigate = use_navigate();

    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let trouble = RwSignal::new(None::<Trouble>);

    let sign_up = Action::new_local(move |req: &FamilySignUpRequest| {
        let client = session.anonymous_client();
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            let started = match client.family_sign_up(&req).await {
                Ok(resp) => super::start_family_session(session, settings, resp).await,
                Err(err) => Err(err),
            };
            match started {
                Ok(()) => {
                    sync.signed_in();
                    let replace = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    navigate(super::START, replace);
                }
                Err(err) => trouble.set(Some(Trouble::Api(err))),
            }
        }
    });
    let submit = move || {
        let req = FamilySignUpRequest {
            phone: phone.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            name: name.get_untracked().trim().to_owned(),
        };
        let errors = validate::family_sign_up(&req.phone, &req.password, &req.name);
        if !errors.is_empty() {
            trouble.set(Some(Trouble::Fields(errors)));
            return;
        }
        trouble.set(None);
        sign_up.dispatch_local(req);
    };

    let message = Signal::derive(move || {
        trouble
            .get()
            .map(|t| trouble_words(i18n, |e| explainer.explain(e), &t))
    });
    let title = move || i18n.t("family.sign_up_title");
    let say = move || {
        if sign_up.pending().get() {
            return String::new();
        }
        match message.get() {
            Some(problem) => problem,
            None => format!("{} {}", title(), i18n.t("family.sign_up_say")),
        }
    };
    let to_sign_in = use_navigate();
    view! {
        <Screen title say back="/family/sign-in" class="family-sign-up">
            <p class="question">{move || i18n.t("family.sign_up_question")}</p>
            <Notice message speak=false />
            <TextBox
                id="family-name"
                label=Signal::derive(move || i18n.t("family.name"))
                value=name
                max=validate::NAME_MAX
                autocomplete="name"
            />
            <TextBox
                id="family-phone"
                label=Signal::derive(move || i18n.t("family.phone"))
                value=phone
                max=validate::PHONE_LEN
                input_type="tel"
                autocomplete="tel"
                no_counter=true
            />
            <PasswordBox
                id="family-password"
                label=Signal::derive(move || i18n.t("family.new_password"))
                value=password
                autocomplete="new-password"
            />
            <div class="actions">
                <BigButton
                    label=move || i18n.t("family.sign_up")
                    on_press=submit
                    disabled=sign_up.pending()
                    testid="family-sign-up"
                />
                <BigButton
                    label=move || i18n.t("family.have_account")
                    kind=ButtonKind::Secondary
                    on_press=move || to_sign_in("/family/sign-in", Default::default())
                />
            </div>
            {move || sign_up.pending().get().then(|| view! { <crate::components::Loading /> })}
        </Screen>
    }
    .into_any()
}
