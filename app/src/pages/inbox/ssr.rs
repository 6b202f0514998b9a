//! The server-only work of the `inbox` page.
use super::*;
use crate::backend::{
    audit::AuditEvent,
    change::change,
    ctx,
    policy::{Action, Resource},
    store::{corrections, feedback as store, feedback::Scope, writing},
    time,
};
use crate::domain::writing::may_finalise;
use crate::domain::{CaseId, FamilyId, PersonId};
use std::collections::HashMap;

use crate::forms::{check_length, TEXT};

/// Feedback items of a scope, newest first, with their flags (a drop is measured against the
/// same person's previous named response on the same case; anonymous responses are never
/// compared per person), and their (case, family) pairs.
pub(crate) async fn feedback_items(
    db: &crate::backend::Db,
    scope: crate::backend::store::feedback::Scope,
) -> Result<(Vec<FeedbackItem>, Vec<(CaseId, FamilyId)>), AppError> {
    let rows = store::responses(db, scope, None, None).await?;
    let scores = store::scores(db, scope).await?;
    let mut previous: HashMap<(CaseId, PersonId), Scores> = HashMap::new();
    let mut items = Vec::new();
    let mut families = Vec::new();
    for r in rows {
        families.push((r.case_id, r.family_id));
        let (Some(sc), Some(sent)) = (
            scores.get(&r.id).and_then(|s| store::complete(s)),
            r.submitted_at,
        ) else {
            continue;
        };
        // An anonymous response is never compared per person, in either direction: a "lower
        // than last time" flag would link it to the same person's named response.
        let flags = if r.anonymous_to_professional {
            Flags::of(&sc, None)
        } else {
            let flags = Flags::of(&sc, previous.get(&(r.case_id, r.respondent_person_id)));
            previous.insert((r.case_id, r.respondent_person_id), sc);
            flags
        };
        items.push(FeedbackItem {
            id: r.id,
            case_id: r.case_id,
            family: r.family,
            respondent: (!r.anonymous_to_professional).then_some(r.respondent),
            group: Audience::parse(&r.respondent_group).unwrap_or(Audience::Parent),
            contact: r
                .contact_at
                .zip(r.contact_kind.as_deref().and_then(ContactKind::parse))
                .map(|(at, k)| (time::local_date(at), k)),
            about: r.professional,
            sent: time::local_date(sent),
            scores: sc,
            flags,
            comment: r.comment,
            reply: r.reply_text.map(|text| {
                (
                    text,
                    r.replied_by.unwrap_or_default(),
                    r.replied_at.map(time::local_date).unwrap_or_default(),
                )
            }),
            discussed: r.discussed_at,
        });
    }
    items.reverse();
    Ok((items, families))
}

pub(super) fn correction_task(c: corrections::CorrectionItem) -> Option<CorrectionTask> {
    Some(CorrectionTask {
        id: c.id,
        case_id: c.case_id,
        statement_id: c.statement_id,
        family: c.family,
        report_id: c.report_id,
        report_title: c.report_title,
        seq: c.seq,
        statement_text: c.statement_text,
        by: c.by_name,
        request: c.request.view()?,
    })
}

/// The inbox of the logged-in professional (also the home page's counts), and the families
/// whose words it shows (for the audit trail).
pub(crate) async fn inbox_of(
    db: &crate::backend::Db,
    actor: &crate::backend::Actor,
) -> Result<(Inbox, Vec<(CaseId, FamilyId)>), AppError> {
    let today = time::today();
    let scope = Scope::AssignedTo {
        person_id: actor.person_id,
        today,
    };
    let corrections = match actor.organisation_id {
        Some(org) => corrections::corrections(db, scope, org).await?,
        None => Vec::new(),
    };
    let views = corrections::own_views(db, scope).await?;
    // The reaction period is the family's: only a report whose period is over, or that
    // everyone it is for has closed, is ready (`writing::may_finalise`, the same rule the
    // writer's "Definitief maken" asks).
    let mut finalise = Vec::new();
    let mut ready_families = Vec::new();
    if let Some(org) = actor.organisation_id {
        for r in writing::in_reaction_period(db, org, actor.person_id, today).await? {
            let closed: Vec<bool> = crate::pages::writing::reaction_round(db, r.case_id, r.id)
                .await?
                .iter()
                .map(|(_, said)| said.is_some())
                .collect();
            if may_finalise(today, r.reaction_window_until, &closed) {
                ready_families.push((r.case_id, r.family_id));
                finalise.push(ReadyReport {
                    case_id: r.case_id,
                    family: r.family,
                    report_id: r.id,
                    title: r.title,
                    until: r.reaction_window_until,
                    closed_early: r.reaction_window_until.is_some_and(|u| today <= u),
                });
            }
        }
    }
    let (feedback, mut families) = feedback_items(db, scope).await?;
    families.extend(ready_families);
    families.extend(corrections.iter().map(|c| (c.case_id, c.family_id)));
    families.extend(views.iter().map(|v| (v.case_id, v.family_id)));
    families.sort();
    families.dedup();
    let inbox = Inbox {
        today,
        feedback,
        corrections: corrections
            .into_iter()
            .filter_map(correction_task)
            .collect(),
        views: views
            .into_iter()
            .map(|v| OwnViewNote {
                case_id: v.case_id,
                family: v.family,
                report_id: v.report_id,
                report_title: v.report_title,
                seq: v.seq,
                by: v.by_name,
                text: v.text,
                date: time::local_date(v.created_at),
            })
            .collect(),
        finalise,
    };
    Ok((inbox, families))
}

