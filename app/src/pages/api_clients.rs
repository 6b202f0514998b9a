//! "Koppelingen" on /beheer: the organisation administrator makes an API client for the
//! organisation's own case system (a name, what it may do, until when), sees its token once,
//! gives it a new token (the old one stops at once) or revokes it for good. Whatever a client
//! does is in the organisation's log review, under the client's name.
use super::{account::FormMessage, login::Field};
use crate::{
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const CLIENT_FORM: &str = "api_client";

/// A client can be made for at most this many days; then it gets a new one.
pub const MAX_DAYS: i64 = 730;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub id: Uuid,
    pub name: String,
    pub scopes: Vec<String>,
    pub expires: chrono::NaiveDate,
    /// Still works: not revoked, not expired.
    pub active: bool,
    pub revoked: bool,
}

#[server(prefix = "/api", endpoint = "api_clients")]
pub async fn load_api_clients() -> Result<Vec<ClientView>, AppError> {
    crate::error::respond(ssr::list().await)
}

/// The new client form as posted: unticked boxes send nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewClientForm {
    pub name: String,
    /// "yes": may read cases back.
    pub read: String,
    /// "yes": may open and change cases.
    pub write: String,
    /// The last day it works (YYYY-MM-DD).
    pub until: String,
}

#[server(prefix = "/api", endpoint = "create_api_client")]
pub async fn create_api_client(
    #[server(flatten)] form: NewClientForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::create(form).await)
}

#[server(prefix = "/api", endpoint = "rotate_api_client")]
pub async fn rotate_api_client(client: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::rotate(client).await)
}

#[server(prefix = "/api", endpoint = "revoke_api_client")]
pub async fn revoke_api_client(client: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::revoke(client).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::backend::{
        actor::ApiScope,
        change::change,
        ctx,
        policy::{Action, Resource},
        session::{hash_token, new_token},
        store::api_clients,
        time,
    };

    async fn admin() -> Result<
        (
            ctx::Granted<Option<crate::backend::policy::CaseGrant>>,
            Uuid,
        ),
        AppError,
    > {
        let granted = ctx::authorize(Action::ManageApiClients, Resource::OwnOrganisation).await?;
        let org = granted.actor.organisation_id.ok_or(AppError::NotFound)?;
        Ok((granted, org))
    }

    pub async fn list() -> Result<Vec<ClientView>, AppError> {
        let (ctx::Granted { ctx, actor, .. }, org) = admin().await?;
        let rows = api_clients::list(&ctx.backend.db, org).await?;
        ctx.backend
            .audit
            .record(ctx.event(&actor, "list", "api_client"))
            .await?;
        let now = time::now();
        Ok(rows
            .into_iter()
            .map(|r| ClientView {
                id: r.id,
                name: r.name,
                scopes: r.scopes.split(' ').map(str::to_string).collect(),
                expires: time::local_date(r.expires_at),
                active: r.revoked_at.is_none() && r.expires_at > now,
                revoked: r.revoked_at.is_some(),
            })
            .collect())
    }

    fn token() -> String {
        format!("{}{}", crate::api::TOKEN_PREFIX, new_token())
    }

    pub async fn create(form: NewClientForm) -> Result<FormReply, AppError> {
        let (ctx::Granted { ctx, actor, .. }, org) = admin().await?;
        let values = crate::forms::typed(&[
            ("name", &form.name),
            ("read", &form.read),
            ("write", &form.write),
            ("until", &form.until),
        ]);
        let mut reply = FormReply::success(Msg::ApiclientCreated);
        if let Some(e) = crate::forms::check_length(&form.name, true, crate::forms::LINE) {
            reply = reply.field("name", e);
        }
        let scopes: Vec<ApiScope> = [(ApiScope::Read, &form.read), (ApiScope::Write, &form.write)]
            .into_iter()
            .filter(|(_, v)| v.as_str() == "yes")
            .map(|(s, _)| s)
            .collect();
        if scopes.is_empty() {
            reply = reply.field("read", Msg::ApiclientScopeRequired);
        }
        let today = time::today();
        let until = match chrono::NaiveDate::parse_from_str(form.until.trim(), "%Y-%m-%d") {
            Ok(d) if d <= today => {
                reply = reply.field("until", Msg::ApiclientUntilPast);
                None
            }
            Ok(d) if (d - today).num_days() > MAX_DAYS => {
                reply = reply.field("until", Msg::ApiclientUntilTooFar);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                reply = reply.field("until", Msg::FbDateInvalid);
                None
            }
        };
        let (Some(until), true) = (until, reply.ok) else {
            return crate::forms::finish(CLIENT_FORM, "/beheer#koppelingen", values, reply).await;
        };
        let token = token();
        let new = api_clients::NewClient {
            id: Uuid::new_v4(),
            organisation_id: org,
            name: form.name.trim().to_string(),
            scopes,
            token_hash: hash_token(&token),
            by: actor.account_id,
            at: time::now(),
            expires_at: time::local_instant(
                until,
                chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
            ),
        };
        let event = ctx.event(&actor, "create", "api_client").on(new.id);
        change(&ctx.backend.db, event, move |tx| {
            let new = new.clone();
            Box::pin(async move { api_clients::create(tx, &new).await })
        })
        .await?;
        reply.detail = Some(token);
        crate::forms::finish(CLIENT_FORM, "/beheer#koppelingen", Vec::new(), reply).await
    }

    pub async fn rotate(client: Uuid) -> Result<FormReply, AppError> {
        let (ctx::Granted { ctx, actor, .. }, org) = admin().await?;
        let token = token();
        let hash = hash_token(&token);
        let event = ctx.event(&actor, "rotate", "api_client").on(client);
        let done = change(&ctx.backend.db, event, move |tx| {
            let hash = hash.clone();
            Box::pin(async move { api_clients::rotate(tx, org, client, &hash, time::now()).await })
        })
        .await?;
        if !done {
            return Err(AppError::NotFound);
        }
        let mut reply = FormReply::success(Msg::ApiclientRotated);
        reply.detail = Some(token);
        crate::forms::finish(CLIENT_FORM, "/beheer#koppelingen", Vec::new(), reply).await
    }

    pub async fn revoke(client: Uuid) -> Result<FormReply, AppError> {
        let (ctx::Granted { ctx, actor, .. }, org) = admin().await?;
        let event = ctx.event(&actor, "revoke", "api_client").on(client);
        let done = change(&ctx.backend.db, event, move |tx| {
            Box::pin(async move { api_clients::revoke(tx, org, client, time::now()).await })
        })
        .await?;
        if !done && !api_clients::exists(&ctx.backend.db, org, client).await? {
            return Err(AppError::NotFound);
        }
        // Revoking twice is not an error: it is revoked.
        let msg = if done {
            Msg::ApiclientRevoked
        } else {
            Msg::ApiclientAlreadyRevoked
        };
        crate::forms::finish(
            CLIENT_FORM,
            "/beheer#koppelingen",
            Vec::new(),
            FormReply::success(msg),
        )
        .await
    }
}

