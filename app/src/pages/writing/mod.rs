//! Writing a report statement by statement: a professional of the case starts a report of
//! their organisation, writes it as an ordered list of statements — each with its kind, whom
//! it concerns, its date and its source — and sends it to the family for their reaction, then
//! makes it final. Facts, what others said, the professional's assessment and the family's
//! own views stay apart before anything reaches the family (`domain::writing` says what each
//! kind needs; publishing is refused while a statement lacks it, and the editor says which
//! and why next to the statement).
//!
//! The draft lives on the server: every statement is saved as it is written, so a closed
//! laptop or a lost connection loses nothing. Two writers of one report take turns on the
//! report row; a save made on an older copy of a statement is refused with the typed text
//! kept, never written over the other's.
//!
//! Only the writing organisation changes its report; other professionals of the case read it
//! on the report page, the family once it is published. Parts: this file the view models and
//! the server functions' shells, `ssr` the server side, `view` the page.
use crate::{
    domain::{
        writing::{Hint, Missing, ReportKind},
        CaseId, PersonId, ReportStatus, StatementKind,
    },
    error::AppError,
    forms::FormReply,
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
pub(crate) use ssr::reaction_round;
/// The editor's checks and steps, which the import API takes as they are.
#[cfg(feature = "ssr")]
pub(crate) mod commands {
    pub(crate) use super::ssr::{
        check_statement, finalisable, lacking, publish_locked, reaction_until, Choices, Published,
    };
}

pub use view::{NewReportCard, WritingPage};

/// The form names under which the editor's forms keep their state (see `forms`).
pub const NEW_REPORT_FORM: &str = "new_report";
pub const STATEMENT_FORM: &str = "write_statement";
pub const PUBLISH_FORM: &str = "publish_report";
pub const REVIEW_FORM: &str = "review_report";

/// A statement as the editor shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: Uuid,
    /// Its number in the report (1, 2, 3 …).
    pub number: usize,
    pub version: i32,
    pub text: String,
    pub kind: StatementKind,
    pub date: Option<NaiveDate>,
    /// The observer (observations, decisions) or whose view it is (views).
    pub person: Option<PersonId>,
    pub person_name: Option<String>,
    pub informant: Option<Uuid>,
    pub informant_name: Option<String>,
    pub concerns: Option<PersonId>,
    pub concerns_name: Option<String>,
    /// The statements it rests on (their numbers).
    pub grounds: Vec<(Uuid, usize)>,
    /// "risico" or "beschermend", when the writer said which.
    pub factor: Option<String>,
    /// What an informant said: they agreed it is written down as they said it.
    pub accorded: bool,
    pub missing: Vec<Missing>,
    pub hints: Vec<Hint>,
    /// Hidden from these family members (by name).
    pub hidden_from: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writing {
    pub case_id: CaseId,
    pub report: Uuid,
    pub title: String,
    pub kind: ReportKind,
    pub status: ReportStatus,
    pub author: String,
    pub reaction_until: Option<NaiveDate>,
    pub today: NaiveDate,
    /// The earliest day the reaction period may end (five working days from today).
    pub earliest_until: NaiveDate,
    pub statements: Vec<DraftView>,
    /// Professionals of the case, who can have seen something: (person, name).
    pub observers: Vec<(PersonId, String)>,
    /// The family's members: (person, name, is a child).
    pub members: Vec<(PersonId, String, bool)>,
    /// The case's registered informants: (id, name or role and relation).
    pub informants: Vec<(Uuid, String)>,
    /// The gedragsdeskundige who reviewed the text as it is now, and the day.
    pub reviewed: Option<(String, NaiveDate)>,
    /// The reader may review it: the case's gedragsdeskundige, not its author, while a concept.
    pub can_review: bool,
    /// In the reaction period: the family members it is for, and the day each said they have
    /// nothing more to add (if they did).
    pub round: Vec<(String, Option<NaiveDate>)>,
}

impl Writing {
    /// Every statement has what it needs, and there is at least one.
    pub fn ready(&self) -> bool {
        !self.statements.is_empty() && self.statements.iter().all(|s| s.missing.is_empty())
    }
}

/// A statement as typed in the editor: every field is text, so a half-filled form comes back
/// with what was typed and a message at the field. Posted as `s[text]`, `s[kind]`, …, and
/// `s[grounds][n]` for each statement it rests on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatementForm {
    /// Empty for a new statement.
    pub id: String,
    pub version: String,
    pub text: String,
    pub kind: String,
    pub date: String,
    pub observer: String,
    pub voice: String,
    pub informant: String,
    pub concerns: String,
    pub grounds: Vec<String>,
    /// "risico", "beschermend" or empty.
    pub factor: String,
    /// "yes": the informant agreed with how it is written down.
    pub accorded: String,
    /// A family member who may not read this statement (the existing shielding), and why.
    pub hide_from: String,
    pub hide_reason: String,
}

/// Starts a concept report of the reader's organisation and goes to its editor.
#[server(prefix = "/api", endpoint = "start_report")]
pub async fn start_report(
    case: CaseId,
    kind: String,
    title: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::start(case, kind, title).await)
}

#[server(prefix = "/api", endpoint = "writing")]
pub async fn load_writing(case: CaseId, report: Uuid) -> Result<Writing, AppError> {
    crate::error::respond(ssr::load(case, report).await)
}

/// Saves a statement (a new one goes last). Incomplete is fine: it is a draft.
#[server(prefix = "/api", endpoint = "save_statement")]
pub async fn save_statement(
    case: CaseId,
    report: Uuid,
    #[server(default)] s: StatementForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::save(case, report, s).await)
}

#[server(prefix = "/api", endpoint = "remove_statement")]
pub async fn remove_statement(
    case: CaseId,
    report: Uuid,
    statement: Uuid,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::remove(case, report, statement).await)
}

/// Sends the report to the family for their reaction until `until` (a court decision is
/// final at once). Refused while a statement lacks what its kind needs.
#[server(prefix = "/api", endpoint = "publish_report")]
pub async fn publish_report(
    case: CaseId,
    report: Uuid,
    #[server(default)] until: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::publish(case, report, until).await)
}

/// A gedragsdeskundige of the writing organisation records that they reviewed the concept
/// before it goes to the family, who then read who reviewed it. Never the author's own; a
/// change to the statements afterwards clears the review.
#[server(prefix = "/api", endpoint = "review_report")]
pub async fn review_report(case: CaseId, report: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::review(case, report).await)
}

/// Makes a report final once the family's reaction period is over, or earlier when everyone
/// it is for has said they have nothing more to add; their reactions and own views are
/// attached as they are.
#[server(prefix = "/api", endpoint = "finalise_report")]
pub async fn finalise_report(case: CaseId, report: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::finalise(case, report).await)
}
