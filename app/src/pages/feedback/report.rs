//! `/bookings/:booking/problem` and `/complaints/new`: report a problem, about one booking
//! or in general. What went wrong is chosen from six big buttons (icon and words, said aloud
//! when tapped); a few words are optional, from phrase chips or typed; then Send. The
//! screen then says it was received, who follows it up, and the number to call.

use api::{ApiError, Booking, Complaint, ComplaintTopic, CreateComplaintRequest, ProblemType};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::choices::BigChoices;
use super::comment_box::CommentBox;
use super::reported::{Reported, what_next};
use super::{KeyPerBody, phrases, words};
use crate::components::{BigButton, IconKind, Loading, Notice, Screen};
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::bookings::headline;
use crate::pages::{LoadProblem, id_param, load_booking, signed_out_home, use_explainer};
use crate::problems;
use crate::state::{MealsCtx, SignOutReason, use_session, use_sign_out};

/// What the problem is about.
#[derive(Debug, Clone, PartialEq)]
enum Subject {
    General,
    About(Box<Booking>),
    /// The booking in the address is not (or no longer) one of the elder's.
    Missing,
}

#[component]
pub fn ReportProblem() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let booking_id = id_param("booking");
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let Some(id) = booking_id else {
                return Ok::<_, ApiError>(Subject::General);
            };
            Ok(match load_booking(&reader, meals, id).await? {
                Some(b) => Subject::About(Box::new(b)),
                None => Subject::Missing,
            })
        }
    });
    let sent = RwSignal::new(None::<Complaint>);
    let hotline = StoredValue::new(signed_in.me.hotline);
    let title = move || match sent.get() {
        Some(_) => i18n.t("report.done_title"),
        None => i18n.t("report.title"),
    };
    let say = move || {
        let lang = i18n.lang();
        let text = match (sent.get().is_some(), data.get()) {
            (true, Some(Ok(Subject::About(b)))) => what_next(lang, Some(&b), &hotline.get_value()),
            (true, _) => what_next(lang, None, &hotline.get_value()),
            (false, Some(Ok(Subject::About(b)))) => {
                let about = i18n.t_with("report.about", &[("what", &headline(lang, &b))]);
                format!("{about} {}", i18n.t("report.say"))
            }
            (false, Some(Ok(Subject::General))) => i18n.t("report.say"),
            (false, Some(Ok(Subject::Missing))) => i18n.t("detail.missing"),
            _ => String::new(),
        };
        format!("{} {text}", title())
    };
    let back = booking_id.map_or_else(|| "/bookings".to_owned(), |id| format!("/bookings/{id}"));
    view! {
        <Screen title say back class="report">
            {move || match (sent.get(), data.get()) {
                (Some(_), Some(Ok(Subject::About(b)))) => {
                    view! { <Reported booking=Some(*b) hotline=hotline.get_value() /> }.into_any()
                }
                (Some(_), _) => view! { <Reported booking=None hotline=hotline.get_value() /> }.into_any(),
                (None, None) => view! { <Loading /> }.into_any(),
                (None, Some(Err(err))) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                (None, Some(Ok(Subject::Missing))) => {
                    view! { <p class="lead">{move || i18n.t("detail.missing")}</p> }.into_any()
                }
                (None, Some(Ok(Subject::General))) => view! { <ReportForm booking=None sent /> }.into_any(),
                (None, Some(Ok(Subject::About(b)))) => {
                    let what = {
                        let b = b.clone();
                        move || i18n.t_with("report.about", &[("what", &headline(i18n.lang(), &b))])
                    };
                    view! {
                        <p class="chosen" data-testid="report-about">{what}</p>
                        <ReportForm booking=Some(*b) sent />
                    }
                    .into_any()
                }
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn ReportForm(booking: Option<Booking>, sent: RwSignal<Option<Complaint>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let explainer = use_explainer();
    let sign_out = use_sign_out();
    let navigate = use_navigate();
    let booking_id = booking.map(|b| b.id);
    let topic = RwSignal::new(None::<ComplaintTopic>);
    let text = RwSignal::new(String::new());
    let too_long = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ApiError>);
    let keys = KeyPerBody::<CreateComplaintRequest>::new();

    let send = Action::new_local(move |(body, key): &(CreateComplaintRequest, String)| {
        let client = session.client();
        let (body, key) = (body.clone(), key.clone());
        async move { client.create_complaint(&body, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(complaint)) => sent.set(Some(complaint)),
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
        let words = phrases::cleaned(&text.get_untracked());
        let invalid = !api::validate::comment("text", words.as_deref()).is_empty();
        too_long.set(invalid);
        refusal.set(None);
        if !invalid {
            let body = CreateComplaintRequest {
                booking_id,
                topic,
                text: words,
            };
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
    // The booking is not the elder's any more: sending again cannot help.
    let gone =
        move || refusal.get().and_then(|e| problems::kind(&e)) == Some(ProblemType::NotFound);
    let chosen = Memo::new(move |_| topic.get().is_some());
    let phrases = Signal::derive(move || topic.get().map(phrases::for_topic).unwrap_or_default());
    let next = move || {
        let navigate = navigate.clone();
        if gone() {
            view! {
                <BigButton
                    label=move || i18n.t("home.bookings")
                    icon=IconKind::Bookings
                    on_press=move || navigate("/bookings", Default::default())
                    testid="way-forward"
                />
            }
            .into_any()
        } else if chosen.get() {
            view! {
                <BigButton
                    label=move || i18n.t("report.send")
                    icon=IconKind::Check
                    on_press=submit
                    disabled=send.pending()
                    testid="send-report"
                />
            }
            .into_any()
        } else {
            ().into_any()
        }
    };

    view! {
        <p class="question" id="report-question">{move || i18n.t("report.question")}</p>
        <BigChoices
            options=ComplaintTopic::ALL.to_vec()
            chosen=topic
            label=words::topic
            icon=words::topic_icon
            slug=words::topic_slug
            labelled_by="report-question"
            hint=Signal::derive(move || i18n.t("report.hint"))
            class="topics"
        />
        {move || chosen.get().then(|| view! {
            <CommentBox id="report-text" label=move || i18n.t("report.text") text phrases />
        })}
        <Notice message />
        <div class="actions">
            {next}
            {move || send.pending().get().then(|| view! { <Loading /> })}
        </div>
    }
}
