//! Contacts, the family's feedback on them and the professional's follow-up (correction
//! requests are `corrections`). Every read is scoped by a granted case or by the cases a
//! professional is assigned to today ([`Scope`]).
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        StoreError,
    },
    domain::feedback::{Scale, Scores, INSTRUMENT, INSTRUMENT_VERSION},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

/// Which cases a read covers: one granted case, or every case a professional is assigned to.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Case(CaseId),
    AssignedTo {
        person_id: PersonId,
        today: NaiveDate,
    },
}

impl Scope {
    /// The binds for the `($1 IS NULL OR x.case_id = $1) AND ($2 IS NULL OR x.case_id IN
    /// (assigned to $2 on $3))` clause every scoped query below uses.
    pub(super) fn binds(self) -> (Option<CaseId>, Option<PersonId>, NaiveDate) {
        match self {
            Scope::Case(id) => (Some(id), None, NaiveDate::default()),
            Scope::AssignedTo { person_id, today } => (None, Some(person_id), today),
        }
    }
}

/// The scope clause, for a table aliased `x` with a `case_id` column.
macro_rules! scoped {
    () => {
        "($1 IS NULL OR x.case_id = $1) AND ($2 IS NULL OR x.case_id IN (SELECT i.case_id FROM involvements i \
         WHERE i.person_id = $2 AND i.since <= $3 AND (i.until IS NULL OR i.until >= $3)))"
    };
}
pub(super) use scoped;

// ---- Contacts ----

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ContactRow {
    pub id: Uuid,
    pub case_id: CaseId,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub summary: String,
    pub professional_id: AccountId,
    pub professional: String,
    pub job_title: Option<String>,
    pub organisation: String,
}

/// The case's contacts from `since` on, newest first.
pub async fn contacts(
    db: &Db,
    case_id: CaseId,
    since: DateTime<Utc>,
) -> Result<Vec<ContactRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT x.id, x.case_id, x.at, x.kind, x.summary, x.professional_id, pe.given_name || ' ' || pe.family_name AS professional, \
           a.job_title, o.name AS organisation \
         FROM contacts x JOIN accounts a ON a.id = x.professional_id JOIN people pe ON pe.id = a.person_id \
         JOIN organisations o ON o.id = a.organisation_id \
         WHERE x.case_id = $1 AND x.at >= $2 ORDER BY x.at DESC")
        .bind(case_id).bind(since).fetch_all(p).await)?)
}

/// One contact of the case.
pub async fn contact(db: &Db, case_id: CaseId, id: Uuid) -> Result<Option<ContactRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT x.id, x.case_id, x.at, x.kind, x.summary, x.professional_id, pe.given_name || ' ' || pe.family_name AS professional, \
           a.job_title, o.name AS organisation \
         FROM contacts x JOIN accounts a ON a.id = x.professional_id JOIN people pe ON pe.id = a.person_id \
         JOIN organisations o ON o.id = a.organisation_id \
         WHERE x.case_id = $1 AND x.id = $2")
        .bind(case_id).bind(id).fetch_optional(p).await)?)
}

pub struct NewContact<'a> {
    pub id: Uuid,
    pub case_id: CaseId,
    pub professional_id: AccountId,
    pub kind: &'a str,
    pub at: DateTime<Utc>,
    pub summary: &'a str,
}

/// Records a contact; the id comes from the form, so a retry records nothing twice.
pub async fn record_contact(tx: &mut Tx, c: &NewContact<'_>) -> Result<bool, StoreError> {
    let n = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO contacts (id, case_id, professional_id, kind, at, summary) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING")
        .bind(c.id).bind(c.case_id).bind(c.professional_id).bind(c.kind).bind(c.at).bind(c.summary)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        super::insights::add_contact(tx, c.professional_id, c.case_id, c.at).await?;
    }
    Ok(n == 1)
}

/// The newest contact since `since` that `person` has not sent feedback about yet: the
/// invitation on the family's first page. (when, with whom)
pub async fn open_contact(
    db: &Db,
    case_id: CaseId,
    person_id: PersonId,
    since: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT x.at, pe.given_name || ' ' || pe.family_name FROM contacts x \
         JOIN accounts a ON a.id = x.professional_id JOIN people pe ON pe.id = a.person_id \
         WHERE x.case_id = $1 AND x.at >= $3 AND NOT EXISTS (SELECT 1 FROM feedback_responses r \
           WHERE r.contact_id = x.id AND r.respondent_person_id = $2 AND r.status = 'submitted') \
         ORDER BY x.at DESC LIMIT 1")
        .bind(case_id).bind(person_id).bind(since).fetch_optional(p).await)?)
}

