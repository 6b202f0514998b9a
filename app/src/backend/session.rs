//! Server-side sessions. The cookie holds a 256-bit random token; the table holds only its
//! SHA-256, so a leaked database does not hand out live sessions.
use super::{actor::Actor, db::Db, time::now, StoreError};
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::{domain::Role, on_db};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so reading a page is not a write.
const TOUCH_EVERY: Duration = Duration::seconds(60);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How long the second log-in step may take.
pub const SECOND_STEP_TIMEOUT: Duration = Duration::minutes(10);

/// Starts a session for an account and returns the cookie token. A `pending` session still
/// waits for the second factor and opens nothing else.
pub async fn create(
    db: &Db,
    account_id: AccountId,
    user_agent: &str,
    pending: bool,
) -> Result<String, StoreError> {
    let token = new_token();
    let hash = hash_token(&token);
    let at = now();
    let ua: String = user_agent.chars().take(200).collect();
    on_db!(db, p => sqlx::query("INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, absolute_expires_at, user_agent, second_factor_pending) VALUES ($1, $2, $3, $3, $4, $5, $6)")
        .bind(&hash).bind(account_id).bind(at).bind(at + ABSOLUTE_TIMEOUT).bind(&ua).bind(pending)
        .execute(p).await.map(|_| ()))?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    account_id: AccountId,
    person_id: PersonId,
    role: String,
    organisation_id: Option<Uuid>,
    given_name: String,
    family_name: String,
    last_seen_at: DateTime<Utc>,
    absolute_expires_at: DateTime<Utc>,
    own_case_id: Option<CaseId>,
    own_family_id: Option<FamilyId>,
    own_is_child: Option<bool>,
    own_has_authority: Option<bool>,
    birth_date: Option<chrono::NaiveDate>,
}

/// The actor behind a session token, if the session is live (not ended, idle or expired).
pub async fn resolve(db: &Db, token: &str) -> Result<Option<Actor>, StoreError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let hash = hash_token(token);
    // One query: the session, the account, and — for a family member — their own open case.
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| {
        [
            "SELECT s.account_id, a.person_id, a.role, a.organisation_id, pe.given_name, pe.family_name, s.last_seen_at, s.absolute_expires_at, \
               oc.id AS own_case_id, oc.family_id AS own_family_id, fm.relation = 'child' AS own_is_child, \
               fm.has_parental_authority AS own_has_authority, pe.birth_date \
             FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN people pe ON pe.id = a.person_id \
             LEFT JOIN cases oc ON oc.id = ",
            super::policy::OWN_CASE_SQL,
            " LEFT JOIN family_members fm ON fm.family_id = oc.family_id AND fm.person_id = a.person_id \
             WHERE s.id_hash = $1 AND s.ended_at IS NULL AND NOT s.second_factor_pending AND a.disabled_at IS NULL",
        ]
        .concat()
    });
    let row: Option<SessionRow> = on_db!(db, p => sqlx::query_as(sql.as_str())
        .bind(&hash).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    let at = now();
    if at > row.absolute_expires_at || at - row.last_seen_at > IDLE_TIMEOUT {
        // Expired, not logged out: no one acted, so there is nothing to audit.
        on_db!(db, p => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id_hash = $2 AND ended_at IS NULL")
            .bind(at).bind(&hash).execute(p).await.map(|_| ()))?;
        return Ok(None);
    }
    if at - row.last_seen_at > TOUCH_EVERY {
        on_db!(db, p => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2").bind(at).bind(&hash).execute(p).await.map(|_| ()))?;
    }
    let role =
        Role::parse(&row.role).ok_or_else(|| StoreError::Corrupt(format!("role {}", row.role)))?;
    Ok(Some(Actor {
        account_id: row.account_id,
        person_id: row.person_id,
        role,
        organisation_id: row.organisation_id,
        display_name: format!("{} {}", row.given_name, row.family_name),
        session_hash: hash,
        own_case: match (row.own_case_id, row.own_family_id) {
            (Some(case_id), Some(family_id)) => Some(super::actor::Membership {
                case_id,
                family_id,
                person_id: row.person_id,
                is_child: row.own_is_child.unwrap_or(false),
                has_authority: row.own_has_authority.unwrap_or(false),
                birth: row.birth_date,
            }),
            _ => None,
        },
    }))
}

/// A session that waits for its second factor: the account, the session's hash, and
/// whether it is the one that activation opened (the only one that shows the key to add to
/// an authenticator app).
pub struct Pending {
    pub account_id: AccountId,
    pub hash: String,
    pub enrolling: bool,
}

pub async fn pending(db: &Db, token: &str) -> Result<Option<Pending>, StoreError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let hash = hash_token(token);
    let row: Option<(AccountId, bool)> = on_db!(db, p => sqlx::query_as(
        "SELECT s.account_id, s.enrolling FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id_hash = $1 AND s.ended_at IS NULL AND s.second_factor_pending AND s.created_at > $2 AND a.disabled_at IS NULL")
        .bind(&hash).bind(now() - SECOND_STEP_TIMEOUT).fetch_optional(p).await)?;
    Ok(row.map(|(account_id, enrolling)| Pending {
        account_id,
        hash,
        enrolling,
    }))
}

