//! The one authorisation policy: may this actor do this action on this resource?
//!
//! Every server function asks here first and gets back a *grant* that carries the scope
//! (family, case) the storage queries then put in their WHERE clauses. A denial is
//! `AppError::NotFound`, exactly like an id that does not exist, so probing ids tells nothing.
//!
//! | actor                | may read a case's dossier when …                                  |
//! |----------------------|-------------------------------------------------------------------|
//! | parent / carer       | they are a member of the case's family                            |
//! | young person         | they are a child in the case and 12 or older (Europe/Amsterdam)   |
//! | professional         | they have an involvement on the case that runs today              |
//! | confidant            | a family member delegated the case to them and it has not expired |
//! | analyst, org admin   | never: they see anonymised aggregates only                        |
//!
//! | actor                | may also …                                                        |
//! |----------------------|-------------------------------------------------------------------|
//! | parent, young person | respond to statements, download their data, see who read it,      |
//! |                      | share their dossier with a confidant, give feedback on contacts   |
//! | young person 16+     | give or withdraw a parent's consent to read their part            |
//! | confidant            | list the dossiers shared with them                                |
//! | professional         | open a case for a new family; add members to the family of an    |
//! |                      | assigned case and invite them; hide                              |
//! |                      | an item of the case from a named family member (with a reason);  |
//! |                      | open the whole dossier for a parent without authority (reason);  |
//! |                      | record contacts, read and answer the case's feedback; decide on  |
//! |                      | correction requests about their own organisation's reports;      |
//! |                      | record the case's next phase; add and end involvements and move  |
//! |                      | the contact person and responsibility marks; record informants;  |
//! |                      | write their organisation's reports, publish them for the         |
//! |                      | family's reaction and make them final; read their inbox          |
//! |                      | (all of this only on cases assigned to them today)               |
//! | professional who is  | review a concept report of their organisation before it goes to  |
//! | the case's           | the family (never their own: checked with the request,           |
//! | gedragsdeskundige    | `pages::writing`)                                                |
//! | organisation admin   | list, invite and disable their organisation's professionals, and |
//! |                      | review what those professionals did (the audit log); make, rotate|
//! |                      | and revoke the API clients of their organisation's case systems  |
//! | analyst, org admin   | read their own organisation's anonymised figures (`anonymity`)   |
//! | anyone (no log-in)   | read the glossary ("Wat betekent dit woord?", [`authorize_public`])|
//! |                      | and the import API's OpenAPI document                            |
//!
//! The import API's clients (an organisation's own case system, `api`) are asked about in
//! [`authorize_api`]: a client acts for its own organisation only, within its scopes, and only
//! on the cases that organisation's system made (`cases.source_organisation_id`).
//!
//! A grant also says *through whose eyes* the dossier is read ([`Viewer`]); what that viewer
//! sees of each item is decided in one place, `backend::visibility` (shielding, 16+ consent,
//! parents without authority, siblings, confidants); a professional sees the whole dossier of
//! their case.
//! Who read a family's dossier (the access log) is shown to the family members who may read
//! that dossier. Staff (professionals, organisation administrators, analysts) always log in
//! with a second factor (TOTP, `backend::totp`) before any of these grants: a session whose
//! second step is pending has no actor, so the policy is never asked for it.
pub use super::actor::Membership;
use super::{actor::Actor, db::Db, time, StoreError};
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::{
    domain::{access_rule, age_on, Role},
    error::AppError,
    on_db,
};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read the dossier of a case (phases, people, reports, …).
    ReadDossier,
    /// List the cases one works on.
    ListOwnCases,
    /// See who read the family's dossier (family members, about their own family).
    ReadAccessLog,
    /// List and end one's own log-in sessions.
    ManageOwnSessions,
    /// Agree with a statement, ask for a correction, add one's own view (family members).
    RespondToStatement,
    /// Download everything Helder holds about oneself (GDPR art. 15/20).
    ExportOwnData,
    /// Grant and revoke a confidant's read access to one's dossier.
    ShareDossier,
    /// Give or withdraw a parent's consent to read one's part (young people of 16+).
    ManageConsent,
    /// List the dossiers shared with one (confidants).
    ListSharedWithMe,
    /// See a case's family members, add one, and invite them to Helder (the assigned
    /// professional).
    InviteFamilyMember,
    /// Hide an item of the case from a named family member (the assigned professional).
    ShieldItem,
    /// Open (or close) the whole dossier for a parent without parental authority, with a
    /// reason (the assigned professional).
    OpenFullInformation,
    /// List, invite and disable the organisation's professionals (organisation administrators).
    ManageStaff,
    /// Review what the organisation's professionals did in Helder (the audit log; administrators,
    /// who always log in with a second factor).
    ReviewStaffAudit,
    /// Give feedback on the collaboration and read one's own earlier feedback (family members).
    GiveFeedback,
    /// Record contacts, read the case's feedback, reply and mark it discussed (the assigned
    /// professional; they can never change what the family wrote).
    HandleFeedback,
    /// Record the next phase of a case: the decision, its date and the date the new phase
    /// runs to (a professional involved in the case today).
    RecordPhase,
    /// Add a professional to the case, end an involvement, name the contact person and who is
    /// responsible now (a professional involved in the case today; which of these their
    /// organisation may do is checked with the request, `pages::involvement`).
    ManageInvolvement,
    /// Open a case for a family new to the organisation (a professional of an organisation that
    /// leads a phase: Veilig Thuis, the Raad, a GI, a local team).
    OpenCase,
    /// Record someone who was asked about the family (a professional involved in the case today).
    RecordInformant,
    /// Write a report of one's own organisation statement by statement, send it to the family
    /// for their reaction and make it final (a professional involved in the case today; that
    /// the report is their organisation's is checked with the request, `pages::writing`).
    WriteReport,
    /// Review a concept report before it goes to the family: a second pair of eyes, with the
    /// knowledge of child development the Raad and the GIs have their gedragsdeskundigen for
    /// (a professional involved in the case today in that role).
    ReviewReport,
    /// Grant or decline a correction request (the assigned professional, for reports of their
    /// own organisation: checked with the request).
    DecideCorrection,
    /// The professional's inbox: feedback, correction requests and own views on their cases.
    ReadInbox,
    /// The organisation's anonymised client-experience figures (analysts and administrators
    /// of that organisation; never a person or a case).
    ReadInsights,
    /// Read "Wat betekent dit woord?": reference data for everyone, logged in or not.
    ReadGlossary,
    /// Read the import API's OpenAPI document: public, as any published API description.
    ReadApiReference,
    /// Make, list, rotate and revoke the organisation's API clients (organisation
    /// administrators, who always log in with a second factor).
    ManageApiClients,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Case(CaseId),
    /// The family member's own (open) case, when no id is given.
    OwnCase,
    /// The actor's own work list.
    OwnWork,
    /// The actor's own account (sessions, password).
    OwnAccount,
    /// The actor's own organisation (its staff, never its cases).
    OwnOrganisation,
}

