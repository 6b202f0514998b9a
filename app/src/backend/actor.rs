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
