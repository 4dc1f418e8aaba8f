//! `/my-family/activity`: "who acted for me": everything family or staff did for the elder,
//! newest first, each with who, what and when (docs/family.md, Who acted for me).

use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::links::is_elder_self;
use super::summary::item_words;
use crate::components::{Loading, Screen};
use crate::dates;
use crate::i18n::use_i18n;
use crate::pages::LoadProblem;
use crate::state::use_session;

/// Items said aloud on arrival; the rest are on screen.
const SAID: usize = 3;

#[component]
pub fn WhoActedForMe() -> impl IntoView {
    let session = use_session();
    if !is_elder_self(&session) {
        return view! { <Redirect path="/home" /> }.into_any();
    }
    let i18n = use_i18n();
    let items = LocalResource::new(move || {
        let client = session.client();
        async move { client.activity(None).await }
    });
    let title = move || i18n.t("family.activity_title");
    let say = move || match items.get() {
        Some(Ok(list)) if list.is_empty() => {
            format!("{} {}", title(), i18n.t("family.activity_none"))
        }
        Some(Ok(list)) => {
            let lang = i18n.lang();
            let mut parts = vec![title()];
            parts.extend(
                list.iter()
                    .take(SAID)
                    .map(|i| item_words(lang, i, dates::today_for(&i.at))),
            );
            crate::i18n::join_sentences(lang, &parts)
        }
        _ => title(),
    };
    view! {
        <Screen title say back="/my-family" class="activity">
            {move || match items.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || items.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="lead">{move || i18n.t("family.activity_none")}</p>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="activity-list">
                        {list
                            .into_iter()
                            .map(|item| {
                                let it = item.clone();
                                let when = move || {
                                    let lang = i18n.lang();
                                    dates::moment_label(lang, &item.at, dates::today_for(&item.at))
                                };
                                view! {
                                    <li class="activity-item" data-testid="activity-item">
                                        <p class="activity-when">{when}</p>
                                        <p class="activity-what">
                                            {move || item_words(i18n.lang(), &it, dates::today_for(&it.at))}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </Screen>
    }
    .into_any()
}
