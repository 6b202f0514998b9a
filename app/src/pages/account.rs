//! One's own account: the second log-in step for professionals ("/inloggen/code"),
//! activating an invitation ("/activeren"), and changing one's password ("/wachtwoord").
//! All three are plain server-rendered forms (no WebAssembly needed); passwords and codes are
//! never kept in a form flash.
use super::login::Field;
use crate::{
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tj, use_lang, Lang, Msg},
};
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const CODE_FORM: &str = "second_factor";
pub const ACTIVATE_FORM: &str = "activate";
pub const PASSWORD_FORM: &str = "password";

/// What the second-step page shows: the key to add to an authenticator app the first time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondStep {
    pub enrol_key: Option<String>,
}

#[server(prefix = "/api", endpoint = "second_step")]
pub async fn load_second_step() -> Result<SecondStep, AppError> {
    crate::error::respond(second_step().await)
}

/// The pending (password checked, code not yet) session of this request, if any.
#[cfg(feature = "ssr")]
async fn pending() -> Result<
    (
        std::sync::Arc<crate::backend::RequestCtx>,
        crate::backend::session::Pending,
    ),
    AppError,
> {
    use crate::backend::{cookies, ctx, session};
    let ctx = ctx::request()?;
    let token = cookies::read(session::cookie_name(ctx.backend.secure_cookies))
        .ok_or(AppError::Unauthenticated)?;
    let pending = session::pending(&ctx.backend.db, &token)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok((ctx, pending))
}

#[cfg(feature = "ssr")]
async fn second_step() -> Result<SecondStep, AppError> {
    use crate::backend::store::accounts;
    let (ctx, pending) = pending().await?;
    // Only the session that activation opened shows the key, and only until the first code:
    // whoever learns the password later never sees it.
    if !pending.enrolling {
        return Ok(SecondStep { enrol_key: None });
    }
    let factor =
        accounts::second_factor(&ctx.backend.db, &ctx.backend.server_key, pending.account_id)
            .await?;
    Ok(SecondStep {
        enrol_key: factor.and_then(|(secret, last)| last.is_none().then_some(secret)),
    })
}

#[server(prefix = "/api", endpoint = "verify_code")]
pub async fn verify_code(code: String) -> Result<FormReply, AppError> {
    crate::error::respond(check_code(code).await)
}

#[cfg(feature = "ssr")]
async fn check_code(code: String) -> Result<FormReply, AppError> {
    use crate::backend::{audit::AuditEvent, auth, session, store::accounts, time, totp};
    let (ctx, pending) = pending().await?;
    let account = pending.account_id;
    let db = &ctx.backend.db;
    let keys = [(format!("code:{account}"), auth::CODE)];
    // Counted before the code is checked, so simultaneous guesses get no more tries than
    // sequential ones.
    if let auth::Reservation::Wait(wait) = auth::reserve(db, &keys, time::now()).await? {
        return Err(AppError::Throttled {
            retry_after_secs: wait,
        });
    }
    let (secret, last) = accounts::second_factor(db, &ctx.backend.server_key, account)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let secret = totp::decode_secret(&secret).ok_or(AppError::Unavailable)?;
    let step = totp::verify(&secret, &code, time::now().timestamp(), last);
    let accepted = match step {
        Some(step) => accounts::use_step(db, account, step).await?,
        None => false,
    };
    if !accepted {
        let event = AuditEvent::new(Some(account), "second_factor", "account", &ctx.client_ip)
            .result("denied");
        ctx.backend.audit.record(event).await?;
        let reply = FormReply::failed(Msg::CodeWrong).field("code", Msg::CodeWrong);
        return crate::forms::finish(CODE_FORM, "/inloggen/code", Vec::new(), reply).await;
    }
    auth::succeeded(db, &keys).await?;
    let event = AuditEvent::new(Some(account), "second_factor", "account", &ctx.client_ip);
    let Some(token) = session::complete_second_factor(db, &pending.hash, event).await? else {
        return Err(AppError::Unauthenticated);
    };
    super::session::set_session_cookie(&ctx, Some(&token));
    crate::forms::finish(
        CODE_FORM,
        "/inloggen/code",
        Vec::new(),
        FormReply::go_to("/"),
    )
    .await
}

#[component]
pub fn SecondStepPage() -> impl IntoView {
    let lang = use_lang();
    let flash = take_flash(CODE_FORM);
    let data = Resource::new_blocking(|| (), |_| load_second_step());
    super::loaded(data, move |step: SecondStep| {
        let error = flash.reply.as_ref().and_then(|r| r.error_for("code"));
        view! {
            <section class="card narrow">
                <h1>{t(lang, Msg::CodeTitle)}</h1>
                <p>{t(lang, Msg::CodeIntro)}</p>
                {step.enrol_key.map(|key| view! {
                    <div class="enrol">
                        <p>{t(lang, Msg::CodeEnrol)}</p>
                        <p class="key"><code>{key}</code></p>
                    </div>
                })}
                <form method="post" action=VerifyCode::PATH>
                    <Field lang name="code" label=Msg::CodeLabel kind="text" autocomplete="one-time-code" value=String::new() error=Signal::stored(error)/>
                    <button type="submit" class="primary">{t(lang, Msg::CodeSubmit)}</button>
                </form>
            </section>
        }
    })
}

