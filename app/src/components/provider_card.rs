//! Who runs a service and answers for it (`api::ProviderCard`): the organisation, the
//! community committee (居委会) that supervises it, where the money comes from, and the
//! number to call as one big `tel:` link. A government-purchased service (政府购买服务) says
//! so with an icon and words, never with colour alone (UX.md).

use api::{Lang, ProviderCard as Card};
use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::{join_sentences, tr, tr_with, use_i18n};

/// `tel:` and the number's digits (a leading `+` kept): phones dial it, screen readers read
/// the visible number beside it.
pub fn tel_href(hotline: &str) -> String {
    let dial: String = hotline
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{dial}")
}

/// The card as sentences for the voice.
pub fn say_provider(lang: Lang, card: &Card) -> String {
    let mut parts = vec![tr_with(
        lang,
        "provider.say",
        &[
            ("organisation", card.organisation.get(lang)),
            ("committee", card.committee.get(lang)),
            ("hotline", &card.hotline),
        ],
    )];
    if card.government_purchased {
        parts.push(tr(lang, "provider.say_government"));
    }
    join_sentences(lang, &parts)
}

#[component]
pub fn ProviderCard(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let Card {
        organisation,
        committee,
        hotline,
        funding,
        government_purchased,
    } = card;
    let href = tel_href(&hotline);
    let fact = move |label: Signal<String>, value: api::Text, testid: &'static str| {
        view! {
            <div class="fact" data-testid=testid>
                <dt>{move || label.get()}</dt>
                <dd>{move || value.get(i18n.lang()).to_owned()}</dd>
            </div>
        }
    };
    view! {
        <section class="provider-card" aria-labelledby="provider-card-title" data-testid="provider-card">
            <h2 id="provider-card-title">{move || i18n.t("provider.title")}</h2>
            {government_purchased.then(|| view! {
                <p class="badge-government" data-testid="government-badge">
                    <Icon kind=IconKind::Government />
                    <span>{move || i18n.t("provider.government_purchased")}</span>
                </p>
            })}
            <dl class="facts">
                {fact(Signal::derive(move || i18n.t("provider.organisation")), organisation, "provider-organisation")}
                {fact(Signal::derive(move || i18n.t("provider.committee")), committee, "provider-committee")}
                {fact(Signal::derive(move || i18n.t("provider.funding")), funding, "provider-funding")}
            </dl>
            <a class="btn btn-secondary btn-call" href=href data-testid="provider-hotline">
                <Icon kind=IconKind::Phone />
                <span class="btn-text">
                    <span class="btn-label">{move || i18n.t("provider.call")}</span>
                    <span class="btn-detail">{hotline}</span>
                </span>
            </a>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::Text;

    #[test]
    fn hotlines_become_dialable_links() {
        assert_eq!(tel_href("010-6501 3001"), "tel:01065013001");
        assert_eq!(tel_href("+86 10 6501 3001"), "tel:+861065013001");
        assert_eq!(tel_href("12345"), "tel:12345");
    }

    #[test]
    fn the_voice_names_who_runs_it_and_says_when_the_government_pays() {
        let mut card = Card {
            organisation: Text::new("安心家政服务社", "Anxin Home Services"),
            committee: Text::new("阳光社区居委会", "Sunshine Community Committee"),
            hotline: "010-6501 3001".into(),
            funding: Text::new("政府购买服务", "Government-purchased service"),
            government_purchased: true,
        };
        let zh = say_provider(Lang::ZhCn, &card);
        assert!(
            zh.contains("安心家政服务社") && zh.contains("阳光社区居委会"),
            "{zh}"
        );
        assert!(
            zh.contains("010-6501 3001") && zh.contains("政府购买"),
            "{zh}"
        );
        card.government_purchased = false;
        let en = say_provider(Lang::En, &card);
        assert!(
            en.contains("Anxin Home Services") && !en.contains("government"),
            "{en}"
        );
    }
}
