//! Addresses, phone numbers and e-mail addresses of a case's family members, as its
//! professionals record them (migration 0018). The family reads them on "Wie doen er mee?"
//! through the one visibility rule, so a shielded address never reaches the member it is
//! hidden from: not on a page, not in the download, not in the print view.
use crate::{
    backend::{
        db::{Db, Tx},
        StoreError,
    },
    domain::{AccountId, CaseId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// One current contact detail of a family member.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ContactRow {
    pub id: Uuid,
    pub person_id: PersonId,
    /// "address", "phone" or "email".
    pub kind: String,
    pub value: String,
}

/// The current (not ended) contact details of the case's family, addresses first.
pub async fn current(db: &Db, case_id: CaseId) -> Result<Vec<ContactRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, person_id, kind, value FROM contact_details \
         WHERE case_id = $1 AND ended_at IS NULL ORDER BY kind, recorded_at")
        .bind(case_id).fetch_all(p).await)?)
}

/// One contact detail of the case, current or ended: (whose, kind, ended).
pub async fn find(
    db: &Db,
    case_id: CaseId,
    id: Uuid,
) -> Result<Option<(PersonId, String, bool)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT person_id, kind, ended_at IS NOT NULL FROM contact_details WHERE id = $1 AND case_id = $2")
        .bind(id).bind(case_id).fetch_optional(p).await)?)
}

/// A contact detail as a professional records it.
#[derive(Clone, Debug)]
pub struct NewContact {
    pub id: Uuid,
    pub case_id: CaseId,
    pub person_id: PersonId,
    pub kind: &'static str,
    pub value: String,
    pub by: AccountId,
    pub at: DateTime<Utc>,
}

pub async fn add(tx: &mut Tx, n: &NewContact) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO contact_details (id, case_id, person_id, kind, value, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(n.id).bind(n.case_id).bind(n.person_id).bind(n.kind).bind(&n.value).bind(n.by).bind(n.at)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Ends a current contact detail of the case (moved, new number); false when there was none.
pub async fn end(
    tx: &mut Tx,
    case_id: CaseId,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE contact_details SET ended_at = $3 WHERE id = $1 AND case_id = $2 AND ended_at IS NULL")
        .bind(id).bind(case_id).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The shielding kind of a contact detail (`shieldings.item_kind`).
pub fn shielding_kind(kind: &str) -> &'static str {
    if kind == "address" {
        "address"
    } else {
        "contact_detail"
    }
}
