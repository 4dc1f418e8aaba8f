use leptos::prelude::*;
#[component]
pub fn CancelBooking() -> impl IntoView { view! { <p>"todo"</p> } }
