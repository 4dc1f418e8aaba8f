//! What My bookings and a booking's own screen show, checked without a browser. The day
//! words ("今天", "明天") depend on the browser's clock, so the rows here take `today`.

use api::{
    BookedService, Booking, BookingStatus, DaycareBooking, Fen, Fulfilment, Lang, MealBooking,
    MealKind, PersonKind, PersonRef, PriceSplit, Rating, RatingFace, Text, VisitBooking,
    VisitStage,
};
use chrono::{DateTime, NaiveDate};

use super::facts;
use super::rows::rows_on;
use super::sections::sections;

fn person(id: i64, name: &str) -> PersonRef {
    PersonRef {
        id,
        name: name.into(),
        kind: PersonKind::Elder,
        relation: None,
    }
}

fn booking(id: i64, status: BookingStatus, day: u32, hour: u32) -> Booking {
    let at = DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00+08:00"))
        .unwrap_or_default();
    Booking {
        id,
        status,
        elder: person(1, "李建国"),
        booked_by: person(1, "李建国"),
        created_at: at,
        service: BookedService::Meal(MealBooking {
            slot_id: 1,
            canteen: Text::new("阳光长者食堂", "Sunshine Canteen"),
            address: Text::new("花园路 8 号", "8 Garden Road"),
            hotline: "010-6501 2345".into(),
            date: at.date_naive(),
            meal: MealKind::Lunch,
            fulfilment: Fulfilment::DineIn,
            serve_from: at,
            serve_until: at,
            dishes: vec![Text::new("米饭", "Rice")],
            delivery_address: None,
        }),
        price: PriceSplit {
            full_price: Fen(1500),
            subsidy: Fen(1000),
            you_pay: Fen(500),
            ..Default::default()
        },
        cancel_by: at,
        can_cancel: false,
        provider: Default::default(),
        rating: None,
        can_rate: false,
    }
}

