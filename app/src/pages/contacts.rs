//! A case's contacts and feedback, for its professionals (`/zaken/:id/contacten`): record a
//! contact (which invites the family to give feedback), see the contacts, and the family's
//! scores over time as a chart with its table, next to the responses themselves.
use super::inbox::{FeedbackEntry, FeedbackItem};
use crate::domain::CaseId;
#[cfg(feature = "ssr")]
use crate::forms::{check_length, TEXT};
use crate::{
    components::{
        case_nav::CaseNav,
        dates::long_date,
        fields::{form_message, TextField},
        score_trend::{ScoreTrend, TrendRow},
    },
    domain::feedback::ContactKind,
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const CONTACT_FORM: &str = "contact";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub date: NaiveDate,
    pub time: String,
    pub kind: ContactKind,
    pub summary: String,
    pub with: String,
    /// How many family members sent feedback about it.
    pub responses: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseContacts {
    pub case_id: CaseId,
    pub today: NaiveDate,
    /// The id the next recorded contact gets (a retry records nothing twice).
    pub new_id: Uuid,
    pub contacts: Vec<ContactView>,
    /// Newest first.
    pub feedback: Vec<FeedbackItem>,
}

#[server(prefix = "/api", endpoint = "case_contacts")]
pub async fn load_case_contacts(case: CaseId) -> Result<CaseContacts, AppError> {
    crate::error::respond(build(case).await)
}

/// Records a contact with the family (kind, local date and time, what it was about).
#[server(prefix = "/api", endpoint = "record_contact")]
pub async fn record_contact(
    case: CaseId,
    id: Uuid,
    kind: String,
    date: String,
    time: String,
    summary: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(record(case, id, kind, date, time, summary).await)
}

#[cfg(feature = "ssr")]
async fn build(case: CaseId) -> Result<CaseContacts, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::feedback::{self as store, Scope},
        time,
    };
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::HandleFeedback, Resource::Case(case)).await?;
    let db = &ctx.backend.db;
    let (feedback, _) = super::inbox::feedback_items(db, Scope::Case(grant.case_id)).await?;
    let since = time::now() - chrono::Duration::days(366 * 3);
    let responses = store::responses(db, Scope::Case(grant.case_id), None, None).await?;
    let contacts = store::contacts(db, grant.case_id, since)
        .await?
        .into_iter()
        .filter_map(|c| {
            Some(ContactView {
                date: time::local_date(c.at),
                time: time::local_time_hm(c.at),
                kind: ContactKind::parse(&c.kind)?,
                summary: c.summary,
                with: c.professional,
                responses: responses
                    .iter()
                    .filter(|r| r.contact_id == Some(c.id))
                    .count(),
            })
        })
        .collect();
    let event = ctx
        .event(&actor, "read", "feedback")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(CaseContacts {
        case_id: grant.case_id,
        today: time::today(),
        new_id: Uuid::new_v4(),
        contacts,
        feedback,
    })
}

/// The checks of "Contact vastleggen", shared by this page and the import API
/// (`api::contacten`): one set of rules with two faces.
#[cfg(feature = "ssr")]
pub mod commands {
    use super::*;
    use crate::backend::time;

    /// A contact that passed every field's check.
    pub struct Checked {
        pub kind: ContactKind,
        pub at: chrono::DateTime<chrono::Utc>,
        pub summary: String,
    }

    /// Every field, each with its own message: a kind, a day not in the future and at most a
    /// year back, a time (none: now for a contact today, midday for an earlier day), what it
    /// was about.
    pub fn check(
        kind: &str,
        date: &str,
        time_of_day: &str,
        summary: &str,
    ) -> (Option<Checked>, FormReply) {
        let mut reply = FormReply::success(Msg::ContactSaved);
        let kind_ok = ContactKind::parse(kind);
        if kind_ok.is_none() {
            reply = reply.field("kind", Msg::ContactKindRequired);
        }
        let today = time::today();
        let day = match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                reply = reply.field("date", Msg::FbDateFuture);
                None
            }
            Ok(d) if (today - d).num_days() > 366 => {
                reply = reply.field("date", Msg::ContactDateTooOld);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                reply = reply.field("date", Msg::FbDateInvalid);
                None
            }
        };
        // No time given: now for a contact today, midday for an earlier day.
        let clock = if time_of_day.trim().is_empty() {
            Some(if day == Some(today) {
                time::now()
                    .with_timezone(&chrono_tz::Europe::Amsterdam)
                    .time()
            } else {
                chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()
            })
        } else {
            match chrono::NaiveTime::parse_from_str(time_of_day.trim(), "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    reply = reply.field("time", Msg::ContactTimeInvalid);
                    None
                }
            }
        };
        if let Some(m) = check_length(summary, true, TEXT) {
            reply = reply.field("summary", m);
        }
        let instant = day.zip(clock).map(|(d, c)| time::local_instant(d, c));
        if instant.is_some_and(|i| i > time::now()) {
            reply = reply.field("time", Msg::FbDateFuture);
        }
        let (Some(kind), Some(at), true) = (kind_ok, instant, reply.ok) else {
            return (None, reply);
        };
        let summary = summary.trim().to_string();
        (Some(Checked { kind, at, summary }), reply)
    }
}