/// Whom feedback without a contact is about: the case's contact person today, else whoever is
/// responsible now, else any professional on the case. (account, name)
pub async fn contact_professional(
    db: &Db,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<Option<(AccountId, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT a.id, pe.given_name || ' ' || pe.family_name FROM involvements i \
         JOIN accounts a ON a.person_id = i.person_id JOIN people pe ON pe.id = i.person_id \
         WHERE i.case_id = $1 AND i.since <= $2 AND (i.until IS NULL OR i.until >= $2) AND a.role = 'professional' \
         ORDER BY i.is_contact_person DESC, i.is_responsible_now DESC, i.since DESC LIMIT 1")
        .bind(case_id).bind(today).fetch_optional(p).await)?)
}

// ---- Responses ----

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ResponseRow {
    pub id: Uuid,
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub family: String,
    pub contact_id: Option<Uuid>,
    pub contact_at: Option<DateTime<Utc>>,
    pub contact_kind: Option<String>,
    pub professional_id: AccountId,
    pub professional: String,
    pub respondent_person_id: PersonId,
    pub respondent: String,
    pub respondent_group: String,
    pub anonymous_to_professional: bool,
    pub comment: Option<String>,
    /// The respondent lets the organisation's own case system have the comment.
    pub comment_shared: bool,
    /// Sent (`status = 'submitted'`); otherwise a draft only its writer sees.
    pub submitted: bool,
    pub created_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub idempotency_key: Option<String>,
    pub reply_text: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    pub replied_by: Option<String>,
    pub discussed_at: Option<NaiveDate>,
}

/// Responses in the scope, oldest first: submitted ones, and with `drafts_of` also that
/// person's drafts. `person` narrows to one respondent.
pub async fn responses(
    db: &Db,
    scope: Scope,
    person: Option<PersonId>,
    drafts_of: Option<PersonId>,
) -> Result<Vec<ResponseRow>, StoreError> {
    let (case, prof, today) = scope.binds();
    let sql = concat!(
        "SELECT x.id, x.case_id, c.family_id, fa.display_name AS family, x.contact_id, ct.at AS contact_at, ct.kind AS contact_kind, x.professional_id, \
           pp.given_name || ' ' || pp.family_name AS professional, x.respondent_person_id, \
           rp.given_name || ' ' || rp.family_name AS respondent, x.respondent_group, x.anonymous_to_professional, x.comment, \
           x.comment_shared, x.status = 'submitted' AS submitted, x.created_at, x.submitted_at, x.idempotency_key, f.reply_text, f.replied_at, \
           bp.given_name || ' ' || bp.family_name AS replied_by, f.discussed_at \
         FROM feedback_responses x JOIN cases c ON c.id = x.case_id JOIN families fa ON fa.id = c.family_id \
         LEFT JOIN contacts ct ON ct.id = x.contact_id \
         JOIN accounts pa ON pa.id = x.professional_id JOIN people pp ON pp.id = pa.person_id \
         JOIN people rp ON rp.id = x.respondent_person_id \
         LEFT JOIN feedback_followups f ON f.response_id = x.id \
         LEFT JOIN accounts ba ON ba.id = f.replied_by LEFT JOIN people bp ON bp.id = ba.person_id \
         WHERE ",
        scoped!(),
        " AND ($4 IS NULL OR x.respondent_person_id = $4) \
           AND (x.status = 'submitted' OR x.respondent_person_id = $5) \
         ORDER BY COALESCE(x.submitted_at, x.created_at), x.id"
    );
    Ok(on_db!(db, p => sqlx::query_as(sql)
        .bind(case).bind(prof).bind(today).bind(person).bind(drafts_of).fetch_all(p).await)?)
}

/// The scores of the responses in the scope, by response.
pub async fn scores(db: &Db, scope: Scope) -> Result<HashMap<Uuid, Vec<(Scale, u8)>>, StoreError> {
    let (case, prof, today) = scope.binds();
    let sql = concat!(
        "SELECT s.response_id, s.item_code, s.score FROM feedback_scores s \
         JOIN feedback_responses x ON x.id = s.response_id WHERE ",
        scoped!()
    );
    let rows: Vec<(Uuid, String, i16)> = on_db!(db, p => sqlx::query_as(sql)
        .bind(case).bind(prof).bind(today).fetch_all(p).await)?;
    let mut by: HashMap<Uuid, Vec<(Scale, u8)>> = HashMap::new();
    for (id, code, score) in rows {
        let scale = Scale::parse(&code)
            .ok_or_else(|| StoreError::Corrupt(format!("feedback item {code}")))?;
        by.entry(id)
            .or_default()
            .push((scale, u8::try_from(score).unwrap_or(0)));
    }
    Ok(by)
}

