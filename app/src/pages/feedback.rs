//! "Hoe gaat de samenwerking?" (`/feedback`): after a contact a family member rates the
//! collaboration on Helder's four 0–10 scales and may say what could be better — or does so at
//! any moment, without a contact. They see what they gave before, the professional's reply and
//! a trend of their scores.
//!
//! The form is plain HTML (radio buttons rendered on the server): it works without the
//! WebAssembly, takes under a minute on a phone, and can be kept as a draft. Bad input comes
//! back with everything that was chosen and typed (`crate::forms`). Once per contact, within
//! `WINDOW_DAYS` (14) days after it; a retry of the same form files nothing twice.
// The feedback form posts nine fields and the server function mirrors the form one to one
// (the macro also writes the browser-side caller with the same arguments).
#![allow(clippy::too_many_arguments)]
use crate::{
    components::{
        dates::long_date,
        fields::{form_message, kept_key, TextField},
        score_trend::{ScoreTrend, TrendRow},
    },
    domain::feedback::{Audience, ContactKind, Scale, Scores},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, tjf, use_lang, youth, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The form name under which the feedback forms keep their state.
pub const FEEDBACK_FORM: &str = "feedback";
/// Longest comment accepted (characters).
pub const MAX_COMMENT: usize = 2000;

/// Something to give feedback about: a recent contact, or (no contact) the collaboration in
/// general.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackChance {
    pub contact: Option<Uuid>,
    pub date: Option<NaiveDate>,
    /// The local time, "14:30".
    pub time: Option<String>,
    pub kind: Option<ContactKind>,
    pub with: String,
    /// The last day feedback about this contact can be given.
    pub until: Option<NaiveDate>,
    /// What was kept as a draft.
    pub draft: Option<Draft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub scores: Vec<(Scale, u8)>,
    pub comment: String,
    pub anonymous: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenFeedback {
    pub sent: NaiveDate,
    pub contact: Option<(NaiveDate, ContactKind)>,
    pub with: String,
    pub scores: Scores,
    pub comment: Option<String>,
    pub anonymous: bool,
    /// (reply, by, on)
    pub reply: Option<(String, String, NaiveDate)>,
    pub discussed: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackOverview {
    pub audience: Audience,
    pub form_key: String,
    pub chances: Vec<FeedbackChance>,
    /// Oldest first.
    pub given: Vec<GivenFeedback>,
}

#[server(prefix = "/api", endpoint = "my_feedback")]
pub async fn load_my_feedback() -> Result<FeedbackOverview, AppError> {
    crate::error::respond(build_overview().await)
}

/// Saves a draft (`intent` = `draft`) or sends (`send`) feedback about `contact` (empty: the
/// collaboration in general). Scores are the radio buttons' values; a missing one is absent.
#[server(prefix = "/api", endpoint = "save_feedback")]
pub async fn save_feedback(
    contact: String,
    key: String,
    intent: String,
    heard: Option<String>,
    topics: Option<String>,
    approach: Option<String>,
    overall: Option<String>,
    comment: String,
    anonymous: Option<String>,
) -> Result<FormReply, AppError> {
    crate::error::respond(
        save(
            contact,
            key,
            intent,
            [heard, topics, approach, overall],
            comment,
            anonymous.is_some(),
        )
        .await,
    )
}

#[cfg(feature = "ssr")]
fn audience_of(viewer: crate::backend::policy::Viewer) -> Audience {
    match viewer {
        crate::backend::policy::Viewer::Child { .. } => Audience::YoungPerson,
        _ => Audience::Parent,
    }
}

#[cfg(feature = "ssr")]
async fn build_overview() -> Result<FeedbackOverview, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource},
        store::feedback::{self as store, Scope},
        time,
    };
    let (ctx, grant) = ctx::authorize_case(Action::GiveFeedback, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?;
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
    };
    let mut chances: Vec<FeedbackChance> = contacts
        .iter()
        .filter(|c| c.at <= now)
        .filter(|c| {
            !mine
                .iter()
                .any(|r| r.contact_id == Some(c.id) && r.status == "submitted")
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
                .find(|r| r.contact_id == Some(c.id) && r.status == "draft")
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
            .find(|r| r.contact_id.is_none() && r.status == "draft")
            .map(draft_of),
    });
    let given = mine
        .iter()
        .filter(|r| r.status == "submitted")
        .filter_map(|r| {
            Some(GivenFeedback {
                sent: time::local_date(r.submitted_at?),
                contact: r
                    .contact_at
                    .zip(r.contact_kind.as_deref().and_then(ContactKind::parse))
                    .map(|(at, k)| (time::local_date(at), k)),
                with: r.professional.clone(),
                scores: store::complete(scores.get(&r.id)?)?,
                comment: r.comment.clone(),
                anonymous: r.anonymous_to_professional,
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
    let event = AuditEvent::new(Some(actor.account_id), "read", "feedback", &ctx.client_ip)
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

#[cfg(feature = "ssr")]
async fn save(
    contact: String,
    key: String,
    intent: String,
    raw: [Option<String>; 4],
    comment: String,
    anonymous: bool,
) -> Result<FormReply, AppError> {
    use crate::{
        backend::{
            audit::{self, AuditEvent},
            ctx,
            policy::{Action, Resource},
            store::feedback::{self as store, NewResponse, Saved},
            time,
        },
        domain::feedback::parse_score,
    };
    let (ctx, grant) = ctx::authorize_case(Action::GiveFeedback, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?.clone();
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
    let mut values = vec![
        ("form".to_string(), form.clone()),
        ("key".to_string(), key.clone()),
        ("comment".to_string(), comment.clone()),
    ];
    if anonymous {
        values.push(("anonymous".to_string(), "on".to_string()));
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
    let back = format!("/feedback#{form}");
    if window_closed {
        let reply = FormReply::failed(Msg::FbWindowClosed);
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    if !reply.ok {
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            ..reply
        };
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    let group = audience_of(grant.viewer).code();
    let event = AuditEvent::new(
        Some(actor.account_id),
        if submit {
            "send_feedback"
        } else {
            "save_feedback_draft"
        },
        "feedback",
        &ctx.client_ip,
    )
    .case(&grant)
    .on(contact_id.unwrap_or(grant.case_id));
    let case_id = grant.case_id;
    let key = format!("{}:{key}", actor.account_id);
    let comment = comment.trim().to_string();
    let saved = db
        .write(move |db| {
            let (scores, comment, key, event) =
                (scores.clone(), comment.clone(), key.clone(), event.clone());
            async move {
                let mut tx = db.begin().await?;
                let saved = store::save_response(
                    &mut tx,
                    &NewResponse {
                        case_id,
                        contact_id,
                        professional_id: professional,
                        respondent_person_id: me,
                        respondent_group: group,
                        anonymous,
                        comment: (!comment.is_empty()).then_some(comment.as_str()),
                        scores: &scores,
                        submit,
                        at: time::now(),
                        key: &key,
                    },
                )
                .await?;
                if saved == Saved::Stored {
                    audit::insert(&mut tx, &event).await?;
                }
                tx.commit().await?;
                Ok(saved)
            }
        })
        .await?;
    if saved == Saved::AlreadyGiven {
        let reply = FormReply::failed(Msg::FbAlreadyGiven);
        return crate::forms::finish(FEEDBACK_FORM, &back, values, reply).await;
    }
    crate::forms::finish(FEEDBACK_FORM, "/feedback", Vec::new(), reply).await
}

/// The id of a feedback form on the page (and its anchor).
fn contact_form(contact: Option<Uuid>) -> String {
    match contact {
        Some(id) => format!("f-{id}"),
        None => "f-general".to_string(),
    }
}

// ---- Page ----

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(FEEDBACK_FORM);
    let data = Resource::new_blocking(|| (), |_| load_my_feedback());
    super::loaded(data, move |o: FeedbackOverview| {
        let confirmation = flash.reply.clone().filter(|r| r.ok).and_then(|r| r.message);
        let failed = flash.reply.as_ref().is_some_and(|r| !r.ok);
        let trend: Vec<TrendRow> = o
            .given
            .iter()
            .map(|g| TrendRow {
                date: g.sent,
                who: None,
                scores: g.scores,
            })
            .collect();
        let first_open = o
            .chances
            .first()
            .map(|c| contact_form(c.contact))
            .filter(|_| !failed);
        // A refusal for a form that is no longer on the page (feedback already sent) shows here.
        let orphan = flash
            .reply
            .clone()
            .filter(|r| !r.ok)
            .filter(|_| {
                !o.chances
                    .iter()
                    .any(|c| contact_form(c.contact) == flash.value("form"))
            })
            .and_then(|r| r.message);
        let flash = flash.clone();
        let young = o.audience == Audience::YoungPerson;
        view! {
            <section class="card">
                <h1>{t(lang, Msg::FbTitle)}</h1>
                <p>{tj(lang, Msg::FbIntro, young)}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{tj(lang, m, young)}</p> })}
                {orphan.map(|m| view! { <p class="form-error" role="alert">{tj(lang, m, young)}</p> })}
            </section>
            {o.chances.into_iter().map(|c| {
                let form = contact_form(c.contact);
                let state = flash.only_for(&form);
                let open = state.reply.is_some() || first_open.as_deref() == Some(form.as_str());
                view! { <FeedbackForm lang chance=c audience=o.audience key=format!("{}:{form}", o.form_key) state open/> }
            }).collect_view()}
            <section class="card">
                <h2>{tj(lang, Msg::FbGivenTitle, young)}</h2>
                <ScoreTrend lang rows=trend with_who=false/>
                <ul class="given">
                    {o.given.into_iter().rev().map(|g| view! { <GivenItem lang g/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FeedbackForm(
    lang: Lang,
    chance: FeedbackChance,
    audience: Audience,
    key: String,
    state: FormState,
    open: bool,
) -> impl IntoView {
    let form = contact_form(chance.contact);
    let heading = match (chance.date, chance.kind) {
        (Some(date), Some(kind)) => tf(
            lang,
            Msg::FbAboutContact,
            &[
                ("kind", t(lang, kind.label())),
                ("date", &long_date(lang, date)),
                ("time", chance.time.as_deref().unwrap_or("")),
                ("who", &chance.with),
            ],
        ),
        _ => t(lang, Msg::FbAboutGeneral).to_string(),
    };
    let draft = chance.draft.clone().unwrap_or_default();
    // What to show: what a failed post left, else the draft.
    let from_state = state.reply.is_some();
    let value_of = |scale: Scale| -> String {
        if from_state {
            state.value(scale.code())
        } else {
            draft
                .scores
                .iter()
                .find(|(s, _)| *s == scale)
                .map(|(_, n)| n.to_string())
                .unwrap_or_default()
        }
    };
    let comment = if from_state {
        state.value("comment")
    } else {
        draft.comment.clone()
    };
    let anonymous = if from_state {
        state.value("anonymous") == "on"
    } else {
        draft.anonymous
    };
    let key = kept_key(&state, key);
    let anon_id = format!("{form}-anonymous");
    let anon_hint = format!("{form}-anonymous-hint");
    let young = audience == Audience::YoungPerson;
    view! {
        <section class="card feedback" id=form.clone()>
            <details open=open>
                <summary><h2 class="inline">{heading}</h2></summary>
                {chance.draft.is_some().then(|| view! { <p class="status open">{tj(lang, Msg::FbDraftMarker, young)}</p> })}
                {chance.until.map(|d| view! { <p class="muted small">{tjf(lang, Msg::FbUntil, young, &[("date", &long_date(lang, d))])}</p> })}
                <form method="post" action=SaveFeedback::PATH>
                    {form_message(lang, &state)}
                    <input type="hidden" name="contact" value=chance.contact.map(|c| c.to_string()).unwrap_or_default()/>
                    <input type="hidden" name="key" value=key/>
                    {Scale::ALL.into_iter().map(|scale| {
                        let chosen = value_of(scale);
                        let error = state.error_for(scale.code());
                        view! { <ScaleField lang form=form.clone() scale audience chosen error/> }
                    }).collect_view()}
                    <TextField lang id=format!("{form}-comment") name="comment" label=Msg::FbComment hint=Some(youth(Msg::FbCommentHint, young)) value=comment error=state.error_for("comment") required=false/>
                    <div class="field">
                        <p id=anon_hint.clone() class="hint">{tj(lang, Msg::FbAnonymousExplained, young)}</p>
                        <div class="choice">
                            <input type="checkbox" id=anon_id.clone() name="anonymous" value="on" checked=anonymous aria-describedby=anon_hint/>
                            <label for=anon_id>{t(lang, Msg::FbAnonymousLabel)}</label>
                        </div>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" name="intent" value="send">{t(lang, Msg::FbSend)}</button>
                        <button type="submit" class="secondary" name="intent" value="draft">{t(lang, Msg::FbSaveDraft)}</button>
                    </div>
                </form>
            </details>
        </section>
    }
}

/// One 0–10 scale as eleven radio buttons, with what 0 and 10 mean.
#[component]
fn ScaleField(
    lang: Lang,
    form: String,
    scale: Scale,
    audience: Audience,
    chosen: String,
    error: Option<Msg>,
) -> impl IntoView {
    let (low, high) = scale.anchors();
    let base = format!("{form}-{}", scale.code());
    let err_id = format!("{base}-error");
    let anchors_id = format!("{base}-anchors");
    let described = format!("{anchors_id} {err_id}");
    view! {
        <fieldset class="field scale" class:invalid=error.is_some() aria-describedby=described>
            <legend>{t(lang, scale.question(audience))}</legend>
            <p class="anchors" id=anchors_id><span>{tf(lang, Msg::FbAnchorLow, &[("text", t(lang, low))])}</span><span>{tf(lang, Msg::FbAnchorHigh, &[("text", t(lang, high))])}</span></p>
            <div class="options">
                {(0..=10u8).map(|n| {
                    let id = format!("{base}-{n}");
                    let value = n.to_string();
                    let checked = chosen == value;
                    view! {
                        <span class="option">
                            <input type="radio" id=id.clone() name=scale.code() value=value.clone() checked=checked/>
                            <label for=id>{value}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
            <p id=err_id class="field-error">{error.map(|m| t(lang, m))}</p>
        </fieldset>
    }
}

#[component]
fn GivenItem(lang: Lang, g: GivenFeedback) -> impl IntoView {
    let about = crate::components::follow_up::about(lang, g.contact, &g.with);
    let total = crate::domain::feedback::total(&g.scores);
    view! {
        <li class="given-item">
            <p><strong>{about}</strong></p>
            <p class="muted small">{tf(lang, Msg::FbSentOn, &[("date", &long_date(lang, g.sent))])} {g.anonymous.then(|| format!(" · {}", t(lang, Msg::FbSentAnonymous)))}</p>
            <p>{tf(lang, Msg::FbYourScores, &[("list", &Scale::ALL.iter().zip(g.scores.iter()).map(|(s, n)| format!("{} {n}", t(lang, s.short()))).collect::<Vec<_>>().join(", ")), ("total", &total.to_string())])}</p>
            {g.comment.map(|c| view! { <blockquote class="own-view"><p dir="auto">{c}</p></blockquote> })}
            <crate::components::follow_up::FollowUp lang reply=g.reply discussed=g.discussed say_none=true/>
        </li>
    }
}
