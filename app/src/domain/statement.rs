//! The kinds of statement in a report (domain.md §6.3): what was seen, what someone else
//! said, what the professional concludes, the family's own views, and decisions — so facts
//! and opinions never read as the same thing.
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatementKind {
    /// Something the professional saw or established (with date and observer).
    Fact,
    /// What an informant (school, GP, …) said; always names the informant.
    Informant,
    /// The professional's assessment; shows the statements it rests on.
    Assessment,
    ParentView,
    ChildView,
    Decision,
}

impl StatementKind {
    pub const ALL: [StatementKind; 6] = [
        StatementKind::Fact,
        StatementKind::Informant,
        StatementKind::Assessment,
        StatementKind::ParentView,
        StatementKind::ChildView,
        StatementKind::Decision,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatementKind::Fact => "feit_waarneming",
            StatementKind::Informant => "bron_informatie",
            StatementKind::Assessment => "oordeel_professional",
            StatementKind::ParentView => "visie_ouder",
            StatementKind::ChildView => "visie_kind",
            StatementKind::Decision => "besluit",
        }
    }

    pub fn parse(code: &str) -> Option<StatementKind> {
        StatementKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The label on the statement ("Feit", "Oordeel van de hulpverlener", …).
    pub fn label(self) -> Msg {
        match self {
            StatementKind::Fact => Msg::KindFact,
            StatementKind::Informant => Msg::KindInformant,
            StatementKind::Assessment => Msg::KindAssessment,
            StatementKind::ParentView => Msg::KindParentView,
            StatementKind::ChildView => Msg::KindChildView,
            StatementKind::Decision => Msg::KindDecision,
        }
    }

    /// One line on what the label means, for the legend.
    pub fn meaning(self) -> Msg {
        match self {
            StatementKind::Fact => Msg::KindFactMeaning,
            StatementKind::Informant => Msg::KindInformantMeaning,
            StatementKind::Assessment => Msg::KindAssessmentMeaning,
            StatementKind::ParentView => Msg::KindParentViewMeaning,
            StatementKind::ChildView => Msg::KindChildViewMeaning,
            StatementKind::Decision => Msg::KindDecisionMeaning,
        }
    }

    /// CSS class for the label's colour (each kind also has its own text, never colour alone).
    pub fn css(self) -> &'static str {
        match self {
            StatementKind::Fact => "kind-fact",
            StatementKind::Informant => "kind-informant",
            StatementKind::Assessment => "kind-assessment",
            StatementKind::ParentView | StatementKind::ChildView => "kind-view",
            StatementKind::Decision => "kind-decision",
        }
    }
}

/// What a family member can ask with "dit klopt niet".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionKind {
    /// Something is not true.
    Wrong,
    /// Something is missing.
    Missing,
    /// Something should be taken out.
    Remove,
}

impl CorrectionKind {
    pub const ALL: [CorrectionKind; 3] = [
        CorrectionKind::Wrong,
        CorrectionKind::Missing,
        CorrectionKind::Remove,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CorrectionKind::Wrong => "feitelijke_onjuistheid",
            CorrectionKind::Missing => "aanvulling",
            CorrectionKind::Remove => "verwijdering",
        }
    }

    pub fn parse(code: &str) -> Option<CorrectionKind> {
        CorrectionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            CorrectionKind::Wrong => Msg::CorrectionKindWrong,
            CorrectionKind::Missing => Msg::CorrectionKindMissing,
            CorrectionKind::Remove => Msg::CorrectionKindRemove,
        }
    }
}

/// A correction request ("dit klopt niet") and where it stands, as the family's report page
/// and the professional's inbox both show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub kind: CorrectionKind,
    pub reason: String,
    pub proposed: Option<String>,
    pub status: CorrectionStatus,
    pub filed: NaiveDate,
    pub due: NaiveDate,
    pub decided: Option<NaiveDate>,
    pub decision: Option<String>,
}

impl Correction {
    /// Not decided yet (the inbox's open requests).
    pub fn open(&self) -> bool {
        self.status.is_open()
    }
}

/// Where a report stands (`reports.status`). Serialised as its database code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportStatus {
    /// Written, not yet shown for a reaction.
    #[serde(rename = "concept")]
    Concept,
    /// The family may react until the reaction date.
    #[serde(rename = "reactietermijn")]
    ReactionPeriod,
    #[serde(rename = "definitief")]
    Final,
}

impl ReportStatus {
    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Concept => "concept",
            ReportStatus::ReactionPeriod => "reactietermijn",
            ReportStatus::Final => "definitief",
        }
    }

    /// The status behind a database code (a CHECK constraint allows only these). An unknown
    /// code reads as a concept: never as final.
    pub fn from_code(code: &str) -> ReportStatus {
        match code {
            "reactietermijn" => ReportStatus::ReactionPeriod,
            "definitief" => ReportStatus::Final,
            _ => ReportStatus::Concept,
        }
    }
}

/// Where a correction request stands (`correction_requests.status`). Serialised as its
/// database code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionStatus {
    #[serde(rename = "ingediend")]
    Filed,
    #[serde(rename = "in_behandeling")]
    InProgress,
    #[serde(rename = "toegekend")]
    Accepted,
    #[serde(rename = "afgewezen")]
    Declined,
    #[serde(rename = "bezwaar")]
    Objection,
}

impl CorrectionStatus {
    pub const ALL: [CorrectionStatus; 5] = [
        CorrectionStatus::Filed,
        CorrectionStatus::InProgress,
        CorrectionStatus::Accepted,
        CorrectionStatus::Declined,
        CorrectionStatus::Objection,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CorrectionStatus::Filed => "ingediend",
            CorrectionStatus::InProgress => "in_behandeling",
            CorrectionStatus::Accepted => "toegekend",
            CorrectionStatus::Declined => "afgewezen",
            CorrectionStatus::Objection => "bezwaar",
        }
    }

    /// The status behind a database code (a CHECK constraint allows only these). An unknown
    /// code reads as still open: a request is never shown as decided by mistake.
    pub fn from_code(code: &str) -> CorrectionStatus {
        CorrectionStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or(CorrectionStatus::Filed)
    }

    /// Still waiting for a decision.
    pub fn is_open(self) -> bool {
        matches!(self, CorrectionStatus::Filed | CorrectionStatus::InProgress)
    }

    pub fn label(self) -> Msg {
        match self {
            CorrectionStatus::Filed => Msg::CorrectionStatusFiled,
            CorrectionStatus::InProgress => Msg::CorrectionStatusInProgress,
            CorrectionStatus::Accepted => Msg::CorrectionStatusAccepted,
            CorrectionStatus::Declined => Msg::CorrectionStatusDeclined,
            CorrectionStatus::Objection => Msg::CorrectionStatusObjection,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in StatementKind::ALL {
            assert_eq!(StatementKind::parse(k.code()), Some(k));
        }
        for k in CorrectionKind::ALL {
            assert_eq!(CorrectionKind::parse(k.code()), Some(k));
        }
        assert_eq!(StatementKind::parse("mening"), None);
        for s in CorrectionStatus::ALL {
            assert_eq!(CorrectionStatus::from_code(s.code()), s);
            // The JSON a script client sees is the database code.
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        for s in [
            ReportStatus::Concept,
            ReportStatus::ReactionPeriod,
            ReportStatus::Final,
        ] {
            assert_eq!(ReportStatus::from_code(s.code()), s);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        assert_eq!(
            CorrectionStatus::from_code("onbekend"),
            CorrectionStatus::Filed
        );
        assert_eq!(ReportStatus::from_code("onbekend"), ReportStatus::Concept);
    }
}
