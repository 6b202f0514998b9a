//! Opening a case for a family, and adding the family's members, as professionals do it. The
//! demo loader and the screens write the same rows; an import API will too.
use crate::{
    backend::{
        db::{Db, Parent, Tx},
        StoreError,
    },
    domain::{AccountId, CaseId, FamilyId, PersonId},
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// A member of a family as a professional records them.
#[derive(Clone, Debug)]
pub struct NewMember {
    pub person_id: PersonId,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Option<NaiveDate>,
    /// `mother`, `father`, `carer`, `foster_parent` or `child`.
    pub relation: String,
    pub has_parental_authority: bool,
}

impl NewMember {
    pub fn is_child(&self) -> bool {
        self.relation == "child"
    }
}

/// Who reported the concern (melder).
#[derive(Clone, Debug)]
pub struct NewReporter {
    /// `professional`, `bystander` or `anonymous`.
    pub kind: String,
    pub description: String,
    /// The family may know who reported (never for an anonymous report).
    pub identity_disclosed: bool,
}

/// A new case for a new family, with its first member, its reporter, its first phase and the
/// professional who opens it (responsible now and the family's contact person).
#[derive(Clone, Debug)]
pub struct NewCase {
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub family_name: String,
    pub reference: String,
    pub at: DateTime<Utc>,
    pub first: NewMember,
    pub reporter: NewReporter,
    pub phase: String,
    pub due: Option<DateTime<Utc>>,
    pub organisation_id: Uuid,
    pub opener: PersonId,
    pub opener_account: AccountId,
    pub role: String,
    pub today: NaiveDate,
}

/// Writes a new case and everything that makes it readable (all in the caller's transaction).
pub async fn open(tx: &mut Tx, n: &NewCase) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("INSERT INTO families (id, display_name, created_at) VALUES ($1, $2, $3)")
        .bind(n.family_id).bind(&n.family_name).bind(n.at).execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query("INSERT INTO cases (id, family_id, reference, opened_at) VALUES ($1, $2, $3, $4)")
        .bind(n.case_id).bind(n.family_id).bind(&n.reference).bind(n.at).execute(c).await.map(|_| ()))?;
    insert_member(tx, n.case_id, n.family_id, &n.first, n.at).await?;
    on_tx!(tx, c => sqlx::query("INSERT INTO reporters (case_id, kind, description, identity_disclosed) VALUES ($1, $2, $3, $4)")
        .bind(n.case_id).bind(&n.reporter.kind).bind(&n.reporter.description).bind(n.reporter.identity_disclosed)
        .execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO case_phases (id, case_id, phase_code, lead_organisation_id, started_at, due_at, started_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(Uuid::new_v4()).bind(n.case_id).bind(&n.phase).bind(n.organisation_id).bind(n.at).bind(n.due).bind(n.opener_account)
        .execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO involvements (id, case_id, person_id, organisation_id, role, since, is_responsible_now, is_contact_person) \
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, TRUE)")
        .bind(Uuid::new_v4()).bind(n.case_id).bind(n.opener).bind(n.organisation_id).bind(&n.role).bind(n.today)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}

async fn insert_member(
    tx: &mut Tx,
    case_id: CaseId,
    family_id: FamilyId,
    m: &NewMember,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    on_tx!(tx, c => sqlx::query("INSERT INTO people (id, given_name, family_name, birth_date, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(m.person_id).bind(&m.given_name).bind(&m.family_name).bind(m.birth_date).bind(at).execute(c).await.map(|_| ()))?;
    on_tx!(tx, c => sqlx::query("INSERT INTO family_members (family_id, person_id, relation, has_parental_authority) VALUES ($1, $2, $3, $4)")
        .bind(family_id).bind(m.person_id).bind(&m.relation).bind(m.has_parental_authority).execute(c).await.map(|_| ()))?;
    if m.is_child() {
        on_tx!(tx, c => sqlx::query("INSERT INTO case_children (case_id, person_id) VALUES ($1, $2)")
            .bind(case_id).bind(m.person_id).execute(c).await.map(|_| ()))?;
    }
    Ok(())
}

/// Adds a member to the family of a case (and, for a child, to the case's children). `false`
/// when the family already has someone of that name and birth date (a second tab, a retry).
pub async fn add_member(
    tx: &mut Tx,
    case_id: CaseId,
    family_id: FamilyId,
    m: &NewMember,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    tx.lock(Parent::Case(case_id)).await?;
    let (same,): (i64,) = on_tx!(tx, c => sqlx::query_as(
        "SELECT COUNT(*) FROM family_members fm JOIN people pe ON pe.id = fm.person_id \
         WHERE fm.family_id = $1 AND LOWER(pe.given_name) = LOWER($2) AND LOWER(pe.family_name) = LOWER($3) \
           AND (pe.birth_date = $4 OR (pe.birth_date IS NULL AND $5))")
        .bind(family_id).bind(&m.given_name).bind(&m.family_name).bind(m.birth_date).bind(m.birth_date.is_none())
        .fetch_one(c).await)?;
    if same > 0 {
        return Ok(false);
    }
    insert_member(tx, case_id, family_id, m, at).await?;
    Ok(true)
}

/// A case of the organisation where someone of this name (and birth date, when given) is a
/// family member: the duplicate to open instead of making a second family.
pub async fn same_person_in_organisation(
    db: &Db,
    organisation: Uuid,
    given_name: &str,
    family_name: &str,
    birth_date: Option<NaiveDate>,
) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.reference FROM people pe JOIN family_members fm ON fm.person_id = pe.id JOIN cases c ON c.family_id = fm.family_id \
         WHERE LOWER(pe.given_name) = LOWER($1) AND LOWER(pe.family_name) = LOWER($2) \
           AND (pe.birth_date = $3 OR $4) \
           AND EXISTS (SELECT 1 FROM involvements i WHERE i.case_id = c.id AND i.organisation_id = $5) \
         ORDER BY c.opened_at DESC LIMIT 1")
        .bind(given_name.trim()).bind(family_name.trim()).bind(birth_date).bind(birth_date.is_none()).bind(organisation)
        .fetch_optional(p).await)?;
    Ok(row.map(|r| r.0))
}

/// The kind of an organisation (`vt`, `rvdk`, `gi`, `wijkteam`, …).
pub async fn organisation_kind(db: &Db, organisation: Uuid) -> Result<String, StoreError> {
    let (kind,): (String,) = on_db!(db, p => sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
        .bind(organisation).fetch_one(p).await)?;
    Ok(kind)
}

/// The phases an organisation of this kind leads, in the praatplaat's order: where a case it
/// opens can start.
pub async fn first_phases(db: &Db, kind: &str) -> Result<Vec<String>, StoreError> {
    let rows: Vec<(String,)> = on_db!(db, p => sqlx::query_as(
        "SELECT code FROM phases WHERE lead_org_kind = $1 ORDER BY sort_order")
        .bind(kind).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
