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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCase {
    pub id: Uuid,
    pub reference: String,
    pub family: String,
    pub shared_by: String,
    pub until: chrono::NaiveDate,
}

/// The dossiers families shared with the reader (a vertrouwenspersoon or lawyer).
#[server(prefix = "/api", endpoint = "shared_with_me")]
pub async fn list_shared_with_me() -> Result<Vec<SharedCase>, AppError> {
    crate::error::respond(build_shared_list().await)
}

#[cfg(feature = "ssr")]
async fn build_shared_list() -> Result<Vec<SharedCase>, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let (ctx, _) = ctx::authorize(Action::ListSharedWithMe, Resource::OwnWork).await?;
    let actor = ctx.require_actor()?;
    let rows = sharing::shared_with(&ctx.backend.db, actor.account_id, time::now()).await?;
    ctx.backend
        .audit
        .record(AuditEvent::new(
            Some(actor.account_id),
            "list",
            "shared_cases",
            &ctx.client_ip,
        ))
        .await?;
    // One line per dossier, however often (or by whom in the family) it was shared.
    let mut list: Vec<SharedCase> = Vec::new();
    for r in rows {
        if list.iter().any(|c| c.id == r.case_id) {
            continue;
        }
        list.push(SharedCase {
            id: r.case_id,
            reference: r.reference,
            family: r.family,
            shared_by: r.shared_by,
            until: time::last_local_day(r.expires_at),
        });
    }
    Ok(list)
}

#[component]
pub fn SharedWithMe() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| list_shared_with_me());
    super::loaded(data, move |list: Vec<SharedCase>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::SharedTitle)}</h1>
                <p>{t(lang, Msg::SharedIntro)}</p>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::SharedNone)}</p> })}
                <ul class="cases">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/zaken/{}", c.id)>{c.family}</a>
                            <span class="muted">{crate::i18n::tf(lang, Msg::SharedLine, &[("who", &c.shared_by), ("date", &crate::components::dates::long_date(lang, c.until))])}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn CasePage() -> impl IntoView {
    match case_param() {
        Some(id) => view! { <PraatplaatOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

/// The case id in the path (`/zaken/:id/…`).
fn case_param() -> Option<Uuid> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok()))
}

#[component]
pub fn CaseInvolvedPage() -> impl IntoView {
    match case_param() {
        Some(id) => view! { <super::involved::InvolvedOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

#[component]
pub fn CaseReportsPage() -> impl IntoView {
    match case_param() {
        Some(id) => view! { <super::reports::ReportsOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}
