//! "Wie heeft mijn dossier bekeken?": the family's view of the audit trail. Every read of
//! their dossier, by whom (name, job, organisation), what and when, newest first.
use crate::{
    components::dates::long_date,
    error::AppError,
    i18n::{t, tf, use_lang, Msg},
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
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource},
    };
    let (ctx, grant) = ctx::authorize_case(Action::ReadAccessLog, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?;
    let entries = access_entries(&ctx.backend.db, &grant, actor.account_id).await?;
    let event = AuditEvent::new(Some(actor.account_id), "read", "access_log", &ctx.client_ip)
        .family(grant.family_id)
        .object(grant.case_id, "Wie heeft mijn dossier bekeken?");
    ctx.backend.audit.record(event).await?;
    Ok(entries)
}

/// The family's access log as the grant's viewer may see it: entries about items shielded
/// from them are left out (also part of the export).
#[cfg(feature = "ssr")]
pub(crate) async fn access_entries(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
    reader_account: uuid::Uuid,
) -> Result<Vec<AccessEntry>, AppError> {
    use crate::backend::{audit, time, visibility::Visibility};
    let seen = Visibility::of(db, grant).await?;
    let rows = audit::family_events(db, grant.family_id, ACCESS_LOG_LIMIT).await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.object_id.is_none_or(|id| seen.shows(id, None)))
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
            what: r.object_label.unwrap_or(r.object_kind),
            date: time::local_date(r.at),
            time: time::local_time_hm(r.at),
        })
        .collect())
}

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| load_access_log());
    super::loaded(data, move |list: Vec<AccessEntry>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::AccessTitle)}</h1>
                <p>{t(lang, Msg::AccessIntro)}</p>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::AccessNone)}</p> })}
                <ol class="access-log">
                    {list.into_iter().map(|e| {
                        let when = long_date(lang, e.date);
                        let text = if e.by_me {
                            tf(lang, Msg::AccessEntryMe, &[("what", &e.what), ("date", &when), ("time", &e.time)])
                        } else {
                            tf(lang, Msg::AccessEntryOther, &[("who", &e.who), ("what", &e.what), ("date", &when), ("time", &e.time)])
                        };
                        view! {
                            <li>
                                <span>{text}</span>
                                {e.role.filter(|_| !e.by_me).map(|r| view! { <span class="muted">{r}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        }
    })
}
