//! What the family did with the organisation's part of a case, read back for the
//! organisation's own system (`GET …/reacties`): correction requests, own views, agreements,
//! and feedback as figures, with comments only where their writers consented.
use crate::{
    backend::{db::Tx, StoreError},
    domain::{CaseId, PersonId},
    on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A correction request on one of the organisation's reports in the case.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CorrectionRow {
    pub id: Uuid,
    pub report_id: Uuid,
    pub statement_id: Uuid,
    pub by_person: PersonId,
    #[sqlx(flatten)]
    pub request: crate::backend::store::reports::CorrectionFields,
}

/// An own view ("mijn kant") added to one of the organisation's reports.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct OwnViewRow {
    pub id: Uuid,
    pub report_id: Uuid,
    pub statement_id: Option<Uuid>,
    pub by_person: PersonId,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub included_in_final: bool,
}

/// What the family did with the organisation's reports of the case: correction requests,
/// own views, "dit klopt" (report, statement, person, when) and "nothing more to add"
/// (report, person, when), each oldest first.
#[allow(clippy::type_complexity)]
pub async fn reactions(
    tx: &mut Tx,
    case: CaseId,
    organisation: Uuid,
) -> Result<
    (
        Vec<CorrectionRow>,
        Vec<OwnViewRow>,
        Vec<(Uuid, Uuid, PersonId, DateTime<Utc>)>,
        Vec<(Uuid, PersonId, DateTime<Utc>)>,
    ),
    StoreError,
> {
    let corrections = on_tx!(tx, c => sqlx::query_as(
        "SELECT cr.id, s.report_id, cr.statement_id, cr.by_person, cr.kind, cr.reason, cr.proposed_text, cr.status, \
           cr.created_at, cr.due_at, cr.decided_at, cr.decision_text \
         FROM correction_requests cr JOIN statements s ON s.id = cr.statement_id JOIN reports r ON r.id = s.report_id \
         WHERE r.case_id = $1 AND r.organisation_id = $2 ORDER BY cr.created_at, cr.id")
        .bind(case).bind(organisation).fetch_all(c).await)?;
    let views = on_tx!(tx, c => sqlx::query_as(
        "SELECT ov.id, ov.report_id, ov.statement_id, ov.by_person, ov.text, ov.created_at, ov.included_in_final \
         FROM own_views ov JOIN reports r ON r.id = ov.report_id \
         WHERE r.case_id = $1 AND r.organisation_id = $2 ORDER BY ov.created_at, ov.id")
        .bind(case).bind(organisation).fetch_all(c).await)?;
    let agreed = on_tx!(tx, c => sqlx::query_as(
        "SELECT s.report_id, ag.statement_id, ag.person_id, ag.at \
         FROM statement_agreements ag JOIN statements s ON s.id = ag.statement_id JOIN reports r ON r.id = s.report_id \
         WHERE r.case_id = $1 AND r.organisation_id = $2 ORDER BY ag.at, ag.statement_id")
        .bind(case).bind(organisation).fetch_all(c).await)?;
    let closed = on_tx!(tx, c => sqlx::query_as(
        "SELECT rc.report_id, rc.person_id, rc.at FROM reaction_closures rc JOIN reports r ON r.id = rc.report_id \
         WHERE r.case_id = $1 AND r.organisation_id = $2 ORDER BY rc.at, rc.report_id")
        .bind(case).bind(organisation).fetch_all(c).await)?;
    Ok((corrections, views, agreed, closed))
}

/// The family's feedback on the organisation in the case, from the responses its
/// professionals may see with the respondent's name (never an anonymous one, whose scores a
/// small case would give away): (responses, per item: (code, sum, count)).
pub async fn feedback_figures(
    tx: &mut Tx,
    case: CaseId,
    organisation: Uuid,
) -> Result<(i64, Vec<(String, i64, i64)>), StoreError> {
    let (responses,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM feedback_responses WHERE case_id = $1 AND organisation_id = $2 \
           AND status = 'submitted' AND NOT anonymous_to_professional")
        .bind(case).bind(organisation).fetch_one(c).await)?;
    let items = on_tx!(tx, c => sqlx::query_as(
        "SELECT s.item_code, SUM(s.score), COUNT(*) FROM feedback_scores s JOIN feedback_responses x ON x.id = s.response_id \
         WHERE x.case_id = $1 AND x.organisation_id = $2 AND x.status = 'submitted' AND NOT x.anonymous_to_professional \
         GROUP BY s.item_code ORDER BY s.item_code")
        .bind(case).bind(organisation).fetch_all(c).await)?;
    Ok((responses, items))
}

/// The comments of the family's feedback on the organisation in the case that their writers
/// let the organisation's own system have: (writer, comment, sent), oldest first. Never an
/// anonymous response's (the database holds that rule too).
pub async fn shared_comments(
    tx: &mut Tx,
    case: CaseId,
    organisation: Uuid,
) -> Result<Vec<(PersonId, String, DateTime<Utc>)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT respondent_person_id, comment, submitted_at FROM feedback_responses \
         WHERE case_id = $1 AND organisation_id = $2 AND status = 'submitted' AND comment_shared \
           AND NOT anonymous_to_professional AND comment IS NOT NULL ORDER BY submitted_at, id")
        .bind(case).bind(organisation).fetch_all(c).await)?)
}
