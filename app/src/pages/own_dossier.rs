//! "Mijn dossier": the family member owns their dossier. They see who read it, download
//! everything Helder holds about them (GDPR art. 15/20) or print it, share it with a
//! vertrouwenspersoon or lawyer for a period they choose (revocable at any time), and — from
//! 16 — decide per parent whether that parent may read their part.
use super::{
    access_log::AccessEntry, involved::Involved, reports::ReportView, where_am_i::Praatplaat,
};
use crate::{
    components::{dates::long_date, people::role_name},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, use_lang, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const SHARE_FORM: &str = "share";
/// Longest period a dossier can be shared for, in days.
pub const MAX_SHARE_DAYS: i64 = 366;
/// The period the share form suggests, in days.
pub const DEFAULT_SHARE_DAYS: i64 = 90;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub id: Uuid,
    pub grantee: String,
    pub organisation: Option<String>,
    pub role: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentConsent {
    pub parent: Uuid,
    pub name: String,
    pub may_read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnDossier {
    pub shares: Vec<ShareView>,
    /// For a young person of 16+: each parent and whether they may read the young person's part.
    pub consent: Option<Vec<ParentConsent>>,
    pub default_until: NaiveDate,
    pub max_until: NaiveDate,
}

/// Everything Helder holds about the reader, as one JSON document (GDPR art. 15/20).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierExport {
    pub format: String,
    pub generated_at: String,
    pub reader: String,
    pub case_reference: String,
    pub praatplaat: Praatplaat,
    pub involved: Involved,
    pub reports: Vec<ReportView>,
    pub shares: Vec<ShareView>,
    pub access_log: Vec<AccessEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintView {
    pub reader: String,
    pub case_reference: String,
    pub today: NaiveDate,
    pub involved: Involved,
    pub reports: Vec<ReportView>,
}

#[server(prefix = "/api", endpoint = "own_dossier")]
pub async fn load_own_dossier() -> Result<OwnDossier, AppError> {
    crate::error::respond(build_own_dossier().await)
}

#[cfg(feature = "ssr")]
async fn shares_of(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
) -> Result<Vec<ShareView>, AppError> {
    use crate::backend::{store::sharing, time};
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    Ok(sharing::delegations_by(db, grant.case_id, me, time::now())
        .await?
        .into_iter()
        .map(|d| ShareView {
            id: d.id,
            grantee: d.grantee,
            organisation: d.grantee_org,
            role: d.grantee_role,
            since: time::local_date(d.created_at),
            until: time::last_local_day(d.expires_at),
        })
        .collect())
}

#[cfg(feature = "ssr")]
async fn build_own_dossier() -> Result<OwnDossier, AppError> {
    use crate::backend::{
        audit::AuditEvent,
        ctx,
        policy::{Action, Resource, Viewer},
        store::sharing,
        time,
    };
    use crate::domain::access_rule;
    let (ctx, grant) = ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?;
    let db = &ctx.backend.db;
    let shares = shares_of(db, &grant).await?;
    let consent = match grant.viewer {
        Viewer::Child { person_id, age } if access_rule(age).parent_needs_child_consent => Some(
            sharing::parents_and_consent(db, grant.family_id, person_id)
                .await?
                .into_iter()
                .map(|(parent, name, may_read)| ParentConsent {
                    parent,
                    name,
                    may_read,
                })
                .collect(),
        ),
        _ => None,
    };
    let today = time::today();
    let event = AuditEvent::new(
        Some(actor.account_id),
        "read",
        "own_dossier",
        &ctx.client_ip,
    )
    .case(&grant)
    .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(OwnDossier {
        shares,
        consent,
        default_until: today + chrono::Duration::days(DEFAULT_SHARE_DAYS),
        max_until: today + chrono::Duration::days(MAX_SHARE_DAYS),
    })
}

/// Share the dossier with a confidant (their Helder username), as vertrouwenspersoon or lawyer,
/// until a date.
#[server(prefix = "/api", endpoint = "share_dossier")]
pub async fn share_dossier(
    username: String,
    role: String,
    until: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(share(username, role, until).await)
}

#[cfg(feature = "ssr")]
async fn share(username: String, role: String, until: String) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let (ctx, grant) = ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?.clone();
    let young = actor.role == crate::domain::Role::YoungPerson;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let db = ctx.backend.db.clone();
    let values = vec![
        ("username".to_string(), username.clone()),
        ("role".to_string(), role.clone()),
        ("until".to_string(), until.clone()),
    ];
    let today = time::today();
    let mut reply = FormReply::success(crate::i18n::youth(Msg::ShareSaved, young));
    let grantee_role = match role.as_str() {
        "vertrouwenspersoon" => Some("vertrouwenspersoon"),
        "advocaat" => Some("advocaat"),
        _ => None,
    };
    if grantee_role.is_none() {
        reply = reply.field("role", Msg::ShareRoleRequired);
    }
    let until_date = NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d").ok();
    match until_date {
        None => reply = reply.field("until", Msg::ShareUntilInvalid),
        Some(d) if d <= today || (d - today).num_days() > MAX_SHARE_DAYS => {
            reply = reply.field("until", Msg::ShareUntilRange)
        }
        _ => {}
    }
    let grantee = if username.trim().is_empty() {
        reply = reply.field("username", Msg::FieldRequired);
        None
    } else {
        let found = sharing::confidant(&db, username.trim()).await?;
        if found.is_none() {
            reply = reply.field("username", Msg::ShareUnknown);
        }
        found
    };
    let (Some((grantee_id, _)), Some(grantee_role), Some(until_date), true) =
        (grantee, grantee_role, until_date, reply.ok)
    else {
        let reply = FormReply {
            message: Some(Msg::FormHasErrors),
            ..reply
        };
        return crate::forms::finish(SHARE_FORM, "/mijn-dossier", values, reply).await;
    };
    // Shared until the end of the chosen day (Europe/Amsterdam).
    let expires = time::end_of_local_day(until_date);
    let event = AuditEvent::new(
        Some(actor.account_id),
        "share",
        "delegation",
        &ctx.client_ip,
    )
    .case(&grant)
    .on(grantee_id);
    let case_id = grant.case_id;
    db.write(move |db| {
        let event = event.clone();
        async move {
            let mut tx = db.begin().await?;
            sharing::delegate(
                &mut tx,
                &sharing::NewDelegation {
                    case_id,
                    granted_by: me,
                    grantee_account_id: grantee_id,
                    grantee_role,
                    at: time::now(),
                    expires_at: expires,
                },
            )
            .await?;
            audit::insert(&mut tx, &event).await?;
            tx.commit().await
        }
    })
    .await?;
    crate::forms::finish(SHARE_FORM, "/mijn-dossier", Vec::new(), reply).await
}

/// Stop sharing the dossier with a confidant.
#[server(prefix = "/api", endpoint = "revoke_share")]
pub async fn revoke_share(share: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(revoke(share).await)
}

#[cfg(feature = "ssr")]
async fn revoke(share: Uuid) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let (ctx, grant) = ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?;
    let young = actor.role == crate::domain::Role::YoungPerson;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let event = AuditEvent::new(
        Some(actor.account_id),
        "revoke_share",
        "delegation",
        &ctx.client_ip,
    )
    .case(&grant)
    .on(share);
    let case_id = grant.case_id;
    let revoked = ctx
        .backend
        .db
        .write(move |db| {
            let event = event.clone();
            async move {
                let mut tx = db.begin().await?;
                if !sharing::revoke(&mut tx, share, case_id, me, time::now()).await? {
                    return Ok(false);
                }
                audit::insert(&mut tx, &event).await?;
                tx.commit().await.map(|_| true)
            }
        })
        .await?;
    if !revoked {
        return Err(AppError::NotFound);
    }
    crate::forms::finish(
        SHARE_FORM,
        "/mijn-dossier",
        Vec::new(),
        FormReply::success(crate::i18n::youth(Msg::ShareRevoked, young)),
    )
    .await
}

