//! The phases of a family's route through the chain (domain.md §2, §6.1).
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

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

    /// What happens in this phase, in words for a young person (12–17).
    pub fn explanation_child(self) -> Msg {
        match self {
            PhaseCode::VtMelding => Msg::PhaseVtMeldingChild,
            PhaseCode::VtBeoordeling => Msg::PhaseVtBeoordelingChild,
            PhaseCode::VtVoorwaarden => Msg::PhaseVtVoorwaardenChild,
            PhaseCode::VtOnderzoek => Msg::PhaseVtOnderzoekChild,
            PhaseCode::LtHulp => Msg::PhaseLtHulpChild,
            PhaseCode::VtMonitoring => Msg::PhaseVtMonitoringChild,
            PhaseCode::RvdkTafel => Msg::PhaseRvdkTafelChild,
            PhaseCode::RvdkWacht => Msg::PhaseRvdkWachtChild,
            PhaseCode::RvdkOnderzoek => Msg::PhaseRvdkOnderzoekChild,
            PhaseCode::RechterZitting => Msg::PhaseRechterZittingChild,
            PhaseCode::GiVoorlopigeOts => Msg::PhaseGiVoorlopigeOtsChild,
            PhaseCode::GiOts => Msg::PhaseGiOtsChild,
            PhaseCode::GiMuhp => Msg::PhaseGiMuhpChild,
            PhaseCode::GiVoogdij => Msg::PhaseGiVoogdijChild,
            PhaseCode::Afgesloten => Msg::PhaseAfgeslotenChild,
        }
    }

    /// What a young person can do now.
    pub fn child_can(self) -> Msg {
        match self {
            PhaseCode::RvdkOnderzoek | PhaseCode::VtOnderzoek => Msg::PhaseChildCanTell,
            PhaseCode::RechterZitting => Msg::PhaseChildCanBeHeard,
            _ => Msg::PhaseChildCanAsk,
        }
    }

    /// What the family can do now, in plain words.
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
}
