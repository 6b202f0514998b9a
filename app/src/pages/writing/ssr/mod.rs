//! The server side of writing a report. Every function asks the policy for `WriteReport` on
//! the case; a report of another organisation (or of another case) is answered exactly like
//! one that does not exist.
use super::*;
use crate::{
    backend::{
        change::change,
        ctx::{self, Granted},
        policy::{Action, Resource},
        store::{
            accounts, reports,
            writing::{self, NewReport, Saved, WritingRow},
        },
        time, Db,
    },
    domain::{
        deadline::working_days_after,
        writing::{hints, may_finalise, missing, Sources, MIN_REACTION_WORKING_DAYS},
    },
    forms::{check_day, check_length, finish, typed, LINE, TEXT},
    i18n::Msg,
};
use std::collections::HashMap;

mod sending;
pub(crate) use sending::{
    finalisable, lacking, publish_locked, reaction_round, reaction_until, Published,
};
pub use sending::{finalise, publish, review};

/// The editor of one report.
fn editor(case: CaseId, report: Uuid) -> String {
    format!("/zaken/{case}/rapporten/{report}/schrijven")
}

/// The case grant and the reader's organisation (a professional without one writes nothing).
async fn writer(case: CaseId) -> Result<(Granted, Uuid), AppError> {
    let granted = ctx::authorize_case(Action::WriteReport, Resource::Case(case)).await?;
    let org = granted.actor.organisation_id.ok_or(AppError::NotFound)?;
    Ok((granted, org))
}

/// The report, when it is this organisation's report of this case.
async fn own_report(
    db: &Db,
    case: CaseId,
    org: Uuid,
    report: Uuid,
) -> Result<WritingRow, AppError> {
    writing::report(db, case, org, report)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn start(case: CaseId, kind: String, title: String) -> Result<FormReply, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let back = format!("/zaken/{case}/rapporten#nieuw-rapport");
    let values = typed(&[("kind", &kind), ("title", &title)]);
    let mut reply = FormReply::success(Msg::WriteStarted);
    let kind = ReportKind::parse(&kind);
    if kind.is_none() {
        reply = reply.field("kind", Msg::WriteKindRequired);
    }
    if let Some(m) = check_length(&title, true, LINE) {
        reply = reply.field("title", m);
    }
    let (Some(kind), true) = (kind, reply.ok) else {
        return finish(NEW_REPORT_FORM, &back, values, reply).await;
    };
    let new = NewReport {
        id: Uuid::new_v4(),
        case_id: grant.case_id,
        organisation: org,
        kind: kind.code().to_string(),
        title: title.trim().to_string(),
        author: actor.person_id,
        at: time::now(),
    };
    let event = ctx
        .event(&actor, "start_report", "report")
        .case(&grant)
        .on(new.id);
    let id = new.id;
    change(&ctx.backend.db, event, move |tx| {
        let new = new.clone();
        Box::pin(async move { writing::start(tx, &new).await })
    })
    .await?;
    let reply = FormReply {
        message: Some(Msg::WriteStarted),
        ..FormReply::go_to(editor(case, id))
    };
    finish(NEW_REPORT_FORM, &back, Vec::new(), reply).await
}

