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
use crate::domain::AccountId;
use crate::{domain::Role, on_db};
use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use chrono::{DateTime, Duration, Utc};
use tokio::sync::Semaphore;

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

/// How one throttle key counts failures. Every failure past `free` locks the key for a
/// growing time (`base` × 2ⁿ, at most `max`); failures are forgotten one per [`DECAY_EVERY`]
/// since the last one, so a slow trickle never adds up to a lock, and every lock ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub free: i64,
    pub base: Duration,
    pub max: Duration,
}

/// One failure is forgotten for every quarter of an hour without a new one: one wrong
/// log-in an hour never accumulates.
pub const DECAY_EVERY: Duration = Duration::minutes(15);

/// An account and one address together: the strictest key, it slows one attacker without
/// touching the owner elsewhere (4 free tries, then 2 s, 4 s, 8 s … at most 15 minutes).
pub const PAIR: Limit = Limit {
    free: 4,
    base: Duration::seconds(2),
    max: Duration::minutes(15),
};
/// An account from anywhere: more lenient, so that only many addresses together lock it
/// (10 free tries, then 2 s … at most 15 minutes); it ends, and the owner then gets in.
pub const ACCOUNT: Limit = Limit {
    free: 10,
    base: Duration::seconds(2),
    max: Duration::minutes(15),
};
/// One address for all accounts (possibly a shared NAT or school network): 30 free tries.
pub const ADDRESS: Limit = Limit {
    free: 30,
    base: Duration::seconds(2),
    max: Duration::minutes(15),
};
/// Second-factor codes of one account (a code is 6 digits: strict).
pub const CODE: Limit = PAIR;

/// Kept for callers that count free failures (the sequential limit on one account from one
/// address is `ACCOUNT_FREE_FAILURES + 1` checked passwords before the first wait).
pub const ACCOUNT_FREE_FAILURES: i64 = PAIR.free;
pub const IP_FREE_FAILURES: i64 = ADDRESS.free;

/// How long a key stays locked after its `failures`-th (decayed) failure.
pub fn lock_for(failures: i64, limit: Limit) -> Option<Duration> {
    if failures <= limit.free {
        return None;
    }
    let exp = (failures - limit.free - 1).min(20) as i32;
    let secs = limit.base.num_seconds().saturating_mul(1i64 << exp);
    Some(Duration::seconds(secs.min(limit.max.num_seconds())))
}

/// Failures still counted at `at`, after forgetting one per [`DECAY_EVERY`].
pub fn decayed(failures: i64, last_failure_at: DateTime<Utc>, at: DateTime<Utc>) -> i64 {
    let quiet = (at - last_failure_at).num_seconds().max(0);
    (failures - quiet / DECAY_EVERY.num_seconds()).max(0)
}

