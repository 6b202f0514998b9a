//! Who works on a case (involvements, with their organisation's contact details) and who was
//! consulted for it (informants).
use crate::domain::{CaseId, PersonId};
use crate::{
    backend::{
        db::{Db, Tx},
        StoreError,
    },
    on_db, on_tx,
};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct InvolvedRow {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub role: String,
    pub job_title: Option<String>,
    pub organisation: String,
    pub phone: String,
    pub office_hours: String,
    pub out_of_hours_phone: Option<String>,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub is_responsible_now: bool,
    pub is_contact_person: bool,
}

/// Everyone who works or worked on the case, those still involved first.
pub async fn involved(db: &Db, case_id: CaseId) -> Result<Vec<InvolvedRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT i.id, pe.given_name, pe.family_name, i.role, a.job_title, o.name AS organisation, o.phone, o.office_hours, \
           o.out_of_hours_phone, i.since, i.until, i.is_responsible_now, i.is_contact_person \
         FROM involvements i JOIN people pe ON pe.id = i.person_id JOIN organisations o ON o.id = i.organisation_id \
         LEFT JOIN accounts a ON a.person_id = pe.id \
         WHERE i.case_id = $1 ORDER BY i.is_responsible_now DESC, i.since DESC")
        .bind(case_id).fetch_all(p).await)?)
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct InformantRow {
    pub id: Uuid,
    pub name_or_role: String,
    pub relation: String,
    pub contacted_at: DateTime<Utc>,
    pub topic: String,
    pub consent_basis: String,
    pub accorded: bool,
    pub organisation: Option<String>,
    pub collected_by: String,
    /// Whom they were asked about (None: the family as a whole).
    pub concerns_person_id: Option<PersonId>,
    /// Asked without consent: the legal ground the professional named.
    pub legal_ground: Option<String>,
}

/// The people consulted for the case's reports, newest first.
pub async fn informants(db: &Db, case_id: CaseId) -> Result<Vec<InformantRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT inf.id, inf.name_or_role, inf.relation, inf.contacted_at, inf.topic, inf.consent_basis, inf.accorded, \
           COALESCE(o.name, inf.external_organisation) AS organisation, pe.given_name || ' ' || pe.family_name AS collected_by, \
           inf.concerns_person_id, inf.legal_ground \
         FROM informants inf LEFT JOIN organisations o ON o.id = inf.organisation_id JOIN people pe ON pe.id = inf.collected_by \
         WHERE inf.case_id = $1 ORDER BY inf.contacted_at DESC")
        .bind(case_id).fetch_all(p).await)?)
}

/// An organisation's name.
pub async fn organisation_name(db: &Db, org: Uuid) -> Result<String, StoreError> {
    let row: (String,) = on_db!(db, p => sqlx::query_as("SELECT name FROM organisations WHERE id = $1")
        .bind(org).fetch_one(p).await)?;
    Ok(row.0)
}

/// Someone a professional asked about the family, as they record it.
#[derive(Clone, Debug)]
pub struct NewInformant {
    pub id: Uuid,
    pub case_id: CaseId,
    pub collected_by: PersonId,
    pub name_or_role: String,
    pub organisation: Option<String>,
    pub relation: String,
    pub contacted_at: DateTime<Utc>,
    pub topic: String,
    pub concerns: Option<PersonId>,
    /// `None`: with the family's consent; otherwise the legal ground.
    pub legal_ground: Option<String>,
}

pub async fn add_informant(tx: &mut Tx, n: &NewInformant) -> Result<(), StoreError> {
    let basis = if n.legal_ground.is_some() {
        "without_consent_legal"
    } else {
        "with_consent"
    };
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO informants (id, case_id, collected_by, name_or_role, external_organisation, relation, contacted_at, topic, \
           consent_basis, accorded, concerns_person_id, legal_ground) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $11)")
        .bind(n.id).bind(n.case_id).bind(n.collected_by).bind(&n.name_or_role).bind(&n.organisation).bind(&n.relation)
        .bind(n.contacted_at).bind(&n.topic).bind(basis).bind(n.concerns).bind(&n.legal_ground)
        .execute(c).await.map(|_| ()))?;
    Ok(())
}
