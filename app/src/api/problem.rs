//! Problem details (RFC 9457) for everything the import API refuses: a title in Dutch and in
//! English, and for bad input one entry per field with its JSON pointer, a code and the
//! message the screens show at the same field, in both languages.
use crate::{
    error::AppError,
    error::ProblemKind,
    i18n::{t, Lang, Msg},
};
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Why a request was refused (`application/problem+json`).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Problem {
    /// What kind of problem: a link to its explanation in the API reference.
    #[serde(rename = "type")]
    pub kind: String,
    /// In Dutch.
    pub title: String,
    /// The same in English.
    pub title_en: String,
    pub status: u16,
    /// One entry per field that is wrong (bad input only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    /// A conflict: the case as it is now (its ETag is in the `ETag` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub current: Option<serde_json::Value>,
}

/// One wrong field.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field, as a JSON pointer into the request body (RFC 6901), e.g. `/gezinsleden/0/voornaam`.
    pub pointer: String,
    /// A stable code for the mistake (the message's key).
    pub code: String,
    /// What is wrong, in Dutch.
    pub nl: String,
    /// What is wrong, in English.
    pub en: String,
}

impl FieldProblem {
    pub fn new(pointer: impl Into<String>, msg: Msg) -> FieldProblem {
        FieldProblem {
            pointer: pointer.into(),
            code: msg.key().to_string(),
            nl: t(Lang::Nl, msg).to_string(),
            en: t(Lang::En, msg).to_string(),
        }
    }
}

/// A refused request, as the handler returns it.
#[derive(Debug)]
pub struct Refusal {
    /// Boxed: a refusal travels as the `Err` of every handler step, which stays small.
    pub problem: Box<Problem>,
    pub headers: Vec<(header::HeaderName, String)>,
}

impl Refusal {
    pub fn new(kind: ProblemKind) -> Refusal {
        Refusal {
            problem: Box::new(Problem {
                kind: kind.uri(),
                title: t(Lang::Nl, kind.title()).to_string(),
                title_en: t(Lang::En, kind.title()).to_string(),
                status: kind.status(),
                errors: Vec::new(),
                current: None,
            }),
            headers: Vec::new(),
        }
    }

    /// Bad input: one entry per wrong field (422).
    pub fn invalid(errors: Vec<FieldProblem>) -> Refusal {
        let mut r = Refusal::new(ProblemKind::Invalid);
        r.problem.errors = errors;
        r
    }

    pub fn not_found() -> Refusal {
        Refusal::new(ProblemKind::NotFound)
    }

    pub fn unauthorized() -> Refusal {
        let mut r = Refusal::new(ProblemKind::Unauthorized);
        r.headers
            .push((header::WWW_AUTHENTICATE, "Bearer realm=\"helder\"".into()));
        r
    }

    pub fn header(mut self, name: header::HeaderName, value: impl Into<String>) -> Refusal {
        self.headers.push((name, value.into()));
        self
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Refusal {
        match e {
            AppError::NotFound => Refusal::not_found(),
            AppError::Unauthenticated => Refusal::unauthorized(),
            AppError::TooLarge => Refusal::new(ProblemKind::TooLarge),
            AppError::Throttled { retry_after_secs } => Refusal::new(ProblemKind::Throttled)
                .header(header::RETRY_AFTER, retry_after_secs.to_string()),
            AppError::Invalid => Refusal::new(ProblemKind::Malformed),
            AppError::Busy => Refusal::new(ProblemKind::Busy).header(header::RETRY_AFTER, "1"),
            AppError::Unavailable | AppError::Transport(_) => {
                Refusal::new(ProblemKind::Unavailable)
            }
        }
    }
}

impl From<crate::backend::StoreError> for Refusal {
    fn from(e: crate::backend::StoreError) -> Refusal {
        Refusal::from(AppError::from(e))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self.problem).unwrap_or_default();
        let mut res = (status, body).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(name, v);
            }
        }
        res
    }
}

/// The refusals every call may answer with, for the OpenAPI document (`responses(…, Refused)`).
/// Never built: the answers are [`Refusal`]s; this only describes them once.
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub enum Refused {
    #[response(
        status = 401,
        description = "No valid token",
        content_type = "application/problem+json"
    )]
    Unauthorized(Problem),
    #[response(
        status = 404,
        description = "Not this client's organisation, or not there",
        content_type = "application/problem+json"
    )]
    NotFound(Problem),
    #[response(
        status = 429,
        description = "Too many requests",
        content_type = "application/problem+json"
    )]
    Throttled(Problem),
    #[response(
        status = 503,
        description = "Busy or unavailable: try again after Retry-After",
        content_type = "application/problem+json"
    )]
    Unavailable(Problem),
}

/// What a call with a body may also be refused with (`responses(…, Refused, BodyRefused)`).
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub enum BodyRefused {
    #[response(
        status = 400,
        description = "Not JSON, or an Idempotency-Key that is not 1 to 255 visible characters",
        content_type = "application/problem+json"
    )]
    Malformed(Problem),
    #[response(
        status = 413,
        description = "Body too large",
        content_type = "application/problem+json"
    )]
    TooLarge(Problem),
    #[response(
        status = 415,
        description = "Not application/json",
        content_type = "application/problem+json"
    )]
    NotJson(Problem),
    #[response(
        status = 422,
        description = "Fields that are wrong, one entry each",
        content_type = "application/problem+json"
    )]
    Invalid(Problem),
}

/// What an idempotent PUT may also be refused with (`responses(…, Refused, BodyRefused,
/// PutRefused)`).
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub enum PutRefused {
    #[response(
        status = 409,
        description = "It changed since the client read it: `current` is how it is now, its ETag in the header",
        content_type = "application/problem+json"
    )]
    Conflict(Problem),
    #[response(
        status = 412,
        description = "If-Match for something that does not exist",
        content_type = "application/problem+json"
    )]
    NoSuchVersion(Problem),
}
