//! The nearest bookable alternatives to a queued booking the platform refused (the place
//! went while the elder was offline): the same kind of service, closest in time to what
//! they wanted, each one tap away from its next step.

use api::{ApiError, CreateBookingRequest, Lang};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, Loading};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::offline::reader::{Reader, use_reader};
use crate::pages::care::{DAYS_AHEAD, VISIT_DAYS_AHEAD, load_daycare};
use crate::pages::daycare_transport::session_headline;
use crate::words;

/// How many alternatives to offer: enough to choose from, few enough to read.
const HOW_MANY: usize = 3;

/// One bookable option: its words, where its next step is, and when it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub label: String,
    pub to: String,
    pub starts_at: DateTime<FixedOffset>,
}

/// The `n` options closest in time to `wanted`, soonest first.
pub fn nearest(
    mut options: Vec<Alternative>,
    wanted: DateTime<FixedOffset>,
    n: usize,
) -> Vec<Alternative> {
    options.sort_by_key(|o| (o.starts_at - wanted).abs());
    options.truncate(n);
    options.sort_by_key(|o| o.starts_at);
    options
}

/// Everything still bookable of the same kind as `request`, except what was refused.
async fn bookable(
    reader: &Reader,
    lang: Lang,
    request: &CreateBookingRequest,
) -> Result<Vec<Alternative>, ApiError> {
    let mut options = Vec::new();
    match request {
        CreateBookingRequest::Meal { slot_id, .. } => {
            for canteen in reader.canteens().await? {
                let slots = reader.meal_slots(canteen.id, DAYS_AHEAD).await?;
                options.extend(
                    slots
                        .into_iter()
                        .filter(|s| s.open && s.places_left > 0 && s.id != *slot_id)
                        .map(|s| Alternative {
                            label: tr_with(
                                lang,
                                "outbox.option",
                                &[
                                    (
                                        "what",
                                        &day_and(lang, &s.serve_from, words::meal(lang, s.meal)),
                                    ),
                                    (
                                        "left",
                                        &tr_with(
                                            lang,
                                            "slots.places_left",
                                            &[("n", &s.places_left.to_string())],
                                        ),
                                    ),
                                ],
                            ),
                            to: format!("/meals/{}", s.id),
                            starts_at: s.serve_from,
                        }),
                );
            }
        }
        CreateBookingRequest::Daycare { session_id, .. } => {
            if let Some((_, schedule)) = load_daycare(reader).await? {
                options.extend(
                    schedule
                        .sessions
                        .into_iter()
                        .filter(|s| s.open && s.places_left > 0 && s.id != *session_id)
                        .map(|s| Alternative {
                            label: session_headline(lang, &s),
                            to: format!("/daycare/{}", s.id),
                            starts_at: s.starts_at,
                        }),
                );
            }
        }
        CreateBookingRequest::Visit {
            service_id,
            window_id,
            ..
        } => {
            let windows = reader.visit_windows(*service_id, VISIT_DAYS_AHEAD).await?;
            options.extend(
                windows
                    .into_iter()
                    .filter(|w| w.open && w.places_left > 0 && w.id != *window_id)
                    .map(|w| Alternative {
                        label: day_and(
                            lang,
                            &w.starts_at,
                            dates::time_range(lang, &w.starts_at, &w.ends_at),
                        ),
                        to: format!("/visits/{service_id}/{}", w.id),
                        starts_at: w.starts_at,
                    }),
            );
        }
    }
    Ok(options)
}

/// "明天 12月1日 星期二 午餐".
fn day_and(lang: Lang, at: &DateTime<FixedOffset>, what: String) -> String {
    let day = dates::day_label(lang, at.date_naive(), dates::today_for(at));
    tr_with(lang, "outbox.summary", &[("day", &day), ("what", &what)])
}

/// Buttons for the nearest alternatives, or a plain word that there are none.
#[component]
pub fn Alternatives(request: CreateBookingRequest, wanted: DateTime<FixedOffset>) -> impl IntoView {
    let i18n = use_i18n();
    let reader = use_reader();
    let request = StoredValue::new(request);
    let data = LocalResource::new(move || {
        let reader = reader();
        let lang = i18n.lang();
        async move {
            let all = bookable(&reader, lang, &request.get_value()).await?;
            Ok::<_, ApiError>(nearest(all, wanted, HOW_MANY))
        }
    });
    let navigate = use_navigate();
    view! {
        <div class="alternatives" data-testid="alternatives">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(options)) if !options.is_empty() => {
                    let navigate = navigate.clone();
                    view! {
                        <p>{move || i18n.t("outbox.alternatives")}</p>
                        {options
                            .into_iter()
                            .map(|o| {
                                let navigate = navigate.clone();
                                let Alternative { label, to, .. } = o;
                                view! {
                                    <BigButton
                                        label=move || label.clone()
                                        kind=ButtonKind::Secondary
                                        on_press=move || navigate(&to, Default::default())
                                        testid="alternative"
                                    />
                                }
                            })
                            .collect_view()}
                    }
                    .into_any()
                }
                // None left, or offline again: the flow's own start still lists everything,
                // with the reason for each in words.
                _ => view! { <p>{move || i18n.t("outbox.no_alternatives")}</p> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32, day: u32) -> DateTime<FixedOffset> {
        format!("2030-03-{day:02}T{hour:02}:00:00+08:00")
            .parse()
            .unwrap()
    }

    fn option(name: &str, starts_at: DateTime<FixedOffset>) -> Alternative {
        Alternative {
            label: name.into(),
            to: format!("/{name}"),
            starts_at,
        }
    }

    #[test]
    fn the_closest_in_time_come_first_then_read_in_order() {
        let all = vec![
            option("next-week", at(11, 12)),
            option("same-day-dinner", at(17, 5)),
            option("day-before", at(11, 4)),
            option("day-after", at(11, 6)),
        ];
        let picked = nearest(all, at(11, 5), 3);
        let names: Vec<&str> = picked.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(names, ["day-before", "same-day-dinner", "day-after"]);
    }

    #[test]
    fn fewer_options_than_asked_are_all_offered() {
        assert_eq!(
            nearest(vec![option("only", at(11, 5))], at(9, 1), 3).len(),
            1
        );
        assert!(nearest(Vec::new(), at(9, 1), 3).is_empty());
    }
}
