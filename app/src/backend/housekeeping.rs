//! Housekeeping: rows that only matter for a while are removed — throttle rows with nothing
//! left to count, sessions that ended or expired, form flashes past their lifetime, the import
//! API's idempotency records after a day (`store::imports::keys::KEY_LIFETIME`). A task
//! started with the server runs [`prune`] every ten minutes; tests call it with their own
//! clock.
use super::{auth, db::Db, flash, session, store::imports, StoreError};
use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub throttle: u64,
    pub sessions: u64,
    pub flashes: u64,
    pub idempotency_keys: u64,
}

pub async fn prune(db: &Db, at: DateTime<Utc>) -> Result<Pruned, StoreError> {
    Ok(Pruned {
        throttle: auth::prune(db, at).await?,
        sessions: session::prune(db, at).await?,
        flashes: flash::prune(db, at).await?,
        idempotency_keys: imports::keys::prune_keys(db, at).await?,
    })
}

/// How often the server prunes.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// Starts the periodic prune (the first run right away). A failure is logged and retried
/// at the next run.
pub fn start(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            match prune(&db, super::time::now()).await {
                Ok(n) => tracing::debug!(?n, "pruned"),
                Err(e) => tracing::warn!(error = %e, "pruning failed; retried in ten minutes"),
            }
        }
    })
}
