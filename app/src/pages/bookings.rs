//! `/bookings`: My bookings, upcoming first. Each says what, when, where, its
//! status in words, what the elder pays and who booked it; Cancel where it is
//! still possible, and why not (with the number to call) where it is not. Day care and
//! home visits are shown in one short block each until their own screens arrive.

use api::{BookedService, Booking, DaycareBooking, Lang, VisitBooking, VisitStage};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, Icon, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::pages::meal_summary::MealFacts;
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::{MealsCtx, use_session};
use crate::words;

/// Active bookings soonest first, then the rest, most recent first.
pub fn in_display_order(mut list: Vec<Booking>) -> Vec<Booking> {
    list.sort_by(|a, b| {
        b.is_active()
            .cmp(&a.is_active())
            .then_with(|| match a.is_active() {
                true => a.starts_at().cmp(&b.starts_at()),
                false => b.starts_at().cmp(&a.starts_at()),
            })
    });
    list
}

#[component]
pub fn Bookings() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let data = LocalResource::new(move || {
        let client = session.client();
        async move {
            let list = client.bookings().await?;
            meals.bookings.set(list.clone());
            Ok::<_, api::ApiError>(in_display_order(list))
        }
    });
    let title = move || i18n.t("bookings.title");
    let say = move || match data.get() {
        Some(Ok(list)) => {
            let active = list.iter().filter(|b| b.is_active()).count();
            let summary = match active {
                0 => i18n.t("bookings.none"),
                n => i18n.t_with("bookings.count", &[("n", &n.to_string())]),
            };
            format!("{} {summary}", title())
        }
        _ => title(),
    };
    let navigate = use_navigate();
    view! {
        <Screen title say back="/home" class="bookings">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="lead" data-testid="no-bookings">{move || i18n.t("bookings.none")}</p> }
                        .into_any()
                }
                Some(Ok(list)) => view! {
                    <ul class="booking-list">
                        {list.into_iter().map(|booking| view! { <BookingItem booking /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("bookings.book_meal")
                    icon=IconKind::Meals
                    kind=ButtonKind::Secondary
                    on_press=move || navigate("/meals", Default::default())
                />
            </div>
        </Screen>
    }
    .into_any()
}

/// What a booking is, in one line: "明天 11月24日 星期二 午餐", "… 日间照料 上午",
/// "… 上门服务 助洁".
pub fn headline(lang: Lang, booking: &Booking) -> String {
    if let Some(facts) = MealFacts::for_booking(booking) {
        return facts.headline(lang);
    }
    let starts = booking.starts_at();
    let day = dates::day_label(lang, starts.date_naive(), dates::today_for(&starts));
    match &booking.service {
        BookedService::Daycare(d) => tr_with(
            lang,
            "care.daycare_headline",
            &[
                ("day", &day),
                ("period", &words::daycare_period(lang, d.period)),
            ],
        ),
        BookedService::Visit(v) => tr_with(
            lang,
            "care.visit_headline",
            &[
                ("day", &day),
                ("service", &words::visit_kind(lang, v.service_kind)),
            ],
        ),
        BookedService::Meal(_) => day,
    }
}

#[component]
fn BookingItem(booking: Booking) -> impl IntoView {
    match (booking.service.clone(), MealFacts::for_booking(&booking)) {
        (BookedService::Meal(meal), Some(facts)) => {
            view! { <MealItem booking meal facts /> }.into_any()
        }
        _ => view! { <CareItem booking /> }.into_any(),
    }
}

#[component]
fn MealItem(booking: Booking, meal: api::MealBooking, facts: MealFacts) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = booking.id;
    let heading_id = format!("booking-{id}");
    let headline = {
        let facts = facts.clone();
        move || facts.headline(i18n.lang())
    };
    let time = move || dates::time_range(i18n.lang(), &meal.serve_from, &meal.serve_until);
    let place = {
        let (name, address) = (meal.canteen.clone(), meal.address.clone());
        move || format!("{} · {}", name.get(i18n.lang()), address.get(i18n.lang()))
    };
    let how = move || words::fulfilment(i18n.lang(), meal.fulfilment);
    let status = move || words::status(i18n.lang(), booking.status);
    let pay = move || words::money(i18n.lang(), booking.price.you_pay);
    let booked_by =
        (booking.booked_by.id != booking.elder.id).then(|| booking.booked_by.name.clone());
    let hotline = meal.hotline.clone();
    let cancel_by = booking.cancel_by;
    let why_not = move || {
        let moment = dates::moment_label(i18n.lang(), &cancel_by, dates::today_for(&cancel_by));
        i18n.t_with(
            "bookings.cannot_cancel",
            &[("moment", &moment), ("hotline", &hotline)],
        )
    };
    let active = booking.is_active();
    let can_cancel = booking.can_cancel;

    view! {
        <li class="booking" class:booking-inactive=!active data-testid=format!("booking-{id}")>
            <article aria-labelledby=heading_id.clone()>
                <h2 id=heading_id.clone()>
                    <Icon kind=IconKind::Meals />
                    <span>{headline}</span>
                </h2>
                {if active {
                    view! {
                        <dl class="facts facts-compact">
                            <div class="fact">
                                <dt>{move || i18n.t("facts.time")}</dt>
                                <dd>{time}</dd>
                            </div>
                            <div class="fact">
                                <dt>{move || i18n.t("facts.canteen")}</dt>
                                <dd>{place}</dd>
                            </div>
                            <div class="fact">
                                <dt>{move || i18n.t("facts.how")}</dt>
                                <dd>{how}</dd>
                            </div>
                            <div class="fact" data-testid="booking-status">
                                <dt>{move || i18n.t("bookings.status")}</dt>
                                <dd class="status">{status}</dd>
                            </div>
                            <div class="fact fact-strong">
                                <dt>{move || i18n.t("price.you_pay")}</dt>
                                <dd>{pay}</dd>
                            </div>
                            {booked_by.map(|name| view! {
                                <div class="fact">
                                    <dt>{move || i18n.t("bookings.booked_by")}</dt>
                                    <dd>{name}</dd>
                                </div>
                            })}
                        </dl>
                    }
                    .into_any()
                } else {
                    // Past and cancelled bookings: one line, so the ones ahead stand out.
                    view! { <p class="status" data-testid="booking-status">{status} " · " {place}</p> }
                        .into_any()
                }}
                {if can_cancel {
                    view! {
                        <BigButton
                            label=move || i18n.t("bookings.cancel")
                            kind=ButtonKind::Danger
                            icon=IconKind::Cross
                            on_press=move || navigate(&format!("/bookings/{id}/cancel"), Default::default())
                            testid="cancel-booking"
                        />
                    }
                    .into_any()
                } else if active {
                    view! { <p class="why-not">{why_not}</p> }.into_any()
                } else {
                    ().into_any()
                }}
            </article>
        </li>
    }
}

/// Where, when and how far along a day-care or home-visit booking is.
#[derive(Debug, Clone, PartialEq)]
struct CareLine {
    icon: IconKind,
    hotline: String,
    place: api::Text,
    starts: chrono::DateTime<chrono::FixedOffset>,
    ends: chrono::DateTime<chrono::FixedOffset>,
    transport: bool,
    stage: Option<VisitStage>,
    worker: Option<String>,
}

impl CareLine {
    fn of(booking: &Booking) -> Option<CareLine> {
        match &booking.service {
            BookedService::Meal(_) => None,
            BookedService::Daycare(DaycareBooking {
                centre,
                address,
                hotline,
                starts_at,
                ends_at,
                transport,
                ..
            }) => Some(CareLine {
                icon: IconKind::DayCare,
                hotline: hotline.clone(),
                place: api::Text::new(
                    format!("{} · {}", centre.zh, address.zh),
                    format!("{} · {}", centre.get(Lang::En), address.get(Lang::En)),
                ),
                starts: *starts_at,
                ends: *ends_at,
                transport: *transport,
                stage: None,
                worker: None,
            }),
            BookedService::Visit(VisitBooking {
                provider,
                hotline,
                starts_at,
                ends_at,
                address,
                stage,
                worker,
                ..
            }) => Some(CareLine {
                icon: IconKind::HomeVisit,
                hotline: hotline.clone(),
                place: api::Text::new(
                    format!("{} · {}", address, provider.zh),
                    format!("{} · {}", address, provider.get(Lang::En)),
                ),
                starts: *starts_at,
                ends: *ends_at,
                transport: false,
                stage: Some(*stage),
                worker: worker.clone(),
            }),
        }
    }
}

/// The facts of a day-care or home-visit booking as a compact description list.
#[component]
pub fn CareFacts(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let Some(line) = CareLine::of(&booking) else {
        return ().into_any();
    };
    let (starts, ends) = (line.starts, line.ends);
    let time = move || dates::time_range(i18n.lang(), &starts, &ends);
    let place = {
        let place = line.place.clone();
        move || place.get(i18n.lang()).to_owned()
    };
    let status = move || match line.stage {
        Some(stage) => words::visit_stage(i18n.lang(), stage),
        None => words::status(i18n.lang(), booking.status),
    };
    let pay = move || words::money(i18n.lang(), booking.price.you_pay);
    view! {
        <dl class="facts facts-compact">
            <div class="fact">
                <dt>{move || i18n.t("facts.time")}</dt>
                <dd>{time}</dd>
            </div>
            <div class="fact">
                <dt>{move || i18n.t("care.place")}</dt>
                <dd>{place}</dd>
            </div>
            {line.transport.then(|| view! {
                <div class="fact">
                    <dt>{move || i18n.t("care.transport")}</dt>
                    <dd>{move || i18n.t("care.transport_yes")}</dd>
                </div>
            })}
            {line.worker.clone().map(|name| view! {
                <div class="fact" data-testid="visit-worker">
                    <dt>{move || i18n.t("care.worker")}</dt>
                    <dd>{name}</dd>
                </div>
            })}
            <div class="fact" data-testid="booking-status">
                <dt>{move || i18n.t("care.progress")}</dt>
                <dd class="status">{status}</dd>
            </div>
            <div class="fact fact-strong">
                <dt>{move || i18n.t("price.you_pay")}</dt>
                <dd>{pay}</dd>
            </div>
        </dl>
    }
    .into_any()
}

/// A day-care or home-visit booking in My bookings: icon and headline, its facts, and
/// Cancel where it is still possible.
#[component]
fn CareItem(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let Some(line) = CareLine::of(&booking) else {
        return ().into_any();
    };
    let id = booking.id;
    let heading_id = format!("booking-{id}");
    let headline = {
        let booking = booking.clone();
        move || headline(i18n.lang(), &booking)
    };
    let active = booking.is_active();
    let can_cancel = booking.can_cancel;
    let on_the_way = line.stage == Some(VisitStage::OnTheWay);
    let cancel_by = booking.cancel_by;
    let hotline = line.hotline.clone();
    let why_not = move || {
        if on_the_way {
            return i18n.t_with("care.on_the_way_call", &[("hotline", &hotline)]);
        }
        let moment = dates::moment_label(i18n.lang(), &cancel_by, dates::today_for(&cancel_by));
        i18n.t_with(
            "care.cannot_cancel",
            &[("moment", &moment), ("hotline", &hotline)],
        )
    };
    view! {
        <li class="booking" class:booking-inactive=!active data-testid=format!("booking-{id}")>
            <article aria-labelledby=heading_id.clone()>
                <h2 id=heading_id.clone()>
                    <Icon kind=line.icon />
                    <span>{headline}</span>
                </h2>
                <CareFacts booking />
                {if can_cancel {
                    view! {
                        <BigButton
                            label=move || i18n.t("bookings.cancel")
                            kind=ButtonKind::Danger
                            icon=IconKind::Cross
                            on_press=move || navigate(&format!("/bookings/{id}/cancel"), Default::default())
                            testid="cancel-booking"
                        />
                    }
                    .into_any()
                } else if active {
                    view! { <p class="why-not">{why_not}</p> }.into_any()
                } else {
                    ().into_any()
                }}
            </article>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::{
        BookingStatus, Fen, Fulfilment, MealBooking, MealKind, PersonKind, PersonRef, PriceSplit,
        Text,
    };
    use chrono::DateTime;

    fn booking(id: i64, status: BookingStatus, day: u32) -> Booking {
        let at = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T11:00:00+08:00"))
            .unwrap_or_default();
        let me = PersonRef {
            id: 1,
            name: "王秀英".into(),
            kind: PersonKind::Elder,
        };
        Booking {
            id,
            status,
            elder: me.clone(),
            booked_by: me,
            created_at: at,
            service: BookedService::Meal(MealBooking {
                slot_id: 1,
                canteen: Text::new("食堂", "Canteen"),
                address: Text::default(),
                hotline: String::new(),
                date: at.date_naive(),
                meal: MealKind::Lunch,
                fulfilment: Fulfilment::DineIn,
                serve_from: at,
                serve_until: at,
                dishes: Vec::new(),
                delivery_address: None,
            }),
            provider: Default::default(),
            rating: None,
            can_rate: false,
            price: PriceSplit {
                you_pay: Fen(500),
                ..Default::default()
            },
            cancel_by: at,
            can_cancel: true,
        }
    }

    // `headline` reads today's date from the browser, so the words are checked by e2e;
    // what each kind shows is checked here.
    #[test]
    fn day_care_and_home_visits_show_their_place_transport_stage_and_worker() {
        let mut b = booking(7, BookingStatus::Booked, 24);
        let at = b.starts_at();
        b.service = BookedService::Daycare(DaycareBooking {
            session_id: 1,
            centre: Text::new("阳光日间照料中心", "Sunshine Day Care Centre"),
            address: Text::new("5 号楼", "Building 5"),
            hotline: "010-6501 2347".into(),
            date: at.date_naive(),
            period: api::DaycarePeriod::Morning,
            starts_at: at,
            ends_at: at,
            transport: true,
        });
        let line = CareLine::of(&b).unwrap();
        assert!(line.transport && line.icon == IconKind::DayCare);
        assert_eq!(
            line.place.get(Lang::En),
            "Sunshine Day Care Centre · Building 5"
        );

        b.service = BookedService::Visit(VisitBooking {
            service_id: 1,
            window_id: 2,
            service_kind: api::VisitKind::Cleaning,
            service: Text::new("助洁 · 居家保洁", "Home cleaning"),
            provider: Text::new("安心家政服务社", "Anxin Home Services"),
            hotline: "010-6501 3001".into(),
            date: at.date_naive(),
            starts_at: at,
            ends_at: at,
            address: "阳光社区".into(),
            note: None,
            stage: VisitStage::Assigned,
            worker: Some("赵师傅".into()),
        });
        let line = CareLine::of(&b).unwrap();
        assert_eq!(line.worker.as_deref(), Some("赵师傅"));
        assert_eq!(line.stage, Some(VisitStage::Assigned));
        assert_eq!(line.place.get(Lang::ZhCn), "阳光社区 · 安心家政服务社");
    }

    #[test]
    fn upcoming_active_bookings_come_first_soonest_first() {
        let list = vec![
            booking(1, BookingStatus::Cancelled, 20),
            booking(2, BookingStatus::Booked, 26),
            booking(3, BookingStatus::Fulfilled, 22),
            booking(4, BookingStatus::Booked, 24),
            booking(5, BookingStatus::Cancelled, 25),
        ];
        let ids: Vec<i64> = in_display_order(list).iter().map(|b| b.id).collect();
        assert_eq!(ids, [4, 2, 5, 3, 1]);
    }
}
