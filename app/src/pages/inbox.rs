//! The professional's inbox (`/inbox`): what families said on the cases they work on today.
//! - Feedback: what asks for attention first (a total at or below the cut-off, or a drop
//!   against the same person's previous response, not yet discussed), then the rest, newest
//!   first. Reply (the family sees it) and mark "besproken" with the date it was discussed.
//! - Correction requests on reports of the professional's own organisation: days left of the
//!   one-month deadline, overdue ones marked; grant (the statement is revised, the old text
//!   stays in its history) or decline with a reason (the family's request is then attached to
//!   the statement as their view).
//! - The family's own views ("mijn kant"), newest first.
//!
//! Professionals never change what a family wrote: there is no form for it, and the store has
//! no query that could.
#[cfg(feature = "ssr")]
use crate::pages::reports::check_text;
use crate::{
    components::{
        dates::long_date,
        fields::{form_message, TextField},
    },
    domain::{
        correction_status,
        feedback::{total, Audience, ContactKind, Flags, Scale, Scores},
        CorrectionKind,
    },
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, use_lang, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The form name under which the inbox's forms keep their state.
pub const INBOX_FORM: &str = "inbox";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub id: Uuid,
    pub case_id: Uuid,
    pub family: String,
    /// None when the family member chose to answer without their name.
    pub respondent: Option<String>,
    pub group: Audience,
    pub contact: Option<(NaiveDate, ContactKind)>,
    pub about: String,
    pub sent: NaiveDate,
    pub scores: Scores,
    pub flags: Flags,
    pub comment: Option<String>,
    /// (reply, by, on)
    pub reply: Option<(String, String, NaiveDate)>,
    pub discussed: Option<NaiveDate>,
}

