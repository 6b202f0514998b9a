//! The import API: JSON over HTTP under `/api/v1`, for an organisation's own case system
//! acting for that organisation only (issue 16). Its OpenAPI 3.1 document is generated from
//! these types ([`ApiDoc`], served at `/api/v1/openapi.json`).
//!
//! Every call: the bearer token names the client (`store::api_clients`, hashed), the client's
//! bucket allows it (`backend::rate_limit`: one bucket per client, in the database every instance
//! shares when that is PostgreSQL), the policy decides (`policy::authorize_api`),
//! the body is read as [`body::read`] reads every body, and the change goes through the one
//! write path (`change::change_found`) with its audit row naming the client. What is refused
//! is a problem (RFC 9457, [`problem`]).
//!
//! Versions: additions within v1 (a new field in an answer, a new optional field, a new
//! endpoint) keep the path; the `API-version` header says which v1 answered. Anything that
//! would break a client is v2, beside v1.
pub mod body;
pub mod bundels;
pub mod contacten;
pub mod problem;
pub mod put;
pub mod rapporten;
pub mod reacties;
pub mod rollen;
pub mod statussen;
pub mod zaken;

use crate::backend::{
    audit::AuditEvent,
    policy::{authorize_api, ApiAction, ApiGrant},
    session::hash_token,
    store::api_clients,
    time, ApiClient, RequestCtx,
};
use crate::domain::{CaseId, FamilyId};
pub use crate::error::ProblemKind;
use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use problem::Refusal;
use std::sync::Arc;
use utoipa::OpenApi;

/// The version of v1 that answers (semantic versioning; sent as `API-version`).
pub const API_VERSION: &str = "1.2.0";

/// What every token starts with, so a leaked one is recognisable (secret scanners).
pub const TOKEN_PREFIX: &str = "helder_";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Helder import API",
        version = "1.2.0",
        description = "For an organisation's own case system: cases and their families, who works on them, their next phases, contacts with the family, and reports statement by statement, with the same checks, visibility and audit as the professionals' screens. Names follow the ZGW Zaken API where it names the same thing. Errors are RFC 9457 problem details with one entry per wrong field (JSON pointer, code, Dutch and English). Additive changes stay in v1; the `API-version` response header says which."
    ),
    paths(zaken::put_zaak, zaken::get_zaak, rapporten::put_rapport, rapporten::get_rapport, statussen::put_status, statussen::get_status, rollen::put_rol, rollen::get_rol, contacten::put_contact, contacten::get_contact, bundels::post_bundel, reacties::get_reacties),
    components(schemas(problem::Problem, problem::FieldProblem)),
    modifiers(&BearerToken),
    tags(
        (name = "zaken", description = "Cases (ZGW: zaak) and their families"),
        (name = "statussen", description = "The next phase of a case (ZGW: status), recorded as a professional records it: the decision, its date, the last day, who leads, who keeps watching"),
        (name = "rollen", description = "Who works on a case (ZGW: rol): added, ended, responsible now, the family's vaste contactpersoon. The involvement the case was opened with is `behandelaar`"),
        (name = "contacten", description = "A professional's contacts with the family, which invite its feedback on the collaboration"),
        (name = "bundels", description = "Up to 50 calls in one request, each answered as on its own"),
        (name = "rapporten", description = "Reports statement by statement, with the informants they cite and whom a statement is hidden from: written, sent for the family's reaction, made final"),
        (name = "reacties", description = "What the family did with the organisation's reports, and its feedback as figures, with the words of those who let the organisation's system have them")
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A client's token, made by the organisation's administrator in /beheer",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document as JSON, made once.
pub fn openapi_json() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| ApiDoc::openapi().to_json().unwrap_or_default())
}

/// The API's routes (they take the request context the server's edge resolved).
pub fn router() -> Router {
    Router::new()
        .route(
            "/api/v1/zaken/{identificatie}",
            get(zaken::get_zaak).put(zaken::put_zaak),
        )
        .route(
            "/api/v1/zaken/{identificatie}/rapporten/{id}",
            get(rapporten::get_rapport).put(rapporten::put_rapport),
        )
        .route(
            "/api/v1/zaken/{identificatie}/statussen/{id}",
            get(statussen::get_status).put(statussen::put_status),
        )
        .route(
            "/api/v1/zaken/{identificatie}/rollen/{id}",
            get(rollen::get_rol).put(rollen::put_rol),
        )
        .route(
            "/api/v1/zaken/{identificatie}/contacten/{id}",
            get(contacten::get_contact).put(contacten::put_contact),
        )
        .route(
            "/api/v1/zaken/{identificatie}/reacties",
            get(reacties::get_reacties),
        )
        .route("/api/v1/bundels", axum::routing::post(bundels::post_bundel))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/{*rest}", axum::routing::any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::map_response(versioned))
}

