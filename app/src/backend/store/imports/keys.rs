//! The import API's idempotency records: the first answer to a client's request with an
//! `Idempotency-Key`, given again for the same key and content (migration 0020).
use crate::{
    backend::{db::Tx, Db, StoreError},
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A stored answer to a request with an `Idempotency-Key`: (request hash, status, ETag, body).
pub type Remembered = (String, i32, Option<String>, String);

pub async fn remembered(
    tx: &mut Tx,
    client: Uuid,
    key: &str,
) -> Result<Option<Remembered>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT request_hash, status, etag, body FROM api_idempotency WHERE client_id = $1 AND idempotency_key = $2")
        .bind(client).bind(key).fetch_optional(c).await)?)
}

/// How long a client's `Idempotency-Key` answers with the first answer (a client retries
/// within minutes; a day covers an outage). After that the same key is a new request, which
/// for the same content changes nothing anyway.
pub const KEY_LIFETIME: chrono::Duration = chrono::Duration::hours(24);

/// Forgets the idempotency records older than [`KEY_LIFETIME`] (housekeeping).
pub async fn prune_keys(db: &Db, at: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM api_idempotency WHERE created_at < $1")
        .bind(at - KEY_LIFETIME).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

#[allow(clippy::too_many_arguments)]
pub async fn remember(
    tx: &mut Tx,
    client: Uuid,
    key: &str,
    request_hash: &str,
    status: u16,
    etag: Option<&str>,
    body: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO api_idempotency (client_id, idempotency_key, request_hash, status, etag, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(client).bind(key).bind(request_hash).bind(i32::from(status)).bind(etag).bind(body).bind(at)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}
