//! Where a meal is delivered or a worker comes: the address on file, said and shown, with
//! "use another address" for this one booking. Changing it never leaves the confirm screen,
//! so nothing already chosen is lost (UX.md: never lose what was chosen).

use api::{ApiError, ElderProfile, validate};
use leptos::prelude::*;

use crate::components::{BigButton, ButtonKind, IconKind, Notice, TextBox};
use crate::i18n::use_i18n;
use crate::offline::reader::Reader;
use crate::speech;
use crate::state::MealsCtx;

/// The elder's profile, from memory or the platform or its cache (once per sign-in and elder).
pub async fn load_profile(
    reader: &Reader,
    meals: MealsCtx,
    elder_id: i64,
) -> Result<ElderProfile, ApiError> {
    if let Some(p) = meals
        .profile
        .get_untracked()
        .filter(|p| p.person.id == elder_id)
    {
        return Ok(p);
    }
    let profile = reader.profile().await?;
    meals.profile.set(Some(profile.clone()));
    Ok(profile)
}

/// The address a booking goes to: `chosen` is `None` for the one on file, or the address
/// typed for this booking. `heading` names it ("送到哪里" for meals, "上门地址" for visits).
#[component]
pub fn AddressChoice(
    on_file: Option<String>,
    chosen: RwSignal<Option<String>>,
    #[prop(into)] heading: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_file = on_file.is_some();
    let on_file = StoredValue::new(on_file);
    // Nothing on file: the box is open from the start.
    let editing = RwSignal::new(!has_file);
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let current = move || chosen.get().or_else(|| on_file.get_value());

    let open = move || {
        draft.set(current().unwrap_or_default());
        problem.set(None);
        editing.set(true);
        speech::speak(&i18n.t("address.say_edit"), i18n.lang_untracked());
    };
    let save = move || {
        let typed = draft.get_untracked().trim().to_owned();
        if validate::delivery_address(Some(&typed)).is_empty() {
            let same_as_file = on_file.with_value(|f| f.as_deref() == Some(typed.as_str()));
            chosen.set((!same_as_file).then_some(typed.clone()));
            editing.set(false);
            problem.set(None);
            let said = i18n.t_with("address.say_saved", &[("address", &typed)]);
            speech::speak(&said, i18n.lang_untracked());
        } else {
            problem.set(Some(i18n.t("address.invalid")));
        }
    };
    let keep = move || {
        problem.set(None);
        editing.set(false);
    };
    view! {
        <section class="address-choice" aria-labelledby="address-heading">
            <h2 id="address-heading">{move || heading.get()}</h2>
            {move || match current() {
                Some(address) => view! { <p class="address" data-testid="address-shown">{address}</p> }.into_any(),
                None => view! { <p class="address address-missing">{move || i18n.t("address.none_on_file")}</p> }.into_any(),
            }}
            {move || match editing.get() {
                false => view! {
                    <BigButton
                        label=move || i18n.t("address.change")
                        icon=IconKind::Edit
                        kind=ButtonKind::Secondary
                        on_press=open
                        testid="change-address"
                    />
                }
                .into_any(),
                true => view! {
                    <TextBox
                        id="address-input"
                        label=Signal::derive(move || i18n.t("address.label"))
                        value=draft
                        max=validate::ADDRESS_MAX
                        autocomplete="street-address"
                    />
                    <Notice message=Signal::derive(move || problem.get()) />
                    <div class="actions">
                        <BigButton
                            label=move || i18n.t("address.use")
                            icon=IconKind::Check
                            on_press=save
                            testid="save-address"
                        />
                        {has_file.then(|| view! {
                            <BigButton
                                label=move || i18n.t("address.keep")
                                kind=ButtonKind::Secondary
                                on_press=keep
                            />
                        })}
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
