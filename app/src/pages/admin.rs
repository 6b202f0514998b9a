//! "Beheer": an organisation administrator manages the organisation's professionals — sees
//! who has an account, invites a new professional (a single-use activation code, shown once),
//! and disables or re-enables an account. Administrators never see families or cases.
use super::{account::FormMessage, login::Field};
use crate::domain::AccountId;
use crate::{
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const STAFF_FORM: &str = "staff";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account: AccountId,
    pub name: String,
    pub username: Option<String>,
    pub job_title: Option<String>,
    pub activated: bool,
    pub disabled: bool,
}

#[server(prefix = "/api", endpoint = "staff")]
pub async fn load_staff() -> Result<Vec<StaffMember>, AppError> {
    crate::error::respond(staff_list().await)
}

#[cfg(feature = "ssr")]
async fn staff_list() -> Result<Vec<StaffMember>, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::accounts,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageStaff, Resource::OwnOrganisation).await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let rows = accounts::staff(&ctx.backend.db, org).await?;
    ctx.backend
        .audit
        .record(ctx.event(&actor, "list", "staff"))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffMember {
            account: r.account_id,
            name: format!("{} {}", r.given_name, r.family_name),
            username: r.activated.then_some(r.username),
            job_title: r.job_title,
            activated: r.activated,
            disabled: r.disabled,
        })
        .collect())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub who: String,
    /// The event's kind; described in words by `components::event_text`.
    pub what: String,
    /// The case's reference, when the event belongs to one.
    pub case: Option<String>,
    pub action: String,
    pub denied: bool,
    pub date: chrono::NaiveDate,
    pub time: String,
}

/// How many events the review shows (the newest).
pub const STAFF_AUDIT_LIMIT: i64 = 100;

/// What the organisation's professionals did in Helder, newest first.
#[server(prefix = "/api", endpoint = "staff_audit")]
pub async fn load_staff_audit() -> Result<Vec<StaffEvent>, AppError> {
    crate::error::respond(staff_audit().await)
}

#[cfg(feature = "ssr")]
async fn staff_audit() -> Result<Vec<StaffEvent>, AppError> {
    use crate::backend::{
        audit::{self},
        ctx,
        policy::{Action, Resource},
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ReviewStaffAudit, Resource::OwnOrganisation).await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let rows = audit::staff_events(&ctx.backend.db, org, STAFF_AUDIT_LIMIT).await?;
    // Reviewing the log is itself logged.
    ctx.backend
        .audit
        .record(ctx.event(&actor, "read", "staff_audit"))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StaffEvent {
            who: format!("{} {}", r.given_name, r.family_name)
                .trim()
                .to_string(),
            what: r.object_kind,
            case: r.case_reference,
            action: r.action,
            denied: r.result != "ok",
            date: time::local_date(r.at),
            time: time::local_time_hm(r.at),
        })
        .collect())
}

/// Invites a new professional of the administrator's organisation.
#[server(prefix = "/api", endpoint = "invite_professional")]
pub async fn invite_professional(
    given_name: String,
    family_name: String,
    job_title: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(invite(given_name, family_name, job_title).await)
}

#[cfg(feature = "ssr")]
async fn invite(given: String, family: String, title: String) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        change::change,
        ctx,
        policy::{Action, Resource},
        store::accounts,
        time, totp, StoreError,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageStaff, Resource::OwnOrganisation).await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let values = crate::forms::typed(&[
        ("given_name", &given),
        ("family_name", &family),
        ("job_title", &title),
    ]);
    let mut reply = FormReply::success(Msg::InviteCreated);
    for (field, value) in [
        ("given_name", &given),
        ("family_name", &family),
        ("job_title", &title),
    ] {
        let len = value.trim().chars().count();
        if len == 0 {
            reply = reply.field(field, Msg::FieldRequired);
        } else if len > 100 {
            reply = reply.field(field, Msg::FieldTooLong);
        }
    }
    if !reply.ok {
        return crate::forms::finish(STAFF_FORM, "/beheer", values, reply).await;
    }
    let server_key = ctx.backend.server_key.clone();
    let by = actor.account_id;
    let person = crate::domain::PersonId::fresh();
    let event = AuditEvent::new(Some(by), "invite", "account", &ctx.client_ip).on(person);
    let code = change(&ctx.backend.db, event, move |tx| {
        let (given, family, title, server_key) = (
            given.clone(),
            family.clone(),
            title.clone(),
            server_key.clone(),
        );
        Box::pin(async move {
            let at = time::now();
            accounts::new_person(tx, person, given.trim(), family.trim(), at).await?;
            let invite = accounts::NewInvite {
                person_id: person,
                role: "professional",
                organisation_id: Some(org),
                job_title: Some(title.trim()),
                totp_secret: Some(totp::new_secret()),
                server_key: &server_key,
                created_by: by,
            };
            let code = accounts::invite(tx, &invite).await?;
            // A new person has no activated account: there is always a code.
            code.ok_or_else(|| StoreError::Corrupt("new person with an activated account".into()))
                .map(Some)
        })
    })
    .await?;
    reply.detail = code;
    crate::forms::finish(STAFF_FORM, "/beheer", Vec::new(), reply).await
}

