//! The NEN 7513 audit trail: who read or changed what in whose dossier, when, from where.
//!
//! Reads are many, so their events go through a group-commit writer: one task collects the
//! events that arrive while it is writing and inserts them in one transaction, then releases
//! every waiting request. A page is only sent once its event is committed; if the write fails
//! the page is refused ([`AuditWriter::record`] returns an error). Changes write their event
//! inside their own transaction instead ([`insert`]).
use super::{
    db::{Db, Tx},
    policy::CaseGrant,
    time::now,
    StoreError,
};
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::{on_db, on_tx};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub actor_account_id: Option<AccountId>,
    pub on_behalf_of_account_id: Option<AccountId>,
    /// An organisation's system calling the import API (`api_clients`), acting for that
    /// organisation: then there is no account.
    pub api_client_id: Option<Uuid>,
    pub family_id: Option<FamilyId>,
    pub child_person_id: Option<PersonId>,
    /// The case whose dossier it touched: the family's access log is per case.
    pub case_id: Option<CaseId>,
    /// The family member whose part it is (their own action, or a confidant reading through
    /// their eyes): the visibility rule treats the entry as that member's.
    pub concerns_person_id: Option<PersonId>,
    pub object_kind: &'static str,
    pub object_id: Option<Uuid>,
    pub object_label: Option<String>,
    pub action: &'static str,
    pub result: &'static str,
    pub client_ip: String,
    pub detail: Option<String>,
}

impl AuditEvent {
    pub fn new(
        actor: Option<AccountId>,
        action: &'static str,
        object_kind: &'static str,
        client_ip: &str,
    ) -> AuditEvent {
        AuditEvent {
            at: now(),
            actor_account_id: actor,
            on_behalf_of_account_id: None,
            api_client_id: None,
            family_id: None,
            child_person_id: None,
            case_id: None,
            concerns_person_id: None,
            object_kind,
            object_id: None,
            object_label: None,
            action,
            result: "ok",
            client_ip: client_ip.to_string(),
            detail: None,
        }
    }

    /// The case the policy granted (and its family). When a family member (or their
    /// confidant) acts, the entry is theirs: it concerns that member.
    pub fn case(mut self, grant: &CaseGrant) -> Self {
        self.case_id = Some(grant.case_id);
        self.family_id = Some(grant.family_id);
        self.concerns_person_id = grant.viewer.member();
        self
    }

    /// The case and family, for an event outside one grant (the professional's inbox).
    pub fn in_case(mut self, case_id: CaseId, family_id: FamilyId) -> Self {
        self.case_id = Some(case_id);
        self.family_id = Some(family_id);
        self
    }

    /// The object, without a label. Labels never carry dossier text or family names: what a
    /// family reads about an event is built from its kind, through the visibility rule.
    pub fn on(mut self, id: impl Into<Uuid>) -> Self {
        self.object_id = Some(id.into());
        self
    }

    pub fn result(mut self, result: &'static str) -> Self {
        self.result = result;
        self
    }
}

type Job = (AuditEvent, oneshot::Sender<bool>);

#[derive(Clone)]
pub struct AuditWriter {
    tx: mpsc::Sender<Job>,
}

/// At most this many events go into one transaction.
const BATCH: usize = 256;

impl AuditWriter {
    pub fn start(db: Db) -> AuditWriter {
        let (tx, mut rx) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            let mut batch: Vec<Job> = Vec::with_capacity(BATCH);
            while rx.recv_many(&mut batch, BATCH).await > 0 {
                // The same order in every batch (and in every instance's writer): each row
                // counts up a row of the access log's per-day summary (see [`case_access`]),
                // and writers that lock those rows in one order cannot deadlock each other.
                batch.sort_by_key(|(e, _)| summary_order(e));
                let mut attempt = 1;
                let ok = loop {
                    match write_batch(&db, &batch).await {
                        // One statement, so nothing was written: a deadlock or serialization
                        // victim (another instance, a change's transaction) may try again.
                        Err(StoreError::Database(e))
                            if attempt < 3 && super::db::is_transient(&e) =>
                        {
                            tracing::info!(error = %e, attempt, "audit batch retried");
                            attempt += 1;
                        }
                        other => break other,
                    }
                };
                if let Err(e) = &ok {
                    tracing::error!(error = %e, events = batch.len(), "audit batch failed");
                }
                for (_, done) in batch.drain(..) {
                    let _ = done.send(ok.is_ok());
                }
            }
        });
        AuditWriter { tx }
    }

    /// Records a read event; returns once it is committed.
    pub async fn record(&self, event: AuditEvent) -> Result<(), StoreError> {
        let (done, wait) = oneshot::channel();
        self.tx
            .send((event, done))
            .await
            .map_err(|_| StoreError::AuditUnavailable)?;
        match wait.await {
            Ok(true) => Ok(()),
            _ => Err(StoreError::AuditUnavailable),
        }
    }
}

