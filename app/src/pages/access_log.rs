//! "Wie heeft mijn dossier bekeken?": the family's view of the audit trail. Every read of
//! their dossier, by whom (name, job, organisation), what and when, newest first.
use crate::{
    components::dates::long_date,
    error::AppError,
    i18n::{t, tf, tj, tjf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub who: String,
    /// "raadsonderzoeker, Raad voor de Kinderbescherming", when the reader is a professional.
    pub role: Option<String>,
    pub what: String,
    pub date: NaiveDate,
    pub time: String,
    pub by_me: bool,
}

/// How many entries the page shows (the newest).
pub const ACCESS_LOG_LIMIT: i64 = 200;

#[server(prefix = "/api", endpoint = "access_log")]
pub async fn load_access_log() -> Result<Vec<AccessEntry>, AppError> {
    crate::error::respond(build_access_log().await)
}

#[cfg(feature = "ssr")]
async fn build_access_log() -> Result<Vec<AccessEntry>, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
    };
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ReadAccessLog, Resource::OwnCase).await?;
    let entries = access_entries(&ctx.backend.db, &grant, actor.account_id, ctx.lang).await?;
    let event = ctx
        .event(&actor, "read", "access_log")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(entries)
}

/// The case's access log as the grant's viewer may see it (also part of the export): an
/// entry shows only when the visibility rule shows both the entry (a family member's own
/// actions are theirs) and what it was about (a report, a statement); it is described from
/// its kind, never from stored text.
#[cfg(feature = "ssr")]
pub(crate) async fn access_entries(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
    reader_account: crate::domain::AccountId,
    lang: crate::i18n::Lang,
) -> Result<Vec<AccessEntry>, AppError> {
    use crate::backend::{
        audit, time,
        visibility::{Item, Tier, Visibility},
    };
    let seen = Visibility::of(db, grant).await?;
    let rows = audit::case_events(db, grant.case_id, ACCESS_LOG_LIMIT).await?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            let entry = Item {
                id: r.object_id.unwrap_or(r.id),
                concerns: r.concerns_person_id,
                author: r.concerns_person_id,
                tier: Tier::Essential,
            };
            let report = match (r.report_id, &r.report_kind) {
                (Some(id), Some(kind)) => {
                    (!seen.is_family() || r.report_published == Some(true))
                        && seen.shows(&Item::report(
                            id,
                            kind,
                            r.report_has_decision.unwrap_or(false),
                        ))
                }
                _ => true,
            };
            let statement = match (&r.statement_kind, r.object_id) {
                (Some(kind), Some(id)) => seen.shows(&Item::statement(
                    id,
                    kind,
                    r.statement_concerns,
                    r.statement_source,
                )),
                _ => true,
            };
            // A family member's address or number: the entry shows where the detail would.
            let detail = match (r.object_kind.as_str(), r.object_id, r.concerns_person_id) {
                ("contact_detail", Some(id), Some(owner)) => {
                    seen.shows(&Item::contact_detail(id, owner))
                }
                _ => true,
            };
            seen.shows(&entry) && report && statement && detail
        })
        .map(|r| AccessEntry {
            by_me: r.actor_account_id == Some(reader_account),
            who: match (r.given_name, r.family_name) {
                (Some(g), Some(f)) => format!("{g} {f}"),
                _ => "Helder".to_string(),
            },
            role: match (r.job_title, r.organisation) {
                (Some(j), Some(o)) => Some(format!("{j}, {o}")),
                (None, Some(o)) => Some(o),
                _ => None,
            },
            what: crate::components::event_text::describe(
                lang,
                &r.action,
                &r.object_kind,
                r.report_title.as_deref(),
            ),
            date: time::local_date(r.at),
            time: time::local_time_hm(r.at),
        })
        .collect())
}

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    let data = Resource::new_blocking(|| (), |_| load_access_log());
    super::loaded(data, move |list: Vec<AccessEntry>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::AccessTitle)}</h1>
                <p>{tj(lang, Msg::AccessIntro, young)}</p>
                {list.is_empty().then(|| view! { <p>{tj(lang, Msg::AccessNone, young)}</p> })}
                <ol class="access-log">
                    {list.into_iter().map(|e| {
                        let when = long_date(lang, e.date);
                        let text = if e.by_me {
                            tjf(lang, Msg::AccessEntryMe, young, &[("what", &e.what), ("date", &when), ("time", &e.time)])
                        } else {
                            tf(lang, Msg::AccessEntryOther, &[("who", &e.who), ("what", &e.what), ("date", &when), ("time", &e.time)])
                        };
                        view! {
                            <li>
                                <span>{text}</span>
                                {e.role.filter(|_| !e.by_me).map(|r| view! { <span class="muted" dir="auto">{r}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}
