//! `/bookings`: My bookings, upcoming first. Each says what, when, where, its
//! status in words, what the elder pays and who booked it; Cancel where it is
//! still possible, and why not (with the number to call) where it is not.

use api::{BookedService, Booking};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, Icon, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::use_i18n;
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

#[component]
fn BookingItem(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let BookedService::Meal(meal) = booking.service.clone();
    let facts = MealFacts::for_booking(&booking);
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
            }),
            price: PriceSplit {
                you_pay: Fen(500),
                ..Default::default()
            },
            cancel_by: at,
            can_cancel: true,
        }
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
