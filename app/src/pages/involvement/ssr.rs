//! The server side of "Wie werken aan deze zaak?": reading the team and the three changes.
use super::*;
use crate::backend::{
    actor::Actor,
    change::change,
    ctx,
    policy::{Action, CaseGrant, Resource},
    store::involvements::{self, InvolvementRow, Mark, NewInvolvement},
    time, Db,
};

/// The case's involvements and what the reader may do with them.
struct Scope {
    rows: Vec<InvolvementRow>,
    today: NaiveDate,
    may_mark: bool,
}

impl Scope {
    async fn of(db: &Db, grant: &CaseGrant, actor: &Actor) -> Result<Scope, AppError> {
        let today = time::today();
        let rows = involvements::current(db, grant.case_id, today).await?;
        let responsible_org = rows
            .iter()
            .find(|r| r.is_responsible_now)
            .map(|r| r.organisation_id);
        let may_mark = responsible_org.is_none() || responsible_org == actor.organisation_id;
        Ok(Scope {
            rows,
            today,
            may_mark,
        })
    }

    fn may_end(&self, actor: &Actor, row: &InvolvementRow) -> bool {
        self.may_mark || Some(row.organisation_id) == actor.organisation_id
    }

    fn holder(&self, mark: Mark) -> Option<Uuid> {
        self.rows
            .iter()
            .find(|r| match mark {
                Mark::Responsible => r.is_responsible_now,
                Mark::Contact => r.is_contact_person,
            })
            .map(|r| r.id)
    }
}

fn name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

pub async fn team(case: CaseId) -> Result<Team, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageInvolvement, Resource::Case(case)).await?;
    let db = &ctx.backend.db;
    let scope = Scope::of(db, &grant, &actor).await?;
    let candidates = involvements::candidates(db, grant.case_id, scope.today)
        .await?
        .into_iter()
        .filter(|c| scope.may_mark || Some(c.organisation_id) == actor.organisation_id)
        .map(|c| Candidate {
            person: c.person_id,
            name: name(&c.given_name, &c.family_name),
            job_title: c.job_title,
            organisation: c.organisation,
        })
        .collect();
    let members = scope
        .rows
        .iter()
        .map(|r| TeamMember {
            id: r.id,
            name: name(&r.given_name, &r.family_name),
            organisation: r.organisation.clone(),
            role: r.role.clone(),
            since: r.since,
            until: r.until,
            responsible: r.is_responsible_now,
            contact: r.is_contact_person,
            running: r.since <= scope.today,
            may_end: scope.may_end(&actor, r),
        })
        .collect();
    let event = ctx
        .event(&actor, "read", "involvement")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(Team {
        case_id: grant.case_id,
        today: scope.today,
        responsible: scope.holder(Mark::Responsible),
        contact: scope.holder(Mark::Contact),
        may_mark: scope.may_mark,
        members,
        candidates,
    })
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn back(case: CaseId) -> String {
    format!("/zaken/{case}#betrokkenen")
}

