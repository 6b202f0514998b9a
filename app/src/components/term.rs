//! A word of the chain that a page cannot avoid (the official name of a measure as the
//! court writes it, a job title the family reads in letters), shown as a link to its
//! plain-words explanation on "Wat betekent dit woord?" (`/woorden`).
use crate::domain::writing::{glossary_slug, jargon_in};
use crate::i18n::{tj, use_lang, Msg};
use leptos::{either::Either, prelude::*};

/// Every string that may carry a word from `app/data/jargon.txt`
/// (`app/data/jargon_allowed.txt`), with the glossary entry it links to. The words test
/// checks that each allowed string is here and that its entry exists, so a new allowed
/// use cannot be shown without its explanation.
pub const EXPLAINED: &[(Msg, &str)] = &[
    (Msg::PhaseGiVoorlopigeOtsName, "ondertoezichtstelling"),
    (Msg::PhaseGiOtsName, "ondertoezichtstelling"),
    (Msg::RoleRaadsonderzoeker, "raadsonderzoeker"),
];

/// The glossary anchor that explains this string, if it needs one.
pub fn glossary_anchor(msg: Msg) -> Option<&'static str> {
    EXPLAINED
        .iter()
        .find(|(m, _)| *m == msg)
        .map(|(_, slug)| *slug)
}

/// The string, in the reader's voice, linked to its explanation when it needs one.
#[component]
pub fn Term(msg: Msg, #[prop(optional)] young: bool) -> impl IntoView {
    let text = tj(use_lang(), msg, young);
    match glossary_anchor(msg) {
        Some(slug) => {
            Either::Left(view! { <a class="term" href=format!("/woorden#w-{slug}")>{text}</a> })
        }
        None => Either::Right(text),
    }
}

/// A professional's text as the family reads it: the words of the jargon list that remain
/// link to their explanation ("Wat betekent dit woord?"), the rest is shown as written.
#[component]
pub fn ExplainedText(text: String) -> impl IntoView {
    let mut parts = Vec::new();
    let mut from = 0;
    for (range, word) in jargon_in(&text) {
        parts.push(Either::Right(text[from..range.start].to_string()));
        let href = format!("/woorden#w-{}", glossary_slug(word));
        parts.push(Either::Left(
            view! { <a class="term" href=href>{text[range.clone()].to_string()}</a> },
        ));
        from = range.end;
    }
    parts.push(Either::Right(text[from..].to_string()));
    parts.collect_view()
}