pub async fn load(case: CaseId, report: Uuid) -> Result<Writing, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let db = &ctx.backend.db;
    let row = own_report(db, grant.case_id, org, report).await?;
    let kind = ReportKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let (drafts, grounds) = writing::drafts(db, report).await?;
    let observers = writing::observers(db, grant.case_id).await?;
    let informants = writing::informants(db, grant.case_id).await?;
    let members: Vec<(PersonId, String, bool)> = accounts::family_members(db, grant.case_id)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.person_id,
                format!("{} {}", m.given_name, m.family_name),
                m.relation == "child",
            )
        })
        .collect();
    let shielded = reports::shieldings(db, grant.case_id).await?;
    let number: HashMap<Uuid, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i + 1))
        .collect();
    let name_of = |p: Option<PersonId>| {
        p.and_then(|p| {
            observers
                .iter()
                .map(|(id, n)| (*id, n))
                .chain(members.iter().map(|(id, n, _)| (*id, n)))
                .find(|(id, _)| *id == p)
                .map(|(_, n)| n.clone())
        })
    };
    let statements = drafts
        .into_iter()
        .filter_map(|d| {
            let kind = StatementKind::parse(&d.kind)?;
            let rests_on: Vec<(Uuid, usize)> = grounds
                .iter()
                .filter(|(a, _)| *a == d.id)
                .filter_map(|(_, g)| number.get(g).map(|n| (*g, *n)))
                .collect();
            let sources = Sources {
                has_text: !d.text.trim().is_empty(),
                date: d.observed_at,
                person: d.source_person_id.is_some(),
                informant: d.informant_id.is_some(),
                grounds: rests_on.len(),
            };
            Some(DraftView {
                number: number.get(&d.id).copied().unwrap_or_default(),
                version: d.version,
                missing: missing(kind, &sources),
                hints: hints(&d.text),
                person_name: name_of(d.source_person_id),
                informant_name: d.informant_id.and_then(|i| {
                    informants
                        .iter()
                        .find(|(id, _)| *id == i)
                        .map(|(_, n)| n.clone())
                }),
                concerns_name: name_of(d.concerns_person_id),
                hidden_from: shielded
                    .iter()
                    .filter(|(item, _, _)| *item == d.id)
                    .map(|(_, name, _)| name.clone())
                    .collect(),
                id: d.id,
                text: d.text,
                kind,
                date: d.observed_at,
                person: d.source_person_id,
                informant: d.informant_id,
                concerns: d.concerns_person_id,
                grounds: rests_on,
                factor: d.factor,
                accorded: d.accorded,
            })
        })
        .collect();
    // Asked of the policy without recording a denial: this only decides whether to offer it.
    let can_review = row.status == "concept"
        && row.author_id != actor.person_id
        && crate::backend::policy::authorize(
            db,
            &actor,
            Action::ReviewReport,
            Resource::Case(grant.case_id),
        )
        .await
        .is_ok();
    let round = if row.status == "reactietermijn" {
        reaction_round(db, grant.case_id, report).await?
    } else {
        Vec::new()
    };
    let event = ctx.event(&actor, "read", "report").case(&grant).on(report);
    ctx.backend.audit.record(event).await?;
    let today = time::today();
    Ok(Writing {
        round,
        reviewed: row
            .reviewer
            .clone()
            .zip(row.reviewed_at.map(time::local_date)),
        can_review,
        case_id: grant.case_id,
        report,
        title: row.title,
        kind,
        status: ReportStatus::from_code(&row.status),
        author: row.author,
        reaction_until: row.reaction_window_until,
        today,
        earliest_until: working_days_after(today, MIN_REACTION_WORKING_DAYS),
        statements,
        observers,
        members,
        informants,
    })
}

/// The values a statement form puts back after a failed post.
fn statement_values(s: &StatementForm) -> Vec<(String, String)> {
    let mut values = typed(&[
        ("s[id]", &s.id),
        ("s[version]", &s.version),
        ("s[text]", &s.text),
        ("s[kind]", &s.kind),
        ("s[date]", &s.date),
        ("s[observer]", &s.observer),
        ("s[voice]", &s.voice),
        ("s[informant]", &s.informant),
        ("s[concerns]", &s.concerns),
        ("s[factor]", &s.factor),
        ("s[accorded]", &s.accorded),
        ("s[hide_from]", &s.hide_from),
        ("s[hide_reason]", &s.hide_reason),
    ]);
    values.extend(
        s.grounds
            .iter()
            .map(|g| ("s[grounds]".to_string(), g.clone())),
    );
    values
}

/// One of `choices`, or `None` for an empty field; a message when it is none of them.
fn pick<T: Copy + PartialEq + std::str::FromStr>(
    text: &str,
    choices: impl IntoIterator<Item = T>,
) -> Result<Option<T>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let wanted = text.parse::<T>().map_err(|_| ())?;
    choices
        .into_iter()
        .find(|c| *c == wanted)
        .map(Some)
        .ok_or(())
}

/// What a statement of this case may point at: the professionals ever involved (observers),
/// the family's members (person, is a child) and the registered informants.
#[derive(Clone)]
pub(crate) struct Choices {
    pub observers: Vec<PersonId>,
    pub members: Vec<(PersonId, bool)>,
    pub informants: Vec<Uuid>,
}

impl Choices {
    pub(crate) async fn of(db: &Db, case: CaseId) -> Result<Choices, AppError> {
        Ok(Choices {
            observers: writing::observers(db, case)
                .await?
                .into_iter()
                .map(|(p, _)| p)
                .collect(),
            members: accounts::family_members(db, case)
                .await?
                .into_iter()
                .map(|m| (m.person_id, m.relation == "child"))
                .collect(),
            informants: writing::informants(db, case)
                .await?
                .into_iter()
                .map(|(i, _)| i)
                .collect(),
        })
    }
}