/// A young person of 16+ gives (`give`) or withdraws a parent's consent to read their part.
#[server(prefix = "/api", endpoint = "set_consent")]
pub async fn set_consent(parent: Uuid, give: bool) -> Result<FormReply, AppError> {
    crate::error::respond(consent(parent, give).await)
}

#[cfg(feature = "ssr")]
async fn consent(parent: Uuid, give: bool) -> Result<FormReply, AppError> {
    use crate::backend::{
        audit::{self, AuditEvent},
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let (ctx, grant) = ctx::authorize_case(Action::ManageConsent, Resource::OwnCase).await?;
    let actor = ctx.require_actor()?;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let parents = sharing::parents_and_consent(&ctx.backend.db, grant.family_id, me).await?;
    if !parents.into_iter().any(|(p, _, _)| p == parent) {
        return Err(AppError::NotFound);
    }
    let action = if give {
        "give_consent"
    } else {
        "withdraw_consent"
    };
    let event = AuditEvent::new(Some(actor.account_id), action, "consent", &ctx.client_ip)
        .case(&grant)
        .on(parent);
    ctx.backend
        .db
        .write(move |db| {
            let event = event.clone();
            async move {
                let mut tx = db.begin().await?;
                if sharing::set_consent(&mut tx, me, parent, give, time::now()).await? {
                    audit::insert(&mut tx, &event).await?;
                }
                tx.commit().await
            }
        })
        .await?;
    let msg = if give {
        Msg::ConsentGiven
    } else {
        Msg::ConsentWithdrawn
    };
    crate::forms::finish(
        SHARE_FORM,
        "/mijn-dossier",
        Vec::new(),
        FormReply::success(msg),
    )
    .await
}

/// What the download and the print view share: the reader's own dossier, through the policy
/// (export action) and their visibility.
#[cfg(feature = "ssr")]
async fn own_copy() -> Result<
    (
        std::sync::Arc<crate::backend::RequestCtx>,
        crate::backend::policy::CaseGrant,
        PrintView,
    ),
    AppError,
> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::cases,
        time,
        visibility::Visibility,
    };
    let (ctx, grant) = ctx::authorize_case(Action::ExportOwnData, Resource::OwnCase).await?;
    let db = &ctx.backend.db;
    let seen = Visibility::of(db, &grant).await?;
    let view = PrintView {
        reader: ctx.require_actor()?.display_name.clone(),
        case_reference: cases::reference(db, grant.case_id).await?,
        today: time::today(),
        involved: super::involved::involved_of(db, &grant, &seen).await?,
        reports: super::reports::report_views(db, &grant, &seen, None).await?,
    };
    Ok((ctx, grant, view))
}

