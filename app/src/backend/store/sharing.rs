//! Who else may read a family member's dossier: confidants they chose (delegations) and, for
//! a young person of 16+, the parents they consented to.
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::{
    backend::{
        db::{Db, Tx},
        StoreError,
    },
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct DelegationRow {
    pub id: Uuid,
    pub grantee: String,
    pub grantee_org: Option<String>,
    pub grantee_role: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The live delegations a family member gave on a case.
pub async fn delegations_by(
    db: &Db,
    case_id: CaseId,
    granted_by: PersonId,
    now: DateTime<Utc>,
) -> Result<Vec<DelegationRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT d.id, pe.given_name || ' ' || pe.family_name AS grantee, o.name AS grantee_org, d.grantee_role, d.created_at, d.expires_at \
         FROM delegations d JOIN accounts a ON a.id = d.grantee_account_id JOIN people pe ON pe.id = a.person_id \
         LEFT JOIN organisations o ON o.id = a.organisation_id \
         WHERE d.case_id = $1 AND d.granted_by = $2 AND d.revoked_at IS NULL AND d.expires_at > $3 ORDER BY d.created_at")
        .bind(case_id).bind(granted_by).bind(now).fetch_all(p).await)?)
}

/// The confidant account behind a username (vertrouwenspersoon or lawyer), if any.
pub async fn confidant(db: &Db, username: &str) -> Result<Option<(AccountId, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT a.id, pe.given_name || ' ' || pe.family_name FROM accounts a JOIN people pe ON pe.id = a.person_id \
         WHERE a.username = $1 AND a.role = 'confidant' AND a.disabled_at IS NULL")
        .bind(username).fetch_optional(p).await)?)
}

pub struct NewDelegation {
    pub case_id: CaseId,
    pub granted_by: PersonId,
    pub grantee_account_id: AccountId,
    pub grantee_role: &'static str,
    pub at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Shares the case with a confidant. Each share is its own period, listed and stopped on
/// its own.
pub async fn delegate(tx: &mut Tx, d: &NewDelegation) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    on_tx!(tx, c => sqlx::query("INSERT INTO delegations (id, case_id, granted_by, grantee_account_id, grantee_role, scope, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, 'read_all', $6, $7)")
            .bind(id).bind(d.case_id).bind(d.granted_by).bind(d.grantee_account_id).bind(d.grantee_role).bind(d.at).bind(d.expires_at)
            .execute(c).await.map(|_| ()))?;
    Ok(id)
}

/// Ends a share the member gave on the case; false when there is no such live share.
pub async fn revoke(
    tx: &mut Tx,
    id: Uuid,
    case_id: CaseId,
    granted_by: PersonId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE delegations SET revoked_at = $1 WHERE id = $2 AND case_id = $3 AND granted_by = $4 AND revoked_at IS NULL")
        .bind(at).bind(id).bind(case_id).bind(granted_by).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct SharedCaseRow {
    pub case_id: CaseId,
    pub reference: String,
    pub family: String,
    pub shared_by: String,
    pub expires_at: DateTime<Utc>,
}

/// The dossiers shared with a confidant now.
pub async fn shared_with(
    db: &Db,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<Vec<SharedCaseRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT c.id AS case_id, c.reference, f.display_name AS family, pe.given_name || ' ' || pe.family_name AS shared_by, d.expires_at \
         FROM delegations d JOIN cases c ON c.id = d.case_id JOIN families f ON f.id = c.family_id JOIN people pe ON pe.id = d.granted_by \
         WHERE d.grantee_account_id = $1 AND d.revoked_at IS NULL AND d.expires_at > $2 ORDER BY d.created_at DESC")
        .bind(account_id).bind(now).fetch_all(p).await)?)
}

/// The parents in the child's family and whether each may read the child's part now.
pub async fn parents_and_consent(
    db: &Db,
    family_id: FamilyId,
    child: PersonId,
) -> Result<Vec<(PersonId, String, bool)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT pe.id, pe.given_name || ' ' || pe.family_name, EXISTS (SELECT 1 FROM consents co \
           WHERE co.child_person_id = $2 AND co.parent_person_id = pe.id AND co.withdrawn_at IS NULL) \
         FROM family_members fm JOIN people pe ON pe.id = fm.person_id \
         WHERE fm.family_id = $1 AND fm.relation <> 'child' ORDER BY pe.given_name")
        .bind(family_id).bind(child).fetch_all(p).await)?)
}

/// Gives or withdraws a parent's consent; false when nothing changed. At most one consent per
/// pair is live (the `consents_live` index), so two "give"s at once store one: the second
/// waits for the first and then does nothing. Withdrawing ends the live one only once.
pub async fn set_consent(
    tx: &mut Tx,
    child: PersonId,
    parent: PersonId,
    give: bool,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = if give {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO consents (id, child_person_id, parent_person_id, given_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(Uuid::new_v4()).bind(child).bind(parent).bind(at).execute(c).await.map(|r| r.rows_affected()))?
    } else {
        on_tx!(tx, c => sqlx::query(
            "UPDATE consents SET withdrawn_at = $1 WHERE child_person_id = $2 AND parent_person_id = $3 AND withdrawn_at IS NULL")
            .bind(at).bind(child).bind(parent).execute(c).await.map(|r| r.rows_affected()))?
    };
    Ok(n > 0)
}