impl AuditWriter {
    /// Records several read events (they usually land in one batch); returns once all are
    /// committed.
    pub async fn record_all(&self, events: Vec<AuditEvent>) -> Result<(), StoreError> {
        let mut waits = Vec::with_capacity(events.len());
        for event in events {
            let (done, wait) = oneshot::channel();
            self.tx
                .send((event, done))
                .await
                .map_err(|_| StoreError::AuditUnavailable)?;
            waits.push(wait);
        }
        for wait in waits {
            if wait.await != Ok(true) {
                return Err(StoreError::AuditUnavailable);
            }
        }
        Ok(())
    }
}

/// The order of an event's row in the per-day summary's key (case, then actor and object).
fn summary_order(e: &AuditEvent) -> impl Ord {
    (
        e.case_id.map(|c| c.0),
        e.actor_account_id.map(|a| a.0),
        e.api_client_id,
        e.action,
        e.object_kind,
        e.object_id,
        e.concerns_person_id.map(|p| p.0),
    )
}

/// One multi-row INSERT per batch: a single statement (atomic on its own) and a single round
/// trip to the database, however many page reads it records.
async fn write_batch(db: &Db, batch: &[Job]) -> Result<(), StoreError> {
    macro_rules! insert_all {
        ($db:ty, $pool:expr) => {{
            let mut q = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO audit_events (id, at, actor_account_id, on_behalf_of_account_id, api_client_id, family_id, child_person_id, case_id, concerns_person_id, object_kind, object_id, object_label, action, result, client_ip, detail) ",
            );
            q.push_values(batch, |mut b, (e, _)| {
                b.push_bind(Uuid::new_v4())
                    .push_bind(e.at)
                    .push_bind(e.actor_account_id)
                    .push_bind(e.on_behalf_of_account_id)
                    .push_bind(e.api_client_id)
                    .push_bind(e.family_id)
                    .push_bind(e.child_person_id)
                    .push_bind(e.case_id)
                    .push_bind(e.concerns_person_id)
                    .push_bind(e.object_kind)
                    .push_bind(e.object_id)
                    .push_bind(e.object_label.as_deref())
                    .push_bind(e.action)
                    .push_bind(e.result)
                    .push_bind(e.client_ip.as_str())
                    .push_bind(e.detail.as_deref());
            });
            q.build().execute($pool).await.map(|_| ())
        }};
    }
    match db {
        Db::Sqlite(p) => insert_all!(sqlx::Sqlite, p)?,
        Db::Postgres(p) => insert_all!(sqlx::Postgres, p)?,
    }
    Ok(())
}

const INSERT: &str = "INSERT INTO audit_events (id, at, actor_account_id, on_behalf_of_account_id, api_client_id, family_id, child_person_id, case_id, concerns_person_id, object_kind, object_id, object_label, action, result, client_ip, detail) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

/// The INSERT with an event's values bound, for either backend.
macro_rules! bind_event {
    ($e:expr) => {
        sqlx::query(INSERT)
            .bind(Uuid::new_v4())
            .bind($e.at)
            .bind($e.actor_account_id)
            .bind($e.on_behalf_of_account_id)
            .bind($e.api_client_id)
            .bind($e.family_id)
            .bind($e.child_person_id)
            .bind($e.case_id)
            .bind($e.concerns_person_id)
            .bind($e.object_kind)
            .bind($e.object_id)
            .bind(&$e.object_label)
            .bind($e.action)
            .bind($e.result)
            .bind(&$e.client_ip)
            .bind(&$e.detail)
    };
}

