//! The server-only work of the reports pages: reading reports through the policy and the
//! visibility rule, shielding a statement, and a family member's response to one.
use super::*;

fn summary(r: crate::backend::store::reports::ReportRow) -> ReportSummary {
    ReportSummary {
        id: r.id,
        title: r.title,
        status: ReportStatus::from_code(&r.status),
        organisation: r.organisation,
        author: r.author,
        date: crate::backend::time::local_date(r.published_to_client_at.unwrap_or(r.created_at)),
        reaction_until: r.reaction_window_until,
    }
}

/// A report as the visibility rule sees it.
fn report_item(r: &crate::backend::store::reports::ReportRow) -> crate::backend::visibility::Item {
    crate::backend::visibility::Item::report(r.id, &r.kind, r.has_decision)
}

/// A statement (or a response to one) as the visibility rule sees it.
fn statement_item(
    s: &crate::backend::store::reports::StatementRow,
) -> crate::backend::visibility::Item {
    crate::backend::visibility::Item::statement(
        s.id,
        &s.kind,
        s.concerns_person_id,
        s.source_person_id,
    )
}

pub(super) async fn build_report_list(case: Option<Uuid>) -> Result<Vec<ReportSummary>, AppError> {
    use crate::backend::{audit::AuditEvent, ctx, store::reports};
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let seen = crate::backend::visibility::Visibility::of(&ctx.backend.db, &grant).await?;
    let rows = reports::list(
        &ctx.backend.db,
        grant.case_id,
        grant.viewer.member().is_some(),
    )
    .await?;
    let list = rows
        .into_iter()
        .filter(|r| seen.shows(&report_item(r)))
        .map(summary)
        .collect();
    let event = AuditEvent::new(Some(actor.account_id), "list", "reports", &ctx.client_ip)
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(list)
}