/// The throttle keys of a password check for `username` from `client_ip`.
pub fn password_keys(username: &str, client_ip: &str) -> Vec<(String, Limit)> {
    vec![
        (format!("pair:{username}|{client_ip}"), PAIR),
        (format!("account:{username}"), ACCOUNT),
        (format!("ip:{client_ip}"), ADDRESS),
    ]
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: AccountId,
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

    /// Checks a logged-in account's current password under the same throttle as a log-in
    /// (changing a password must not become a way around it).
    pub async fn check_current(
        &self,
        db: &Db,
        username: &str,
        stored: Option<String>,
        password: String,
        client_ip: &str,
    ) -> Result<Checked, StoreError> {
        let keys = password_keys(username, client_ip);
        if let Reservation::Wait(secs) = reserve(db, &keys, now()).await? {
            return Ok(Checked::Throttled(secs));
        }
        if self.check(stored, password).await {
            succeeded(db, &keys).await?;
            Ok(Checked::Right)
        } else {
            Ok(Checked::Wrong)
        }
    }

    pub async fn login(
        &self,
        db: &Db,
        username: &str,
        password: &str,
        client_ip: &str,
        user_agent: &str,
    ) -> Result<LoginOutcome, StoreError> {
        self.login_at(db, username, password, client_ip, user_agent, now())
            .await
    }

    /// [`Self::login`] at a given instant of the throttle's clock (tests move it forward).
    pub async fn login_at(
        &self,
        db: &Db,
        username: &str,
        password: &str,
        client_ip: &str,
        user_agent: &str,
        at: DateTime<Utc>,
    ) -> Result<LoginOutcome, StoreError> {
        let username = username.trim().to_lowercase();
        let keys = password_keys(&username, client_ip);
        // The attempt is counted before the (slow) hash: a burst of simultaneous guesses
        // each takes its own place in the count, so no more are checked than one by one.
        if let Reservation::Wait(retry_after_secs) = reserve(db, &keys, at).await? {
            return Ok(LoginOutcome::Throttled { retry_after_secs });
        }
        let account: Option<AccountRow> = on_db!(db, p => sqlx::query_as("SELECT id, password_hash, role, totp_secret FROM accounts WHERE username = $1 AND disabled_at IS NULL")
            .bind(&username).fetch_optional(p).await)?;
        let stored = account.as_ref().and_then(|a| a.password_hash.clone());
        let ok = self.check(stored.clone(), password.to_string()).await;
        let Some(account) = account.filter(|_| ok) else {
            audit::insert_now(
                db,
                &AuditEvent::new(None, "login", "account", client_ip).result("denied"),
            )
            .await?;
            return Ok(LoginOutcome::Rejected);
        };
        succeeded(db, &keys).await?;
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

/// The answer of [`Authenticator::check_current`].
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    Right,
    Wrong,
    Throttled(u64),
}

/// Whether an attempt may go ahead.
#[derive(Debug, PartialEq, Eq)]
pub enum Reservation {
    /// Counted as a failure already; [`succeeded`] takes it back.
    Go,
    /// A key is locked: seconds to wait. Nothing was counted.
    Wait(u64),
}

/// Counts one attempt on every key, atomically, before the attempt is checked: in one
/// transaction each key's row is upserted (which locks it on PostgreSQL; SQLite's write
/// transaction is exclusive), its failures decayed, and — unless one key is locked, in
/// which case nothing is counted — raised by one with the lock that follows.
pub async fn reserve(
    db: &Db,
    keys: &[(String, Limit)],
    at: DateTime<Utc>,
) -> Result<Reservation, StoreError> {
    let keys = keys.to_vec();
    // The whole transaction may run again after a transient failure (see `Db::write`).
    db.write(move |db| {
    let keys = keys.clone();
    async move {
        let mut tx = db.begin().await?;
        let mut rows = Vec::with_capacity(keys.len());
        let mut wait: Option<u64> = None;
        for (key, limit) in &keys {
            let row: (i64, DateTime<Utc>, Option<DateTime<Utc>>) = crate::on_tx!(&mut tx, c => sqlx::query_as(
                "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES ($1, 0, $2, NULL) \
                 ON CONFLICT (key) DO UPDATE SET key = excluded.key \
                 RETURNING CAST(failures AS BIGINT), last_failure_at, locked_until")
                .bind(key).bind(at).fetch_one(&mut *c).await)?;
            let (failures, last, locked) = row;
            if let Some(until) = locked.filter(|u| *u > at) {
                let secs = (until - at).num_seconds().max(1) as u64;
                wait = Some(wait.map_or(secs, |w| w.max(secs)));
            }
            rows.push((key, *limit, decayed(failures, last, at)));
        }
        if let Some(secs) = wait {
            // Dropping the transaction rolls back the upserts: a locked try is not counted.
            return Ok(Reservation::Wait(secs));
        }
        for (key, limit, failures) in rows {
            let failures = failures + 1;
            let locked = lock_for(failures, limit).map(|d| at + d);
            crate::on_tx!(&mut tx, c => sqlx::query("UPDATE login_throttle SET failures = $1, last_failure_at = $2, locked_until = $3 WHERE key = $4")
                .bind(failures as i32).bind(at).bind(locked).bind(key).execute(&mut *c).await.map(|_| ()))?;
        }
        tx.commit().await?;
        Ok(Reservation::Go)
    }
    })
    .await
}

/// After a right password or code: the keys of the account (`pair:`, `account:`, `code:`)
/// are cleared; an address's keys (`ip:`, `activate:`) only get this attempt back, so that
/// logging into one's own account does not wipe what an address did to others.
pub async fn succeeded(db: &Db, keys: &[(String, Limit)]) -> Result<(), StoreError> {
    for (key, _) in keys {
        if key.starts_with("ip:") || key.starts_with("activate:") {
            on_db!(db, p => sqlx::query("UPDATE login_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END WHERE key = $1")
                .bind(key).execute(p).await.map(|_| ()))?;
        } else {
            on_db!(db, p => sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(p).await.map(|_| ()))?;
        }
    }
    Ok(())
}

/// Removes throttle rows that have nothing left to say at `at`: no lock in force and every
/// failure forgotten (see [`DECAY_EVERY`]). Returns how many went.
pub async fn prune(db: &Db, at: DateTime<Utc>) -> Result<u64, StoreError> {
    // A row's failures are all forgotten by last_failure_at + failures × DECAY_EVERY; with at
    // most 10 000 failures counted that is bounded, but the simple rule is enough: quiet for a
    // day and not locked.
    let quiet_since = at - Duration::days(1);
    Ok(
        on_db!(db, p => sqlx::query("DELETE FROM login_throttle WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2)")
        .bind(quiet_since).bind(at).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_end() {
        for limit in [PAIR, ACCOUNT, ADDRESS] {
            assert_eq!(lock_for(limit.free, limit), None);
            let mut last = Duration::zero();
            for n in limit.free + 1..limit.free + 200 {
                let d = lock_for(n, limit).unwrap();
                assert!(d >= last, "delay shrank at {n}");
                assert!(d <= limit.max, "every lock ends");
                last = d;
            }
            assert_eq!(last, limit.max);
        }
    }

    #[test]
    fn failures_decay_one_per_quarter() {
        let t = Utc::now();
        assert_eq!(decayed(5, t, t), 5);
        assert_eq!(decayed(5, t, t + DECAY_EVERY), 4);
        assert_eq!(decayed(5, t, t + DECAY_EVERY * 10), 0);
        // One failure an hour never adds up.
        let mut failures = 0;
        for hour in 0..48 {
            let at = t + Duration::hours(hour);
            failures = decayed(failures, at - Duration::hours(1), at) + 1;
            assert_eq!(lock_for(failures, PAIR), None);
        }
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
