//! "Inloggen": the log-in page. The form is an island: with JavaScript it posts in place,
//! without it the page comes back with the username kept and the message shown.
//!
//! The island gets every text it can show from the server, already in the reader's language
//! ([`LoginTexts`], [`ShownReply`]), so the WebAssembly carries no text catalogue: a phone
//! downloads the words of one form, not of the whole portal.
use super::session::{Login, LOGIN_FORM};
use crate::{
    error::AppError,
    forms::{take_flash, ShownReply},
    i18n::{t, use_lang, Lang, Msg},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    if super::session::current_user().is_some() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/");
    }
    let flash = take_flash(LOGIN_FORM);
    let username = flash.value("username");
    let initial = flash.reply.map(|r| r.shown(lang));
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::LoginTitle)}</h1>
            <p>{t(lang, Msg::LoginIntro)}</p>
            <LoginForm texts=LoginTexts::new(lang) username initial/>
            <p><a href="/activeren">{t(lang, Msg::ActivateLink)}</a></p>
        </section>
    }
}

/// The log-in form's own words and the message for each error a post can meet, in the
/// reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginTexts {
    username: String,
    password: String,
    submit: String,
    /// (the error's slug, its message), for every [`AppError`] a post can come back with.
    errors: Vec<(String, String)>,
}

impl LoginTexts {
    fn new(lang: Lang) -> Self {
        let errors = [
            AppError::NotFound,
            AppError::Unauthenticated,
            AppError::Throttled {
                retry_after_secs: 0,
            },
            AppError::Invalid,
            AppError::TooLarge,
            AppError::Busy,
            AppError::Unavailable,
        ];
        LoginTexts {
            username: t(lang, Msg::LoginUsername).into(),
            password: t(lang, Msg::LoginPassword).into(),
            submit: t(lang, Msg::LoginSubmit).into(),
            errors: errors
                .iter()
                .map(|e| (e.slug().into(), t(lang, e.msg()).into()))
                .collect(),
        }
    }

    fn error(&self, e: &AppError) -> String {
        let slug = e.slug();
        self.errors
            .iter()
            .find(|(s, _)| s == slug)
            .or(self.errors.last())
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    }
}

#[island]
fn LoginForm(texts: LoginTexts, username: String, initial: Option<ShownReply>) -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let failed = texts.clone();
    let reply = Memo::new(move |_| match action.value().get() {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => Some(ShownReply::failed(failed.error(&e))),
        None => initial.clone(),
    });
    Effect::new(move |_| {
        // Only a reply to a post made here navigates; a flash from an earlier page never does.
        if let Some(Ok(ShownReply {
            ok: true,
            redirect: Some(to),
            ..
        })) = action.value().get()
        {
            #[cfg(feature = "hydrate")]
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(&to);
            }
            let _ = to;
        }
    });
    let error = move |field: &'static str| move || reply.get().and_then(|r| r.error_for(field));
    // Set once the island runs in the browser: tests (and styles) can tell hydration happened.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <div class="form-host" data-hydrated=move || hydrated.get().then_some("true")>
        <ActionForm action>
            {move || reply.get().and_then(|r| r.message.map(|m| (r.ok, m))).map(|(ok, m)| if ok {
                view! { <p class="form-ok" role="status">{m}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert">{m}</p> }.into_any()
            })}
            <TextField name="username" label=texts.username kind="text" autocomplete="username" value=username error=Signal::derive(error("username"))/>
            <TextField name="password" label=texts.password kind="password" autocomplete="current-password" value=String::new() error=Signal::derive(error("password"))/>
            <button type="submit" class="primary" disabled=move || action.pending().get()>{texts.submit}</button>
        </ActionForm>
        </div>
    }
}

/// A labelled input with its message right under it (linked for screen readers).
#[component]
pub fn Field(
    lang: Lang,
    name: &'static str,
    label: Msg,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
    error: Signal<Option<Msg>>,
) -> impl IntoView {
    let error = Signal::derive(move || error.get().map(|m| t(lang, m).to_string()));
    view! { <TextField name label=t(lang, label).to_string() kind autocomplete value error/> }
}

/// [`Field`] with its words already in the reader's language (what an island uses).
#[component]
pub fn TextField(
    name: &'static str,
    label: String,
    kind: &'static str,
    autocomplete: &'static str,
    value: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input id=id type=kind name=name autocomplete=autocomplete value=value
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=err_id.clone()/>
            <p id=err_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
