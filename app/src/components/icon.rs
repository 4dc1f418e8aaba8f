//! Line icons drawn inline (no icon font, no network), always beside words:
//! icons never carry meaning alone (UX.md). Drawn with `currentColor`, so they
//! share the text's contrast.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    Meals,
    DayCare,
    HomeVisit,
    Council,
    Bookings,
    Back,
    Speaker,
    /// Settings (the topbar's gear).
    Gear,
    /// Text size: a small and a large letter.
    TextSize,
    /// Colours: a circle half dark, half light.
    Contrast,
    SpeakerOff,
    /// Voice speed: a speedometer.
    Speed,
    /// Language: a globe.
    Globe,
    Check,
    Cross,
    Clock,
    Place,
    Delete,
    Touch,
    Help,
    Phone,
    SignOut,
    DineIn,
    Pickup,
    Delivery,
    DietSoft,
    DietLowSalt,
    DietLowSugar,
    DietLowFat,
    DietVegetarian,
    DietHalal,
    Star,
    Edit,
    Warning,
    Person,
    /// The three rating faces: drawn so they differ by shape (the mouth), not colour.
    FaceGood,
    FaceSoSo,
    FaceBad,
    /// Government-purchased service: a public building.
    Government,
    Shield,
    Coin,
    ThumbDown,
    More,
    Flag,
    Chat,
}

