//! Common phrases an elder can tap instead of typing: a tap writes the phrase into the
//! comment box, a second tap takes it out again. Which phrases are offered depends on the
//! service and the face (rating) or on what went wrong (complaint).

use api::{BookedService, ComplaintTopic, Lang, RatingFace};

use crate::i18n::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase {
    Tasty,
    Hot,
    OnTime,
    Kind,
    Caring,
    Fun,
    Careful,
    Clean,
    TooSalty,
    Cold,
    Late,
    Rude,
    Bored,
    Rushed,
    NotClean,
    NoShow,
    Impatient,
    Overcharged,
    PriceDiffers,
    NearFall,
    DoorOpen,
    CallMeBack,
}

impl Phrase {
    pub fn words(self, lang: Lang) -> String {
        match self {
            Phrase::Tasty => tr(lang, "phrase.tasty"),
            Phrase::Hot => tr(lang, "phrase.hot"),
            Phrase::OnTime => tr(lang, "phrase.on_time"),
            Phrase::Kind => tr(lang, "phrase.kind"),
            Phrase::Caring => tr(lang, "phrase.caring"),
            Phrase::Fun => tr(lang, "phrase.fun"),
            Phrase::Careful => tr(lang, "phrase.careful"),
            Phrase::Clean => tr(lang, "phrase.clean"),
            Phrase::TooSalty => tr(lang, "phrase.too_salty"),
            Phrase::Cold => tr(lang, "phrase.cold"),
            Phrase::Late => tr(lang, "phrase.late"),
            Phrase::Rude => tr(lang, "phrase.rude"),
            Phrase::Bored => tr(lang, "phrase.bored"),
            Phrase::Rushed => tr(lang, "phrase.rushed"),
            Phrase::NotClean => tr(lang, "phrase.not_clean"),
            Phrase::NoShow => tr(lang, "phrase.no_show"),
            Phrase::Impatient => tr(lang, "phrase.impatient"),
            Phrase::Overcharged => tr(lang, "phrase.overcharged"),
            Phrase::PriceDiffers => tr(lang, "phrase.price_differs"),
            Phrase::NearFall => tr(lang, "phrase.near_fall"),
            Phrase::DoorOpen => tr(lang, "phrase.door_open"),
            Phrase::CallMeBack => tr(lang, "phrase.call_me_back"),
        }
    }
}

/// Phrases for rating a service: praise for a good face, the usual complaints for a bad
/// one, two of each for so-so.
pub fn for_rating(service: &BookedService, face: RatingFace) -> Vec<Phrase> {
    use Phrase::*;
    let (good, bad) = match service {
        BookedService::Meal(_) => ([Tasty, Hot, OnTime, Kind], [TooSalty, Cold, Late, Rude]),
        BookedService::Daycare(_) => ([Caring, Fun, Kind, OnTime], [Rude, Bored, Late, Rushed]),
        BookedService::Visit(_) => (
            [OnTime, Kind, Careful, Clean],
            [Late, Rushed, NotClean, Rude],
        ),
    };
    match face {
        RatingFace::Good => good.to_vec(),
        RatingFace::SoSo => vec![good[0], good[1], bad[0], bad[1]],
        RatingFace::Bad => bad.to_vec(),
    }
}

/// Phrases for reporting a problem; every topic can ask for a call back.
pub fn for_topic(topic: ComplaintTopic) -> Vec<Phrase> {
    use Phrase::*;
    match topic {
        ComplaintTopic::Late => vec![Late, NoShow, CallMeBack],
        ComplaintTopic::Quality => vec![Cold, TooSalty, NotClean, CallMeBack],
        ComplaintTopic::Attitude => vec![Rude, Impatient, CallMeBack],
        ComplaintTopic::Price => vec![Overcharged, PriceDiffers, CallMeBack],
        ComplaintTopic::Safety => vec![NearFall, DoorOpen, CallMeBack],
        ComplaintTopic::Other => vec![CallMeBack],
    }
}

/// True when `phrase` is one of the pieces of `text` (as written by a chip).
pub fn has(text: &str, phrase: &str, sep: &str) -> bool {
    pieces(text, sep).any(|p| p == phrase)
}

fn pieces<'a>(text: &'a str, sep: &'a str) -> impl Iterator<Item = &'a str> {
    text.split(sep.trim())
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Writes `phrase` at the end of `text`, or takes it out if a chip already wrote it.
pub fn toggle(text: &str, phrase: &str, sep: &str) -> String {
    if has(text, phrase, sep) {
        return pieces(text, sep)
            .filter(|p| *p != phrase)
            .collect::<Vec<_>>()
            .join(sep);
    }
    let kept = text.trim_end();
    if kept.is_empty() {
        phrase.to_owned()
    } else if kept.ends_with(sep.trim()) {
        format!("{kept}{}{phrase}", &sep[sep.trim_end().len()..])
    } else {
        format!("{kept}{sep}{phrase}")
    }
}

/// What is sent: no stray control characters (a pasted tab), no surrounding space, and
/// nothing at all when nothing was written.
pub fn cleaned(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chip_writes_its_phrase_and_a_second_tap_takes_it_out() {
        let text = toggle("", "态度好", "，");
        assert_eq!(text, "态度好");
        let text = toggle(&text, "准时", "，");
        assert_eq!(text, "态度好，准时");
        assert!(has(&text, "准时", "，") && !has(&text, "准", "，"));
        assert_eq!(toggle(&text, "态度好", "，"), "准时");
        assert_eq!(toggle("On time", "Kind", ", "), "On time, Kind");
        assert_eq!(toggle("On time, ", "Kind", ", "), "On time, Kind");
        assert_eq!(toggle("On time, Kind", "On time", ", "), "Kind");
    }

    #[test]
    fn typed_words_stay_when_chips_come_and_go() {
        let text = toggle("师傅很好", "准时", "，");
        assert_eq!(text, "师傅很好，准时");
        assert_eq!(toggle(&text, "准时", "，"), "师傅很好");
        // A phrase the elder typed inside a sentence is not a chip's: tapping adds it.
        assert!(!has("他不准时来", "准时", "，"));
    }

    #[test]
    fn what_is_sent_is_trimmed_and_empty_is_nothing() {
        assert_eq!(cleaned("  \n "), None);
        assert_eq!(
            cleaned(" 饭菜可口\t很好 ").as_deref(),
            Some("饭菜可口 很好")
        );
        assert_eq!(cleaned("第一行\n第二行").as_deref(), Some("第一行\n第二行"));
    }

    #[test]
    fn phrases_fit_the_face_and_the_topic() {
        let meal = api::BookedService::Meal(api::MealBooking {
            slot_id: 1,
            canteen: Default::default(),
            address: Default::default(),
            hotline: String::new(),
            date: Default::default(),
            meal: api::MealKind::Lunch,
            fulfilment: api::Fulfilment::DineIn,
            serve_from: Default::default(),
            serve_until: Default::default(),
            dishes: Vec::new(),
            delivery_address: None,
        });
        assert!(for_rating(&meal, RatingFace::Good).contains(&Phrase::Tasty));
        assert!(for_rating(&meal, RatingFace::Bad).contains(&Phrase::TooSalty));
        assert!(!for_rating(&meal, RatingFace::Good).contains(&Phrase::TooSalty));
        assert_eq!(for_rating(&meal, RatingFace::SoSo).len(), 4);
        for topic in ComplaintTopic::ALL {
            assert!(for_topic(topic).contains(&Phrase::CallMeBack));
        }
    }
}
