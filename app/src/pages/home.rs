//! `/home`: a greeting and big tiles (UX.md, Home): meals, day care, home visits, the
//! council (议事会) and My bookings; a council meeting today is said as a reminder. An elder signed
//! in as themself also has "My family", and hears once per sign-in what others did for them
//! since last time. A family member sees only what the elder allows, and why.

use api::MeetingStatus;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Notice, Screen, Tile, Tone};
use crate::dates;
use crate::i18n::{join_sentences, use_i18n};
use crate::pages::{council_today, signed_out_home, summary};
use crate::state::{SignOutReason, use_session, use_sign_out};

/// Home follows the elder acted for: a family member switching elder from the banner while
/// on home gets the other elder's home, spoken.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    // A memo: other changes to the session (the kiosk's delivery token arriving) must not
    // draw home again, or it would speak again and lose its one-time summary.
    let elder = Memo::new(move |_| session.elder_id());
    move || {
        elder.track();
        view! { <HomeScreen /> }
    }
}

#[component]
fn HomeScreen() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    if !signed_in.has_elder() {
        return view! { <Redirect path="/family/elders" /> }.into_any();
    }
    let i18n = use_i18n();
    let navigate = use_navigate();
    let sign_out = use_sign_out();

    let name = StoredValue::new(signed_in.me.person.name.clone());
    let family = signed_in.is_family();
    let may = signed_in.permissions();
    let own = signed_in.me.person.kind == api::PersonKind::Elder && !signed_in.is_on_behalf();
    let elder = StoredValue::new(signed_in.clone());
    let hotline = StoredValue::new(signed_in.me.hotline.clone());
    // What others did since last time: said once a sign-in, on the first visit home.
    let acted = signed_in
        .me
        .acted_for_since_last_sign_in
        .clone()
        .filter(|_| own && !session.summary_said.get_untracked());
    session.summary_said.set(true);
    let acted = StoredValue::new(acted);
    let acted_words = Signal::derive(move || {
        acted.with_value(|a| {
            a.as_ref()
                .and_then(|a| summary::summary_words(i18n.lang(), a, |i| dates::today_for(&i.at)))
        })
    });

    // A council meeting today: said after the greeting, as the day's reminder.
    let today_meeting = LocalResource::new(move || {
        let client = session.client();
        async move {
            if !may.view {
                return None;
            }
            let meetings = client.meetings().await.ok()?;
            meetings.into_iter().find(|m| {
                council_today(m)
                    && matches!(m.status, MeetingStatus::Scheduled | MeetingStatus::Live)
            })
        }
    });
    let reminder = Signal::derive(move || {
        today_meeting.get().flatten().map(|m| {
            let lang = i18n.lang();
            i18n.t_with(
                "council.today",
                &[
                    ("topic", m.topic.get(lang)),
                    ("time", &dates::time_label(&m.starts_at)),
                ],
            )
        })
    });
    let title = move || i18n.t_with("home.greeting", &[("name", &name.get_value())]);
    let limits = Signal::derive(move || {
        let who = elder.with_value(|s| s.elder.name.clone());
        match (family, may.view, may.book) {
            (true, false, _) => Some(i18n.t_with("family.home_no_view", &[("elder", &who)])),
            (true, true, false) => Some(i18n.t_with("family.home_no_book", &[("elder", &who)])),
            _ => None,
        }
    });
    let say = move || {
        let lang = i18n.lang();
        let for_whom = family.then(|| {
            let label = elder.with_value(|s| s.elder_label(lang));
            i18n.t_with("family.banner", &[("elder", &label)])
        });
        let question = match (own, family, may.book) {
            (true, _, _) => i18n.t("home.say_with_family"),
            (false, true, true) => i18n.t("home.say_family"),
            (false, true, false) => i18n.t("home.say_view_only"),
            (false, false, _) => i18n.t("home.say"),
        };
        let parts = [
            Some(title()),
            acted_words.get(),
            for_whom,
            limits.get(),
            Some(question),
        ];
        join_sentences(lang, &parts.into_iter().flatten().collect::<Vec<_>>())
    };
    let go = move |to: &'static str| {
        let navigate = navigate.clone();
        move || navigate(to, Default::default())
    };

    view! {
        <Screen title say class="home">
            <Notice message=acted_words tone=Tone::Info speak=false />
            <Notice message=limits tone=Tone::Info speak=false />
            <Notice message=reminder tone=Tone::Info />
            <p class="question">{move || i18n.t("home.question")}</p>
            <ul class="tiles">
                {may.book.then(|| view! {
                    <Tile label=move || i18n.t("home.meals") icon=IconKind::Meals on_press=go("/meals") testid="tile-meals" />
                    <Tile
                        label=move || i18n.t("home.day_care")
                        icon=IconKind::DayCare
                        on_press=go("/daycare")
                        testid="tile-day-care"
                    />
                    <Tile
                        label=move || i18n.t("home.home_visit")
                        icon=IconKind::HomeVisit
                        on_press=go("/visits")
                        testid="tile-home-visit"
                    />
                })}
                {(!family).then(|| view! {
                    <Tile
                        label=move || i18n.t("home.council")
                        icon=IconKind::Council
                        on_press=go("/council")
                        testid="tile-council"
                    />
                })}
                {may.view.then(|| view! {
                    <Tile
                        label=move || i18n.t("home.bookings")
                        icon=IconKind::Bookings
                        on_press=go("/bookings")
                        testid="tile-bookings"
                    />
                })}
                {own.then(|| view! {
                    <Tile
                        label=move || i18n.t("home.my_family")
                        icon=IconKind::Person
                        on_press=go("/my-family")
                        testid="tile-my-family"
                    />
                })}
            </ul>
            <div class="actions">
                <BigButton
                    label=move || i18n.t("home.sign_out")
                    kind=ButtonKind::Secondary
                    icon=IconKind::SignOut
                    on_press=move || sign_out(SignOutReason::Chosen)
                    testid="sign-out"
                />
            </div>
            <p class="help-line">
                {move || i18n.t_with("help.hotline", &[("hotline", &hotline.get_value())])}
            </p>
        </Screen>
    }
    .into_any()
}
