//! The rights catalogue (migration 0004): reference data, the same for every family.
use crate::{
    backend::{db::Db, StoreError},
    on_db,
};

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct RightRow {
    pub code: String,
    pub phases: String,
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
    pub requires_authority: bool,
    pub holder: String,
    pub legal_basis: String,
    pub locale: String,
    pub title: String,
    pub meaning: String,
    pub how_to: String,
    pub deadline_text: Option<String>,
    /// Days a phase-bound right stays visible after its phase ended (migration 0012).
    pub after_phase_days: Option<i32>,
}

/// Every right with its texts in `locales` (e.g. `["nl-jong", "nl"]`, `["en-young", "en"]`), in catalogue order;
/// a right comes once per locale it has a text in.
pub async fn catalogue(db: &Db, locales: &[&str; 2]) -> Result<Vec<RightRow>, StoreError> {
    Ok(on_db!(db, p => sqlx::query_as(
        "SELECT r.code, r.phases, r.min_age, r.max_age, r.requires_authority, r.holder, r.legal_basis, \
           t.locale, t.title, t.meaning, t.how_to, t.deadline_text, r.after_phase_days \
         FROM rights r JOIN right_texts t ON t.code = r.code WHERE t.locale IN ($1, $2) ORDER BY r.sort_order")
        .bind(locales[0]).bind(locales[1]).fetch_all(p).await)?)
}
