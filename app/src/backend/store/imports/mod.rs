//! What the import API reads and writes beyond the screens' own store functions: a case found
//! by the organisation's own identification, the organisation's ids of what is in it, and the
//! few changes to a family that only the organisation's system makes (migration 0020).
//! Every query takes the organisation an `ApiGrant` gave and puts it in its WHERE clause.
//! What the family did, read back for the organisation, is in [`reactions`]; the first answers
//! to requests with an `Idempotency-Key` are in [`keys`].
use super::families::NewMember;
use crate::{
    backend::{db::Tx, Db, StoreError},
    domain::{AccountId, CaseId, FamilyId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

pub mod keys;
pub mod reactions;

/// A case the organisation's system opened, as this organisation may reach it today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sourced {
    pub case: CaseId,
    pub family: FamilyId,
    /// Someone of the organisation works on the case today: what the screens ask of a
    /// professional before they read it. A case handed over to another organisation is no
    /// longer the system's to read, even though it opened it.
    pub involved: bool,
    /// Not closed: only an open case changes.
    pub open: bool,
}

/// The case the organisation's system knows by this identification.
pub async fn case_of(
    tx: &mut Tx,
    organisation: Uuid,
    identification: &str,
    today: NaiveDate,
) -> Result<Option<Sourced>, StoreError> {
    let row: Option<(CaseId, FamilyId, bool, bool)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT c.id, c.family_id, \
           EXISTS (SELECT 1 FROM involvements i WHERE i.case_id = c.id AND i.organisation_id = $1 \
                   AND i.since <= $3 AND (i.until IS NULL OR i.until >= $3)), \
           c.closed_at IS NULL \
         FROM cases c WHERE c.source_organisation_id = $1 AND c.source_identification = $2")
        .bind(organisation).bind(identification).bind(today).fetch_optional(c).await)?;
    Ok(row.map(|(case, family, involved, open)| Sourced {
        case,
        family,
        involved,
        open,
    }))
}

/// Marks a case just opened as the organisation's system's, under its identification.
pub async fn set_source(
    tx: &mut Tx,
    case: CaseId,
    organisation: Uuid,
    identification: &str,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE cases SET source_organisation_id = $1, source_identification = $2 WHERE id = $3")
        .bind(organisation).bind(identification).bind(case).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Remembers the organisation's own id of something in the case. An id that named something
/// since taken out (a statement removed on the screen) names the new thing.
pub async fn map_id(
    tx: &mut Tx,
    case: CaseId,
    kind: &str,
    external: &str,
    internal: Uuid,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO api_external_ids (case_id, kind, external_id, internal_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (case_id, kind, external_id) DO UPDATE SET internal_id = excluded.internal_id")
        .bind(case).bind(kind).bind(external).bind(internal).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Forgets the organisation's id of something taken out of the case.
pub async fn unmap(
    tx: &mut Tx,
    case: CaseId,
    kind: &str,
    internal: Uuid,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "DELETE FROM api_external_ids WHERE case_id = $1 AND kind = $2 AND internal_id = $3")
        .bind(case).bind(kind).bind(internal).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Everyone in the case's family.
pub async fn family_people(tx: &mut Tx, case: CaseId) -> Result<Vec<PersonId>, StoreError> {
    let rows: Vec<(PersonId,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT fm.person_id FROM family_members fm JOIN cases c ON c.family_id = fm.family_id WHERE c.id = $1")
        .bind(case).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// An active professional of the organisation, by their Helder username.
pub async fn professional(
    tx: &mut Tx,
    organisation: Uuid,
    username: &str,
) -> Result<Option<(PersonId, AccountId)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT person_id, id FROM accounts WHERE username = $1 AND organisation_id = $2 \
         AND role = 'professional' AND disabled_at IS NULL")
        .bind(username).bind(organisation).fetch_optional(c).await)?)
}

/// A case as the API shows it back.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct CaseRow {
    pub family_name: String,
    pub phase_code: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub reporter_kind: Option<String>,
    pub reporter: Option<String>,
    pub reporter_disclosed: Option<bool>,
    /// The username of whoever opened it (the first phase's starter).
    pub opener: Option<String>,
    /// The phase it was opened in.
    pub opening_phase: Option<String>,
}

pub async fn case(tx: &mut Tx, case: CaseId) -> Result<CaseRow, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT f.display_name AS family_name, \
           (SELECT cp.phase_code FROM case_phases cp WHERE cp.case_id = c.id ORDER BY cp.started_at DESC LIMIT 1) AS phase_code, \
           c.opened_at, c.closed_at, r.kind AS reporter_kind, r.description AS reporter, r.identity_disclosed AS reporter_disclosed, \
           (SELECT a.username FROM case_phases cp JOIN accounts a ON a.id = cp.started_by WHERE cp.case_id = c.id ORDER BY cp.started_at LIMIT 1) AS opener, \
           (SELECT cp.phase_code FROM case_phases cp WHERE cp.case_id = c.id ORDER BY cp.started_at LIMIT 1) AS opening_phase \
         FROM cases c JOIN families f ON f.id = c.family_id LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = $1")
        .bind(case).fetch_one(c).await)?)
}