/// SVG path data on a 24×24 grid (circles written as two arcs).
fn paths(icon: IconKind) -> &'static [&'static str] {
    match icon {
        IconKind::Meals => &[
            "M3 11h18a9 9 0 0 1-18 0z",
            "M8 7c0-1.5 1-1.5 1-3M12 7c0-1.5 1-1.5 1-3M16 7c0-1.5 1-1.5 1-3",
        ],
        IconKind::DayCare => &[
            "M8 12a4 4 0 1 0 8 0a4 4 0 1 0-8 0",
            "M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4",
        ],
        IconKind::HomeVisit => &[
            "M3 11l9-8 9 8",
            "M5 10v10h14V10",
            "M12 17.5s-3-1.8-3-3.6a1.6 1.6 0 0 1 3-.8a1.6 1.6 0 0 1 3 .8c0 1.8-3 3.6-3 3.6z",
        ],
        IconKind::Council => &[
            "M5 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0",
            "M13 8a3 3 0 1 0 6 0a3 3 0 1 0-6 0",
            "M2 20c0-3.3 2.7-6 6-6s6 2.7 6 6M14.5 14.3c.8-.2 1.6-.3 2.5-.3c2.8 0 5 2.7 5 6",
        ],
        IconKind::Bookings => &[
            "M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z",
            "M3 10h18M8 3v4M16 3v4M9 15l2 2 4-4",
        ],
        IconKind::Back => &["M15 5l-7 7 7 7"],
        IconKind::Speaker => &[
            "M4 9v6h4l5 4V5L8 9z",
            "M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12",
        ],
        IconKind::Gear => &[
            "M9 12a3 3 0 1 0 6 0a3 3 0 1 0-6 0",
            "M10.3 3h3.4l.5 2.4 1.7 1 2.3-.8 1.7 2.9-1.8 1.6v2l1.8 1.6-1.7 2.9-2.3-.8-1.7 1-.5 2.4h-3.4l-.5-2.4-1.7-1-2.3.8-1.7-2.9 1.8-1.6v-2L3.9 8.5l1.7-2.9 2.3.8 1.7-1z",
        ],
        IconKind::TextSize => &["M2 20l5-13 5 13M4 15h6", "M14 20l3.5-9 3.5 9M15.2 17h4.6"],
        IconKind::Contrast => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M12 3v18M12 3a9 9 0 0 0 0 18M12 6h3M12 9h5M12 12h6M12 15h5M12 18h3",
        ],
        IconKind::SpeakerOff => &["M4 9v6h4l5 4V5L8 9z", "M16 9l6 6M22 9l-6 6"],
        IconKind::Speed => &[
            "M4 17a8 8 0 1 1 16 0",
            "M12 17l4-5",
            "M6.5 11.5l1 .8M12 9v1.2M17.5 11.5l-1 .8",
        ],
        IconKind::Globe => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M3 12h18M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9c-2.5-2.5-3.8-5.5-3.8-9S9.5 5.5 12 3z",
        ],
        IconKind::Check => &["M4 12l5 5L20 6"],
        IconKind::Cross => &["M6 6l12 12M18 6L6 18"],
        IconKind::Clock => &["M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0", "M12 7v5l3 2"],
        IconKind::Place => &[
            "M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z",
            "M9.5 10a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0",
        ],
        IconKind::Delete => &[
            "M9 5h11a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H9l-6-7z",
            "M12 9l6 6M18 9l-6 6",
        ],
        IconKind::Touch => &[
            "M9 11V5a1.5 1.5 0 0 1 3 0v6M12 10V8.5a1.5 1.5 0 0 1 3 0V11M15 10.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1a6 6 0 0 1-5-2.7L3.5 14a1.5 1.5 0 0 1 2.5-1.7L9 15",
        ],
        IconKind::Help => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01",
        ],
        IconKind::Phone => &[
            "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z",
        ],
        IconKind::SignOut => &["M10 4H5v16h5", "M14 8l4 4-4 4M18 12H9"],
        IconKind::DineIn => &[
            "M7 3v18M5 3v4a2 2 0 0 0 4 0V3",
            "M17 21V3c-2 0-3 2-3 5s1 4 3 4",
        ],
        IconKind::Pickup => &["M5 8h14l-1 13H6z", "M9 8V6a3 3 0 0 1 6 0v2"],
        IconKind::Delivery => &[
            "M2 6h12v10H2zM14 10h4l3 3v3h-7",
            "M5.2 17.5a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0-3.6 0M15.2 17.5a1.8 1.8 0 1 0 3.6 0a1.8 1.8 0 1 0-3.6 0",
        ],
        // A bowl with a spoon resting in it: food that needs little chewing.
        IconKind::DietSoft => &["M3 12h18a9 9 0 0 1-18 0z", "M15 3l-4 8"],
        // A salt shaker.
        IconKind::DietLowSalt => &[
            "M8 10h8l-1 11H9z",
            "M8 10a4 4 0 0 1 8 0",
            "M11 6.5v.01M13 6.5v.01M12 4.5v.01",
        ],
        // A sugar cube.
        IconKind::DietLowSugar => &["M4 8l8-4 8 4v8l-8 4-8-4z", "M4 8l8 4 8-4M12 12v8"],
        // A drop of oil.
        IconKind::DietLowFat => &["M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11z"],
        IconKind::DietVegetarian => &["M5 19C5 10 10 5 20 4c-1 10-6 15-15 15z", "M5 19l8-8"],
        IconKind::DietHalal => &["M15 3a9 9 0 1 0 6 15A7 7 0 0 1 15 3z"],
        IconKind::Star => {
            &["M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3l-5.5 2.9 1-6.2L3 9.6l6.2-.9z"]
        }
        IconKind::Edit => &["M4 20h4L19 9l-4-4L4 16z", "M13 7l4 4"],
        IconKind::Warning => &["M12 3l10 18H2z", "M12 10v5M12 18v.01"],
        IconKind::Person => &[
            "M8 7a4 4 0 1 0 8 0a4 4 0 1 0-8 0",
            "M4 21c0-4.4 3.6-8 8-8s8 3.6 8 8",
        ],
        IconKind::FaceGood => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M9 9v1.5M15 9v1.5",
            "M7.5 14c1.2 1.8 2.7 2.7 4.5 2.7s3.3-.9 4.5-2.7",
        ],
        IconKind::FaceSoSo => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M9 9v1.5M15 9v1.5",
            "M8 15.5h8",
        ],
        IconKind::FaceBad => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M9 9v1.5M15 9v1.5",
            "M7.5 17c1.2-1.8 2.7-2.7 4.5-2.7s3.3.9 4.5 2.7",
        ],
        IconKind::Government => &[
            "M3 21h18M5 21V11M9.7 21V11M14.3 21V11M19 21V11",
            "M2 11h20L12 4z",
        ],
        IconKind::Shield => &[
            "M12 3l8 3v6c0 4.6-3.4 8-8 9c-4.6-1-8-4.4-8-9V6z",
            "M9 12l2 2 4-4",
        ],
        IconKind::Coin => &[
            "M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0",
            "M9 7.5l3 4 3-4M12 11.5V17M9.5 12.5h5M9.5 15h5",
        ],
        IconKind::ThumbDown => &[
            "M3 4h4v10H3z",
            "M7 14l4 7c1.5 0 2.5-1 2.2-2.5L12.5 15H18a2 2 0 0 0 2-2.3l-1.2-7A2 2 0 0 0 16.8 4H7",
        ],
        IconKind::More => &[
            "M3.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0M17.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0",
        ],
        IconKind::Flag => &["M5 21V4", "M5 4h12l-2.5 4 2.5 4H5"],
        IconKind::Chat => &["M4 5h16v11H10l-6 4z", "M8 9h8M8 12h5"],
    }
}

/// A decorative icon: hidden from assistive technology, the words beside it carry the meaning.
#[component]
pub fn Icon(kind: IconKind) -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            {paths(kind).iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