/// Activating an invitation: the code (a family member's comes in two halves: the letter
/// from the professional and a text message), a username and a password of one's own choice.
#[server(prefix = "/api", endpoint = "activate")]
pub async fn activate(
    code: String,
    #[server(default)] sms_code: String,
    username: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(activate_account(code, sms_code, username, password, repeat).await)
}

/// A username: 3 to 40 characters, lower-case letters, digits, dot, dash, underscore.
pub fn check_username(name: &str) -> Option<Msg> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    (!(3..=40).contains(&name.len()) || !ok_chars || name.starts_with("uitnodiging-"))
        .then_some(Msg::UsernameRules)
}

#[cfg(feature = "ssr")]
async fn activate_account(
    code: String,
    sms_code: String,
    username: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::AuditEvent, auth, change::change, ctx, password as rules, session, store::accounts,
        time,
    };
    let ctx = ctx::request()?;
    let db = ctx.backend.db.clone();
    let username = username.trim().to_lowercase();
    let values = crate::forms::typed(&[("username", &username)]);
    // Guessing codes is throttled per address, like logging in; the try is counted first.
    let keys = [(format!("activate:{}", ctx.client_ip), auth::ADDRESS)];
    if let auth::Reservation::Wait(wait) = auth::reserve(&db, &keys, time::now()).await? {
        return Err(AppError::Throttled {
            retry_after_secs: wait,
        });
    }
    // The two halves typed one after the other are the whole code.
    let Some(invitation) = accounts::account_for_code(&db, &[code, sms_code].concat()).await?
    else {
        // A wrong code gets one answer, whatever username or password came with it: nothing
        // about names is said before the code is right.
        let reply = FormReply::invalid("code", Msg::ActivateCodeWrong);
        return crate::forms::finish(ACTIVATE_FORM, "/activeren", values, reply).await;
    };
    auth::succeeded(&db, &keys).await?;
    let invited_by = match &invitation.inviter_organisation {
        Some(org) => format!("{} ({org})", invitation.inviter),
        None => invitation.inviter.clone(),
    };
    let mut reply = FormReply::default();
    if let Some(m) = check_username(&username) {
        reply = reply.field("username", m);
    } else if accounts::username_taken(&db, &username).await? {
        reply = reply.field("username", Msg::UsernameTaken);
    }
    if let Some(m) = rules::check_new(&password, &username) {
        reply = reply.field("password", m);
    } else if password != repeat {
        reply = reply.field("repeat", Msg::PasswordsDiffer);
    }
    if !reply.field_errors.is_empty() {
        // The code was right: say who sent the invitation, so the person can trust it.
        let reply = FormReply {
            detail: Some(invited_by),
            ..reply
        };
        return crate::forms::finish(ACTIVATE_FORM, "/activeren", values, reply).await;
    }
    let hash = ctx.backend.auth.hash(password).await?;
    let account = invitation.account_id;
    let code_id = invitation.code_id;
    let staff = invitation.has_second_factor;
    let user_agent = use_context::<axum::http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let event = AuditEvent::new(Some(account), "activate", "account", &ctx.client_ip);
    let (done, token) = change(&db, event, move |tx| {
        let (username, hash, user_agent) = (username.clone(), hash.clone(), user_agent.clone());
        Box::pin(async move {
            let done =
                accounts::activate(tx, code_id, account, &username, &hash, time::now()).await?;
            // Staff set up their second factor now: a pending session that alone shows the
            // new key, once (see `second_step`).
            let token = if staff && done == accounts::Activation::Done {
                Some(session::create_enrolling(tx, account, &user_agent).await?)
            } else {
                None
            };
            Ok((done, token))
        })
    })
    .await?;
    let refused = match done {
        accounts::Activation::Done => None,
        accounts::Activation::CodeUsed => Some(("code", Msg::ActivateCodeWrong)),
        accounts::Activation::UsernameTaken => Some(("username", Msg::UsernameTaken)),
    };
    if let Some((field, msg)) = refused {
        let reply = FormReply::invalid(field, msg);
        return crate::forms::finish(ACTIVATE_FORM, "/activeren", values, reply).await;
    };
    if let Some(token) = token {
        super::session::set_session_cookie(&ctx, Some(&token));
        return crate::forms::finish(
            CODE_FORM,
            "/activeren",
            Vec::new(),
            FormReply::go_to("/inloggen/code"),
        )
        .await;
    }
    let mut reply = FormReply::go_to("/inloggen");
    reply.message = Some(Msg::ActivateDone);
    // The log-in page shows the confirmation (its own form's flash).
    crate::forms::finish(super::session::LOGIN_FORM, "/activeren", Vec::new(), reply).await
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(ACTIVATE_FORM);
    let invited_by = state.reply.as_ref().and_then(|r| r.detail.clone());
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::ActivateTitle)}</h1>
            <p>{t(lang, Msg::ActivateIntro)}</p>
            <p>{t(lang, Msg::ActivateTwoHalves)}</p>
            {invited_by.map(|who| view! {
                <p class="form-ok invited-by" role="status">{crate::i18n::tf(lang, Msg::ActivateInvitedBy, &[("who", &who)])}</p>
            })}
            <form method="post" action=Activate::PATH>
                <FormMessage lang state=state.clone()/>
                <Field lang name="code" label=Msg::ActivateCode kind="text" autocomplete="off" value=String::new() error=err(&state, "code")/>
                <Field lang name="sms_code" label=Msg::ActivateSmsCode kind="text" autocomplete="one-time-code" value=String::new() error=Signal::stored(None)/>
                <p class="hint">{t(lang, Msg::ActivateSmsHint)}</p>
                <Field lang name="username" label=Msg::ActivateUsername kind="text" autocomplete="username" value=state.value("username") error=err(&state, "username")/>
                <p class="hint">{t(lang, Msg::UsernameRules)}</p>
                <Field lang name="password" label=Msg::NewPassword kind="password" autocomplete="new-password" value=String::new() error=err(&state, "password")/>
                <p class="hint">{t(lang, Msg::PasswordRules)}</p>
                <Field lang name="repeat" label=Msg::RepeatPassword kind="password" autocomplete="new-password" value=String::new() error=err(&state, "repeat")/>
                <button type="submit" class="primary">{t(lang, Msg::ActivateSubmit)}</button>
            </form>
        </section>
    }
}

