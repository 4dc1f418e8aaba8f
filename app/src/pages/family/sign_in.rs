//! `/family/sign-in`: a family member signs in on their own phone with phone number and
//! password (docs/family.md, Accounts). Never on a kiosk: the kiosk is the elder's. Refusals
//! are said in words and voice with the way forward (try again, sign up, wait).

use api::{ApiError, FamilySignInRequest, ProblemType, validate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, Notice, PasswordBox, Screen, TextBox};
use crate::dates;
use crate::i18n::{I18n, use_i18n};
use crate::pages::use_explainer;
use crate::problems;
use crate::state::{DeviceMode, SettingsCtx, use_session, use_sync};

/// What went wrong, kept as data so the words follow the language switch.
#[derive(Debug, Clone, PartialEq)]
pub enum Trouble {
    Fields(Vec<api::FieldError>),
    Api(ApiError),
}

/// Words for a family sign-in or sign-up refusal. Account problems are the family member's
/// own to fix (unlike an elder's, where staff help), so they are explained here.
pub fn trouble_words(i18n: I18n, explain: impl Fn(&ApiError) -> String, t: &Trouble) -> String {
    match t {
        Trouble::Fields(errors) => {
            let words: Vec<String> = errors
                .iter()
                .map(|e| match e.code.as_str() {
                    "phone-format" => i18n.t("family.phone_format"),
                    "password-length" => i18n.t("family.password_length"),
                    "name-too-long" => i18n.t("family.name_too_long"),
                    _ => i18n.t("family.name_empty"),
                })
                .collect();
            words.join(" ")
        }
        Trouble::Api(err) => {
            let p = err.problem();
            match (problems::kind(err), p) {
                (Some(ProblemType::UnknownAccount), _) => i18n.t("family.unknown_phone"),
                (Some(ProblemType::PasswordWrong), Some(p)) => match p.attempts_left {
                    Some(n) if n > 0 => {
                        i18n.t_with("family.password_wrong", &[("tries", &n.to_string())])
                    }
                    _ => i18n.t("family.password_wrong_last"),
                },
                (Some(ProblemType::AccountLocked), Some(p)) => match &p.retry_at {
                    Some(at) => {
                        let time = dates::time_or_moment(i18n.lang(), at, dates::today_for(at));
                        i18n.t_with("family.locked", &[("time", &time)])
                    }
                    None => i18n.t("family.locked_later"),
                },
                _ => explain(err),
            }
        }
    }
}

#[component]
pub fn FamilySignIn() -> impl IntoView {
    let session = use_session();
    if session.mode == DeviceMode::Kiosk {
        return view! { <Redirect path="/" /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let settings = use_context::<SettingsCtx>();
    let sync = use_sync();
    let navigate = use_navigate();

    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let trouble = RwSignal::new(None::<Trouble>);

    let sign_in = Action::new_local(move |req: &FamilySignInRequest| {
        let client = session.anonymous_client();
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            let started = match client.family_sign_in(&req).await {
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
                Err(err) => {
                    if problems::kind(&err) == Some(ProblemType::PasswordWrong) {
                        password.set(String::new());
                    }
                    trouble.set(Some(Trouble::Api(err)));
                }
            }
        }
    });
    let submit = move || {
        let req = FamilySignInRequest {
            phone: phone.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let errors = validate::staff_sign_in(&req.phone, &req.password);
        if !errors.is_empty() {
            trouble.set(Some(Trouble::Fields(errors)));
            return;
        }
        trouble.set(None);
        sign_in.dispatch_local(req);
    };

    let message = Signal::derive(move || {
        trouble
            .get()
            .map(|t| trouble_words(i18n, |e| explainer.explain(e), &t))
    });
    let title = move || i18n.t("family.sign_in_title");
    let say = move || {
        if sign_in.pending().get() {
            return String::new();
        }
        match message.get() {
            Some(problem) => problem,
            None => format!("{} {}", title(), i18n.t("family.sign_in_say")),
        }
    };
    let to = use_navigate();
    let to_sign_up = to.clone();
    view! {
        <Screen title say back="/sign-in" class="family-sign-in">
            <p class="question">{move || i18n.t("family.sign_in_question")}</p>
            <Notice message speak=false />
            <TextBox
                id="family-phone"
                label=Signal::derive(move || i18n.t("family.phone"))
                value=phone
                max=validate::PHONE_LEN
                input_type="tel"
                autocomplete="username"
                no_counter=true
            />
            <PasswordBox
                id="family-password"
                label=Signal::derive(move || i18n.t("family.password"))
                value=password
                autocomplete="current-password"
            />
            <div class="actions">
                <BigButton
                    label=move || i18n.t("sign_in.submit")
                    on_press=submit
                    disabled=sign_in.pending()
                    testid="family-sign-in"
                />
                <BigButton
                    label=move || i18n.t("family.sign_up")
                    kind=ButtonKind::Secondary
                    on_press=move || to_sign_up("/family/sign-up", Default::default())
                    testid="to-family-sign-up"
                />
            </div>
            {move || sign_in.pending().get().then(|| view! { <crate::components::Loading /> })}
        </Screen>
    }
    .into_any()
}
