//! "Waar ben ik ingelogd?": the reader's own live sessions, each ended with one tap.
use crate::{
    components::dates::long_date,
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, tj, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const SESSIONS_FORM: &str = "sessions";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySession {
    pub handle: String,
    pub started: NaiveDate,
    pub started_time: String,
    pub last_seen: NaiveDate,
    pub last_seen_time: String,
    pub device: String,
    pub current: bool,
}

#[server(prefix = "/api", endpoint = "list_my_sessions")]
pub async fn list_my_sessions() -> Result<Vec<MySession>, AppError> {
    crate::error::respond(build_session_list().await)
}

#[cfg(feature = "ssr")]
async fn build_session_list() -> Result<Vec<MySession>, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        session, time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageOwnSessions, Resource::OwnAccount).await?;
    let rows = session::list_live(&ctx.backend.db, actor.account_id).await?;
    Ok(rows
        .into_iter()
        .map(|s| MySession {
            handle: session::handle(&s.id_hash).to_string(),
            current: s.id_hash == actor.session_hash,
            started: time::local_date(s.created_at),
            started_time: time::local_time_hm(s.created_at),
            last_seen: time::local_date(s.last_seen_at),
            last_seen_time: time::local_time_hm(s.last_seen_at),
            device: device_name(&s.user_agent),
        })
        .collect())
}

/// A plain description of a browser from its user agent ("Chrome op Android").
pub fn device_name(user_agent: &str) -> String {
    let browser = ["Firefox", "Edg", "Chrome", "Safari"]
        .into_iter()
        .find(|b| user_agent.contains(b))
        .map(|b| if b == "Edg" { "Edge" } else { b });
    let system = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .into_iter()
        .find(|s| user_agent.contains(s))
        .map(|s| if s == "Mac OS" { "Mac" } else { s });
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => "?".to_string(),
    }
}

#[server(prefix = "/api", endpoint = "end_my_session")]
pub async fn end_my_session(handle: String) -> Result<FormReply, AppError> {
    crate::error::respond(end_one(handle).await)
}

#[cfg(feature = "ssr")]
async fn end_one(handle: String) -> Result<FormReply, AppError> {
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        session,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageOwnSessions, Resource::OwnAccount).await?;
    // Ending the session in use is logging out; that has its own button.
    if session::handle(&actor.session_hash) == handle {
        return Err(AppError::NotFound);
    }
    let event = ctx.event(&actor, "end_session", "session");
    let account = actor.account_id;
    let ended = change(&ctx.backend.db, event, move |tx| {
        let handle = handle.clone();
        Box::pin(async move { session::end_own(tx, account, &handle).await })
    })
    .await?;
    if !ended {
        return Err(AppError::NotFound);
    }
    crate::forms::finish(
        SESSIONS_FORM,
        "/sessies",
        Vec::new(),
        FormReply::success(Msg::SessionsEnded),
    )
    .await
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(SESSIONS_FORM);
    // A young person is addressed with "je" (see i18n::tj).
    let young =
        super::session::current_user().is_some_and(|u| u.role == crate::domain::Role::YoungPerson);
    let data = Resource::new_blocking(|| (), |_| list_my_sessions());
    super::loaded(data, move |list: Vec<MySession>| {
        let confirmation = flash.confirmation();
        view! {
            <section class="card">
                <h1>{tj(lang, Msg::SessionsTitle, young)}</h1>
                <p>{tj(lang, Msg::SessionsIntro, young)}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                <ul class="sessions">
                    {list.into_iter().map(|s| view! {
                        <li>
                            <strong>{s.device.clone()}</strong>
                            {s.current.then(|| view! { <span class="badge">{t(lang, Msg::SessionsThisDevice)}</span> })}
                            <span class="muted">{tf(lang, Msg::SessionsStarted, &[("date", &long_date(lang, s.started)), ("time", &s.started_time)])}</span>
                            <span class="muted">{tf(lang, Msg::SessionsLastSeen, &[("date", &long_date(lang, s.last_seen)), ("time", &s.last_seen_time)])}</span>
                            {(!s.current).then(|| view! {
                                <form method="post" action=EndMySession::PATH>
                                    <input type="hidden" name="handle" value=s.handle.clone()/>
                                    <button type="submit" class="secondary">{t(lang, Msg::SessionsEnd)}</button>
                                </form>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
