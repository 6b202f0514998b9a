//! Who works on a case, as its professionals record it: adding a professional with a role and
//! a period, ending an involvement, and the two marks a family relies on — the vaste
//! contactpersoon and who is responsible now — each held by one involvement at a time (unique
//! indexes, migrations 0001 and 0014). The family's "Wie doen er mee?" reads the same rows
//! (`store::people::involved`).
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        StoreError,
    },
    domain::{CaseId, PersonId},
    on_db, on_tx,
};
use chrono::NaiveDate;
use uuid::Uuid;

/// One involvement as the professionals of the case manage it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct InvolvementRow {
    pub id: Uuid,
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub organisation_id: Uuid,
    pub organisation: String,
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub is_responsible_now: bool,
    pub is_contact_person: bool,
}

/// The case's involvements that run today or start later, the responsible one first.
pub async fn current(
    db: &Db,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<Vec<InvolvementRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT i.id, i.person_id, pe.given_name, pe.family_name, i.organisation_id, o.name AS organisation, i.role, \
           i.since, i.until, i.is_responsible_now, i.is_contact_person \
         FROM involvements i JOIN people pe ON pe.id = i.person_id JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.case_id = $1 AND (i.until IS NULL OR i.until >= $2) \
         ORDER BY i.is_responsible_now DESC, i.is_contact_person DESC, o.name, pe.family_name, pe.given_name")
        .bind(case_id).bind(today).fetch_all(p).await)?)
}

/// A professional who can be added to a case.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CandidateRow {
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub job_title: Option<String>,
    pub organisation_id: Uuid,
    pub organisation: String,
}

/// A professional with a working account, and their organisation.
const PROFESSIONALS: &str = "SELECT pe.id AS person_id, pe.given_name, pe.family_name, a.job_title, o.id AS organisation_id, o.name AS organisation \
     FROM accounts a JOIN people pe ON pe.id = a.person_id JOIN organisations o ON o.id = a.organisation_id \
     WHERE a.role = 'professional' AND a.disabled_at IS NULL";

