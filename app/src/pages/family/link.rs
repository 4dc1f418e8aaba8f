//! `/family/link`: a family member enters the six digits the elder was given, on the big
//! keypad; then who they are to the elder (one tap on a common relation, or a few words of
//! their own); then, optionally, what they call the elder, for the banner ("妈妈"). The link
//! is active at once and said so. A wrong, expired or locked code is explained with its way
//! forward, back at the code.

use api::{ApiError, FamilyLink, LinkRequest, ProblemType, Relation, validate};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::{principal_client, refresh_links};
use crate::components::{BigButton, IconKind, Keypad, Notice, OptionButton, Screen, TextBox, Tone};
use crate::i18n::use_i18n;
use crate::keys;
use crate::pages::use_explainer;
use crate::problems;
use crate::state::{DeviceMode, MealsCtx, use_session};
use crate::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Code,
    Relation,
    OwnWords,
    Nickname,
    Linked,
}

/// A slip caught before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    CodeFormat,
    RelationWords,
    NicknameTooLong,
}

/// What family members most often call an elder; anything else is typed.
const NICKNAMES: [&str; 8] = [
    "妈妈", "爸爸", "奶奶", "爷爷", "外婆", "外公", "婆婆", "公公",
];

#[component]
pub fn EnterLinkCode() -> impl IntoView {
    let session = use_session();
    if session.mode == DeviceMode::Kiosk || !session.get_untracked().is_some_and(|s| s.is_family())
    {
        return view! { <Redirect path="/" /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let meals = expect_context::<MealsCtx>();
    let navigate = use_navigate();

    let step = RwSignal::new(Step::Code);
    let code = RwSignal::new(String::new());
    let relation = RwSignal::new(None::<Relation>);
    let own_words = RwSignal::new(String::new());
    let nickname = RwSignal::new(String::new());
    let trouble = RwSignal::new(None::<ApiError>);
    let local = RwSignal::new(None::<Slip>);
    let linked = RwSignal::new(None::<FamilyLink>);
    // One key for this attempt, so a retry after a lost answer is not a second link.
    let key = StoredValue::new(keys::idempotency_key());

    let link = Action::new_local(move |req: &LinkRequest| {
        let client = principal_client(session);
        let req = req.clone();
        async move {
            match client.link(&req, &key.get_value()).await {
                Ok(made) => {
                    let _ = refresh_links(session).await;
                    super::elders::choose(session, meals, &made);
                    linked.set(Some(made));
                    step.set(Step::Linked);
                }
                Err(err) => {
                    key.set_value(keys::idempotency_key());
                    if matches!(
                        problems::kind(&err),
                        Some(
                            ProblemType::LinkCodeWrong
                                | ProblemType::LinkCodeExpired
                                | ProblemType::LinkCodeLocked
                                | ProblemType::InvalidRequest
                        )
                    ) {
                        code.set(String::new());
                        step.set(Step::Code);
                    }
                    trouble.set(Some(err));
                }
            }
        }
    });
    let send = move || {
        let Some(rel) = relation.get_untracked() else {
            step.set(Step::Relation);
            return;
        };
        let nick = nickname.get_untracked().trim().to_owned();
        let req = LinkRequest {
            code: code.get_untracked(),
            relation: rel,
            elder_nickname: (!nick.is_empty()).then_some(nick),
        };
        if !validate::link_request(&req).is_empty() {
            local.set(Some(Slip::NicknameTooLong));
            return;
        }
        local.set(None);
        trouble.set(None);
        link.dispatch_local(req);
    };
    let code_next = move || {
        if validate::link_code(&code.get_untracked()) {
            local.set(None);
            trouble.set(None);
            step.set(Step::Relation);
        } else {
            local.set(Some(Slip::CodeFormat));
        }
    };
    let words_next = move || {
        let rel = Relation::Other(own_words.get_untracked().trim().to_owned());
        if validate::relation(&rel).is_empty() {
            local.set(None);
            relation.set(Some(rel));
            step.set(Step::Nickname);
        } else {
            local.set(Some(Slip::RelationWords));
        }
    };

    let message = Signal::derive(move || {
        if let Some(slip) = local.get() {
            return Some(match slip {
                Slip::CodeFormat => i18n.t("family.code_format"),
                Slip::RelationWords => i18n.t("family.relation_words"),
                Slip::NicknameTooLong => i18n.t("family.nickname_too_long"),
            });
        }
        trouble.get().map(|e| explainer.explain(&e))
    });
    let title = move || match step.get() {
        Step::Linked => i18n.t("family.linked_title"),
        _ => i18n.t("family.link_title"),
    };
    let question = move || match step.get() {
        Step::Code => i18n.t("family.code_question"),
        Step::Relation => i18n.t("family.relation_question"),
        Step::OwnWords => i18n.t("family.relation_words_question"),
        Step::Nickname => i18n.t("family.nickname_question"),
        Step::Linked => linked
            .get()
            .map(|l| linked_words(i18n, &l))
            .unwrap_or_default(),
    };
    let say = move || {
        if link.pending().get() {
            return String::new();
        }
        match message.get() {
            Some(problem) => format!("{problem} {}", question()),
            None => format!("{} {}", title(), question()),
        }
    };
    let on_back = move || {
        local.set(None);
        trouble.set(None);
        match step.get_untracked() {
            Step::Code | Step::Linked => navigate("/family/elders", Default::default()),
            Step::Relation => step.set(Step::Code),
            Step::OwnWords => step.set(Step::Relation),
            Step::Nickname => step.set(Step::Relation),
        }
    };
    let to_home = use_navigate();

    let relation_button = move |rel: Relation| {
        let label = words::relation(i18n.lang_untracked(), &rel);
        let chosen = rel.clone();
        let pressed = Signal::derive(move || relation.get().as_ref() == Some(&chosen));
        view! {
            <OptionButton
                label=label
                icon=IconKind::Person
                pressed
                on_press=move || {
                    relation.set(Some(rel.clone()));
                    step.set(Step::Nickname);
                }
            />
        }
    };

    view! {
        <Screen title say on_back class="enter-link-code">
            <Notice message speak=false />
            <p class="question">{question}</p>
            {move || match step.get() {
                Step::Code => view! {
                    <output class="entry link-code-entry" data-testid="code-entry" aria-live="polite">
                        {move || {
                            let c = code.get();
                            if c.is_empty() { i18n.t("sign_in.account_empty") } else { spaced(&c) }
                        }}
                    </output>
                    <Keypad value=code max_len=validate::LINK_CODE_LEN />
                    <div class="actions">
                        <BigButton label=move || i18n.t("sign_in.next") on_press=code_next testid="next" />
                    </div>
                }
                .into_any(),
                Step::Relation => view! {
                    <div class="options" role="group" aria-label=move || i18n.t("family.relation_question")>
                        {Relation::COMMON.into_iter().map(relation_button).collect_view()}
                        <OptionButton
                            label=Signal::derive(move || i18n.t("family.relation_other"))
                            icon=IconKind::Edit
                            pressed=Signal::derive(move || matches!(relation.get(), Some(Relation::Other(_))))
                            on_press=move || step.set(Step::OwnWords)
                        />
                    </div>
                }
                .into_any(),
                Step::OwnWords => view! {
                    <TextBox
                        id="relation-words"
                        label=Signal::derive(move || i18n.t("family.relation_words_label"))
                        value=own_words
                        max=validate::RELATION_MAX
                    />
                    <div class="actions">
                        <BigButton label=move || i18n.t("sign_in.next") on_press=words_next />
                    </div>
                }
                .into_any(),
                Step::Nickname => view! {
                    <div class="options" role="group" aria-label=move || i18n.t("family.nickname_question")>
                        {NICKNAMES
                            .map(|n| view! {
                                <OptionButton
                                    label=n.to_owned()
                                    icon=IconKind::Person
                                    pressed=Signal::derive(move || nickname.get() == n)
                                    on_press=move || nickname.set(n.to_owned())
                                />
                            })
                            .collect_view()}
                    </div>
                    <TextBox
                        id="elder-nickname"
                        label=Signal::derive(move || i18n.t("family.nickname_label"))
                        value=nickname
                        max=validate::NICKNAME_MAX
                    />
                    <div class="actions">
                        <BigButton
                            label=move || i18n.t("family.link_now")
                            icon=IconKind::Check
                            on_press=send
                            disabled=link.pending()
                            testid="link-now"
                        />
                    </div>
                    {move || link.pending().get().then(|| view! { <crate::components::Loading /> })}
                }
                .into_any(),
                Step::Linked => {
                    let to_home = to_home.clone();
                    let done = Signal::derive(move || linked.get().map(|l| linked_words(i18n, &l)));
                    view! {
                        <Notice message=done tone=Tone::Success speak=false />
                        <div class="actions">
                            <BigButton
                                label=move || i18n.t("family.start")
                                on_press=move || to_home("/home", Default::default())
                                testid="linked-start"
                            />
                        </div>
                    }
                    .into_any()
                }
            }}
        </Screen>
    }
    .into_any()
}

/// "已经和 王秀英 连接好了。她允许您：…"
fn linked_words(i18n: crate::i18n::I18n, l: &FamilyLink) -> String {
    i18n.t_with(
        "family.linked_text",
        &[
            ("elder", &l.elder.name),
            ("may", &super::permission_words(i18n, l.permissions)),
        ],
    )
}

/// Digits with a space between each, easy to compare with what the elder shows: "3 8 1 …".
pub fn spaced(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
