//! Reports and their statements, the grounds of assessments, the history of corrections, and
//! what family members did with statements (agreements, correction requests, own views).
//! Every function is scoped by the granted case.
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        time::local_date,
        StoreError,
    },
    domain::{AccountId, CaseId, Correction, CorrectionKind, CorrectionStatus, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ReportRow {
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub status: String,
    pub reaction_window_until: Option<NaiveDate>,
    pub organisation_id: Uuid,
    pub organisation: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub published_to_client_at: Option<DateTime<Utc>>,
    /// The gedragsdeskundige who reviewed it before it went out, and when.
    pub reviewer: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// It contains a decision (what a parent without authority is told about).
    pub has_decision: bool,
}

/// The columns of [`ReportRow`]; a macro so queries are built with `concat!` (no run-time SQL).
macro_rules! report_select {
    () => {
        "SELECT r.id, r.kind, r.title, r.status, r.reaction_window_until, r.organisation_id, o.name AS organisation, \
       pe.given_name || ' ' || pe.family_name AS author, r.created_at, r.published_to_client_at, \
       rv.given_name || ' ' || rv.family_name AS reviewer, r.reviewed_at, \
       EXISTS (SELECT 1 FROM statements ds WHERE ds.report_id = r.id AND ds.kind = 'besluit') AS has_decision \
     FROM reports r JOIN organisations o ON o.id = r.organisation_id JOIN people pe ON pe.id = r.author_id \
       LEFT JOIN people rv ON rv.id = r.reviewed_by "
    };
}

/// The case's reports, newest first; `published_only` for readers outside the organisations.
pub async fn list(
    db: &Db,
    case_id: CaseId,
    published_only: bool,
) -> Result<Vec<ReportRow>, StoreError> {
    let sql = concat!(report_select!(), " WHERE r.case_id = $1 AND ($2 = FALSE OR r.published_to_client_at IS NOT NULL) ORDER BY r.created_at DESC");
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(case_id).bind(published_only).fetch_all(p).await)?)
}

/// One report of the case.
pub async fn one(
    db: &Db,
    case_id: CaseId,
    report_id: Uuid,
    published_only: bool,
) -> Result<Option<ReportRow>, StoreError> {
    let sql = concat!(report_select!(), " WHERE r.id = $1 AND r.case_id = $2 AND ($3 = FALSE OR r.published_to_client_at IS NOT NULL)");
    Ok(
        on_db!(db, p => sqlx::query_as(sql).bind(report_id).bind(case_id).bind(published_only).fetch_optional(p).await)?,
    )
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct StatementRow {
    pub id: Uuid,
    pub report_id: Uuid,
    pub seq: i32,
    pub text: String,
    pub kind: String,
    pub observed_at: Option<NaiveDate>,
    pub accorded: bool,
    pub factor: Option<String>,
    pub responds_to: Option<Uuid>,
    pub concerns_person_id: Option<PersonId>,
    pub source_person_id: Option<PersonId>,
    pub source_name: Option<String>,
    pub source_title: Option<String>,
    pub source_org: Option<String>,
    pub informant_id: Option<Uuid>,
    pub informant: Option<String>,
    pub informant_relation: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Its report is published to the family.
    pub published: bool,
}

/// The columns of [`StatementRow`].
macro_rules! statement_select {
    () => {
        "SELECT s.id, s.report_id, s.seq, s.text, s.kind, s.observed_at, s.accorded, s.factor, s.responds_to, \
       s.concerns_person_id, s.source_person_id, sp.given_name || ' ' || sp.family_name AS source_name, a.job_title AS source_title, \
       o.name AS source_org, s.informant_id, inf.name_or_role AS informant, inf.relation AS informant_relation, s.created_at, \
       r.published_to_client_at IS NOT NULL AS published \
     FROM statements s JOIN reports r ON r.id = s.report_id \
     LEFT JOIN people sp ON sp.id = s.source_person_id LEFT JOIN accounts a ON a.person_id = sp.id \
     LEFT JOIN organisations o ON o.id = a.organisation_id LEFT JOIN informants inf ON inf.id = s.informant_id "
    };
}

/// The statements of the given reports of the case (one report, or all for an export), in order.
pub async fn statements(
    db: &Db,
    case_id: CaseId,
    report_id: Option<Uuid>,
) -> Result<Vec<StatementRow>, StoreError> {
    let sql = concat!(
        statement_select!(),
        " WHERE r.case_id = $1 AND ($2 IS NULL OR r.id = $2) ORDER BY r.created_at, s.seq"
    );
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(case_id).bind(report_id).fetch_all(p).await)?)
}

/// One statement of the case.
pub async fn statement(
    db: &Db,
    case_id: CaseId,
    statement_id: Uuid,
) -> Result<Option<StatementRow>, StoreError> {
    let sql = concat!(statement_select!(), " WHERE r.case_id = $1 AND s.id = $2");
    Ok(
        on_db!(db, p => sqlx::query_as(sql).bind(case_id).bind(statement_id).fetch_optional(p).await)?,
    )
}