async fn versioned(mut res: Response) -> Response {
    res.headers_mut()
        .insert("api-version", HeaderValue::from_static(API_VERSION));
    res
}

async fn openapi() -> Response {
    use crate::backend::policy::{authorize_public, Action};
    if authorize_public(Action::ReadApiReference).is_err() {
        return Refusal::not_found().into_response();
    }
    ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

async fn not_found() -> Response {
    Refusal::not_found().into_response()
}

async fn method_not_allowed() -> Response {
    Refusal::new(ProblemKind::Method).into_response()
}

/// An API call's caller: the request's context and the client its bearer token names, whose
/// bucket allowed this request.
pub struct Caller {
    pub ctx: Arc<RequestCtx>,
    pub client: ApiClient,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Caller, Refusal> {
        let ctx = parts
            .extensions
            .get::<Arc<RequestCtx>>()
            .cloned()
            .ok_or_else(|| Refusal::from(crate::error::AppError::Unavailable))?;
        let token = bearer(&parts.headers).ok_or_else(Refusal::unauthorized)?;
        let client = api_clients::by_token(&ctx.backend.db, &hash_token(token), time::now())
            .await?
            .ok_or_else(Refusal::unauthorized)?;
        if let Err(wait) = ctx.backend.api_rate.take(client.id).await? {
            return Err(Refusal::from(crate::error::AppError::Throttled {
                retry_after_secs: wait.as_secs().max(1),
            }));
        }
        Ok(Caller { ctx, client })
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && token.starts_with(TOKEN_PREFIX)).then_some(token)
}

impl Caller {
    /// The policy's answer; a denial is audited (NEN 7513 logs failed attempts too) and is the
    /// same 404 as a case that does not exist.
    pub async fn authorize(
        &self,
        action: ApiAction,
        bronorganisatie: &str,
        identificatie: Option<&str>,
    ) -> Result<ApiGrant, Refusal> {
        match authorize_api(&self.client, action, bronorganisatie) {
            Ok(grant) => Ok(grant),
            Err(_) => {
                let mut event = self.event("authorize", "case").result("denied");
                event.detail = Some(format!(
                    "{action:?} {} {}",
                    bronorganisatie.chars().take(20).collect::<String>(),
                    identificatie
                        .unwrap_or("")
                        .chars()
                        .take(64)
                        .collect::<String>()
                ));
                self.ctx.backend.audit.record(event).await?;
                Err(Refusal::not_found())
            }
        }
    }

    /// An audit row of something this client does.
    pub fn event(&self, action: &'static str, kind: &'static str) -> AuditEvent {
        let mut event = AuditEvent::new(None, action, kind, &self.ctx.client_ip);
        event.api_client_id = Some(self.client.id);
        event
    }

    /// A read of something in a case, answered the one way: the policy (a denial audited,
    /// 404), `read` with the organisation the grant names and its RSIN, the audit row of the
    /// read before the answer goes out, and 304 when `If-None-Match` names this version.
    /// `read` gives the case, its family, what was read (kind and id, for the family's log)
    /// and what to show, or `None` for 404.
    pub async fn answer_read<T, F, Fut>(
        &self,
        zaak: &str,
        headers: &HeaderMap,
        read: F,
    ) -> Result<Response, Refusal>
    where
        T: serde::Serialize,
        F: FnOnce(uuid::Uuid, String) -> Fut,
        Fut: std::future::Future<
            Output = Result<
                Option<(CaseId, FamilyId, (&'static str, uuid::Uuid), T)>,
                crate::backend::StoreError,
            >,
        >,
    {
        let rsin = self.client.rsin.clone().unwrap_or_default();
        let grant = self
            .authorize(ApiAction::ReadCase, &rsin, Some(zaak))
            .await?;
        let Some((case, family, (kind, object), shown)) = read(grant.organisation_id, rsin).await?
        else {
            return Err(Refusal::not_found());
        };
        let event = self.event("read", kind).in_case(case, family).on(object);
        self.ctx.backend.audit.record(event).await?;
        Ok(put::read_answer(&shown, headers))
    }

    /// Records that this client read the case (before the answer goes out).
    pub async fn read_event(&self, case: CaseId, family: FamilyId) -> Result<(), Refusal> {
        let event = self.event("read", "case").in_case(case, family).on(case);
        self.ctx.backend.audit.record(event).await?;
        Ok(())
    }
}

/// The request's `Idempotency-Key`: 1 to 255 visible ASCII characters, or none.
pub fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Refusal> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(k) if (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(k.to_string()))
        }
        _ => Err(Refusal::new(ProblemKind::KeyInvalid)),
    }
}

/// What makes two requests the same request: method, address and the body as read.
pub fn request_hash(method: &str, path: &str, body: &impl serde::Serialize) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(serde_json::to_vec(body).unwrap_or_default());
    hex::encode(h.finalize())
}
