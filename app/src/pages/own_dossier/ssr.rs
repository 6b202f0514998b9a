//! The server-only work of the `own_dossier` page.
use super::*;
use crate::domain::PersonId;
use crate::{
    backend::{
        change::change,
        ctx,
        policy::{Action, Resource, Viewer},
        store::{cases, sharing},
        time,
        visibility::Visibility,
    },
    domain::access_rule,
};

pub(super) async fn shares_of(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
) -> Result<Vec<ShareView>, AppError> {
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

pub(super) async fn build_own_dossier() -> Result<OwnDossier, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
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
    let event = ctx
        .event(&actor, "read", "own_dossier")
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

pub(super) async fn share(
    username: String,
    role: String,
    until: String,
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
    let young = actor.role == crate::domain::Role::YoungPerson;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let db = ctx.backend.db.clone();
    let values =
        crate::forms::typed(&[("username", &username), ("role", &role), ("until", &until)]);
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
        return crate::forms::finish(SHARE_FORM, "/mijn-dossier", values, reply).await;
    };
    // Shared until the end of the chosen day (Europe/Amsterdam).
    let expires = time::end_of_local_day(until_date);
    let event = ctx
        .event(&actor, "share", "delegation")
        .case(&grant)
        .on(grantee_id);
    let case_id = grant.case_id;
    change(&db, event, move |tx| {
        Box::pin(async move {
            let delegation = sharing::NewDelegation {
                case_id,
                granted_by: me,
                grantee_account_id: grantee_id,
                grantee_role,
                at: time::now(),
                expires_at: expires,
            };
            sharing::delegate(tx, &delegation).await.map(|_| ())
        })
    })
    .await?;
    crate::forms::finish(SHARE_FORM, "/mijn-dossier", Vec::new(), reply).await
}

pub(super) async fn revoke(share: Uuid) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ShareDossier, Resource::OwnCase).await?;
    let young = actor.role == crate::domain::Role::YoungPerson;
    let me = grant.viewer.member().ok_or(AppError::NotFound)?;
    let event = ctx
        .event(&actor, "revoke_share", "delegation")
        .case(&grant)
        .on(share);
    let case_id = grant.case_id;
    let revoked = change(&ctx.backend.db, event, move |tx| {
        Box::pin(sharing::revoke(tx, share, case_id, me, time::now()))
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

pub(super) async fn consent(parent: PersonId, give: bool) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ManageConsent, Resource::OwnCase).await?;
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
    let event = ctx.event(&actor, action, "consent").case(&grant).on(parent);
    change(&ctx.backend.db, event, move |tx| {
        Box::pin(sharing::set_consent(tx, me, parent, give, time::now()))
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
pub(super) async fn own_copy() -> Result<(crate::backend::Granted, PrintView), AppError> {
    let granted = ctx::authorize_case(Action::ExportOwnData, Resource::OwnCase).await?;
    let (db, grant) = (&granted.ctx.backend.db, &granted.grant);
    let seen = Visibility::of(db, grant).await?;
    let view = PrintView {
        reader: granted.actor.display_name.clone(),
        case_reference: cases::reference(db, grant.case_id).await?,
        today: time::today(),
        involved: crate::pages::involved::involved_of(db, grant, &seen).await?,
        reports: crate::pages::reports::report_views(db, grant, &seen, None).await?,
    };
    Ok((granted, view))
}

pub(super) async fn build_export() -> Result<DossierExport, AppError> {
    let cross_site = use_context::<axum::http::request::Parts>().is_some_and(|p| {
        p.headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site")
    });
    if cross_site {
        return Err(AppError::NotFound);
    }
    let (crate::backend::Granted { ctx, actor, grant }, base) = own_copy().await?;
    let db = &ctx.backend.db;
    let export = DossierExport {
        format: "helder-dossier-export/1".to_string(),
        generated_at: time::now().to_rfc3339(),
        reader: base.reader,
        case_reference: base.case_reference,
        praatplaat: crate::pages::where_am_i::praatplaat_of(db, &grant).await?,
        involved: base.involved,
        reports: base.reports,
        shares: shares_of(db, &grant).await?,
        access_log: {
            let (from, to) = crate::pages::access_log::everything();
            let query = crate::backend::audit::AccessQuery {
                case_id: grant.case_id,
                from,
                to,
                with_family: true,
                reader: actor.account_id,
            };
            crate::pages::access_log::access_groups(db, &grant, query, ctx.lang).await?
        },
    };
    let event = ctx
        .event(&actor, "export", "dossier")
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

pub(super) async fn build_print() -> Result<PrintView, AppError> {
    let (crate::backend::Granted { ctx, actor, grant }, view) = own_copy().await?;
    let event = ctx
        .event(&actor, "read", "print")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}