/// A complete set of scores, in `Scale::ALL` order.
pub fn complete(scores: &[(Scale, u8)]) -> Option<Scores> {
    let mut out = [0u8; 4];
    for (i, scale) in Scale::ALL.into_iter().enumerate() {
        out[i] = scores.iter().find(|(s, _)| *s == scale)?.1;
    }
    Some(out)
}

/// Where a response sits, for authorising a follow-up: (case, family).
pub async fn response_case(db: &Db, id: Uuid) -> Result<Option<CaseId>, StoreError> {
    let row: Option<(CaseId,)> = on_db!(db, p => sqlx::query_as(
        "SELECT case_id FROM feedback_responses WHERE id = $1 AND status = 'submitted'")
        .bind(id).fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}

pub struct NewResponse<'a> {
    pub case_id: CaseId,
    pub contact_id: Option<Uuid>,
    pub professional_id: AccountId,
    pub respondent_person_id: PersonId,
    /// `parent` or `young_person` (also the instrument's audience).
    pub respondent_group: &'a str,
    pub anonymous: bool,
    pub comment: Option<&'a str>,
    /// The comment may go to the organisation's own case system (never with `anonymous`).
    pub share: bool,
    pub scores: &'a [(Scale, u8)],
    pub submit: bool,
    pub at: DateTime<Utc>,
    pub key: &'a str,
}

/// What saving a response did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Stored (a new draft, an updated draft, or sent).
    Stored,
    /// The same form was sent before: nothing changed.
    Repeat,
    /// Feedback about this contact was already sent.
    AlreadyGiven,
}

impl crate::backend::change::Outcome for Saved {
    fn changed(&self) -> bool {
        *self == Saved::Stored
    }
}

/// Saves a draft or sends a response. One response per person per contact (a draft is
/// updated until it is sent); one open draft per person for feedback without a contact.
///
/// "Once per contact" is decided by reading what the person already stored; two posts at the
/// same moment (two tabs, a double tap, a retry) would both read "nothing yet". So the case
/// row is locked first (PostgreSQL; SQLite has one writer): the second post waits and then
/// finds the first one's response.
pub async fn save_response(tx: &mut Tx, r: &NewResponse<'_>) -> Result<Saved, StoreError> {
    tx.lock(Parent::Case(r.case_id)).await?;
    let by_key: Option<(String,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT status FROM feedback_responses WHERE idempotency_key = $1")
        .bind(r.key).fetch_optional(c).await)?;
    if by_key.is_some_and(|(s,)| s == "submitted") {
        return Ok(Saved::Repeat);
    }
    let existing: Option<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, status FROM feedback_responses WHERE respondent_person_id = $1 AND case_id = $2 \
         AND ((contact_id IS NULL AND $3 IS NULL AND status = 'draft') OR contact_id = $3) LIMIT 1")
        .bind(r.respondent_person_id).bind(r.case_id).bind(r.contact_id).fetch_optional(c).await)?;
    let status = if r.submit { "submitted" } else { "draft" };
    let submitted_at = r.submit.then_some(r.at);
    let id = match existing {
        Some((_, s)) if s == "submitted" => return Ok(Saved::AlreadyGiven),
        Some((id, _)) => {
            // Only while it is a draft: a sent response is never changed back.
            let n = on_tx!(tx, c => sqlx::query(
                "UPDATE feedback_responses SET anonymous_to_professional = $2, comment = $3, status = $4, submitted_at = $5, \
                 idempotency_key = $6, professional_id = $7, comment_shared = $8 WHERE id = $1 AND status = 'draft'")
                .bind(id).bind(r.anonymous).bind(r.comment).bind(status).bind(submitted_at).bind(r.key).bind(r.professional_id)
                .bind(r.share)
                .execute(c).await.map(|r| r.rows_affected()))?;
            if n == 0 {
                return Ok(Saved::AlreadyGiven);
            }
            on_tx!(tx, c => sqlx::query("DELETE FROM feedback_scores WHERE response_id = $1")
                .bind(id).execute(c).await.map(|_| ()))?;
            id
        }
        None => {
            let id = Uuid::new_v4();
            // The organisation, team and phase the response counts for, as they are now.
            on_tx!(tx, c => sqlx::query(
                "INSERT INTO feedback_responses (id, case_id, contact_id, professional_id, organisation_id, team_id, phase_code, \
                   respondent_person_id, respondent_group, instrument_id, anonymous_to_professional, comment, status, created_at, \
                   submitted_at, idempotency_key, comment_shared) \
                 SELECT $1, $2, $3, a.id, a.organisation_id, a.team_id, \
                   (SELECT cp.phase_code FROM case_phases cp WHERE cp.case_id = $2 AND cp.ended_at IS NULL ORDER BY cp.started_at DESC LIMIT 1), \
                   $5, $6, i.id, $7, $8, $9, $10, $11, $12, $15 \
                 FROM accounts a JOIN feedback_instruments i ON i.code = $13 AND i.version = $14 AND i.audience = $6 \
                 WHERE a.id = $4")
                .bind(id).bind(r.case_id).bind(r.contact_id).bind(r.professional_id).bind(r.respondent_person_id)
                .bind(r.respondent_group).bind(r.anonymous).bind(r.comment).bind(status).bind(r.at).bind(submitted_at)
                .bind(r.key).bind(INSTRUMENT).bind(INSTRUMENT_VERSION).bind(r.share)
                .execute(c).await.map(|_| ()))?;
            id
        }
    };
    for (scale, score) in r.scores {
        on_tx!(tx, c => sqlx::query("INSERT INTO feedback_scores (response_id, item_code, score) VALUES ($1, $2, $3)")
            .bind(id).bind(scale.code()).bind(i16::from(*score)).execute(c).await.map(|_| ()))?;
    }
    // A sent response counts in the organisation's figures, in the same transaction.
    if let (true, Some(scores)) = (r.submit, complete(r.scores)) {
        if let Some((key, _)) = super::insights::cell_of_response(tx, id).await? {
            super::insights::add_response(tx, &key, r.respondent_person_id, &scores).await?;
        }
    }
    Ok(Saved::Stored)
}

