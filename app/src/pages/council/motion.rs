//! The vote in the room: while a motion is open, its words large and three big buttons,
//! 赞成 / 反对 / 弃权, the elder's choice shown pressed and changeable; once the host closes
//! it, the result for everyone. Said aloud when it opens and when the result comes.

use api::{ApiError, MeetingLive, MotionStatus, VoteChoice, VoteRequest};
use leptos::prelude::*;

use super::live::keep_newer;
use super::words;
use crate::components::{Icon, IconKind, Notice};
use crate::i18n::use_i18n;
use crate::pages::feedback::KeyPerBody;
use crate::pages::use_explainer;
use crate::speech;
use crate::state::use_session;

#[component]
pub fn MotionPanel(live: RwSignal<Option<MeetingLive>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let explainer = use_explainer();
    let refusal = RwSignal::new(None::<ApiError>);
    let keys = KeyPerBody::<(i64, VoteRequest)>::new();
    let motion = Memo::new(move |_| live.get().and_then(|l| l.motion));
    let cast = Action::new_local(move |(id, body, key): &(i64, VoteRequest, String)| {
        let client = session.client();
        let (id, body, key) = (*id, *body, key.clone());
        async move { client.vote(id, &body, &key).await }
    });
    Effect::new(move |_| match cast.value().get() {
        Some(Ok(next)) => {
            refusal.set(None);
            keep_newer(live, next);
        }
        Some(Err(err)) => refusal.set(Some(err)),
        None => {}
    });
    // Said when a motion opens, and when its result comes: once each.
    let said = StoredValue::new((None::<i64>, None::<i64>));
    Effect::new(move |_| {
        let Some(m) = motion.get() else { return };
        let lang = i18n.lang_untracked();
        let (opened, resulted) = said.get_value();
        if m.status == MotionStatus::Open && opened != Some(m.id) {
            said.set_value((Some(m.id), resulted));
            let text = i18n.t_with("council.say_motion", &[("text", m.text.get(lang))]);
            speech::speak(&text, lang);
        } else if let Some(r) = m.result.filter(|_| resulted != Some(m.id)) {
            said.set_value((Some(m.id), Some(m.id)));
            let text = i18n.t_with(
                "council.say_result",
                &[
                    ("text", m.text.get(lang)),
                    ("result", &words::result(lang, &r)),
                ],
            );
            speech::speak(&text, lang);
        }
    });
    let message = Signal::derive(move || refusal.get().map(|e| explainer.explain(&e)));
    let button = move |choice: VoteChoice| {
        let pressed = move || motion.get().and_then(|m| m.my_vote) == Some(choice);
        let label = move || words::choice(i18n.lang(), choice);
        view! {
            <button
                type="button"
                class=format!("vote vote-{}", words::choice_slug(choice))
                aria-pressed=move || pressed().to_string()
                data-testid=format!("vote-{}", words::choice_slug(choice))
                on:click=move |_| {
                    let Some(m) = motion.get_untracked() else { return };
                    let body = VoteRequest { choice };
                    let key = keys.key(&(m.id, body));
                    cast.dispatch_local((m.id, body, key));
                    let lang = i18n.lang_untracked();
                    let text = i18n.t_with("council.voted", &[("choice", &words::choice(lang, choice))]);
                    speech::echo(&text, lang);
                }
            >
                <Icon kind=words::choice_icon(choice) />
                <span class="vote-label">{label}</span>
                <span class="option-check" aria-hidden="true">
                    {move || pressed().then(|| view! { <Icon kind=IconKind::Check /> })}
                </span>
            </button>
        }
    };
    view! {
        {move || motion.get().map(|m| {
            let text = m.text.get(i18n.lang()).to_owned();
            match m.result {
                None => view! {
                    <section class="motion" aria-labelledby="motion-text" data-testid="motion">
                        <p class="motion-label">{move || i18n.t("council.motion")}</p>
                        <p class="motion-text" id="motion-text">{text}</p>
                        <div class="votes" role="group" aria-labelledby="motion-text">
                            {button(VoteChoice::Yes)}
                            {button(VoteChoice::No)}
                            {button(VoteChoice::Abstain)}
                        </div>
                        <p class="note" data-testid="votes-cast">
                            {move || motion.get().map(|m| i18n.t_with(
                                "council.votes_cast",
                                &[("n", &m.votes_cast.to_string())],
                            ))}
                        </p>
                    </section>
                }
                .into_any(),
                Some(r) => view! {
                    <section class="motion closed" aria-labelledby="motion-text" data-testid="motion-result">
                        <p class="motion-label">{move || i18n.t("council.motion_closed")}</p>
                        <p class="motion-text" id="motion-text">{text}</p>
                        <p class=if r.outcome == api::Outcome::Carried { "result carried" } else { "result rejected" }>
                            {move || words::result(i18n.lang(), &r)}
                        </p>
                    </section>
                }
                .into_any(),
            }
        })}
        <Notice message />
    }
}
