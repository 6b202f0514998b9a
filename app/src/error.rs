//! The errors a page or a server function can end in, as the user meets them.
//!
//! Back-end failures (`backend::StoreError`, …) are logged where they happen and become one
//! of these; the browser never sees SQL or a stack trace. Each variant has one translated
//! message ([`AppError::msg`]): errors are translated once, at the edge.
use crate::i18n::Msg;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Also what a denial looks like: a forbidden item is indistinguishable from a missing one.
    #[error("not found")]
    NotFound,
    #[error("not logged in")]
    Unauthenticated,
    #[error("too many attempts; retry after {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("invalid input")]
    Invalid,
    /// A request body larger than the portal accepts (the edge's limit).
    #[error("too large")]
    TooLarge,
    #[error("temporarily unavailable")]
    Unavailable,
    /// A change that could not be saved because the database was busy with others at the same
    /// moment (after a few tries); nothing of it was saved, and trying again soon will work.
    #[error("busy; nothing was saved")]
    Busy,
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn msg(&self) -> Msg {
        match self {
            AppError::NotFound => Msg::ErrorNotFound,
            AppError::Unauthenticated => Msg::ErrorLoginNeeded,
            AppError::Throttled { .. } => Msg::ErrorThrottled,
            AppError::Invalid => Msg::ErrorInvalid,
            AppError::TooLarge => Msg::ErrorTooLarge,
            AppError::Busy => Msg::ErrorBusy,
            AppError::Unavailable | AppError::Transport(_) => Msg::ErrorUnavailable,
        }
    }

    /// The address of the page that explains this error to a browser without JavaScript
    /// (`/probleem/<slug>`), and back ([`AppError::from_slug`]).
    pub fn slug(&self) -> &'static str {
        match self {
            AppError::NotFound => "niet-gevonden",
            AppError::Unauthenticated => "inloggen",
            AppError::Throttled { .. } => "te-vaak",
            AppError::Invalid => "ongeldig",
            AppError::TooLarge => "te-groot",
            AppError::Busy => "bezet",
            AppError::Unavailable | AppError::Transport(_) => "storing",
        }
    }

    pub fn from_slug(slug: &str) -> AppError {
        match slug {
            "inloggen" => AppError::Unauthenticated,
            "te-vaak" => AppError::Throttled {
                retry_after_secs: 0,
            },
            "ongeldig" => AppError::Invalid,
            "te-groot" => AppError::TooLarge,
            "bezet" => AppError::Busy,
            "storing" => AppError::Unavailable,
            _ => AppError::NotFound,
        }
    }

    /// The HTTP status a page that ends in this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Throttled { .. } => 429,
            AppError::Invalid => 400,
            AppError::TooLarge => 413,
            AppError::Unavailable | AppError::Busy | AppError::Transport(_) => 503,
        }
    }
}

/// Ends a server function: an error also sets the response's HTTP status (404 for anything
/// denied or missing, 401, 429, …), for script clients and for the page being rendered alike.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    #[cfg(feature = "ssr")]
    if let Err(e) = &result {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                axum::http::StatusCode::from_u16(e.status())
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// A request whose arguments cannot be read (one missing, an id that is not one, a body
    /// of the wrong kind) is the client's mistake, not a failure of ours.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::Invalid,
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// The import API's readable reference (`pages::api_reference`); problem types link to its anchors.
pub const API_REFERENCE: &str = "/api-beschrijving";

/// Every kind of refusal the import API gives, with its HTTP status and its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Invalid,
    Malformed,
    NotJson,
    Unauthorized,
    NotFound,
    TooLarge,
    Throttled,
    Method,
    Conflict,
    NoSuchVersion,
    KeyReused,
    KeyInvalid,
    Busy,
    Unavailable,
}

impl ProblemKind {
    pub const ALL: [ProblemKind; 14] = [
        ProblemKind::Invalid,
        ProblemKind::Malformed,
        ProblemKind::NotJson,
        ProblemKind::Unauthorized,
        ProblemKind::NotFound,
        ProblemKind::TooLarge,
        ProblemKind::Throttled,
        ProblemKind::Method,
        ProblemKind::Conflict,
        ProblemKind::NoSuchVersion,
        ProblemKind::KeyReused,
        ProblemKind::KeyInvalid,
        ProblemKind::Busy,
        ProblemKind::Unavailable,
    ];

    /// The anchor on this page (stable: clients may match on it).
    pub fn slug(self) -> &'static str {
        match self {
            ProblemKind::Invalid => "ongeldig",
            ProblemKind::Malformed => "geen-json",
            ProblemKind::NotJson => "alleen-json",
            ProblemKind::Unauthorized => "sleutel",
            ProblemKind::NotFound => "niet-gevonden",
            ProblemKind::TooLarge => "te-groot",
            ProblemKind::Throttled => "te-veel",
            ProblemKind::Method => "methode",
            ProblemKind::Conflict => "veranderd",
            ProblemKind::NoSuchVersion => "geen-versie",
            ProblemKind::KeyReused => "sleutel-hergebruikt",
            ProblemKind::KeyInvalid => "sleutel-ongeldig",
            ProblemKind::Busy => "bezig",
            ProblemKind::Unavailable => "niet-beschikbaar",
        }
    }

    pub fn status(self) -> u16 {
        match self {
            ProblemKind::Invalid | ProblemKind::KeyReused => 422,
            ProblemKind::Malformed | ProblemKind::KeyInvalid => 400,
            ProblemKind::NotJson => 415,
            ProblemKind::Unauthorized => 401,
            ProblemKind::NotFound => 404,
            ProblemKind::TooLarge => 413,
            ProblemKind::Throttled => 429,
            ProblemKind::Method => 405,
            ProblemKind::Conflict => 409,
            ProblemKind::NoSuchVersion => 412,
            ProblemKind::Busy | ProblemKind::Unavailable => 503,
        }
    }

    pub fn title(self) -> Msg {
        match self {
            ProblemKind::Invalid => Msg::ApiInvalid,
            ProblemKind::Malformed => Msg::ApiMalformed,
            ProblemKind::NotJson => Msg::ApiNotJson,
            ProblemKind::Unauthorized => Msg::ApiUnauthorized,
            ProblemKind::NotFound => Msg::ApiNotFound,
            ProblemKind::TooLarge => Msg::ApiTooLarge,
            ProblemKind::Throttled => Msg::ApiThrottled,
            ProblemKind::Method => Msg::ApiMethod,
            ProblemKind::Conflict => Msg::ApiConflict,
            ProblemKind::NoSuchVersion => Msg::ApiNoSuchVersion,
            ProblemKind::KeyReused => Msg::ApiKeyReused,
            ProblemKind::KeyInvalid => Msg::ApiKeyInvalid,
            ProblemKind::Busy => Msg::ErrorBusy,
            ProblemKind::Unavailable => Msg::ErrorUnavailable,
        }
    }

    /// The problem's `type`: a link to its explanation on this page.
    pub fn uri(self) -> String {
        format!("{API_REFERENCE}#{}", self.slug())
    }
}
