use leptos::prelude::*;
#[component]
pub fn MealConfirm() -> impl IntoView { view! { <p>"todo"</p> } }