pub async fn add(
    case: CaseId,
    person: String,
    role: String,
    since: String,
    until: String,
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageInvolvement, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let values = crate::forms::typed(&[
        ("form", "add"),
        ("person", &person),
        ("role", &role),
        ("since", &since),
        ("until", &until),
    ]);
    let scope = Scope::of(&db, &grant, &actor).await?;
    let mut reply = FormReply::success(Msg::TeamAdded);
    // Only someone the reader may add: a colleague, or anyone when their organisation
    // is responsible now. Anything else reads as not chosen.
    let candidate = match person.trim().parse::<PersonId>() {
        Ok(p) => involvements::professional(&db, p).await?,
        Err(_) => None,
    };
    let candidate = match candidate {
        Some(c) if scope.may_mark || Some(c.organisation_id) == actor.organisation_id => Some(c),
        Some(_) => {
            reply = reply.field("person", Msg::TeamOtherOrganisation);
            None
        }
        None => {
            reply = reply.field("person", Msg::TeamPersonRequired);
            None
        }
    };
    let role = INVOLVEMENT_ROLES.into_iter().find(|r| *r == role.trim());
    if role.is_none() {
        reply = reply.field("role", Msg::TeamRoleRequired);
    }
    let since_day = parse_day(&since);
    if since_day.is_none() {
        reply = reply.field("since", Msg::FbDateInvalid);
    }
    let until_day = if until.trim().is_empty() {
        None
    } else {
        match parse_day(&until) {
            Some(d) if since_day.is_some_and(|s| d < s) => {
                reply = reply.field("until", Msg::TeamUntilBeforeSince);
                None
            }
            Some(d) => Some(d),
            None => {
                reply = reply.field("until", Msg::FbDateInvalid);
                None
            }
        }
    };
    let (Some(c), Some(role), Some(since_day), true) = (candidate, role, since_day, reply.ok)
    else {
        return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await;
    };
    let id = Uuid::new_v4();
    let new = NewInvolvement {
        id,
        case_id: grant.case_id,
        person_id: c.person_id,
        organisation_id: c.organisation_id,
        role: role.to_string(),
        since: since_day,
        until: until_day,
        today: scope.today,
    };
    let event = ctx
        .event(&actor, "add_involvement", "involvement")
        .case(&grant)
        .on(id);
    let added = change(&db, event, move |tx| {
        let new = new.clone();
        Box::pin(async move { involvements::add(tx, &new).await })
    })
    .await?;
    if !added {
        // Someone added them first: nothing of this one was written.
        let reply = FormReply::failed(Msg::TeamAlreadyInvolved);
        return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await;
    }
    crate::forms::finish(TEAM_FORM, &back(case), Vec::new(), reply).await
}

pub async fn end(case: CaseId, involvement: Uuid, until: String) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageInvolvement, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let scope = Scope::of(&db, &grant, &actor).await?;
    let row = scope
        .rows
        .iter()
        .find(|r| r.id == involvement && scope.may_end(&actor, r))
        .ok_or(AppError::NotFound)?;
    let values = crate::forms::typed(&[
        ("form", "end"),
        ("involvement", &involvement.to_string()),
        ("until", &until),
    ]);
    let last = match parse_day(&until) {
        Some(d) if d < row.since => {
            let reply = FormReply::invalid("until", Msg::TeamUntilBeforeSince);
            return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await;
        }
        Some(d) => d,
        None => {
            let reply = FormReply::invalid("until", Msg::FbDateInvalid);
            return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await;
        }
    };
    let own_and_gone = row.person_id == actor.person_id && last < scope.today;
    let event = ctx
        .event(&actor, "end_involvement", "involvement")
        .case(&grant)
        .on(involvement);
    let case_id = grant.case_id;
    let ended = change(&db, event, move |tx| {
        Box::pin(async move { involvements::end(tx, case_id, involvement, last).await })
    })
    .await?;
    let mut reply = if ended {
        FormReply::success(Msg::TeamEnded)
    } else {
        FormReply::failed(Msg::TeamChanged)
    };
    if ended && own_and_gone {
        // Whoever ended their own involvement no longer reads the case: back to their list.
        reply.redirect = Some("/zaken".to_string());
    }
    crate::forms::finish(TEAM_FORM, &back(case), Vec::new(), reply).await
}

pub async fn mark(
    case: CaseId,
    involvement: Uuid,
    mark: String,
    was: String,
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageInvolvement, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let scope = Scope::of(&db, &grant, &actor).await?;
    let which = match mark.as_str() {
        "responsible" => Mark::Responsible,
        "contact" => Mark::Contact,
        _ => return Err(AppError::NotFound),
    };
    if !scope.may_mark || !scope.rows.iter().any(|r| r.id == involvement) {
        return Err(AppError::NotFound);
    }
    let was = was.trim().parse::<Uuid>().ok();
    let event = ctx
        .event(&actor, "mark_involvement", "involvement")
        .case(&grant)
        .on(involvement);
    let (case_id, today) = (grant.case_id, scope.today);
    let moved = change(&db, event, move |tx| {
        Box::pin(
            async move { involvements::mark(tx, case_id, which, involvement, was, today).await },
        )
    })
    .await?;
    let reply = if moved {
        FormReply::success(Msg::TeamMarked)
    } else {
        // Someone else moved it first (or it was already so): nothing was written.
        FormReply::failed(Msg::TeamChanged)
    };
    crate::forms::finish(TEAM_FORM, &back(case), Vec::new(), reply).await
}