/// The reports of a case as the grant's viewer may see them: one (`only`) or all. Used by
/// the report page, the print view and the export.
pub(crate) async fn report_views(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
    seen: &crate::backend::visibility::Visibility,
    only: Option<Uuid>,
) -> Result<Vec<ReportView>, AppError> {
    use crate::backend::{store::reports, time};
    use std::collections::HashMap;
    let published_only = grant.viewer.member().is_some();
    let me = grant.viewer.member();
    let rows = match only {
        Some(id) => reports::one(db, grant.case_id, id, published_only)
            .await?
            .into_iter()
            .collect(),
        None => reports::list(db, grant.case_id, published_only).await?,
    };
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|r| seen.shows(&report_item(r)))
        .collect();
    if rows.is_empty() {
        return if only.is_some() {
            Err(AppError::NotFound)
        } else {
            Ok(Vec::new())
        };
    }
    let statements = reports::statements(db, grant.case_id, only).await?;
    let grounds = reports::grounds(db, grant.case_id).await?;
    let revisions = reports::revisions(db, grant.case_id).await?;
    let (agreed, corrections) = match me {
        Some(person) => (
            reports::agreed_by(db, grant.case_id, person).await?,
            reports::corrections_by(db, grant.case_id, person).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    // A response shows only with the statement it answers.
    let shown: std::collections::HashSet<Uuid> = statements
        .iter()
        .filter(|s| seen.shows(&statement_item(s)))
        .map(|s| s.id)
        .collect();
    let visible: Vec<_> = statements
        .into_iter()
        .filter(|s| shown.contains(&s.id) && s.responds_to.is_none_or(|p| shown.contains(&p)))
        .collect();
    // Numbers count what this reader sees (1, 2, 3 …), so a gap never gives a hidden
    // statement away.
    let mut seq_of: HashMap<Uuid, i32> = HashMap::new();
    for r in rows.iter() {
        let mut n = 0;
        for s in visible
            .iter()
            .filter(|s| s.report_id == r.id && s.responds_to.is_none())
        {
            n += 1;
            seq_of.insert(s.id, n);
        }
    }
    let mut responses: HashMap<Uuid, Vec<ResponseView>> = HashMap::new();
    for s in visible.iter() {
        if let Some(parent) = s.responds_to {
            responses.entry(parent).or_default().push(ResponseView {
                text: s.text.clone(),
                by: s.source_name.clone().unwrap_or_default(),
                by_me: me.is_some() && s.source_person_id == me,
                date: time::local_date(s.created_at),
            });
        }
    }
    let form_key = Uuid::new_v4().to_string();
    let mut views = Vec::new();
    for r in rows {
        let report_id = r.id;
        let statements = visible
            .iter()
            .filter(|s| s.report_id == report_id && s.responds_to.is_none())
            .filter_map(|s| {
                let kind = StatementKind::parse(&s.kind)?;
                let source = match (&s.informant, &s.source_name) {
                    (Some(inf), _) => Some(match &s.informant_relation {
                        Some(rel) => format!("{inf} ({rel})"),
                        None => inf.clone(),
                    }),
                    (None, Some(name)) => Some(match (&s.source_title, &s.source_org) {
                        (Some(title), Some(org)) => format!("{name}, {title} ({org})"),
                        _ => name.clone(),
                    }),
                    (None, None) => None,
                };
                Some(StatementView {
                    id: s.id,
                    seq: seq_of.get(&s.id).copied().unwrap_or(s.seq),
                    text: s.text.clone(),
                    kind,
                    source,
                    observed: s.observed_at,
                    accorded: s.accorded,
                    factor: s.factor.clone(),
                    concerns_me: me.is_some()
                        && (s.concerns_person_id == me || s.source_person_id == me),
                    grounds: {
                        let mut g: Vec<i32> = grounds
                            .iter()
                            .filter(|(a, _)| *a == s.id)
                            .filter_map(|(_, g)| seq_of.get(g).copied())
                            .collect();
                        g.sort_unstable();
                        g
                    },
                    responses: responses.remove(&s.id).unwrap_or_default(),
                    revisions: revisions
                        .iter()
                        .filter(|v| v.statement_id == s.id)
                        .map(|v| RevisionView {
                            old_text: v.old_text.clone(),
                            by: v.changed_by.clone(),
                            reason: v.reason.clone(),
                            date: time::local_date(v.changed_at),
                        })
                        .collect(),
                    agreed: agreed.contains(&s.id),
                    corrections: corrections
                        .iter()
                        .filter(|c| c.statement_id == s.id)
                        .filter_map(|c| {
                            Some(CorrectionView {
                                kind: CorrectionKind::parse(&c.kind)?,
                                reason: c.reason.clone(),
                                proposed: c.proposed_text.clone(),
                                status: CorrectionStatus::from_code(&c.status),
                                filed: time::local_date(c.created_at),
                                due: time::local_date(c.due_at),
                                decided: c.decided_at.map(time::local_date),
                                decision: c.decision_text.clone(),
                            })
                        })
                        .collect(),
                })
            })
            .collect();
        views.push(ReportView {
            case_id: grant.case_id,
            summary: summary(r),
            can_respond: false,
            today: time::today(),
            form_key: form_key.clone(),
            statements,
            shield: None,
        });
    }
    Ok(views)
}

pub(super) async fn build_report(case: Option<Uuid>, report: Uuid) -> Result<ReportView, AppError> {
    use crate::backend::{audit::AuditEvent, ctx, visibility::Visibility};
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let seen = Visibility::of(&ctx.backend.db, &grant).await?;
    let mut view = report_views(&ctx.backend.db, &grant, &seen, Some(report))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    view.can_respond = actor.role.is_family();
    if grant.viewer == crate::backend::policy::Viewer::Professional {
        use crate::backend::store::{accounts, reports};
        let db = &ctx.backend.db;
        view.shield = Some(ShieldPanel {
            family: accounts::family_members(db, grant.case_id)
                .await?
                .into_iter()
                .map(|m| (m.person_id, format!("{} {}", m.given_name, m.family_name)))
                .collect(),
            shielded: reports::shieldings(db, grant.case_id).await?,
        });
    }
    let event = AuditEvent::new(Some(actor.account_id), "read", "report", &ctx.client_ip)
        .case(&grant)
        .on(report);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}

pub(super) async fn shield(
    case: Uuid,
    statement: Uuid,
    person: Uuid,
    reason: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        change::change,
        ctx,
        policy::{Action, Resource},
        store::{accounts, reports},
        time,
    };
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
    if let Some(m) = check_text(&reason, true) {
        let reply = FormReply::invalid("reason", m);
        return crate::forms::finish(STATEMENT_FORM, &back, values, reply).await;
    }
    let event = AuditEvent::new(
        Some(actor.account_id),
        "shield",
        "statement",
        &ctx.client_ip,
    )
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
pub(super) enum Response {
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

pub(super) async fn respond_to(statement: Uuid, response: Response) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        change::change,
        ctx,
        policy::{Action, Resource, Viewer},
        store::reports,
        time,
        visibility::Visibility,
    };
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
            if let Some(m) = check_text(reason, true) {
                reply = reply.field("reason", m);
            }
            if let Some(m) = check_text(proposed, false) {
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
            if let Some(m) = check_text(text, true) {
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
    let event = AuditEvent::new(Some(actor.account_id), action, "statement", &ctx.client_ip)
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
