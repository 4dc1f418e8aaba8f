use leptos::prelude::*;
#[component]
pub fn MealBooked() -> impl IntoView { view! { <p>"todo"</p> } }
