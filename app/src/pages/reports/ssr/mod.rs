//! The server-only work of the reports pages: `read` (through the policy and the visibility
//! rule) and `respond` (shielding, and a family member's response to a statement).
mod read;
mod respond;

pub(crate) use read::report_views;
pub(super) use read::{build_report, build_report_list};
pub(super) use respond::{close_reaction, respond_to, shield, Response};
