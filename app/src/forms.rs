//! One form mechanism for the whole app, with and without JavaScript.
//!
//! Every form posts to a server function that returns a [`FormReply`] (never an `Err` for bad
//! input). Most forms are plain server-rendered `<form method="post" action=…::PATH>`: they
//! work the same with and without JavaScript. The log-in form is an `<ActionForm>` inside an
//! island (`pages::login::LoginForm`), so with JavaScript it shows its reply in place and keeps
//! what was typed; its server function answers with a [`ShownReply`] (the reply translated).
//! - Without JavaScript the browser posts the form itself. The server function then calls
//!   [`finish`] (server side), which stores the typed values and the reply in `form_flash`
//!   (server-side, keyed by a random cookie; never in the URL) and redirects back
//!   (post/redirect/get). The page it lands on reads that flash once ([`take_flash`]) and
//!   renders the form with the values and the messages next to the fields.
//!
//! Secrets (passwords, codes) are never put into the flash.
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormReply {
    pub ok: bool,
    /// A confirmation (when ok) or a message for the whole form (when not).
    pub message: Option<Msg>,
    /// A message next to a field, by the field's `name`.
    pub field_errors: Vec<(String, Msg)>,
    /// Where to go after success (JavaScript navigates there; without it, the redirect).
    pub redirect: Option<String>,
    /// A value to show once with the confirmation (an activation code). It passes through the
    /// form flash, which is deleted when shown and after ten minutes.
    #[serde(default)]
    pub detail: Option<String>,
    /// Whom `detail` is for, where the page needs it (the invitation letter's addressee).
    #[serde(default)]
    pub detail_for: Option<String>,
}

impl FormReply {
    pub fn success(message: Msg) -> Self {
        FormReply {
            ok: true,
            message: Some(message),
            ..Default::default()
        }
    }

    pub fn go_to(path: impl Into<String>) -> Self {
        FormReply {
            ok: true,
            redirect: Some(path.into()),
            ..Default::default()
        }
    }

    pub fn failed(message: Msg) -> Self {
        FormReply {
            ok: false,
            message: Some(message),
            ..Default::default()
        }
    }

    /// A form whose one field is wrong: "check the marked fields" at the top, `msg` next to
    /// the field.
    pub fn invalid(name: &str, msg: Msg) -> Self {
        FormReply::default().field(name, msg)
    }

    /// Marks a field wrong, with its message next to it. The reply is then a failure; unless it
    /// already says why the whole form failed, it says at the top to check the marked fields
    /// (so a reply that started as a success needs no second step).
    pub fn field(mut self, name: &str, msg: Msg) -> Self {
        if self.ok || self.message.is_none() {
            self.message = Some(Msg::FormHasErrors);
        }
        self.ok = false;
        self.field_errors.push((name.to_string(), msg));
        self
    }

    pub fn error_for(&self, name: &str) -> Option<Msg> {
        self.field_errors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| *m)
    }
}

/// A [`FormReply`] as the reader sees it: its messages already in the reader's language. An
/// island gets this instead of a `FormReply`, so the WebAssembly carries neither the text
/// catalogue nor the names of its messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownReply {
    pub ok: bool,
    pub message: Option<String>,
    pub field_errors: Vec<(String, String)>,
    pub redirect: Option<String>,
}

impl ShownReply {
    pub fn failed(message: String) -> Self {
        ShownReply {
            message: Some(message),
            ..Default::default()
        }
    }

    pub fn error_for(&self, name: &str) -> Option<String> {
        self.field_errors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m.clone())
    }
}

impl FormReply {
    /// This reply in `lang` (on the server; an island never translates).
    pub fn shown(&self, lang: crate::i18n::Lang) -> ShownReply {
        use crate::i18n::t;
        ShownReply {
            ok: self.ok,
            message: self.message.map(|m| t(lang, m).to_string()),
            field_errors: self
                .field_errors
                .iter()
                .map(|(name, m)| (name.clone(), t(lang, *m).to_string()))
                .collect(),
            redirect: self.redirect.clone(),
        }
    }
}

/// The longest line accepted (a name, a case number, a relation): characters.
pub const LINE: usize = 120;
/// The longest free text accepted (a reason, an own view, a statement): characters.
pub const TEXT: usize = 4000;

