//! Whole-dossier grants for parents without parental authority (see `pages::full_information`).
//! Every function is scoped by the granted case.
use crate::domain::{AccountId, CaseId, PersonId};
use crate::{
    backend::{db::Db, db::Tx, StoreError},
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ParentRow {
    pub person_id: PersonId,
    pub name: String,
    pub granted_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    pub granted_by: Option<String>,
}

/// The case family's parents without parental authority, with their open grant if any.
pub async fn parents_without_authority(
    db: &Db,
    case_id: CaseId,
) -> Result<Vec<ParentRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT pe.id AS person_id, pe.given_name || ' ' || pe.family_name AS name, g.granted_at, g.reason, \
           gp.given_name || ' ' || gp.family_name AS granted_by \
         FROM cases c JOIN family_members fm ON fm.family_id = c.family_id JOIN people pe ON pe.id = fm.person_id \
         LEFT JOIN full_information_grants g ON g.case_id = c.id AND g.person_id = pe.id AND g.ended_at IS NULL \
         LEFT JOIN accounts ga ON ga.id = g.granted_by LEFT JOIN people gp ON gp.id = ga.person_id \
         WHERE c.id = $1 AND fm.relation <> 'child' AND fm.has_parental_authority = FALSE ORDER BY pe.given_name")
        .bind(case_id).fetch_all(p).await)?)
}

/// Opens the whole dossier; false when it already was open (the partial unique index keeps
/// one open grant per person and case, also when two professionals click at once).
pub async fn open(
    tx: &mut Tx,
    case_id: CaseId,
    person_id: PersonId,
    reason: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO full_information_grants (id, case_id, person_id, reason, granted_by, granted_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, person_id) WHERE ended_at IS NULL DO NOTHING")
        .bind(Uuid::new_v4()).bind(case_id).bind(person_id).bind(reason).bind(by).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Closes it again; false when it was not open.
pub async fn close(
    tx: &mut Tx,
    case_id: CaseId,
    person_id: PersonId,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE full_information_grants SET ended_at = $3, ended_by = $4 \
         WHERE case_id = $1 AND person_id = $2 AND ended_at IS NULL")
        .bind(case_id).bind(person_id).bind(at).bind(by)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
