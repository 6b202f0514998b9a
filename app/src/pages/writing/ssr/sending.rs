//! Sending a report: publishing it for the family's reaction, the gedragsdeskundige's review
//! before that, and making it final — after the reaction period, or earlier when everyone it
//! is for has said they have nothing more to add (`reaction_round`).
use super::*;

/// The family members a report is for — whoever may read it by the policy and the one
/// visibility rule, with or without an account — by name, and the day each said they have
/// nothing more to add (if they did).
pub(crate) async fn reaction_round(
    db: &Db,
    case: CaseId,
    report: Uuid,
) -> Result<Vec<(String, Option<NaiveDate>)>, AppError> {
    use crate::backend::{
        policy,
        visibility::{Item, Visibility},
    };
    let Some(row) = reports::one(db, case, report, true).await? else {
        return Ok(Vec::new());
    };
    let item = Item::report(row.id, &row.kind, row.has_decision);
    let closed = reports::reaction_closures(db, report).await?;
    let members = accounts::family_members(db, case).await?;
    let mut round = Vec::new();
    for grant in policy::family_grants(db, case).await? {
        let Some(person) = grant.viewer.member() else {
            continue;
        };
        if !Visibility::of(db, &grant).await?.shows(&item) {
            continue;
        }
        let name = members
            .iter()
            .find(|m| m.person_id == person)
            .map(|m| format!("{} {}", m.given_name, m.family_name))
            .unwrap_or_default();
        let said = closed
            .iter()
            .find(|(p, _)| *p == person)
            .map(|(_, at)| time::local_date(*at));
        round.push((name, said));
    }
    Ok(round)
}

/// The end of the family's reaction period as typed: required, and at least five working days
/// from today, for a kind with a reaction period; `None` for a kind without one (it is
/// published final).
pub(crate) fn reaction_until(
    kind: ReportKind,
    until: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, Msg> {
    if !kind.has_reaction_period() {
        return Ok(None);
    }
    match check_day(until, None)? {
        Some(d) if d >= working_days_after(today, MIN_REACTION_WORKING_DAYS) => Ok(Some(d)),
        Some(_) => Err(Msg::WriteUntilTooSoon),
        None => Err(Msg::FieldRequired),
    }
}

/// Publishes a concept whose every statement has what it needs (the caller runs it inside
/// its change): the report is locked first, so what is checked is what goes out.
pub(crate) async fn publish_locked(
    tx: &mut crate::backend::db::Tx,
    report: Uuid,
    until: Option<NaiveDate>,
) -> Result<Published, crate::backend::StoreError> {
    if writing::lock(tx, report).await?.as_deref() != Some("concept") {
        return Ok(Published::Closed);
    }
    let (drafts, grounds) = writing::drafts_in(tx, report).await?;
    let incomplete = drafts
        .iter()
        .filter(|d| lacking(d, &grounds).is_none_or(|m| !m.is_empty()))
        .count();
    if drafts.is_empty() || incomplete > 0 {
        return Ok(Published::Incomplete(incomplete));
    }
    writing::publish(tx, report, until, time::now()).await?;
    Ok(Published::Done)
}

/// What a saved statement still lacks before the family may read it, with what each
/// statement rests on (`None`: a kind this version does not know).
pub(crate) fn lacking(
    d: &writing::DraftRow,
    grounds: &[(Uuid, Uuid)],
) -> Option<Vec<crate::domain::writing::Missing>> {
    let kind = StatementKind::parse(&d.kind)?;
    let sources = Sources {
        has_text: !d.text.trim().is_empty(),
        date: d.observed_at,
        person: d.source_person_id.is_some(),
        informant: d.informant_id.is_some(),
        grounds: grounds.iter().filter(|(a, _)| *a == d.id).count(),
    };
    Some(missing(kind, &sources))
}

/// Whether a report in its reaction period may be made final today: after the period, or
/// when everyone it is for has said they have nothing more to add.
pub(crate) async fn finalisable(
    db: &Db,
    case: CaseId,
    report: Uuid,
    until: Option<NaiveDate>,
) -> Result<bool, AppError> {
    let today = time::today();
    let open = until.is_some_and(|until| today <= until);
    let closed: Vec<bool> = if open {
        reaction_round(db, case, report)
            .await?
            .iter()
            .map(|(_, said)| said.is_some())
            .collect()
    } else {
        Vec::new()
    };
    Ok(may_finalise(today, until, &closed))
}

/// What publishing found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Published {
    Done,
    /// This many statements lack something (or there are none).
    Incomplete(usize),
    Closed,
}

