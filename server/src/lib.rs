//! Helder's server: configuration, the edge layers and the axum router around the Leptos app.
//! `main.rs` runs it; the integration tests build the same router against a test database.
pub mod config;
pub mod input;
pub mod layers;

use app::{
    app::{shell, App},
    backend::Backend,
    i18n::Lang,
};
use axum::{
    http::{Extensions, HeaderMap, StatusCode, Version},
    middleware, Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::path::Path;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};

/// The Leptos settings, fixed here rather than read from Cargo.toml at run time. The built
/// files' names carry their hashes when cargo-leptos left its hash file beside this binary
/// (`app::assets`).
pub fn leptos_options(site_root: &Path, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("helder")
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(app::assets::hash_file().is_some())
        .hash_file(app::assets::HASH_FILE.into())
        .build()
}

/// The whole application: pages, server functions and static files behind the edge layers.
pub fn router(backend: Backend, options: LeptosOptions) -> Router {
    let routes = routes();
    let shell_options = options.clone();
    let pages = Router::new()
        .leptos_routes_with_context(&options, routes, provide_request_context, move || {
            shell(shell_options.clone())
        })
        .route(
            "/inzicht/export.csv",
            axum::routing::get(layers::insights_csv),
        )
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options);
    pages
        .layer(middleware::from_fn(input::guard))
        // The import API reads its own bodies (JSON, its own limit: `app::api::body`).
        .merge(app::api::router())
        .layer(middleware::from_fn_with_state(
            backend.clone(),
            layers::context,
        ))
        .layer(middleware::from_fn(layers::downloads))
        .layer(middleware::from_fn(layers::origin_guard))
        .layer(middleware::from_fn_with_state(
            backend,
            layers::security_headers,
        ))
        // Successful pages and JSON answers go out compressed when the browser accepts it
        // (brotli at level 4, else gzip); static files are sent from their copies compressed
        // at build time and pass through untouched. Error pages are not compressed: an unknown
        // address is echoed in them. Why compressing dossier pages is safe (BREACH):
        // docs/ARCHITECTURE.md, "Light on the wire".
        .layer(
            tower_http::compression::CompressionLayer::new().compress_when(
                DefaultPredicate::new().and(
                    |status: StatusCode, _: Version, _: &HeaderMap, _: &Extensions| {
                        status.is_success()
                    },
                ),
            ),
        )
        // One span per request with its method and matched route (`/rapporten/{report}`,
        // never the address with its ids, the query or a body), so whatever the back end logs
        // while answering names the route; the answer's status and time close it. A server
        // error is logged as an error, anything else at debug level.
        .layer(
            tower_http::trace::TraceLayer::new_for_http()
                .make_span_with(|req: &axum::http::Request<axum::body::Body>| {
                    let route = req
                        .extensions()
                        .get::<axum::extract::MatchedPath>()
                        .map_or("(geen route)", |m| m.as_str());
                    tracing::info_span!("request", method = %req.method(), route)
                })
                .on_request(())
                .on_response(
                    |res: &axum::response::Response,
                     latency: std::time::Duration,
                     _: &tracing::Span| {
                        let (status, ms) = (res.status().as_u16(), latency.as_secs_f64() * 1e3);
                        if res.status().is_server_error() {
                            tracing::error!(status, ms, "answered");
                        } else {
                            tracing::debug!(status, ms, "answered");
                        }
                    },
                )
                .on_body_chunk(())
                .on_eos(())
                .on_failure(()),
        )
}

/// The app's routes, generated once per process. Generating them runs the whole app with a
/// process-wide switch on that holds back every resource first polled meanwhile, for good
/// (leptos #4773): a page rendering in another thread at that moment would never finish.
/// Production builds one router before it serves; the tests build one per test, in
/// parallel, and could be caught this way.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Hands the request's language and CSP nonce to the Leptos render (runs inside it).
fn provide_request_context() {
    let parts = use_context::<axum::http::request::Parts>();
    let ctx = parts.as_ref().and_then(|p| {
        p.extensions
            .get::<std::sync::Arc<app::backend::RequestCtx>>()
            .cloned()
    });
    provide_context(ctx.map(|c| c.lang).unwrap_or(Lang::Nl));
    if let Some(nonce) = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<layers::CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}