/// A statement and whom it is hidden from (with why).
pub(crate) type Checked = (writing::Statement, Option<(PersonId, String)>);

/// The one check of a statement as typed, for the editor and the import API alike: the
/// statement to save (`id`/`version`: the statement it changes, or `None` for a new one) and
/// the messages at its fields. A draft may lack sources; what it says must be one of the
/// case's own choices.
pub(crate) fn check_statement(
    s: &StatementForm,
    c: &Choices,
    report: Uuid,
    (id, version): (Option<Uuid>, i32),
    today: NaiveDate,
) -> (Option<Checked>, FormReply) {
    let mut reply = FormReply::success(Msg::WriteSaved);
    if let Some(m) = check_length(&s.text, true, TEXT) {
        reply = reply.field("s[text]", m);
    }
    let kind = StatementKind::parse(s.kind.trim());
    if kind.is_none() {
        reply = reply.field("s[kind]", Msg::WriteStatementKindRequired);
    }
    let date = check_day(&s.date, Some(today)).unwrap_or_else(|m| {
        reply = std::mem::take(&mut reply).field("s[date]", m);
        None
    });
    let observer = pick(&s.observer, c.observers.iter().copied()).unwrap_or_else(|_| {
        reply = std::mem::take(&mut reply).field("s[observer]", Msg::WriteUnknownChoice);
        None
    });
    // A parent's view is a parent's or carer's, a child's view a child's.
    let wants_child = kind == Some(StatementKind::ChildView);
    let voices = c
        .members
        .iter()
        .filter(|(_, child)| *child == wants_child)
        .map(|(p, _)| *p);
    let voice = pick(&s.voice, voices).unwrap_or_else(|_| {
        reply = std::mem::take(&mut reply).field("s[voice]", Msg::WriteVoiceWrong);
        None
    });
    let informant = pick(&s.informant, c.informants.iter().copied()).unwrap_or_else(|_| {
        reply = std::mem::take(&mut reply).field("s[informant]", Msg::WriteUnknownChoice);
        None
    });
    // What someone else said is kept only with who said it, even in a draft: the database
    // holds the same rule (statements' CHECK), so it is asked for here, at the field.
    if kind == Some(StatementKind::Informant) && s.informant.trim().is_empty() {
        reply = reply.field("s[informant]", Msg::WriteInformantRequired);
    }
    let concerns = pick(&s.concerns, c.members.iter().map(|(p, _)| *p)).unwrap_or_else(|_| {
        reply = std::mem::take(&mut reply).field("s[concerns]", Msg::WriteUnknownChoice);
        None
    });
    // Hiding from a family member needs the reason the professionals read under it.
    let hide = pick(&s.hide_from, c.members.iter().map(|(p, _)| *p)).unwrap_or_else(|_| {
        reply = std::mem::take(&mut reply).field("s[hide_from]", Msg::WriteUnknownChoice);
        None
    });
    if hide.is_some() {
        if let Some(m) = check_length(&s.hide_reason, true, TEXT) {
            reply = reply.field("s[hide_reason]", m);
        }
    } else if s.hide_from.trim().is_empty() && !s.hide_reason.trim().is_empty() {
        reply = reply.field("s[hide_from]", Msg::WriteHideWhom);
    }
    // Whether it is a worry or what keeps a child safe: one of the two, or left open.
    let factor = match s.factor.trim() {
        "" => None,
        f @ ("risico" | "beschermend") => Some(f.to_string()),
        _ => {
            reply = std::mem::take(&mut reply).field("s[factor]", Msg::WriteUnknownChoice);
            None
        }
    };
    let mut grounds: Vec<Uuid> = s
        .grounds
        .iter()
        .filter_map(|g| Uuid::parse_str(g.trim()).ok())
        .collect();
    if grounds.len() != s.grounds.iter().filter(|g| !g.trim().is_empty()).count() {
        reply = reply.field("s[grounds]", Msg::WriteUnknownChoice);
    }
    // A ground named twice is one ground (the store keeps each pair once).
    grounds.sort();
    grounds.dedup();
    let (Some(kind), true) = (kind, reply.ok) else {
        return (None, reply);
    };
    // Who is the source: the observer for what was seen or decided, the family member for a
    // view; what a view is about is its speaker, unless the writer says otherwise.
    let (source, concerns) = match kind {
        StatementKind::ParentView | StatementKind::ChildView => (voice, concerns.or(voice)),
        StatementKind::Fact | StatementKind::Decision => (observer, concerns),
        _ => (None, concerns),
    };
    let statement = writing::Statement {
        report_id: report,
        id,
        version,
        text: s.text.trim().to_string(),
        kind: kind.code().to_string(),
        observed_at: date,
        source_person: source,
        informant: informant.filter(|_| kind == StatementKind::Informant),
        concerns,
        grounds: if kind == StatementKind::Assessment {
            grounds
        } else {
            Vec::new()
        },
        factor,
        // Only what an informant said can be agreed by them.
        accorded: kind == StatementKind::Informant && s.accorded.trim() == "yes",
        at: time::now(),
    };
    let shield = hide.map(|person| (person, s.hide_reason.trim().to_string()));
    (Some((statement, shield)), reply)
}