/// The download: everything Helder holds about the reader, as JSON. A GET (a plain link),
/// read-only; refused when another site starts it.
#[server(prefix = "/api", endpoint = "export_my_data", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<DossierExport, AppError> {
    crate::error::respond(build_export().await)
}

#[cfg(feature = "ssr")]
async fn build_export() -> Result<DossierExport, AppError> {
    use crate::backend::{audit::AuditEvent, time};
    let cross_site = use_context::<axum::http::request::Parts>().is_some_and(|p| {
        p.headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site")
    });
    if cross_site {
        return Err(AppError::NotFound);
    }
    let (ctx, grant, base) = own_copy().await?;
    let actor = ctx.require_actor()?;
    let db = &ctx.backend.db;
    let export = DossierExport {
        format: "helder-dossier-export/1".to_string(),
        generated_at: time::now().to_rfc3339(),
        reader: base.reader,
        case_reference: base.case_reference,
        praatplaat: super::where_am_i::praatplaat_of(db, &grant).await?,
        involved: base.involved,
        reports: base.reports,
        shares: shares_of(db, &grant).await?,
        access_log: super::access_log::access_entries(db, &grant, actor.account_id, ctx.lang)
            .await?,
    };
    let event = AuditEvent::new(Some(actor.account_id), "export", "dossier", &ctx.client_ip)
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(
            axum::http::header::CONTENT_DISPOSITION,
            axum::http::HeaderValue::from_str(&format!(
                "attachment; filename=\"helder-dossier-{}.json\"",
                time::today()
            ))
            .map_err(|_| AppError::Unavailable)?,
        );
    }
    Ok(export)
}

