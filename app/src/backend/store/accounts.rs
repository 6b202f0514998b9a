//! Accounts as their owners and administrators manage them: invitations with single-use
//! activation codes, choosing a username and password, the second factor, disabling.
use crate::domain::{AccountId, CaseId, PersonId};
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        session::hash_token,
        time::now,
        StoreError,
    },
    on_db, on_tx,
};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// How long an activation code can be used.
pub const CODE_LIFETIME: Duration = Duration::days(7);

/// A new activation code: 128 random bits in base32, in groups of four for reading aloud.
pub fn new_code() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let plain = data_encoding::BASE32_NOPAD.encode(&bytes);
    plain
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A family member's code in two halves (13 base32 characters, 65 bits each): the letter the
/// professional prints and the text message to the family member's phone. Either half alone
/// opens nothing; typed one after the other (or in two fields) they are the whole code.
pub fn split_code(code: &str) -> (String, String) {
    let norm: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let mid = norm.len() / 2;
    (group(&norm[..mid]), group(&norm[mid..]))
}

fn group(plain: &str) -> String {
    plain
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The stored form of a code: hashed, and indifferent to case, spaces and dashes as typed.
pub fn code_hash(code: &str) -> String {
    let norm: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hash_token(&norm)
}

pub struct NewInvite<'a> {
    pub person_id: PersonId,
    pub role: &'a str,
    pub organisation_id: Option<Uuid>,
    pub job_title: Option<&'a str>,
    /// A new second-factor key (plain base32); it is stored sealed with `server_key`.
    pub totp_secret: Option<String>,
    pub server_key: &'a crate::backend::sealed::ServerKey,
    pub created_by: AccountId,
}

/// Creates (or reuses) the person's not yet activated account and a fresh activation code;
/// earlier unused codes for it stop working. Returns the code (shown once, stored hashed), or
/// `None` when the person's account was activated in the meantime.
///
/// Two invitations for one person at the same moment: the account is created with
/// `ON CONFLICT (person_id) DO NOTHING` (one account per person), then its row is locked
/// (PostgreSQL; SQLite has one writer) before the old codes are voided, so the second
/// invitation voids the first one's code and one code stays live (`activation_codes_live`).
pub async fn invite(tx: &mut Tx, inv: &NewInvite<'_>) -> Result<Option<String>, StoreError> {
    let at = now();
    let id = AccountId::fresh();
    let placeholder = format!("uitnodiging-{}", &id.0.simple().to_string()[..12]);
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO accounts (id, person_id, username, password_hash, role, organisation_id, job_title, totp_secret, created_at) \
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8) ON CONFLICT (person_id) DO NOTHING")
        .bind(id).bind(inv.person_id).bind(placeholder).bind(inv.role).bind(inv.organisation_id)
        .bind(inv.job_title).bind(inv.totp_secret.as_deref().map(|t| inv.server_key.seal(id, t)))
        .bind(at).execute(c).await.map(|_| ()))?;
    let (account_id,): (AccountId,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT id FROM accounts WHERE person_id = $1")
        .bind(inv.person_id).fetch_one(c).await)?;
    tx.lock(Parent::Account(account_id)).await?;
    // Read after the lock: an activation that was under way has finished by now.
    let (activated,): (bool,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT password_hash IS NOT NULL FROM accounts WHERE id = $1")
        .bind(account_id).fetch_one(c).await)?;
    if activated {
        return Ok(None);
    }
    let code = new_code();
    on_tx!(tx, c => {
        sqlx::query("UPDATE activation_codes SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
            .bind(at).bind(account_id).execute(&mut *c).await?;
        sqlx::query("INSERT INTO activation_codes (id, account_id, code_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(Uuid::new_v4()).bind(account_id).bind(code_hash(&code)).bind(inv.created_by).bind(at).bind(at + CODE_LIFETIME)
            .execute(&mut *c).await.map(|_| ())
    })?;
    Ok(Some(code))
}

/// What a live activation code opens: the code's row, the account, whether that account has
/// a second-factor key (staff), and who handed out the code (shown to the person activating).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct Invitation {
    pub code_id: Uuid,
    pub account_id: AccountId,
    pub has_second_factor: bool,
    pub inviter: String,
    pub inviter_organisation: Option<String>,
}

