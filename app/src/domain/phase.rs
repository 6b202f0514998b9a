//! The phases of a family's route through the chain (domain.md §2, §6.1).
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// The three kinds of date a phase can have (issue 20), each with its own wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineKind {
    /// A deadline set by law: "uiterlijk {date}".
    Legal,
    /// A norm or average: "meestal binnen …"; past it: "het duurt nu langer dan meestal".
    Norm,
    /// The end of a court order: "loopt tot {date}; de rechter kan verlengen".
    EndDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PhaseCode {
    VtMelding,
    VtBeoordeling,
    VtVoorwaarden,
    VtOnderzoek,
    LtHulp,
    VtMonitoring,
    RvdkTafel,
    RvdkWacht,
    RvdkOnderzoek,
    RechterZitting,
    GiVoorlopigeOts,
    GiOts,
    GiMuhp,
    GiVoogdij,
    Afgesloten,
}

impl PhaseCode {
    pub const ALL: [PhaseCode; 15] = [
        PhaseCode::VtMelding,
        PhaseCode::VtBeoordeling,
        PhaseCode::VtVoorwaarden,
        PhaseCode::VtOnderzoek,
        PhaseCode::LtHulp,
        PhaseCode::VtMonitoring,
        PhaseCode::RvdkTafel,
        PhaseCode::RvdkWacht,
        PhaseCode::RvdkOnderzoek,
        PhaseCode::RechterZitting,
        PhaseCode::GiVoorlopigeOts,
        PhaseCode::GiOts,
        PhaseCode::GiMuhp,
        PhaseCode::GiVoogdij,
        PhaseCode::Afgesloten,
    ];

