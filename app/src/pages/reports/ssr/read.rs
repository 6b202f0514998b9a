//! Reading reports through the policy and the visibility rule: the list, one report, and
//! every report as one reader may see it (the report page, the print view, the export).
use super::super::*;
use crate::backend::{
    ctx,
    policy::CaseGrant,
    store::reports,
    time,
    visibility::{Item, Visibility},
    Db,
};
use crate::domain::CaseId;
use std::collections::{HashMap, HashSet};

fn summary(r: reports::ReportRow, writer: Option<Uuid>) -> ReportSummary {
    ReportSummary {
        editable: writer == Some(r.organisation_id),
        id: r.id,
        title: r.title,
        status: ReportStatus::from_code(&r.status),
        organisation: r.organisation,
        author: r.author,
        date: time::local_date(r.published_to_client_at.unwrap_or(r.created_at)),
        reaction_until: r.reaction_window_until,
        reviewed: r.reviewer.zip(r.reviewed_at.map(time::local_date)),
    }
}

/// The organisation whose reports the reader writes: a professional's own, nobody else's.
fn writer_org(actor: &crate::backend::actor::Actor, grant: &CaseGrant) -> Option<Uuid> {
    actor
        .organisation_id
        .filter(|_| grant.viewer == crate::backend::policy::Viewer::Professional)
}

/// A report as the visibility rule sees it.
pub(super) fn report_item(r: &reports::ReportRow) -> Item {
    Item::report(r.id, &r.kind, r.has_decision)
}

/// A statement (or a response to one) as the visibility rule sees it.
pub(super) fn statement_item(s: &reports::StatementRow) -> Item {
    Item::statement(s.id, &s.kind, s.concerns_person_id, s.source_person_id)
}

pub(crate) async fn build_report_list(
    case: Option<CaseId>,
) -> Result<Vec<ReportSummary>, AppError> {
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let seen = Visibility::of(&ctx.backend.db, &grant).await?;
    let rows = reports::list(
        &ctx.backend.db,
        grant.case_id,
        grant.viewer.member().is_some(),
    )
    .await?;
    let list = rows
        .into_iter()
        .filter(|r| seen.shows(&report_item(r)))
        .map(|r| summary(r, writer_org(&actor, &grant)))
        .collect();
    let event = ctx
        .event(&actor, "list", "reports")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(list)
}

/// The reports of a case as the grant's viewer may see them: one (`only`) or all. Used by
/// the report page, the print view and the export.
pub(crate) async fn report_views(
    db: &Db,
    grant: &CaseGrant,
    seen: &Visibility,
    only: Option<Uuid>,
) -> Result<Vec<ReportView>, AppError> {
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
    let shown: HashSet<Uuid> = statements
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
                        .filter_map(|c| c.request.view())
                        .collect(),
                })
            })
            .collect();
        views.push(ReportView {
            case_id: grant.case_id,
            summary: summary(r, None),
            can_respond: false,
            today: time::today(),
            form_key: form_key.clone(),
            statements,
            shield: None,
            reaction_closed: None,
        });
    }
    Ok(views)
}

pub(crate) async fn build_report(
    case: Option<CaseId>,
    report: Uuid,
) -> Result<ReportView, AppError> {
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let seen = Visibility::of(&ctx.backend.db, &grant).await?;
    let mut view = report_views(&ctx.backend.db, &grant, &seen, Some(report))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    view.can_respond = actor.role.is_family();
    if let Some(me) = grant.viewer.member().filter(|_| view.can_respond) {
        view.reaction_closed = reports::reaction_closures(&ctx.backend.db, report)
            .await?
            .into_iter()
            .find(|(person, _)| *person == me)
            .map(|(_, at)| time::local_date(at));
    }
    if let Some(org) = writer_org(&actor, &grant) {
        let row = reports::one(&ctx.backend.db, grant.case_id, report, false).await?;
        view.summary.editable = row.is_some_and(|r| r.organisation_id == org);
    }
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
    let event = ctx.event(&actor, "read", "report").case(&grant).on(report);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}
