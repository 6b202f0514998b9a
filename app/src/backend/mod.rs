//! Server-only back end: the storage seam (`db`, `store`), the one authorisation `policy`,
//! the `audit` trail, `session`s and log-in (`auth`), form `flash`es and the `demo` data.
//! Pages reach it only through server functions and `ctx`.
pub mod actor;
pub mod anonymity;
pub mod audit;
pub mod auth;
pub mod change;
pub mod cookies;
pub mod ctx;
pub mod db;
pub mod demo;
pub mod figures;
pub mod flash;
pub mod housekeeping;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod sealed;
pub mod session;
pub mod sms;
pub mod store;
pub mod text;
pub mod time;
pub mod totp;
pub mod visibility;

use std::sync::Arc;

pub use actor::ApiClient;
pub use ctx::{Actor, Granted, RequestCtx};
pub use db::Db;

/// Everything a request needs from the back end; cheap to clone.
#[derive(Clone)]
pub struct Backend {
    pub db: Db,
    pub audit: audit::AuditWriter,
    pub auth: Arc<auth::Authenticator>,
    /// Cookies get `Secure` and the `__Host-` prefix (HTTPS deployments).
    pub secure_cookies: bool,
    /// Seals the second-factor keys at rest (`HELDER_SECRET_KEY`).
    pub server_key: Arc<sealed::ServerKey>,
    /// Text messages (the family's half of an activation code).
    pub sms: Arc<sms::Sms>,
    /// How many `X-Forwarded-For` hops (our own reverse proxies) to believe; 0 = none.
    pub trusted_proxy_hops: usize,
    /// Requests per import-API client (`api`).
    pub api_rate: Arc<rate_limit::RateLimit>,
}

/// The import API's rate per client: requests a second on average, and at once.
pub const API_RATE: (u32, u32) = (50, 200);

/// What [`Backend::open_with`] needs besides the database's address.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub secure_cookies: bool,
    /// `None`: a development key derived from the database URL (logged as such).
    pub server_key: Option<sealed::ServerKey>,
    /// PostgreSQL: migrate as this (owner) role, then grant the application's role only what
    /// it needs (see migrations/postgres/0009). `None`: migrate with `database_url` itself.
    pub migrate_url: Option<String>,
    pub sms: Option<sms::Sms>,
    pub trusted_proxy_hops: usize,
    /// The import API's rate per client: requests a second, burst (`None`: [`API_RATE`]).
    pub api_rate: Option<(u32, u32)>,
}

impl Backend {
    pub async fn open(database_url: &str, secure_cookies: bool) -> Result<Backend, StoreError> {
        Backend::open_with(
            database_url,
            Options {
                secure_cookies,
                ..Options::default()
            },
        )
        .await
    }

    pub async fn open_with(database_url: &str, options: Options) -> Result<Backend, StoreError> {
        let db = Db::connect(database_url).await?;
        match options.migrate_url.as_deref() {
            Some(owner_url) => {
                let owner = Db::connect(owner_url).await?;
                owner.migrate().await?;
                grant_app_role(&owner, &db).await?;
                owner.close().await;
            }
            None => db.migrate().await?,
        }
        let key = options
            .server_key
            .unwrap_or_else(|| sealed::ServerKey::development(database_url));
        if key.derived {
            tracing::warn!(
                "HELDER_SECRET_KEY is not set: second-factor keys are sealed with a development \
                 key derived from DATABASE_URL (not for production)"
            );
        }
        sealed::seal_plain_keys(&db, &key).await?;
        let mut backend = Backend::with_db(db, options.secure_cookies);
        backend.server_key = Arc::new(key);
        backend.sms = Arc::new(options.sms.unwrap_or(sms::Sms::Off));
        backend.trusted_proxy_hops = options.trusted_proxy_hops;
        if let Some(rate) = options.api_rate {
            backend.api_rate = Arc::new(rate_limit::RateLimit::for_db(&backend.db, rate));
        }
        Ok(backend)
    }

    pub fn with_db(db: Db, secure_cookies: bool) -> Backend {
        let audit = audit::AuditWriter::start(db.clone());
        let api_rate = Arc::new(rate_limit::RateLimit::for_db(&db, API_RATE));
        Backend {
            server_key: Arc::new(sealed::ServerKey::development("")),
            db,
            audit,
            auth: Arc::new(auth::Authenticator::new()),
            secure_cookies,
            sms: Arc::new(sms::Sms::Off),
            trusted_proxy_hops: 0,
            api_rate,
        }
    }
}

/// After migrating as the owner: the application's role gets normal rights on the tables
/// and only SELECT and INSERT on `audit_events` (the PL/pgSQL function of migration 0009
/// quotes the role name itself; nothing is built into SQL here).
async fn grant_app_role(owner: &Db, app: &Db) -> Result<(), StoreError> {
    let (Db::Postgres(owner), Db::Postgres(app)) = (owner, app) else {
        return Ok(());
    };
    let (app_role,): (String,) = sqlx::query_as("SELECT CAST(current_user AS TEXT)")
        .fetch_one(app)
        .await?;
    let (owner_role,): (String,) = sqlx::query_as("SELECT CAST(current_user AS TEXT)")
        .fetch_one(owner)
        .await?;
    if app_role != owner_role {
        sqlx::query("SELECT helder_grant_app($1)")
            .bind(&app_role)
            .execute(owner)
            .await?;
    }
    Ok(())
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
