//! Writing on a report: a professional shields a statement from one family member; a family
//! member answers a statement ("dit klopt", "dit klopt niet", "mijn kant"). Each change goes
//! through the one write path with its audit row.
use super::{
    super::*,
    read::{report_item, statement_item},
};
use crate::backend::{
    change::change,
    ctx,
    policy::{Action, Resource, Viewer},
    store::{accounts, reports},
    time,
    visibility::Visibility,
};
use crate::domain::{CaseId, PersonId};
use crate::forms::{check_length, TEXT};

pub(crate) async fn shield(
    case: CaseId,
    statement: Uuid,
    person: PersonId,
    reason: String,
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ShieldItem, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let row = reports::statement(&db, grant.case_id, statement)
        .await?
        .ok_or(AppError::NotFound)?;
    if !accounts::family_members(&db, grant.case_id)
        .await?
        .iter()
        .any(|m| m.person_id == person)
    {
        return Err(AppError::NotFound);
    }
    let back = format!("/zaken/{case}/rapporten/{}#s-{statement}", row.report_id);
    let values = crate::forms::typed(&[
        ("statement", &statement.to_string()),
        ("form", "shield"),
        ("reason", &reason),
    ]);
    if let Some(m) = check_length(&reason, true, TEXT) {
        let reply = FormReply::invalid("reason", m);
        return crate::forms::finish(STATEMENT_FORM, &back, values, reply).await;
    }
    let event = ctx
        .event(&actor, "shield", "statement")
        .case(&grant)
        .on(statement);
    let (account, case_id) = (actor.account_id, grant.case_id);
    change(&db, event, move |tx| {
        let reason = reason.clone();
        Box::pin(async move {
            let at = time::now();
            reports::shield(
                tx,
                case_id,
                "statement",
                statement,
                person,
                reason.trim(),
                account,
                at,
            )
            .await
        })
    })
    .await?;
    crate::forms::finish(
        STATEMENT_FORM,
        &back,
        Vec::new(),
        FormReply::success(Msg::ShieldSaved),
    )
    .await
}

#[derive(Clone)]
pub(crate) enum Response {
    Agree,
    Correction {
        key: String,
        kind: String,
        reason: String,
        proposed: String,
    },
    OwnView {
        key: String,
        text: String,
    },
}

