//! A professional's cases: the list of cases they are assigned to, and one case's praatplaat.
use super::where_am_i::PraatplaatOf;
use crate::{
    domain::PhaseCode,
    error::AppError,
    i18n::{t, use_lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: Uuid,
    pub reference: String,
    pub family: String,
    pub phase: Option<PhaseCode>,
}

#[server(prefix = "/api", endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<Vec<CaseSummary>, AppError> {
    crate::error::respond(build_case_list().await)
}

#[cfg(feature = "ssr")]
async fn build_case_list() -> Result<Vec<CaseSummary>, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource},
        store::cases,
        time,
    };
    let (ctx, _) = ctx::authorize(Action::ListOwnCases, Resource::OwnWork).await?;
    let actor = ctx.require_actor()?;
    let rows = cases::assigned_to(&ctx.backend.db, actor.person_id, time::today()).await?;
    ctx.backend
        .audit
        .record(AuditEvent::new(
            Some(actor.account_id),
            "list",
            "cases",
            &ctx.client_ip,
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CaseSummary {
            id: r.id,
            reference: r.reference,
            family: r.family_name,
            phase: r.phase_code.as_deref().and_then(PhaseCode::parse),
        })
        .collect())
}

#[component]
pub fn MyCases() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| list_my_cases());
    super::loaded(data, move |list: Vec<CaseSummary>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::CasesTitle)}</h1>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::CasesNone)}</p> })}
                <ul class="cases">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/zaken/{}", c.id)>{c.family}</a>
                            <span class="muted">" · " {c.reference} " · " {c.phase.map(|p| t(lang, p.name())).unwrap_or("")}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    match params.with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())) {
        Some(id) => view! { <PraatplaatOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}
