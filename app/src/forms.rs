//! One form mechanism for the whole app, with and without JavaScript.
//!
//! Every form is an `<ActionForm>` inside an island, posting to a server function that
//! returns a [`FormReply`] (never an `Err` for bad input).
//! - With JavaScript the island shows the reply in place; the inputs keep their values.
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

    pub fn field(mut self, name: &str, msg: Msg) -> Self {
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
        crate::backend::ctx::flash_for(form).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = form;
        FormState::default()
    }
}

#[cfg(feature = "ssr")]
pub use crate::backend::flash::finish;
