//! "Wat betekent dit woord?" (migration 0019): reference data, the same for every reader.
use crate::{
    backend::{db::Db, StoreError},
    on_db,
};

/// (slug, term, meaning) of every entry in `locale` ("nl" or "en"), in alphabetical order of
/// the Dutch word.
pub async fn entries(db: &Db, locale: &str) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT g.slug, t.term, t.meaning FROM glossary g JOIN glossary_texts t ON t.slug = g.slug \
         WHERE t.locale = $1 ORDER BY g.sort_order")
        .bind(locale).fetch_all(p).await)?)
}