/// Checks a typed text: required or not, and at most `limit` characters ([`LINE`], [`TEXT`]).
/// Surrounding white space does not count; the caller stores the trimmed text.
pub fn check_length(text: &str, required: bool, limit: usize) -> Option<Msg> {
    match text.trim().chars().count() {
        0 if required => Some(Msg::FieldRequired),
        n if n > limit => Some(Msg::FieldTooLong),
        _ => None,
    }
}

/// Reads a typed day (`YYYY-MM-DD`, what a date field sends): `None` when left empty, a message
/// when it is not a day or lies after `latest` (a day something happened cannot be tomorrow).
pub fn check_day(
    text: &str,
    latest: Option<chrono::NaiveDate>,
) -> Result<Option<chrono::NaiveDate>, Msg> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if latest.is_some_and(|l| d > l) => Err(Msg::FbDateFuture),
        Ok(d) => Ok(Some(d)),
        Err(_) => Err(Msg::FbDateInvalid),
    }
}

/// What the reader typed, as (field, value) pairs to put back into the form after a failed
/// post without JavaScript. Secrets (passwords, codes) are never listed.
pub fn typed(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// What a form shows when it is rendered: the values to put back, and the last reply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub reply: Option<FormReply>,
}

impl FormState {
    pub fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// The confirmation of a post that succeeded.
    pub fn confirmation(&self) -> Option<Msg> {
        self.reply.as_ref().filter(|r| r.ok).and_then(|r| r.message)
    }

    /// The last post failed: its form opens again with the messages and what was typed.
    pub fn failed(&self) -> bool {
        self.reply.as_ref().is_some_and(|r| !r.ok)
    }

    /// What was typed into `field` if the last post failed (the form opens with it again);
    /// empty after a success, so the next entry starts clean.
    pub fn kept(&self, field: &str) -> String {
        if self.failed() {
            self.value(field)
        } else {
            String::new()
        }
    }

    /// The message next to `field` from the last reply.
    pub fn error_for(&self, field: &str) -> Option<Msg> {
        self.reply.as_ref().and_then(|r| r.error_for(field))
    }

    /// This state if it belongs to the form called `form` (where one page has several forms
    /// under one flash name, each posts its own name in the hidden field `form`), else none.
    pub fn only_for(&self, form: &str) -> FormState {
        if self.value("form") == form {
            self.clone()
        } else {
            FormState::default()
        }
    }
}

/// The flash left for form `form` by a post without JavaScript, if this request carries it.
/// Rendering happens on the server; in the browser there is never a flash to take.
pub fn take_flash(form: &str) -> FormState {
    #[cfg(feature = "ssr")]
    {
        flash_for(form).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = form;
        FormState::default()
    }
}

/// The form state the previous post left for form `form`, if this request carries it.
#[cfg(feature = "ssr")]
fn flash_for(form: &str) -> Option<FormState> {
    let ctx = crate::backend::ctx::try_request()?;
    let (name, payload) = ctx.flash.as_ref()?;
    (name == form)
        .then(|| serde_json::from_str(payload).ok())
        .flatten()
}

/// Ends a form's server function. Without JavaScript: keeps `values` and `reply` for the page
/// the browser is sent back to (`back` on failure, the reply's redirect or `back` on success).
/// With JavaScript the reply goes back as it is.
#[cfg(feature = "ssr")]
pub async fn finish(
    form: &str,
    back: &str,
    values: Vec<(String, String)>,
    reply: FormReply,
) -> Result<FormReply, crate::error::AppError> {
    use crate::backend::{cookies, ctx, flash, StoreError};
    if !flash::is_plain_form_post() {
        return Ok(reply);
    }
    let ctx = ctx::request()?;
    let target = if reply.ok {
        reply.redirect.clone().unwrap_or_else(|| back.to_string())
    } else {
        back.to_string()
    };
    // A successful post that moves on shows its confirmation there; its values are done with.
    let state = FormState {
        values: if reply.ok { Vec::new() } else { values },
        reply: Some(reply.clone()),
    };
    let payload = serde_json::to_string(&state).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let token = flash::store(&ctx.backend.db, form, &payload).await?;
    let secure = ctx.backend.secure_cookies;
    cookies::set(
        flash::cookie_name(secure),
        &token,
        Some(flash::LIFETIME.num_seconds()),
        true,
        secure,
    );
    leptos_axum::redirect(&target);
    Ok(reply)
}
