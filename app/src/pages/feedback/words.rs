//! After a service, in words and icons: the three faces, what went wrong, and where a
//! complaint stands. Icons always sit beside these words, never instead of them.

use api::{ComplaintStatus, ComplaintTopic, Lang, RatingFace};

use crate::components::IconKind;
use crate::i18n::tr;

/// 满意 / 一般 / 不满意.
pub fn face(lang: Lang, face: RatingFace) -> String {
    match face {
        RatingFace::Good => tr(lang, "face.good"),
        RatingFace::SoSo => tr(lang, "face.so_so"),
        RatingFace::Bad => tr(lang, "face.bad"),
    }
}

pub fn face_icon(face: RatingFace) -> IconKind {
    match face {
        RatingFace::Good => IconKind::FaceGood,
        RatingFace::SoSo => IconKind::FaceSoSo,
        RatingFace::Bad => IconKind::FaceBad,
    }
}

/// A stable name for tests and CSS: `good`, `so-so`, `bad`.
pub fn face_slug(face: RatingFace) -> &'static str {
    match face {
        RatingFace::Good => "good",
        RatingFace::SoSo => "so-so",
        RatingFace::Bad => "bad",
    }
}

/// 来晚了 / 质量不好 / 态度不好 / 收费不对 / 不安全 / 其他问题.
pub fn topic(lang: Lang, topic: ComplaintTopic) -> String {
    match topic {
        ComplaintTopic::Late => tr(lang, "topic.late"),
        ComplaintTopic::Quality => tr(lang, "topic.quality"),
        ComplaintTopic::Attitude => tr(lang, "topic.attitude"),
        ComplaintTopic::Price => tr(lang, "topic.price"),
        ComplaintTopic::Safety => tr(lang, "topic.safety"),
        ComplaintTopic::Other => tr(lang, "topic.other"),
    }
}

pub fn topic_icon(topic: ComplaintTopic) -> IconKind {
    match topic {
        ComplaintTopic::Late => IconKind::Clock,
        ComplaintTopic::Quality => IconKind::ThumbDown,
        ComplaintTopic::Attitude => IconKind::Person,
        ComplaintTopic::Price => IconKind::Coin,
        ComplaintTopic::Safety => IconKind::Shield,
        ComplaintTopic::Other => IconKind::More,
    }
}

pub fn topic_slug(topic: ComplaintTopic) -> &'static str {
    match topic {
        ComplaintTopic::Late => "late",
        ComplaintTopic::Quality => "quality",
        ComplaintTopic::Attitude => "attitude",
        ComplaintTopic::Price => "price",
        ComplaintTopic::Safety => "safety",
        ComplaintTopic::Other => "other",
    }
}

/// 已收到 / 处理中 / 已解决.
pub fn complaint_status(lang: Lang, status: ComplaintStatus) -> String {
    match status {
        ComplaintStatus::Received => tr(lang, "complaint_status.received"),
        ComplaintStatus::InProgress => tr(lang, "complaint_status.in_progress"),
        ComplaintStatus::Resolved => tr(lang, "complaint_status.resolved"),
    }
}

pub fn complaint_status_icon(status: ComplaintStatus) -> IconKind {
    match status {
        ComplaintStatus::Received => IconKind::Chat,
        ComplaintStatus::InProgress => IconKind::Clock,
        ComplaintStatus::Resolved => IconKind::Check,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_face_topic_and_status_has_its_own_words_in_both_languages() {
        for lang in Lang::ALL {
            let faces: HashSet<_> = RatingFace::ALL.iter().map(|f| face(lang, *f)).collect();
            let topics: HashSet<_> = ComplaintTopic::ALL
                .iter()
                .map(|t| topic(lang, *t))
                .collect();
            let statuses: HashSet<_> = [
                ComplaintStatus::Received,
                ComplaintStatus::InProgress,
                ComplaintStatus::Resolved,
            ]
            .iter()
            .map(|s| complaint_status(lang, *s))
            .collect();
            assert_eq!((faces.len(), topics.len(), statuses.len()), (3, 6, 3));
            for text in faces.iter().chain(&topics).chain(&statuses) {
                assert!(!text.contains('.'), "untranslated: {text}");
            }
        }
        assert_eq!(face(Lang::ZhCn, RatingFace::Good), "满意");
        assert_eq!(
            complaint_status(Lang::ZhCn, ComplaintStatus::InProgress),
            "处理中"
        );
    }

    fn all_different(icons: &[IconKind]) -> bool {
        icons
            .iter()
            .enumerate()
            .all(|(i, a)| icons[i + 1..].iter().all(|b| b != a))
    }

    #[test]
    fn faces_differ_by_shape_and_topics_by_icon() {
        let faces: Vec<_> = RatingFace::ALL.iter().map(|f| face_icon(*f)).collect();
        assert!(all_different(&faces));
        let topics: Vec<_> = ComplaintTopic::ALL.iter().map(|t| topic_icon(*t)).collect();
        assert!(all_different(&topics));
    }
}
