//! `/sign-in`: card or phone number, then a six-digit PIN, both on the big
//! keypad (UX.md, Sign-in). A forgotten PIN sends the elder to staff, not to a
//! puzzle. Every refusal is shown large, spoken, and offers the next step.

use api::{ApiError, ProblemType, SignInRequest, SignInResponse, validate};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::{
    BigButton, ButtonKind, IconKind, Keypad, Notice, PinKeypad, Screen, group_digits,
};
use crate::config::Config;
use crate::i18n::use_i18n;
use crate::pages::use_explainer;
use crate::problems;
use crate::state::{DeviceMode, Session, SettingsCtx, SignOutReason, use_session, use_sync};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Account,
    Pin,
    ForgotPin,
}

/// What went wrong, kept as data so the words follow the language switch.
#[derive(Debug, Clone, PartialEq)]
enum Trouble {
    AccountFormat,
    PinFormat,
    /// Signed in, but this account may not book for any elder.
    NobodyToActFor,
    Api(ApiError),
}

#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let mode = expect_context::<DeviceMode>();
    let sync = use_sync();
    let settings = use_context::<SettingsCtx>();
    let hotline = StoredValue::new(use_context::<Config>().and_then(|c| c.hotline));

    let step = RwSignal::new(Step::Account);
    let account = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let trouble = RwSignal::new(None::<Trouble>);
    // Shown once when the platform ended the session ("signed out for safety").
    let expired = RwSignal::new(session.ended.get_untracked() == Some(SignOutReason::Expired));
    session.ended.set(None);

    let on_result = move |result: Result<SignInResponse, ApiError>| match result {
        Ok(resp) => match Session::from_sign_in(resp) {
            Some(s) => {
                // The person's own settings, before the home screen speaks.
                if let Some(settings) = settings {
                    settings.signed_in(&s.me);
                }
                session.start(s);
                sync.signed_in();
                navigate(
                    "/home",
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            None => trouble.set(Some(Trouble::NobodyToActFor)),
        },
        Err(err) => {
            match problems::kind(&err) {
                Some(ProblemType::UnknownAccount | ProblemType::InvalidRequest) => {
                    pin.set(String::new());
                    step.set(Step::Account);
                }
                Some(ProblemType::PinWrong) => pin.set(String::new()),
                _ => {}
            }
            trouble.set(Some(Trouble::Api(err)));
        }
    };
    // The answer is applied inside the action, before it stops being pending, so
    // the screen goes straight from "quiet" to the answer (spoken once).
    let sign_in = Action::new_local(move |req: &SignInRequest| {
        let client = session.anonymous_client();
        let req = req.clone();
        let on_result = on_result.clone();
        async move { on_result(client.sign_in(&req).await) }
    });

    let next = move || {
        expired.set(false);
        if validate::account(&account.get_untracked()).is_some() {
            trouble.set(None);
            step.set(Step::Pin);
        } else {
            trouble.set(Some(Trouble::AccountFormat));
        }
    };
    let submit = move || {
        let (acc, p) = (account.get_untracked(), pin.get_untracked());
        if !validate::sign_in(&acc, &p).is_empty() {
            trouble.set(Some(if validate::pin(&p) {
                Trouble::AccountFormat
            } else {
                Trouble::PinFormat
            }));
            return;
        }
        trouble.set(None);
        sign_in.dispatch_local(SignInRequest {
            account: acc,
            pin: p,
        });
    };
    let retype_account = move || {
        trouble.set(None);
        account.set(String::new());
        pin.set(String::new());
        step.set(Step::Account);
    };

    let message = Signal::derive(move || {
        let text = match trouble.get()? {
            Trouble::AccountFormat => i18n.t("sign_in.account_format"),
            Trouble::PinFormat => {
                i18n.t_with("sign_in.pin_format", &[("n", &pin.get().len().to_string())])
            }
            Trouble::NobodyToActFor => i18n.t("sign_in.nobody_to_act_for"),
            Trouble::Api(err) => explainer.explain(&err),
        };
        Some(text)
    });
    let expired_message =
        Signal::derive(move || expired.get().then(|| i18n.t("problem.session_expired")));
    let title = Signal::derive(move || match step.get() {
        Step::Account | Step::Pin => i18n.t("sign_in.title"),
        Step::ForgotPin => i18n.t("forgot_pin.title"),
    });
    // The screen speaks the problem first, then the question: one voice, in order.
    let say = Signal::derive(move || {
        // Quiet while the platform answers: the answer is what gets spoken next,
        // even when it is the same as last time.
        if sign_in.pending().get() || session.is_signed_in() {
            return String::new();
        }
        let question = match step.get() {
            Step::Account => i18n.t("sign_in.account_say"),
            Step::Pin => i18n.t("sign_in.pin_say"),
            Step::ForgotPin => forgot_text(i18n, hotline.get_value().as_deref()),
        };
        // Where asking again cannot help (locked, nothing to book), the problem
        // and its way forward are all there is to say.
        let dead_end = matches!(trouble.get(), Some(Trouble::NobodyToActFor))
            || matches!(
                trouble.get().as_ref().and_then(|t| match t {
                    Trouble::Api(err) => problems::kind(err),
                    _ => None,
                }),
                Some(ProblemType::PinLocked)
            );
        match message.get().or_else(|| expired_message.get()) {
            Some(problem) if dead_end => problem,
            Some(problem) => format!("{problem} {question}"),
            None => format!("{} {question}", title.get()),
        }
    });
    // Back goes to the previous step; from the first step only a kiosk has
    // somewhere to go back to (the welcome screen).
    let leave = use_navigate();
    let on_back = move || match step.get_untracked() {
        Step::Pin | Step::ForgotPin => {
            trouble.set(None);
            pin.set(String::new());
            step.set(Step::Account);
        }
        Step::Account => leave("/", Default::default()),
    };
    let back_visible =
        Signal::derive(move || step.get() != Step::Account || mode == DeviceMode::Kiosk);

    let api_kind = move || match trouble.get() {
        Some(Trouble::Api(err)) => Some(problems::kind(&err)),
        _ => None,
    };

    view! {
        <Screen title say on_back back_visible>
            <Notice message=expired_message speak=false />
            <Notice message speak=false />
            {move || match step.get() {
                Step::Account => view! {
                    <p class="question">{move || i18n.t("sign_in.account_question")}</p>
                    <output class="entry" data-testid="account-entry" aria-live="polite">
                        {move || {
                            let a = account.get();
                            if a.is_empty() { i18n.t("sign_in.account_empty") } else { group_digits(&a) }
                        }}
                    </output>
                    <Keypad value=account max_len=api::validate::PHONE_LEN />
                    <div class="actions">
                        <BigButton label=move || i18n.t("sign_in.next") on_press=next testid="next" />
                        // Family members sign in on their own phone; the kiosk is the elder's.
                        {(mode == DeviceMode::Personal).then(|| {
                            let to_family = use_navigate();
                            view! {
                                <BigButton
                                    label=move || i18n.t("family.sign_in_title")
                                    kind=ButtonKind::Secondary
                                    icon=IconKind::Person
                                    on_press=move || to_family("/family/sign-in", Default::default())
                                    testid="family-sign-in-link"
                                />
                            }
                        })}
                    </div>
                }
                .into_any(),
                Step::Pin => view! {
                    <p class="question">{move || i18n.t("sign_in.pin_question")}</p>
                    <p class="for-account">
                        {move || i18n.t_with("sign_in.for_account", &[("account", &group_digits(&account.get()))])}
                    </p>
                    <PinKeypad value=pin />
                    <div class="actions">
                        {move || match api_kind() {
                            Some(None) | Some(Some(ProblemType::ServerError | ProblemType::ServiceUnavailable)) => view! {
                                <BigButton label=move || i18n.t("common.try_again") on_press=submit testid="retry" />
                            }
                            .into_any(),
                            _ => view! {
                                <BigButton
                                    label=move || i18n.t("sign_in.submit")
                                    on_press=submit
                                    disabled=sign_in.pending()
                                    testid="sign-in"
                                />
                            }
                            .into_any(),
                        }}
                        <BigButton
                            label=move || i18n.t("sign_in.forgot_pin")
                            kind=ButtonKind::Secondary
                            icon=IconKind::Help
                            on_press=move || {
                                trouble.set(None);
                                step.set(Step::ForgotPin);
                            }
                            testid="forgot-pin"
                        />
                        {move || matches!(api_kind(), Some(Some(ProblemType::PinLocked))).then(|| view! {
                            <BigButton
                                label=move || i18n.t("sign_in.other_account")
                                kind=ButtonKind::Secondary
                                on_press=retype_account
                            />
                        })}
                    </div>
                    {move || sign_in.pending().get().then(|| view! { <crate::components::Loading /> })}
                }
                .into_any(),
                Step::ForgotPin => view! {
                    <p class="lead" data-testid="forgot-pin-help">{move || forgot_text(i18n, hotline.get_value().as_deref())}</p>
                    <div class="actions">
                        <BigButton
                            label=move || i18n.t("forgot_pin.back_to_sign_in")
                            on_press=move || step.set(Step::Pin)
                        />
                    </div>
                }
                .into_any(),
            }}
        </Screen>
    }
}

fn forgot_text(i18n: crate::i18n::I18n, hotline: Option<&str>) -> String {
    match hotline {
        Some(number) => i18n.t_with("forgot_pin.text_with_hotline", &[("hotline", number)]),
        None => i18n.t("forgot_pin.text"),
    }
}
