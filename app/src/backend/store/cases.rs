//! A case's route through the chain: phases, who is responsible, handovers (recorded with
//! the phase that another organisation leads, [`start_phase`]).
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        StoreError,
    },
    domain::{AccountId, CaseId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct PhaseRow {
    pub phase_code: String,
    pub started_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub lead_org: Option<String>,
}

pub async fn phases(db: &Db, case_id: CaseId) -> Result<Vec<PhaseRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT cp.phase_code, cp.started_at, cp.due_at, cp.ended_at, o.name AS lead_org FROM case_phases cp \
         LEFT JOIN organisations o ON o.id = cp.lead_organisation_id WHERE cp.case_id = $1 ORDER BY cp.started_at")
        .bind(case_id).fetch_all(p).await)?)
}

/// Possible next phases after `code` (the branches on the praatplaat). The transitions are
/// reference data fixed by migration 0003, so they are read once per process and kept.
pub async fn next_phases(db: &Db, code: &str) -> Result<Vec<String>, StoreError> {
    static TRANSITIONS: tokio::sync::OnceCell<Vec<(String, String)>> =
        tokio::sync::OnceCell::const_new();
    let all = TRANSITIONS
        .get_or_try_init(|| async {
            on_db!(db, p => sqlx::query_as::<_, (String, String)>(
                "SELECT t.from_code, t.to_code FROM phase_transitions t JOIN phases ph ON ph.code = t.to_code ORDER BY ph.sort_order")
                .fetch_all(p).await)
        })
        .await?;
    Ok(all
        .iter()
        .filter(|(from, _)| from == code)
        .map(|(_, to)| to.clone())
        .collect())
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ResponsibleRow {
    pub organisation: String,
    pub given_name: String,
    pub family_name: String,
    pub role: String,
    pub since: NaiveDate,
    pub phone: String,
}

pub async fn responsible_now(
    db: &Db,
    case_id: CaseId,
) -> Result<Option<ResponsibleRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT o.name AS organisation, pe.given_name, pe.family_name, i.role, i.since, o.phone FROM involvements i \
         JOIN organisations o ON o.id = i.organisation_id JOIN people pe ON pe.id = i.person_id \
         WHERE i.case_id = $1 AND i.is_responsible_now")
        .bind(case_id).fetch_optional(p).await)?)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct HandoverRow {
    pub from_org: String,
    pub to_org: String,
    pub at: DateTime<Utc>,
    pub previous_watches_until: Option<NaiveDate>,
}

pub async fn handovers(db: &Db, case_id: CaseId) -> Result<Vec<HandoverRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT f.name AS from_org, t.name AS to_org, h.at, h.previous_watches_until FROM handovers h \
         JOIN organisations f ON f.id = h.from_organisation_id JOIN organisations t ON t.id = h.to_organisation_id \
         WHERE h.case_id = $1 ORDER BY h.at")
        .bind(case_id).fetch_all(p).await)?)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CaseListRow {
    pub id: CaseId,
    pub reference: String,
    pub family_name: String,
    pub phase_code: Option<String>,
    /// The current phase's date (deadline, norm or end of the order).
    pub due_at: Option<DateTime<Utc>>,
}

/// The cases a professional is assigned to today.
pub async fn assigned_to(
    db: &Db,
    person_id: PersonId,
    today: NaiveDate,
) -> Result<Vec<CaseListRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.reference, f.display_name AS family_name, cp.phase_code, cp.due_at \
         FROM cases c JOIN families f ON f.id = c.family_id \
         LEFT JOIN case_phases cp ON cp.case_id = c.id AND cp.ended_at IS NULL \
         WHERE EXISTS (SELECT 1 FROM involvements i WHERE i.case_id = c.id AND i.person_id = $1 AND i.since <= $2 AND (i.until IS NULL OR i.until >= $2)) \
         ORDER BY c.reference")
        .bind(person_id).bind(today).fetch_all(p).await)?)
}

/// The code of the case's current (not ended) phase.
pub async fn current_phase(db: &Db, case_id: CaseId) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT phase_code FROM case_phases WHERE case_id = $1 AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1")
        .bind(case_id).fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}

/// When the case was opened: where its access log's months begin.
pub async fn opened_at(db: &Db, case_id: CaseId) -> Result<DateTime<Utc>, StoreError> {
    let (at,): (DateTime<Utc>,) = on_db!(db, p => sqlx::query_as("SELECT opened_at FROM cases WHERE id = $1")
        .bind(case_id).fetch_one(p).await)?;
    Ok(at)
}

/// The case's reference number ("2026-0412").
pub async fn reference(db: &Db, case_id: CaseId) -> Result<String, StoreError> {
    let (r,): (String,) = on_db!(db, p => sqlx::query_as("SELECT reference FROM cases WHERE id = $1")
        .bind(case_id).fetch_one(p).await)?;
    Ok(r)
}

