//! What a request may carry, decided once at the edge for every page and server function.
//! - A body is at most [`FORM_LIMIT`] bytes; more is answered 413 with a translated message.
//!   Helder's forms carry text fields of at most 4,000 characters (`MAX_TEXT`); the limit
//!   leaves room for several of those in any script, so only a body no form can send is
//!   refused. Uploads and the import API will get limits of their own, on their own routes.
//! - Form text is cleaned ([`clean`]) before any server function sees it, so the same input
//!   gives the same result on SQLite and PostgreSQL and no writer can disguise text.
//! - A server function's client mistake (an argument missing or not what it should be, a body
//!   of the wrong kind) is a 400 with a translated message, never the framework's internal
//!   text; any error a server function ends in reaches a browser without JavaScript as a
//!   friendly page (`/probleem/…`) instead of the error's JSON.
use app::error::AppError;
use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::borrow::Cow;

/// The largest request body the portal accepts (see the module's comment).
pub const FORM_LIMIT: usize = 256 * 1024;

/// The header Leptos marks a server function's error response with.
const SERVER_FN_ERROR: &str = "serverfnerror";

pub async fn guard(req: Request<Body>, next: Next) -> Response {
    let plain = accepts_html(req.headers());
    let api = req.uri().path().starts_with("/api/");
    // An address under /api/ that no server function has is not found, before anything
    // reads its body (Leptos would answer a 400 with a text about its own configuration).
    if api && !server_function_paths().contains(req.uri().path()) {
        return refuse(AppError::NotFound, plain);
    }
    let req = if changes_state(req.method()) {
        match limited_and_clean(req).await {
            Ok(req) => req,
            Err(e) => return refuse(e, plain),
        }
    } else {
        req
    };
    let res = next.run(req).await;
    if !api {
        return res;
    }
    if res.headers().contains_key(SERVER_FN_ERROR) {
        return server_fn_error(res, plain).await;
    }
    res
}

/// The addresses of the registered server functions (the registry is fixed at start-up).
fn server_function_paths() -> &'static std::collections::HashSet<&'static str> {
    static PATHS: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    PATHS.get_or_init(|| {
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect()
    })
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A browser posting a form itself asks for HTML; the app's WebAssembly asks for JSON.
fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Reads the body within the limit and cleans a form's text.
async fn limited_and_clean(req: Request<Body>) -> Result<Request<Body>, AppError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > FORM_LIMIT as u64) {
        return Err(AppError::TooLarge);
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (mut parts, body) = req.into_parts();
    // A body sent without a length (chunked) is counted as it arrives.
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| AppError::TooLarge)?;
    let bytes = match is_form.then(|| clean_form(&bytes)).flatten() {
        Some(cleaned) => {
            parts.headers.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(cleaned.len() as u64),
            );
            Bytes::from(cleaned)
        }
        None => bytes,
    };
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// The form body with every value cleaned, or `None` when nothing needed it (the body is
/// then passed on byte for byte).
pub fn clean_form(body: &[u8]) -> Option<String> {
    // Nearly every post is clean: find that out without copying a field.
    let dirty = form_urlencoded::parse(body)
        .any(|(k, v)| matches!(clean(&k), Cow::Owned(_)) || matches!(clean(&v), Cow::Owned(_)));
    dirty.then(|| {
        let cleaned = form_urlencoded::parse(body)
            .map(|(k, v)| (clean(&k).into_owned(), clean(&v).into_owned()));
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(cleaned)
            .finish()
    })
}

/// Text as Helder stores it (one rule for forms and the import API).
pub use app::backend::text::clean;

/// A server function's error, as the client should meet it.
async fn server_fn_error(res: Response, plain: bool) -> Response {
    let (mut parts, body) = res.into_parts();
    let error = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Unavailable),
        Err(_) => AppError::Unavailable,
    };
    // The framework's own failures carry its internal text: the client gets none of it.
    let error = match error {
        AppError::Transport(detail) => {
            tracing::warn!(%detail, "server function failed in the framework");
            AppError::Unavailable
        }
        e => e,
    };
    if plain {
        return refuse(error, true);
    }
    // Leptos sends every error as 500; a status the server function set itself (404 for
    // anything denied, 429, …) stands.
    if parts.status == StatusCode::INTERNAL_SERVER_ERROR {
        parts.status = status_of(&error);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let json = serde_json::to_string(&error).unwrap_or_default();
    Response::from_parts(parts, Body::from(json))
}

fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST)
}

/// The answer to a request that ends in `error`: a friendly page for a browser without
/// JavaScript, the error's JSON (as Leptos's client decodes it) for the app's WebAssembly.
fn refuse(error: AppError, plain: bool) -> Response {
    if plain {
        let target = match error {
            AppError::Unauthenticated => "/inloggen".to_string(),
            e => format!("/probleem/{}", e.slug()),
        };
        return (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, target)],
            Body::empty(),
        )
            .into_response();
    }
    let json = serde_json::to_string(&error).unwrap_or_default();
    (
        status_of(&error),
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::HeaderName::from_static(SERVER_FN_ERROR), "1"),
        ],
        json,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_go_line_breaks_and_tabs_stay() {
        assert_eq!(
            clean("gewoon\ttekst\nmet regels"),
            "gewoon\ttekst\nmet regels"
        );
        assert!(matches!(clean("gewoon"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{85}f"), "abcdef");
        assert_eq!(clean("regel\r\nregel\rregel"), "regel\nregel\nregel");
        assert_eq!(clean("\u{202E}evil txt\u{202C}"), "evil txt");
        assert_eq!(clean("a\u{2066}b\u{2069}\u{200F}c"), "abc");
    }

    #[test]
    fn text_is_composed_and_other_scripts_and_emoji_stay() {
        // "é" as e + combining acute becomes the one character.
        assert_eq!(clean("Caf\u{65}\u{301}"), "Caf\u{e9}");
        for kept in ["مرحبا Sanne", "Добрый день", "👨‍👩‍👧 gezin", "İstanbul"]
        {
            assert_eq!(clean(kept), kept);
        }
    }

    #[test]
    fn a_form_is_rewritten_only_when_a_value_needed_cleaning() {
        assert_eq!(clean_form(b"a=1&text=hallo+daar"), None);
        let cleaned = clean_form(b"key=k1&text=live%E2%80%AE%00probe").unwrap();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(cleaned.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("key".to_string(), "k1".to_string()),
                ("text".to_string(), "liveprobe".to_string())
            ]
        );
    }
}