pub async fn save(case: CaseId, report: Uuid, s: StatementForm) -> Result<FormReply, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let db = ctx.backend.db.clone();
    let row = own_report(&db, grant.case_id, org, report).await?;
    let back = editor(case, report);
    let values = statement_values(&s);
    let anchor = if s.id.is_empty() {
        "#nieuwe-uitspraak".to_string()
    } else {
        format!("#u-{}", s.id)
    };
    let back = format!("{back}{anchor}");
    if row.status != ReportStatus::Concept.code() {
        return finish(
            STATEMENT_FORM,
            &back,
            values,
            FormReply::failed(Msg::WriteNotConcept),
        )
        .await;
    }
    let (id, version) = if s.id.trim().is_empty() {
        (None, 0)
    } else {
        match (
            Uuid::parse_str(s.id.trim()),
            s.version.trim().parse::<i32>(),
        ) {
            (Ok(id), Ok(v)) => (Some(id), v),
            _ => return Err(AppError::NotFound),
        }
    };
    let choices = Choices::of(&db, grant.case_id).await?;
    let (checked, reply) = check_statement(&s, &choices, report, (id, version), time::today());
    let Some((statement, shield)) = checked else {
        return finish(STATEMENT_FORM, &back, values, reply).await;
    };
    let concerns = statement.concerns;
    let mut event = ctx
        .event(&actor, "write_statement", "statement")
        .case(&grant)
        .on(id.unwrap_or(report));
    // The family's access log shows the line to whom the statement shows (once published).
    event.concerns_person_id = concerns;
    if shield.is_some() {
        event.detail = Some("shield".to_string());
    }
    let (case_id, account) = (grant.case_id, actor.account_id);
    let saved = change(&db, event, move |tx| {
        let (statement, shield) = (statement.clone(), shield.clone());
        Box::pin(async move {
            if writing::lock(tx, statement.report_id).await?.as_deref() != Some("concept") {
                return Ok(Saved::Closed);
            }
            let saved = writing::save(tx, &statement).await?;
            // The shielding commits with the statement: it is never readable unshielded.
            if let (Saved::Done(id), Some((person, reason))) = (&saved, &shield) {
                reports::shield(
                    tx,
                    case_id,
                    "statement",
                    *id,
                    *person,
                    reason,
                    account,
                    statement.at,
                )
                .await?;
            }
            Ok(saved)
        })
    })
    .await?;
    match saved {
        Saved::Done(new_id) => {
            let target = format!("{}#u-{new_id}", editor(case, report));
            let reply = FormReply {
                message: Some(Msg::WriteSaved),
                ..FormReply::go_to(target)
            };
            finish(STATEMENT_FORM, &back, Vec::new(), reply).await
        }
        Saved::Stale => {
            finish(
                STATEMENT_FORM,
                &back,
                values,
                FormReply::failed(Msg::WriteStale),
            )
            .await
        }
        Saved::Closed => {
            finish(
                STATEMENT_FORM,
                &back,
                values,
                FormReply::failed(Msg::WriteNotConcept),
            )
            .await
        }
    }
}

pub async fn remove(case: CaseId, report: Uuid, statement: Uuid) -> Result<FormReply, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let db = ctx.backend.db.clone();
    own_report(&db, grant.case_id, org, report).await?;
    let back = editor(case, report);
    // Audited on the report: the statement is gone afterwards.
    let event = ctx
        .event(&actor, "remove_statement", "report")
        .case(&grant)
        .on(report);
    let removed = change(&db, event, move |tx| {
        Box::pin(async move {
            match writing::lock(tx, report).await?.as_deref() {
                Some("concept") => writing::remove(tx, report, statement).await,
                _ => Ok(false),
            }
        })
    })
    .await?;
    let reply = if removed {
        FormReply::success(Msg::WriteRemoved)
    } else {
        FormReply::failed(Msg::WriteNotConcept)
    };
    finish(STATEMENT_FORM, &back, Vec::new(), reply).await
}
