//! The per-request context that the server's edge (`server::layers::context`) resolves before
//! any page or server function runs (session → actor, language, client address, form flash),
//! and the accessors server functions use to reach it: `request()` and the policy's
//! `authorize…`, which hand back a [`Granted`].
use super::Backend;
use crate::domain::CaseId;
use crate::{error::AppError, i18n::Lang};
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::sync::Arc;

pub use super::actor::Actor;

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

    /// The audit row of something `actor` does in this request (from this client address);
    /// the caller adds the case (`.case(&grant)`) and the object (`.on(id)`).
    pub fn event(
        &self,
        actor: &Actor,
        action: &'static str,
        kind: &'static str,
    ) -> super::audit::AuditEvent {
        super::audit::AuditEvent::new(Some(actor.account_id), action, kind, &self.client_ip)
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
/// What the policy granted: the request's context, the actor it was granted to, and — for an
/// action on a case's dossier — the case grant (whose view of the dossier, which case).
/// Server functions destructure it: `let Granted { ctx, actor, grant } = authorize_case(…)`.
pub struct Granted<G = super::policy::CaseGrant> {
    pub ctx: Arc<RequestCtx>,
    pub actor: Actor,
    pub grant: G,
}

/// The first step of every server function that touches protected data: the request's
/// context, a logged-in actor, and the policy's answer for (action, resource). A denial is
/// written to the audit trail (NEN 7513 logs failed attempts too) and answered with the same
/// 404 as something that does not exist.
pub async fn authorize(
    action: super::policy::Action,
    resource: super::policy::Resource,
) -> Result<Granted<Option<super::policy::CaseGrant>>, AppError> {
    let ctx = request()?;
    let actor = ctx.require_actor()?.clone();
    match super::policy::authorize(&ctx.backend.db, &actor, action, resource).await {
        Ok(grant) => Ok(Granted { ctx, actor, grant }),
        Err(AppError::NotFound) => {
            record_denied(&ctx, &actor, action, resource).await?;
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
        event.object_id = Some(id.into());
    }
    ctx.backend.audit.record(event).await?;
    Ok(())
}

/// The first step of a server function that serves public reference data (the glossary): the
/// request's context and the policy's answer for an action anyone may take, logged in or not.
pub fn authorize_public(action: super::policy::Action) -> Result<Arc<RequestCtx>, AppError> {
    super::policy::authorize_public(action)?;
    request()
}

/// [`authorize`] for actions on a case's dossier, where a grant is required.
pub async fn authorize_case(
    action: super::policy::Action,
    resource: super::policy::Resource,
) -> Result<Granted, AppError> {
    let Granted { ctx, actor, grant } = authorize(action, resource).await?;
    match grant {
        Some(grant) => Ok(Granted { ctx, actor, grant }),
        None => {
            record_denied(&ctx, &actor, action, resource).await?;
            Err(AppError::NotFound)
        }
    }
}

/// [`authorize_case`] for reading a dossier: the given case (professionals, confidants) or,
/// with `None`, the family member's own.
pub async fn read_dossier(case: Option<CaseId>) -> Result<Granted, AppError> {
    use super::policy::{Action, Resource};
    authorize_case(
        Action::ReadDossier,
        case.map(Resource::Case).unwrap_or(Resource::OwnCase),
    )
    .await
}