/// The invitation a live activation code opens, if any.
pub async fn account_for_code(db: &Db, code: &str) -> Result<Option<Invitation>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT ac.id AS code_id, ac.account_id, a.totp_secret IS NOT NULL AS has_second_factor, \
           cp.given_name || ' ' || cp.family_name AS inviter, o.name AS inviter_organisation \
         FROM activation_codes ac JOIN accounts a ON a.id = ac.account_id \
         JOIN accounts cb ON cb.id = ac.created_by JOIN people cp ON cp.id = cb.person_id \
         LEFT JOIN organisations o ON o.id = cb.organisation_id \
         WHERE ac.code_hash = $1 AND ac.used_at IS NULL AND ac.expires_at > $2 AND a.disabled_at IS NULL")
        .bind(code_hash(code)).bind(now()).fetch_optional(p).await)?)
}

pub async fn username_taken(db: &Db, username: &str) -> Result<bool, StoreError> {
    let (n,): (i64,) = on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE username = $1")
        .bind(username).fetch_one(p).await)?;
    Ok(n > 0)
}

/// What [`activate`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Done,
    /// The code was used in the meantime (two tabs).
    CodeUsed,
    /// Someone else took the username in the meantime.
    UsernameTaken,
}

/// Only a finished activation is kept: a refused one rolls back (the code stays usable).
impl crate::backend::change::Outcome for Activation {
    fn changed(&self) -> bool {
        *self == Activation::Done
    }
}