impl crate::backend::change::Outcome for Published {
    fn changed(&self) -> bool {
        *self == Published::Done
    }
}

pub async fn publish(case: CaseId, report: Uuid, until: String) -> Result<FormReply, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let db = ctx.backend.db.clone();
    let row = own_report(&db, grant.case_id, org, report).await?;
    let kind = ReportKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let back = format!("{}#publiceren", editor(case, report));
    let values = typed(&[("until", &until)]);
    let until = match reaction_until(kind, &until, time::today()) {
        Ok(until) => until,
        Err(m) => return finish(PUBLISH_FORM, &back, values, FormReply::invalid("until", m)).await,
    };
    let event = ctx
        .event(&actor, "publish_report", "report")
        .case(&grant)
        .on(report);
    // Checked inside the change, after the report is locked: what is checked is what goes out.
    let outcome = change(&db, event, move |tx| {
        Box::pin(async move { publish_locked(tx, report, until).await })
    })
    .await?;
    let reply = match outcome {
        Published::Done => FormReply::success(if until.is_some() {
            Msg::WritePublished
        } else {
            Msg::WritePublishedFinal
        }),
        Published::Incomplete(0) => FormReply::failed(Msg::WriteEmpty),
        Published::Incomplete(_) => FormReply::failed(Msg::WriteIncomplete),
        Published::Closed => FormReply::failed(Msg::WriteNotConcept),
    };
    let values = if reply.ok { Vec::new() } else { values };
    finish(PUBLISH_FORM, &back, values, reply).await
}

/// What reviewing found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reviewed {
    Done,
    Empty,
    Closed,
}

impl crate::backend::change::Outcome for Reviewed {
    fn changed(&self) -> bool {
        *self == Reviewed::Done
    }
}

pub async fn review(case: CaseId, report: Uuid) -> Result<FormReply, AppError> {
    let Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ReviewReport, Resource::Case(case)).await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let db = ctx.backend.db.clone();
    let row = own_report(&db, grant.case_id, org, report).await?;
    let back = format!("{}#nakijken", editor(case, report));
    // Four eyes: the author's own review is no review.
    if row.author_id == actor.person_id {
        let reply = FormReply::failed(Msg::WriteReviewOwn);
        return finish(REVIEW_FORM, &back, Vec::new(), reply).await;
    }
    let reviewer = actor.person_id;
    let event = ctx
        .event(&actor, "review_report", "report")
        .case(&grant)
        .on(report);
    let outcome = change(&db, event, move |tx| {
        Box::pin(async move {
            if writing::lock(tx, report).await?.as_deref() != Some("concept") {
                return Ok(Reviewed::Closed);
            }
            if writing::drafts_in(tx, report).await?.0.is_empty() {
                return Ok(Reviewed::Empty);
            }
            Ok(
                if writing::review(tx, report, reviewer, time::now()).await? {
                    Reviewed::Done
                } else {
                    Reviewed::Closed
                },
            )
        })
    })
    .await?;
    let reply = match outcome {
        Reviewed::Done => FormReply::success(Msg::WriteReviewDone),
        Reviewed::Empty => FormReply::failed(Msg::WriteReviewEmpty),
        Reviewed::Closed => FormReply::failed(Msg::WriteNotConcept),
    };
    finish(REVIEW_FORM, &back, Vec::new(), reply).await
}

pub async fn finalise(case: CaseId, report: Uuid) -> Result<FormReply, AppError> {
    let (Granted { ctx, actor, grant }, org) = writer(case).await?;
    let db = ctx.backend.db.clone();
    let row = own_report(&db, grant.case_id, org, report).await?;
    let back = format!("{}#publiceren", editor(case, report));
    // The family's reaction period is theirs: the report becomes final only after it, or when
    // everyone it is for has said they have nothing more to add.
    if !finalisable(&db, grant.case_id, report, row.reaction_window_until).await? {
        return finish(
            PUBLISH_FORM,
            &back,
            Vec::new(),
            FormReply::failed(Msg::WriteStillOpen),
        )
        .await;
    }
    let event = ctx
        .event(&actor, "finalise_report", "report")
        .case(&grant)
        .on(report);
    let done = change(&db, event, move |tx| {
        Box::pin(async move {
            writing::lock(tx, report).await?;
            writing::finalise(tx, report, time::now()).await
        })
    })
    .await?;
    let reply = if done {
        FormReply::success(Msg::WriteFinalised)
    } else {
        FormReply::failed(Msg::WriteNotConcept)
    };
    finish(PUBLISH_FORM, &back, Vec::new(), reply).await
}
