//! Writing reports: a concept report of the writer's organisation, its statements as they are
//! saved (the draft lives on the server), publishing for the family's reaction and making it
//! final. Every write locks the report row first, so two writers of one report take turns.
//! Reading a published report is `store::reports`; this module is the writer's side.
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        StoreError,
    },
    domain::{CaseId, FamilyId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// A report as its writer sees it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct WritingRow {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub reaction_window_until: Option<NaiveDate>,
    pub author: String,
    pub author_id: PersonId,
    pub created_at: DateTime<Utc>,
    pub published_to_client_at: Option<DateTime<Utc>>,
    pub finalised_at: Option<DateTime<Utc>>,
    /// The gedragsdeskundige who reviewed the text as it is now, and when.
    pub reviewer: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// A report of the case written by this organisation (`None`: no such report, or another
/// organisation's, which a writer may read but never change).
pub async fn report(
    db: &Db,
    case_id: CaseId,
    organisation: Uuid,
    report_id: Uuid,
) -> Result<Option<WritingRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT r.id, r.kind, r.title, r.status, r.reaction_window_until, pe.given_name || ' ' || pe.family_name AS author, \
                r.author_id, r.created_at, r.published_to_client_at, r.finalised_at, \
                rv.given_name || ' ' || rv.family_name AS reviewer, r.reviewed_at \
         FROM reports r JOIN people pe ON pe.id = r.author_id LEFT JOIN people rv ON rv.id = r.reviewed_by \
         WHERE r.id = $1 AND r.case_id = $2 AND r.organisation_id = $3")
        .bind(report_id).bind(case_id).bind(organisation).fetch_optional(p).await)?)
}

/// A statement as it is being written (the report's own statements, not the family's responses).
#[derive(sqlx::FromRow, Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    pub id: Uuid,
    pub seq: i32,
    pub text: String,
    pub kind: String,
    pub observed_at: Option<NaiveDate>,
    pub source_person_id: Option<PersonId>,
    pub informant_id: Option<Uuid>,
    pub concerns_person_id: Option<PersonId>,
    pub version: i32,
    /// "risico" (a worry) or "beschermend" (what keeps the child safe), when the writer says.
    pub factor: Option<String>,
    /// The informant said it is written down as they said it (accordering).
    pub accorded: bool,
}

const DRAFT_SELECT: &str = "SELECT id, seq, text, kind, observed_at, source_person_id, informant_id, concerns_person_id, version, \
     factor, accorded \
     FROM statements WHERE report_id = $1 AND responds_to IS NULL ORDER BY seq";
const GROUNDS_SELECT: &str = "SELECT g.assessment_id, g.ground_id FROM statement_grounds g \
     JOIN statements s ON s.id = g.assessment_id WHERE s.report_id = $1";

/// The report's statements in order, and which statements each assessment rests on.
pub async fn drafts(
    db: &Db,
    report_id: Uuid,
) -> Result<(Vec<DraftRow>, Vec<(Uuid, Uuid)>), StoreError> {
    let rows = on_db!(db, p => sqlx::query_as(DRAFT_SELECT).bind(report_id).fetch_all(p).await)?;
    let grounds =
        on_db!(db, p => sqlx::query_as(GROUNDS_SELECT).bind(report_id).fetch_all(p).await)?;
    Ok((rows, grounds))
}

/// [`drafts`] inside a transaction (after [`lock`]: what publishing checks is what it publishes).
pub async fn drafts_in(
    tx: &mut Tx,
    report_id: Uuid,
) -> Result<(Vec<DraftRow>, Vec<(Uuid, Uuid)>), StoreError> {
    let rows = on_tx!(tx, c => sqlx::query_as(DRAFT_SELECT).bind(report_id).fetch_all(c).await)?;
    let grounds =
        on_tx!(tx, c => sqlx::query_as(GROUNDS_SELECT).bind(report_id).fetch_all(c).await)?;
    Ok((rows, grounds))
}

/// Locks the report and says where it stands (its status code), `None` when it is gone.
pub async fn lock(tx: &mut Tx, report_id: Uuid) -> Result<Option<String>, StoreError> {
    tx.lock(Parent::Report(report_id)).await?;
    let row: Option<(String,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT status FROM reports WHERE id = $1")
        .bind(report_id).fetch_optional(c).await)?;
    Ok(row.map(|r| r.0))
}

#[derive(Clone, Debug)]
pub struct NewReport {
    pub id: Uuid,
    pub case_id: CaseId,
    pub organisation: Uuid,
    pub kind: String,
    pub title: String,
    pub author: PersonId,
    pub at: DateTime<Utc>,
}

