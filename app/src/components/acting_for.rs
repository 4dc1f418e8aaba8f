//! The banner a family member sees on every screen while acting for an elder (UX.md, Family
//! on behalf): "为 王秀英（妈妈）预约". It is one big button: with two elders it switches to
//! the other in one tap; with more, it opens the picker.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::state::{MealsCtx, SessionCtx, live_links};

#[component]
pub fn ActingForBanner() -> impl IntoView {
    let i18n = use_i18n();
    // Absent in component tests that mount a screen alone.
    let session = use_context::<SessionCtx>();
    let meals = use_context::<MealsCtx>();
    let navigate = use_navigate();
    move || {
        let s = session?.get().filter(|s| s.is_family() && s.has_elder())?;
        let lang = i18n.lang();
        let label = i18n.t_with("family.banner", &[("elder", &s.elder_label(lang))]);
        let others: Vec<_> = live_links(&s.links)
            .filter(|l| l.elder.id != s.elder.id)
            .cloned()
            .collect();
        let (detail, switch_to) = match others.as_slice() {
            [other] => (
                i18n.t_with("family.switch_to", &[("elder", &other.elder.name)]),
                Some(other.elder.clone()),
            ),
            _ => (i18n.t("family.switch"), None),
        };
        let navigate = navigate.clone();
        let press = move |_| match &switch_to {
            Some(elder) => {
                if let Some(meals) = meals {
                    meals.clear();
                }
                if let Some(session) = session {
                    session.act_for(elder.clone());
                }
                navigate("/home", Default::default());
            }
            None => navigate("/family/elders", Default::default()),
        };
        Some(view! {
            <button type="button" class="acting-for" data-testid="acting-for" on:click=press>
                <Icon kind=IconKind::Person />
                <span class="btn-text">
                    <span class="btn-label">{label}</span>
                    <span class="btn-detail">{detail}</span>
                </span>
            </button>
        })
    }
}
