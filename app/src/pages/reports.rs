//! "Wat staat er in de rapporten?": the case's reports, and one report statement by
//! statement — each with its kind (fact, informant, assessment, view, decision), its source,
//! and for assessments the statements they rest on. The reader filters, and responds to a
//! statement: "Dit klopt", "Dit klopt niet" (a correction request with a one-month deadline)
//! or "Mijn kant" (their own view, kept in the dossier next to the statement).
//!
//! The response forms are plain HTML forms: they work before and without the WebAssembly,
//! and go through the one form mechanism (`crate::forms`): on bad input the page comes back
//! with the typed text and the message next to the field. Each form carries an idempotency
//! key, so a retry after a lost connection files nothing twice.
use crate::{
    components::{
        case_nav::CaseNav,
        dates::long_date,
        fields::{form_message, kept_key, TextField},
    },
    domain::{correction_status, CorrectionKind, StatementKind},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, tjf, use_lang, youth, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The form name under which a statement's response form keeps its state (see `forms`).
pub const STATEMENT_FORM: &str = "statement";
/// Longest reason, proposal or own view accepted (characters).
pub const MAX_TEXT: usize = 4000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    pub id: Uuid,
    pub title: String,
    pub status: String,
    pub organisation: String,
    pub author: String,
    pub date: NaiveDate,
    pub reaction_until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub text: String,
    pub by: String,
    pub by_me: bool,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub old_text: String,
    pub by: String,
    pub reason: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub kind: CorrectionKind,
    pub reason: String,
    pub proposed: Option<String>,
    pub status: String,
    pub filed: NaiveDate,
    pub due: NaiveDate,
    pub decided: Option<NaiveDate>,
    pub decision: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub id: Uuid,
    pub seq: i32,
    pub text: String,
    pub kind: StatementKind,
    /// Who said or saw it: "Jeroen Smit, Raadsonderzoeker (Raad …)" or the informant.
    pub source: Option<String>,
    pub observed: Option<NaiveDate>,
    /// For what an informant said: did they confirm it was written down correctly?
    pub accorded: bool,
    pub factor: Option<String>,
    pub concerns_me: bool,
    /// The statements an assessment rests on (their numbers).
    pub grounds: Vec<i32>,
    pub responses: Vec<ResponseView>,
    pub revisions: Vec<RevisionView>,
    pub agreed: bool,
    pub corrections: Vec<CorrectionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub case_id: Uuid,
    pub summary: ReportSummary,
    /// The reader is a family member who may respond (not a professional or confidant).
    pub can_respond: bool,
    pub today: NaiveDate,
    /// A fresh key per page view; the response forms derive their idempotency keys from it.
    pub form_key: String,
    pub statements: Vec<StatementView>,
    /// For the case's professionals: what is hidden from whom, and whom it can be hidden from.
    pub shield: Option<ShieldPanel>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShieldPanel {
    /// The family members an item can be hidden from: (person, name).
    pub family: Vec<(Uuid, String)>,
    /// (statement, hidden from (name), reason).
    pub shielded: Vec<(Uuid, String, String)>,
}

#[server(prefix = "/api", endpoint = "reports")]
pub async fn load_reports(case: Option<Uuid>) -> Result<Vec<ReportSummary>, AppError> {
    crate::error::respond(build_report_list(case).await)
}

#[server(prefix = "/api", endpoint = "report")]
pub async fn load_report(case: Option<Uuid>, report: Uuid) -> Result<ReportView, AppError> {
    crate::error::respond(build_report(case, report).await)
}

#[cfg(feature = "ssr")]
fn summary(r: crate::backend::store::reports::ReportRow) -> ReportSummary {
    ReportSummary {
        id: r.id,
        title: r.title,
        status: r.status,
        organisation: r.organisation,
        author: r.author,
        date: crate::backend::time::local_date(r.published_to_client_at.unwrap_or(r.created_at)),
        reaction_until: r.reaction_window_until,
    }
}

/// A report as the visibility rule sees it.
#[cfg(feature = "ssr")]
fn report_item(r: &crate::backend::store::reports::ReportRow) -> crate::backend::visibility::Item {
    crate::backend::visibility::Item::report(r.id, &r.kind, r.has_decision)
}

/// A statement (or a response to one) as the visibility rule sees it.
#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
async fn build_report_list(case: Option<Uuid>) -> Result<Vec<ReportSummary>, AppError> {
    use crate::backend::{audit::AuditEvent, ctx, store::reports};
    let (ctx, grant) = ctx::read_dossier(case).await?;
    let actor = ctx.require_actor()?;
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
#[cfg(feature = "ssr")]
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
                                status: c.status.clone(),
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

#[cfg(feature = "ssr")]
async fn build_report(case: Option<Uuid>, report: Uuid) -> Result<ReportView, AppError> {
    use crate::backend::{audit::AuditEvent, ctx, visibility::Visibility};
    let (ctx, grant) = ctx::read_dossier(case).await?;
    let actor = ctx.require_actor()?;
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

// ---- Shielding a statement from a family member ----

/// A professional of the case hides a statement from one family member, with a reason.
#[server(prefix = "/api", endpoint = "shield_statement")]
pub async fn shield_statement(
    case: Uuid,
    statement: Uuid,
    person: Uuid,
    reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(shield(case, statement, person, reason).await)
}

#[cfg(feature = "ssr")]
async fn shield(
    case: Uuid,
    statement: Uuid,
    person: Uuid,
    reason: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::{accounts, reports},
        time,
    };
    let (ctx, grant) = ctx::authorize_case(Action::ShieldItem, Resource::Case(case)).await?;
    let actor = ctx.require_actor()?.clone();
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
    let values = vec![
        ("statement".to_string(), statement.to_string()),
        ("form".to_string(), "shield".to_string()),
        ("reason".to_string(), reason.clone()),
    ];
    if let Some(m) = check_text(&reason, true) {
        let reply = FormReply::failed(Msg::FormHasErrors).field("reason", m);
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
    db.write(move |db| {
        let (reason, event) = (reason.clone(), event.clone());
        async move {
            let mut tx = db.begin().await?;
            if reports::shield(
                &mut tx,
                case_id,
                "statement",
                statement,
                person,
                reason.trim(),
                account,
                time::now(),
            )
            .await?
            {
                audit::insert(&mut tx, &event).await?;
            }
            tx.commit().await
        }
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

/// What a professional sees under a statement: from whom it is hidden and why, and a form to
/// hide it from a family member.
#[component]
fn ShieldBox(
    lang: Lang,
    case: Uuid,
    statement: Uuid,
    panel: ShieldPanel,
    state: FormState,
) -> impl IntoView {
    let hidden: Vec<_> = panel
        .shielded
        .iter()
        .filter(|(item, _, _)| *item == statement)
        .cloned()
        .collect();
    let open = state.reply.is_some();
    let error = state.error_for("reason");
    let reason = state.value("reason");
    let select_id = format!("h-{statement}-person");
    view! {
        <div class="shield">
            {hidden.into_iter().map(|(_, name, why)| view! {
                <p class="small warn">{tf(lang, Msg::ShieldHiddenFrom, &[("name", &name), ("reason", &why)])}</p>
            }).collect_view()}
            <details class="respond-form" open=open>
                <summary>{t(lang, Msg::ShieldButton)}</summary>
                <form method="post" action=ShieldStatement::PATH>
                    <input type="hidden" name="case" value=case.to_string()/>
                    <input type="hidden" name="statement" value=statement.to_string()/>
                    <div class="field">
                        <label for=select_id.clone()>{t(lang, Msg::ShieldFrom)}</label>
                        <select id=select_id name="person">
                            {panel.family.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    <TextField lang id=format!("h-{statement}-reason") name="reason" label=Msg::ShieldReason hint=Some(Msg::ShieldReasonHint) value=reason error required=true/>
                    <button type="submit" class="primary">{t(lang, Msg::ShieldSubmit)}</button>
                </form>
            </details>
        </div>
    }
}

// ---- Responding to a statement ----

/// "Dit klopt": the reader marks a statement as correct.
#[server(prefix = "/api", endpoint = "agree_statement")]
pub async fn agree_statement(statement: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(respond_to(statement, Response::Agree).await)
}

/// "Dit klopt niet": a correction request with a reason and, if the reader likes, a proposed text.
#[server(prefix = "/api", endpoint = "request_correction")]
pub async fn request_correction(
    statement: Uuid,
    key: String,
    kind: String,
    reason: String,
    proposed: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(
        respond_to(
            statement,
            Response::Correction {
                key,
                kind,
                reason,
                proposed,
            },
        )
        .await,
    )
}

/// "Mijn kant": the reader's own view, kept in the dossier next to the statement.
#[server(prefix = "/api", endpoint = "add_own_view")]
pub async fn add_own_view(
    statement: Uuid,
    key: String,
    text: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(respond_to(statement, Response::OwnView { key, text }).await)
}

#[cfg(feature = "ssr")]
#[derive(Clone)]
enum Response {
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

/// Checks a free text: required or not, and not too long.
pub fn check_text(text: &str, required: bool) -> Option<Msg> {
    let len = text.trim().chars().count();
    if required && len == 0 {
        Some(Msg::FieldRequired)
    } else if len > MAX_TEXT {
        Some(Msg::FieldTooLong)
    } else {
        None
    }
}

#[cfg(feature = "ssr")]
async fn respond_to(statement: Uuid, response: Response) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource, Viewer},
        store::reports,
        time,
        visibility::Visibility,
    };
    let (ctx, grant) = ctx::authorize_case(Action::RespondToStatement, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?.clone();
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
    let mut values = vec![("statement".to_string(), statement.to_string())];
    let (action, reply) = match &response {
        Response::Agree => ("agree", FormReply::success(youth(Msg::AgreeSaved, young))),
        Response::Correction {
            key,
            kind,
            reason,
            proposed,
        } => {
            values.extend([
                ("form".to_string(), "correction".to_string()),
                ("key".to_string(), key.clone()),
                ("kind".to_string(), kind.clone()),
                ("reason".to_string(), reason.clone()),
                ("proposed".to_string(), proposed.clone()),
            ]);
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
            values.extend([
                ("form".to_string(), "view".to_string()),
                ("key".to_string(), key.clone()),
                ("text".to_string(), text.clone()),
            ]);
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
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            ..reply
        };
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
    // The change and its audit row commit together, in a task a dropped request cannot cancel
    // (and that may run again after a transient failure, hence the clones).
    let (account, report_id) = (actor.account_id, row.report_id);
    let within_limit = db
        .write(move |db| {
            let (response, event) = (response.clone(), event.clone());
            async move {
                let mut tx = db.begin().await?;
                let at = time::now();
                // A retry (same key, or agreeing twice) changes nothing and is not recorded again.
                let changed = match response {
                    Response::Agree => reports::agree(&mut tx, statement, me, at).await?,
                    Response::Correction {
                        key,
                        kind,
                        reason,
                        proposed,
                    } => {
                        let proposed = proposed.trim();
                        reports::request_correction(
                            &mut tx,
                            &reports::NewCorrection {
                                statement_id: statement,
                                by_person: me,
                                kind: &kind,
                                reason: reason.trim(),
                                proposed_text: (!proposed.is_empty()).then_some(proposed),
                                at,
                                due_at: at + chrono::Months::new(1),
                                idempotency_key: &format!("{account}:{key}"),
                            },
                        )
                        .await?
                    }
                    Response::OwnView { key, text } => {
                        match reports::add_own_view(
                            &mut tx,
                            &reports::NewOwnView {
                                report_id,
                                statement_id: statement,
                                by_person: me,
                                kind: view_kind,
                                text: text.trim(),
                                at,
                                idempotency_key: &format!("{account}:{key}"),
                                limited: true,
                            },
                        )
                        .await?
                        {
                            reports::Added::New => true,
                            reports::Added::Again => false,
                            // Nothing written; the transaction ends without a commit.
                            reports::Added::OverLimit => return Ok(false),
                        }
                    }
                };
                if changed {
                    audit::insert(&mut tx, &event).await?;
                }
                tx.commit().await?;
                Ok(true)
            }
        })
        .await?;
    if !within_limit {
        // What was typed stays in the field, with the reason next to it.
        let reply =
            FormReply::failed(Msg::FormHasErrors).field("text", youth(Msg::OwnViewTooMany, young));
        return crate::forms::finish(STATEMENT_FORM, &back, kept, reply).await;
    }
    crate::forms::finish(STATEMENT_FORM, &back, Vec::new(), reply).await
}

// ---- Pages ----

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! { <ReportsOf case=None/> }
}

/// The reports of a case (the reader's own when `case` is `None`).
#[component]
pub fn ReportsOf(case: Option<Uuid>) -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    let data = Resource::new_blocking(move || case, load_reports);
    let base = report_base(case);
    super::loaded(data, move |list: Vec<ReportSummary>| {
        let base = base.clone();
        view! {
            {case.map(|id| view! { <CaseNav case=id/> })}
            <section class="card">
                <h1>{t(lang, Msg::ReportsTitle)}</h1>
                <p>{tj(lang, Msg::ReportsIntro, young)}</p>
                {list.is_empty().then(|| view! { <p>{tj(lang, Msg::ReportsNone, young)}</p> })}
                <ul class="reports">
                    {list.into_iter().map(|r| view! {
                        <li>
                            <a href=format!("{base}/{}", r.id)><strong>{r.title.clone()}</strong></a>
                            <span>{r.organisation.clone()} " · " {long_date(lang, r.date)}</span>
                            <ReportStatus lang summary=r/>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

fn report_base(case: Option<Uuid>) -> String {
    match case {
        Some(id) => format!("/zaken/{id}/rapporten"),
        None => "/rapporten".to_string(),
    }
}

#[component]
fn ReportStatus(lang: Lang, summary: ReportSummary) -> impl IntoView {
    let text = match (summary.status.as_str(), summary.reaction_until) {
        ("reactietermijn", Some(until)) => tjf(
            lang,
            Msg::ReportReactUntil,
            super::session::is_young(),
            &[("date", &long_date(lang, until))],
        ),
        ("concept", _) => t(lang, Msg::ReportDraft).to_string(),
        _ => t(lang, Msg::ReportFinal).to_string(),
    };
    let open = summary.status == "reactietermijn";
    view! { <span class="status" class:open=open>{text}</span> }
}

/// Which statements the reader chose to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    Facts,
    Assessments,
    Mine,
}

impl Filter {
    const ALL: [(Filter, &'static str, Msg); 4] = [
        (Filter::All, "alles", Msg::FilterAll),
        (Filter::Facts, "feiten", Msg::FilterFacts),
        (Filter::Assessments, "oordelen", Msg::FilterAssessments),
        (Filter::Mine, "over-mij", Msg::FilterMine),
    ];

    fn parse(s: &str) -> Filter {
        Filter::ALL
            .into_iter()
            .find(|(_, code, _)| *code == s)
            .map(|(f, _, _)| f)
            .unwrap_or(Filter::All)
    }

    fn keeps(self, s: &StatementView) -> bool {
        match self {
            Filter::All => true,
            Filter::Facts => s.kind == StatementKind::Fact,
            Filter::Assessments => s.kind == StatementKind::Assessment,
            Filter::Mine => s.concerns_me,
        }
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let case = params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let report = params.with_untracked(|p| p.get("report").and_then(|s| Uuid::parse_str(&s).ok()));
    let by_id = params.with_untracked(|p| p.get("id").is_some());
    match (report, case.is_some() || !by_id) {
        (Some(report), true) => view! { <ReportOf case report/> }.into_any(),
        _ => super::error_page(AppError::NotFound),
    }
}

#[component]
fn ReportOf(case: Option<Uuid>, report: Uuid) -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    let filter =
        Filter::parse(&use_query_map().with_untracked(|q| q.get("toon").unwrap_or_default()));
    let flash = take_flash(STATEMENT_FORM);
    let data = Resource::new_blocking(move || (case, report), |(c, r)| load_report(c, r));
    let base = report_base(case);
    super::loaded(data, move |view: ReportView| {
        let here = format!("{base}/{}", view.summary.id);
        let shown: Vec<StatementView> = view
            .statements
            .iter()
            .filter(|s| filter.keeps(s))
            .cloned()
            .collect();
        let confirmation = flash.reply.clone().filter(|r| r.ok).and_then(|r| r.message);
        let (can_respond, key, today) = (view.can_respond, view.form_key.clone(), view.today);
        let shield_panel = view.shield.clone();
        let flash = flash.clone();
        view! {
            {case.map(|id| view! { <CaseNav case=id/> })}
            <article class="report">
                <header class="card">
                    <p class="eyebrow"><a href=base.clone()>{t(lang, Msg::ReportsTitle)}</a></p>
                    <h1>{view.summary.title.clone()}</h1>
                    <p>{tf(lang, Msg::ReportBy, &[("org", &view.summary.organisation), ("author", &view.summary.author), ("date", &long_date(lang, view.summary.date))])}</p>
                    <ReportStatus lang summary=view.summary.clone()/>
                    {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                    <KindLegend lang/>
                    <nav class="filters" aria-label=tj(lang, Msg::FilterLabel, young)>
                        {Filter::ALL.into_iter().filter(|(f, _, _)| can_respond || *f != Filter::Mine).map(|(f, code, label)| view! {
                            <a href=format!("{here}?toon={code}") aria-current=(f == filter).then_some("true")>{t(lang, label)}</a>
                        }).collect_view()}
                    </nav>
                </header>
                {shown.is_empty().then(|| view! { <p class="card">{t(lang, Msg::FilterNothing)}</p> })}
                <ol class="statements">
                    {shown.into_iter().map(|s| {
                        // What a failed post about this statement left (one flash for the page).
                        let state = Some(flash.clone()).filter(|f| f.value("statement") == s.id.to_string() && f.reply.as_ref().is_some_and(|r| !r.ok));
                        let shield = shield_panel.clone().zip(case).map(|(panel, case)| {
                            let st = state.as_ref().map(|f| f.only_for("shield")).unwrap_or_default();
                            view! { <ShieldBox lang case statement=s.id panel state=st/> }
                        });
                        view! { <StatementItem lang s can_respond form_key=key.clone() today state extra=shield.map(|v| v.into_any()).unwrap_or_else(|| ().into_any())/> }
                    }).collect_view()}
                </ol>
            </article>
        }
    })
}

/// What the labels mean, once per report.
#[component]
fn KindLegend(lang: Lang) -> impl IntoView {
    let young = super::session::is_young();
    view! {
        <details class="legend">
            <summary>{t(lang, Msg::KindLegendTitle)}</summary>
            <dl>
                {StatementKind::ALL.into_iter().map(|k| view! {
                    <dt><span class=format!("kind {}", k.css())>{t(lang, k.label())}</span></dt>
                    <dd>{t(lang, k.meaning())}</dd>
                }).collect_view()}
            </dl>
            <p>{t(lang, Msg::FactorLegend)}</p>
            <p>{tj(lang, Msg::ReportFinalNote, young)}</p>
        </details>
    }
}

/// One statement: its label, text, source, grounds, history, responses and (for family
/// members) the three ways to respond. `state` is the form state a failed post left.
#[component]
pub fn StatementItem(
    lang: Lang,
    s: StatementView,
    can_respond: bool,
    form_key: String,
    today: NaiveDate,
    state: Option<FormState>,
    /// More for this statement, inside its list item (the professional's shielding box).
    #[prop(optional)]
    extra: Option<AnyView>,
) -> impl IntoView {
    let id = s.id;
    let anchor = format!("s-{id}");
    let young = super::session::is_young();
    let source = match (&s.source, s.observed) {
        (Some(src), Some(day)) => Some(tf(
            lang,
            Msg::SourceOn,
            &[("who", src), ("date", &long_date(lang, day))],
        )),
        (Some(src), None) => Some(tf(lang, Msg::SourceBy, &[("who", src)])),
        (None, _) => None,
    };
    let grounds = (!s.grounds.is_empty()).then(|| {
        let list = s
            .grounds
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        tf(lang, Msg::AssessmentGrounds, &[("list", &list)])
    });
    let no_grounds = s.kind == StatementKind::Assessment && s.grounds.is_empty();
    let informant_note = (s.kind == StatementKind::Informant).then(|| {
        t(
            lang,
            if s.accorded {
                Msg::InformantAccorded
            } else {
                Msg::InformantNotAccorded
            },
        )
    });
    let factor = s.factor.as_deref().and_then(|f| match f {
        "risico" => Some(Msg::FactorRisk),
        "beschermend" => Some(Msg::FactorProtective),
        _ => None,
    });
    let state = state.unwrap_or_default();
    view! {
        <li class="card statement" id=anchor>
            <p class="statement-head">
                <span class="seq">{s.seq}</span>
                <span class=format!("kind {}", s.kind.css())>{t(lang, s.kind.label())}</span>
                {factor.map(|f| view! { <span class="factor">{t(lang, f)}</span> })}
            </p>
            <p class="statement-text" dir="auto">{s.text.clone()}</p>
            // The source's name and job title are as their organisation wrote them (a name
            // may be written right to left).
            {source.map(|src| view! { <p class="muted small" dir="auto">{src}</p> })}
            {informant_note.map(|n| view! { <p class="muted small">{n}</p> })}
            {grounds.map(|g| view! { <p class="small">{g}</p> })}
            {no_grounds.then(|| view! { <p class="small warn">{tj(lang, Msg::AssessmentNoGrounds, young)}</p> })}
            {(!s.revisions.is_empty()).then(|| view! {
                <details class="history">
                    <summary>{t(lang, Msg::RevisionsTitle)}</summary>
                    <ul>
                        {s.revisions.iter().map(|r| view! {
                            <li>
                                <p>{tf(lang, Msg::RevisionLine, &[("who", &r.by), ("date", &long_date(lang, r.date)), ("reason", &r.reason)])}</p>
                                <p class="old-text"><del>{r.old_text.clone()}</del></p>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {s.responses.iter().map(|r| view! {
                <blockquote class="own-view">
                    <p class="eyebrow">{if r.by_me { tj(lang, Msg::OwnViewMine, young).to_string() } else { tf(lang, Msg::OwnViewOf, &[("who", &r.by)]) }} " · " {long_date(lang, r.date)}</p>
                    <p dir="auto">{r.text.clone()}</p>
                </blockquote>
            }).collect_view()}
            {s.corrections.iter().map(|c| {
                let days = (c.due - today).num_days();
                let due = if c.decided.is_some() {
                    None
                } else if days >= 0 {
                    Some(tf(lang, Msg::CorrectionDue, &[("date", &long_date(lang, c.due)), ("left", &crate::i18n::days_left(lang, days))]))
                } else {
                    Some(tjf(lang, Msg::CorrectionOverdue, young, &[("date", &long_date(lang, c.due))]))
                };
                view! {
                    <div class="correction">
                        <p><strong>{tjf(lang, Msg::CorrectionFiled, young, &[("date", &long_date(lang, c.filed))])}</strong> " " {t(lang, c.kind.label())}</p>
                        <p class="muted" dir="auto">{c.reason.clone()}</p>
                        <p>{t(lang, Msg::CorrectionStatusLabel)} ": " <strong>{tj(lang, correction_status(&c.status), young)}</strong></p>
                        {due.map(|d| view! { <p class="deadline">{d}</p> })}
                        {c.decision.clone().map(|d| view! { <p>{t(lang, Msg::CorrectionDecision)} ": " {d}</p> })}
                    </div>
                }
            }).collect_view()}
            {can_respond.then(|| view! {
                <div class="respond">
                    {if s.agreed {
                        view! { <p class="agreed">{tj(lang, Msg::AgreedAlready, young)}</p> }.into_any()
                    } else {
                        view! {
                            <form method="post" action=AgreeStatement::PATH>
                                <input type="hidden" name="statement" value=id.to_string()/>
                                <button type="submit" class="secondary" aria-describedby=format!("agree-{id}-hint")>{t(lang, Msg::AgreeButton)}</button>
                                <p class="hint" id=format!("agree-{id}-hint")>{tj(lang, Msg::AgreeHint, young)}</p>
                            </form>
                        }.into_any()
                    }}
                    <CorrectionForm lang id key=format!("{form_key}:c:{id}") state=state.only_for("correction")/>
                    <OwnViewForm lang id key=format!("{form_key}:v:{id}") state=state.only_for("view")/>
                </div>
            })}
            {extra}
        </li>
    }
}

#[component]
fn CorrectionForm(lang: Lang, id: Uuid, key: String, state: FormState) -> impl IntoView {
    let young = super::session::is_young();
    // Only a failed post of this very form comes back with a state: then it opens.
    let open = state.reply.is_some();
    let err = |f: &str| state.error_for(f);
    let value = |f: &str| state.value(f);
    let kind_now = value("kind");
    let key = kept_key(&state, key);
    let kind_error = err("kind");
    let kind_err_id = format!("c-{id}-kind-error");
    let kind_described = kind_err_id.clone();
    view! {
        <details class="respond-form" open=open>
            <summary>{t(lang, Msg::CorrectionButton)}</summary>
            <form method="post" action=RequestCorrection::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="statement" value=id.to_string()/>
                <input type="hidden" name="key" value=key/>
                <fieldset class="field" class:invalid=kind_error.is_some() aria-describedby=kind_described>
                    <legend>{t(lang, Msg::CorrectionKindQuestion)}</legend>
                    {CorrectionKind::ALL.into_iter().map(|k| {
                        let rid = format!("c-{id}-{}", k.code());
                        view! {
                            <div class="choice">
                                <input type="radio" id=rid.clone() name="kind" value=k.code() checked=kind_now == k.code()/>
                                <label for=rid>{t(lang, k.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p id=kind_err_id class="field-error">{kind_error.map(|m| t(lang, m))}</p>
                </fieldset>
                <TextField lang id=format!("c-{id}-reason") name="reason" label=Msg::CorrectionReason hint=Some(Msg::CorrectionReasonHint) value=value("reason") error=err("reason") required=true/>
                <TextField lang id=format!("c-{id}-proposed") name="proposed" label=youth(Msg::CorrectionProposed, young) hint=None value=value("proposed") error=err("proposed") required=false/>
                <p class="hint">{tj(lang, Msg::CorrectionDeadlineNote, young)}</p>
                <button type="submit" class="primary">{t(lang, Msg::CorrectionSubmit)}</button>
            </form>
        </details>
    }
}

#[component]
fn OwnViewForm(lang: Lang, id: Uuid, key: String, state: FormState) -> impl IntoView {
    let young = super::session::is_young();
    let open = state.reply.is_some();
    let error = state.error_for("text");
    let text = state.value("text");
    let key = kept_key(&state, key);
    view! {
        <details class="respond-form" open=open>
            <summary>{t(lang, Msg::OwnViewButton)}</summary>
            <form method="post" action=AddOwnView::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="statement" value=id.to_string()/>
                <input type="hidden" name="key" value=key/>
                <TextField lang id=format!("v-{id}-text") name="text" label=youth(Msg::OwnViewLabel, young) hint=Some(youth(Msg::OwnViewHint, young)) value=text error required=true/>
                <button type="submit" class="primary">{t(lang, Msg::OwnViewSubmit)}</button>
            </form>
        </details>
    }
}
