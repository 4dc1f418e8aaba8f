use leptos::prelude::*;
#[component]
pub fn Bookings() -> impl IntoView { view! { <p>"todo"</p> } }