fn visit(stage: VisitStage, worker: Option<&str>) -> BookedService {
    let at = DateTime::parse_from_rfc3339("2026-11-25T14:00:00+08:00").unwrap_or_default();
    BookedService::Visit(VisitBooking {
        service_id: 1,
        window_id: 2,
        service_kind: api::VisitKind::Cleaning,
        service: Text::new("助洁 · 居家保洁", "Home cleaning"),
        provider: Text::new("安心家政服务社", "Anxin Home Services"),
        hotline: "010-6501 3001".into(),
        date: at.date_naive(),
        starts_at: at,
        ends_at: at + chrono::Duration::hours(2),
        address: "阳光社区 3 号楼 101".into(),
        note: Some("到了请先打电话".into()),
        stage,
        worker: worker.map(Into::into),
    })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// (test id, value) of every row, for compact assertions.
fn shown(lang: Lang, b: &Booking) -> Vec<(&'static str, String)> {
    rows_on(lang, b, today())
        .into_iter()
        .map(|(_, value, id, _)| (id, value))
        .collect()
}

fn value(lang: Lang, b: &Booking, id: &str) -> Option<String> {
    shown(lang, b)
        .into_iter()
        .find(|(i, _)| *i == id)
        .map(|(_, v)| v)
}

#[test]
fn upcoming_is_grouped_by_day_soonest_first_and_past_is_most_recent_first() {
    let list = vec![
        booking(1, BookingStatus::Cancelled, 20, 11),
        booking(2, BookingStatus::Booked, 26, 11),
        booking(3, BookingStatus::Fulfilled, 22, 11),
        booking(4, BookingStatus::Booked, 24, 17),
        booking(5, BookingStatus::Pending, 24, 9),
        booking(6, BookingStatus::Noshow, 21, 11),
    ];
    let s = sections(list);
    let days: Vec<(u32, Vec<i64>)> = s
        .upcoming
        .iter()
        .map(|d| {
            use chrono::Datelike;
            (d.date.day(), d.bookings.iter().map(|b| b.id).collect())
        })
        .collect();
    assert_eq!(days, [(24, vec![5, 4]), (26, vec![2])]);
    assert_eq!(s.upcoming_count(), 3);
    let past: Vec<i64> = s.past.iter().map(|b| b.id).collect();
    assert_eq!(past, [3, 6, 1]);
    assert!(sections(Vec::new()).is_empty());
}

#[test]
fn under_a_day_heading_a_row_says_what_without_the_day() {
    let mut b = booking(1, BookingStatus::Booked, 24, 11);
    assert_eq!(facts::what(Lang::ZhCn, &b), "午餐");
    b.service = visit(VisitStage::Requested, None);
    assert_eq!(facts::what(Lang::ZhCn, &b), "上门服务 助洁");
    assert_eq!(facts::what(Lang::En, &b), "Home visit: Cleaning");
}

#[test]
fn a_home_visit_shows_its_stage_worker_note_and_provider() {
    let mut b = booking(7, BookingStatus::Booked, 25, 14);
    b.service = visit(VisitStage::Assigned, Some("赵师傅"));
    assert_eq!(
        value(Lang::ZhCn, &b, "visit-worker").as_deref(),
        Some("赵师傅")
    );
    assert_eq!(
        value(Lang::ZhCn, &b, "booking-status").as_deref(),
        Some("已安排服务人员")
    );
    assert_eq!(
        value(Lang::ZhCn, &b, "fact-note").as_deref(),
        Some("到了请先打电话")
    );
    assert_eq!(
        value(Lang::En, &b, "fact-provider").as_deref(),
        Some("Anxin Home Services")
    );
    assert_eq!(
        value(Lang::ZhCn, &b, "fact-when").as_deref(),
        Some("后天 11月25日 星期三 上门服务 助洁")
    );
    // Once the worker has set off, the words say to call rather than to cancel.
    b.service = visit(VisitStage::OnTheWay, Some("赵师傅"));
    let why = facts::why_not(Lang::ZhCn, &b).unwrap_or_default();
    assert!(
        why.contains("路上") && why.contains("010-6501 3001"),
        "{why}"
    );
}

#[test]
fn day_care_shows_its_centre_pick_up_and_transport_fee() {
    let mut b = booking(8, BookingStatus::Booked, 24, 8);
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
    b.price.delivery_fee = Fen(500);
    let rows = rows_on(Lang::ZhCn, &b, today());
    let fee = rows.iter().find(|r| r.2 == "fact-delivery-fee");
    assert_eq!(
        fee.map(|r| (r.0.as_str(), r.1.as_str())),
        Some(("接送费", "5.00元"))
    );
    assert_eq!(
        value(Lang::ZhCn, &b, "fact-transport").as_deref(),
        Some("中心派车接送")
    );
    assert_eq!(facts::what(Lang::ZhCn, &b), "日间照料 上午");
}

#[test]
fn the_rows_end_with_who_booked_what_the_elder_pays_and_the_rating() {
    let mut b = booking(9, BookingStatus::Fulfilled, 22, 11);
    b.booked_by = person(5, "李明");
    let rows = rows_on(Lang::ZhCn, &b, today());
    let pay = rows.iter().find(|r| r.2 == "fact-you-pay");
    assert_eq!(pay.map(|r| (r.1.as_str(), r.3)), Some(("5.00元", true)));
    assert_eq!(
        value(Lang::ZhCn, &b, "fact-booked-by").as_deref(),
        Some("李明")
    );
    assert_eq!(value(Lang::ZhCn, &b, "fact-rating"), None);
    assert_eq!(value(Lang::ZhCn, &b, "fact-cancel-by"), None);

    b.rating = Some(Rating {
        face: RatingFace::Good,
        comment: Some("饭菜可口".into()),
        rated_by: person(1, "李建国"),
        rated_at: b.created_at,
    });
    let rating = value(Lang::ZhCn, &b, "fact-rating").unwrap_or_default();
    assert!(
        rating.contains("满意") && rating.contains("饭菜可口"),
        "{rating}"
    );

    if let BookedService::Meal(m) = &mut b.service {
        m.fulfilment = Fulfilment::Delivery;
        m.delivery_address = Some("阳光社区 3 号楼 101".into());
    }
    assert_eq!(
        value(Lang::ZhCn, &b, "fact-delivery-address").as_deref(),
        Some("阳光社区 3 号楼 101")
    );
}
