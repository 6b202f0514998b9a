//! Log-in, log-out and the language choice: the server functions behind the session.
#[cfg(feature = "ssr")]
use crate::i18n::Msg;
use crate::{
    error::AppError,
    forms::{FormReply, ShownReply},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The logged-in user as the page frame shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub display_name: String,
    pub role: crate::domain::Role,
}

/// Who is logged in (read from the request context while rendering on the server).
/// Whether the reader is a young person, who is addressed with "je" (see `i18n::tj`).
pub fn is_young() -> bool {
    current_user().is_some_and(|u| u.role == crate::domain::Role::YoungPerson)
}

pub fn current_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        let ctx = crate::backend::ctx::try_request()?;
        ctx.actor.as_ref().map(|a| CurrentUser {
            display_name: a.display_name.clone(),
            role: a.role,
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

pub const LOGIN_FORM: &str = "login";

/// Answers in the reader's language ([`ShownReply`]): the log-in island shows it as it is.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(username: String, password: String) -> Result<ShownReply, AppError> {
    crate::error::respond(
        async {
            let lang = crate::backend::ctx::request()?.lang;
            Ok(try_login(username, password).await?.shown(lang))
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn try_login(username: String, password: String) -> Result<FormReply, AppError> {
    use crate::backend::{auth::LoginOutcome, ctx};
    let ctx = ctx::request()?;
    let values = crate::forms::typed(&[("username", &username)]);
    let mut reply = FormReply::default();
    if username.trim().is_empty() {
        reply = reply.field("username", Msg::LoginUsernameMissing);
    }
    if password.is_empty() {
        reply = reply.field("password", Msg::LoginPasswordMissing);
    }
    if !reply.field_errors.is_empty() {
        return crate::forms::finish(LOGIN_FORM, "/inloggen", values, reply).await;
    }
    let parts = use_context::<axum::http::request::Parts>();
    let user_agent = parts
        .as_ref()
        .and_then(|p| p.headers.get(axum::http::header::USER_AGENT))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let outcome = ctx
        .backend
        .auth
        .login(
            &ctx.backend.db,
            &username,
            &password,
            &ctx.client_ip,
            &user_agent,
        )
        .await?;
    let reply = match outcome {
        LoginOutcome::LoggedIn {
            token,
            second_factor,
            ..
        } => {
            set_session_cookie(&ctx, Some(&token));
            FormReply::go_to(if second_factor { "/inloggen/code" } else { "/" })
        }
        LoginOutcome::Rejected => FormReply::failed(Msg::LoginRejected),
        LoginOutcome::Throttled { retry_after_secs } => {
            if !crate::backend::flash::is_plain_form_post() {
                if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                    res.set_status(axum::http::StatusCode::TOO_MANY_REQUESTS);
                    res.insert_header(
                        axum::http::header::RETRY_AFTER,
                        axum::http::HeaderValue::from(retry_after_secs),
                    );
                }
                return Err(AppError::Throttled { retry_after_secs });
            }
            FormReply::failed(Msg::ErrorThrottled)
        }
    };
    crate::forms::finish(LOGIN_FORM, "/inloggen", values, reply).await
}

#[cfg(feature = "ssr")]
pub(crate) fn set_session_cookie(ctx: &crate::backend::RequestCtx, token: Option<&str>) {
    let secure = ctx.backend.secure_cookies;
    let name = crate::backend::session::cookie_name(secure);
    match token {
        // A browser-session cookie; the server enforces the idle and absolute time-outs.
        Some(token) => crate::backend::cookies::set(name, token, None, true, secure),
        None => crate::backend::cookies::set(name, "", Some(0), true, secure),
    }
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<FormReply, AppError> {
    crate::error::respond(end_session().await)
}

#[cfg(feature = "ssr")]
async fn end_session() -> Result<FormReply, AppError> {
    use crate::backend::{change::change, ctx, session};
    let ctx = ctx::request()?;
    if let Some(actor) = &ctx.actor {
        let event = ctx.event(actor, "logout", "account");
        let hash = actor.session_hash.clone();
        change(&ctx.backend.db, event, move |tx| {
            let hash = hash.clone();
            Box::pin(async move { session::end(tx, &hash).await })
        })
        .await?;
    }
    set_session_cookie(&ctx, None);
    // The log-in page confirms it (with or without JavaScript: this is a plain form post).
    let reply = FormReply {
        message: Some(Msg::LoggedOut),
        ..FormReply::go_to("/inloggen")
    };
    crate::forms::finish(LOGIN_FORM, "/inloggen", Vec::new(), reply).await
}

#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String, back: String) -> Result<(), AppError> {
    crate::error::respond(choose_language(lang, back).await)
}

#[cfg(feature = "ssr")]
async fn choose_language(lang: String, back: String) -> Result<(), AppError> {
    use crate::i18n::Lang;
    let lang = Lang::parse(&lang).ok_or(AppError::Invalid)?;
    let ctx = crate::backend::ctx::request()?;
    let one_year = 365 * 24 * 3600;
    crate::backend::cookies::set(
        "helder_lang",
        lang.code(),
        Some(one_year),
        false,
        ctx.backend.secure_cookies,
    );
    leptos_axum::redirect(&crate::pages::local_path(&back));
    Ok(())
}
