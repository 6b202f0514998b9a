//! `POST /api/v1/bundels`: up to [`MAX_REQUESTS`] calls of the API in one request — a case,
//! then its involvements, phases, contacts and reports — for a case system that catches up
//! after a day's work. Each call in the bundle is answered exactly as it would be on its own:
//! it goes through the same router, with the same key, rate, policy, checks, audit and
//! idempotency; the bundle only carries them there and back, in order.
//!
//! Each call is its own transaction: a refused call changes nothing of its own, and the calls
//! before it stay done (as when they were sent one by one). A later call may rely on an
//! earlier one (a report of the case the bundle opens); when the earlier one was refused, the
//! later one says so with its own answer.
use super::{
    body,
    problem::{FieldProblem, Refusal},
    Caller,
};
use crate::{backend::policy::ApiAction, i18n::Msg};
use axum::{
    body::Body,
    http::{header, HeaderMap, Method, Request},
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// At most this many calls in one bundle.
pub const MAX_REQUESTS: usize = 50;

/// Calls of the API, in the order they are to be made.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BundelIn {
    /// The organisation's RSIN: only a client's own organisation (each call names it again).
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// 1 to 50 calls.
    pub verzoeken: Vec<Verzoek>,
}

/// One call, as it would be sent on its own.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Verzoek {
    pub methode: Methode,
    /// An address of a case or of what belongs to it: `/api/v1/zaken/…`.
    #[schema(example = "/api/v1/zaken/RVDK-2026-0117")]
    pub pad: String,
    /// The body of a PUT (none for a GET).
    #[serde(default)]
    pub inhoud: Option<serde_json::Value>,
    /// The call's own `Idempotency-Key`.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// The call's own `If-Match`.
    #[serde(default)]
    pub if_match: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum Methode {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "PUT")]
    Put,
}

/// The answers, in the order of the calls.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Bundel {
    pub antwoorden: Vec<Antwoord>,
}

/// One call's answer, as it would have come on its own.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Antwoord {
    /// Its HTTP status.
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    /// Its JSON body: what the call answers, or its problem (RFC 9457).
    pub inhoud: serde_json::Value,
}

/// The calls' shape: their number, their addresses under a case, a body with a PUT only.
fn shape(input: &BundelIn) -> Vec<FieldProblem> {
    let mut errors = Vec::new();
    if input.verzoeken.is_empty() || input.verzoeken.len() > MAX_REQUESTS {
        errors.push(FieldProblem::new("/verzoeken", Msg::ApiBundleCount));
    }
    for (i, v) in input.verzoeken.iter().enumerate() {
        let rest = v.pad.strip_prefix("/api/v1/zaken/").unwrap_or("");
        // Only the case resources: never a bundle in a bundle, no query, no fragment.
        if rest.is_empty() || rest.contains(['?', '#']) || !v.pad.is_ascii() {
            errors.push(FieldProblem::new(
                format!("/verzoeken/{i}/pad"),
                Msg::ApiBundlePath,
            ));
        }
        if (v.methode == Methode::Put) != v.inhoud.is_some() {
            errors.push(FieldProblem::new(
                format!("/verzoeken/{i}/inhoud"),
                Msg::ApiBundleBody,
            ));
        }
    }
    errors
}

/// Make several calls in one request
///
/// Up to 50 calls of this API, made in order, each answered as it would be on its own (its
/// status, ETag, Location and body). Each call is its own transaction: a refused call changes
/// nothing, and the calls before it stay done.
#[utoipa::path(
    post,
    path = "/api/v1/bundels",
    tag = "bundels",
    request_body(content = BundelIn, content_type = "application/json"),
    responses(
        (status = 200, description = "Every call's answer, in order", body = Bundel),
        super::problem::Refused,
        super::problem::BodyRefused,
    ),
    security(("token" = ["zaken.lezen", "zaken.schrijven"]))
)]
pub async fn post_bundel(caller: Caller, headers: HeaderMap, body: Body) -> Response {
    post(caller, headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn post(caller: Caller, headers: HeaderMap, body: Body) -> Result<Response, Refusal> {
    let input: BundelIn = body::read(&headers, body).await?;
    // The bundle needs what its calls need: a write scope when one writes, a read scope
    // otherwise. Each call asks the policy again for itself.
    let action = if input.verzoeken.iter().any(|v| v.methode == Methode::Put) {
        ApiAction::WriteCase
    } else {
        ApiAction::ReadCase
    };
    caller
        .authorize(action, &input.bronorganisatie, None)
        .await?;
    let errors = shape(&input);
    if !errors.is_empty() {
        return Err(Refusal::invalid(errors));
    }
    let token = headers.get(header::AUTHORIZATION).cloned();
    let mut antwoorden = Vec::with_capacity(input.verzoeken.len());
    for v in input.verzoeken {
        antwoorden.push(call(&caller, token.clone(), v).await);
    }
    Ok(Json(Bundel { antwoorden }).into_response())
}

/// The API's routes, built once for every bundle's calls (a clone shares them).
fn routes() -> axum::Router {
    static ROUTES: std::sync::OnceLock<axum::Router> = std::sync::OnceLock::new();
    ROUTES.get_or_init(super::router).clone()
}

/// One call through the API's own router, with the bundle's key and request context.
async fn call(caller: &Caller, token: Option<header::HeaderValue>, v: Verzoek) -> Antwoord {
    use tower::ServiceExt;
    let mut req = Request::builder()
        .method(match v.methode {
            Methode::Get => Method::GET,
            Methode::Put => Method::PUT,
        })
        .uri(&v.pad);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, t);
    }
    for (name, value) in [
        ("idempotency-key", v.idempotency_key),
        ("if-match", v.if_match),
    ] {
        if let Some(value) = value {
            req = req.header(name, value);
        }
    }
    let body = match v.inhoud {
        Some(json) => {
            req = req.header(header::CONTENT_TYPE, "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let answered = match req.extension(caller.ctx.clone()).body(body) {
        Ok(req) => routes().oneshot(req).await.ok(),
        Err(_) => None,
    };
    let res = match answered {
        Some(res) => res,
        // An address no request can be made of: answered as a wrong field of its own.
        None => {
            Refusal::invalid(vec![FieldProblem::new("/pad", Msg::ApiBundlePath)]).into_response()
        }
    };
    // Read before the body is awaited: the response itself does not cross an await.
    let (status, etag, location) = {
        let h = res.headers();
        let text = |name: header::HeaderName| {
            h.get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        (
            res.status().as_u16(),
            text(header::ETAG),
            text(header::LOCATION),
        )
    };
    let bytes = axum::body::to_bytes(res.into_body(), body::API_LIMIT * 2)
        .await
        .unwrap_or_default();
    Antwoord {
        status,
        etag,
        location,
        inhoud: serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    }
}
