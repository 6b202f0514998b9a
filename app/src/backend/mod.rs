//! Server-only back end: the storage seam (`db`, `store`), the one authorisation `policy`,
//! the `audit` trail, `session`s and log-in (`auth`), form `flash`es and the `demo` data.
//! Pages reach it only through server functions and `ctx`.
pub mod anonymity;
pub mod audit;
pub mod auth;
pub mod cookies;
pub mod ctx;
pub mod db;
pub mod demo;
pub mod flash;
pub mod password;
pub mod policy;
pub mod session;
pub mod store;
pub mod time;
pub mod totp;
pub mod visibility;

use std::sync::Arc;

pub use ctx::{Actor, RequestCtx};
pub use db::Db;

/// Everything a request needs from the back end; cheap to clone.
#[derive(Clone)]
pub struct Backend {
    pub db: Db,
    pub audit: audit::AuditWriter,
    pub auth: Arc<auth::Authenticator>,
    /// Cookies get `Secure` and the `__Host-` prefix (HTTPS deployments).
    pub secure_cookies: bool,
}

impl Backend {
    pub async fn open(database_url: &str, secure_cookies: bool) -> Result<Backend, StoreError> {
        let db = Db::connect(database_url).await?;
        db.migrate().await?;
        Ok(Backend::with_db(db, secure_cookies))
    }

    pub fn with_db(db: Db, secure_cookies: bool) -> Backend {
        let audit = audit::AuditWriter::start(db.clone());
        Backend {
            db,
            audit,
            auth: Arc::new(auth::Authenticator::new()),
            secure_cookies,
        }
    }
}

/// A failure inside the back end. Logged where it is turned into an [`AppError`](crate::error::AppError).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite:… or postgres://…)")]
    UnsupportedUrl,
    #[error("the audit trail could not be written")]
    AuditUnavailable,
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// A write that kept meeting a transient failure (see `db::Db::write`); nothing was written.
    #[error("write failed after retries: {0}")]
    Busy(sqlx::Error),
}

impl From<StoreError> for crate::error::AppError {
    fn from(e: StoreError) -> Self {
        if let StoreError::Busy(_) = e {
            tracing::warn!(error = %e, "write refused after retries");
            return crate::error::AppError::Busy;
        }
        tracing::error!(error = %e, "back-end failure");
        crate::error::AppError::Unavailable
    }
}