/// A family member the organisation's system sent, with its id there.
#[derive(sqlx::FromRow, Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub external_id: String,
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    pub relation: String,
    pub has_parental_authority: bool,
}

/// The family members of the case that the organisation's system sent, in its ids' order.
pub async fn members(tx: &mut Tx, case: CaseId) -> Result<Vec<MemberRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT x.external_id, pe.id AS person_id, pe.given_name, pe.family_name, pe.birth_date, fm.relation, fm.has_parental_authority \
         FROM api_external_ids x JOIN cases cs ON cs.id = x.case_id \
         JOIN family_members fm ON fm.family_id = cs.family_id AND fm.person_id = x.internal_id \
         JOIN people pe ON pe.id = x.internal_id \
         WHERE x.case_id = $1 AND x.kind = 'person' ORDER BY x.external_id")
        .bind(case).fetch_all(c).await)?)
}

/// Changes a family member's name, birth date, relation (between the adult ones) or parental
/// authority, as the organisation's system has it now.
pub async fn update_member(tx: &mut Tx, family: FamilyId, m: &NewMember) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE people SET given_name = $1, family_name = $2, birth_date = $3 WHERE id = $4")
        .bind(&m.given_name).bind(&m.family_name).bind(m.birth_date).bind(m.person_id)
        .execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "UPDATE family_members SET relation = $1, has_parental_authority = $2 WHERE family_id = $3 AND person_id = $4")
        .bind(&m.relation).bind(m.has_parental_authority).bind(family).bind(m.person_id)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Renames the family (the name the family and the professionals read above the case).
pub async fn rename_family(tx: &mut Tx, family: FamilyId, name: &str) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("UPDATE families SET display_name = $1 WHERE id = $2")
        .bind(name).bind(family).execute(c).await.map(|_| ()))?;
    Ok(())
}

/// Reads from the case the organisation's system knows by this identification, while the
/// organisation works on it: `work` runs in one transaction with the case row locked
/// (PostgreSQL), so what it reads agrees, and the transaction is rolled back — a read writes
/// nothing. `None` when there is no such case for the organisation, or `work` found nothing.
pub async fn reading<T, F>(
    db: &crate::backend::db::Db,
    organisation: Uuid,
    identification: &str,
    work: F,
) -> Result<Option<(Sourced, T)>, StoreError>
where
    F: for<'t> FnOnce(&'t mut Tx, Sourced) -> crate::backend::change::Work<'t, Option<T>>,
{
    let mut tx = db.begin().await?;
    let today = crate::backend::time::today();
    let found = match case_of(&mut tx, organisation, identification, today).await? {
        Some(f) if f.involved => {
            tx.lock(crate::backend::db::Parent::Case(f.case)).await?;
            work(&mut tx, f).await?.map(|t| (f, t))
        }
        _ => None,
    };
    tx.rollback().await?;
    Ok(found)
}

/// The case the organisation's system knows by this identification and still works on, with
/// its family ([`reading`]).
pub async fn snapshot(
    db: &crate::backend::db::Db,
    organisation: Uuid,
    identification: &str,
) -> Result<Option<(CaseId, FamilyId, CaseRow, Vec<MemberRow>)>, StoreError> {
    let found = reading(db, organisation, identification, |tx, f| {
        Box::pin(async move { Ok(Some((case(tx, f.case).await?, members(tx, f.case).await?))) })
    })
    .await?;
    Ok(found.map(|(f, (row, members))| (f.case, f.family, row, members)))
}

/// The organisation's own ids of one kind of thing in the case, with Helder's: (external,
/// internal).
pub async fn ids(tx: &mut Tx, case: CaseId, kind: &str) -> Result<Vec<(String, Uuid)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT external_id, internal_id FROM api_external_ids WHERE case_id = $1 AND kind = $2 ORDER BY external_id")
        .bind(case).bind(kind).fetch_all(c).await)?)
}