/// What an allowed dossier action may touch, and through whose eyes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseGrant {
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub viewer: Viewer,
}

/// Whose view of the dossier a read gets (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// A parent or carer, or the confidant they chose.
    Parent {
        person_id: PersonId,
        has_authority: bool,
    },
    /// A young person of 12 or older, or the confidant they chose.
    Child { person_id: PersonId, age: u32 },
    /// A professional assigned to the case.
    Professional,
}

impl Viewer {
    /// The family member whose view this is (None for a professional).
    pub fn member(self) -> Option<PersonId> {
        match self {
            Viewer::Parent { person_id, .. } | Viewer::Child { person_id, .. } => Some(person_id),
            Viewer::Professional => None,
        }
    }
}

/// What anyone may do, logged in or not: only reading public reference data (the glossary).
/// Everything else needs an actor and goes through [`authorize`].
pub fn authorize_public(action: Action) -> Result<(), AppError> {
    match action {
        Action::ReadGlossary | Action::ReadApiReference => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

pub async fn authorize(
    db: &Db,
    actor: &Actor,
    action: Action,
    resource: Resource,
) -> Result<Option<CaseGrant>, AppError> {
    match (action, resource) {
        (Action::ReadDossier, Resource::Case(case_id)) => {
            case_grant(db, actor, Some(case_id)).await.map(Some)
        }
        (Action::ReadDossier, Resource::OwnCase) if actor.role.is_family() => {
            case_grant(db, actor, None).await.map(Some)
        }
        (Action::ListOwnCases, Resource::OwnWork) if actor.role == Role::Professional => Ok(None),
        (Action::ManageOwnSessions, Resource::OwnAccount) => Ok(None),
        (
            Action::ReadAccessLog
            | Action::RespondToStatement
            | Action::ExportOwnData
            | Action::ShareDossier
            | Action::GiveFeedback,
            Resource::OwnCase,
        ) if actor.role.is_family() => case_grant(db, actor, None).await.map(Some),
        (Action::ManageConsent, Resource::OwnCase) if actor.role == Role::YoungPerson => {
            let grant = case_grant(db, actor, None).await?;
            match grant.viewer {
                Viewer::Child { age, .. } if access_rule(age).parent_needs_child_consent => {
                    Ok(Some(grant))
                }
                _ => Err(AppError::NotFound),
            }
        }
        (Action::ListSharedWithMe, Resource::OwnWork) if actor.role == Role::Confidant => Ok(None),
        (Action::ReadInbox, Resource::OwnWork) if actor.role == Role::Professional => Ok(None),
        (
            Action::InviteFamilyMember
            | Action::ShieldItem
            | Action::OpenFullInformation
            | Action::HandleFeedback
            | Action::RecordPhase
            | Action::ManageInvolvement
            | Action::RecordInformant
            | Action::WriteReport
            | Action::DecideCorrection,
            Resource::Case(case_id),
        ) if actor.role == Role::Professional => {
            case_grant(db, actor, Some(case_id)).await.map(Some)
        }
        (Action::ReviewReport, Resource::Case(case_id)) if actor.role == Role::Professional => {
            assigned_case(
                db,
                actor.person_id,
                case_id,
                time::today(),
                Some(REVIEWER_ROLE),
            )
            .await?
            .map(Some)
            .ok_or(AppError::NotFound)
        }
        (Action::ReadInsights, Resource::OwnOrganisation)
            if matches!(actor.role, Role::Analyst | Role::OrgAdmin)
                && actor.organisation_id.is_some() =>
        {
            Ok(None)
        }
        (Action::OpenCase, Resource::OwnOrganisation)
            if actor.role == Role::Professional && actor.organisation_id.is_some() =>
        {
            Ok(None)
        }
        (
            Action::ManageStaff | Action::ReviewStaffAudit | Action::ManageApiClients,
            Resource::OwnOrganisation,
        ) if actor.role == Role::OrgAdmin && actor.organisation_id.is_some() => Ok(None),
        _ => Err(AppError::NotFound),
    }
}

/// What an import-API client asks to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiAction {
    /// Create a case or change it (scope `zaken.schrijven`).
    WriteCase,
    /// Read a case back, and what the family did with it (scope `zaken.lezen`).
    ReadCase,
}

/// What the policy granted an API client: the organisation whose cases the store's queries
/// may touch (they put it in their WHERE clause, as the pages put a grant's case id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiGrant {
    pub organisation_id: uuid::Uuid,
    pub client_id: uuid::Uuid,
}

