//! "Wat betekent dit woord?": the words of the chain that families meet in letters and
//! reports, each in plain words. The entries are content in the database, like the rights
//! (migration 0019, `store::glossary`); every word on `app/data/jargon.txt` has one (the words
//! test checks it), and a page or report that must use such a word links to `/woorden#w-<slug>`.
//! Public: it holds no dossier data, so it is read without a log-in and without an audit row.
use crate::error::AppError;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// The anchor: `/woorden#w-<slug>`.
    pub slug: String,
    pub term: String,
    pub meaning: String,
}

/// Every entry in the reader's language, in alphabetical order of the Dutch word.
#[server(prefix = "/api", endpoint = "glossary")]
pub async fn load_glossary() -> Result<Vec<GlossaryEntry>, AppError> {
    crate::error::respond(entries().await)
}

#[cfg(feature = "ssr")]
async fn entries() -> Result<Vec<GlossaryEntry>, AppError> {
    use crate::backend::{ctx, policy::Action, store::glossary};
    let ctx = ctx::authorize_public(Action::ReadGlossary)?;
    let rows = glossary::entries(&ctx.backend.db, ctx.lang.code()).await?;
    Ok(rows
        .into_iter()
        .map(|(slug, term, meaning)| GlossaryEntry {
            slug,
            term,
            meaning,
        })
        .collect())
}

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| load_glossary());
    super::loaded(data, move |entries: Vec<GlossaryEntry>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::GlossaryTitle)}</h1>
                <p>{t(lang, Msg::GlossaryIntro)}</p>
                <dl class="glossary">
                    {entries.into_iter().map(|e| view! {
                        <dt id=format!("w-{}", e.slug)>{e.term}</dt>
                        <dd>{e.meaning}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
    })
}
