//! Who is acting, as the session look-up finds them: the leaf every other back-end module may
//! name (the policy decides with it, the context carries it, sessions produce it) without
//! importing each other.
use crate::domain::Role;
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use chrono::NaiveDate;
use uuid::Uuid;

/// Who is acting: the logged-in account, resolved from a live session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub account_id: AccountId,
    pub person_id: PersonId,
    pub role: Role,
    pub organisation_id: Option<Uuid>,
    pub display_name: String,
    pub session_hash: String,
    /// For a family member: their place in their most recent open case, read with the
    /// session (one query less on every dossier page). The policy still decides what it grants.
    pub own_case: Option<Membership>,
}

/// A family member's place in a case, as the policy's queries (and the session look-up) find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Membership {
    pub case_id: CaseId,
    pub family_id: FamilyId,
    pub person_id: PersonId,
    pub is_child: bool,
    pub has_authority: bool,
    pub birth: Option<NaiveDate>,
}

/// An organisation's own case system calling the import API (`api`), found by its bearer
/// token: it acts for its organisation only, within its scopes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// The organisation's RSIN: the only `bronorganisatie` this client may name.
    pub rsin: Option<String>,
    pub name: String,
    pub scopes: Vec<ApiScope>,
}

/// What an API client may do, chosen by the administrator who made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiScope {
    /// Read back cases and what the family did with them.
    Read,
    /// Create and change cases.
    Write,
}

impl ApiScope {
    pub const ALL: [ApiScope; 2] = [ApiScope::Read, ApiScope::Write];

    /// The scope's name in `api_clients.scopes` and in the OpenAPI document.
    pub fn code(self) -> &'static str {
        match self {
            ApiScope::Read => "zaken.lezen",
            ApiScope::Write => "zaken.schrijven",
        }
    }

    pub fn parse(code: &str) -> Option<ApiScope> {
        ApiScope::ALL.into_iter().find(|s| s.code() == code)
    }
}
