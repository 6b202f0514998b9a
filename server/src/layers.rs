//! The edge: what every request passes before a page or server function runs.
//! - [`context`]: resolves the session, language and form flash into a `RequestCtx`; static
//!   files skip this (they need none of it).
//! - [`origin_guard`]: refuses any state-changing request that does not come from our own
//!   pages (Leptos server functions do no such check themselves).
//! - [`security_headers`] (outermost): a fresh CSP nonce per page, the CSP with it, no framing,
//!   no referrer, no caching of pages.
use app::backend::{ctx, flash, session, Backend};
use app::i18n::Lang;
use axum::{
    body::Body,
    extract::{ConnectInfo, State},
    http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{net::SocketAddr, sync::Arc};

/// The CSP nonce of this response (also handed to Leptos for its script tags).
#[derive(Clone)]
pub struct CspNonce(pub String);

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    app::backend::cookies::find(headers, name)
}

fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path == "/favicon.svg"
        || path == "/favicon.ico"
        || path.starts_with("/static/")
}

/// Builds the context for one request: the session's actor and the form flash, if any.
async fn resolve(
    backend: &Backend,
    session_token: Option<&str>,
    flash_token: Option<&str>,
    lang: Lang,
    client_ip: String,
) -> Result<ctx::RequestCtx, app::backend::StoreError> {
    let actor = match session_token {
        Some(token) => session::resolve(&backend.db, token).await?,
        None => None,
    };
    let flash = match flash_token {
        Some(token) => flash::take(&backend.db, token).await?,
        None => None,
    };
    Ok(ctx::RequestCtx {
        backend: backend.clone(),
        actor,
        lang,
        client_ip,
        flash,
    })
}

