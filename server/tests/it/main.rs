//! The integration tests, as one binary (one link instead of one per file; shared helpers in
//! `common`). Each module is one area; every test in them runs on SQLite and on PostgreSQL
//! against the real router (`on_both!`).
#[macro_use]
mod common;

mod access;
mod access_hardening;
mod access_log;
mod accounts;
mod anonymity;
mod api;
mod api_bundles;
mod api_contacts;
mod api_feedback;
mod api_reports;
mod api_roles;
mod api_statuses;
mod cases;
mod concurrency;
mod contact_details;
mod dossier;
mod feedback;
mod input;
mod insights;
mod involvements;
mod matrix;
mod phases;
mod schema;
mod visibility;
mod wire;
mod words;
mod writing;
