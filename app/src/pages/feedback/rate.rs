//! `/bookings/:booking/rate`: "were you satisfied?" Three huge faces (满意 / 一般 / 不满意),
//! each with its word and said aloud when tapped; then, only if the elder wants, a few words
//! from phrase chips or typed; then Send. A service is rated once: when the platform says it
//! is not done yet or already rated, the screen says so in words and offers the way back.

use api::{ApiError, Booking, ProblemType, RateRequest, RatingFace};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::choices::BigChoices;
use super::comment_box::CommentBox;
use super::rated::{CannotRate, Rated, cannot_rate, thanks};
use super::{KeyPerBody, phrases, words};
use crate::components::{BigButton, IconKind, Loading, Notice, Screen};
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::bookings::headline;
use crate::pages::{LoadProblem, id_param, load_booking, signed_out_home, use_explainer};
use crate::problems;
use crate::state::{MealsCtx, SignOutReason, use_session, use_sign_out};

#[component]
pub fn RateBooking() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let explainer = use_explainer();
    let id = id_param("booking").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { load_booking(&reader, meals, id).await }
    });
    // Set once the platform has the rating: the screen then thanks instead of asking.
    let rated = RwSignal::new(None::<Booking>);
    let title = move || match rated.get() {
        Some(_) => i18n.t("rate.done_title"),
        None => i18n.t("rate.title"),
    };
    let say = move || {
        let lang = i18n.lang();
        let text = match (rated.get(), data.get()) {
            (Some(b), _) => thanks(lang, &b),
            (None, Some(Ok(Some(b)))) if b.can_rate => {
                i18n.t_with("rate.say", &[("what", &headline(lang, &b))])
            }
            (None, Some(Ok(Some(b)))) => explainer.explain(&cannot_rate(&b)),
            (None, Some(Ok(None))) => i18n.t("detail.missing"),
            _ => String::new(),
        };
        format!("{} {text}", title())
    };
    view! {
        <Screen title say back=format!("/bookings/{id}") class="rate">
            {move || match (rated.get(), data.get()) {
                (Some(booking), _) => view! { <Rated booking /> }.into_any(),
                (None, None) => view! { <Loading /> }.into_any(),
                (None, Some(Err(err))) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                (None, Some(Ok(None))) => {
                    view! { <p class="lead">{move || i18n.t("detail.missing")}</p> }.into_any()
                }
                (None, Some(Ok(Some(booking)))) if booking.can_rate => {
                    let what = {
                        let b = booking.clone();
                        move || i18n.t_with("report.about", &[("what", &headline(i18n.lang(), &b))])
                    };
                    view! {
                        <p class="chosen" data-testid="rate-about">{what}</p>
                        <RateForm booking rated />
                    }
                    .into_any()
                }
                (None, Some(Ok(Some(booking)))) => view! { <CannotRate booking /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn RateForm(booking: Booking, rated: RwSignal<Option<Booking>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let explainer = use_explainer();
    let sign_out = use_sign_out();
    let navigate = use_navigate();
    let id = booking.id;
    let service = StoredValue::new(booking.service);
    let face = RwSignal::new(None::<RatingFace>);
    let text = RwSignal::new(String::new());
    let too_long = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ApiError>);
    let keys = KeyPerBody::<RateRequest>::new();

    let send = Action::new_local(move |(body, key): &(RateRequest, String)| {
        let client = session.client();
        let (body, key) = (body.clone(), key.clone());
        async move { client.rate_booking(id, &body, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(b)) => {
            meals.remember_booking(&b);
            rated.set(Some(b));
        }
        Some(Err(err)) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        Some(Err(err)) => refusal.set(Some(err)),
        None => {}
    });
    let submit = move || {
        let Some(face) = face.get_untracked() else {
            return;
        };
        if send.pending().get_untracked() {
            return;
        }
        let comment = phrases::cleaned(&text.get_untracked());
        let invalid = !api::validate::comment("comment", comment.as_deref()).is_empty();
        too_long.set(invalid);
        refusal.set(None);
        if !invalid {
            let body = RateRequest { face, comment };
            let key = keys.key(&body);
            send.dispatch_local((body, key));
        }
    };

    let message = Signal::derive(move || match refusal.get() {
        Some(err) => Some(explainer.explain(&err)),
        None => too_long.get().then(|| {
            let max = api::validate::COMMENT_MAX.to_string();
            i18n.t_with("comment.too_long", &[("max", &max)])
        }),
    });
    // Not done, already rated, or gone: sending again cannot help; go back to the booking.
    let settled = move || {
        matches!(
            refusal.get().and_then(|e| problems::kind(&e)),
            Some(ProblemType::AlreadyRated | ProblemType::NotCompleted | ProblemType::NotFound)
        )
    };
    let chosen = Memo::new(move |_| face.get().is_some());
    let phrases = Signal::derive(move || {
        face.get()
            .map(|f| service.with_value(|s| phrases::for_rating(s, f)))
            .unwrap_or_default()
    });
    let next = move || {
        let navigate = navigate.clone();
        if settled() {
            view! {
                <BigButton
                    label=move || i18n.t("rate.back_to_booking")
                    icon=IconKind::Bookings
                    on_press=move || navigate(&format!("/bookings/{id}"), Default::default())
                    testid="way-forward"
                />
            }
            .into_any()
        } else if chosen.get() {
            view! {
                <BigButton
                    label=move || i18n.t("rate.send")
                    icon=IconKind::Check
                    on_press=submit
                    disabled=send.pending()
                    testid="send-rating"
                />
            }
            .into_any()
        } else {
            ().into_any()
        }
    };

    view! {
        <p class="question" id="rate-question">{move || i18n.t("rate.question")}</p>
        <BigChoices
            options=RatingFace::ALL.to_vec()
            chosen=face
            label=words::face
            icon=words::face_icon
            slug=words::face_slug
            labelled_by="rate-question"
            hint=Signal::derive(move || i18n.t("rate.hint"))
            class="faces"
        />
        {move || chosen.get().then(|| view! {
            <CommentBox id="rate-comment" label=move || i18n.t("rate.comment") text phrases />
        })}
        <Notice message />
        <div class="actions">
            {next}
            {move || send.pending().get().then(|| view! { <Loading /> })}
        </div>
    }
}
