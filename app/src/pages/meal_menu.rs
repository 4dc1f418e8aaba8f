//! A meal's dishes with their dietary tags. Dishes that suit the elder's standing needs
//! (from their profile: soft food, low salt…) are marked with a star and the words
//! "suits you", so the elder sees at a glance what is good for them.

use api::{DietTag, Dish};
use leptos::prelude::*;

use crate::components::{DietTags, Icon, IconKind};
use crate::i18n::use_i18n;

#[component]
pub fn MealMenu(dishes: Vec<Dish>, needs: Vec<DietTag>) -> impl IntoView {
    let i18n = use_i18n();
    (!dishes.is_empty()).then(|| {
        view! {
            <section class="menu" aria-labelledby="menu-heading">
                <h2 id="menu-heading">{move || i18n.t("menu.title")}</h2>
                <ul class="dishes">
                    {dishes
                        .into_iter()
                        .map(|dish| {
                            let suits = dish.suits(&needs);
                            let name = dish.name.clone();
                            view! {
                                <li class="dish" class:dish-suits=suits data-testid="dish" data-suits=suits.to_string()>
                                    <span class="dish-name">{move || name.get(i18n.lang()).to_owned()}</span>
                                    {suits.then(|| view! {
                                        <span class="dish-suits-mark">
                                            <Icon kind=IconKind::Star />
                                            {move || i18n.t("menu.suits_you")}
                                        </span>
                                    })}
                                    <DietTags tags=dish.tags />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The dishes of a meal that suit `needs`, for the voice ("适合您的有：清蒸鱼").
pub fn suiting<'a>(dishes: &'a [Dish], needs: &[DietTag]) -> Vec<&'a Dish> {
    dishes.iter().filter(|d| d.suits(needs)).collect()
}

#[cfg(test)]
mod tests {
    use api::Text;

    use super::*;

    #[test]
    fn only_dishes_with_a_needed_tag_suit() {
        let dishes = [
            Dish {
                name: Text::new("清蒸鱼", "Steamed fish"),
                tags: vec![DietTag::Soft, DietTag::LowSalt],
            },
            Dish {
                name: Text::new("红烧肉", "Braised pork"),
                tags: vec![],
            },
        ];
        let names: Vec<_> = suiting(&dishes, &[DietTag::LowSalt])
            .iter()
            .map(|d| d.name.zh.as_str())
            .collect();
        assert_eq!(names, ["清蒸鱼"]);
        assert!(suiting(&dishes, &[]).is_empty());
    }
}
