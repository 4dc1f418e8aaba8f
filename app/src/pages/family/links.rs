//! `/my-family`: the elder's family links (docs/family.md, Links): who, their masked phone,
//! who they are to the elder, what they may do and until when. Revoking is one tap and a
//! confirm that says what happens; renewing shows from a month before the end. From here the
//! elder makes a link code and sees who acted for them.

use api::{FamilyLink, Lang, LinkStatus};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::permission_words;
use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen, Tone};
use crate::dates;
use crate::i18n::{I18n, tr_with, use_i18n};
use crate::keys;
use crate::pages::{LoadProblem, use_explainer};
use crate::state::{SessionCtx, use_session};
use crate::words;

/// True for an elder signed in as themself: only they (or staff) manage their links.
pub fn is_elder_self(session: &SessionCtx) -> bool {
    session
        .get_untracked()
        .is_some_and(|s| s.me.person.kind == api::PersonKind::Elder && !s.is_on_behalf())
}

/// "2027年11月24日" / "24 November 2027".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    // Far from today, so the label is the plain date; the year is added.
    let far = date - Duration::days(30);
    let day = dates::day_label(lang, date, far);
    tr_with(
        lang,
        "family.date",
        &[("year", &date.year().to_string()), ("date", &day)],
    )
}

/// Renewal is offered from a month before the end, and after it.
fn may_renew(link: &FamilyLink) -> bool {
    let today = dates::today_for(&link.expires_at);
    link.status == LinkStatus::Expired || link.expires_at.date_naive() - today <= Duration::days(31)
}

fn who(lang: Lang, l: &FamilyLink) -> String {
    words::name_with(
        lang,
        &l.family.name,
        Some(&words::relation(lang, &l.relation)),
    )
}

fn link_words(i18n: I18n, l: &FamilyLink) -> String {
    let lang = i18n.lang();
    let until = long_date(lang, l.expires_at.date_naive());
    let when = match l.status {
        LinkStatus::Expired => tr_with(lang, "family.link_expired", &[("date", &until)]),
        _ => tr_with(lang, "family.link_until", &[("date", &until)]),
    };
    format!("{} {when}", permission_words(i18n, l.permissions))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Revoke,
    Renew,
}

#[component]
pub fn MyFamily() -> impl IntoView {
    let session = use_session();
    if !is_elder_self(&session) {
        return view! { <Redirect path="/home" /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let confirming = RwSignal::new(None::<i64>);
    let done = RwSignal::new(None::<(Change, String)>);
    let trouble = RwSignal::new(None::<api::ApiError>);

    let links = LocalResource::new(move || {
        let client = session.client();
        async move {
            let all = client.links().await?;
            // Revoked links are history ("who acted for me" keeps it), not something to manage.
            Ok::<_, api::ApiError>(
                all.into_iter()
                    .filter(|l| l.status != LinkStatus::Revoked)
                    .collect::<Vec<_>>(),
            )
        }
    });
    let change = Action::new_local(move |(change, link): &(Change, FamilyLink)| {
        let client = session.client();
        let (change, link) = (*change, link.clone());
        async move {
            let key = keys::idempotency_key();
            let result = match change {
                Change::Revoke => client.revoke_link(link.id, &key).await,
                Change::Renew => client.renew_link(link.id, &key).await,
            };
            confirming.set(None);
            match result {
                Ok(_) => {
                    trouble.set(None);
                    done.set(Some((change, link.family.name.clone())));
                    links.refetch();
                }
                Err(err) => trouble.set(Some(err)),
            }
        }
    });

    let problem = Signal::derive(move || trouble.get().map(|err| explainer.explain(&err)));
    let result = Signal::derive(move || {
        done.get().map(|(c, name)| match c {
            Change::Revoke => i18n.t_with("family.revoked", &[("name", &name)]),
            Change::Renew => i18n.t_with("family.renewed", &[("name", &name)]),
        })
    });
    let title = move || i18n.t("family.my_family_title");
    let say = move || match links.get() {
        Some(Ok(list)) if list.is_empty() => format!("{} {}", title(), i18n.t("family.no_links")),
        Some(Ok(list)) => {
            let people: Vec<String> = list.iter().map(|l| who(i18n.lang(), l)).collect();
            let sep = i18n.t("family.list_separator");
            i18n.t_with("family.my_family_say", &[("people", &people.join(&sep))])
        }
        _ => title(),
    };
    let to_code = navigate.clone();
    let to_activity = navigate.clone();

    let row = move |l: FamilyLink| {
        let id = l.id;
        let who_text = who(i18n.lang_untracked(), &l);
        let name = l.family.name.clone();
        let l_words = l.clone();
        let l_revoke = l.clone();
        let l_renew = l.clone();
        let renewable = may_renew(&l);
        view! {
            <li class="family-link" data-testid="family-link">
                <p class="family-link-who">{who_text}</p>
                <p class="family-link-phone">{l.family_phone.clone()}</p>
                <p class="family-link-may">{move || link_words(i18n, &l_words)}</p>
                {move || if confirming.get() == Some(id) {
                    let l_revoke = l_revoke.clone();
                    let name = name.clone();
                    view! {
                        <p class="lead" data-testid="revoke-confirm">
                            {move || i18n.t_with("family.revoke_confirm", &[("name", &name)])}
                        </p>
                        <div class="actions">
                            <BigButton
                                label=move || i18n.t("family.revoke_yes")
                                kind=ButtonKind::Danger
                                icon=IconKind::Cross
                                on_press=move || { change.dispatch_local((Change::Revoke, l_revoke.clone())); }
                                disabled=change.pending()
                                testid="revoke-yes"
                            />
                            <BigButton
                                label=move || i18n.t("family.revoke_no")
                                kind=ButtonKind::Secondary
                                on_press=move || confirming.set(None)
                            />
                        </div>
                    }
                    .into_any()
                } else {
                    let l_renew = l_renew.clone();
                    view! {
                        <div class="actions">
                            <BigButton
                                label=move || i18n.t("family.revoke")
                                kind=ButtonKind::Danger
                                icon=IconKind::Cross
                                on_press=move || {
                                    done.set(None);
                                    confirming.set(Some(id));
                                }
                                testid="revoke"
                            />
                            {renewable.then(|| view! {
                                <BigButton
                                    label=move || i18n.t("family.renew")
                                    kind=ButtonKind::Secondary
                                    on_press=move || { change.dispatch_local((Change::Renew, l_renew.clone())); }
                                    testid="renew"
                                />
                            })}
                        </div>
                    }
                    .into_any()
                }}
            </li>
        }
    };

    view! {
        <Screen title say back="/home" class="my-family">
            <Notice message=problem />
            <Notice message=result tone=Tone::Success />
            <div class="actions">
                <BigButton
                    label=move || i18n.t("family.make_code")
                    icon=IconKind::Person
                    on_press=move || to_code("/my-family/code", Default::default())
                    testid="make-link-code"
                />
                <BigButton
                    label=move || i18n.t("family.activity_title")
                    kind=ButtonKind::Secondary
                    icon=IconKind::Bookings
                    on_press=move || to_activity("/my-family/activity", Default::default())
                    testid="to-activity"
                />
            </div>
            {move || match links.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || links.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="lead">{move || i18n.t("family.no_links")}</p>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="family-links">{list.into_iter().map(row).collect_view()}</ul>
                }
                .into_any(),
            }}
        </Screen>
    }
    .into_any()
}
