//! "Wat staat er in de rapporten?": the case's reports, and one report statement by
//! statement — each with its kind (fact, informant, assessment, view, decision), its source,
//! and for assessments the statements they rest on. The reader filters, and responds to a
//! statement: "Dit klopt", "Dit klopt niet" (a correction request with a one-month deadline)
//! or "Mijn kant" (their own view, kept in the dossier next to the statement).
//!
//! The response forms are plain HTML forms: they work before and without the WebAssembly,
//! and go through the one form mechanism (`crate::forms`): on bad input the page comes back
//! with the typed text and the message next to the field. Each form carries an idempotency
//! key, so a retry after a lost connection files nothing twice.
//!
//! The page's parts: this file holds the view models and the server functions' shells;
//! `ssr` the server-only work behind them (authorisation, the visibility rule, the one write
//! path); `view` the components.
use crate::domain::{CaseId, PersonId};
use crate::{
    components::{
        case_nav::CaseNav,
        dates::long_date,
        fields::{form_message, kept_key, TextField},
        term::ExplainedText,
    },
    domain::{Correction, CorrectionKind, ReportStatus, StatementKind},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, tjf, use_lang, youth, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
pub(crate) use ssr::report_views;
pub use view::{ReportByline, ReportPage, ReportsOf, ReportsPage, StatementItem};

/// The form name under which a statement's response form keeps its state (see `forms`).
pub const STATEMENT_FORM: &str = "statement";
/// The form name of "Ik ben klaar met reageren".
pub const CLOSE_FORM: &str = "close_reaction";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    pub id: Uuid,
    pub title: String,
    pub status: ReportStatus,
    pub organisation: String,
    pub author: String,
    pub date: NaiveDate,
    pub reaction_until: Option<NaiveDate>,
    /// The gedragsdeskundige who reviewed it before it went out, and the day.
    pub reviewed: Option<(String, NaiveDate)>,
    /// The reader's organisation writes it (a professional goes on to its editor).
    pub editable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub text: String,
    pub by: String,
    pub by_me: bool,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub old_text: String,
    pub by: String,
    pub reason: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub id: Uuid,
    pub seq: i32,
    pub text: String,
    pub kind: StatementKind,
    /// Who said or saw it: "Jeroen Smit, Raadsonderzoeker (Raad …)" or the informant.
    pub source: Option<String>,
    pub observed: Option<NaiveDate>,
    /// For what an informant said: did they confirm it was written down correctly?
    pub accorded: bool,
    pub factor: Option<String>,
    pub concerns_me: bool,
    /// The statements an assessment rests on (their numbers).
    pub grounds: Vec<i32>,
    pub responses: Vec<ResponseView>,
    pub revisions: Vec<RevisionView>,
    pub agreed: bool,
    pub corrections: Vec<Correction>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub case_id: CaseId,
    pub summary: ReportSummary,
    /// The reader is a family member who may respond (not a professional or confidant).
    pub can_respond: bool,
    pub today: NaiveDate,
    /// A fresh key per page view; the response forms derive their idempotency keys from it.
    pub form_key: String,
    pub statements: Vec<StatementView>,
    /// For the case's professionals: what is hidden from whom, and whom it can be hidden from.
    pub shield: Option<ShieldPanel>,
    /// The day the reader (a family member) said they have nothing more to add, if they did.
    pub reaction_closed: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShieldPanel {
    /// The family members an item can be hidden from: (person, name).
    pub family: Vec<(PersonId, String)>,
    /// (statement, hidden from (name), reason).
    pub shielded: Vec<(Uuid, String, String)>,
}

#[server(prefix = "/api", endpoint = "reports")]
pub async fn load_reports(case: Option<CaseId>) -> Result<Vec<ReportSummary>, AppError> {
    crate::error::respond(ssr::build_report_list(case).await)
}

#[server(prefix = "/api", endpoint = "report")]
pub async fn load_report(case: Option<CaseId>, report: Uuid) -> Result<ReportView, AppError> {
    crate::error::respond(ssr::build_report(case, report).await)
}

// ---- Shielding a statement from a family member ----

/// A professional of the case hides a statement from one family member, with a reason.
#[server(prefix = "/api", endpoint = "shield_statement")]
pub async fn shield_statement(
    case: CaseId,
    statement: Uuid,
    person: PersonId,
    reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::shield(case, statement, person, reason).await)
}

// ---- Responding to a statement ----

/// "Dit klopt": the reader marks a statement as correct.
#[server(prefix = "/api", endpoint = "agree_statement")]
pub async fn agree_statement(statement: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::respond_to(statement, ssr::Response::Agree).await)
}

/// "Dit klopt niet": a correction request with a reason and, if the reader likes, a proposed text.
#[server(prefix = "/api", endpoint = "request_correction")]
pub async fn request_correction(
    statement: Uuid,
    key: String,
    kind: String,
    reason: String,
    proposed: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(
        ssr::respond_to(
            statement,
            ssr::Response::Correction {
                key,
                kind,
                reason,
                proposed,
            },
        )
        .await,
    )
}

/// "Mijn kant": the reader's own view, kept in the dossier next to the statement.
#[server(prefix = "/api", endpoint = "add_own_view")]
pub async fn add_own_view(
    statement: Uuid,
    key: String,
    text: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::respond_to(statement, ssr::Response::OwnView { key, text }).await)
}

/// "Ik ben klaar met reageren": a family member who may respond says they have nothing more
/// to add to a report in its reaction period. When everyone it is for has said so, its writer
/// may make it final before the period ends; a correction can still be asked for afterwards.
#[server(prefix = "/api", endpoint = "close_reaction")]
pub async fn close_reaction(report: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::close_reaction(report).await)
}