pub async fn context(
    State(backend): State<Backend>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if is_static(path) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let secure = backend.secure_cookies;
    let lang = cookie(headers, "helder_lang")
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            Lang::from_accept_language(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });
    let session_token = cookie(headers, session::cookie_name(secure)).map(str::to_string);
    // A flash is for the page a form returns to, never for another form post.
    let flash_token = (req.method() == Method::GET)
        .then(|| cookie(headers, flash::cookie_name(secure)).map(str::to_string))
        .flatten();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client_ip = client_ip(peer, headers, backend.trusted_proxy_hops);
    let resolved = resolve(
        &backend,
        session_token.as_deref(),
        flash_token.as_deref(),
        lang,
        client_ip,
    )
    .await;
    let request_ctx = match resolved {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "could not resolve the request context");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                app::i18n::t(lang, app::i18n::Msg::ErrorUnavailable),
            )
                .into_response();
        }
    };
    let had_flash = flash_token.is_some();
    req.extensions_mut().insert(Arc::new(request_ctx));
    let mut res = next.run(req).await;
    if had_flash {
        let clear = app::backend::cookies::header_value(
            flash::cookie_name(secure),
            "",
            Some(0),
            true,
            secure,
        );
        if let Ok(v) = HeaderValue::from_str(&clear) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The client's address, for the log-in throttle and the audit trail alike. With `hops`
/// reverse proxies of our own in front (HELDER_TRUSTED_PROXIES), each appends the address it
/// received from to `X-Forwarded-For`, so the client is the `hops`-th entry from the right;
/// anything left of it was written by the client and is ignored. Without trusted proxies, or
/// when the header is missing, short or garbled, the connection's own address counts.
pub fn client_ip(peer: Option<std::net::IpAddr>, headers: &HeaderMap, hops: usize) -> String {
    let peer = || {
        peer.map(|ip| ip.to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    if hops == 0 {
        return peer();
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    entries
        .len()
        .checked_sub(hops)
        .and_then(|i| entries[i].parse::<std::net::IpAddr>().ok())
        .map(|ip| ip.to_string())
        .unwrap_or_else(peer)
}

/// A request changes state unless it is GET, HEAD or OPTIONS.
fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Decides whether a state-changing request comes from our own origin. Browsers send
/// `Sec-Fetch-Site` (trusted when present) and `Origin` on every POST; a request with
/// neither is refused rather than guessed about.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin";
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .map(|(_, rest)| rest == host)
        .unwrap_or(false)
}

pub async fn origin_guard(req: Request<Body>, next: Next) -> Response {
    // The import API is called by other systems, with a bearer token in a header that a
    // browser never adds by itself, and never with the session cookie: a forged cross-site
    // request carries no credential there, so it needs no Origin.
    let api = req.uri().path().starts_with("/api/v1/");
    if !api && is_state_changing(req.method()) && !same_origin(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-origin state change");
        return (StatusCode::FORBIDDEN, "cross-origin request refused").into_response();
    }
    next.run(req).await
}

pub async fn security_headers(
    State(backend): State<Backend>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let is_static_file = is_static(req.uri().path());
    let cache = is_static_file.then(|| cache_lifetime(req.uri().path()));
    // A fresh nonce per page; the render reads it from the extensions (see `provide_request_context`).
    let nonce = (!is_static_file).then(|| app::backend::session::new_token()[..32].to_string());
    if let Some(n) = &nonce {
        req.extensions_mut().insert(CspNonce(n.clone()));
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let csp = match nonce {
        Some(n) => format!(
            "default-src 'none'; script-src 'self' 'nonce-{n}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
        ),
        None => "default-src 'none'; frame-ancestors 'none'; object-src 'none'".to_string(),
    };
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    if backend.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    match cache {
        Some(lifetime) => {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(lifetime));
            // The same address answers brotli, gzip or plain, by the request's Accept-Encoding
            // (the files are stored compressed beside the originals).
            if !h.contains_key(header::VARY) {
                h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            }
        }
        // Pages carry dossier data: never keep them in a shared or back-button cache.
        None => {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    res
}

/// How long a browser may keep a static file. A built file whose name carries its content's
/// hash (`/pkg/helder.<22 characters>.wasm`, cargo-leptos's `hash-files`) never changes under
/// that name: a year, without asking again. The icon keeps its name: a day. Anything else
/// (plain names in a development build) is asked again each time, which costs a 304.
fn cache_lifetime(path: &str) -> &'static str {
    if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/favicon.") {
        "public, max-age=86400"
    } else {
        "no-cache"
    }
}

/// A file under `/pkg/` named after its content: one part of the name is a 22-character
/// base64url hash (MD5, as cargo-leptos writes it).
fn is_hashed(path: &str) -> bool {
    path.strip_prefix("/pkg/").is_some_and(|name| {
        name.split('.').any(|part| {
            part.len() == 22
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    })
}

/// Server functions that answer a plain link with a file (today: the dossier download).
pub const DOWNLOADS: [&str; 1] = ["/api/export_my_data"];

/// A download is a plain link, and browsers ask links for `text/html`; a server function
/// asked for HTML answers with a redirect (the no-JavaScript form convention). For the
/// download paths only, ask for the data itself.
pub async fn downloads(mut req: Request<Body>, next: Next) -> Response {
    if req.method() == Method::GET && DOWNLOADS.contains(&req.uri().path()) {
        req.headers_mut()
            .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    }
    next.run(req).await
}

/// `GET /inzicht/export.csv`: the organisation's figures table as CSV (same suppression as
/// the page; the policy and the audit live in `app::backend::figures`). A cross-site start is
/// refused like the JSON download's.
pub async fn insights_csv(
    axum::extract::Extension(ctx): axum::extract::Extension<
        std::sync::Arc<app::backend::RequestCtx>,
    >,
    headers: HeaderMap,
    axum::extract::Query(filter): axum::extract::Query<app::domain::insights::InsightFilter>,
) -> Response {
    use axum::response::IntoResponse;
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site")
    {
        return StatusCode::FORBIDDEN.into_response();
    }
    match app::backend::figures::csv_export(&ctx, filter).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"helder-inzicht.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_rules() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://a"),
            ("host", "a")
        ])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(same_origin(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_origin(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_hops() {
        let peer = Some("10.0.0.2".parse().unwrap());
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7")]);
        assert_eq!(client_ip(peer, &h, 0), "10.0.0.2", "off by default");
        assert_eq!(client_ip(peer, &h, 1), "203.0.113.7", "what our proxy saw");
        assert_eq!(client_ip(peer, &h, 2), "6.6.6.6");
        assert_eq!(
            client_ip(peer, &h, 3),
            "10.0.0.2",
            "fewer hops than trusted"
        );
        let bad = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(client_ip(peer, &bad, 1), "10.0.0.2");
        assert_eq!(client_ip(None, &HeaderMap::new(), 1), "unknown");
    }

    #[test]
    fn only_hashed_built_files_are_kept_for_a_year() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(
            cache_lifetime("/pkg/helder.Yq3rB_-x0aZk9LmNoPqRsT.wasm"),
            year
        );
        assert_eq!(
            cache_lifetime("/pkg/helder.Yq3rB_-x0aZk9LmNoPqRsT.css"),
            year
        );
        // Plain names (a development build), a near miss and anything outside /pkg/.
        assert_eq!(cache_lifetime("/pkg/helder.wasm"), "no-cache");
        assert_eq!(
            cache_lifetime("/pkg/helder.Yq3rB_-x0aZk9LmNoPqRs.wasm"),
            "no-cache"
        );
        assert_eq!(
            cache_lifetime("/pkg/helder.Yq3rB_-x0aZk9LmNoPqR!T.wasm"),
            "no-cache"
        );
        assert_eq!(
            cache_lifetime("/static/Yq3rB_-x0aZk9LmNoPqRsT.txt"),
            "no-cache"
        );
        assert_eq!(cache_lifetime("/favicon.svg"), "public, max-age=86400");
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let h = headers(&[("cookie", "a=1; helder_session=abc; helder_session_x=2")]);
        assert_eq!(cookie(&h, "helder_session"), Some("abc"));
        assert_eq!(cookie(&h, "nope"), None);
    }
}
