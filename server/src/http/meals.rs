//! Canteens and their meals (助餐), priced for the elder acted for.

use api::{
    Canteen, DietTag, Dish, Fen, FieldError, Fulfilment, FulfilmentOffer, MealKind, MealSlot,
    Problem, ProblemType, SlotQuery, Text,
};
use axum::{extract::State, http::StatusCode};
use chrono::{Days, NaiveDate};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    extract::{Path, Query},
};
use crate::{
    auth::Actor,
    db::{
        self,
        meals::{self, CanteenRow, DishRow, SlotRow},
        people::{self, Person},
    },
    error::{Error, Result},
    pricing::ElderPricing,
};

/// How far ahead menus can be read (the demo publishes two weeks).
pub const MAX_DAYS: u32 = 14;
const DEFAULT_DAYS: u32 = 7;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_canteens))
        .routes(routes!(list_slots))
}

/// Canteens in the community of the elder acted for.
#[utoipa::path(
    get, path = "/canteens", tag = "meals",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<Canteen>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_canteens(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<Canteen>>> {
    actor.require(|p| p.view)?;
    let rows = meals::canteens(&state.db, actor.elder.community_id).await?;
    let community = community_name(&state.db, actor.elder.community_id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|c| canteen_view(c, community.clone()))
            .collect(),
    ))
}

/// The days `from` ≤ date < `until` of a range query: `from` defaults to today, `days` to a
/// week and may be 1–14.
pub(super) fn date_range(q: &SlotQuery, state: &AppState) -> Result<(NaiveDate, NaiveDate)> {
    let days = q.days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(Error::invalid_field("days", "days-range"));
    }
    let from = q
        .from
        .unwrap_or_else(|| db::today(state.clock.now(), state.tz));
    let until = from
        .checked_add_days(Days::new(days.into()))
        .ok_or_else(|| Error::invalid_field("from", "date-range"))?;
    Ok((from, until))
}

/// Meals of one canteen for up to two weeks, with places left and the price split for the elder.
#[utoipa::path(
    get, path = "/canteens/{id}/slots", tag = "meals",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Canteen id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        SlotQuery,
    ),
    responses(
        (status = 200, body = Vec<MealSlot>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_slots(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(q): Query<SlotQuery>,
) -> Result<Json<Vec<MealSlot>>> {
    // Prices are split for the elder's subsidies: their eligibility is theirs to show.
    actor.require(|p| p.view)?;
    let (from, until) = date_range(&q, &state)?;
    let canteen = meals::canteen(&state.db, id)
        .await?
        .filter(|c| c.community_id == actor.elder.community_id)
        .ok_or_else(Error::not_found)?;
    let rows = meals::slots(&state.db, id, from, until).await?;
    let dishes = meals::dishes(&state.db, id, from, until).await?;
    let pricing = elder_pricing(&state.db, &actor.elder).await?;
    let now = state.clock.unix();
    let slots = rows
        .iter()
        .map(|row| {
            let own: Vec<DishRow> = dishes
                .iter()
                .filter(|d| d.slot_id == row.id)
                .cloned()
                .collect();
            slot_view(row, &canteen, own, &pricing, now, state.tz)
        })
        .collect::<Result<_>>()?;
    Ok(Json(slots))
}

pub(super) async fn elder_pricing(db: &db::Db, elder: &Person) -> Result<ElderPricing> {
    Ok(ElderPricing {
        rules: people::subsidy_rules(db, elder.community_id).await?,
        standing: people::eligibility(db, elder.id).await?,
        birth: elder.birth_date(),
    })
}

/// Pricing for a service other than meals (`daycare`, `visit`), with that service's rules.
pub(super) async fn service_pricing(
    db: &db::Db,
    elder: &Person,
    service: &str,
) -> Result<ElderPricing> {
    Ok(ElderPricing {
        rules: people::service_subsidy_rules(db, elder.community_id, service).await?,
        standing: people::eligibility(db, elder.id).await?,
        birth: elder.birth_date(),
    })
}

/// The community's name, shown with each of its centres.
pub(super) async fn community_name(db: &db::Db, community_id: i64) -> Result<Text> {
    let (zh, en): (String, String) =
        sqlx::query_as("SELECT name_zh, name_en FROM communities WHERE id = ?")
            .bind(community_id)
            .fetch_one(db)
            .await?;
    Ok(Text::new(zh, en))
}

fn canteen_view(c: CanteenRow, community: Text) -> Canteen {
    Canteen {
        id: c.id,
        name: Text::new(c.name_zh, c.name_en),
        address: Text::new(c.address_zh, c.address_en),
        community,
        provider: c.provider.card(),
        hotline: c.hotline,
        offers_delivery: c.offers_delivery,
    }
}

/// The ways a canteen hands out meals; delivery only where it offers it.
pub(super) fn fulfilments(canteen: &CanteenRow) -> impl Iterator<Item = Fulfilment> + '_ {
    Fulfilment::ALL
        .into_iter()
        .filter(|f| *f != Fulfilment::Delivery || canteen.offers_delivery)
}

pub(super) fn delivery_fee(canteen: &CanteenRow, f: Fulfilment) -> Fen {
    Fen(if f == Fulfilment::Delivery {
        canteen.delivery_fee_fen
    } else {
        0
    })
}

pub(super) fn slot_date(row: &SlotRow) -> Result<NaiveDate> {
    row.date
        .parse()
        .map_err(|e| Error::Internal(format!("slot {} has a bad date: {e}", row.id)))
}

pub(super) fn meal_kind(s: &str) -> Result<MealKind> {
    match s {
        "lunch" => Ok(MealKind::Lunch),
        "dinner" => Ok(MealKind::Dinner),
        other => Err(Error::Internal(format!("unknown meal {other:?}"))),
    }
}

pub(super) fn fulfilment_name(f: Fulfilment) -> &'static str {
    match f {
        Fulfilment::DineIn => "dine_in",
        Fulfilment::Pickup => "pickup",
        Fulfilment::Delivery => "delivery",
    }
}