/// May this API client do this, for the organisation it names as `bronorganisatie`? Only with
/// the scope for it, and only for its own organisation; anything else is the same
/// `NotFound` as a case that does not exist.
pub fn authorize_api(
    client: &super::actor::ApiClient,
    action: ApiAction,
    bronorganisatie: &str,
) -> Result<ApiGrant, AppError> {
    use super::actor::ApiScope;
    let scope = match action {
        ApiAction::WriteCase => ApiScope::Write,
        ApiAction::ReadCase => ApiScope::Read,
    };
    let own = client.rsin.as_deref() == Some(bronorganisatie);
    if own && client.scopes.contains(&scope) {
        Ok(ApiGrant {
            organisation_id: client.organisation_id,
            client_id: client.id,
        })
    } else {
        Err(AppError::NotFound)
    }
}

async fn case_grant(
    db: &Db,
    actor: &Actor,
    case_id: Option<CaseId>,
) -> Result<CaseGrant, AppError> {
    let today = time::today();
    let grant = match actor.role {
        Role::Parent | Role::YoungPerson => {
            let row = family_case(
                db,
                actor.person_id,
                case_id,
                actor.role == Role::YoungPerson,
            )
            .await?;
            row.and_then(|m| member_grant(m, today))
        }
        Role::Professional => match case_id {
            Some(id) => assigned_case(db, actor.person_id, id, today, None).await?,
            None => None,
        },
        Role::Confidant => match case_id {
            Some(id) => delegated_case(db, actor.account_id, id)
                .await?
                .and_then(|m| member_grant(m, today)),
            None => None,
        },
        Role::Analyst | Role::OrgAdmin => None,
    };
    grant.ok_or(AppError::NotFound)
}

/// The grants of every member of the case's family who may read it today, with or without an
/// account (children from 12, and only a case about them): whom the case's reports are for,
/// and so who may react to one in its reaction period.
pub async fn family_grants(db: &Db, case_id: CaseId) -> Result<Vec<CaseGrant>, StoreError> {
    let today = time::today();
    let rows: Vec<MemberRow> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id, fm.person_id, fm.relation = 'child', fm.has_parental_authority, pe.birth_date FROM cases c \
         JOIN family_members fm ON fm.family_id = c.family_id JOIN people pe ON pe.id = fm.person_id \
         WHERE c.id = $1 AND (fm.relation <> 'child' \
           OR EXISTS (SELECT 1 FROM case_children cc WHERE cc.case_id = c.id AND cc.person_id = fm.person_id))")
        .bind(case_id).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| member_grant(membership(r), today))
        .collect())
}