/// Disables (or re-enables) a professional's account; disabling ends their sessions.
#[server(prefix = "/api", endpoint = "set_staff_disabled")]
pub async fn set_staff_disabled(account: AccountId, disabled: bool) -> Result<FormReply, AppError> {
    crate::error::respond(disable(account, disabled).await)
}

#[cfg(feature = "ssr")]
async fn disable(account: AccountId, disabled: bool) -> Result<FormReply, AppError> {
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::accounts,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageStaff, Resource::OwnOrganisation).await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let action = if disabled { "disable" } else { "enable" };
    let event = ctx.event(&actor, action, "account").on(account);
    let changed = change(&ctx.backend.db, event, move |tx| {
        Box::pin(accounts::set_disabled(
            tx,
            org,
            account,
            disabled,
            time::now(),
        ))
    })
    .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    let msg = if disabled {
        Msg::StaffDisabled
    } else {
        Msg::StaffEnabled
    };
    crate::forms::finish(STAFF_FORM, "/beheer", Vec::new(), FormReply::success(msg)).await
}

/// The log review card of the staff page.
#[component]
fn StaffAudit() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| load_staff_audit());
    super::loaded(data, move |events: Vec<StaffEvent>| {
        view! {
            <section class="card" aria-labelledby="staff-audit-title">
                <h2 id="staff-audit-title">{t(lang, Msg::StaffAuditTitle)}</h2>
                <p>{t(lang, Msg::StaffAuditIntro)}</p>
                <ol class="access-log">
                    {events.into_iter().map(|e| {
                        let what = crate::components::event_text::describe(lang, &e.action, &e.what, None);
                        let case = match &e.case {
                            Some(r) => tf(lang, Msg::StaffAuditCase, &[("reference", r)]),
                            None => t(lang, Msg::StaffAuditNoCase).to_string(),
                        };
                        view! {
                        <li>
                            <span>{tf(lang, Msg::StaffAuditLine, &[("who", &e.who), ("what", &what), ("case", &case), ("date", &crate::components::dates::long_date(lang, e.date)), ("time", &e.time)])}</span>
                            {e.denied.then(|| view! { <span class="badge">{t(lang, Msg::StaffAuditDenied)}</span> })}
                        </li>
                    }}).collect_view()}
                </ol>
            </section>
        }
    })
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(STAFF_FORM);
    let data = Resource::new_blocking(|| (), |_| load_staff());
    // The staff audit has its own resource and Suspense, next to this one and never inside
    // its render: a resource created inside a Suspense's render can leave the page waiting
    // for ever (leptos #4866; it hung a test run).
    let staff = super::loaded(data, move |staff: Vec<StaffMember>| {
        let state = state.clone();
        let code = state.reply.as_ref().and_then(|r| r.detail.clone());
        let failed = state.failed();
        let err = |f: &str| Signal::stored(state.error_for(f));
        let value = |f: &str| state.kept(f);
        view! {
            <section class="card">
                <h1>{t(lang, Msg::StaffTitle)}</h1>
                <p>{t(lang, Msg::StaffIntro)}</p>
                <p><a href="/inzicht">{t(lang, Msg::InsightsLink)}</a></p>
                {(!failed).then(|| view! { <FormMessage lang state=state.clone()/> })}
                {code.map(|c| view! {
                    <div class="enrol" role="status">
                        <p>{t(lang, Msg::InviteCodeIs)}</p>
                        <p class="key"><code>{c}</code></p>
                        <p class="hint">{t(lang, Msg::InviteCodeHint)}</p>
                    </div>
                })}
                <ul class="people">
                    {staff.into_iter().map(|m| view! {
                        <li>
                            <p class="person-name"><strong>{m.name.clone()}</strong>
                                {m.disabled.then(|| view! { <span class="badge">{t(lang, Msg::StaffIsDisabled)}</span> })}
                                {(!m.activated).then(|| view! { <span class="badge">{t(lang, Msg::StaffNotActivated)}</span> })}
                            </p>
                            <p class="muted">{m.job_title.clone()} {m.username.clone().map(|u| format!(" · {u}"))}</p>
                            <form method="post" action=SetStaffDisabled::PATH>
                                <input type="hidden" name="account" value=m.account.to_string()/>
                                <input type="hidden" name="disabled" value=(!m.disabled).to_string()/>
                                <button type="submit" class="secondary">{tf(lang, if m.disabled { Msg::StaffEnable } else { Msg::StaffDisable }, &[("name", &m.name)])}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card">
                <h2>{t(lang, Msg::StaffInviteTitle)}</h2>
                <form method="post" action=InviteProfessional::PATH>
                    {failed.then(|| view! { <FormMessage lang state=state.clone()/> })}
                    <Field lang name="given_name" label=Msg::StaffGivenName kind="text" autocomplete="off" value=value("given_name") error=err("given_name")/>
                    <Field lang name="family_name" label=Msg::StaffFamilyName kind="text" autocomplete="off" value=value("family_name") error=err("family_name")/>
                    <Field lang name="job_title" label=Msg::StaffJobTitle kind="text" autocomplete="off" value=value("job_title") error=err("job_title")/>
                    <button type="submit" class="primary">{t(lang, Msg::StaffInviteSubmit)}</button>
                </form>
            </section>
        }
    });
    view! {
        {staff}
        <super::api_clients::ApiClientsCard/>
        <StaffAudit/>
    }
}
