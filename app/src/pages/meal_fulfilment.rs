use leptos::prelude::*;
#[component]
pub fn MealFulfilment() -> impl IntoView { view! { <p>"todo"</p> } }