/// The grant for a family member (or their confidant): children read from 12.
fn member_grant(m: Membership, today: NaiveDate) -> Option<CaseGrant> {
    let viewer = if m.is_child {
        let age = age_on(m.birth?, today);
        if !access_rule(age).child_reads_own {
            return None;
        }
        Viewer::Child {
            person_id: m.person_id,
            age,
        }
    } else {
        Viewer::Parent {
            person_id: m.person_id,
            has_authority: m.has_authority,
        }
    };
    Some(CaseGrant {
        case_id: m.case_id,
        family_id: m.family_id,
        viewer,
    })
}

type MemberRow = (CaseId, FamilyId, PersonId, bool, bool, Option<NaiveDate>);

/// The SQL that finds a family member's most recent open case (a young person's only where
/// they are a child of it); used by the session look-up. `a` is the account.
pub const OWN_CASE_SQL: &str = "(SELECT c.id FROM cases c JOIN family_members f ON f.family_id = c.family_id AND f.person_id = a.person_id \
     WHERE c.closed_at IS NULL AND a.role IN ('parent', 'young_person') \
       AND (a.role <> 'young_person' OR EXISTS (SELECT 1 FROM case_children cc WHERE cc.case_id = c.id AND cc.person_id = a.person_id)) \
     ORDER BY c.opened_at DESC LIMIT 1)";

fn membership(r: MemberRow) -> Membership {
    Membership {
        case_id: r.0,
        family_id: r.1,
        person_id: r.2,
        is_child: r.3,
        has_authority: r.4,
        birth: r.5,
    }
}

/// The member's case (the given one, or their most recently opened open case).
async fn family_case(
    db: &Db,
    person_id: PersonId,
    case_id: Option<CaseId>,
    as_child: bool,
) -> Result<Option<Membership>, StoreError> {
    let row: Option<MemberRow> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id, fm.person_id, fm.relation = 'child', fm.has_parental_authority, pe.birth_date FROM cases c \
         JOIN family_members fm ON fm.family_id = c.family_id AND fm.person_id = $1 \
         JOIN people pe ON pe.id = fm.person_id \
         WHERE ($2 IS NULL OR c.id = $2) AND ($3 = FALSE OR EXISTS (SELECT 1 FROM case_children cc WHERE cc.case_id = c.id AND cc.person_id = $1)) \
           AND (c.closed_at IS NULL OR $2 IS NOT NULL) \
         ORDER BY c.opened_at DESC LIMIT 1")
        .bind(person_id).bind(case_id).bind(as_child).fetch_optional(p).await)?;
    Ok(row.map(membership))
}

/// The involvement role of whoever reviews a report before it goes out.
const REVIEWER_ROLE: &str = "gedragsdeskundige";

/// The case, when the person has an involvement on it that runs today (in `role`, if given).
async fn assigned_case(
    db: &Db,
    person_id: PersonId,
    case_id: CaseId,
    today: NaiveDate,
    role: Option<&str>,
) -> Result<Option<CaseGrant>, StoreError> {
    let row: Option<(CaseId, FamilyId)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id FROM cases c JOIN involvements i ON i.case_id = c.id \
         WHERE c.id = $1 AND i.person_id = $2 AND i.since <= $3 AND (i.until IS NULL OR i.until >= $3) \
           AND ($4 IS NULL OR i.role = $4) LIMIT 1")
        .bind(case_id).bind(person_id).bind(today).bind(role).fetch_optional(p).await)?;
    Ok(row.map(|(case_id, family_id)| CaseGrant {
        case_id,
        family_id,
        viewer: Viewer::Professional,
    }))
}

/// A case shared with a confidant: they read it through the eyes of who shared it.
async fn delegated_case(
    db: &Db,
    account_id: AccountId,
    case_id: CaseId,
) -> Result<Option<Membership>, StoreError> {
    let row: Option<MemberRow> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id, fm.person_id, fm.relation = 'child', fm.has_parental_authority, pe.birth_date \
         FROM cases c JOIN delegations d ON d.case_id = c.id \
         JOIN family_members fm ON fm.family_id = c.family_id AND fm.person_id = d.granted_by \
         JOIN people pe ON pe.id = fm.person_id \
         WHERE c.id = $1 AND d.grantee_account_id = $2 AND d.revoked_at IS NULL AND d.expires_at > $3 LIMIT 1")
        .bind(case_id).bind(account_id).bind(time::now()).fetch_optional(p).await)?;
    Ok(row.map(membership))
}