/// Starts a concept report.
pub async fn start(tx: &mut Tx, r: &NewReport) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO reports (id, case_id, organisation_id, kind, title, status, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'concept', $6, $7)")
        .bind(r.id).bind(r.case_id).bind(r.organisation).bind(&r.kind).bind(&r.title).bind(r.author).bind(r.at)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// A statement as saved from the editor (all sources optional: a draft may be incomplete).
#[derive(Clone, Debug)]
pub struct Statement {
    pub report_id: Uuid,
    /// `None` for a new statement (it goes last).
    pub id: Option<Uuid>,
    /// The version the writer edited (for an existing statement).
    pub version: i32,
    pub text: String,
    pub kind: String,
    pub observed_at: Option<NaiveDate>,
    pub source_person: Option<PersonId>,
    pub informant: Option<Uuid>,
    pub concerns: Option<PersonId>,
    pub grounds: Vec<Uuid>,
    /// "risico" or "beschermend" (`None`: neither said).
    pub factor: Option<String>,
    /// What an informant said: they agreed it is written down as they said it.
    pub accorded: bool,
    pub at: DateTime<Utc>,
}

/// What saving a statement did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved: the statement's id.
    Done(Uuid),
    /// Someone saved this statement after the writer opened it (their text is kept).
    Stale,
    /// The report is no longer a concept (published meanwhile), or the statement is gone.
    Closed,
}

impl crate::backend::change::Outcome for Saved {
    fn changed(&self) -> bool {
        matches!(self, Saved::Done(_))
    }
}

/// Saves a statement of a concept report and what it rests on. The caller has locked the
/// report ([`lock`]) and checked it is a concept; grounds are checked to be earlier statements
/// of the same report.
pub async fn save(tx: &mut Tx, s: &Statement) -> Result<Saved, StoreError> {
    let id = match s.id {
        Some(id) => {
            let n = on_tx!(tx, c => sqlx::query(
                "UPDATE statements SET text = $1, kind = $2, observed_at = $3, source_person_id = $4, informant_id = $5, \
                        concerns_person_id = $6, factor = $10, accorded = $11, version = version + 1 \
                 WHERE id = $7 AND report_id = $8 AND version = $9 AND responds_to IS NULL")
                .bind(&s.text).bind(&s.kind).bind(s.observed_at).bind(s.source_person).bind(s.informant)
                .bind(s.concerns).bind(id).bind(s.report_id).bind(s.version).bind(&s.factor).bind(s.accorded)
                .execute(c).await.map(|r| r.rows_affected()))?;
            if n == 0 {
                let exists: (bool,) = on_tx!(tx, c => sqlx::query_as(
                    "SELECT EXISTS (SELECT 1 FROM statements WHERE id = $1 AND report_id = $2)")
                    .bind(id).bind(s.report_id).fetch_one(c).await)?;
                return Ok(if exists.0 {
                    Saved::Stale
                } else {
                    Saved::Closed
                });
            }
            on_tx!(tx, c => sqlx::query("DELETE FROM statement_grounds WHERE assessment_id = $1")
                .bind(id).execute(c).await.map(|_| ()))?;
            id
        }
        None => {
            let id = Uuid::new_v4();
            let next: (i32,) = on_tx!(tx, c => sqlx::query_as(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM statements WHERE report_id = $1")
                .bind(s.report_id).fetch_one(c).await)?;
            on_tx!(tx, c => sqlx::query(
                "INSERT INTO statements (id, report_id, seq, text, kind, observed_at, source_person_id, informant_id, concerns_person_id, \
                   factor, accorded, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .bind(id).bind(s.report_id).bind(next.0).bind(&s.text).bind(&s.kind).bind(s.observed_at)
                .bind(s.source_person).bind(s.informant).bind(s.concerns).bind(&s.factor).bind(s.accorded).bind(s.at)
                .execute(c).await.map(|_| ()))?;
            id
        }
    };
    for ground in &s.grounds {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO statement_grounds (assessment_id, ground_id) \
             SELECT $1, g.id FROM statements g WHERE g.id = $2 AND g.report_id = $3 \
               AND g.seq < (SELECT seq FROM statements WHERE id = $1)")
            .bind(id).bind(ground).bind(s.report_id).execute(c).await.map(|_| ()))?;
    }
    clear_review(tx, s.report_id).await?;
    Ok(Saved::Done(id))
}

/// Takes a statement out of a concept report, with what rests on it and what hides it; the
/// statements after it keep their numbers (the family only ever sees the published order,
/// renumbered for what they may read). False when it was already gone.
pub async fn remove(tx: &mut Tx, report_id: Uuid, statement: Uuid) -> Result<bool, StoreError> {
    for sql in [
        "DELETE FROM statement_grounds WHERE assessment_id = $1 OR ground_id = $1",
        "DELETE FROM shieldings WHERE item_id = $1",
    ] {
        on_tx!(tx, c => sqlx::query(sql).bind(statement).execute(c).await.map(|_| ()))?;
    }
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM statements WHERE id = $1 AND report_id = $2 AND responds_to IS NULL")
        .bind(statement).bind(report_id).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        clear_review(tx, report_id).await?;
    }
    Ok(n == 1)
}

