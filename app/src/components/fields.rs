//! Form fields used by several pages: a labelled textarea with its message under it, the
//! form-level error, and the idempotency key a failed post must keep.
use crate::{
    forms::FormState,
    i18n::{t, Lang, Msg},
};
use leptos::prelude::*;

/// A labelled textarea with its message right under it.
#[component]
pub fn TextField(
    lang: Lang,
    id: String,
    name: &'static str,
    label: Msg,
    hint: Option<Msg>,
    value: String,
    error: Option<Msg>,
    required: bool,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=id.clone()>{t(lang, label)}</label>
            {hint.map(|h| view! { <p id=hint_id class="hint">{t(lang, h)}</p> })}
            <textarea id=id name=name rows="4" aria-required=required.then_some("true")
                aria-invalid=error.is_some().then_some("true") aria-describedby=described>{value}</textarea>
            <p id=err_id class="field-error">{error.map(|m| t(lang, m))}</p>
        </div>
    }
}

pub fn form_message(lang: Lang, state: &FormState) -> Option<impl IntoView> {
    state
        .reply
        .as_ref()
        .filter(|r| !r.ok)
        .and_then(|r| r.message)
        .map(|m| view! { <p class="form-error" role="alert">{t(lang, m)}</p> })
}

/// The idempotency key a failed post carried (a retry must reuse it), or a fresh one.
pub fn kept_key(state: &FormState, fresh: String) -> String {
    Some(state.value("key"))
        .filter(|k| !k.is_empty())
        .unwrap_or(fresh)
}
