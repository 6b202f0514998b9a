//! The server side of "Wie werken aan deze zaak?": reading the team and the three changes.
use super::{
    commands::{check_add, check_end, AddForm, Scope},
    *,
};
use crate::backend::{
    change::change,
    ctx,
    policy::{Action, Resource},
    store::involvements::{self, Mark},
};

fn name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

pub async fn team(case: CaseId) -> Result<Team, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageInvolvement, Resource::Case(case)).await?;
    let db = &ctx.backend.db;
    let scope = Scope::of(db, grant.case_id, actor.organisation_id).await?;
    let candidates = involvements::candidates(db, grant.case_id, scope.today)
        .await?
        .into_iter()
        .filter(|c| scope.may_add(actor.organisation_id, c))
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
            may_end: scope.may_end(actor.organisation_id, r),
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
    let scope = Scope::of(&db, grant.case_id, actor.organisation_id).await?;
    let candidate = match person.trim().parse::<PersonId>() {
        Ok(p) => involvements::professional(&db, p).await?,
        Err(_) => None,
    };
    let id = Uuid::new_v4();
    let form = AddForm {
        candidate,
        role: &role,
        since: &since,
        until: &until,
    };
    let (new, reply) = check_add(&scope, actor.organisation_id, form, (grant.case_id, id));
    let Some(new) = new else {
        return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await;
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
    let scope = Scope::of(&db, grant.case_id, actor.organisation_id).await?;
    let row = scope
        .rows
        .iter()
        .find(|r| r.id == involvement && scope.may_end(actor.organisation_id, r))
        .ok_or(AppError::NotFound)?;
    let values = crate::forms::typed(&[
        ("form", "end"),
        ("involvement", &involvement.to_string()),
        ("until", &until),
    ]);
    let last = match check_end(row.since, &until) {
        Ok(d) => d,
        Err(reply) => return crate::forms::finish(TEAM_FORM, &back(case), values, reply).await,
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
    let scope = Scope::of(&db, grant.case_id, actor.organisation_id).await?;
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
