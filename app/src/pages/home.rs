//! `/home`: a greeting and five big tiles (UX.md, Home). Meals, day care, home
//! visits and My bookings work now; the council says, in words and voice, that it
//! is coming.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Notice, Screen, Tile, Tone};
use crate::i18n::use_i18n;
use crate::pages::signed_out_home;
use crate::state::{SignOutReason, use_session, use_sign_out};

#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    let soon = RwSignal::new(false);

    let name = StoredValue::new(signed_in.me.person.name.clone());
    let elder = StoredValue::new(signed_in.elder.name.clone());
    let on_behalf = signed_in.is_on_behalf();
    let hotline = StoredValue::new(signed_in.me.hotline.clone());

    let title = move || i18n.t_with("home.greeting", &[("name", &name.get_value())]);
    let say = move || format!("{} {}", title(), i18n.t("home.say"));
    let soon_message = Signal::derive(move || soon.get().then(|| i18n.t("home.council_soon")));
    let go = move |to: &'static str| {
        let navigate = navigate.clone();
        move || navigate(to, Default::default())
    };
    let soon_note = move || i18n.t("home.coming_soon");

    view! {
        <Screen title say class="home">
            {on_behalf.then(|| view! {
                <p class="on-behalf" data-testid="on-behalf">
                    {move || i18n.t_with("home.on_behalf", &[("elder", &elder.get_value())])}
                </p>
            })}
            <p class="question">{move || i18n.t("home.question")}</p>
            <ul class="tiles">
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
                <Tile
                    label=move || i18n.t("home.council")
                    icon=IconKind::Council
                    on_press=move || soon.set(true)
                    note=soon_note
                    testid="tile-council"
                />
                <Tile
                    label=move || i18n.t("home.bookings")
                    icon=IconKind::Bookings
                    on_press=go("/bookings")
                    testid="tile-bookings"
                />
            </ul>
            <Notice message=soon_message tone=Tone::Info />
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
