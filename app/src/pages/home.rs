//! "/": sends each reader to their own starting page.
use crate::{domain::Role, error::AppError};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let Some(user) = super::session::current_user() else {
        return super::error_page(AppError::Unauthenticated);
    };
    match user.role {
        Role::Parent | Role::YoungPerson => {
            #[cfg(feature = "ssr")]
            leptos_axum::redirect("/waar-sta-ik");
            ().into_any()
        }
        Role::Professional => view! { <super::case::MyCases/> }.into_any(),
        Role::Confidant => view! { <super::case::SharedWithMe/> }.into_any(),
        Role::OrgAdmin => view! { <super::admin::AdminPage/> }.into_any(),
        Role::Analyst => view! { <super::insights::InsightsPage/> }.into_any(),
    }
}