/// Who led the case last: a court hearing has no organisation in Helder, so the one before it.
const LAST_LEAD: &str = "SELECT lead_organisation_id FROM case_phases WHERE case_id = $1 \
     AND lead_organisation_id IS NOT NULL ORDER BY started_at DESC LIMIT 1";

/// The organisation that led the case last (see [`start_phase`]: a step another one leads is
/// a handover from it).
pub async fn last_lead(db: &Db, case_id: CaseId) -> Result<Option<Uuid>, StoreError> {
    let row: Option<(Option<Uuid>,)> =
        on_db!(db, p => sqlx::query_as(LAST_LEAD).bind(case_id).fetch_optional(p).await)?;
    Ok(row.and_then(|r| r.0))
}

/// The next phase as a professional records it.
#[derive(Clone, Debug)]
pub struct NewPhase {
    pub id: Uuid,
    pub case_id: CaseId,
    /// The phase the professional saw as current: when the case moved on meanwhile (another
    /// professional was first), nothing is written.
    pub from: String,
    pub to: String,
    pub lead_organisation_id: Option<Uuid>,
    pub start: DateTime<Utc>,
    pub due: Option<DateTime<Utc>>,
    /// Why the date was set by hand (`None`: the phase's rule gave it).
    pub due_reason: Option<String>,
    pub decision: String,
    pub by: AccountId,
    /// When another organisation takes the case over: the last day the one handing it over
    /// keeps watching whether the children stay safe (`None`: it stops at the handover).
    pub watch_until: Option<NaiveDate>,
}

/// Ends the current phase (its outcome: the phase that follows) and starts the next. `false`
/// when the current phase is no longer `from`. The case row is locked first, so two
/// professionals recording a step at the same moment are taken one after the other, and the
/// second finds the case moved on (a case also has one current phase by a unique index).
pub async fn start_phase(tx: &mut Tx, p: &NewPhase) -> Result<bool, StoreError> {
    tx.lock(Parent::Case(p.case_id)).await?;
    let current: Option<(Option<Uuid>,)> =
        on_tx!(tx, c => sqlx::query_as(LAST_LEAD).bind(p.case_id).fetch_optional(c).await)?;
    let ended = on_tx!(tx, c => sqlx::query(
        "UPDATE case_phases SET ended_at = $3, outcome_code = $4 WHERE case_id = $1 AND phase_code = $2 AND ended_at IS NULL")
        .bind(p.case_id).bind(&p.from).bind(p.start).bind(&p.to).execute(c).await.map(|r| r.rows_affected()))?;
    if ended != 1 {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO case_phases (id, case_id, phase_code, lead_organisation_id, started_at, due_at, decision, due_reason, started_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(p.id).bind(p.case_id).bind(&p.to).bind(p.lead_organisation_id).bind(p.start).bind(p.due)
        .bind(&p.decision).bind(&p.due_reason).bind(p.by).execute(c).await.map(|_| ()))?;
    // Another organisation leads from here: a handover, so the family's praatplaat says who
    // took over and until when the one before keeps an eye on safety.
    if let (Some((Some(from),)), Some(to)) = (current, p.lead_organisation_id) {
        if from != to {
            on_tx!(tx, c => sqlx::query(
                "INSERT INTO handovers (id, case_id, from_organisation_id, to_organisation_id, at, previous_watches_until, reason) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(Uuid::new_v4()).bind(p.case_id).bind(from).bind(to).bind(p.start).bind(p.watch_until)
                .bind(&p.decision).execute(c).await.map(|_| ()))?;
        }
    }
    Ok(true)
}

/// The organisations that may take a phase over from a professional of another kind of
/// organisation: those of the kind the phase names (`phases.lead_org_kind`), unless that is the
/// professional's own kind (their own organisation leads it then, [`lead_for`]).
pub async fn leads_for(
    db: &Db,
    phase: &str,
    professional_org: Option<Uuid>,
) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT o.id, o.name FROM organisations o JOIN phases ph ON ph.lead_org_kind = o.kind \
         WHERE ph.code = $1 AND NOT EXISTS (SELECT 1 FROM organisations me WHERE me.id = $2 AND me.kind = o.kind) \
         ORDER BY o.name")
        .bind(phase).bind(professional_org).fetch_all(p).await)?)
}

/// The organisation that leads a phase when the professional recording it belongs to the
/// kind of organisation the phase names (`phases.lead_org_kind`); otherwise none is known yet.
pub async fn lead_for(
    db: &Db,
    phase: &str,
    professional_org: Option<Uuid>,
) -> Result<Option<Uuid>, StoreError> {
    let Some(org) = professional_org else {
        return Ok(None);
    };
    let row: Option<(Uuid,)> = on_db!(db, p => sqlx::query_as(
        "SELECT o.id FROM organisations o JOIN phases ph ON ph.lead_org_kind = o.kind WHERE o.id = $1 AND ph.code = $2")
        .bind(org).bind(phase).fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}
