//! The import API's clients: an organisation's own case systems (migration 0020). An
//! administrator makes one with a name, scopes and an expiry; its token is shown once and kept
//! only as a hash (`session::hash_token`), so a copy of the database lets no one call the API.
use crate::{
    backend::{
        actor::{ApiClient, ApiScope},
        db::{Db, Tx},
        StoreError,
    },
    domain::AccountId,
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A client as its organisation's administrator sees it (never its token).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ClientRow {
    pub id: Uuid,
    pub name: String,
    pub scopes: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The organisation's clients, newest first.
pub async fn list(db: &Db, organisation: Uuid) -> Result<Vec<ClientRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id, name, scopes, created_at, expires_at, rotated_at, revoked_at FROM api_clients \
         WHERE organisation_id = $1 ORDER BY created_at DESC")
        .bind(organisation).fetch_all(p).await)?)
}

#[derive(Clone, Debug)]
pub struct NewClient {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub scopes: Vec<ApiScope>,
    pub token_hash: String,
    pub by: AccountId,
    pub at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

fn scope_codes(scopes: &[ApiScope]) -> String {
    scopes
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn create(tx: &mut Tx, n: &NewClient) -> Result<(), StoreError> {
    let scopes = scope_codes(&n.scopes);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO api_clients (id, organisation_id, name, scopes, token_hash, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(n.id).bind(n.organisation_id).bind(&n.name).bind(&scopes).bind(&n.token_hash)
        .bind(n.by).bind(n.at).bind(n.expires_at).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// A new token for a client of the organisation that is not revoked: the old one stops
/// working at once. False when there is no such client.
pub async fn rotate(
    tx: &mut Tx,
    organisation: Uuid,
    id: Uuid,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => sqlx::query(
        "UPDATE api_clients SET token_hash = $1, rotated_at = $2 \
         WHERE id = $3 AND organisation_id = $4 AND revoked_at IS NULL")
        .bind(token_hash).bind(at).bind(id).bind(organisation).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Revokes a client of the organisation for good. False when there is no such client or it
/// was revoked already (revoking twice changes nothing).
pub async fn revoke(
    tx: &mut Tx,
    organisation: Uuid,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let done = on_tx!(tx, c => sqlx::query(
        "UPDATE api_clients SET revoked_at = $1 WHERE id = $2 AND organisation_id = $3 AND revoked_at IS NULL")
        .bind(at).bind(id).bind(organisation).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Whether the organisation has this client (revoked or not).
pub async fn exists(db: &Db, organisation: Uuid, id: Uuid) -> Result<bool, StoreError> {
    let row: Option<(i32,)> = on_db!(db, p => sqlx::query_as(
        "SELECT 1 FROM api_clients WHERE id = $1 AND organisation_id = $2")
        .bind(id).bind(organisation).fetch_optional(p).await)?;
    Ok(row.is_some())
}

/// The client whose token this is, when it is neither revoked nor expired.
pub async fn by_token(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<ApiClient>, StoreError> {
    let row: Option<(Uuid, Uuid, Option<String>, String, String)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.organisation_id, o.rsin, c.name, c.scopes FROM api_clients c \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.token_hash = $1 AND c.revoked_at IS NULL AND c.expires_at > $2")
        .bind(token_hash).bind(now).fetch_optional(p).await)?;
    Ok(
        row.map(|(id, organisation_id, rsin, name, scopes)| ApiClient {
            id,
            organisation_id,
            rsin,
            name,
            scopes: scopes.split(' ').filter_map(ApiScope::parse).collect(),
        }),
    )
}