/// Helder's id of one thing of the case, by the organisation's own id for it.
pub async fn external(
    tx: &mut Tx,
    case: CaseId,
    kind: &str,
    external: &str,
) -> Result<Option<Uuid>, StoreError> {
    let row: Option<(Uuid,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT internal_id FROM api_external_ids WHERE case_id = $1 AND kind = $2 AND external_id = $3")
        .bind(case).bind(kind).bind(external).fetch_optional(c).await)?;
    Ok(row.map(|r| r.0))
}

/// The professionals ever involved in the case who have a Helder account: (person, username).
/// What a statement's observer is called in the API.
pub async fn case_professionals(
    tx: &mut Tx,
    case: CaseId,
) -> Result<Vec<(PersonId, String)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT DISTINCT a.person_id, a.username FROM involvements i JOIN accounts a ON a.person_id = i.person_id \
         WHERE i.case_id = $1 AND a.role = 'professional' ORDER BY a.username")
        .bind(case).fetch_all(c).await)?)
}

/// Whether the person works on the case today (what the policy asks of a report's writer).
pub async fn works_on(
    tx: &mut Tx,
    case: CaseId,
    person: PersonId,
    today: NaiveDate,
) -> Result<bool, StoreError> {
    let row: (bool,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM involvements WHERE case_id = $1 AND person_id = $2 \
           AND since <= $3 AND (until IS NULL OR until >= $3))")
        .bind(case).bind(person).bind(today).fetch_one(c).await)?;
    Ok(row.0)
}

/// A report of the case as the API shows it back.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ReportRow {
    pub kind: String,
    pub title: String,
    pub status: String,
    pub reaction_window_until: Option<NaiveDate>,
    /// The author's username.
    pub author: Option<String>,
    pub author_id: PersonId,
    /// The author's account: who shields a statement the organisation's system shields.
    pub author_account: Option<AccountId>,
    pub published_to_client_at: Option<DateTime<Utc>>,
    pub finalised_at: Option<DateTime<Utc>>,
}

/// The organisation's report of the case (`None`: not there, or another organisation's).
pub async fn report(
    tx: &mut Tx,
    case: CaseId,
    organisation: Uuid,
    report: Uuid,
) -> Result<Option<ReportRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT r.kind, r.title, r.status, r.reaction_window_until, \
           (SELECT a.username FROM accounts a WHERE a.person_id = r.author_id AND a.role = 'professional' ORDER BY a.username LIMIT 1) AS author, \
           r.author_id, \
           (SELECT a.id FROM accounts a WHERE a.person_id = r.author_id AND a.role = 'professional' ORDER BY a.username LIMIT 1) AS author_account, \
           r.published_to_client_at, r.finalised_at \
         FROM reports r WHERE r.id = $1 AND r.case_id = $2 AND r.organisation_id = $3")
        .bind(report).bind(case).bind(organisation).fetch_optional(c).await)?)
}

/// What is shielded of the report's statements: (statement, hidden from, the reason), in the
/// order it was shielded.
pub async fn shieldings(
    tx: &mut Tx,
    report: Uuid,
) -> Result<Vec<(Uuid, PersonId, String)>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT sh.item_id, sh.hidden_from_person_id, sh.reason FROM shieldings sh \
         JOIN statements s ON s.id = sh.item_id WHERE sh.item_kind = 'statement' AND s.report_id = $1 \
         ORDER BY sh.created_at, sh.id")
        .bind(report).fetch_all(c).await)?)
}

/// An informant of the case as recorded.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct InformantRow {
    pub id: Uuid,
    pub name_or_role: String,
    pub external_organisation: Option<String>,
    pub relation: String,
    pub contacted_at: DateTime<Utc>,
    pub topic: String,
    pub concerns_person_id: Option<PersonId>,
    pub legal_ground: Option<String>,
}

pub async fn informants(tx: &mut Tx, case: CaseId) -> Result<Vec<InformantRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT id, name_or_role, external_organisation, relation, contacted_at, topic, concerns_person_id, legal_ground \
         FROM informants WHERE case_id = $1 ORDER BY contacted_at, id")
        .bind(case).fetch_all(c).await)?)
}

/// A professional of the organisation, by username, who works on the case today: who records
/// a step through the API, as only such a professional may on the screen.
pub async fn professional_on(
    db: &Db,
    organisation: Uuid,
    case: CaseId,
    username: &str,
    today: NaiveDate,
) -> Result<Option<(PersonId, AccountId)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT a.person_id, a.id FROM accounts a WHERE a.username = $1 AND a.organisation_id = $2 \
         AND a.role = 'professional' AND a.disabled_at IS NULL \
         AND EXISTS (SELECT 1 FROM involvements i WHERE i.case_id = $3 AND i.person_id = a.person_id \
           AND i.since <= $4 AND (i.until IS NULL OR i.until >= $4))")
        .bind(username).bind(organisation).bind(case).bind(today).fetch_optional(p).await)?)
}

