//! The one path for an audited change (NEN 7513): begin, the change's own work, its audit
//! row when something changed, commit — all inside [`Db::write`], so a dropped request can
//! never leave half of it, and a transient failure runs the whole of it again.
//!
//! Pages and server functions call [`change`]; they never begin a transaction or insert an
//! audit row themselves. The work gets the open transaction and returns what it did; its
//! [`Outcome`] says whether anything changed. What changed nothing (a retried post, a second
//! "dit klopt", a share already revoked, a username taken after the code was checked) is
//! rolled back and leaves no audit row.
use super::{
    audit::{self, AuditEvent},
    db::{Db, Tx},
    StoreError,
};
use std::{future::Future, pin::Pin, sync::Arc};

/// The work of one change, borrowing the transaction it runs in.
pub type Work<'t, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 't>>;

/// Whether a change's result means something was written (and so must be audited).
pub trait Outcome {
    fn changed(&self) -> bool;
}

/// A store function's "did it change anything" answer.
impl Outcome for bool {
    fn changed(&self) -> bool {
        *self
    }
}

/// A write that always changes something when it succeeds.
impl Outcome for () {
    fn changed(&self) -> bool {
        true
    }
}

/// A pair whose first part says whether it changed (the second is what the caller needs next).
impl<A: Outcome, B> Outcome for (A, B) {
    fn changed(&self) -> bool {
        self.0.changed()
    }
}

/// `Some` when the change was made (with what it made), `None` when there was nothing to do.
impl<T> Outcome for Option<T> {
    fn changed(&self) -> bool {
        self.is_some()
    }
}

/// Runs one audited change: `work` in a fresh transaction; when its outcome says something
/// changed, `event` in the same transaction and commit; otherwise roll back. `work` may run
/// more than once (see [`Db::write`]), so it clones what it moves into its future.
pub async fn change<T, F>(db: &Db, event: AuditEvent, work: F) -> Result<T, StoreError>
where
    T: Outcome + Send + 'static,
    F: for<'t> Fn(&'t mut Tx) -> Work<'t, T> + Send + Sync + 'static,
{
    change_found(db, move |tx| {
        let (event, done) = (event.clone(), work(tx));
        Box::pin(async move { Ok((done.await?, event)) })
    })
    .await
}

/// [`change`] for a change whose audit row depends on what the work found in its transaction
/// (the import API finds the case there, by the organisation's own identification): the work
/// returns its outcome and the row.
pub async fn change_found<T, F>(db: &Db, work: F) -> Result<T, StoreError>
where
    T: Outcome + Send + 'static,
    F: for<'t> Fn(&'t mut Tx) -> Work<'t, (T, AuditEvent)> + Send + Sync + 'static,
{
    let work = Arc::new(work);
    db.write(move |db| {
        let work = work.clone();
        async move {
            let mut tx = db.begin().await?;
            let (outcome, event) = work(&mut tx).await?;
            if outcome.changed() {
                audit::insert(&mut tx, &event).await?;
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            Ok(outcome)
        }
    })
    .await
}