#[server(prefix = "/api", endpoint = "print_dossier")]
pub async fn load_print() -> Result<PrintView, AppError> {
    crate::error::respond(build_print().await)
}

#[cfg(feature = "ssr")]
async fn build_print() -> Result<PrintView, AppError> {
    use crate::backend::audit::AuditEvent;
    let (ctx, grant, view) = own_copy().await?;
    let actor = ctx.require_actor()?;
    let event = AuditEvent::new(Some(actor.account_id), "read", "print", &ctx.client_ip)
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}

// ---- Pages ----

#[component]
pub fn OwnDossierPage() -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    let flash = take_flash(SHARE_FORM);
    let data = Resource::new_blocking(|| (), |_| load_own_dossier());
    super::loaded(data, move |view: OwnDossier| {
        let confirmation = flash.reply.clone().filter(|r| r.ok).and_then(|r| r.message);
        let failed = flash.clone().reply.filter(|r| !r.ok).map(|_| flash.clone());
        view! {
            <section class="card">
                <h1>{t(lang, Msg::OwnTitle)}</h1>
                <p>{tj(lang, Msg::OwnIntro, young)}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                <ul class="actions">
                    <li><a href="/wie-keek-mee">{t(lang, Msg::AccessTitle)}</a></li>
                    <li><a href=ExportMyData::PATH download="">{t(lang, Msg::OwnDownload)}</a>
                        <span class="muted small">{tj(lang, Msg::OwnDownloadHint, young)}</span></li>
                    <li><a href="/mijn-dossier/afdrukken">{t(lang, Msg::OwnPrint)}</a></li>
                </ul>
            </section>
            {view.consent.map(|parents| view! { <ConsentCard lang parents/> })}
            <ShareCard lang shares=view.shares default_until=view.default_until max_until=view.max_until state=failed/>
        }
    })
}

