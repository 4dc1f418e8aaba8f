//! `/council/concerns/new` (`?meeting=ID` for one meeting): raise a concern before a
//! meeting. One tap on a common topic (six big buttons, icon and words), a few words if
//! wanted (phrase chips or the keyboard), then Send; staff see it and say what became of it.

use api::{ApiError, Concern, ConcernCreate, ConcernTopic};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::words;
use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen, Tone};
use crate::i18n::use_i18n;
use crate::pages::feedback::{BigChoices, CommentBox, KeyPerBody, phrases};
use crate::pages::{signed_out_home, use_explainer};
use crate::problems;
use crate::state::{SignOutReason, use_session, use_sign_out};

#[component]
pub fn RaiseConcern() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let sign_out = use_sign_out();
    let navigate = use_navigate();
    let meeting_id =
        use_query_map().with_untracked(|q| q.get("meeting").and_then(|m| m.parse::<i64>().ok()));
    let topic = RwSignal::new(None::<ConcernTopic>);
    let text = RwSignal::new(String::new());
    let too_long = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(None::<Concern>);
    let keys = KeyPerBody::<ConcernCreate>::new();
    let send = Action::new_local(move |(body, key): &(ConcernCreate, String)| {
        let client = session.client();
        let (body, key) = (body.clone(), key.clone());
        async move { client.raise_concern(&body, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(c)) => sent.set(Some(c)),
        Some(Err(err)) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        Some(Err(err)) => refusal.set(Some(err)),
        None => {}
    });
    let submit = move || {
        let Some(topic) = topic.get_untracked() else {
            return;
        };
        if send.pending().get_untracked() {
            return;
        }
        let body = ConcernCreate {
            topic,
            text: phrases::cleaned(&text.get_untracked()),
            meeting_id,
        };
        let invalid = !api::validate_meetings::concern(&body).is_empty();
        too_long.set(invalid);
        refusal.set(None);
        if !invalid {
            let key = keys.key(&body);
            send.dispatch_local((body, key));
        }
    };
    let title = move || match sent.get() {
        Some(_) => i18n.t("concern.sent_title"),
        None => i18n.t("concern.title"),
    };
    let say = move || match sent.get() {
        Some(_) => format!("{} {}", title(), i18n.t("concern.sent")),
        None => format!("{} {}", title(), i18n.t("concern.question")),
    };
    let message = Signal::derive(move || match refusal.get() {
        Some(err) => Some(explainer.explain(&err)),
        None => too_long.get().then(|| {
            let max = api::validate_meetings::CONCERN_MAX.to_string();
            i18n.t_with("comment.too_long", &[("max", &max)])
        }),
    });
    let chosen = Memo::new(move |_| topic.get().is_some());
    let back = meeting_id.map_or_else(|| "/council".to_owned(), |id| format!("/council/{id}"));
    let after = back.clone();
    view! {
        <Screen title say back class="concern">
            {move || match sent.get() {
                Some(_) => {
                    let navigate = navigate.clone();
                    let to_mine = navigate.clone();
                    let after = after.clone();
                    view! {
                        <Notice message=Signal::derive(move || Some(i18n.t("concern.sent"))) tone=Tone::Success speak=false />
                        <div class="actions">
                            <BigButton
                                label=move || i18n.t("concern.mine")
                                icon=IconKind::Flag
                                on_press=move || to_mine("/council/concerns", Default::default())
                                testid="my-concerns"
                            />
                            <BigButton
                                label=move || i18n.t("council.back_to_meetings")
                                kind=ButtonKind::Secondary
                                on_press=move || navigate(&after, Default::default())
                            />
                        </div>
                    }
                    .into_any()
                }
                None => view! {
                    <p class="question" id="concern-question">{move || i18n.t("concern.question")}</p>
                    <BigChoices
                        options=ConcernTopic::ALL.to_vec()
                        chosen=topic
                        label=words::topic
                        icon=words::topic_icon
                        slug=words::topic_slug
                        labelled_by="concern-question"
                        hint=Signal::derive(move || i18n.t("concern.hint"))
                        class="topics"
                    />
                    {move || chosen.get().then(|| view! {
                        <CommentBox
                            id="concern-text"
                            label=move || i18n.t("concern.text")
                            text
                            phrases=Signal::derive(Vec::new)
                        />
                    })}
                    <Notice message />
                    <div class="actions">
                        {move || chosen.get().then(|| view! {
                            <BigButton
                                label=move || i18n.t("concern.send")
                                icon=IconKind::Check
                                on_press=submit
                                disabled=send.pending()
                                testid="send-concern"
                            />
                        })}
                        {move || send.pending().get().then(|| view! { <Loading /> })}
                    </div>
                }
                .into_any(),
            }}
        </Screen>
    }
    .into_any()
}