    /// The code stored in the database (`phases.code`).
    pub fn code(self) -> &'static str {
        match self {
            PhaseCode::VtMelding => "VT_MELDING",
            PhaseCode::VtBeoordeling => "VT_BEOORDELING",
            PhaseCode::VtVoorwaarden => "VT_VOORWAARDEN",
            PhaseCode::VtOnderzoek => "VT_ONDERZOEK",
            PhaseCode::LtHulp => "LT_HULP",
            PhaseCode::VtMonitoring => "VT_MONITORING",
            PhaseCode::RvdkTafel => "RVDK_TAFEL",
            PhaseCode::RvdkWacht => "RVDK_WACHT",
            PhaseCode::RvdkOnderzoek => "RVDK_ONDERZOEK",
            PhaseCode::RechterZitting => "RECHTER_ZITTING",
            PhaseCode::GiVoorlopigeOts => "GI_VOORLOPIGE_OTS",
            PhaseCode::GiOts => "GI_OTS",
            PhaseCode::GiMuhp => "GI_MUHP",
            PhaseCode::GiVoogdij => "GI_VOOGDIJ",
            PhaseCode::Afgesloten => "AFGESLOTEN",
        }
    }

    pub fn parse(code: &str) -> Option<PhaseCode> {
        PhaseCode::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn name(self) -> Msg {
        match self {
            PhaseCode::VtMelding => Msg::PhaseVtMeldingName,
            PhaseCode::VtBeoordeling => Msg::PhaseVtBeoordelingName,
            PhaseCode::VtVoorwaarden => Msg::PhaseVtVoorwaardenName,
            PhaseCode::VtOnderzoek => Msg::PhaseVtOnderzoekName,
            PhaseCode::LtHulp => Msg::PhaseLtHulpName,
            PhaseCode::VtMonitoring => Msg::PhaseVtMonitoringName,
            PhaseCode::RvdkTafel => Msg::PhaseRvdkTafelName,
            PhaseCode::RvdkWacht => Msg::PhaseRvdkWachtName,
            PhaseCode::RvdkOnderzoek => Msg::PhaseRvdkOnderzoekName,
            PhaseCode::RechterZitting => Msg::PhaseRechterZittingName,
            PhaseCode::GiVoorlopigeOts => Msg::PhaseGiVoorlopigeOtsName,
            PhaseCode::GiOts => Msg::PhaseGiOtsName,
            PhaseCode::GiMuhp => Msg::PhaseGiMuhpName,
            PhaseCode::GiVoogdij => Msg::PhaseGiVoogdijName,
            PhaseCode::Afgesloten => Msg::PhaseAfgeslotenName,
        }
    }

    /// What happens in this phase, in plain words (B1).
    pub fn explanation(self) -> Msg {
        match self {
            PhaseCode::VtMelding => Msg::PhaseVtMeldingText,
            PhaseCode::VtBeoordeling => Msg::PhaseVtBeoordelingText,
            PhaseCode::VtVoorwaarden => Msg::PhaseVtVoorwaardenText,
            PhaseCode::VtOnderzoek => Msg::PhaseVtOnderzoekText,
            PhaseCode::LtHulp => Msg::PhaseLtHulpText,
            PhaseCode::VtMonitoring => Msg::PhaseVtMonitoringText,
            PhaseCode::RvdkTafel => Msg::PhaseRvdkTafelText,
            PhaseCode::RvdkWacht => Msg::PhaseRvdkWachtText,
            PhaseCode::RvdkOnderzoek => Msg::PhaseRvdkOnderzoekText,
            PhaseCode::RechterZitting => Msg::PhaseRechterZittingText,
            PhaseCode::GiVoorlopigeOts => Msg::PhaseGiVoorlopigeOtsText,
            PhaseCode::GiOts => Msg::PhaseGiOtsText,
            PhaseCode::GiMuhp => Msg::PhaseGiMuhpText,
            PhaseCode::GiVoogdij => Msg::PhaseGiVoogdijText,
            PhaseCode::Afgesloten => Msg::PhaseAfgeslotenText,
        }
    }

    /// What the date of this phase means, so that it is worded honestly: a legal deadline
    /// ("uiterlijk …"), a norm ("meestal binnen …") or the end of a court order ("loopt tot
    /// …; de rechter kan verlengen"). `None`: the phase has no date to show.
    pub fn deadline_kind(self) -> Option<DeadlineKind> {
        match self {
            // 5 working days comes from the Veilig Thuis quality framework; 10 weeks is the
            // LNVT norm, not a statute. Both are norms a family cannot hold anyone to.
            PhaseCode::VtBeoordeling | PhaseCode::VtOnderzoek | PhaseCode::VtMonitoring => {
                Some(DeadlineKind::Norm)
            }
            // The Raad: on average "ruim 5 weken" before the investigation starts, and no
            // statutory length for the investigation itself.
            PhaseCode::RvdkWacht | PhaseCode::RvdkOnderzoek => Some(DeadlineKind::Norm),
            // Court orders run until a date; only the judge extends or ends them.
            PhaseCode::GiVoorlopigeOts | PhaseCode::GiOts | PhaseCode::GiMuhp => {
                Some(DeadlineKind::EndDate)
            }
            _ => None,
        }
    }

    /// For a norm that Helder knows better than a stored date: the usual length in days.
    /// The Raad's wait is on average a little over five weeks (kinderbescherming.nl); a
    /// 10-day date made nearly every family read "this should have been done".
    pub fn norm_days(self) -> Option<i64> {
        match self {
            PhaseCode::RvdkWacht => Some(36),
            _ => None,
        }
    }

    /// After how many days of waiting a family may ask the Raad how things stand.
    pub fn ask_after_days(self) -> Option<i64> {
        match self {
            PhaseCode::RvdkWacht => Some(91),
            _ => None,
        }
    }

    /// A phase that may follow but is not certain: only a judge decides it. The praatplaat
    /// says so next to it.
    pub fn judge_decides(self) -> bool {
        matches!(
            self,
            PhaseCode::RechterZitting
                | PhaseCode::GiVoorlopigeOts
                | PhaseCode::GiOts
                | PhaseCode::GiMuhp
                | PhaseCode::GiVoogdij
        )
    }

    /// What the family can do now, in plain words (a young person gets the `_child`
    /// variant through `i18n::tj`).
    pub fn family_can(self) -> Msg {
        match self {
            PhaseCode::VtMelding | PhaseCode::VtBeoordeling => Msg::PhaseCanAskWhoReported,
            PhaseCode::RvdkOnderzoek | PhaseCode::VtOnderzoek => Msg::PhaseCanReactToReport,
            PhaseCode::RechterZitting => Msg::PhaseCanBeHeard,
            PhaseCode::GiOts | PhaseCode::GiVoorlopigeOts | PhaseCode::GiMuhp => {
                Msg::PhaseCanMakePlan
            }
            _ => Msg::PhaseCanAskQuestions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in PhaseCode::ALL {
            assert_eq!(PhaseCode::parse(p.code()), Some(p));
        }
        assert_eq!(PhaseCode::parse("NOPE"), None);
    }

    #[test]
    fn the_raads_wait_is_a_norm_and_court_orders_have_an_end_date() {
        assert_eq!(
            PhaseCode::RvdkWacht.deadline_kind(),
            Some(DeadlineKind::Norm)
        );
        assert!(PhaseCode::RvdkWacht.norm_days().unwrap() >= 35);
        assert_eq!(
            PhaseCode::GiOts.deadline_kind(),
            Some(DeadlineKind::EndDate)
        );
        assert!(PhaseCode::GiMuhp.judge_decides());
        assert!(!PhaseCode::LtHulp.judge_decides());
    }
}
