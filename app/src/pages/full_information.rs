//! "Hele dossier openzetten": a parent without parental authority gets the important
//! information only (where the process is, who is involved, decisions, their rights). A
//! professional of the case can open the whole dossier for them, with a reason, and close it
//! again; both are audited, and the visibility rule (`backend::visibility`) reads the result.
use crate::domain::{CaseId, PersonId};
use crate::{
    components::{dates::long_date, fields::TextField},
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const FULL_INFORMATION_FORM: &str = "full_information";

/// A parent of the case without parental authority, and whether the whole dossier is open
/// for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentWithoutAuthority {
    pub person: PersonId,
    pub name: String,
    /// Since when, why and by whom the whole dossier is open for them.
    pub open: Option<(NaiveDate, String, String)>,
}

#[server(prefix = "/api", endpoint = "full_information")]
pub async fn load_full_information(case: CaseId) -> Result<Vec<ParentWithoutAuthority>, AppError> {
    crate::error::respond(ssr::list(case).await)
}

/// Opens (`open` = true, with a reason) or closes the whole dossier for a parent without
/// parental authority.
#[server(prefix = "/api", endpoint = "set_full_information")]
pub async fn set_full_information(
    case: CaseId,
    person: PersonId,
    open: bool,
    reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::set(case, person, open, reason).await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::full_information,
        time,
    };

    pub async fn list(case: CaseId) -> Result<Vec<ParentWithoutAuthority>, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::OpenFullInformation, Resource::Case(case)).await?;
        let rows =
            full_information::parents_without_authority(&ctx.backend.db, grant.case_id).await?;
        let event = ctx
            .event(&actor, "read", "full_information")
            .case(&grant)
            .on(grant.case_id);
        ctx.backend.audit.record(event).await?;
        Ok(rows
            .into_iter()
            .map(|r| ParentWithoutAuthority {
                person: r.person_id,
                name: r.name,
                open: r.granted_at.map(|at| {
                    (
                        time::local_date(at),
                        r.reason.unwrap_or_default(),
                        r.granted_by.unwrap_or_default(),
                    )
                }),
            })
            .collect())
    }

    pub async fn set(
        case: CaseId,
        person: PersonId,
        open: bool,
        reason: String,
    ) -> Result<FormReply, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::OpenFullInformation, Resource::Case(case)).await?;
        let db = ctx.backend.db.clone();
        let parents = full_information::parents_without_authority(&db, grant.case_id).await?;
        if !parents.iter().any(|p| p.person_id == person) {
            return Err(AppError::NotFound);
        }
        let back = format!("/zaken/{case}");
        if open {
            if let Some(m) = crate::forms::check_length(&reason, true, crate::forms::TEXT) {
                let values =
                    crate::forms::typed(&[("person", &person.to_string()), ("reason", &reason)]);
                let reply = FormReply::invalid("reason", m);
                return crate::forms::finish(FULL_INFORMATION_FORM, &back, values, reply).await;
            }
        }
        let action = if open {
            "open_full_information"
        } else {
            "close_full_information"
        };
        let event = ctx
            .event(&actor, action, "full_information")
            .case(&grant)
            .on(person);
        let (case_id, by) = (grant.case_id, actor.account_id);
        change(&db, event, move |tx| {
            let reason = reason.clone();
            Box::pin(async move {
                let at = time::now();
                if open {
                    full_information::open(tx, case_id, person, reason.trim(), by, at).await
                } else {
                    full_information::close(tx, case_id, person, by, at).await
                }
            })
        })
        .await?;
        let msg = if open {
            Msg::FullInformationOpened
        } else {
            Msg::FullInformationClosed
        };
        crate::forms::finish(
            FULL_INFORMATION_FORM,
            &back,
            Vec::new(),
            FormReply::success(msg),
        )
        .await
    }
}

/// The card on a professional's case page: each parent without authority, what they read,
/// and the form to open or close the whole dossier for them.
#[component]
pub fn FullInformationCard(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(FULL_INFORMATION_FORM);
    let data = Resource::new_blocking(move || case, load_full_information);
    super::loaded(data, move |parents: Vec<ParentWithoutAuthority>| {
        if parents.is_empty() {
            return ().into_any();
        }
        let done = state.confirmation();
        let failed_for = state
            .reply
            .as_ref()
            .filter(|r| !r.ok)
            .map(|_| state.value("person"));
        view! {
            <section class="card" aria-labelledby="full-info-title">
                <h2 id="full-info-title">{t(lang, Msg::FullInformationTitle)}</h2>
                <p>{t(lang, Msg::FullInformationIntro)}</p>
                {done.map(|m| view! { <p class="notice" role="status">{t(lang, m)}</p> })}
                <ul class="people">
                    {parents.into_iter().map(|p| {
                        let mine = failed_for.as_deref() == Some(p.person.to_string().as_str());
                        let (reason, error) = if mine {
                            (state.value("reason"), state.error_for("reason"))
                        } else {
                            (String::new(), None)
                        };
                        view! {
                            <li>
                                <p><strong>{p.name.clone()}</strong></p>
                                {match p.open.clone() {
                                    Some((since, why, by)) => view! {
                                        <p class="muted">{tf(lang, Msg::FullInformationIsOpen, &[("date", &long_date(lang, since)), ("by", &by), ("reason", &why)])}</p>
                                        <form method="post" action=SetFullInformation::PATH>
                                            <input type="hidden" name="case" value=case.to_string()/>
                                            <input type="hidden" name="person" value=p.person.to_string()/>
                                            <input type="hidden" name="open" value="false"/>
                                            <input type="hidden" name="reason" value=""/>
                                            <button type="submit" class="secondary">{tf(lang, Msg::FullInformationClose, &[("name", &p.name)])}</button>
                                        </form>
                                    }.into_any(),
                                    None => view! {
                                        <p class="muted">{t(lang, Msg::FullInformationIsClosed)}</p>
                                        <form method="post" action=SetFullInformation::PATH>
                                            <input type="hidden" name="case" value=case.to_string()/>
                                            <input type="hidden" name="person" value=p.person.to_string()/>
                                            <input type="hidden" name="open" value="true"/>
                                            <TextField lang id=format!("fi-{}-reason", p.person) name="reason" label=Msg::FullInformationReason hint=Some(Msg::FullInformationReasonHint) value=reason error required=true/>
                                            <button type="submit" class="primary">{tf(lang, Msg::FullInformationOpen, &[("name", &p.name)])}</button>
                                        </form>
                                    }.into_any(),
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}
