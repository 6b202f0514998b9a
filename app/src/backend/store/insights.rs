//! The summary tables behind the organisation insights (migration 0007): kept up to date in
//! the same transaction as each change, read by the dashboard. See `backend::anonymity` for
//! what may be shown.
use crate::domain::{AccountId, CaseId, PersonId};
use crate::{
    backend::{
        db::{Db, Tx},
        time, StoreError,
    },
    domain::feedback::{Scale, Scores, LOW_TOTAL},
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The month a moment belongs to, as the summaries key it ("2026-11", Europe/Amsterdam).
pub fn month_of(at: DateTime<Utc>) -> String {
    time::local_date(at).format("%Y-%m").to_string()
}

/// Where a response counts: organisation, month, team, phase, respondent group.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub organisation: String,
    pub month: String,
    pub team: String,
    pub phase: String,
    pub group: String,
}

/// (organisation, team, phase, group, sent at) of a response.
type ResponseCellRow = (
    Uuid,
    Option<Uuid>,
    Option<String>,
    String,
    Option<DateTime<Utc>>,
);

/// The cell of a stored response (its organisation, team, phase and group as they were sent).
pub async fn cell_of_response(
    tx: &mut Tx,
    response: Uuid,
) -> Result<Option<(CellKey, DateTime<Utc>)>, StoreError> {
    let row: Option<ResponseCellRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT organisation_id, team_id, phase_code, respondent_group, submitted_at FROM feedback_responses WHERE id = $1")
        .bind(response).fetch_optional(c).await)?;
    Ok(row.and_then(|(org, team, phase, group, at)| {
        let at = at?;
        Some((
            CellKey {
                organisation: org.to_string(),
                month: month_of(at),
                team: team.map(|t| t.to_string()).unwrap_or_default(),
                phase: phase.unwrap_or_default(),
                group,
            },
            at,
        ))
    }))
}

/// Counts one sent response in its cell.
pub async fn add_response(
    tx: &mut Tx,
    key: &CellKey,
    respondent: PersonId,
    scores: &Scores,
) -> Result<(), StoreError> {
    let new_member = on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_cell_members (organisation_id, month, team, phase, respondent_group, respondent) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
        .bind(&key.organisation).bind(&key.month).bind(&key.team).bind(&key.phase).bind(&key.group).bind(respondent.to_string())
        .execute(c).await.map(|r| r.rows_affected()))?;
    let band = |i: usize, lo: bool| -> i64 {
        let s = scores[i];
        i64::from(if lo { s <= 5 } else { s >= 9 })
    };
    let below = i64::from(crate::domain::feedback::total(scores) <= LOW_TOTAL);
    let s = |i: usize| i64::from(scores[i]);
    debug_assert_eq!(Scale::ALL.len(), 4);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_cells (organisation_id, month, team, phase, respondent_group, responses, respondents, \
           sum_heard, sum_topics, sum_approach, sum_overall, low_heard, high_heard, low_topics, high_topics, \
           low_approach, high_approach, low_overall, high_overall, below_cutoff) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) \
         ON CONFLICT (organisation_id, month, team, phase, respondent_group) DO UPDATE SET \
           responses = insight_cells.responses + 1, respondents = insight_cells.respondents + excluded.respondents, \
           sum_heard = insight_cells.sum_heard + excluded.sum_heard, sum_topics = insight_cells.sum_topics + excluded.sum_topics, \
           sum_approach = insight_cells.sum_approach + excluded.sum_approach, sum_overall = insight_cells.sum_overall + excluded.sum_overall, \
           low_heard = insight_cells.low_heard + excluded.low_heard, high_heard = insight_cells.high_heard + excluded.high_heard, \
           low_topics = insight_cells.low_topics + excluded.low_topics, high_topics = insight_cells.high_topics + excluded.high_topics, \
           low_approach = insight_cells.low_approach + excluded.low_approach, high_approach = insight_cells.high_approach + excluded.high_approach, \
           low_overall = insight_cells.low_overall + excluded.low_overall, high_overall = insight_cells.high_overall + excluded.high_overall, \
           below_cutoff = insight_cells.below_cutoff + excluded.below_cutoff")
        .bind(&key.organisation).bind(&key.month).bind(&key.team).bind(&key.phase).bind(&key.group)
        .bind(i64::try_from(new_member).unwrap_or(0))
        .bind(s(0)).bind(s(1)).bind(s(2)).bind(s(3))
        .bind(band(0, true)).bind(band(0, false)).bind(band(1, true)).bind(band(1, false))
        .bind(band(2, true)).bind(band(2, false)).bind(band(3, true)).bind(band(3, false))
        .bind(below)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Counts the first reply to a response (and, when it was below the cut-off, that it got one).