/// The respondent lets the organisation's own case system have the comment of a sent
/// response (`share`), or no longer: only their own, sent with their name and a comment.
/// False when it already was so (or is not such a response).
pub async fn share_comment(
    tx: &mut Tx,
    response: Uuid,
    respondent: PersonId,
    share: bool,
) -> Result<bool, StoreError> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE feedback_responses SET comment_shared = $3 WHERE id = $1 AND respondent_person_id = $2 \
         AND status = 'submitted' AND NOT anonymous_to_professional AND comment IS NOT NULL AND comment_shared <> $3")
        .bind(response).bind(respondent).bind(share).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The professional's reply (a new reply replaces the old one; "besproken" stays).
pub async fn reply(
    tx: &mut Tx,
    response_id: Uuid,
    text: &str,
    by: AccountId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.lock(Parent::Response(response_id)).await?;
    let (first, below) = followup_state(tx, response_id, true).await?;
    if first {
        if let Some((key, sent)) = super::insights::cell_of_response(tx, response_id).await? {
            let days = (crate::backend::time::local_date(at)
                - crate::backend::time::local_date(sent))
            .num_days();
            super::insights::add_first_reply(tx, &key, days, below).await?;
        }
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO feedback_followups (response_id, reply_text, replied_by, replied_at, status) VALUES ($1, $2, $3, $4, 'beantwoord') \
         ON CONFLICT (response_id) DO UPDATE SET reply_text = excluded.reply_text, replied_by = excluded.replied_by, \
           replied_at = excluded.replied_at, \
           status = CASE WHEN feedback_followups.status = 'besproken' THEN 'besproken' ELSE 'beantwoord' END")
        .bind(response_id).bind(text).bind(by).bind(at).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Whether this is the first reply (`reply`) or the first "besproken" (else) of a response,
/// and whether the response is at or below the cut-off. Only the first one counts in the
/// insights, so the caller locks the response first ([`Parent::Response`]): two replies at
/// the same moment then see each other and count once.
async fn followup_state(
    tx: &mut Tx,
    response_id: Uuid,
    reply: bool,
) -> Result<(bool, bool), StoreError> {
    let done: Option<(bool,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT CASE WHEN $2 THEN replied_at IS NOT NULL ELSE discussed_at IS NOT NULL END FROM feedback_followups WHERE response_id = $1")
        .bind(response_id).bind(reply).fetch_optional(c).await)?;
    let total: (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COALESCE(SUM(score), 0) FROM feedback_scores WHERE response_id = $1")
        .bind(response_id).fetch_one(c).await)?;
    let below = u32::try_from(total.0).unwrap_or(0) <= crate::domain::feedback::LOW_TOTAL;
    Ok((!done.is_some_and(|(d,)| d), below))
}

/// Marks a response as discussed in person on `day`.
pub async fn discussed(tx: &mut Tx, response_id: Uuid, day: NaiveDate) -> Result<(), StoreError> {
    tx.lock(Parent::Response(response_id)).await?;
    let (first, below) = followup_state(tx, response_id, false).await?;
    if first && below {
        if let Some((key, _)) = super::insights::cell_of_response(tx, response_id).await? {
            super::insights::add_discussed(tx, &key).await?;
        }
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO feedback_followups (response_id, discussed_at, status) VALUES ($1, $2, 'besproken') \
         ON CONFLICT (response_id) DO UPDATE SET discussed_at = excluded.discussed_at, status = 'besproken'")
        .bind(response_id).bind(day).execute(c).await.map(|_| ()))?;
    Ok(())
}
