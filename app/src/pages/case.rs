//! A professional's cases: the list of cases they are assigned to, and one case's praatplaat.
use super::where_am_i::PraatplaatOf;
use crate::domain::CaseId;
use crate::{
    domain::PhaseCode,
    error::AppError,
    i18n::{t, tf, use_lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: CaseId,
    pub reference: String,
    pub family: String,
    pub phase: Option<PhaseCode>,
    /// The current phase's date: the list shows what is due (or overdue) first.
    pub due: Option<chrono::NaiveDate>,
}

/// A professional's start page: their cases and what waits in their inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub cases: Vec<CaseSummary>,
    pub today: chrono::NaiveDate,
    /// Feedback without a reply, open correction requests, overdue ones.
    pub inbox: (usize, usize, usize),
}

#[server(prefix = "/api", endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<MyWork, AppError> {
    crate::error::respond(build_case_list().await)
}

#[cfg(feature = "ssr")]
async fn build_case_list() -> Result<MyWork, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::cases,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ListOwnCases, Resource::OwnWork).await?;
    let rows = cases::assigned_to(&ctx.backend.db, actor.person_id, time::today()).await?;
    ctx.backend
        .audit
        .record(ctx.event(&actor, "list", "cases"))
        .await?;
    // Only the counts leave this function; the inbox page records its own reads.
    let (inbox, _) = super::inbox::inbox_of(&ctx.backend.db, &actor).await?;
    let mut cases: Vec<CaseSummary> = rows
        .into_iter()
        .map(|r| CaseSummary {
            id: r.id,
            reference: r.reference,
            family: r.family_name,
            phase: r.phase_code.as_deref().and_then(PhaseCode::parse),
            due: r.due_at.map(time::local_date),
        })
        .collect();
    // What is due soonest (or overdue) first; cases without a date after them.
    cases.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.reference).cmp(&(b.due.is_none(), b.due, &b.reference))
    });
    Ok(MyWork {
        cases,
        today: time::today(),
        inbox: inbox.counts(),
    })
}

#[component]
pub fn MyCases() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| list_my_cases());
    super::loaded(data, move |work: MyWork| {
        let list = work.cases;
        let today = work.today;
        let (unanswered, open, overdue) = work.inbox;
        view! {
            <section class="card">
                <h1>{t(lang, Msg::CasesTitle)}</h1>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::CasesNone)}</p> })}
                <p><a class="button secondary" href="/nieuwe-zaak">{t(lang, Msg::OpenLink)}</a></p>
                <ul class="cases">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/zaken/{}", c.id)>{c.family}</a>
                            <span class="muted">" · " {c.reference} " · " {c.phase.map(|p| t(lang, p.name())).unwrap_or("")}</span>
                            {c.due.map(|d| {
                                let late = d < today;
                                let msg = if late { Msg::CasesOverdue } else { Msg::CasesDue };
                                view! { <span class="due" class:overdue=late>" · " {tf(lang, msg, &[("date", &crate::components::dates::long_date(lang, d))])}</span> }
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card inbox-counts">
                <h2>{t(lang, Msg::InboxTitle)}</h2>
                <p>{tf(lang, Msg::InboxSummary, &[("feedback", &unanswered.to_string()), ("open", &open.to_string()), ("overdue", &overdue.to_string())])}</p>
                <p><a class="button primary" href="/inbox">{t(lang, Msg::InboxOpen)}</a></p>
            </section>
        }
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCase {
    pub id: CaseId,
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
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ListSharedWithMe, Resource::OwnWork).await?;
    let rows = sharing::shared_with(&ctx.backend.db, actor.account_id, time::now()).await?;
    ctx.backend
        .audit
        .record(ctx.event(&actor, "list", "shared_cases"))
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
    let professional =
        super::session::current_user().is_some_and(|u| u.role == crate::domain::Role::Professional);
    match case_param() {
        Some(id) => view! {
            <PraatplaatOf case=Some(id)/>
            {professional.then(|| view! {
                <super::phase::NextPhaseCard case=id/>
                <super::involvement::TeamCard case=id/>
                <super::informants::AskedCard case=id/>
                <super::family::FamilyCard case=id/>
                <super::full_information::FullInformationCard case=id/>
            })}
        }
        .into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

/// The case id in the path (`/zaken/:id/…`).
fn case_param() -> Option<CaseId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse().ok()))
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
        Some(id) => {
            // Professionals of the case also start a report here (a confidant only reads).
            let writes = super::session::current_user()
                .is_some_and(|u| u.role == crate::domain::Role::Professional);
            view! {
                <super::reports::ReportsOf case=Some(id)/>
                {writes.then(|| view! { <super::writing::NewReportCard case=id/> })}
            }
            .into_any()
        }
        None => super::error_page(AppError::NotFound),
    }
}
