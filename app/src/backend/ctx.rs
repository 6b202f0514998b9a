//! The per-request context that the server's middleware resolves before any page or server
//! function runs (session → actor, language, client address, form flash), and the accessors
//! server functions use to reach it.
use super::{Backend, StoreError};
use crate::{domain::Role, error::AppError, forms::FormState, i18n::Lang};
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::sync::Arc;
use uuid::Uuid;

/// Who is acting: the logged-in account, resolved from a live session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub account_id: Uuid,
    pub person_id: Uuid,
    pub role: Role,
    pub organisation_id: Option<Uuid>,
    pub display_name: String,
    pub session_hash: String,
    /// For a family member: their place in their most recent open case, read with the
    /// session (one query less on every dossier page). The policy still decides what it grants.
    pub own_case: Option<super::policy::Membership>,
}

pub struct RequestCtx {
    pub backend: Backend,
    pub actor: Option<Actor>,
    pub lang: Lang,
    pub client_ip: String,
    /// A form flash left by the previous (JavaScript-free) post: (form name, payload JSON).
    pub flash: Option<(String, String)>,
}

impl RequestCtx {
    pub fn require_actor(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or(AppError::Unauthenticated)
    }
}

/// The context of the request being served (a page render or a server function call).
pub fn request() -> Result<Arc<RequestCtx>, AppError> {
    try_request().ok_or_else(|| {
        tracing::error!("no RequestCtx: the server's context layer did not run");
        AppError::Unavailable
    })
}

/// The context, if this render belongs to a request (route-list generation at start-up has none).
pub fn try_request() -> Option<Arc<RequestCtx>> {
    use_context::<Parts>().and_then(|p| p.extensions.get::<Arc<RequestCtx>>().cloned())
}
/// The form state the previous post left for form `form`, if any.
pub fn flash_for(form: &str) -> Option<FormState> {
    let ctx = try_request()?;
    let (name, payload) = ctx.flash.as_ref()?;
    (name == form)
        .then(|| serde_json::from_str(payload).ok())
        .flatten()
}

/// Builds the context for one request; called by the server's middleware.
pub async fn resolve(
    backend: &Backend,
    session_token: Option<&str>,
    flash_token: Option<&str>,
    lang: Lang,
    client_ip: String,
) -> Result<RequestCtx, StoreError> {
    let actor = match session_token {
        Some(token) => super::session::resolve(&backend.db, token).await?,
        None => None,
    };
    let flash = match flash_token {
        Some(token) => super::flash::take(&backend.db, token).await?,
        None => None,
    };
    Ok(RequestCtx {
        backend: backend.clone(),
        actor,
        lang,
        client_ip,
        flash,
    })
}

/// The first step of every server function that touches protected data: the request's
/// context, a logged-in actor, and the policy's answer for (action, resource). A denial is
/// written to the audit trail (NEN 7513 logs failed attempts too) and answered with the same
/// 404 as something that does not exist.
pub async fn authorize(
    action: super::policy::Action,
    resource: super::policy::Resource,
) -> Result<(Arc<RequestCtx>, Option<super::policy::CaseGrant>), AppError> {
    let ctx = request()?;
    let actor = ctx.require_actor()?;
    match super::policy::authorize(&ctx.backend.db, actor, action, resource).await {
        Ok(grant) => Ok((ctx, grant)),
        Err(AppError::NotFound) => {
            record_denied(&ctx, actor, action, resource).await?;
            Err(AppError::NotFound)
        }
        Err(e) => Err(e),
    }
}

/// The audit row of a denied request: who, which action, the case id that was asked for (if
/// any) and from where — nothing the caller sees.
async fn record_denied(
    ctx: &RequestCtx,
    actor: &Actor,
    action: super::policy::Action,
    resource: super::policy::Resource,
) -> Result<(), AppError> {
    use super::{audit::AuditEvent, policy::Resource};
    let mut event = AuditEvent::new(Some(actor.account_id), "authorize", "case", &ctx.client_ip)
        .result("denied");
    event.detail = Some(format!("{action:?} {resource:?}"));
    if let Resource::Case(id) = resource {
        event.object_id = Some(id);
    }
    ctx.backend.audit.record(event).await?;
    Ok(())
}

/// [`authorize`] for actions on a case's dossier, where a grant is required.
pub async fn authorize_case(
    action: super::policy::Action,
    resource: super::policy::Resource,
) -> Result<(Arc<RequestCtx>, super::policy::CaseGrant), AppError> {
    let (ctx, grant) = authorize(action, resource).await?;
    match grant {
        Some(grant) => Ok((ctx, grant)),
        None => {
            record_denied(&ctx, ctx.require_actor()?, action, resource).await?;
            Err(AppError::NotFound)
        }
    }
}

/// [`authorize_case`] for reading a dossier: the given case (professionals, confidants) or,
/// with `None`, the family member's own.
pub async fn read_dossier(
    case: Option<Uuid>,
) -> Result<(Arc<RequestCtx>, super::policy::CaseGrant), AppError> {
    use super::policy::{Action, Resource};
    authorize_case(
        Action::ReadDossier,
        case.map(Resource::Case).unwrap_or(Resource::OwnCase),
    )
    .await
}