pub(super) fn parse_fulfilment(s: &str) -> Result<Fulfilment> {
    Fulfilment::ALL
        .into_iter()
        .find(|f| fulfilment_name(*f) == s)
        .ok_or_else(|| Error::Internal(format!("unknown fulfilment {s:?}")))
}

/// A meal's address is where to deliver it, so it only goes with delivery (422 otherwise: the
/// request is well formed but asks for something that cannot be), and must be real text (400,
/// as for any field).
pub(super) fn check_delivery_address(fulfilment: Fulfilment, address: Option<&str>) -> Result<()> {
    if fulfilment != Fulfilment::Delivery && address.is_some() {
        return Err(Error::new(
            ProblemType::InvalidRequest,
            StatusCode::UNPROCESSABLE_ENTITY,
            "An address is only for a meal that is delivered",
        )
        .with_errors(vec![FieldError {
            field: "address".into(),
            code: "address-not-for-delivery".into(),
        }]));
    }
    let errors = api::validate::delivery_address(address);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(errors))
    }
}

pub(super) fn diet_tag_name(t: DietTag) -> &'static str {
    match t {
        DietTag::Soft => "soft",
        DietTag::LowSalt => "low_salt",
        DietTag::LowSugar => "low_sugar",
        DietTag::LowFat => "low_fat",
        DietTag::Vegetarian => "vegetarian",
        DietTag::Halal => "halal",
    }
}

/// Stored tag names as the API's tags, in [`DietTag::ALL`] order (the order the contract
/// promises), each once.
pub(super) fn diet_tags<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Vec<DietTag>> {
    let names: Vec<&str> = names.into_iter().collect();
    if let Some(unknown) = names
        .iter()
        .find(|n| !DietTag::ALL.iter().any(|t| diet_tag_name(*t) == **n))
    {
        return Err(Error::Internal(format!("unknown diet tag {unknown:?}")));
    }
    Ok(DietTag::ALL
        .into_iter()
        .filter(|t| names.contains(&diet_tag_name(*t)))
        .collect())
}

fn dish_view(d: DishRow) -> Result<Dish> {
    let tags = diet_tags(
        d.tags
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter(|t| !t.is_empty()),
    )?;
    Ok(Dish {
        name: Text::new(d.name_zh, d.name_en),
        tags,
    })
}

pub(super) fn dish_texts(dishes: Vec<DishRow>) -> Vec<Text> {
    dishes
        .into_iter()
        .map(|d| Text::new(d.name_zh, d.name_en))
        .collect()
}

fn slot_view(
    row: &SlotRow,
    canteen: &CanteenRow,
    dishes: Vec<DishRow>,
    pricing: &ElderPricing,
    now: i64,
    tz: chrono::FixedOffset,
) -> Result<MealSlot> {
    let date = slot_date(row)?;
    let places_left = u32::try_from(row.capacity - row.booked).unwrap_or(0);
    let offers = fulfilments(canteen)
        .map(|f| FulfilmentOffer {
            fulfilment: f,
            price: pricing.split(date, Fen(row.price_fen), delivery_fee(canteen, f)),
        })
        .collect();
    Ok(MealSlot {
        id: row.id,
        canteen_id: row.canteen_id,
        date,
        meal: meal_kind(&row.meal)?,
        serve_from: db::local(row.serve_from, tz),
        serve_until: db::local(row.serve_until, tz),
        order_by: db::local(row.order_by, tz),
        cancel_by: db::local(row.cancel_by, tz),
        capacity: u32::try_from(row.capacity).unwrap_or(0),
        places_left,
        open: now < row.order_by && places_left > 0,
        dishes: dishes.into_iter().map(dish_view).collect::<Result<_>>()?,
        offers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diet_tags_round_trip_as_serde_spells_them_in_contract_order() {
        for t in DietTag::ALL {
            assert_eq!(serde_json::to_value(t).unwrap(), diet_tag_name(t));
        }
        assert_eq!(
            diet_tags(["halal", "soft", "halal"]).unwrap(),
            [DietTag::Soft, DietTag::Halal]
        );
        assert!(diet_tags(["spicy"]).is_err());
    }
}
