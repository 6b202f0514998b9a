//! The server-only work of the `feedback` page.
use super::*;
use crate::{
    backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::feedback::{self as store, NewResponse, Saved, Scope},
        time,
    },
    domain::feedback::parse_score,
};

pub(super) fn audience_of(viewer: crate::backend::policy::Viewer) -> Audience {
    match viewer {
        crate::backend::policy::Viewer::Child { .. } => Audience::YoungPerson,
        _ => Audience::Parent,
    }
}

pub(super) async fn build_overview() -> Result<FeedbackOverview, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::GiveFeedback, Resource::OwnCase).await?;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let db = &ctx.backend.db;
    let now = time::now();
    let since = now - chrono::Duration::days(crate::domain::feedback::WINDOW_DAYS);
    let contacts = store::contacts(db, grant.case_id, since).await?;
    let mine = store::responses(db, Scope::Case(grant.case_id), Some(me), Some(me)).await?;
    let scores = store::scores(db, Scope::Case(grant.case_id)).await?;
    let draft_of = |r: &store::ResponseRow| Draft {
        scores: scores.get(&r.id).cloned().unwrap_or_default(),
        comment: r.comment.clone().unwrap_or_default(),
        anonymous: r.anonymous_to_professional,
        share: r.comment_shared,
    };
    let mut chances: Vec<FeedbackChance> = contacts
        .iter()
        .filter(|c| c.at <= now)
        .filter(|c| {
            !mine
                .iter()
                .any(|r| r.contact_id == Some(c.id) && r.submitted)
        })
        .map(|c| FeedbackChance {
            contact: Some(c.id),
            date: Some(time::local_date(c.at)),
            time: Some(time::local_time_hm(c.at)),
            kind: ContactKind::parse(&c.kind),
            with: c.professional.clone(),
            until: Some(time::local_date(
                c.at + chrono::Duration::days(crate::domain::feedback::WINDOW_DAYS),
            )),
            draft: mine
                .iter()
                .find(|r| r.contact_id == Some(c.id) && !r.submitted)
                .map(draft_of),
        })
        .collect();
    let general_with = store::contact_professional(db, grant.case_id, time::today())
        .await?
        .map(|(_, name)| name)
        .unwrap_or_default();
    chances.push(FeedbackChance {
        contact: None,
        date: None,
        time: None,
        kind: None,
        with: general_with,
        until: None,
        draft: mine
            .iter()
            .find(|r| r.contact_id.is_none() && !r.submitted)
            .map(draft_of),
    });
    let given = mine
        .iter()
        .filter(|r| r.submitted)
        .filter_map(|r| {
            Some(GivenFeedback {
                id: r.id,
                sent: time::local_date(r.submitted_at?),
                contact: r
                    .contact_at
                    .zip(r.contact_kind.as_deref().and_then(ContactKind::parse))
                    .map(|(at, k)| (time::local_date(at), k)),
                with: r.professional.clone(),
                scores: store::complete(scores.get(&r.id)?)?,
                comment: r.comment.clone(),
                anonymous: r.anonymous_to_professional,
                shared: r.comment_shared,
                reply: r.reply_text.clone().map(|text| {
                    (
                        text,
                        r.replied_by.clone().unwrap_or_default(),
                        r.replied_at.map(time::local_date).unwrap_or_default(),
                    )
                }),
                discussed: r.discussed_at,
            })
        })
        .collect();
    let event = ctx
        .event(&actor, "read", "feedback")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(FeedbackOverview {
        audience: audience_of(grant.viewer),
        form_key: Uuid::new_v4().to_string(),
        chances,
        given,
    })
}