/// Records that `reviewer` reviewed a locked concept as its statements are now. Never the
/// author's own review: false then, or when it is no concept any more.
pub async fn review(
    tx: &mut Tx,
    report_id: Uuid,
    reviewer: PersonId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE reports SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3 AND status = 'concept' AND author_id <> $1")
        .bind(reviewer).bind(at).bind(report_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// A change to a concept's statements voids its review: the review was of the text as it was.
async fn clear_review(tx: &mut Tx, report_id: Uuid) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE reports SET reviewed_by = NULL, reviewed_at = NULL WHERE id = $1 AND status = 'concept'")
        .bind(report_id).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Publishes a locked concept: for the family's reaction until `until`, or (`until` = None)
/// final at once.
pub async fn publish(
    tx: &mut Tx,
    report_id: Uuid,
    until: Option<NaiveDate>,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let (status, finalised) = match until {
        Some(_) => ("reactietermijn", None),
        None => ("definitief", Some(at)),
    };
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE reports SET status = $1, reaction_window_until = $2, published_to_client_at = $3, finalised_at = $4 \
         WHERE id = $5 AND status = 'concept'")
        .bind(status).bind(until).bind(at).bind(finalised).bind(report_id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Makes a report whose reaction period ran final; the own views the family added to it are
/// attached to the final version as they are now.
pub async fn finalise(tx: &mut Tx, report_id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE reports SET status = 'definitief', finalised_at = $1 WHERE id = $2 AND status = 'reactietermijn'")
        .bind(at).bind(report_id).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        on_tx!(tx, c => sqlx::query("UPDATE own_views SET included_in_final = TRUE WHERE report_id = $1")
            .bind(report_id).execute(c).await.map(|_| ()))?;
    }
    Ok(n == 1)
}

/// The professionals ever involved in the case: who can have seen something (an observation's
/// observer), as (person, name).
pub async fn observers(db: &Db, case_id: CaseId) -> Result<Vec<(PersonId, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT DISTINCT pe.id, pe.given_name || ' ' || pe.family_name FROM involvements i JOIN people pe ON pe.id = i.person_id \
         WHERE i.case_id = $1 ORDER BY 2")
        .bind(case_id).fetch_all(p).await)?)
}

/// The case's registered informants, as (id, "name or role (relation)").
pub async fn informants(db: &Db, case_id: CaseId) -> Result<Vec<(Uuid, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, name_or_role || ' (' || relation || ')' FROM informants WHERE case_id = $1 ORDER BY contacted_at")
        .bind(case_id).fetch_all(p).await)?)
}

/// A report of an organisation in the family's reaction period.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct OpenReportRow {
    pub id: Uuid,
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub family: String,
    pub title: String,
    pub reaction_window_until: Option<NaiveDate>,
}

/// The organisation's reports in their reaction period on the cases `person` works on today,
/// the period that ends first first (the inbox asks which of them may be made final).
pub async fn in_reaction_period(
    db: &Db,
    organisation: Uuid,
    person: PersonId,
    today: NaiveDate,
) -> Result<Vec<OpenReportRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT r.id, r.case_id, c.family_id, fa.display_name AS family, r.title, r.reaction_window_until \
         FROM reports r JOIN cases c ON c.id = r.case_id JOIN families fa ON fa.id = c.family_id \
         WHERE r.status = 'reactietermijn' AND r.organisation_id = $1 AND r.case_id IN (SELECT i.case_id FROM involvements i \
           WHERE i.person_id = $2 AND i.since <= $3 AND (i.until IS NULL OR i.until >= $3)) \
         ORDER BY r.reaction_window_until, r.title")
        .bind(organisation).bind(person).bind(today).fetch_all(p).await)?)
}