impl FeedbackItem {
    /// Asks for attention: flagged and not yet discussed.
    pub fn needs_attention(&self) -> bool {
        self.flags.any() && self.discussed.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionTask {
    pub id: Uuid,
    pub case_id: Uuid,
    pub statement_id: Uuid,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub seq: i32,
    pub statement_text: String,
    pub by: String,
    pub kind: CorrectionKind,
    pub reason: String,
    pub proposed: Option<String>,
    pub status: String,
    pub filed: NaiveDate,
    pub due: NaiveDate,
    pub decided: Option<NaiveDate>,
    pub decision: Option<String>,
}

impl CorrectionTask {
    pub fn open(&self) -> bool {
        matches!(self.status.as_str(), "ingediend" | "in_behandeling")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnViewNote {
    pub case_id: Uuid,
    pub family: String,
    pub report_id: Uuid,
    pub report_title: String,
    pub seq: Option<i32>,
    pub by: String,
    pub text: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub today: NaiveDate,
    /// Newest first; the page puts those that need attention on top.
    pub feedback: Vec<FeedbackItem>,
    pub corrections: Vec<CorrectionTask>,
    pub views: Vec<OwnViewNote>,
}

impl Inbox {
    /// (feedback without a reply, open correction requests, overdue ones) for the home page.
    pub fn counts(&self) -> (usize, usize, usize) {
        let unanswered = self.feedback.iter().filter(|f| f.reply.is_none()).count();
        let open: Vec<_> = self.corrections.iter().filter(|c| c.open()).collect();
        let overdue = open.iter().filter(|c| c.due < self.today).count();
        (unanswered, open.len(), overdue)
    }
}

#[server(prefix = "/api", endpoint = "inbox")]
pub async fn load_inbox() -> Result<Inbox, AppError> {
    crate::error::respond(build_inbox().await)
}

/// The professional's reply to a response; the family sees it under their feedback.
#[server(prefix = "/api", endpoint = "reply_to_feedback")]
pub async fn reply_to_feedback(response: Uuid, text: String) -> Result<FormReply, AppError> {
    crate::error::respond(follow_up(response, FollowUp::Reply(text)).await)
}

/// Marks a response as discussed with the family on `date` (YYYY-MM-DD, not in the future).
#[server(prefix = "/api", endpoint = "mark_discussed")]
pub async fn mark_discussed(response: Uuid, date: String) -> Result<FormReply, AppError> {
    crate::error::respond(follow_up(response, FollowUp::Discussed(date)).await)
}

/// Grants (`decision` = `accept`, with the new `text`) or declines (`decline`) a correction
/// request, with a `reason` the family reads.
#[server(prefix = "/api", endpoint = "decide_correction")]
pub async fn decide_correction(
    request: Uuid,
    decision: String,
    text: String,
    reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(decide(request, decision, text, reason).await)
}

/// Feedback items of a scope, newest first, with their flags (a drop is measured against the
/// same person's previous named response on the same case; anonymous responses are never
/// compared per person), and their (case, family) pairs.
#[cfg(feature = "ssr")]
pub(crate) async fn feedback_items(
    db: &crate::backend::Db,
    scope: crate::backend::store::feedback::Scope,
) -> Result<(Vec<FeedbackItem>, Vec<(Uuid, Uuid)>), AppError> {
    use crate::backend::{store::feedback as store, time};
    use std::collections::HashMap;
    let rows = store::responses(db, scope, None, None).await?;
    let scores = store::scores(db, scope).await?;
    let mut previous: HashMap<(Uuid, Uuid), Scores> = HashMap::new();
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

#[cfg(feature = "ssr")]
fn correction_task(c: crate::backend::store::feedback::CorrectionItem) -> Option<CorrectionTask> {
    use crate::backend::time;
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
        kind: CorrectionKind::parse(&c.kind)?,
        reason: c.reason,
        proposed: c.proposed_text,
        status: c.status,
        filed: time::local_date(c.created_at),
        due: time::local_date(c.due_at),
        decided: c.decided_at.map(time::local_date),
        decision: c.decision_text,
    })
}

/// The inbox of the logged-in professional (also the home page's counts), and the families
/// whose words it shows (for the audit trail).
#[cfg(feature = "ssr")]
pub(crate) async fn inbox_of(
    db: &crate::backend::Db,
    actor: &crate::backend::Actor,
) -> Result<(Inbox, Vec<(Uuid, Uuid)>), AppError> {
    use crate::backend::{store::feedback as store, store::feedback::Scope, time};
    let today = time::today();
    let scope = Scope::AssignedTo {
        person_id: actor.person_id,
        today,
    };
    let corrections = match actor.organisation_id {
        Some(org) => store::corrections(db, scope, org).await?,
        None => Vec::new(),
    };
    let views = store::own_views(db, scope).await?;
    let (feedback, mut families) = feedback_items(db, scope).await?;
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
    };
    Ok((inbox, families))
}

#[cfg(feature = "ssr")]
async fn build_inbox() -> Result<Inbox, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource},
    };
    let (ctx, _) = ctx::authorize(Action::ReadInbox, Resource::OwnWork).await?;
    let actor = ctx.require_actor()?;
    let (inbox, families) = inbox_of(&ctx.backend.db, actor).await?;
    // One event per family whose feedback, requests or views were shown: each family sees in
    // its access log that this professional read them.
    let mut events: Vec<AuditEvent> = families
        .into_iter()
        .map(|(case, family)| {
            AuditEvent::new(Some(actor.account_id), "read", "inbox", &ctx.client_ip)
                .in_case(case, family)
                .on(case)
        })
        .collect();
    if events.is_empty() {
        events.push(AuditEvent::new(
            Some(actor.account_id),
            "read",
            "inbox",
            &ctx.client_ip,
        ));
    }
    ctx.backend.audit.record_all(events).await?;
    Ok(inbox)
}

#[cfg(feature = "ssr")]
#[derive(Clone)]
enum FollowUp {
    Reply(String),
    Discussed(String),
}