/// An organisation in Helder by its RSIN.
pub async fn organisation_by_rsin(db: &Db, rsin: &str) -> Result<Option<Uuid>, StoreError> {
    let row: Option<(Uuid,)> = on_db!(db, p => sqlx::query_as(
        "SELECT id FROM organisations WHERE rsin = $1")
        .bind(rsin).fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}

/// A phase of the case as the API shows it back (a ZGW status).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct StatusRow {
    /// The phase it followed: the one that ended when it began, with it as its outcome.
    pub from_code: Option<String>,
    pub phase_code: String,
    pub started_at: DateTime<Utc>,
    pub decision: Option<String>,
    /// The username of who recorded it.
    pub started_by: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub due_reason: Option<String>,
    /// The RSIN of the organisation that leads it.
    pub lead_rsin: Option<String>,
    /// With a handover at its start: how long the organisation before keeps watching.
    pub watch_until: Option<NaiveDate>,
}

/// One phase of the case, by Helder's id.
pub async fn status(
    tx: &mut Tx,
    case: CaseId,
    phase: Uuid,
) -> Result<Option<StatusRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT (SELECT b.phase_code FROM case_phases b WHERE b.case_id = cp.case_id \
                  AND b.ended_at = cp.started_at AND b.outcome_code = cp.phase_code) AS from_code, \
           cp.phase_code, cp.started_at, cp.decision, a.username AS started_by, cp.due_at, \
           cp.due_reason, o.rsin AS lead_rsin, \
           (SELECT h.previous_watches_until FROM handovers h WHERE h.case_id = cp.case_id \
                  AND h.at = cp.started_at) AS watch_until \
         FROM case_phases cp LEFT JOIN accounts a ON a.id = cp.started_by \
         LEFT JOIN organisations o ON o.id = cp.lead_organisation_id \
         WHERE cp.case_id = $1 AND cp.id = $2")
        .bind(case).bind(phase).fetch_optional(c).await)?)
}

/// An involvement of the case as the API shows it back (a ZGW rol).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct RoleRow {
    pub username: Option<String>,
    pub rsin: Option<String>,
    pub organisation_id: Uuid,
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub is_responsible_now: bool,
    pub is_contact_person: bool,
}

/// One involvement of the case, by Helder's id.
pub async fn role(
    tx: &mut Tx,
    case: CaseId,
    involvement: Uuid,
) -> Result<Option<RoleRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT (SELECT a.username FROM accounts a WHERE a.person_id = i.person_id \
                  AND a.role = 'professional' ORDER BY a.created_at LIMIT 1) AS username, \
           o.rsin, i.organisation_id, i.role, i.since, i.until, i.is_responsible_now, i.is_contact_person \
         FROM involvements i JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.case_id = $1 AND i.id = $2")
        .bind(case).bind(involvement).fetch_optional(c).await)?)
}

/// The involvement a case was opened with: its opener's, the only one it has then.
pub async fn opening_involvement(
    tx: &mut Tx,
    case: CaseId,
    opener: PersonId,
) -> Result<Uuid, StoreError> {
    let row: (Uuid,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT id FROM involvements WHERE case_id = $1 AND person_id = $2 ORDER BY since, id LIMIT 1")
        .bind(case).bind(opener).fetch_one(c).await)?;
    Ok(row.0)
}

/// A contact of the case as the API shows it back.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ContactRow {
    pub username: Option<String>,
    pub kind: String,
    pub at: DateTime<Utc>,
    pub summary: String,
}

/// One contact of the case, by Helder's id.
pub async fn contact(
    tx: &mut Tx,
    case: CaseId,
    contact: Uuid,
) -> Result<Option<ContactRow>, StoreError> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT a.username, x.kind, x.at, x.summary FROM contacts x \
         LEFT JOIN accounts a ON a.id = x.professional_id WHERE x.case_id = $1 AND x.id = $2")
        .bind(case).bind(contact).fetch_optional(c).await)?)
}

/// The organisation responsible for the case now (`None`: none is marked).
pub async fn responsible_organisation(
    tx: &mut Tx,
    case: CaseId,
) -> Result<Option<Uuid>, StoreError> {
    let row: Option<(Uuid,)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT organisation_id FROM involvements WHERE case_id = $1 AND is_responsible_now")
        .bind(case).fetch_optional(c).await)?;
    Ok(row.map(|r| r.0))
}
