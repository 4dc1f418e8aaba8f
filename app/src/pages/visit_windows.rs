//! `/visits/:service`, tap 2 of 3: "when?" The provider's two-hour arrival windows grouped
//! by day, each with its places left. Full or closed windows stay visible, disabled, with
//! the reason in words. The first week shows at once; the second week waits behind one big
//! button, so the list an elder scrolls through stays short.

use api::{VisitService, VisitWindow};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::care::{DAYS_AHEAD, VISIT_DAYS_AHEAD, availability, load_service};
use crate::pages::{LoadProblem, id_param, signed_out_home};
use crate::state::use_session;
use crate::words;

#[component]
pub fn VisitWindows() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let id = id_param("service").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let Some(service) = load_service(&reader, id).await? else {
                return Ok(None);
            };
            let mut windows = reader.visit_windows(id, VISIT_DAYS_AHEAD).await?;
            windows.sort_by_key(|w| w.starts_at);
            Ok::<_, api::ApiError>(Some((service, windows)))
        }
    });
    let title = move || i18n.t("windows.title");
    let say = move || match data.get() {
        Some(Ok(Some((service, _)))) => i18n.t_with(
            "windows.say",
            &[("service", &words::visit_kind(i18n.lang(), service.kind))],
        ),
        _ => title(),
    };
    view! {
        <Screen title say back="/visits" class="meals windows">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <p class="lead">{move || i18n.t("problem.not_found")}</p> }.into_any(),
                Some(Ok(Some((service, windows)))) => view! { <WindowDays service windows /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn WindowDays(service: VisitService, windows: Vec<VisitWindow>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = service.kind;
    let provider = service.provider.organisation.clone();
    let mut days: Vec<Vec<VisitWindow>> = Vec::new();
    for w in windows {
        match days.last_mut() {
            Some(day) if day[0].date == w.date => day.push(w),
            _ => days.push(vec![w]),
        }
    }
    if days.is_empty() {
        return view! { <p class="lead">{move || i18n.t("windows.none")}</p> }.into_any();
    }
    let service_id = service.id;
    let first_week = usize::try_from(DAYS_AHEAD).unwrap_or(usize::MAX);
    let later = days.split_off(first_week.min(days.len()));
    let show_later = RwSignal::new(false);
    let has_later = !later.is_empty();
    let later = StoredValue::new(later);
    view! {
        <p class="chosen" data-testid="chosen-service">
            {move || format!("{} · {}", words::visit_kind(i18n.lang(), kind), provider.get(i18n.lang()))}
        </p>
        <p class="question">{move || i18n.t("windows.question")}</p>
        {days.into_iter().map(|day| view! { <WindowDay day service_id /> }).collect_view()}
        {move || match (has_later, show_later.get()) {
            (false, _) => ().into_any(),
            (true, false) => view! {
                <div class="actions">
                    <BigButton
                        label=move || i18n.t("windows.later")
                        icon=IconKind::Clock
                        kind=ButtonKind::Secondary
                        on_press=move || show_later.set(true)
                        testid="later-windows"
                    />
                </div>
            }
            .into_any(),
            (true, true) => later
                .get_value()
                .into_iter()
                .map(|day| view! { <WindowDay day service_id /> })
                .collect_view()
                .into_any(),
        }}
    }
    .into_any()
}

#[component]
fn WindowDay(day: Vec<VisitWindow>, service_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let date = day[0].date;
    let today = dates::today_for(&day[0].starts_at);
    let heading = move || dates::day_label(i18n.lang(), date, today);
    let heading_id = format!("day-{date}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="day" data-testid=format!("day-{date}") aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <ul class="choices choices-row">
                {day
                    .into_iter()
                    .map(|w| {
                        let navigate = navigate.clone();
                        let to = format!("/visits/{service_id}/{}", w.id);
                        let time = move || dates::time_range(i18n.lang(), &w.starts_at, &w.ends_at);
                        let status = move || availability(i18n.lang(), w.open, w.places_left);
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="btn btn-choice"
                                    disabled=!w.open
                                    data-testid=format!("window-{}", w.id)
                                    on:click=move |_| navigate(&to, Default::default())
                                >
                                    <span class="btn-text">
                                        <span class="btn-label">{time}</span>
                                        <span class="btn-detail">{status}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