/// Which statements each assessment rests on: (assessment, ground), for the case's reports.
pub async fn grounds(db: &Db, case_id: CaseId) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT g.assessment_id, g.ground_id FROM statement_grounds g JOIN statements s ON s.id = g.assessment_id \
         JOIN reports r ON r.id = s.report_id WHERE r.case_id = $1")
        .bind(case_id).fetch_all(p).await)?)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct RevisionRow {
    pub statement_id: Uuid,
    pub old_text: String,
    pub new_text: String,
    pub changed_by: String,
    pub reason: String,
    pub changed_at: DateTime<Utc>,
}

/// The text history of the case's statements, oldest first.
pub async fn revisions(db: &Db, case_id: CaseId) -> Result<Vec<RevisionRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT v.statement_id, v.old_text, v.new_text, pe.given_name || ' ' || pe.family_name AS changed_by, v.reason, v.changed_at \
         FROM statement_revisions v JOIN statements s ON s.id = v.statement_id JOIN reports r ON r.id = s.report_id \
         JOIN accounts a ON a.id = v.changed_by JOIN people pe ON pe.id = a.person_id \
         WHERE r.case_id = $1 ORDER BY v.changed_at")
        .bind(case_id).fetch_all(p).await)?)
}

/// The statements of the case a person marked as correct.
pub async fn agreed_by(
    db: &Db,
    case_id: CaseId,
    person_id: PersonId,
) -> Result<Vec<Uuid>, StoreError> {
    let rows: Vec<(Uuid,)> = on_db!(db, p => sqlx::query_as(
        "SELECT ag.statement_id FROM statement_agreements ag JOIN statements s ON s.id = ag.statement_id \
         JOIN reports r ON r.id = s.report_id WHERE r.case_id = $1 AND ag.person_id = $2")
        .bind(case_id).bind(person_id).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CorrectionRow {
    pub id: Uuid,
    pub statement_id: Uuid,
    #[sqlx(flatten)]
    pub request: CorrectionFields,
}

/// What a correction request says and where it stands: the part the family's report page and
/// the professional's inbox both show (flattened into both rows).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CorrectionFields {
    pub kind: String,
    pub reason: String,
    pub proposed_text: Option<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_text: Option<String>,
}

impl CorrectionFields {
    /// The request as both pages show it; `None` for a kind this version does not know.
    pub fn view(&self) -> Option<Correction> {
        Some(Correction {
            kind: CorrectionKind::parse(&self.kind)?,
            reason: self.reason.clone(),
            proposed: self.proposed_text.clone(),
            status: CorrectionStatus::from_code(&self.status),
            filed: local_date(self.created_at),
            due: local_date(self.due_at),
            decided: self.decided_at.map(local_date),
            decision: self.decision_text.clone(),
        })
    }
}

/// A person's correction requests on the case's statements, oldest first.
pub async fn corrections_by(
    db: &Db,
    case_id: CaseId,
    person_id: PersonId,
) -> Result<Vec<CorrectionRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT cr.id, cr.statement_id, cr.kind, cr.reason, cr.proposed_text, cr.status, cr.created_at, cr.due_at, cr.decided_at, cr.decision_text \
         FROM correction_requests cr JOIN statements s ON s.id = cr.statement_id JOIN reports r ON r.id = s.report_id \
         WHERE r.case_id = $1 AND cr.by_person = $2 ORDER BY cr.created_at")
        .bind(case_id).bind(person_id).fetch_all(p).await)?)
}

/// "Dit klopt": records an agreement (again is a no-op). Returns whether it was new.
pub async fn agree(
    tx: &mut Tx,
    statement_id: Uuid,
    person_id: PersonId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO statement_agreements (statement_id, person_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(statement_id).bind(person_id).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records that a family member has nothing more to add to a report in its reaction period
/// (false when they said so before: a repeat changes nothing).
pub async fn close_reaction(
    tx: &mut Tx,
    report_id: Uuid,
    person_id: PersonId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO reaction_closures (report_id, person_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(report_id).bind(person_id).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Who said they have nothing more to add to the report, and when.
pub async fn reaction_closures(
    db: &Db,
    report_id: Uuid,
) -> Result<Vec<(PersonId, DateTime<Utc>)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT person_id, at FROM reaction_closures WHERE report_id = $1")
        .bind(report_id).fetch_all(p).await)?)
}

pub struct NewCorrection<'a> {
    pub statement_id: Uuid,
    pub by_person: PersonId,
    pub kind: &'a str,
    pub reason: &'a str,
    pub proposed_text: Option<&'a str>,
    pub at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub idempotency_key: &'a str,
}

