//! What an audit event says in words, for the family's access log and the administrator's
//! review alike: built from the event's action and kind (and a report's title where the
//! reader may see that report), never from stored text — so no sentence of a dossier and no
//! family member's name can travel through the log.
use crate::i18n::{t, tf, Lang, Msg};

pub fn describe(lang: Lang, action: &str, kind: &str, report_title: Option<&str>) -> String {
    // With the report's title when the reader may see that report; without it otherwise
    // (and always in the administrator's review, which never names a family's documents).
    let titled = |with: Msg, without: Msg| match report_title {
        Some(title) => tf(lang, with, &[("title", title)]),
        None => t(lang, without).to_string(),
    };
    match (kind, action) {
        ("praatplaat", _) => t(lang, Msg::EventPraatplaat).to_string(),
        ("involved", _) => t(lang, Msg::EventInvolved).to_string(),
        ("reports", _) => t(lang, Msg::EventReports).to_string(),
        ("report", "start_report" | "remove_statement") | ("statement", "write_statement") => {
            titled(Msg::EventReportWritten, Msg::EventReportWrittenAny)
        }
        ("report", "publish_report") => {
            titled(Msg::EventReportPublished, Msg::EventReportPublishedAny)
        }
        ("report", "finalise_report") => {
            titled(Msg::EventReportFinalised, Msg::EventReportFinalisedAny)
        }
        ("report", "review_report") => {
            titled(Msg::EventReportReviewed, Msg::EventReportReviewedAny)
        }
        ("report", "close_reaction") => {
            titled(Msg::EventReactionClosed, Msg::EventReactionClosedAny)
        }
        ("report", _) => titled(Msg::EventReport, Msg::EventReportAny),
        ("statement", "shield") => titled(Msg::EventShield, Msg::EventShieldAny),
        ("statement", "accept_correction" | "decline_correction") => {
            titled(Msg::EventCorrectionDecided, Msg::EventCorrectionDecidedAny)
        }
        ("statement", _) => titled(Msg::EventStatement, Msg::EventStatementAny),
        ("rights", _) => t(lang, Msg::EventRights).to_string(),
        ("own_dossier", _) => t(lang, Msg::EventOwnDossier).to_string(),
        ("delegation", "revoke_share") => t(lang, Msg::EventShareStopped).to_string(),
        ("delegation", _) => t(lang, Msg::EventShared).to_string(),
        ("consent", _) => t(lang, Msg::EventConsent).to_string(),
        ("dossier", _) => t(lang, Msg::EventExport).to_string(),
        ("print", _) => t(lang, Msg::EventPrint).to_string(),
        ("access_log", _) => t(lang, Msg::EventAccessLog).to_string(),
        ("feedback", _) => t(lang, Msg::EventFeedback).to_string(),
        ("contact_detail", "end_contact") => t(lang, Msg::EventContactDetailEnded).to_string(),
        ("contact_detail", "shield") => t(lang, Msg::EventContactDetailHidden).to_string(),
        ("contact_detail", _) => t(lang, Msg::EventContactDetailAdded).to_string(),
        ("family", "add_member") => t(lang, Msg::EventMemberAdded).to_string(),
        ("family", _) => t(lang, Msg::EventFamily).to_string(),
        ("case", "open_case") => t(lang, Msg::EventCaseOpened).to_string(),
        ("account", "invite") => t(lang, Msg::EventInvite).to_string(),
        ("contact", _) => t(lang, Msg::EventContact).to_string(),
        ("inbox", _) => t(lang, Msg::EventInbox).to_string(),
        ("full_information", _) => t(lang, Msg::EventFullInformation).to_string(),
        ("involvement", "read") => t(lang, Msg::EventInvolvement).to_string(),
        ("involvement", _) => t(lang, Msg::EventInvolvementChanged).to_string(),
        ("informant", "read") => t(lang, Msg::EventInformant).to_string(),
        ("informant", _) => t(lang, Msg::EventInformantAdded).to_string(),
        ("phase", "read") => t(lang, Msg::EventPhase).to_string(),
        ("phase", _) => t(lang, Msg::EventPhaseStarted).to_string(),
        _ => t(lang, Msg::EventOther).to_string(),
    }
}
