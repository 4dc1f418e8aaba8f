//! Dietary tags (软烂, 低盐…) as icon + word chips: never colour or icon alone (UX.md).

use api::DietTag;
use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::words;

pub fn diet_icon(tag: DietTag) -> IconKind {
    match tag {
        DietTag::Soft => IconKind::DietSoft,
        DietTag::LowSalt => IconKind::DietLowSalt,
        DietTag::LowSugar => IconKind::DietLowSugar,
        DietTag::LowFat => IconKind::DietLowFat,
        DietTag::Vegetarian => IconKind::DietVegetarian,
        DietTag::Halal => IconKind::DietHalal,
    }
}

#[component]
pub fn DietTags(tags: Vec<DietTag>) -> impl IntoView {
    let i18n = use_i18n();
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="diet-tags">
                {tags
                    .into_iter()
                    .map(|tag| {
                        view! {
                            <li class="diet-tag">
                                <Icon kind=diet_icon(tag) />
                                <span>{move || words::diet(i18n.lang(), tag)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