/// The pending session that activating a staff account opens, inside the activation's
/// transaction: its code page shows the new key once, right after the password was chosen.
pub async fn create_enrolling(
    tx: &mut super::db::Tx,
    account_id: AccountId,
    user_agent: &str,
) -> Result<String, StoreError> {
    let token = new_token();
    let at = now();
    let ua: String = user_agent.chars().take(200).collect();
    crate::on_tx!(tx, c => sqlx::query("INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, absolute_expires_at, user_agent, second_factor_pending, enrolling) VALUES ($1, $2, $3, $3, $4, $5, TRUE, TRUE)")
        .bind(hash_token(&token)).bind(account_id).bind(at).bind(at + ABSOLUTE_TIMEOUT).bind(&ua)
        .execute(c).await.map(|_| ()))?;
    Ok(token)
}

/// The second factor was given: the pending session ends and a NEW session (a new token)
/// opens the account, so a token seen before the second step (on a shared computer, in a
/// log) is worth nothing after it. The audit row is written in the same transaction.
/// `None` when the pending session ended in the meantime (a second tab).
pub async fn complete_second_factor(
    db: &Db,
    pending_hash: &str,
    event: super::audit::AuditEvent,
) -> Result<Option<String>, StoreError> {
    let pending_hash = pending_hash.to_string();
    let token = new_token();
    let hash = hash_token(&token);
    super::change::change(db, event, move |tx| {
        let (pending_hash, hash, token) = (pending_hash.clone(), hash.clone(), token.clone());
        Box::pin(async move {
            let at = now();
            let old: Option<(Uuid, String)> = crate::on_tx!(tx, c => sqlx::query_as(
                "UPDATE sessions SET ended_at = $1 WHERE id_hash = $2 AND ended_at IS NULL AND second_factor_pending \
                 RETURNING account_id, user_agent")
                .bind(at).bind(&pending_hash).fetch_optional(&mut *c).await)?;
            let Some((account_id, ua)) = old else {
                return Ok(None);
            };
            crate::on_tx!(tx, c => sqlx::query("INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, absolute_expires_at, user_agent, second_factor_pending) VALUES ($1, $2, $3, $3, $4, $5, FALSE)")
                .bind(&hash).bind(account_id).bind(at).bind(at + ABSOLUTE_TIMEOUT).bind(&ua)
                .execute(&mut *c).await.map(|_| ()))?;
            Ok(Some(token))
        })
    })
    .await
}

/// Removes sessions that ended or expired more than a day before `at` (the day lets a
/// "you were logged out" page still find nothing odd), and returns how many went.
pub async fn prune(db: &Db, at: DateTime<Utc>) -> Result<u64, StoreError> {
    let before = at - Duration::days(1);
    Ok(on_db!(db, p => sqlx::query(
        "DELETE FROM sessions WHERE ended_at < $1 OR absolute_expires_at < $1 OR last_seen_at < $2")
        .bind(before).bind(before - IDLE_TIMEOUT).execute(p).await.map(|r| r.rows_affected()))?)
}

/// Logs a session out; false when it had ended already (a second tab, a double click).
pub async fn end(tx: &mut super::db::Tx, hash: &str) -> Result<bool, StoreError> {
    let n = crate::on_tx!(tx, c => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id_hash = $2 AND ended_at IS NULL")
        .bind(now()).bind(hash).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Ends every session of an account except `keep` (after a password change).
/// In the transaction that changes the password, so both happen or neither.
pub async fn end_others(
    tx: &mut super::db::Tx,
    account_id: AccountId,
    keep: &str,
) -> Result<(), StoreError> {
    crate::on_tx!(tx, c => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE account_id = $2 AND id_hash <> $3 AND ended_at IS NULL")
        .bind(now()).bind(account_id).bind(keep).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// `__Host-` binds the cookie to this exact origin over HTTPS; plain HTTP (local runs) cannot use it.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-helder_session"
    } else {
        "helder_session"
    }
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct LiveSession {
    pub id_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub user_agent: String,
}

/// An account's live sessions (not ended, idle or expired), newest first.
pub async fn list_live(db: &Db, account_id: AccountId) -> Result<Vec<LiveSession>, StoreError> {
    let at = now();
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT id_hash, created_at, last_seen_at, user_agent FROM sessions \
         WHERE account_id = $1 AND ended_at IS NULL AND NOT second_factor_pending AND absolute_expires_at > $2 AND last_seen_at > $3 ORDER BY created_at DESC")
        .bind(account_id).bind(at).bind(at - IDLE_TIMEOUT).fetch_all(p).await)?)
}

/// The short handle a session is shown and ended by (a prefix of its hash, never the token).
pub fn handle(id_hash: &str) -> &str {
    &id_hash[..16.min(id_hash.len())]
}

/// Ends one of the account's own sessions by handle; false when there was none to end.
pub async fn end_own(
    tx: &mut super::db::Tx,
    account_id: AccountId,
    handle: &str,
) -> Result<bool, StoreError> {
    if handle.len() != 16 || !handle.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(false);
    }
    let done = crate::on_tx!(tx, c => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE account_id = $2 AND substr(id_hash, 1, 16) = $3 AND ended_at IS NULL")
        .bind(now()).bind(account_id).bind(handle).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done > 0)
}
