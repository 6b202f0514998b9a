//! One's own account: the second log-in step for professionals ("/inloggen/code"),
//! activating an invitation ("/activeren"), and changing one's password ("/wachtwoord").
//! All three are plain server-rendered forms (no WebAssembly needed); passwords and codes are
//! never kept in a form flash.
use super::login::Field;
use crate::{
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, use_lang, Lang, Msg},
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
        uuid::Uuid,
        String,
    ),
    AppError,
> {
    use crate::backend::{cookies, ctx, session};
    let ctx = ctx::request()?;
    let token = cookies::read(session::cookie_name(ctx.backend.secure_cookies))
        .ok_or(AppError::Unauthenticated)?;
    let (account, hash) = session::pending(&ctx.backend.db, &token)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok((ctx, account, hash))
}

#[cfg(feature = "ssr")]
async fn second_step() -> Result<SecondStep, AppError> {
    use crate::backend::store::accounts;
    let (ctx, account, _) = pending().await?;
    let factor = accounts::second_factor(&ctx.backend.db, account).await?;
    // Never used yet: show the key once more so it can be added to an app.
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
    use crate::backend::{
        audit::{self, AuditEvent},
        auth, session,
        store::accounts,
        time, totp,
    };
    let (ctx, account, hash) = pending().await?;
    let db = &ctx.backend.db;
    let key = format!("code:{account}");
    if let Some(wait) = auth::throttled(db, &key).await? {
        return Err(AppError::Throttled {
            retry_after_secs: wait,
        });
    }
    let (secret, last) = accounts::second_factor(db, account)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let secret = totp::decode_secret(&secret).ok_or(AppError::Unavailable)?;
    let step = totp::verify(&secret, &code, time::now().timestamp(), last);
    let accepted = match step {
        Some(step) => accounts::use_step(db, account, step).await?,
        None => false,
    };
    if !accepted {
        auth::record_failure(db, &key, auth::ACCOUNT_FREE_FAILURES).await?;
        audit::insert_now(
            db,
            &AuditEvent::new(Some(account), "second_factor", "account", &ctx.client_ip)
                .result("denied"),
        )
        .await?;
        let reply = FormReply::failed(Msg::CodeWrong).field("code", Msg::CodeWrong);
        return crate::forms::finish(CODE_FORM, "/inloggen/code", Vec::new(), reply).await;
    }
    auth::clear_failures(db, &key).await?;
    session::complete_second_factor(db, &hash).await?;
    audit::insert_now(
        db,
        &AuditEvent::new(Some(account), "second_factor", "account", &ctx.client_ip),
    )
    .await?;
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

/// Activating an invitation: the code from the professional or administrator, a username and
/// a password of one's own choice.
#[server(prefix = "/api", endpoint = "activate")]
pub async fn activate(
    code: String,
    username: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(activate_account(code, username, password, repeat).await)
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
    username: String,
    password: String,
    repeat: String,
) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        auth, ctx, password as rules,
        store::accounts,
        time,
    };
    let ctx = ctx::request()?;
    let db = ctx.backend.db.clone();
    let username = username.trim().to_lowercase();
    let values = vec![("username".to_string(), username.clone())];
    // Guessing codes is throttled per address, like logging in.
    let key = format!("activate:{}", ctx.client_ip);
    if let Some(wait) = auth::throttled(&db, &key).await? {
        return Err(AppError::Throttled {
            retry_after_secs: wait,
        });
    }
    let mut reply = FormReply::go_to("/inloggen");
    reply.message = Some(Msg::ActivateDone);
    let found = accounts::account_for_code(&db, &code).await?;
    if found.is_none() {
        auth::record_failure(&db, &key, auth::IP_FREE_FAILURES).await?;
        reply = reply.field("code", Msg::ActivateCodeWrong);
    }
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
    let Some((code_id, account)) = found.filter(|_| reply.ok) else {
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            redirect: None,
            ..reply
        };
        return crate::forms::finish(ACTIVATE_FORM, "/activeren", values, reply).await;
    };
    let hash = ctx.backend.auth.hash(password).await?;
    let event = AuditEvent::new(Some(account), "activate", "account", &ctx.client_ip);
    let done = db
        .write(move |db| {
            let (username, hash, event) = (username.clone(), hash.clone(), event.clone());
            async move {
                let mut tx = db.begin().await?;
                let done =
                    accounts::activate(&mut tx, code_id, account, &username, &hash, time::now())
                        .await?;
                if done != accounts::Activation::Done {
                    return Ok(done);
                }
                audit::insert(&mut tx, &event).await?;
                tx.commit().await.map(|_| done)
            }
        })
        .await?;
    let refused = match done {
        accounts::Activation::Done => None,
        accounts::Activation::CodeUsed => Some(("code", Msg::ActivateCodeWrong)),
        accounts::Activation::UsernameTaken => Some(("username", Msg::UsernameTaken)),
    };
    if let Some((field, msg)) = refused {
        let reply = FormReply::failed(Msg::FormHasErrors).field(field, msg);
        return crate::forms::finish(ACTIVATE_FORM, "/activeren", values, reply).await;
    }
    auth::clear_failures(&ctx.backend.db, &key).await?;
    // The log-in page shows the confirmation (its own form's flash).
    crate::forms::finish(super::session::LOGIN_FORM, "/activeren", Vec::new(), reply).await
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(ACTIVATE_FORM);
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::ActivateTitle)}</h1>
            <p>{t(lang, Msg::ActivateIntro)}</p>
            <form method="post" action=Activate::PATH>
                <FormMessage lang state=state.clone()/>
                <Field lang name="code" label=Msg::ActivateCode kind="text" autocomplete="off" value=String::new() error=err(&state, "code")/>
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
        audit::{self, AuditEvent},
        ctx, password as rules,
        policy::{Action, Resource},
        session,
        store::accounts,
        time,
    };
    let (ctx, _) = ctx::authorize(Action::ManageOwnSessions, Resource::OwnAccount).await?;
    let actor = ctx.require_actor()?.clone();
    let db = ctx.backend.db.clone();
    let stored = accounts::password_hash(&db, actor.account_id).await?;
    let mut reply = FormReply::success(Msg::PasswordChanged);
    if !ctx.backend.auth.check(stored, current).await {
        reply = reply.field("current", Msg::PasswordCurrentWrong);
    }
    if let Some(m) = rules::check_new(&password, "") {
        reply = reply.field("password", m);
    } else if password != repeat {
        reply = reply.field("repeat", Msg::PasswordsDiffer);
    }
    if !reply.ok {
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            ..reply
        };
        return crate::forms::finish(PASSWORD_FORM, "/wachtwoord", Vec::new(), reply).await;
    }
    let hash = ctx.backend.auth.hash(password).await?;
    let event = AuditEvent::new(
        Some(actor.account_id),
        "change_password",
        "account",
        &ctx.client_ip,
    );
    let (account, keep) = (actor.account_id, actor.session_hash.clone());
    db.write(move |db| {
        let (hash, event, keep) = (hash.clone(), event.clone(), keep.clone());
        async move {
            let mut tx = db.begin().await?;
            accounts::set_password(&mut tx, account, &hash, time::now()).await?;
            session::end_others(&mut tx, account, &keep).await?;
            audit::insert(&mut tx, &event).await?;
            tx.commit().await
        }
    })
    .await?;
    crate::forms::finish(PASSWORD_FORM, "/wachtwoord", Vec::new(), reply).await
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    if super::session::current_user().is_none() {
        return super::error_page(AppError::Unauthenticated);
    }
    let state = take_flash(PASSWORD_FORM);
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::PasswordTitle)}</h1>
            <p>{t(lang, Msg::PasswordIntro)}</p>
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