/// Uses the code (once) and sets the chosen username and password. The account is locked
/// first, in the same order as [`invite`] (account, then its codes), so an invitation at the
/// same moment waits instead of deadlocking. The username is checked again inside the
/// transaction: when two people pick the same name at once, the second one's insert fails on
/// the unique index, the write runs again and this check then refuses it clearly.
pub async fn activate(
    tx: &mut Tx,
    code_id: Uuid,
    account_id: AccountId,
    username: &str,
    password_hash: &str,
    at: DateTime<Utc>,
) -> Result<Activation, StoreError> {
    tx.lock(Parent::Account(account_id)).await?;
    let used = on_tx!(tx, c => sqlx::query("UPDATE activation_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(at).bind(code_id).execute(c).await.map(|r| r.rows_affected()))?;
    if used != 1 {
        return Ok(Activation::CodeUsed);
    }
    let taken: Option<(Uuid,)> = on_tx!(tx, c => sqlx::query_as("SELECT id FROM accounts WHERE username = $1 AND id <> $2")
        .bind(username).bind(account_id).fetch_optional(c).await)?;
    if taken.is_some() {
        return Ok(Activation::UsernameTaken);
    }
    on_tx!(tx, c => sqlx::query("UPDATE accounts SET username = $1, password_hash = $2, password_changed_at = $3 WHERE id = $4")
        .bind(username).bind(password_hash).bind(at).bind(account_id).execute(c).await.map(|_| ()))?;
    Ok(Activation::Done)
}

pub async fn username(db: &Db, account_id: AccountId) -> Result<String, StoreError> {
    let (name,): (String,) = on_db!(db, p => sqlx::query_as("SELECT username FROM accounts WHERE id = $1")
        .bind(account_id).fetch_one(p).await)?;
    Ok(name)
}

pub async fn password_hash(db: &Db, account_id: AccountId) -> Result<Option<String>, StoreError> {
    let row: Option<(Option<String>,)> = on_db!(db, p => sqlx::query_as("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(account_id).fetch_optional(p).await)?;
    Ok(row.and_then(|r| r.0))
}

pub async fn set_password(
    tx: &mut Tx,
    account_id: AccountId,
    hash: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(hash).bind(at).bind(account_id).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// The second factor of an account: (base32 secret, last step used). The key is stored
/// sealed; a plain one (from before sealing) is sealed now, on its first use.
pub async fn second_factor(
    db: &Db,
    key: &crate::backend::sealed::ServerKey,
    account_id: AccountId,
) -> Result<Option<(String, Option<i64>)>, StoreError> {
    let row: Option<(Option<String>, Option<i64>)> = on_db!(db, p => sqlx::query_as(
        "SELECT totp_secret, totp_last_step FROM accounts WHERE id = $1")
        .bind(account_id).fetch_optional(p).await)?;
    let Some((Some(stored), last)) = row else {
        return Ok(None);
    };
    if !crate::backend::sealed::is_sealed(&stored) {
        crate::backend::sealed::seal_one(db, key, account_id, &stored).await?;
    }
    let plain = key.open(account_id, &stored).ok_or_else(|| {
        StoreError::Corrupt("a second-factor key does not open with HELDER_SECRET_KEY".into())
    })?;
    Ok(Some((plain, last)))
}

/// Records a used step, only if it is newer than the last one (so a code works once, even
/// when two requests race).
pub async fn use_step(db: &Db, account_id: AccountId, step: i64) -> Result<bool, StoreError> {
    let n = on_db!(db, p => sqlx::query(
        "UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)")
        .bind(step).bind(account_id).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct StaffRow {
    pub account_id: AccountId,
    pub given_name: String,
    pub family_name: String,
    pub username: String,
    pub job_title: Option<String>,
    pub activated: bool,
    pub disabled: bool,
}

/// The professionals of an organisation.
pub async fn staff(db: &Db, organisation_id: Uuid) -> Result<Vec<StaffRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT a.id AS account_id, pe.given_name, pe.family_name, a.username, a.job_title, \
           a.password_hash IS NOT NULL AS activated, a.disabled_at IS NOT NULL AS disabled \
         FROM accounts a JOIN people pe ON pe.id = a.person_id \
         WHERE a.organisation_id = $1 AND a.role = 'professional' ORDER BY pe.family_name, pe.given_name")
        .bind(organisation_id).fetch_all(p).await)?)
}

/// Disables or enables a professional of the organisation; ends their sessions when disabled.
pub async fn set_disabled(
    tx: &mut Tx,
    organisation_id: Uuid,
    account_id: AccountId,
    disabled: bool,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE accounts SET disabled_at = $1 WHERE id = $2 AND organisation_id = $3 AND role = 'professional'")
        .bind(disabled.then_some(at)).bind(account_id).bind(organisation_id).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 1 && disabled {
        on_tx!(tx, c => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE account_id = $2 AND ended_at IS NULL")
            .bind(at).bind(account_id).execute(c).await.map(|_| ()))?;
    }
    Ok(n == 1)
}

/// Creates a person (for a new professional).
/// Adds a person with the id the caller chose (its audit row names it before the write runs).
pub async fn new_person(
    tx: &mut Tx,
    id: PersonId,
    given: &str,
    family: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("INSERT INTO people (id, given_name, family_name, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id).bind(given).bind(family).bind(at).execute(c).await.map(|_| ()))?;
    Ok(())
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct MemberRow {
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub relation: String,
    pub birth_date: Option<chrono::NaiveDate>,
    /// "none", "invited" (code given, not activated) or "active".
    pub account: String,
}

/// The members of a case's family and whether they have an account.
pub async fn family_members(db: &Db, case_id: CaseId) -> Result<Vec<MemberRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT pe.id AS person_id, pe.given_name, pe.family_name, fm.relation, pe.birth_date, \
           CASE WHEN a.id IS NULL THEN 'none' WHEN a.password_hash IS NULL THEN 'invited' ELSE 'active' END AS account \
         FROM cases c JOIN family_members fm ON fm.family_id = c.family_id JOIN people pe ON pe.id = fm.person_id \
         LEFT JOIN accounts a ON a.person_id = pe.id WHERE c.id = $1 ORDER BY fm.relation, pe.given_name")
        .bind(case_id).fetch_all(p).await)?)
}