/// "Dit klopt niet": files a correction request. A retry with the same key files nothing
/// new; returns whether it was new.
pub async fn request_correction(tx: &mut Tx, c: &NewCorrection<'_>) -> Result<bool, StoreError> {
    let n = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO correction_requests (id, statement_id, by_person, kind, reason, proposed_text, status, created_at, due_at, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, 'ingediend', $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING")
        .bind(Uuid::new_v4()).bind(c.statement_id).bind(c.by_person).bind(c.kind).bind(c.reason).bind(c.proposed_text)
        .bind(c.at).bind(c.due_at).bind(c.idempotency_key).execute(conn).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        super::insights::add_correction(tx, c.statement_id, c.by_person, c.at).await?;
    }
    Ok(n == 1)
}

pub struct NewOwnView<'a> {
    pub report_id: Uuid,
    pub statement_id: Uuid,
    pub by_person: PersonId,
    /// `visie_ouder` or `visie_kind`.
    pub kind: &'a str,
    pub text: &'a str,
    pub at: DateTime<Utc>,
    pub idempotency_key: &'a str,
    /// Typed by the person now, so it counts against [`OWN_VIEWS_PER_DAY`] (a declined
    /// correction request that becomes their view does not).
    pub limited: bool,
}

/// How many own views one person may add to one statement within a day. Enough for a
/// second thought and a correction of it; a flood (a stuck button, a script) stops here
/// and the person is told why, next to the field.
pub const OWN_VIEWS_PER_DAY: i64 = 5;

/// What [`add_own_view`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// A retry with the same key: nothing added.
    Again,
    /// [`OWN_VIEWS_PER_DAY`] reached: nothing added.
    OverLimit,
}

impl crate::backend::change::Outcome for Added {
    fn changed(&self) -> bool {
        *self == Added::New
    }
}

/// "Mijn kant": registers the family member's own view and adds it to the report as a
/// statement of their kind that responds to the original. A retry with the same key adds
/// nothing, and neither does a view over the day's limit for this person and statement.
///
/// The new statement is numbered after the report's last one. Two views added to the same
/// report at once would both read the same last number, so the report row is locked first
/// (PostgreSQL; SQLite has one writer): the second writer waits, then reads the first one's
/// number. `UNIQUE (report_id, seq)` stays as the guarantee; should it ever fire, the write
/// path runs the whole transaction again.
pub async fn add_own_view(tx: &mut Tx, v: &NewOwnView<'_>) -> Result<Added, StoreError> {
    tx.lock(Parent::Report(v.report_id)).await?;
    let (again,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM own_views WHERE idempotency_key = $1")
        .bind(v.idempotency_key).fetch_one(c).await)?;
    if again > 0 {
        return Ok(Added::Again);
    }
    // Under the report's lock, so two at once cannot both be the fifth.
    let (today,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM own_views WHERE statement_id = $1 AND by_person = $2 AND created_at > $3")
        .bind(v.statement_id).bind(v.by_person).bind(v.at - chrono::Duration::days(1))
        .fetch_one(c).await)?;
    if v.limited && today >= OWN_VIEWS_PER_DAY {
        return Ok(Added::OverLimit);
    }
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO own_views (id, report_id, statement_id, by_person, text, created_at, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING")
        .bind(Uuid::new_v4()).bind(v.report_id).bind(v.statement_id).bind(v.by_person).bind(v.text).bind(v.at)
        .bind(v.idempotency_key).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(Added::Again);
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO statements (id, report_id, seq, text, kind, source_person_id, concerns_person_id, observed_at, responds_to, created_at) \
         SELECT $1, $2, COALESCE(MAX(seq), 0) + 1, $3, $4, $5, $5, NULL, $6, $7 FROM statements WHERE report_id = $2")
        .bind(Uuid::new_v4()).bind(v.report_id).bind(v.text).bind(v.kind).bind(v.by_person).bind(v.statement_id).bind(v.at)
        .execute(c).await.map(|_| ()))?;
    Ok(Added::New)
}

/// What is shielded from whom in the case's family, with the professional's reason:
/// (item, hidden from (name), reason). For the professionals of the case only.
pub async fn shieldings(
    db: &Db,
    case_id: CaseId,
) -> Result<Vec<(Uuid, String, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT sh.item_id, pe.given_name || ' ' || pe.family_name, sh.reason FROM shieldings sh \
         JOIN people pe ON pe.id = sh.hidden_from_person_id \
         WHERE sh.case_id = $1 ORDER BY sh.created_at")
        .bind(case_id).fetch_all(p).await)?)
}

/// Hides an item of the case from one family member; false when it already was.
#[allow(clippy::too_many_arguments)]
pub async fn shield(
    tx: &mut Tx,
    case_id: CaseId,
    item_kind: &str,
    item_id: Uuid,
    person: PersonId,
    reason: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO shieldings (id, case_id, item_kind, item_id, hidden_from_person_id, reason, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING")
        .bind(Uuid::new_v4()).bind(case_id).bind(item_kind).bind(item_id).bind(person).bind(reason).bind(by).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether a family member is a child of their family (their view is then a child's view).
pub async fn is_child(tx: &mut Tx, person: PersonId) -> Result<bool, StoreError> {
    let row: (bool,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM family_members WHERE person_id = $1 AND relation = 'child')")
        .bind(person).fetch_one(c).await)?;
    Ok(row.0)
}