/// Professionals with a working account who are not involved in the case today or later.
pub async fn candidates(
    db: &Db,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<Vec<CandidateRow>, StoreError> {
    let sql = format!(
        "{PROFESSIONALS} AND NOT EXISTS (SELECT 1 FROM involvements i WHERE i.case_id = $1 AND i.person_id = pe.id \
           AND (i.until IS NULL OR i.until >= $2)) ORDER BY o.name, pe.family_name, pe.given_name"
    );
    Ok(on_db!(db, p => sqlx::query_as(&sql).bind(case_id).bind(today).fetch_all(p).await)?)
}

/// The professional with this person id (whether or not involved: [`add`] decides that under
/// the case lock, so two additions at once are told "already involved", not "choose someone").
pub async fn professional(db: &Db, person: PersonId) -> Result<Option<CandidateRow>, StoreError> {
    let sql = format!("{PROFESSIONALS} AND pe.id = $1");
    Ok(on_db!(db, p => sqlx::query_as(&sql).bind(person).fetch_optional(p).await)?)
}

/// The professional with this username, in any organisation (the import API names people so):
/// whom an organisation may add to its case is then decided by the screen's rule
/// (`pages::involvement::commands::Scope::may_add`).
pub async fn professional_named(
    db: &Db,
    username: &str,
) -> Result<Option<CandidateRow>, StoreError> {
    let sql = format!("{PROFESSIONALS} AND a.username = $1");
    Ok(on_db!(db, p => sqlx::query_as(&sql).bind(username).fetch_optional(p).await)?)
}

/// An involvement as a professional records it.
#[derive(Clone, Debug)]
pub struct NewInvolvement {
    pub id: Uuid,
    pub case_id: CaseId,
    pub person_id: PersonId,
    pub organisation_id: Uuid,
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    /// Involvements that end before this day no longer count as running.
    pub today: NaiveDate,
}

/// Adds the involvement; `false` when the person is already involved today or later (another
/// professional added them first). The case row is locked, so two additions of one person at
/// once are taken one after the other.
pub async fn add(tx: &mut Tx, n: &NewInvolvement) -> Result<bool, StoreError> {
    tx.lock(Parent::Case(n.case_id)).await?;
    let (running,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM involvements WHERE case_id = $1 AND person_id = $2 AND (until IS NULL OR until >= $3)")
        .bind(n.case_id).bind(n.person_id).bind(n.today).fetch_one(c).await)?;
    if running > 0 {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO involvements (id, case_id, person_id, organisation_id, role, since, until) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(n.id).bind(n.case_id).bind(n.person_id).bind(n.organisation_id).bind(&n.role).bind(n.since).bind(n.until)
        .execute(c).await.map(|_| ()))?;
    Ok(true)
}

/// Ends an involvement on `until` (its last day). Whoever ends gives up the marks: the family
/// never reads "responsible now" or "contact person" next to someone who has gone. `false`
/// when it had already ended by then.
pub async fn end(
    tx: &mut Tx,
    case_id: CaseId,
    id: Uuid,
    until: NaiveDate,
) -> Result<bool, StoreError> {
    tx.lock(Parent::Case(case_id)).await?;
    let changed = on_tx!(tx, c => sqlx::query(
        "UPDATE involvements SET until = $3, is_responsible_now = FALSE, is_contact_person = FALSE \
         WHERE id = $1 AND case_id = $2 AND (until IS NULL OR until > $3) AND since <= $3")
        .bind(id).bind(case_id).bind(until).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}

/// The two marks of a case, each held by one involvement at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Who is responsible now (`is_responsible_now`).
    Responsible,
    /// The vaste contactpersoon (`is_contact_person`).
    Contact,
}

impl Mark {
    fn column(self) -> &'static str {
        match self {
            Mark::Responsible => "is_responsible_now",
            Mark::Contact => "is_contact_person",
        }
    }
}

/// The involvement that holds a mark now.
pub async fn holder(tx: &mut Tx, case_id: CaseId, mark: Mark) -> Result<Option<Uuid>, StoreError> {
    let sql = format!(
        "SELECT id FROM involvements WHERE case_id = $1 AND {}",
        mark.column()
    );
    let row: Option<(Uuid,)> =
        on_tx!(tx, c => sqlx::query_as(&sql).bind(case_id).fetch_optional(c).await)?;
    Ok(row.map(|r| r.0))
}

/// Moves a mark to the involvement `to` (one that runs today). `was` is who held it when the
/// professional looked: when someone else moved it meanwhile, nothing changes and the answer
/// is `false` (as it is when `to` already holds it). The case row is locked first, so two
/// professionals moving a mark at once are taken one after the other.
pub async fn mark(
    tx: &mut Tx,
    case_id: CaseId,
    mark: Mark,
    to: Uuid,
    was: Option<Uuid>,
    today: NaiveDate,
) -> Result<bool, StoreError> {
    tx.lock(Parent::Case(case_id)).await?;
    let now = holder(tx, case_id, mark).await?;
    if now != was || now == Some(to) {
        return Ok(false);
    }
    let column = mark.column();
    let clear = format!("UPDATE involvements SET {column} = FALSE WHERE case_id = $1 AND {column}");
    on_tx!(tx, c => sqlx::query(&clear).bind(case_id).execute(c).await.map(|_| ()))?;
    let set = format!(
        "UPDATE involvements SET {column} = TRUE WHERE id = $1 AND case_id = $2 AND since <= $3 AND (until IS NULL OR until >= $3)"
    );
    let changed = on_tx!(tx, c => sqlx::query(&set).bind(to).bind(case_id).bind(today)
        .execute(c).await.map(|r| r.rows_affected()))?;
    // `to` does not run today: the transaction is rolled back with the cleared mark.
    Ok(changed == 1)
}
