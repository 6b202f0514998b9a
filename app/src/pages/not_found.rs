//! The page for an unknown address (and, by design, for anything one may not see), and the
//! page a form posted without JavaScript lands on when its request could not be handled
//! (`/probleem/<slug>`, see `server/src/input.rs`).
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NotFound() -> impl IntoView {
    super::error_page(AppError::NotFound)
}

#[component]
pub fn ProblemPage() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("soort").unwrap_or_default());
    super::error_page(AppError::from_slug(&slug))
}