/// The card on /beheer.
#[component]
pub fn ApiClientsCard() -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(CLIENT_FORM);
    let data = Resource::new_blocking(|| (), |_| load_api_clients());
    super::loaded(data, move |clients: Vec<ClientView>| {
        let state = state.clone();
        let token = state.reply.as_ref().and_then(|r| r.detail.clone());
        let failed = state.failed();
        let err = |f: &str| Signal::stored(state.error_for(f));
        let value = |f: &str| state.kept(f);
        let checked = |f: &str| failed && state.value(f) == "yes";
        let scope_error = state.error_for("read");
        let default_until =
            (chrono::Utc::now().date_naive() + chrono::Duration::days(365)).to_string();
        let until = if failed {
            state.value("until")
        } else {
            default_until
        };
        view! {
            <section class="card" id="koppelingen" aria-labelledby="apiclient-title">
                <h2 id="apiclient-title">{t(lang, Msg::ApiclientTitle)}</h2>
                <p>{t(lang, Msg::ApiclientIntro)}</p>
                <p><a href=super::api_reference::PATH>{t(lang, Msg::ApiclientReference)}</a></p>
                {(!failed).then(|| view! { <FormMessage lang state=state.clone()/> })}
                {token.map(|c| view! {
                    <div class="enrol" role="status">
                        <p>{t(lang, Msg::ApiclientTokenIs)}</p>
                        <p class="key"><code>{c}</code></p>
                        <p class="hint">{t(lang, Msg::ApiclientTokenHint)}</p>
                    </div>
                })}
                <ul class="people">
                    {clients.into_iter().map(|c| {
                        let status = if c.revoked { Msg::ApiclientIsRevoked } else if c.active { Msg::ApiclientIsActive } else { Msg::ApiclientIsExpired };
                        view! {
                        <li>
                            <p class="person-name"><strong dir="auto">{c.name.clone()}</strong>
                                " " <span class="badge">{t(lang, status)}</span></p>
                            <p class="muted">{c.scopes.join(", ")} " · "
                                {tf(lang, Msg::ApiclientUntil, &[("date", &crate::components::dates::long_date(lang, c.expires))])}</p>
                            {(!c.revoked).then(|| view! {
                                <form method="post" action=RotateApiClient::PATH>
                                    <input type="hidden" name="client" value=c.id.to_string()/>
                                    <button type="submit" class="secondary">{tf(lang, Msg::ApiclientRotate, &[("name", &c.name)])}</button>
                                </form>
                                <form method="post" action=RevokeApiClient::PATH>
                                    <input type="hidden" name="client" value=c.id.to_string()/>
                                    <button type="submit" class="secondary">{tf(lang, Msg::ApiclientRevoke, &[("name", &c.name)])}</button>
                                </form>
                            })}
                        </li>
                    }}).collect_view()}
                </ul>
                <h3>{t(lang, Msg::ApiclientNew)}</h3>
                <form method="post" action=CreateApiClient::PATH>
                    {failed.then(|| view! { <FormMessage lang state=state.clone()/> })}
                    <Field lang name="name" label=Msg::ApiclientName kind="text" autocomplete="off" value=value("name") error=err("name")/>
                    <fieldset class="field" class:invalid=scope_error.is_some()>
                        <legend>{t(lang, Msg::ApiclientScopes)}</legend>
                        {scope_error.map(|m| view! { <p class="error" id="f-read-error">{t(lang, m)}</p> })}
                        <label><input type="checkbox" name="read" value="yes" checked=checked("read")/> {t(lang, Msg::ApiclientScopeRead)}</label>
                        <label><input type="checkbox" name="write" value="yes" checked=checked("write")/> {t(lang, Msg::ApiclientScopeWrite)}</label>
                    </fieldset>
                    <Field lang name="until" label=Msg::ApiclientUntilLabel kind="date" autocomplete="off" value=until error=err("until")/>
                    <button type="submit" class="primary">{t(lang, Msg::ApiclientCreate)}</button>
                </form>
            </section>
        }
    })
}
