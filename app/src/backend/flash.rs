//! Server-side storage of form state for posts made without JavaScript: what `crate::forms`
//! keeps for the page a post returns to, behind a random cookie token, shown once.
use super::{db::Db, sealed::ServerKey, session::hash_token, time::now, StoreError};
use crate::on_db;
use axum::http::header;
use chrono::Duration;
use leptos::prelude::use_context;

/// Flashes older than this are ignored and cleaned up.
pub const LIFETIME: Duration = Duration::minutes(10);

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-helder_flash"
    } else {
        "helder_flash"
    }
}

/// Reads and deletes the flash behind a cookie token (it is shown once). Only the token opens
/// its payload (see [`store`]).
pub async fn take(db: &Db, token: &str) -> Result<Option<(String, String)>, StoreError> {
    let hash = hash_token(token);
    let row: Option<(String, String)> = on_db!(db, p => sqlx::query_as("DELETE FROM form_flash WHERE id_hash = $1 AND created_at > $2 RETURNING form, payload")
        .bind(&hash).bind(now() - LIFETIME).fetch_optional(p).await)?;
    let key = ServerKey::from_token(token);
    Ok(row.and_then(|(form, sealed)| {
        let payload = key.open_for(form.as_bytes(), &sealed)?;
        Some((form, payload))
    }))
}

/// Removes flashes past their lifetime at `at` (one that was shown is deleted then already).
pub async fn prune(db: &Db, at: chrono::DateTime<chrono::Utc>) -> Result<u64, StoreError> {
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM form_flash WHERE created_at < $1")
        .bind(at - LIFETIME).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

/// Keeps a form's state (`payload`, JSON) and returns the cookie token that finds it again.
/// The payload is sealed with a key made from that token, which the database never holds:
/// what the page shows once (typed values, a new API client's key, half an activation code)
/// is not readable from the database or its backups.
pub async fn store(db: &Db, form: &str, payload: &str) -> Result<String, StoreError> {
    let token = super::session::new_token();
    let payload = &ServerKey::from_token(&token).seal_for(form.as_bytes(), payload);
    let at = now();
    on_db!(db, p => {
        sqlx::query("DELETE FROM form_flash WHERE created_at < $1").bind(at - LIFETIME).execute(p).await?;
        sqlx::query("INSERT INTO form_flash (id_hash, form, payload, created_at) VALUES ($1, $2, $3, $4)")
            .bind(hash_token(&token)).bind(form).bind(payload).bind(at).execute(p).await.map(|_| ())
    })?;
    Ok(token)
}

/// True when the browser posted the form itself (no JavaScript): it asks for HTML back.
pub fn is_plain_form_post() -> bool {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}
