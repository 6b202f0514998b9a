//! Helder's UI crate: pages, components and server functions (both targets), plus the
//! server-only back end (`backend`: storage, policy, audit, sessions) behind the `ssr` feature.
//! Compiled to WebAssembly with `hydrate`; only `#[island]` components hydrate in the browser.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod backend;

/// The import API for the organisations' own case systems (server only).
#[cfg(feature = "ssr")]
pub mod api;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
