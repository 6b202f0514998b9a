//! Log-in: password hashing (argon2id, m = 19 MiB, t = 2, p = 1), throttling and the
//! account look-up. The password check sits behind [`Authenticator::login`] so that another
//! way in (DigiD via OpenID Connect) can be added beside it without touching pages.
use super::{
    audit::{self, AuditEvent},
    db::Db,
    session,
    time::now,
    StoreError,
};
use crate::{domain::Role, on_db};
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use chrono::{DateTime, Duration, Utc};
use tokio::sync::Semaphore;
use uuid::Uuid;

pub const M_COST_KIB: u32 = 19 * 1024;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;

fn argon2() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(M_COST_KIB, T_COST, P_COST, None).expect("valid argon2 parameters"),
    )
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail with valid parameters")
        .to_string()
}

/// True when the stored hash was made with weaker parameters than today's (rehash on log-in).
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return true;
    };
    let Ok(params) = Params::try_from(&hash) else {
        return true;
    };
    hash.algorithm.as_str() != "argon2id"
        || params.m_cost() < M_COST_KIB
        || params.t_cost() < T_COST
}

fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// What a log-in attempt came to.
#[derive(Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Session token for the cookie.
    LoggedIn {
        token: String,
        role: Role,
        /// The session waits for the second factor (professionals).
        second_factor: bool,
    },
    /// Wrong username or password: the same answer for both.
    Rejected,
    Throttled {
        retry_after_secs: u64,
    },
}

pub struct Authenticator {
    /// Bounds concurrent argon2 runs (19 MiB each) so a burst of log-ins cannot exhaust memory.
    hashing: Semaphore,
    /// Checked for unknown usernames, so they cost the same time as known ones.
    dummy_hash: String,
}

impl Default for Authenticator {
    fn default() -> Self {
        Self::new()
    }
}

/// Failures before delays start: per account, and per address (which may be a shared NAT).
pub const ACCOUNT_FREE_FAILURES: i64 = 4;
pub const IP_FREE_FAILURES: i64 = 30;
/// Locked for an hour from this many consecutive failures on an account (well before 100).
const ACCOUNT_HARD_LOCK: i64 = 20;

/// How long a key stays locked after its `failures`-th consecutive failure.
pub fn lock_for(failures: i64, free: i64) -> Option<Duration> {
    if failures <= free {
        return None;
    }
    if free == ACCOUNT_FREE_FAILURES && failures >= ACCOUNT_HARD_LOCK {
        return Some(Duration::hours(1));
    }
    let exp = (failures - free - 1).min(10) as u32;
    Some(Duration::seconds((1i64 << exp).min(900)))
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: Uuid,
    password_hash: Option<String>,
    role: String,
    totp_secret: Option<String>,
}

impl Authenticator {
    pub fn new() -> Authenticator {
        let dummy_hash = hash_password(&session::new_token());
        Authenticator {
            hashing: Semaphore::new(2),
            dummy_hash,
        }
    }

