//! Correction requests ("dit klopt niet") and own views ("mijn kant") as the professional
//! handles them: the inbox's list, one request, and deciding it (accepting changes the
//! statement and keeps its old text; declining keeps the family's words as their own view).
use super::feedback::{scoped, Scope};
use crate::{
    backend::{
        db::{Db, Tx},
        StoreError,
    },
    domain::{AccountId, CaseId, FamilyId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CorrectionItem {
    pub id: Uuid,
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub report_organisation_id: Uuid,
    pub statement_id: Uuid,
    pub seq: i32,
    pub statement_text: String,
    pub by_person: PersonId,
    pub by_name: String,
    #[sqlx(flatten)]
    pub request: super::reports::CorrectionFields,
}

macro_rules! correction_select {
    () => {
        "SELECT cr.id, x.case_id, c.family_id, fa.display_name AS family, x.id AS report_id, x.title AS report_title, \
           x.organisation_id AS report_organisation_id, s.id AS statement_id, s.seq, s.text AS statement_text, \
           cr.by_person, pe.given_name || ' ' || pe.family_name AS by_name, cr.kind, cr.reason, cr.proposed_text, cr.status, \
           cr.created_at, cr.due_at, cr.decided_at, cr.decision_text \
         FROM correction_requests cr JOIN statements s ON s.id = cr.statement_id JOIN reports x ON x.id = s.report_id \
         JOIN cases c ON c.id = x.case_id JOIN families fa ON fa.id = c.family_id JOIN people pe ON pe.id = cr.by_person "
    };
}

/// Correction requests on reports written by `organisation` in the scope: open ones first
/// (the nearest deadline first), then the latest decided ones.
pub async fn corrections(
    db: &Db,
    scope: Scope,
    organisation: Uuid,
) -> Result<Vec<CorrectionItem>, StoreError> {
    let (case, prof, today) = scope.binds();
    let sql = concat!(
        correction_select!(),
        " WHERE ",
        scoped!(),
        " AND x.organisation_id = $4 \
         ORDER BY CASE WHEN cr.status IN ('ingediend', 'in_behandeling') THEN 0 ELSE 1 END, \
           CASE WHEN cr.status IN ('ingediend', 'in_behandeling') THEN cr.due_at END, cr.decided_at DESC LIMIT 100"
    );
    Ok(on_db!(db, p => sqlx::query_as(sql)
        .bind(case).bind(prof).bind(today).bind(organisation).fetch_all(p).await)?)
}

/// One correction request, for deciding on it.
pub async fn correction(db: &Db, id: Uuid) -> Result<Option<CorrectionItem>, StoreError> {
    let sql = concat!(correction_select!(), " WHERE cr.id = $1");
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?)
}

/// Grants a correction: the statement gets the new text, the old one stays in its history
/// with who changed it and why. False when the request was already decided.
pub async fn accept_correction(
    tx: &mut Tx,
    c: &CorrectionItem,
    new_text: &str,
    reason: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !decide(tx, c.id, "toegekend", reason, by, at).await? {
        return Ok(false);
    }
    super::insights::add_decision(tx, c.id, true, at).await?;
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO statement_revisions (id, statement_id, old_text, new_text, changed_by, reason, changed_at) \
         SELECT $1, s.id, s.text, $3, $4, $5, $6 FROM statements s WHERE s.id = $2")
        .bind(Uuid::new_v4()).bind(c.statement_id).bind(new_text).bind(by).bind(reason).bind(at)
        .execute(conn).await.map(|_| ()))?;
    on_tx!(tx, conn => sqlx::query("UPDATE statements SET text = $2 WHERE id = $1")
        .bind(c.statement_id).bind(new_text).execute(conn).await.map(|_| ()))?;
    Ok(true)
}

/// Declines a correction: the decision with its reason, and the family's request stays with
/// the statement as their own view (so what they said is never lost). False when the request
/// was already decided.
pub async fn decline_correction(
    tx: &mut Tx,
    c: &CorrectionItem,
    reason: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    use super::reports;
    if !decide(tx, c.id, "afgewezen", reason, by, at).await? {
        return Ok(false);
    }
    super::insights::add_decision(tx, c.id, false, at).await?;
    let view = match &c.request.proposed_text {
        Some(p) => format!("{}\n\n{p}", c.request.reason),
        None => c.request.reason.clone(),
    };
    let kind = if reports::is_child(tx, c.by_person).await? {
        "visie_kind"
    } else {
        "visie_ouder"
    };
    let own_view = reports::NewOwnView {
        report_id: c.report_id,
        statement_id: c.statement_id,
        by_person: c.by_person,
        kind,
        text: &view,
        at,
        idempotency_key: &format!("declined:{}", c.id),
        // A declined request is not the family adding a view: no daily limit.
        limited: false,
    };
    reports::add_own_view(tx, &own_view).await?;
    Ok(true)
}

/// Records a decision on an open request; false when it was already decided.
pub async fn decide(
    tx: &mut Tx,
    id: Uuid,
    status: &str,
    text: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE correction_requests SET status = $2, decision_text = $3, decided_by = $4, decided_at = $5 \
         WHERE id = $1 AND status IN ('ingediend', 'in_behandeling')")
        .bind(id).bind(status).bind(text).bind(by).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct OwnViewItem {
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub seq: Option<i32>,
    pub by_name: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// The family's own views ("mijn kant") in the scope, newest first.
pub async fn own_views(db: &Db, scope: Scope) -> Result<Vec<OwnViewItem>, StoreError> {
    let (case, prof, today) = scope.binds();
    let sql = concat!(
        "SELECT x.case_id, c.family_id, fa.display_name AS family, x.id AS report_id, x.title AS report_title, s.seq, \
           pe.given_name || ' ' || pe.family_name AS by_name, v.text, v.created_at \
         FROM own_views v JOIN reports x ON x.id = v.report_id LEFT JOIN statements s ON s.id = v.statement_id \
         JOIN cases c ON c.id = x.case_id JOIN families fa ON fa.id = c.family_id JOIN people pe ON pe.id = v.by_person \
         WHERE ",
        scoped!(),
        " ORDER BY v.created_at DESC LIMIT 50"
    );
    Ok(on_db!(db, p => sqlx::query_as(sql).bind(case).bind(prof).bind(today).fetch_all(p).await)?)
}