#[component]
fn ConsentCard(lang: Lang, parents: Vec<ParentConsent>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="consent-title">
            <h2 id="consent-title">{t(lang, Msg::ConsentTitle)}</h2>
            <p>{t(lang, Msg::ConsentIntro)}</p>
            <ul class="consents">
                {parents.into_iter().map(|p| view! {
                    <li>
                        <span>{tf(lang, if p.may_read { Msg::ConsentYes } else { Msg::ConsentNo }, &[("name", &p.name)])}</span>
                        <form method="post" action=SetConsent::PATH>
                            <input type="hidden" name="parent" value=p.parent.to_string()/>
                            <input type="hidden" name="give" value=(!p.may_read).to_string()/>
                            <button type="submit" class="secondary">{tf(lang, if p.may_read { Msg::ConsentWithdraw } else { Msg::ConsentGive }, &[("name", &p.name)])}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ShareCard(
    lang: Lang,
    shares: Vec<ShareView>,
    default_until: NaiveDate,
    max_until: NaiveDate,
    state: Option<FormState>,
) -> impl IntoView {
    let young = super::session::is_young();
    let state = state.unwrap_or_default();
    let err = |f: &str| state.error_for(f);
    let until = match state.value("until") {
        v if v.is_empty() => default_until.to_string(),
        v => v,
    };
    let role_now = state.value("role");
    let role_error = err("role");
    let message = state.reply.as_ref().and_then(|r| r.message);
    view! {
        <section class="card" aria-labelledby="share-title">
            <h2 id="share-title">{t(lang, Msg::ShareTitle)}</h2>
            <p>{tj(lang, Msg::ShareIntro, young)}</p>
            {shares.is_empty().then(|| view! { <p>{tj(lang, Msg::ShareNone, young)}</p> })}
            <ul class="shares">
                {shares.into_iter().map(|s| view! {
                    <li>
                        <p><strong>{s.grantee}</strong> {s.organisation.map(|o| format!(" ({o})"))}</p>
                        <p class="muted">{tf(lang, Msg::ShareLine, &[("role", t(lang, role_name(&s.role))), ("from", &long_date(lang, s.since)), ("to", &long_date(lang, s.until))])}</p>
                        <form method="post" action=RevokeShare::PATH>
                            <input type="hidden" name="share" value=s.id.to_string()/>
                            <button type="submit" class="secondary">{t(lang, Msg::ShareRevoke)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <h3>{t(lang, Msg::ShareNew)}</h3>
            <form method="post" action=ShareDossier::PATH>
                {message.map(|m| view! { <p class="form-error" role="alert">{t(lang, m)}</p> })}
                <div class="field" class:invalid=err("username").is_some()>
                    <label for="share-username">{tj(lang, Msg::ShareUsername, young)}</label>
                    <p id="share-username-hint" class="hint">{t(lang, Msg::ShareUsernameHint)}</p>
                    <input id="share-username" type="text" name="username" autocomplete="off" value=state.value("username")
                        aria-invalid=err("username").is_some().then_some("true") aria-describedby="share-username-hint share-username-error"/>
                    <p id="share-username-error" class="field-error">{err("username").map(|m| t(lang, m))}</p>
                </div>
                <fieldset class="field" class:invalid=role_error.is_some() aria-describedby="share-role-error">
                    <legend>{t(lang, Msg::ShareRole)}</legend>
                    {[("vertrouwenspersoon", Msg::RoleVertrouwenspersoon), ("advocaat", Msg::RoleAdvocaat)].into_iter().map(|(code, label)| {
                        let id = format!("share-role-{code}");
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="role" value=code checked=role_now == code/>
                                <label for=id>{t(lang, label)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p id="share-role-error" class="field-error">{role_error.map(|m| t(lang, m))}</p>
                </fieldset>
                <div class="field" class:invalid=err("until").is_some()>
                    <label for="share-until">{t(lang, Msg::ShareUntil)}</label>
                    <input id="share-until" type="date" name="until" value=until max=max_until.to_string()
                        aria-invalid=err("until").is_some().then_some("true") aria-describedby="share-until-error"/>
                    <p id="share-until-error" class="field-error">{err("until").map(|m| t(lang, m))}</p>
                </div>
                <button type="submit" class="primary">{t(lang, Msg::ShareSubmit)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn PrintPage() -> impl IntoView {
    let lang = use_lang();
    let young = super::session::is_young();
    let data = Resource::new_blocking(|| (), |_| load_print());
    super::loaded(data, move |view: PrintView| {
        view! {
            <article class="print">
                <header class="card">
                    <h1>{t(lang, Msg::PrintTitle)}</h1>
                    <p>{tf(lang, Msg::PrintFor, &[("name", &view.reader), ("reference", &view.case_reference), ("date", &long_date(lang, view.today))])}</p>
                    <p class="no-print">{tj(lang, Msg::PrintHint, young)}</p>
                </header>
                <super::involved::InvolvedList view=view.involved/>
                {view.reports.into_iter().map(|r| view! {
                    <section class="card print-report">
                        <h2>{r.summary.title.clone()}</h2>
                        <p>{tf(lang, Msg::ReportBy, &[("org", &r.summary.organisation), ("author", &r.summary.author), ("date", &long_date(lang, r.summary.date))])}</p>
                        <ol class="statements">
                            {r.statements.into_iter().map(|s| view! {
                                <super::reports::StatementItem lang s can_respond=false form_key=String::new() today=r.today state=None/>
                            }).collect_view()}
                        </ol>
                    </section>
                }).collect_view()}
            </article>
        }
    })
}
