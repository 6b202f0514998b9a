//! Helder's STEM-style feedback instrument: after a contact a family member rates the
//! collaboration on four 0–10 scales and may say what could be better.
//!
//! The four scales follow the alliance dimensions of domain.md §6.5 (heard and respected;
//! talked about what mattered; the way of working suits me; overall). The item texts are
//! Helder's own, in `locales/*.ftl`, in one wording for parents and one for young people;
//! they are not the wording of any licensed scale. The cut-offs are derived from the
//! session-rating literature (a total of 36 or less out of 40; a drop of 5 or more against the
//! same person's previous response) and are not validated for child protection: they say
//! "talk about this", nothing more.
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// A response with a total at or below this is flagged "low".
pub const LOW_TOTAL: u32 = 36;
/// A total this much below the same person's previous response is flagged "dropped".
pub const DROP: u32 = 5;
/// Feedback about a contact can be given this many days after it.
pub const WINDOW_DAYS: i64 = 14;
/// The instrument's code and version, as stored with each response.
pub const INSTRUMENT: &str = "helder-stem";
pub const INSTRUMENT_VERSION: i32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scale {
    /// I felt heard and treated with respect.
    Heard,
    /// We talked about what matters to me.
    Topics,
    /// The way we work together suits me.
    Approach,
    /// Overall, this contact was good for me.
    Overall,
}

/// Who answers: the wording differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Parent,
    YoungPerson,
}

impl Audience {
    pub fn code(self) -> &'static str {
        match self {
            Audience::Parent => "parent",
            Audience::YoungPerson => "young_person",
        }
    }

    pub fn parse(code: &str) -> Option<Audience> {
        [Audience::Parent, Audience::YoungPerson]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

impl Scale {
    pub const ALL: [Scale; 4] = [Scale::Heard, Scale::Topics, Scale::Approach, Scale::Overall];

    /// The item code (also the form field's name).
    pub fn code(self) -> &'static str {
        match self {
            Scale::Heard => "heard",
            Scale::Topics => "topics",
            Scale::Approach => "approach",
            Scale::Overall => "overall",
        }
    }

    pub fn parse(code: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The question, in the audience's wording.
    pub fn question(self, audience: Audience) -> Msg {
        match (self, audience) {
            (Scale::Heard, Audience::Parent) => Msg::FbHeardParent,
            (Scale::Topics, Audience::Parent) => Msg::FbTopicsParent,
            (Scale::Approach, Audience::Parent) => Msg::FbApproachParent,
            (Scale::Overall, Audience::Parent) => Msg::FbOverallParent,
            (Scale::Heard, Audience::YoungPerson) => Msg::FbHeardYoung,
            (Scale::Topics, Audience::YoungPerson) => Msg::FbTopicsYoung,
            (Scale::Approach, Audience::YoungPerson) => Msg::FbApproachYoung,
            (Scale::Overall, Audience::YoungPerson) => Msg::FbOverallYoung,
        }
    }

    /// What 0 and 10 mean.
    pub fn anchors(self) -> (Msg, Msg) {
        match self {
            Scale::Heard => (Msg::FbHeardLow, Msg::FbHeardHigh),
            Scale::Topics => (Msg::FbTopicsLow, Msg::FbTopicsHigh),
            Scale::Approach => (Msg::FbApproachLow, Msg::FbApproachHigh),
            Scale::Overall => (Msg::FbOverallLow, Msg::FbOverallHigh),
        }
    }

    /// A short name for tables and charts.
    pub fn short(self) -> Msg {
        match self {
            Scale::Heard => Msg::FbHeardShort,
            Scale::Topics => Msg::FbTopicsShort,
            Scale::Approach => Msg::FbApproachShort,
            Scale::Overall => Msg::FbOverallShort,
        }
    }
}

/// One score as typed: a whole number from 0 to 10, nothing else.
pub fn parse_score(raw: &str) -> Option<u8> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u8>().ok().filter(|n| *n <= 10)
}

/// The four scores of a complete response, in `Scale::ALL` order.
pub type Scores = [u8; 4];

pub fn total(scores: &Scores) -> u32 {
    scores.iter().map(|s| u32::from(*s)).sum()
}

/// Why a response asks for attention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// The total is at or below [`LOW_TOTAL`].
    pub low: bool,
    /// The total fell by [`DROP`] or more against the same person's previous response.
    pub dropped: bool,
}

impl Flags {
    pub fn of(scores: &Scores, previous: Option<&Scores>) -> Flags {
        let now = total(scores);
        Flags {
            low: now <= LOW_TOTAL,
            dropped: previous.is_some_and(|p| total(p) >= now + DROP),
        }
    }

    pub fn any(self) -> bool {
        self.low || self.dropped
    }
}

/// How a contact took place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactKind {
    Meeting,
    Call,
    HomeVisit,
    Video,
}

impl ContactKind {
    pub const ALL: [ContactKind; 4] = [
        ContactKind::Meeting,
        ContactKind::HomeVisit,
        ContactKind::Call,
        ContactKind::Video,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactKind::Meeting => "meeting",
            ContactKind::Call => "call",
            ContactKind::HomeVisit => "home_visit",
            ContactKind::Video => "video",
        }
    }

    pub fn parse(code: &str) -> Option<ContactKind> {
        ContactKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            ContactKind::Meeting => Msg::ContactMeeting,
            ContactKind::Call => Msg::ContactCall,
            ContactKind::HomeVisit => Msg::ContactHomeVisit,
            ContactKind::Video => Msg::ContactVideo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_whole_numbers_from_0_to_10() {
        assert_eq!(parse_score("0"), Some(0));
        assert_eq!(parse_score(" 10 "), Some(10));
        for bad in ["", "11", "-1", "5.5", "x", "100", "+3"] {
            assert_eq!(parse_score(bad), None, "{bad}");
        }
    }

    #[test]
    fn low_totals_and_drops_are_flagged() {
        assert_eq!(Flags::of(&[10, 9, 9, 9], None), Flags::default());
        assert!(Flags::of(&[9, 9, 9, 9], None).low, "36 is at the cut-off");
        let before = [10, 10, 10, 10];
        let f = Flags::of(&[9, 9, 9, 8], Some(&before));
        assert!(f.low && f.dropped, "40 → 35");
        let f = Flags::of(&[10, 10, 9, 8], Some(&before));
        assert!(!f.low && !f.dropped, "40 → 37: neither");
        assert!(
            Flags::of(&[10, 10, 9, 7], Some(&[10, 10, 10, 10])).low,
            "36"
        );
        assert!(!Flags::of(&[10, 10, 10, 10], Some(&[0, 0, 0, 0])).any());
    }

    #[test]
    fn codes_round_trip() {
        for s in Scale::ALL {
            assert_eq!(Scale::parse(s.code()), Some(s));
        }
        for k in ContactKind::ALL {
            assert_eq!(ContactKind::parse(k.code()), Some(k));
        }
    }
}