pub async fn add_first_reply(
    tx: &mut Tx,
    key: &CellKey,
    days: i64,
    below_cutoff: bool,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_reply_days (organisation_id, month, team, phase, respondent_group, days, n) VALUES ($1, $2, $3, $4, $5, $6, 1) \
         ON CONFLICT (organisation_id, month, team, phase, respondent_group, days) DO UPDATE SET n = insight_reply_days.n + 1")
        .bind(&key.organisation).bind(&key.month).bind(&key.team).bind(&key.phase).bind(&key.group).bind(days.max(0))
        .execute(c).await.map(|_| ()))?;
    if below_cutoff {
        on_tx!(tx, c => sqlx::query(
            "UPDATE insight_cells SET below_replied = below_replied + 1 \
             WHERE organisation_id = $1 AND month = $2 AND team = $3 AND phase = $4 AND respondent_group = $5")
            .bind(&key.organisation).bind(&key.month).bind(&key.team).bind(&key.phase).bind(&key.group)
            .execute(c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Counts that a response below the cut-off was discussed (the first time only).
pub async fn add_discussed(tx: &mut Tx, key: &CellKey) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE insight_cells SET below_discussed = below_discussed + 1 \
         WHERE organisation_id = $1 AND month = $2 AND team = $3 AND phase = $4 AND respondent_group = $5")
        .bind(&key.organisation).bind(&key.month).bind(&key.team).bind(&key.phase).bind(&key.group)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Counts a recorded contact (in the professional's organisation and team, the case's phase).
pub async fn add_contact(
    tx: &mut Tx,
    professional: AccountId,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row: Option<(Option<Uuid>, Option<Uuid>, Option<String>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT a.organisation_id, a.team_id, \
           (SELECT cp.phase_code FROM case_phases cp WHERE cp.case_id = $2 AND cp.ended_at IS NULL ORDER BY cp.started_at DESC LIMIT 1) \
         FROM accounts a WHERE a.id = $1")
        .bind(professional).bind(case_id).fetch_optional(c).await)?;
    let Some((Some(org), team, phase)) = row else {
        return Ok(());
    };
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_contacts (organisation_id, month, team, phase, contacts) VALUES ($1, $2, $3, $4, 1) \
         ON CONFLICT (organisation_id, month, team, phase) DO UPDATE SET contacts = insight_contacts.contacts + 1")
        .bind(org.to_string()).bind(month_of(at)).bind(team.map(|t| t.to_string()).unwrap_or_default()).bind(phase.unwrap_or_default())
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Counts a correction request about one of the organisation's reports.
pub async fn add_correction(
    tx: &mut Tx,
    statement: Uuid,
    by_person: PersonId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let org: (Uuid,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT r.organisation_id FROM statements s JOIN reports r ON r.id = s.report_id WHERE s.id = $1")
        .bind(statement).fetch_one(c).await)?;
    let (org, month) = (org.0.to_string(), month_of(at));
    let new_member = on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_correction_members (organisation_id, month, respondent) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(&org).bind(&month).bind(by_person.to_string()).execute(c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_corrections (organisation_id, month, requests, requesters) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (organisation_id, month) DO UPDATE SET requests = insight_corrections.requests + 1, \
           requesters = insight_corrections.requesters + excluded.requesters")
        .bind(&org).bind(&month).bind(i64::try_from(new_member).unwrap_or(0)).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Counts a decision on a correction request (in the month the request was filed).
pub async fn add_decision(
    tx: &mut Tx,
    request: Uuid,
    accepted: bool,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row: (Uuid, DateTime<Utc>, DateTime<Utc>) = on_tx!(tx, c => sqlx::query_as(
        "SELECT r.organisation_id, cr.created_at, cr.due_at FROM correction_requests cr \
         JOIN statements s ON s.id = cr.statement_id JOIN reports r ON r.id = s.report_id WHERE cr.id = $1")
        .bind(request).fetch_one(c).await)?;
    let (org, month) = (row.0.to_string(), month_of(row.1));
    let days = (time::local_date(at) - time::local_date(row.1))
        .num_days()
        .max(0);
    on_tx!(tx, c => sqlx::query(
        "UPDATE insight_corrections SET accepted = accepted + $3, declined = declined + $4, within_deadline = within_deadline + $5 \
         WHERE organisation_id = $1 AND month = $2")
        .bind(&org).bind(&month).bind(i64::from(accepted)).bind(i64::from(!accepted)).bind(i64::from(at <= row.2))
        .execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO insight_correction_days (organisation_id, month, days, n) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (organisation_id, month, days) DO UPDATE SET n = insight_correction_days.n + 1")
        .bind(&org).bind(&month).bind(days).execute(c).await.map(|_| ()))?;
    Ok(())
}

// ---- Reading (the dashboard) ----

/// One cell of the summary, as the dashboard reads it.
#[derive(sqlx::FromRow, Debug, Clone, Default, PartialEq)]
pub struct CellRow {
    pub month: String,
    pub team: String,
    pub phase: String,
    pub respondent_group: String,
    pub responses: i64,
    pub respondents: i64,
    pub sum_heard: i64,
    pub sum_topics: i64,
    pub sum_approach: i64,
    pub sum_overall: i64,
    pub low_heard: i64,
    pub high_heard: i64,
    pub low_topics: i64,
    pub high_topics: i64,
    pub low_approach: i64,
    pub high_approach: i64,
    pub low_overall: i64,
    pub high_overall: i64,
    pub below_cutoff: i64,
    pub below_replied: i64,
    pub below_discussed: i64,
}

/// The organisation's cells for the months `from..=to` ("YYYY-MM").
pub async fn cells(db: &Db, org: Uuid, from: &str, to: &str) -> Result<Vec<CellRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT month, team, phase, respondent_group, responses, respondents, sum_heard, sum_topics, sum_approach, sum_overall, \
           low_heard, high_heard, low_topics, high_topics, low_approach, high_approach, low_overall, high_overall, \
           below_cutoff, below_replied, below_discussed \
         FROM insight_cells WHERE organisation_id = $1 AND month >= $2 AND month <= $3")
        .bind(org.to_string()).bind(from).bind(to).fetch_all(p).await)?)
}

/// Reply days per cell: (month, team, phase, group, days, n).
pub type ReplyDays = (String, String, String, String, i64, i64);

pub async fn reply_days(
    db: &Db,
    org: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<ReplyDays>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT month, team, phase, respondent_group, days, n FROM insight_reply_days \
         WHERE organisation_id = $1 AND month >= $2 AND month <= $3")
        .bind(org.to_string()).bind(from).bind(to).fetch_all(p).await)?)
}

/// Contacts per (month, team, phase).
pub async fn contacts(
    db: &Db,
    org: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, String, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT month, team, phase, contacts FROM insight_contacts WHERE organisation_id = $1 AND month >= $2 AND month <= $3")
        .bind(org.to_string()).bind(from).bind(to).fetch_all(p).await)?)
}

#[derive(sqlx::FromRow, Debug, Clone, Default, PartialEq)]
pub struct CorrectionCell {
    pub month: String,
    pub requests: i64,
    pub requesters: i64,
    pub accepted: i64,
    pub declined: i64,
    pub within_deadline: i64,
}

pub async fn corrections(
    db: &Db,
    org: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<CorrectionCell>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT month, requests, requesters, accepted, declined, within_deadline FROM insight_corrections \
         WHERE organisation_id = $1 AND month >= $2 AND month <= $3")
        .bind(org.to_string()).bind(from).bind(to).fetch_all(p).await)?)
}

/// Days to decide per month: (month, days, n).
pub async fn correction_days(
    db: &Db,
    org: Uuid,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT month, days, n FROM insight_correction_days WHERE organisation_id = $1 AND month >= $2 AND month <= $3")
        .bind(org.to_string()).bind(from).bind(to).fetch_all(p).await)?)
}

/// The organisation's teams: (id, name).
pub async fn teams(db: &Db, org: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query_as("SELECT id, name FROM teams WHERE organisation_id = $1 ORDER BY name")
        .bind(org).fetch_all(p).await)?,
    )
}
