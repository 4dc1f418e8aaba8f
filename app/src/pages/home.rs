use leptos::prelude::*;
#[component]
pub fn Home() -> impl IntoView { view! { <p>"todo"</p> } }
