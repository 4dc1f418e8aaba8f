//! `/family/elders`: whom a family member acts for. The links are fetched afresh each time
//! (an elder may have revoked one since), then: nobody linked yet → how to link, with a big
//! "enter link code"; one elder right after sign-in → straight to their home; otherwise big
//! buttons, one per elder, with the name, what the family member calls them and what the
//! elder allows. Choosing is one tap.

use api::FamilyLink;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{permission_words, refresh_links};
use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::i18n::use_i18n;
use crate::pages::LoadProblem;
use crate::state::{
    DeviceMode, MealsCtx, SessionCtx, SignOutReason, live_links, use_session, use_sign_out,
};
use crate::words;

/// Starts acting for the elder of `link`: what was loaded for another elder is forgotten.
pub fn choose(session: SessionCtx, meals: MealsCtx, link: &FamilyLink) {
    meals.clear();
    session.act_for(link.elder.clone());
}

#[component]
pub fn FamilyElders() -> impl IntoView {
    let session = use_session();
    let signed_in = session.get_untracked();
    if session.mode == DeviceMode::Kiosk || !signed_in.as_ref().is_some_and(|s| s.is_family()) {
        return view! { <Redirect path="/" /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    let start = use_query_map().with_untracked(|q| q.get("start").is_some());

    let loaded = LocalResource::new(move || async move {
        refresh_links(session).await?;
        Ok::<_, api::ApiError>(
            session
                .get_untracked()
                .map(|s| live_links(&s.links).cloned().collect::<Vec<_>>())
                .unwrap_or_default(),
        )
    });
    let live = move || match loaded.get() {
        Some(Ok(list)) => Some(list),
        _ => None,
    };
    // Straight after sign-in with exactly one elder there is nothing to choose.
    let go_home = navigate.clone();
    Effect::new(move |_| {
        if let Some([only]) = live().as_deref()
            && start
        {
            choose(session, meals, only);
            let replace = NavigateOptions {
                replace: true,
                ..Default::default()
            };
            go_home("/home", replace);
        }
    });

    let nobody = move || live().is_some_and(|l| l.is_empty());
    let title = move || match nobody() {
        true => i18n.t("family.none_title"),
        false => i18n.t("family.elders_title"),
    };
    let say = move || match live() {
        None => String::new(),
        Some(l) if l.is_empty() => format!("{} {}", title(), i18n.t("family.none_text")),
        Some(l) => {
            let names: Vec<String> = l
                .iter()
                .map(|k| words::name_with(i18n.lang(), &k.elder.name, k.elder_nickname.as_deref()))
                .collect();
            let sep = i18n.t("family.list_separator");
            i18n.t_with("family.elders_say", &[("names", &names.join(&sep))])
        }
    };
    let to_link = navigate.clone();
    let elder_button = move |link: FamilyLink| {
        let navigate = navigate.clone();
        let name = words::name_with(
            i18n.lang_untracked(),
            &link.elder.name,
            link.elder_nickname.as_deref(),
        );
        let relation = words::relation(i18n.lang_untracked(), &link.relation);
        let detail = format!(
            "{} {}",
            i18n.t_with("family.you_are", &[("relation", &relation)]),
            permission_words(i18n, link.permissions)
        );
        let chosen = session
            .get_untracked()
            .is_some_and(|s| s.elder.id == link.elder.id && !start);
        view! {
            <BigButton
                label=name
                detail=detail
                icon=if chosen { IconKind::Check } else { IconKind::Person }
                kind=if chosen { ButtonKind::Primary } else { ButtonKind::Secondary }
                on_press=move || {
                    choose(session, meals, &link);
                    navigate("/home", Default::default());
                }
                testid="elder-choice"
            />
        }
    };

    view! {
        <Screen title say class="family-elders">
            {move || match loaded.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || loaded.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="lead" data-testid="how-to-link">{move || i18n.t("family.none_text")}</p>
                }
                .into_any(),
                Some(Ok(list)) => {
                    let elder_button = elder_button.clone();
                    view! {
                        <p class="question">{move || i18n.t("family.elders_question")}</p>
                        <div class="actions">{list.into_iter().map(elder_button).collect_view()}</div>
                    }
                    .into_any()
                }
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("family.enter_code")
                    kind=if nobody() { ButtonKind::Primary } else { ButtonKind::Secondary }
                    on_press=move || to_link("/family/link", Default::default())
                    testid="enter-link-code"
                />
                <BigButton
                    label=move || i18n.t("home.sign_out")
                    kind=ButtonKind::Secondary
                    icon=IconKind::SignOut
                    on_press=move || sign_out(SignOutReason::Chosen)
                    testid="sign-out"
                />
            </div>
        </Screen>
    }
    .into_any()
}
