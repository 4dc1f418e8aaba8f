use leptos::prelude::*;
#[component]
pub fn MealSlots() -> impl IntoView { view! { <p>"todo"</p> } }
