//! `/visits`, tap 1 of 3 after the tile: "which service?" The home-visit catalogue as big
//! buttons: icon and a 2–4 character name (助洁, 助浴 …), how long it takes, what the
//! elder pays and who sends the worker.

use api::{VisitKind, VisitService};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::use_session;
use crate::words;

pub fn kind_slug(kind: VisitKind) -> &'static str {
    match kind {
        VisitKind::Cleaning => "cleaning",
        VisitKind::Bathing => "bathing",
        VisitKind::Nursing => "nursing",
        VisitKind::Companionship => "companionship",
        VisitKind::Repairs => "repairs",
        VisitKind::Haircut => "haircut",
        VisitKind::Errands => "errands",
    }
}

#[component]
pub fn VisitServices() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { reader.visit_services().await }
    });
    let title = move || i18n.t("visits.title");
    let say = move || match data.get() {
        Some(Ok(list)) if list.is_empty() => i18n.t("visits.none"),
        Some(Ok(list)) => {
            let names: Vec<String> = list
                .iter()
                .map(|s| words::visit_kind(i18n.lang(), s.kind))
                .collect();
            i18n.t_with(
                "visits.say",
                &[("services", &names.join(&i18n.t("common.or_separator")))],
            )
        }
        _ => title(),
    };
    view! {
        <Screen title say back="/home" class="visits">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="lead">{move || i18n.t("visits.none")}</p> }.into_any()
                }
                Some(Ok(list)) => view! { <Catalogue list /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn Catalogue(list: Vec<VisitService>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <p class="question">{move || i18n.t("visits.question")}</p>
        <ul class="choices">
            {list
                .into_iter()
                .map(|s| {
                    let navigate = navigate.clone();
                    let to = format!("/visits/{}", s.id);
                    let kind = s.kind;
                    let detail = move || {
                        let lang = i18n.lang();
                        let minutes = i18n.t_with("visits.duration", &[("minutes", &s.duration_minutes.to_string())]);
                        let pay = words::price_line(lang, &s.price);
                        let mut provider = s.provider.organisation.get(lang).to_owned();
                        if s.provider.government_purchased {
                            provider = format!("{provider} · {}", i18n.t("provider.government_purchased"));
                        }
                        format!("{}\n{minutes} · {pay}\n{provider}", s.description.get(lang))
                    };
                    view! {
                        <li data-testid=format!("service-{}", kind_slug(kind))>
                            <BigButton
                                label=move || words::visit_kind(i18n.lang(), kind)
                                detail=detail
                                icon=IconKind::HomeVisit
                                kind=ButtonKind::Secondary
                                on_press=move || navigate(&to, Default::default())
                            />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