#[cfg(feature = "ssr")]
async fn follow_up(response: Uuid, what: FollowUp) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::feedback as store,
        time,
    };
    let ctx = ctx::request()?;
    let case = store::response_case(&ctx.backend.db, response)
        .await?
        .ok_or(AppError::NotFound)?;
    let (ctx, grant) = ctx::authorize_case(Action::HandleFeedback, Resource::Case(case)).await?;
    let actor = ctx.require_actor()?.clone();
    let back = format!("/inbox#r-{response}");
    let (form, mut values) = match &what {
        FollowUp::Reply(text) => (
            format!("reply:{response}"),
            vec![("text".to_string(), text.clone())],
        ),
        FollowUp::Discussed(date) => (
            format!("discussed:{response}"),
            vec![("date".to_string(), date.clone())],
        ),
    };
    values.push(("form".to_string(), form));
    let today = time::today();
    let error = match &what {
        FollowUp::Reply(text) => check_text(text, true).map(|m| ("text", m)),
        FollowUp::Discussed(date) => match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Ok(d) if d <= today => None,
            Ok(_) => Some(("date", Msg::FbDateFuture)),
            Err(_) => Some(("date", Msg::FbDateInvalid)),
        },
    };
    if let Some((field, msg)) = error {
        let reply = FormReply::failed(Msg::FormHasErrors).field(field, msg);
        return crate::forms::finish(INBOX_FORM, &back, values, reply).await;
    }
    let (action, message) = match &what {
        FollowUp::Reply(_) => ("reply_feedback", Msg::FbReplySaved),
        FollowUp::Discussed(_) => ("mark_discussed", Msg::FbDiscussedSaved),
    };
    let event = AuditEvent::new(Some(actor.account_id), action, "feedback", &ctx.client_ip)
        .case(&grant)
        .on(response);
    let account = actor.account_id;
    ctx.backend
        .db
        .write(move |db| {
            let (what, event) = (what.clone(), event.clone());
            async move {
                let mut tx = db.begin().await?;
                match what {
                    FollowUp::Reply(text) => {
                        store::reply(&mut tx, response, text.trim(), account, time::now()).await?
                    }
                    FollowUp::Discussed(date) => {
                        let day =
                            NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").unwrap_or(today);
                        store::discussed(&mut tx, response, day).await?
                    }
                }
                audit::insert(&mut tx, &event).await?;
                tx.commit().await
            }
        })
        .await?;
    crate::forms::finish(INBOX_FORM, &back, Vec::new(), FormReply::success(message)).await
}

#[cfg(feature = "ssr")]
async fn decide(
    request: Uuid,
    decision: String,
    text: String,
    reason: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::{feedback as store, reports},
        time,
    };
    let ctx = ctx::request()?;
    let item = store::correction(&ctx.backend.db, request)
        .await?
        .ok_or(AppError::NotFound)?;
    let (ctx, grant) =
        ctx::authorize_case(Action::DecideCorrection, Resource::Case(item.case_id)).await?;
    let actor = ctx.require_actor()?.clone();
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
    let values = vec![
        ("form".to_string(), form),
        ("text".to_string(), text.clone()),
        ("reason".to_string(), reason.clone()),
    ];
    let mut reply = FormReply::success(if accept {
        Msg::DecisionAccepted
    } else {
        Msg::DecisionDeclined
    });
    if accept {
        if let Some(m) = check_text(&text, true) {
            reply = reply.field("text", m);
        }
    }
    if let Some(m) = check_text(&reason, true) {
        reply = reply.field("reason", m);
    }
    if !reply.ok {
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            ..reply
        };
        return crate::forms::finish(INBOX_FORM, &back, values, reply).await;
    }
    let event = AuditEvent::new(
        Some(actor.account_id),
        if accept {
            "accept_correction"
        } else {
            "decline_correction"
        },
        "statement",
        &ctx.client_ip,
    )
    .case(&grant)
    .on(item.statement_id);
    let account = actor.account_id;
    let decided = ctx
        .backend
        .db
        .write(move |db| {
            let (item, text, reason, event) =
                (item.clone(), text.clone(), reason.clone(), event.clone());
            async move {
                let mut tx = db.begin().await?;
                let at = time::now();
                let done = if accept {
                    store::accept_correction(
                        &mut tx,
                        &item,
                        text.trim(),
                        reason.trim(),
                        account,
                        at,
                    )
                    .await?
                } else {
                    let done =
                        store::decide(&mut tx, item.id, "afgewezen", reason.trim(), account, at)
                            .await?;
                    if done {
                        crate::backend::store::insights::add_decision(&mut tx, item.id, false, at)
                            .await?;
                        // The family's request stays with the statement, as their view.
                        let view = match &item.proposed_text {
                            Some(p) => format!("{}\n\n{p}", item.reason),
                            None => item.reason.clone(),
                        };
                        let kind = if reports::is_child(&mut tx, item.by_person).await? {
                            "visie_kind"
                        } else {
                            "visie_ouder"
                        };
                        reports::add_own_view(
                            &mut tx,
                            &reports::NewOwnView {
                                report_id: item.report_id,
                                statement_id: item.statement_id,
                                by_person: item.by_person,
                                kind,
                                text: &view,
                                at,
                                idempotency_key: &format!("declined:{}", item.id),
                                limited: false,
                            },
                        )
                        .await?;
                    }
                    done
                };
                if done {
                    audit::insert(&mut tx, &event).await?;
                }
                tx.commit().await?;
                Ok(done)
            }
        })
        .await?;
    let reply = if decided {
        reply
    } else {
        FormReply::failed(Msg::DecisionAlreadyTaken)
    };
    crate::forms::finish(INBOX_FORM, &back, Vec::new(), reply).await
}

