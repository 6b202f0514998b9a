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
//! Who read a family's dossier (the access log) is shown to the family members who may read
//! that dossier; professionals' access to audit logs comes with their second factor (later).
use super::{ctx::Actor, db::Db, time, StoreError};
use crate::{
    domain::{access_rule, age_on, Role},
    error::AppError,
    on_db,
};
use chrono::NaiveDate;
use uuid::Uuid;

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Case(Uuid),
    /// The family member's own (open) case, when no id is given.
    OwnCase,
    /// The actor's own work list.
    OwnWork,
    /// The actor's own account (sessions, password).
    OwnAccount,
}

/// What an allowed dossier action may touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseGrant {
    pub case_id: Uuid,
    pub family_id: Uuid,
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
        (Action::ReadAccessLog, Resource::OwnCase) if actor.role.is_family() => {
            case_grant(db, actor, None).await.map(Some)
        }
        _ => Err(AppError::NotFound),
    }
}

async fn case_grant(db: &Db, actor: &Actor, case_id: Option<Uuid>) -> Result<CaseGrant, AppError> {
    let today = time::today();
    let grant = match actor.role {
        Role::Parent => family_case(db, actor.person_id, case_id, false)
            .await?
            .map(|(g, _)| g),
        Role::YoungPerson => family_case(db, actor.person_id, case_id, true)
            .await?
            .filter(|(_, birth)| {
                birth.is_some_and(|b| access_rule(age_on(b, today)).child_reads_own)
            })
            .map(|(g, _)| g),
        Role::Professional => match case_id {
            Some(id) => assigned_case(db, actor.person_id, id, today).await?,
            None => None,
        },
        Role::Confidant => match case_id {
            Some(id) => delegated_case(db, actor.account_id, id).await?,
            None => None,
        },
        Role::Analyst | Role::OrgAdmin => None,
    };
    grant.ok_or(AppError::NotFound)
}

/// The member's case (the given one, or their most recently opened open case).
async fn family_case(
    db: &Db,
    person_id: Uuid,
    case_id: Option<Uuid>,
    as_child: bool,
) -> Result<Option<(CaseGrant, Option<NaiveDate>)>, StoreError> {
    let row: Option<(Uuid, Uuid, Option<NaiveDate>)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id, pe.birth_date FROM cases c \
         JOIN family_members fm ON fm.family_id = c.family_id AND fm.person_id = $1 \
         JOIN people pe ON pe.id = fm.person_id \
         WHERE ($2 IS NULL OR c.id = $2) AND ($3 = FALSE OR EXISTS (SELECT 1 FROM case_children cc WHERE cc.case_id = c.id AND cc.person_id = $1)) \
           AND (c.closed_at IS NULL OR $2 IS NOT NULL) \
         ORDER BY c.opened_at DESC LIMIT 1")
        .bind(person_id).bind(case_id).bind(as_child).fetch_optional(p).await)?;
    Ok(row.map(|(case_id, family_id, birth)| (CaseGrant { case_id, family_id }, birth)))
}

async fn assigned_case(
    db: &Db,
    person_id: Uuid,
    case_id: Uuid,
    today: NaiveDate,
) -> Result<Option<CaseGrant>, StoreError> {
    let row: Option<(Uuid, Uuid)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id FROM cases c JOIN involvements i ON i.case_id = c.id \
         WHERE c.id = $1 AND i.person_id = $2 AND i.since <= $3 AND (i.until IS NULL OR i.until >= $3) LIMIT 1")
        .bind(case_id).bind(person_id).bind(today).fetch_optional(p).await)?;
    Ok(row.map(|(case_id, family_id)| CaseGrant { case_id, family_id }))
}

async fn delegated_case(
    db: &Db,
    account_id: Uuid,
    case_id: Uuid,
) -> Result<Option<CaseGrant>, StoreError> {
    let row: Option<(Uuid, Uuid)> = on_db!(db, p => sqlx::query_as(
        "SELECT c.id, c.family_id FROM cases c JOIN delegations d ON d.case_id = c.id \
         WHERE c.id = $1 AND d.grantee_account_id = $2 AND d.revoked_at IS NULL AND d.expires_at > $3 LIMIT 1")
        .bind(case_id).bind(account_id).bind(time::now()).fetch_optional(p).await)?;
    Ok(row.map(|(case_id, family_id)| CaseGrant { case_id, family_id }))
}
