//! "Mijn dossier": the family member owns their dossier. They see who read it, download
//! everything Helder holds about them (GDPR art. 15/20) or print it, share it with a
//! vertrouwenspersoon or lawyer for a period they choose (revocable at any time), and — from
//! 16 — decide per parent whether that parent may read their part.
//!
//! This file holds the view models and the server functions' shells; `ssr` the
//! server-only work behind them; `view` the components.
use super::{
    access_log::AccessGroup, involved::Involved, reports::ReportView, where_am_i::Praatplaat,
};
use crate::domain::PersonId;
use crate::{
    components::{dates::long_date, people::role_name},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, tj, use_lang, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
use ssr::*;
pub use view::{OwnDossierPage, PrintPage};

pub const SHARE_FORM: &str = "share";

/// Longest period a dossier can be shared for, in days.
pub const MAX_SHARE_DAYS: i64 = 366;

/// The period the share form suggests, in days.
pub const DEFAULT_SHARE_DAYS: i64 = 90;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub id: Uuid,
    pub grantee: String,
    pub organisation: Option<String>,
    pub role: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentConsent {
    pub parent: PersonId,
    pub name: String,
    pub may_read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnDossier {
    pub shares: Vec<ShareView>,
    /// For a young person of 16+: each parent and whether they may read the young person's part.
    pub consent: Option<Vec<ParentConsent>>,
    pub default_until: NaiveDate,
    pub max_until: NaiveDate,
}

/// Everything Helder holds about the reader, as one JSON document (GDPR art. 15/20).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierExport {
    pub format: String,
    pub generated_at: String,
    pub reader: String,
    pub case_reference: String,
    pub praatplaat: Praatplaat,
    pub involved: Involved,
    pub reports: Vec<ReportView>,
    pub shares: Vec<ShareView>,
    /// Every access, grouped per person and day as on the page (all months, the family's own
    /// doings included).
    pub access_log: Vec<AccessGroup>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintView {
    pub reader: String,
    pub case_reference: String,
    pub today: NaiveDate,
    pub involved: Involved,
    pub reports: Vec<ReportView>,
}

#[server(prefix = "/api", endpoint = "own_dossier")]
pub async fn load_own_dossier() -> Result<OwnDossier, AppError> {
    crate::error::respond(build_own_dossier().await)
}

/// Share the dossier with a confidant (their Helder username), as vertrouwenspersoon or lawyer,
/// until a date.
#[server(prefix = "/api", endpoint = "share_dossier")]
pub async fn share_dossier(
    username: String,
    role: String,
    until: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(share(username, role, until).await)
}

/// Stop sharing the dossier with a confidant.
#[server(prefix = "/api", endpoint = "revoke_share")]
pub async fn revoke_share(share: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(revoke(share).await)
}

/// A young person of 16+ gives (`give`) or withdraws a parent's consent to read their part.
#[server(prefix = "/api", endpoint = "set_consent")]
pub async fn set_consent(parent: PersonId, give: bool) -> Result<FormReply, AppError> {
    crate::error::respond(consent(parent, give).await)
}

/// The download: everything Helder holds about the reader, as JSON. A GET (a plain link),
/// read-only; refused when another site starts it.
#[server(prefix = "/api", endpoint = "export_my_data", input = server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<DossierExport, AppError> {
    crate::error::respond(build_export().await)
}

#[server(prefix = "/api", endpoint = "print_dossier")]
pub async fn load_print() -> Result<PrintView, AppError> {
    crate::error::respond(build_print().await)
}
