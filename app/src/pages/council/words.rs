//! Council meetings in words and icons: replies, votes, results, concerns and follow-ups.
//! Icons always sit beside these words, never instead of them.

use api::{
    ConcernStatus, ConcernTopic, FollowUpStatus, Lang, Meeting, Outcome, Reply, VoteChoice,
    VoteResult,
};

use crate::components::IconKind;
use crate::dates;
use crate::i18n::{join_sentences, tr, tr_with};

/// 线上参加 / 到场参加 / 不能来.
pub fn reply(lang: Lang, r: Reply) -> String {
    match r {
        Reply::Online => tr(lang, "council.reply_online"),
        Reply::InPerson => tr(lang, "council.reply_in_person"),
        Reply::Cannot => tr(lang, "council.reply_cannot"),
    }
}

pub fn reply_icon(r: Reply) -> IconKind {
    match r {
        Reply::Online => IconKind::Phone,
        Reply::InPerson => IconKind::Place,
        Reply::Cannot => IconKind::Cross,
    }
}

pub fn reply_slug(r: Reply) -> &'static str {
    match r {
        Reply::Online => "online",
        Reply::InPerson => "in-person",
        Reply::Cannot => "cannot",
    }
}

/// 赞成 / 反对 / 弃权.
pub fn choice(lang: Lang, c: VoteChoice) -> String {
    match c {
        VoteChoice::Yes => tr(lang, "council.vote_yes"),
        VoteChoice::No => tr(lang, "council.vote_no"),
        VoteChoice::Abstain => tr(lang, "council.vote_abstain"),
    }
}

pub fn choice_icon(c: VoteChoice) -> IconKind {
    match c {
        VoteChoice::Yes => IconKind::Check,
        VoteChoice::No => IconKind::Cross,
        VoteChoice::Abstain => IconKind::More,
    }
}

pub fn choice_slug(c: VoteChoice) -> &'static str {
    match c {
        VoteChoice::Yes => "yes",
        VoteChoice::No => "no",
        VoteChoice::Abstain => "abstain",
    }
}

/// "通过：赞成 3 票，反对 0 票，弃权 1 票".
pub fn result(lang: Lang, r: &VoteResult) -> String {
    let outcome = match r.outcome {
        Outcome::Carried => tr(lang, "council.carried"),
        Outcome::Rejected => tr(lang, "council.rejected"),
    };
    tr_with(
        lang,
        "council.result",
        &[
            ("outcome", &outcome),
            ("yes", &r.yes.to_string()),
            ("no", &r.no.to_string()),
            ("abstain", &r.abstain.to_string()),
        ],
    )
}

pub fn follow_up(lang: Lang, s: FollowUpStatus) -> String {
    match s {
        FollowUpStatus::Pending => tr(lang, "council.follow_pending"),
        FollowUpStatus::Scheduled => tr(lang, "council.follow_scheduled"),
        FollowUpStatus::InProgress => tr(lang, "council.follow_in_progress"),
        FollowUpStatus::Done => tr(lang, "council.follow_done"),
        FollowUpStatus::None => tr(lang, "council.follow_none"),
    }
}

/// A follow-up with what staff said of it: "已经安排：维修队下周一上午来".
pub fn follow_up_line(lang: Lang, f: &api::FollowUp) -> String {
    let status = follow_up(lang, f.status);
    match f.note.get(lang) {
        "" => status,
        note => tr_with(
            lang,
            "council.follow_note",
            &[("status", &status), ("note", note)],
        ),
    }
}

/// 安全 / 卫生 / 噪音 / 维修 / 服务 / 其他.
pub fn topic(lang: Lang, t: ConcernTopic) -> String {
    match t {
        ConcernTopic::Safety => tr(lang, "concern.safety"),
        ConcernTopic::Cleanliness => tr(lang, "concern.cleanliness"),
        ConcernTopic::Noise => tr(lang, "concern.noise"),
        ConcernTopic::Repairs => tr(lang, "concern.repairs"),
        ConcernTopic::Services => tr(lang, "concern.services"),
        ConcernTopic::Other => tr(lang, "concern.other"),
    }
}

pub fn topic_icon(t: ConcernTopic) -> IconKind {
    match t {
        ConcernTopic::Safety => IconKind::Shield,
        ConcernTopic::Cleanliness => IconKind::Delete,
        ConcernTopic::Noise => IconKind::Speaker,
        ConcernTopic::Repairs => IconKind::Edit,
        ConcernTopic::Services => IconKind::Person,
        ConcernTopic::Other => IconKind::More,
    }
}

pub fn topic_slug(t: ConcernTopic) -> &'static str {
    match t {
        ConcernTopic::Safety => "safety",
        ConcernTopic::Cleanliness => "cleanliness",
        ConcernTopic::Noise => "noise",
        ConcernTopic::Repairs => "repairs",
        ConcernTopic::Services => "services",
        ConcernTopic::Other => "other",
    }
}

pub fn concern_status(lang: Lang, s: ConcernStatus) -> String {
    match s {
        ConcernStatus::Received => tr(lang, "concern.status_received"),
        ConcernStatus::OnAgenda => tr(lang, "concern.status_on_agenda"),
        ConcernStatus::Handled => tr(lang, "concern.status_handled"),
        ConcernStatus::Declined => tr(lang, "concern.status_declined"),
    }
}

/// When and where, in one line: "明天 12月2日 星期三 14:00 至 15:00，社区活动室".
pub fn when_where(lang: Lang, m: &Meeting) -> String {
    let today = dates::today_for(&m.starts_at);
    let day = dates::day_label(lang, m.starts_at.date_naive(), today);
    let time = dates::time_range(lang, &m.starts_at, &m.ends_at);
    tr_with(
        lang,
        "council.when_where",
        &[("day", &day), ("time", &time), ("place", m.place.get(lang))],
    )
}

/// A meeting read aloud: whose, the topic, when and where, and the agenda.
pub fn spoken(lang: Lang, m: &Meeting) -> String {
    let mut parts = vec![
        tr_with(
            lang,
            "council.say_meeting",
            &[("scope", m.scope.get(lang)), ("topic", m.topic.get(lang))],
        ),
        when_where(lang, m),
    ];
    if !m.agenda.is_empty() {
        let items: Vec<String> = m
            .agenda
            .iter()
            .map(|a| {
                tr_with(
                    lang,
                    "council.agenda_item",
                    &[("n", &a.position.to_string()), ("title", a.title.get(lang))],
                )
            })
            .collect();
        parts.push(tr_with(
            lang,
            "council.say_agenda",
            &[("items", &items.join(tr(lang, "council.separator").as_str()))],
        ));
    }
    join_sentences(lang, &parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_says_the_outcome_and_every_count() {
        let r = VoteResult {
            yes: 3,
            no: 0,
            abstain: 1,
            present: 5,
            outcome: Outcome::Carried,
        };
        let zh = result(Lang::ZhCn, &r);
        assert!(zh.starts_with("通过"), "{zh}");
        assert!(
            zh.contains('3') && zh.contains('0') && zh.contains('1'),
            "{zh}"
        );
        let en = result(Lang::En, &r);
        assert!(en.starts_with("Carried"), "{en}");
    }

    #[test]
    fn every_choice_and_topic_has_words_in_both_languages() {
        for lang in Lang::ALL {
            for c in [VoteChoice::Yes, VoteChoice::No, VoteChoice::Abstain] {
                assert!(!choice(lang, c).is_empty());
            }
            for t in ConcernTopic::ALL {
                assert!(!topic(lang, t).is_empty());
            }
        }
    }
}