    /// Hashes a newly chosen password (argon2id), within the bound on concurrent hashes.
    pub async fn hash(&self, password: String) -> Result<String, StoreError> {
        let _permit = self
            .hashing
            .acquire()
            .await
            .expect("semaphore never closes");
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    /// Checks a password against a stored hash (a dummy hash when there is none, so unknown
    /// and known accounts take the same time).
    pub async fn check(&self, stored: Option<String>, password: String) -> bool {
        let _permit = self
            .hashing
            .acquire()
            .await
            .expect("semaphore never closes");
        let dummy = self.dummy_hash.clone();
        tokio::task::spawn_blocking(move || match stored {
            Some(h) => verify(&h, &password),
            None => {
                let _ = verify(&dummy, &password);
                false
            }
        })
        .await
        .unwrap_or(false)
    }

    pub async fn login(
        &self,
        db: &Db,
        username: &str,
        password: &str,
        client_ip: &str,
        user_agent: &str,
    ) -> Result<LoginOutcome, StoreError> {
        let username = username.trim().to_lowercase();
        let keys = [
            (format!("account:{username}"), ACCOUNT_FREE_FAILURES),
            (format!("ip:{client_ip}"), IP_FREE_FAILURES),
        ];
        let at = now();
        for (key, _) in &keys {
            if let Some(until) = locked_until(db, key).await? {
                if until > at {
                    return Ok(LoginOutcome::Throttled {
                        retry_after_secs: (until - at).num_seconds().max(1) as u64,
                    });
                }
            }
        }
        let account: Option<AccountRow> = on_db!(db, p => sqlx::query_as("SELECT id, password_hash, role, totp_secret FROM accounts WHERE username = $1 AND disabled_at IS NULL")
            .bind(&username).fetch_optional(p).await)?;
        let stored = account.as_ref().and_then(|a| a.password_hash.clone());
        let ok = self.check(stored.clone(), password.to_string()).await;
        let Some(account) = account.filter(|_| ok) else {
            for (key, free) in &keys {
                record_failure(db, key, *free).await?;
            }
            audit::insert_now(
                db,
                &AuditEvent::new(None, "login", "account", client_ip).result("denied"),
            )
            .await?;
            return Ok(LoginOutcome::Rejected);
        };
        for (key, _) in &keys {
            on_db!(db, p => sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(p).await.map(|_| ()))?;
        }
        if stored.as_deref().is_some_and(needs_rehash) {
            let password = password.to_string();
            let _permit = self
                .hashing
                .acquire()
                .await
                .expect("semaphore never closes");
            let fresh = tokio::task::spawn_blocking(move || hash_password(&password))
                .await
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            on_db!(db, p => sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2").bind(fresh).bind(account.id).execute(p).await.map(|_| ()))?;
        }
        let role =
            Role::parse(&account.role).ok_or_else(|| StoreError::Corrupt(account.role.clone()))?;
        // Professionals and administrators (who review audit logs) always give a second
        // factor; anyone else who set one up, too.
        let second_factor =
            matches!(role, Role::Professional | Role::OrgAdmin) || account.totp_secret.is_some();
        let token = session::create(db, account.id, user_agent, second_factor).await?;
        audit::insert_now(
            db,
            &AuditEvent::new(Some(account.id), "login", "account", client_ip),
        )
        .await?;
        Ok(LoginOutcome::LoggedIn {
            token,
            role,
            second_factor,
        })
    }
}

/// Seconds to wait when `key` (an account, an address, a code form) is locked now.
pub async fn throttled(db: &Db, key: &str) -> Result<Option<u64>, StoreError> {
    let at = now();
    Ok(locked_until(db, key)
        .await?
        .filter(|until| *until > at)
        .map(|until| (until - at).num_seconds().max(1) as u64))
}

/// Forgets the failures of `key` after a success.
pub async fn clear_failures(db: &Db, key: &str) -> Result<(), StoreError> {
    on_db!(db, p => sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(p).await.map(|_| ()))?;
    Ok(())
}

async fn locked_until(db: &Db, key: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
    let row: Option<(Option<DateTime<Utc>>,)> = on_db!(db, p => sqlx::query_as("SELECT locked_until FROM login_throttle WHERE key = $1").bind(key).fetch_optional(p).await)?;
    Ok(row.and_then(|r| r.0))
}

/// Counts one failure of `key`; after `free` failures the key is locked for a growing time.
/// The count goes up in the database in one statement (never read, add one, write back), so
/// failures that arrive at the same moment all count.
pub async fn record_failure(db: &Db, key: &str, free: i64) -> Result<(), StoreError> {
    let key = key.to_string();
    db.write(move |db| {
        let key = key.clone();
        async move {
            let mut tx = db.begin().await?;
            let at = now();
            crate::on_tx!(&mut tx, c => {
                let (failures,): (i64,) = sqlx::query_as(
                    "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ($1, 1, $2) \
                     ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at \
                     RETURNING CAST(failures AS BIGINT)")
                    .bind(&key).bind(at).fetch_one(&mut *c).await?;
                let locked = lock_for(failures, free).map(|d| at + d);
                sqlx::query("UPDATE login_throttle SET locked_until = $2 WHERE key = $1")
                    .bind(&key).bind(locked).execute(&mut *c).await?;
                Ok::<_, sqlx::Error>(())
            })?;
            tx.commit().await
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_lock_before_a_hundred_failures() {
        assert_eq!(lock_for(ACCOUNT_FREE_FAILURES, ACCOUNT_FREE_FAILURES), None);
        let mut last = Duration::zero();
        for n in ACCOUNT_FREE_FAILURES + 1..ACCOUNT_HARD_LOCK {
            let d = lock_for(n, ACCOUNT_FREE_FAILURES).unwrap();
            assert!(d >= last, "delay shrank at {n}");
            last = d;
        }
        assert_eq!(
            lock_for(ACCOUNT_HARD_LOCK, ACCOUNT_FREE_FAILURES),
            Some(Duration::hours(1))
        );
        const { assert!(ACCOUNT_HARD_LOCK < 100) };
    }

    #[test]
    fn hashes_use_the_required_parameters_and_verify() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify(&h, "correct horse battery"));
        assert!(!verify(&h, "wrong"));
        assert!(!needs_rehash(&h));
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8, 1, 1, None).unwrap(),
        )
        .hash_password(b"x", &SaltString::generate(&mut rand::rngs::OsRng))
        .unwrap()
        .to_string();
        assert!(needs_rehash(&weak));
    }
}
