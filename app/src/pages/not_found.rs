//! The page for an unknown address (and, by design, for anything one may not see).
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    super::error_page(AppError::NotFound)
}
