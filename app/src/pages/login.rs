//! "Inloggen": the log-in page. The form is an island: with JavaScript it posts in place,
//! without it the page comes back with the username kept and the message shown.
use super::session::{Login, LOGIN_FORM};
use crate::{
    forms::{take_flash, FormReply, FormState},
    i18n::{t, use_lang, Lang, Msg},
};
use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    if super::session::current_user().is_some() {
        #[cfg(feature = "ssr")]
        leptos_axum::redirect("/");
    }
    let initial = take_flash(LOGIN_FORM);
    view! {
        <section class="card narrow">
            <h1>{t(lang, Msg::LoginTitle)}</h1>
            <p>{t(lang, Msg::LoginIntro)}</p>
            <LoginForm lang initial/>
            <p><a href="/activeren">{t(lang, Msg::ActivateLink)}</a></p>
        </section>
    }
}

#[island]
fn LoginForm(lang: Lang, initial: FormState) -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let first = initial.reply.clone();
    let reply = Memo::new(move |_| match action.value().get() {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => Some(FormReply::failed(e.msg())),
        None => first.clone(),
    });
    Effect::new(move |_| {
        // Only a reply to a post made here navigates; a flash from an earlier page never does.
        if let Some(Ok(FormReply {
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
                view! { <p class="form-ok" role="status">{t(lang, m)}</p> }.into_any()
            } else {
                view! { <p class="form-error" role="alert">{t(lang, m)}</p> }.into_any()
            })}
            <Field lang name="username" label=Msg::LoginUsername kind="text" autocomplete="username" value=initial.value("username") error=Signal::derive(error("username"))/>
            <Field lang name="password" label=Msg::LoginPassword kind="password" autocomplete="current-password" value=String::new() error=Signal::derive(error("password"))/>
            <button type="submit" class="primary" disabled=move || action.pending().get()>{t(lang, Msg::LoginSubmit)}</button>
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
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{t(lang, label)}</label>
            <input id=id type=kind name=name autocomplete=autocomplete value=value
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=err_id.clone()/>
            <p id=err_id class="field-error" aria-live="polite">{move || error.get().map(|m| t(lang, m))}</p>
        </div>
    }
}