// ---- Page ----

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(INBOX_FORM);
    let data = Resource::new_blocking(|| (), |_| load_inbox());
    super::loaded(data, move |inbox: Inbox| {
        let confirmation = flash.reply.clone().filter(|r| r.ok).and_then(|r| r.message);
        let failed_other = flash
            .reply
            .clone()
            .filter(|r| !r.ok && r.field_errors.is_empty())
            .and_then(|r| r.message);
        let (attention, rest): (Vec<_>, Vec<_>) = inbox
            .feedback
            .iter()
            .cloned()
            .partition(FeedbackItem::needs_attention);
        let (unanswered, open, overdue) = inbox.counts();
        let today = inbox.today;
        let flash = flash.clone();
        let flash2 = flash.clone();
        let flash3 = flash.clone();
        view! {
            <section class="card">
                <h1>{t(lang, Msg::InboxTitle)}</h1>
                <p>{tf(lang, Msg::InboxSummary, &[("feedback", &unanswered.to_string()), ("open", &open.to_string()), ("overdue", &overdue.to_string())])}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                {failed_other.map(|m| view! { <p class="form-error" role="alert">{t(lang, m)}</p> })}
            </section>
            <section class="card" aria-labelledby="inbox-attention">
                <h2 id="inbox-attention">{t(lang, Msg::InboxAttention)}</h2>
                <p class="muted small">{t(lang, Msg::InboxAttentionHint)}</p>
                {attention.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {attention.into_iter().map(|f| view! { <FeedbackEntry lang f today state=flash.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-feedback">
                <h2 id="inbox-feedback">{t(lang, Msg::InboxFeedback)}</h2>
                {rest.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {rest.into_iter().map(|f| view! { <FeedbackEntry lang f today state=flash2.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-corrections">
                <h2 id="inbox-corrections">{t(lang, Msg::InboxCorrections)}</h2>
                {inbox.corrections.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {inbox.corrections.into_iter().map(|c| view! { <CorrectionEntry lang c today state=flash3.clone()/> }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="inbox-views">
                <h2 id="inbox-views">{t(lang, Msg::InboxViews)}</h2>
                {inbox.views.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {inbox.views.into_iter().map(|v| view! {
                        <li class="inbox-item">
                            <p><strong>{v.family.clone()}</strong> " · " <a href=format!("/zaken/{}/rapporten/{}", v.case_id, v.report_id)>{v.report_title.clone()}</a>
                                {v.seq.map(|n| format!(" · {}", tf(lang, Msg::InboxStatementNo, &[("n", &n.to_string())])))}</p>
                            <p class="muted small">{tf(lang, Msg::OwnViewOf, &[("who", &v.by)])} " · " {long_date(lang, v.date)}</p>
                            <blockquote class="own-view"><p dir="auto">{v.text.clone()}</p></blockquote>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn FeedbackEntry(
    lang: Lang,
    f: FeedbackItem,
    today: NaiveDate,
    state: FormState,
) -> impl IntoView {
    let id = f.id;
    let reply_state = state.only_for(&format!("reply:{id}"));
    let discussed_state = state.only_for(&format!("discussed:{id}"));
    let who = f
        .respondent
        .clone()
        .unwrap_or_else(|| t(lang, Msg::FbAnonymous).to_string());
    let group = t(
        lang,
        if f.group == Audience::YoungPerson {
            Msg::FbGroupYoung
        } else {
            Msg::FbGroupParent
        },
    );
    let about = crate::components::follow_up::about(lang, f.contact, &f.about);
    let date_value = Some(discussed_state.value("date"))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| today.format("%Y-%m-%d").to_string());
    let date_error = discussed_state.error_for("date");
    let date_id = format!("d-{id}");
    let date_err = format!("d-{id}-error");
    view! {
        <li class="inbox-item" id=format!("r-{id}") class:flagged=f.needs_attention()>
            <p><a href=format!("/zaken/{}/contacten", f.case_id)><strong>{f.family.clone()}</strong></a> " · " {who} " (" {group} ")"</p>
            <p class="muted small">{about} " · " {tf(lang, Msg::FbSentOn, &[("date", &long_date(lang, f.sent))])}</p>
            <p class="flags">
                {f.flags.low.then(|| view! { <span class="flag">{t(lang, Msg::FlagLow)}</span> })}
                {f.flags.dropped.then(|| view! { <span class="flag">{t(lang, Msg::FlagDropped)}</span> })}
            </p>
            <p>{Scale::ALL.iter().zip(f.scores.iter()).map(|(s, n)| format!("{} {n}", t(lang, s.short()))).collect::<Vec<_>>().join(" · ")} " · " <strong>{tf(lang, Msg::FbTotalOf, &[("n", &total(&f.scores).to_string())])}</strong></p>
            {f.comment.clone().map(|c| view! { <blockquote class="own-view"><p dir="auto">{c}</p></blockquote> })}
            <crate::components::follow_up::FollowUp lang reply=f.reply.clone() discussed=f.discussed/>
            <details class="respond-form" open=reply_state.reply.is_some()>
                <summary>{t(lang, if f.reply.is_some() { Msg::FbReplyChange } else { Msg::FbReplyButton })}</summary>
                <form method="post" action=ReplyToFeedback::PATH>
                    {form_message(lang, &reply_state)}
                    <input type="hidden" name="response" value=id.to_string()/>
                    <TextField lang id=format!("reply-{id}") name="text" label=Msg::FbReplyLabel hint=Some(Msg::FbReplyHint) value=reply_state.value("text") error=reply_state.error_for("text") required=true/>
                    <button type="submit" class="primary">{t(lang, Msg::FbReplySubmit)}</button>
                </form>
            </details>
            <form method="post" action=MarkDiscussed::PATH class="inline-form">
                {form_message(lang, &discussed_state)}
                <input type="hidden" name="response" value=id.to_string()/>
                <div class="field" class:invalid=date_error.is_some()>
                    <label for=date_id.clone()>{t(lang, Msg::FbDiscussedLabel)}</label>
                    <input type="date" id=date_id name="date" value=date_value max=today.format("%Y-%m-%d").to_string() aria-describedby=date_err.clone() aria-invalid=date_error.is_some().then_some("true")/>
                    <p id=date_err class="field-error">{date_error.map(|m| t(lang, m))}</p>
                </div>
                <button type="submit" class="secondary">{t(lang, Msg::FbDiscussedSubmit)}</button>
            </form>
        </li>
    }
}

#[component]
fn CorrectionEntry(
    lang: Lang,
    c: CorrectionTask,
    today: NaiveDate,
    state: FormState,
) -> impl IntoView {
    let id = c.id;
    let accept_state = state.only_for(&format!("accept:{id}"));
    let decline_state = state.only_for(&format!("decline:{id}"));
    let days = (c.due - today).num_days();
    let open = c.open();
    let overdue = open && days < 0;
    let deadline = if !open {
        None
    } else if days >= 0 {
        Some(tf(
            lang,
            Msg::CorrectionDue,
            &[
                ("date", &long_date(lang, c.due)),
                ("left", &crate::i18n::days_left(lang, days)),
            ],
        ))
    } else {
        Some(tf(
            lang,
            Msg::CorrectionOverdue,
            &[("date", &long_date(lang, c.due))],
        ))
    };
    let new_text = Some(accept_state.value("text"))
        .filter(|v| !v.is_empty())
        .or_else(|| c.proposed.clone())
        .unwrap_or_else(|| c.statement_text.clone());
    view! {
        <li class="inbox-item" id=format!("c-{id}") class:flagged=overdue>
            <p><strong>{c.family.clone()}</strong> " · " <a href=format!("/zaken/{}/rapporten/{}#s-{}", c.case_id, c.report_id, c.statement_id)>{c.report_title.clone()}</a> " · " {tf(lang, Msg::InboxStatementNo, &[("n", &c.seq.to_string())])}</p>
            <p class="statement-text">{c.statement_text.clone()}</p>
            <p><strong>{tf(lang, Msg::InboxRequestBy, &[("who", &c.by), ("date", &long_date(lang, c.filed))])}</strong> " " {t(lang, c.kind.label())}</p>
            <p class="muted" dir="auto">{c.reason.clone()}</p>
            {c.proposed.clone().map(|p| view! { <p>{t(lang, Msg::InboxProposed)} ": " <em>{p}</em></p> })}
            <p>{t(lang, Msg::CorrectionStatusLabel)} ": " <strong>{t(lang, correction_status(&c.status))}</strong></p>
            {deadline.map(|d| view! { <p class="deadline" class:overdue=overdue>{d}</p> })}
            {c.decision.clone().map(|d| view! { <p>{t(lang, Msg::CorrectionDecision)} ": " {d}</p> })}
            {open.then(|| view! {
                <details class="respond-form" open=accept_state.reply.is_some()>
                    <summary>{t(lang, Msg::DecisionAccept)}</summary>
                    <form method="post" action=DecideCorrection::PATH>
                        {form_message(lang, &accept_state)}
                        <input type="hidden" name="request" value=id.to_string()/>
                        <input type="hidden" name="decision" value="accept"/>
                        <TextField lang id=format!("a-{id}-text") name="text" label=Msg::DecisionNewText hint=Some(Msg::DecisionNewTextHint) value=new_text error=accept_state.error_for("text") required=true/>
                        <TextField lang id=format!("a-{id}-reason") name="reason" label=Msg::DecisionReason hint=None value=accept_state.value("reason") error=accept_state.error_for("reason") required=true/>
                        <button type="submit" class="primary">{t(lang, Msg::DecisionAcceptSubmit)}</button>
                    </form>
                </details>
                <details class="respond-form" open=decline_state.reply.is_some()>
                    <summary>{t(lang, Msg::DecisionDecline)}</summary>
                    <form method="post" action=DecideCorrection::PATH>
                        {form_message(lang, &decline_state)}
                        <input type="hidden" name="request" value=id.to_string()/>
                        <input type="hidden" name="decision" value="decline"/>
                        <input type="hidden" name="text" value=""/>
                        <p class="hint">{t(lang, Msg::DecisionDeclineNote)}</p>
                        <TextField lang id=format!("d-{id}-reason") name="reason" label=Msg::DecisionReason hint=None value=decline_state.value("reason") error=decline_state.error_for("reason") required=true/>
                        <button type="submit" class="primary">{t(lang, Msg::DecisionDeclineSubmit)}</button>
                    </form>
                </details>
            })}
        </li>
    }
}
