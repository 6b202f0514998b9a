//! The storage seam: one `Db` for SQLite (embedded default) and PostgreSQL (several app
//! instances). Queries are written once in portable SQL (`$1` placeholders work in both) and
//! run on either pool through [`on_db!`] / [`on_tx!`]; the Rust row types decode on both
//! because the per-backend migrations map every column to a type sqlx reads as the same Rust
//! type (UUID/BLOB → `Uuid`, TIMESTAMPTZ/TEXT → `DateTime<Utc>`, DATE/TEXT → `NaiveDate`).
use super::StoreError;
use crate::domain::{AccountId, CaseId};
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};
use std::{str::FromStr, time::Duration};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction on either backend.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs `$body` with `$pool` bound to the concrete pool (the body is compiled once per backend).
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::backend::db::Db::Sqlite($pool) => $body,
            $crate::backend::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the transaction's connection (`&mut *conn` as executor).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::backend::db::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::backend::db::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

impl Db {
    /// `sqlite:<path>` (created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .pragma("temp_store", "memory");
            // Readers run in parallel under WAL; writes take BEGIN IMMEDIATE and queue on the busy timeout.
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(2)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // No wait may last for ever: a lock held by a stuck transaction turns into a
            // "lock not available" error after ten seconds (transient: `Db::write` retries,
            // then answers 503 with nothing written), and a transaction left idle is ended by
            // the server instead of holding its locks.
            let options = PgConnectOptions::from_str(url)?.options([
                ("lock_timeout", "10s"),
                ("idle_in_transaction_session_timeout", "60s"),
            ]);
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(p) => sqlx::migrate!("../migrations/sqlite").run(p).await?,
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`: a deferred one that later
    /// upgrades to a write fails with "database is locked" under load, busy timeout or not.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Runs a write in its own task, so that a cancelled request (a closed connection drops the
    /// handler's future) can never leave a transaction half done or hand a connection back to
    /// the pool inside an open transaction: the task runs to commit or rollback regardless.
    ///
    /// `work` must be one whole transaction (begin … commit) and may run more than once: when
    /// an attempt fails on a transient database error ([`is_transient`]: a serialization
    /// failure, a deadlock, a unique violation from a concurrent insert, a lost connection,
    /// SQLite busy) its transaction is rolled back and `work` runs again from the start, up to
    /// [`WRITE_ATTEMPTS`] times with a short random pause, so it sees what the other writer
    /// committed. What still fails is [`StoreError::Busy`]: nothing was written.
    pub async fn write<T, F, Fut>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: Fn(Db) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
    {
        let db = self.clone();
        tokio::spawn(async move {
            let mut attempt = 1;
            loop {
                match work(db.clone()).await {
                    Err(StoreError::Database(e)) if is_transient(&e) => {
                        if attempt >= WRITE_ATTEMPTS {
                            tracing::warn!(error = %e, attempt, "write gave up after transient failures");
                            return Err(StoreError::Busy(e));
                        }
                        tracing::info!(error = %e, attempt, "write retried after a transient failure");
                        tokio::time::sleep(backoff(attempt)).await;
                        attempt += 1;
                    }
                    other => return other,
                }
            }
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("write task: {e}")))?
    }

    pub async fn close(&self) {
        on_db!(self, p => p.close().await)
    }
}

/// How often [`Db::write`] tries one write before it gives up with [`StoreError::Busy`].
pub const WRITE_ATTEMPTS: u32 = 5;

/// The pause before attempt `attempt + 1`: 5, 10, 20, 40 ms, each plus up to as much again at
/// random, so writers that collided do not collide again in step.
fn backoff(attempt: u32) -> Duration {
    use rand::Rng;
    let base = 5u64 << (attempt.saturating_sub(1)).min(4);
    Duration::from_millis(base + rand::thread_rng().gen_range(0..=base))
}

/// Whether a failed attempt may succeed when the whole transaction runs again.
pub fn is_transient(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            let Some(code) = d.code() else {
                return false;
            };
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLITE_BUSY and SQLITE_LOCKED with their extended codes (the low byte is the
                // primary code). A unique violation on SQLite is never a race (one writer).
                return code.parse::<i32>().is_ok_and(|n| matches!(n & 0xff, 5 | 6));
            }
            // PostgreSQL: serialization failure, deadlock, unique violation (two inserts of the
            // same key: the retry sees the winner's row), lock not available, the server
            // shutting down or starting, connection exceptions (class 08).
            matches!(
                &*code,
                "40001" | "40P01" | "23505" | "55P03" | "57P01" | "57P02" | "57P03"
            ) || code.starts_with("08")
        }
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

/// A parent row a write locks before it reads what it derives from its children (see
/// [`Tx::lock`]). Each variant names one fixed statement: no SQL is built at run time.
#[derive(Clone, Copy, Debug)]
pub enum Parent {
    /// A report: the numbering of its statements.
    Report(Uuid),
    /// A case: the feedback its family gives (one response per person per contact).
    Case(CaseId),
    /// A feedback response: its first reply and first "besproken".
    Response(Uuid),
    /// An account: its activation codes (one live code).
    Account(AccountId),
}

impl Tx {
    /// Takes the write lock on a parent row until the transaction ends, so that what this
    /// transaction reads about the parent's children afterwards stays true until it commits.
    /// On PostgreSQL `SELECT … FOR NO KEY UPDATE` (it does not block inserts of children, whose
    /// foreign-key check takes only a key-share lock); on SQLite nothing is needed: a write
    /// transaction there is `BEGIN IMMEDIATE`, so there is only one writer at a time. Call it
    /// first in the transaction, before any other write, so two writers always lock in the
    /// same order.
    pub async fn lock(&mut self, parent: Parent) -> Result<(), StoreError> {
        let Tx::Postgres(t) = self else {
            return Ok(());
        };
        let (sql, id) = match parent {
            Parent::Report(id) => ("SELECT 1 FROM reports WHERE id = $1 FOR NO KEY UPDATE", id),
            Parent::Case(id) => ("SELECT 1 FROM cases WHERE id = $1 FOR NO KEY UPDATE", id.0),
            Parent::Response(id) => (
                "SELECT 1 FROM feedback_responses WHERE id = $1 FOR NO KEY UPDATE",
                id,
            ),
            Parent::Account(id) => (
                "SELECT 1 FROM accounts WHERE id = $1 FOR NO KEY UPDATE",
                id.0,
            ),
        };
        sqlx::query(sql).bind(id).fetch_optional(&mut **t).await?;
        Ok(())
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}