pub(super) async fn build_inbox() -> Result<Inbox, AppError> {
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ReadInbox, Resource::OwnWork).await?;
    let (inbox, families) = inbox_of(&ctx.backend.db, &actor).await?;
    // One event per family whose feedback, requests or views were shown: each family sees in
    // its access log that this professional read them.
    let mut events: Vec<AuditEvent> = families
        .into_iter()
        .map(|(case, family)| {
            ctx.event(&actor, "read", "inbox")
                .in_case(case, family)
                .on(case.0)
        })
        .collect();
    if events.is_empty() {
        events.push(ctx.event(&actor, "read", "inbox"));
    }
    ctx.backend.audit.record_all(events).await?;
    Ok(inbox)
}

#[derive(Clone)]
pub(super) enum FollowUp {
    Reply(String),
    Discussed(String),
}

pub(super) async fn follow_up(response: Uuid, what: FollowUp) -> Result<FormReply, AppError> {
    let ctx = ctx::request()?;
    let case = store::response_case(&ctx.backend.db, response)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::HandleFeedback, Resource::Case(case)).await?;
    let back = format!("/inbox#r-{response}");
    let (form, mut values) = match &what {
        FollowUp::Reply(text) => (
            format!("reply:{response}"),
            crate::forms::typed(&[("text", text)]),
        ),
        FollowUp::Discussed(date) => (
            format!("discussed:{response}"),
            crate::forms::typed(&[("date", date)]),
        ),
    };
    values.extend(crate::forms::typed(&[("form", &form)]));
    let today = time::today();
    let error = match &what {
        FollowUp::Reply(text) => check_length(text, true, TEXT).map(|m| ("text", m)),
        FollowUp::Discussed(date) => match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Ok(d) if d <= today => None,
            Ok(_) => Some(("date", Msg::FbDateFuture)),
            Err(_) => Some(("date", Msg::FbDateInvalid)),
        },
    };
    if let Some((field, msg)) = error {
        let reply = FormReply::invalid(field, msg);
        return crate::forms::finish(INBOX_FORM, &back, values, reply).await;
    }
    let (action, message) = match &what {
        FollowUp::Reply(_) => ("reply_feedback", Msg::FbReplySaved),
        FollowUp::Discussed(_) => ("mark_discussed", Msg::FbDiscussedSaved),
    };
    let event = ctx
        .event(&actor, action, "feedback")
        .case(&grant)
        .on(response);
    let account = actor.account_id;
    change(&ctx.backend.db, event, move |tx| {
        let what = what.clone();
        Box::pin(async move {
            match what {
                FollowUp::Reply(text) => {
                    store::reply(tx, response, text.trim(), account, time::now()).await
                }
                FollowUp::Discussed(date) => {
                    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").unwrap_or(today);
                    store::discussed(tx, response, day).await
                }
            }
        })
    })
    .await?;
    crate::forms::finish(INBOX_FORM, &back, Vec::new(), FormReply::success(message)).await
}

pub(super) async fn decide(
    request: Uuid,
    decision: String,
    text: String,
    reason: String,
) -> Result<FormReply, AppError> {
    let ctx = ctx::request()?;
    let item = corrections::correction(&ctx.backend.db, request)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::DecideCorrection, Resource::Case(item.case_id)).await?;
    // Only the organisation that wrote the report decides on it.
    if actor.organisation_id != Some(item.report_organisation_id) {
        return Err(AppError::NotFound);
    }
    let accept = match decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::Invalid),
    };
    let back = format!("/inbox#c-{request}");
    let form = format!("{decision}:{request}");
    let values = crate::forms::typed(&[("form", &form), ("text", &text), ("reason", &reason)]);
    let mut reply = FormReply::success(if accept {
        Msg::DecisionAccepted
    } else {
        Msg::DecisionDeclined
    });
    if accept {
        if let Some(m) = check_length(&text, true, TEXT) {
            reply = reply.field("text", m);
        }
    }
    if let Some(m) = check_length(&reason, true, TEXT) {
        reply = reply.field("reason", m);
    }
    if !reply.ok {
        return crate::forms::finish(INBOX_FORM, &back, values, reply).await;
    }
    let event = ctx
        .event(
            &actor,
            if accept {
                "accept_correction"
            } else {
                "decline_correction"
            },
            "statement",
        )
        .case(&grant)
        .on(item.statement_id);
    let account = actor.account_id;
    let decided = change(&ctx.backend.db, event, move |tx| {
        let (item, text, reason) = (item.clone(), text.clone(), reason.clone());
        Box::pin(async move {
            let at = time::now();
            if accept {
                corrections::accept_correction(tx, &item, text.trim(), reason.trim(), account, at)
                    .await
            } else {
                corrections::decline_correction(tx, &item, reason.trim(), account, at).await
            }
        })
    })
    .await?;
    let reply = if decided {
        reply
    } else {
        FormReply::failed(Msg::DecisionAlreadyTaken)
    };
    crate::forms::finish(INBOX_FORM, &back, Vec::new(), reply).await
}
