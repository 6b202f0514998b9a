//! Form fields used by several pages: a labelled textarea or line with its message under it, the
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
    let (err_id, hint_id, described) = ids(&id, hint.is_some());
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

/// A labelled one-line input (`kind`: text or date) with its hint and its message right under
/// it. A text line holds at most 120 characters (a name, a number, a short description).
#[component]
pub fn LineField(
    lang: Lang,
    id: String,
    name: String,
    label: Msg,
    hint: Option<Msg>,
    value: String,
    error: Option<Msg>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let (err_id, hint_id, described) = ids(&id, hint.is_some());
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=id.clone()>{t(lang, label)}</label>
            {hint.map(|h| view! { <p id=hint_id class="hint">{t(lang, h)}</p> })}
            <input type=kind id=id name=name value=value maxlength=(kind == "text").then_some(crate::forms::LINE.to_string())
                aria-describedby=described aria-invalid=error.is_some().then_some("true")/>
            <p id=err_id class="field-error">{error.map(|m| t(lang, m))}</p>
        </div>
    }
}

/// A field's message and hint ids, and what its input is described by.
fn ids(id: &str, with_hint: bool) -> (String, String, String) {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if with_hint {
        format!("{hint_id} {err_id}")
    } else {
        err_id.clone()
    };
    (err_id, hint_id, described)
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

/// A labelled select with an empty first choice, its hint and its message right under it.
/// `options` are (value, label); the one equal to `value` is chosen.
#[component]
pub fn SelectField(
    lang: Lang,
    id: String,
    name: &'static str,
    label: Msg,
    hint: Option<Msg>,
    empty: Msg,
    options: Vec<(String, String)>,
    value: String,
    error: Option<Msg>,
) -> impl IntoView {
    let (err_id, hint_id, described) = ids(&id, hint.is_some());
    view! {
        <div class="field" class:invalid=error.is_some()>
            <label for=id.clone()>{t(lang, label)}</label>
            {hint.map(|h| view! { <p id=hint_id class="hint">{t(lang, h)}</p> })}
            <select id=id name=name aria-describedby=described aria-invalid=error.is_some().then_some("true")>
                <option value="">{t(lang, empty)}</option>
                {options.into_iter().map(|(v, l)| {
                    let chosen = v == value;
                    view! { <option value=v selected=chosen>{l}</option> }
                }).collect_view()}
            </select>
            <p id=err_id class="field-error">{error.map(|m| t(lang, m))}</p>
        </div>
    }
}