fn err(state: &FormState, field: &str) -> Signal<Option<Msg>> {
    Signal::stored(state.error_for(field))
}

/// The message for the whole form: a confirmation or what went wrong.
#[component]
pub fn FormMessage(lang: Lang, state: FormState) -> impl IntoView {
    state
        .reply
        .and_then(|r| r.message.map(|m| (r.ok, m)))
        .map(|(ok, m)| {
            if ok {
                view! { <p class="form-ok" role="status">{t(lang, m)}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert">{t(lang, m)}</p> }.into_any()
            }
        })
}

/// Changing one's password: the current one, a new one (the same rules as activation), and
/// every other session of the account ends.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(new_password(current, password, repeat).await)
}

#[cfg(feature = "ssr")]
async fn new_password(
    current: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        auth::Checked,
        change::change,
        ctx, password as rules,
        policy::{Action, Resource},
        session,
        store::accounts,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ManageOwnSessions, Resource::OwnAccount).await?;
    let young = actor.role == crate::domain::Role::YoungPerson;
    let db = ctx.backend.db.clone();
    let stored = accounts::password_hash(&db, actor.account_id).await?;
    let username = accounts::username(&db, actor.account_id).await?;
    let mut reply = FormReply::success(crate::i18n::youth(Msg::PasswordChanged, young));
    // The same throttle as logging in: a stolen session is no way to guess the password.
    match ctx
        .backend
        .auth
        .check_current(&db, &username, stored, current, &ctx.client_ip)
        .await?
    {
        Checked::Right => {}
        Checked::Wrong => {
            reply = reply.field(
                "current",
                crate::i18n::youth(Msg::PasswordCurrentWrong, young),
            )
        }
        Checked::Throttled(_) => reply = reply.field("current", Msg::ErrorThrottled),
    }
    if let Some(m) = rules::check_new(&password, "") {
        reply = reply.field("password", m);
    } else if password != repeat {
        reply = reply.field("repeat", Msg::PasswordsDiffer);
    }
    if !reply.ok {
        return crate::forms::finish(PASSWORD_FORM, "/wachtwoord", Vec::new(), reply).await;
    }
    let hash = ctx.backend.auth.hash(password).await?;
    let event = ctx.event(&actor, "change_password", "account");
    let (account, keep) = (actor.account_id, actor.session_hash.clone());
    change(&db, event, move |tx| {
        let (hash, keep) = (hash.clone(), keep.clone());
        Box::pin(async move {
            accounts::set_password(tx, account, &hash, time::now()).await?;
            session::end_others(tx, account, &keep).await.map(|_| ())
        })
    })
    .await?;
    crate::forms::finish(PASSWORD_FORM, "/wachtwoord", Vec::new(), reply).await
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    if super::session::current_user().is_none() {
        return super::error_page(AppError::Unauthenticated);
    }
    let state = take_flash(PASSWORD_FORM);
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::PasswordTitle)}</h1>
            <p>{tj(lang, Msg::PasswordIntro, young)}</p>
            <form method="post" action=ChangePassword::PATH>
                <FormMessage lang state=state.clone()/>
                <Field lang name="current" label=Msg::CurrentPassword kind="password" autocomplete="current-password" value=String::new() error=err(&state, "current")/>
                <Field lang name="password" label=Msg::NewPassword kind="password" autocomplete="new-password" value=String::new() error=err(&state, "password")/>
                <p class="hint">{t(lang, Msg::PasswordRules)}</p>
                <Field lang name="repeat" label=Msg::RepeatPassword kind="password" autocomplete="new-password" value=String::new() error=err(&state, "repeat")/>
                <button type="submit" class="primary">{t(lang, Msg::PasswordSubmit)}</button>
            </form>
        </section>
    }
    .into_any()
}