#[cfg(feature = "ssr")]
async fn record(
    case: CaseId,
    id: Uuid,
    kind: String,
    date: String,
    at: String,
    summary: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::feedback::{self as store, NewContact},
    };
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::HandleFeedback, Resource::Case(case)).await?;
    let back = format!("/zaken/{case}/contacten");
    let values = crate::forms::typed(&[
        ("id", &id.to_string()),
        ("kind", &kind),
        ("date", &date),
        ("time", &at),
        ("summary", &summary),
    ]);
    let (checked, reply) = commands::check(&kind, &date, &at, &summary);
    let Some(commands::Checked {
        kind,
        at: instant,
        summary,
    }) = checked
    else {
        return crate::forms::finish(CONTACT_FORM, &back, values, reply).await;
    };
    let event = ctx
        .event(&actor, "record_contact", "contact")
        .case(&grant)
        .on(id);
    let case_id = grant.case_id;
    let account = actor.account_id;
    change(&ctx.backend.db, event, move |tx| {
        let summary = summary.clone();
        Box::pin(async move {
            let contact = NewContact {
                id,
                case_id,
                professional_id: account,
                kind: kind.code(),
                at: instant,
                summary: &summary,
            };
            store::record_contact(tx, &contact).await
        })
    })
    .await?;
    crate::forms::finish(CONTACT_FORM, &back, Vec::new(), reply).await
}

#[component]
pub fn CaseContactsPage() -> impl IntoView {
    let lang = use_lang();
    let case =
        use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<CaseId>().ok()));
    let Some(case) = case else {
        return super::error_page(AppError::NotFound);
    };
    let flash = take_flash(CONTACT_FORM);
    let inbox_flash = take_flash(super::inbox::INBOX_FORM);
    let data = Resource::new_blocking(move || case, load_case_contacts);
    super::loaded(data, move |c: CaseContacts| {
        let confirmation = flash.confirmation();
        let state = flash.clone();
        // A failed post keeps its contact id, so the retry records it once.
        let id = Uuid::parse_str(&state.value("id")).unwrap_or(c.new_id);
        let kind_now = state.value("kind");
        let kind_error = state.error_for("kind");
        let date_value = Some(state.value("date"))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| c.today.format("%Y-%m-%d").to_string());
        let (date_error, time_error) = (state.error_for("date"), state.error_for("time"));
        let trend: Vec<TrendRow> = c
            .feedback
            .iter()
            .rev()
            .map(|f| TrendRow {
                date: f.sent,
                who: f.respondent.clone(),
                scores: f.scores,
            })
            .collect();
        let today = c.today;
        let inbox_flash = inbox_flash.clone();
        view! {
            <CaseNav case=c.case_id/>
            <section class="card">
                <h1>{t(lang, Msg::ContactsTitle)}</h1>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                <details class="respond-form" open=state.failed()>
                    <summary>{t(lang, Msg::ContactRecord)}</summary>
                    <form method="post" action=RecordContact::PATH>
                        {form_message(lang, &state)}
                        <input type="hidden" name="case" value=c.case_id.to_string()/>
                        <input type="hidden" name="id" value=id.to_string()/>
                        <fieldset class="field" class:invalid=kind_error.is_some() aria-describedby="contact-kind-error">
                            <legend>{t(lang, Msg::ContactKindLabel)}</legend>
                            {ContactKind::ALL.into_iter().map(|k| {
                                let rid = format!("contact-kind-{}", k.code());
                                view! {
                                    <div class="choice">
                                        <input type="radio" id=rid.clone() name="kind" value=k.code() checked=kind_now == k.code()/>
                                        <label for=rid>{t(lang, k.label())}</label>
                                    </div>
                                }
                            }).collect_view()}
                            <p id="contact-kind-error" class="field-error">{kind_error.map(|m| t(lang, m))}</p>
                        </fieldset>
                        <div class="field" class:invalid=date_error.is_some()>
                            <label for="contact-date">{t(lang, Msg::ContactDate)}</label>
                            <input type="date" id="contact-date" name="date" value=date_value max=today.format("%Y-%m-%d").to_string() aria-describedby="contact-date-error" aria-invalid=date_error.is_some().then_some("true")/>
                            <p id="contact-date-error" class="field-error">{date_error.map(|m| t(lang, m))}</p>
                        </div>
                        <div class="field" class:invalid=time_error.is_some()>
                            <label for="contact-time">{t(lang, Msg::ContactTime)}</label>
                            <input type="time" id="contact-time" name="time" value=state.value("time") aria-describedby="contact-time-error" aria-invalid=time_error.is_some().then_some("true")/>
                            <p id="contact-time-error" class="field-error">{time_error.map(|m| t(lang, m))}</p>
                        </div>
                        <TextField lang id="contact-summary".to_string() name="summary" label=Msg::ContactSummary hint=Some(Msg::ContactSummaryHint) value=state.value("summary") error=state.error_for("summary") required=true/>
                        <button type="submit" class="primary">{t(lang, Msg::ContactSubmit)}</button>
                    </form>
                </details>
                {c.contacts.is_empty().then(|| view! { <p>{t(lang, Msg::ContactsNone)}</p> })}
                <ul class="contacts">
                    {c.contacts.into_iter().map(|k| view! {
                        <li>
                            <p><strong>{t(lang, k.kind.label())}</strong> " · " {long_date(lang, k.date)} " " {k.time.clone()} " · " {k.with.clone()}</p>
                            <p dir="auto">{k.summary.clone()}</p>
                            <p class="muted small">{tf(lang, Msg::ContactResponses, &[("n", &k.responses.to_string())])}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{t(lang, Msg::ContactsTrend)}</h2>
                <ScoreTrend lang rows=trend with_who=true/>
            </section>
            <section class="card">
                <h2>{t(lang, Msg::InboxFeedback)}</h2>
                {c.feedback.is_empty().then(|| view! { <p>{t(lang, Msg::InboxNothing)}</p> })}
                <ul class="inbox">
                    {c.feedback.into_iter().map(|f| view! { <FeedbackEntry lang f today state=inbox_flash.clone()/> }).collect_view()}
                </ul>
            </section>
        }
    })
    .into_any()
}