pub(super) async fn save(
    contact: String,
    key: String,
    intent: String,
    raw: [Option<String>; 4],
    comment: String,
    (anonymous, share): (bool, bool),
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::GiveFeedback, Resource::OwnCase).await?;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let db = ctx.backend.db.clone();
    let submit = match intent.as_str() {
        "send" => true,
        "draft" => false,
        _ => return Err(AppError::Invalid),
    };
    if key.is_empty() || key.len() > 100 {
        return Err(AppError::Invalid);
    }
    // The contact must be one of this case's; which professional the feedback is about.
    let now = time::now();
    let (contact_id, professional, window_closed) = if contact.is_empty() {
        let (prof, _) = store::contact_professional(&db, grant.case_id, time::today())
            .await?
            .ok_or(AppError::NotFound)?;
        (None, prof, false)
    } else {
        let id = Uuid::parse_str(&contact).map_err(|_| AppError::NotFound)?;
        let c = store::contact(&db, grant.case_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let closed =
            c.at > now || now - c.at > chrono::Duration::days(crate::domain::feedback::WINDOW_DAYS);
        (Some(id), c.professional_id, closed)
    };
    let form = contact_form(contact_id);
    let mut values = crate::forms::typed(&[("form", &form), ("key", &key), ("comment", &comment)]);
    if anonymous {
        values.extend(crate::forms::typed(&[("anonymous", "on")]));
    }
    if share {
        values.extend(crate::forms::typed(&[("share", "on")]));
    }
    let mut reply = FormReply::success(if submit {
        Msg::FbSent
    } else {
        Msg::FbDraftSaved
    });
    let mut scores = Vec::new();
    for (scale, value) in Scale::ALL.into_iter().zip(raw.iter()) {
        let value = value.clone().unwrap_or_default();
        if !value.is_empty() {
            values.push((scale.code().to_string(), value.clone()));
        }
        match parse_score(&value) {
            Some(n) => scores.push((scale, n)),
            None if value.is_empty() && !submit => {}
            None if value.is_empty() => reply = reply.field(scale.code(), Msg::FbScoreMissing),
            None => reply = reply.field(scale.code(), Msg::FbScoreInvalid),
        }
    }
    if comment.trim().chars().count() > MAX_COMMENT {
        reply = reply.field("comment", Msg::FieldTooLong);
    }
    // The organisation's system would get the words with the writer's name: not anonymous.
    if share && anonymous {
        reply = reply.field("share", Msg::FbShareAnonymous);
    }
    let back = format!("/feedback#{form}");
    if window_closed {
        let reply = FormReply::failed(Msg::FbWindowClosed);
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    if !reply.ok {
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    let group = audience_of(grant.viewer).code();
    let mut event = ctx
        .event(
            &actor,
            if submit {
                "send_feedback"
            } else {
                "save_feedback_draft"
            },
            "feedback",
        )
        .case(&grant)
        .on(contact_id.unwrap_or(grant.case_id.0));
    // The consent to share the words is in the trail from the moment it is given.
    let share = share && !comment.trim().is_empty();
    if share {
        event.detail = Some("share".to_string());
    }
    let case_id = grant.case_id;
    let key = format!("{}:{key}", actor.account_id);
    let comment = comment.trim().to_string();
    let saved = change(&db, event, move |tx| {
        let (scores, comment, key) = (scores.clone(), comment.clone(), key.clone());
        Box::pin(async move {
            let response = NewResponse {
                case_id,
                contact_id,
                professional_id: professional,
                respondent_person_id: me,
                respondent_group: group,
                anonymous,
                comment: (!comment.is_empty()).then_some(comment.as_str()),
                share,
                scores: &scores,
                submit,
                at: time::now(),
                key: &key,
            };
            store::save_response(tx, &response).await
        })
    })
    .await?;
    if saved == Saved::AlreadyGiven {
        let reply = FormReply::failed(Msg::FbAlreadyGiven);
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    crate::forms::finish(FEEDBACK_FORM, "/feedback", Vec::new(), reply).await
}

pub(super) async fn share_comment(response: String, share: String) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::GiveFeedback, Resource::OwnCase).await?;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let share = match share.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::Invalid),
    };
    let id = Uuid::parse_str(response.trim()).map_err(|_| AppError::NotFound)?;
    let db = ctx.backend.db.clone();
    // Only the reader's own sent response, with their name and their words.
    let mine = store::responses(&db, Scope::Case(grant.case_id), Some(me), None).await?;
    if !mine
        .iter()
        .any(|r| r.id == id && r.submitted && !r.anonymous_to_professional && r.comment.is_some())
    {
        return Err(AppError::NotFound);
    }
    let action = if share {
        "share_feedback"
    } else {
        "unshare_feedback"
    };
    let event = ctx.event(&actor, action, "feedback").case(&grant).on(id);
    change(&db, event, move |tx| {
        Box::pin(async move { store::share_comment(tx, id, me, share).await })
    })
    .await?;
    let done = if share {
        Msg::FbShareStarted
    } else {
        Msg::FbShareStopped
    };
    crate::forms::finish(
        FEEDBACK_FORM,
        "/feedback",
        Vec::new(),
        FormReply::success(done),
    )
    .await
}
