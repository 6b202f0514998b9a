//! "Waar sta ik nu?": the praatplaat. The family's route through the chain, the current
//! phase with what happens in it, who leads it, the deadline, and what may come next.
pub use crate::components::timeline::{HandoverView, PhaseStep, Praatplaat, Responsible};
use crate::domain::CaseId;
use crate::{components::timeline::Timeline, error::AppError};
use leptos::prelude::*;

/// The praatplaat of a case: the reader's own case when `case` is `None` (family members).
#[server(prefix = "/api", endpoint = "praatplaat")]
pub async fn load_praatplaat(case: Option<CaseId>) -> Result<Praatplaat, AppError> {
    crate::error::respond(build_praatplaat(case).await)
}

#[cfg(feature = "ssr")]
async fn build_praatplaat(case: Option<CaseId>) -> Result<Praatplaat, AppError> {
    use crate::backend::ctx;
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let mut view = praatplaat_of(&ctx.backend.db, &grant).await?;
    // Helder invites a family member (not their confidant) to say how a recent contact went.
    if let (true, Some(me)) = (actor.role.is_family(), grant.viewer.member()) {
        let since = crate::backend::time::now()
            - chrono::Duration::days(crate::domain::feedback::WINDOW_DAYS);
        view.feedback_invite = crate::backend::store::feedback::open_contact(
            &ctx.backend.db,
            grant.case_id,
            me,
            since,
        )
        .await?
        .map(|(at, with)| (crate::backend::time::local_date(at), with));
    }
    // The page is only sent once this is committed (see backend::audit).
    let event = ctx
        .event(&actor, "read", "praatplaat")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}

/// The praatplaat of a granted case (also part of the export).
#[cfg(feature = "ssr")]
pub(crate) async fn praatplaat_of(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
) -> Result<Praatplaat, AppError> {
    use crate::backend::{policy::Viewer, store::cases, time};
    let phases = cases::phases(db, grant.case_id).await?;
    let current = phases
        .iter()
        .rev()
        .find(|p| p.ended_at.is_none())
        .map(|p| p.phase_code.clone());
    let next = match &current {
        Some(code) => cases::next_phases(db, code).await?,
        None => Vec::new(),
    };
    let responsible = cases::responsible_now(db, grant.case_id).await?;
    let handovers = cases::handovers(db, grant.case_id).await?;
    Ok(Praatplaat {
        case_id: grant.case_id,
        today: time::today(),
        steps: phases
            .into_iter()
            .filter_map(|p| {
                Some(PhaseStep {
                    code: crate::domain::PhaseCode::parse(&p.phase_code)?,
                    started: time::local_date(p.started_at),
                    ended: p.ended_at.map(time::local_date),
                    due: p.due_at.map(time::local_date),
                    lead_org: p.lead_org,
                })
            })
            .collect(),
        next: next
            .iter()
            .filter_map(|c| crate::domain::PhaseCode::parse(c))
            .collect(),
        responsible: responsible.map(|r| Responsible {
            organisation: r.organisation,
            name: format!("{} {}", r.given_name, r.family_name),
            role: r.role,
            since: r.since,
            phone: r.phone,
        }),
        handovers: handovers
            .into_iter()
            .map(|h| HandoverView {
                from: h.from_org,
                to: h.to_org,
                at: time::local_date(h.at),
                previous_watches_until: h.previous_watches_until,
            })
            .collect(),
        for_child: matches!(grant.viewer, Viewer::Child { .. }),
        feedback_invite: None,
    })
}

#[component]
pub fn WhereAmIPage() -> impl IntoView {
    view! { <PraatplaatOf case=None/> }
}

/// Loads and shows the praatplaat of a case (the reader's own when `case` is `None`).
#[component]
pub fn PraatplaatOf(case: Option<CaseId>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let data = Resource::new_blocking(move || case, load_praatplaat);
    super::loaded(data, move |view: Praatplaat| {
        use crate::i18n::{t, tf, Msg};
        let invite = view.feedback_invite.clone();
        view! {
            {case.map(|id| view! { <crate::components::case_nav::CaseNav case=id/> })}
            {invite.map(|(date, with)| view! {
                <aside class="card invite" aria-labelledby="invite-title">
                    // Not a heading: it sits above the page's h1 (the first thing a family sees).
                    <p id="invite-title" class="invite-title">{tf(lang, Msg::FbInviteTitle, &[("date", &crate::components::dates::long_date(lang, date)), ("who", &with)])}</p>
                    <p>{crate::i18n::tj(lang, Msg::FbInviteText, view.for_child)}</p>
                    <p><a class="button primary" href="/feedback">{t(lang, Msg::FbInviteLink)}</a></p>
                </aside>
            })}
            <Timeline view/>
        }
    })
}