pub(crate) async fn respond_to(statement: Uuid, response: Response) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::RespondToStatement, Resource::OwnCase).await?;
    let db = ctx.backend.db.clone();
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let young = matches!(grant.viewer, Viewer::Child { .. });
    // Only a statement the reader can see, in a report published to the family.
    let seen = Visibility::of(&db, &grant).await?;
    let row = reports::statement(&db, grant.case_id, statement)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = reports::one(&db, grant.case_id, row.report_id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    // One responds to a statement of the report, not to someone's response to it.
    if !row.published
        || row.responds_to.is_some()
        || !seen.shows(&statement_item(&row))
        || !seen.shows(&report_item(&report))
    {
        return Err(AppError::NotFound);
    }
    let back = format!("/rapporten/{}#s-{}", row.report_id, row.id);
    let mut values = crate::forms::typed(&[("statement", &statement.to_string())]);
    let (action, reply) = match &response {
        Response::Agree => ("agree", FormReply::success(youth(Msg::AgreeSaved, young))),
        Response::Correction {
            key,
            kind,
            reason,
            proposed,
        } => {
            values.extend(crate::forms::typed(&[
                ("form", "correction"),
                ("key", key),
                ("kind", kind),
                ("reason", reason),
                ("proposed", proposed),
            ]));
            let mut reply = FormReply::success(youth(Msg::CorrectionSaved, young));
            if CorrectionKind::parse(kind).is_none() {
                reply = reply.field("kind", Msg::CorrectionKindRequired);
            }
            if let Some(m) = check_length(reason, true, TEXT) {
                reply = reply.field("reason", m);
            }
            if let Some(m) = check_length(proposed, false, TEXT) {
                reply = reply.field("proposed", m);
            }
            ("request_correction", reply)
        }
        Response::OwnView { key, text } => {
            values.extend(crate::forms::typed(&[
                ("form", "view"),
                ("key", key),
                ("text", text),
            ]));
            let mut reply = FormReply::success(youth(Msg::OwnViewSaved, young));
            if let Some(m) = check_length(text, true, TEXT) {
                reply = reply.field("text", m);
            }
            ("add_own_view", reply)
        }
    };
    let key_ok = match &response {
        Response::Agree => true,
        Response::Correction { key, .. } | Response::OwnView { key, .. } => {
            !key.is_empty() && key.len() <= 100
        }
    };
    if !key_ok {
        return Err(AppError::Invalid);
    }
    if !reply.ok {
        return crate::forms::finish(STATEMENT_FORM, &back, values, reply).await;
    }
    let kept = values.clone();
    let view_kind = match grant.viewer {
        Viewer::Child { .. } => "visie_kind",
        _ => "visie_ouder",
    };
    let event = ctx
        .event(&actor, action, "statement")
        .case(&grant)
        .on(statement);
    let (account, report_id) = (actor.account_id, row.report_id);
    let added = change(&db, event, move |tx| {
        let response = response.clone();
        Box::pin(async move {
            let at = time::now();
            // A retry (same key, or agreeing twice) changes nothing and is not recorded again.
            let added = |changed: bool| {
                if changed {
                    reports::Added::New
                } else {
                    reports::Added::Again
                }
            };
            match response {
                Response::Agree => reports::agree(tx, statement, me, at).await.map(added),
                Response::Correction {
                    key,
                    kind,
                    reason,
                    proposed,
                } => {
                    let proposed = proposed.trim();
                    let correction = reports::NewCorrection {
                        statement_id: statement,
                        by_person: me,
                        kind: &kind,
                        reason: reason.trim(),
                        proposed_text: (!proposed.is_empty()).then_some(proposed),
                        at,
                        due_at: at + chrono::Months::new(1),
                        idempotency_key: &format!("{account}:{key}"),
                    };
                    reports::request_correction(tx, &correction)
                        .await
                        .map(added)
                }
                Response::OwnView { key, text } => {
                    let view = reports::NewOwnView {
                        report_id,
                        statement_id: statement,
                        by_person: me,
                        kind: view_kind,
                        text: text.trim(),
                        at,
                        idempotency_key: &format!("{account}:{key}"),
                        limited: true,
                    };
                    // Over the day's limit nothing is written (and nothing audited).
                    reports::add_own_view(tx, &view).await
                }
            }
        })
    })
    .await?;
    if added == reports::Added::OverLimit {
        // What was typed stays in the field, with the reason next to it.
        let reply = FormReply::invalid("text", youth(Msg::OwnViewTooMany, young));
        return crate::forms::finish(STATEMENT_FORM, &back, kept, reply).await;
    }
    crate::forms::finish(STATEMENT_FORM, &back, Vec::new(), reply).await
}

/// "Ik ben klaar met reageren", for a report the reader may see, in its reaction period.
pub(crate) async fn close_reaction(report: Uuid) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::RespondToStatement, Resource::OwnCase).await?;
    let db = ctx.backend.db.clone();
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let young = matches!(grant.viewer, Viewer::Child { .. });
    let row = reports::one(&db, grant.case_id, report, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if !Visibility::of(&db, &grant).await?.shows(&report_item(&row)) {
        return Err(AppError::NotFound);
    }
    let back = format!("/rapporten/{report}#klaar");
    if ReportStatus::from_code(&row.status) != ReportStatus::ReactionPeriod {
        let reply = FormReply::failed(Msg::CloseNotOpen);
        return crate::forms::finish(CLOSE_FORM, &back, Vec::new(), reply).await;
    }
    let event = ctx
        .event(&actor, "close_reaction", "report")
        .case(&grant)
        .on(report);
    change(&db, event, move |tx| {
        Box::pin(async move { reports::close_reaction(tx, report, me, time::now()).await })
    })
    .await?;
    let reply = FormReply::success(youth(Msg::CloseDone, young));
    crate::forms::finish(CLOSE_FORM, &back, Vec::new(), reply).await
}