/// Writes one event inside a change's own transaction.
pub async fn insert(tx: &mut Tx, e: &AuditEvent) -> Result<(), StoreError> {
    on_tx!(tx, c => bind_event!(e).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Writes one event on its own (log-in, log-out: no dossier transaction to join).
pub async fn insert_now(db: &Db, e: &AuditEvent) -> Result<(), StoreError> {
    on_db!(db, p => bind_event!(e).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// One line of a case's access log: what one actor did to one object on one local day, and
/// how often — with who the actor is and what the visibility rule needs to know about the
/// object (never its text).
#[derive(sqlx::FromRow, Debug)]
pub struct AccessRow {
    /// The calendar day in Europe/Amsterdam.
    pub local_day: chrono::NaiveDate,
    pub last_at: DateTime<Utc>,
    pub times: i64,
    pub actor_account_id: Option<AccountId>,
    pub api_client_id: Option<Uuid>,
    pub action: String,
    pub object_kind: String,
    pub object_id: Option<Uuid>,
    pub concerns_person_id: Option<PersonId>,
    /// The actor's account role (`parent`, `professional`, …); None for a system.
    pub actor_role: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub job_title: Option<String>,
    pub organisation: Option<String>,
    /// When the object is a statement: what the visibility rule needs of it.
    pub statement_kind: Option<String>,
    pub statement_concerns: Option<PersonId>,
    pub statement_source: Option<PersonId>,
    /// When the object is a report or a statement in one: that report.
    pub report_id: Option<Uuid>,
    pub report_kind: Option<String>,
    pub report_title: Option<String>,
    pub report_published: Option<bool>,
    pub report_has_decision: Option<bool>,
}

/// Which events of a case's trail [`case_access`] reads.
#[derive(Clone, Copy, Debug)]
pub struct AccessQuery {
    pub case_id: CaseId,
    /// The period, as local (Europe/Amsterdam) calendar days: from (inclusive) to (exclusive).
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// With the family's own doings (its members' accounts and the reader's own); without
    /// them the result holds only professionals, confidants, systems and Helder itself.
    pub with_family: bool,
    pub reader: AccountId,
}

/// The access-log query, with a filter of its own in place of `$filter`. It reads
/// `access_days`, the per-day summary that a trigger on `audit_events` keeps in the same
/// transaction as every audit row (migration 0021, which also says how the local day is found
/// on each backend): one row per local day, actor, action, object and family member, with a
/// count and the last time. So the page reads a few rows per day of the period, however many
/// events the trail holds and however often the family itself looked.
macro_rules! access_sql {
    ($filter:literal) => {
        concat!(
            "SELECT g.local_day, g.last_at, g.times, g.actor_account_id, g.api_client_id, g.action, \
               g.object_kind, g.object_id, g.concerns_person_id, a.role AS actor_role, \
               COALESCE(pe.given_name, ac.name) AS given_name, pe.family_name, a.job_title, COALESCE(o.name, aco.name) AS organisation, \
               s.kind AS statement_kind, s.concerns_person_id AS statement_concerns, s.source_person_id AS statement_source, \
               r.id AS report_id, r.kind AS report_kind, r.title AS report_title, \
               r.published_to_client_at IS NOT NULL AS report_published, \
               EXISTS (SELECT 1 FROM statements ds WHERE ds.report_id = r.id AND ds.kind = 'besluit') AS report_has_decision \
             FROM access_days g \
             LEFT JOIN accounts a ON a.id = g.actor_account_id LEFT JOIN people pe ON pe.id = a.person_id \
             LEFT JOIN organisations o ON o.id = a.organisation_id \
             LEFT JOIN api_clients ac ON ac.id = g.api_client_id LEFT JOIN organisations aco ON aco.id = ac.organisation_id \
             LEFT JOIN statements s ON g.object_kind = 'statement' AND s.id = g.object_id \
             LEFT JOIN reports r ON r.id = CASE WHEN g.object_kind = 'report' THEN g.object_id ELSE s.report_id END \
             WHERE g.case_id = $1 AND g.local_day >= $2 AND g.local_day < $3",
            $filter,
            " ORDER BY g.local_day DESC, g.last_at DESC"
        )
    };
}

/// A case's reads and changes in a period, grouped per local day, actor and object (one row
/// for a parent's forty looks at the same page that day), newest day first. Without the
/// family's own doings the query says `by_family = FALSE` outright (not behind a parameter),
/// so both backends read only others' rows through the `(case_id, by_family, local_day)`
/// index and never the family's own, however many.
pub async fn case_access(db: &Db, q: AccessQuery) -> Result<Vec<AccessRow>, StoreError> {
    const EVERYONE: &str = access_sql!("");
    const OTHERS: &str = access_sql!(
        " AND g.by_family = FALSE AND (g.actor_account_id IS NULL OR g.actor_account_id <> $4)"
    );
    Ok(if q.with_family {
        on_db!(db, p => sqlx::query_as(EVERYONE)
            .bind(q.case_id).bind(q.from).bind(q.to)
            .fetch_all(p).await)?
    } else {
        on_db!(db, p => sqlx::query_as(OTHERS)
            .bind(q.case_id).bind(q.from).bind(q.to).bind(q.reader)
            .fetch_all(p).await)?
    })
}

#[derive(sqlx::FromRow, Debug)]
pub struct StaffEventRow {
    pub at: DateTime<Utc>,
    pub given_name: String,
    pub family_name: String,
    pub action: String,
    pub object_kind: String,
    /// The case's reference: an administrator sees on which case, never whose or what text.
    pub case_reference: Option<String>,
    pub result: String,
}

/// The newest events by an organisation's own staff and its systems (the import API's
/// clients), for its administrator's log review
/// (NEN 7513). Only administrators who passed the second factor get here.
pub async fn staff_events(
    db: &Db,
    organisation_id: Uuid,
    limit: i64,
) -> Result<Vec<StaffEventRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT e.at, COALESCE(pe.given_name, ac.name) AS given_name, COALESCE(pe.family_name, '') AS family_name, \
           e.action, e.object_kind, c.reference AS case_reference, e.result \
         FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_account_id LEFT JOIN people pe ON pe.id = a.person_id \
         LEFT JOIN api_clients ac ON ac.id = e.api_client_id \
         LEFT JOIN cases c ON c.id = e.case_id \
         WHERE (a.organisation_id = $1 AND a.role = 'professional') OR ac.organisation_id = $1 \
         ORDER BY e.at DESC LIMIT $2")
        .bind(organisation_id).bind(limit).fetch_all(p).await)?)
}
