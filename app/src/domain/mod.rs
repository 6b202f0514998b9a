//! Domain types shared by pages (both targets) and the back end: small types that can only
//! hold valid values. Parse at the edge, then pass the type around.
pub mod age;
pub mod contact;
pub mod deadline;
pub mod feedback;
pub mod ids;
pub mod insights;
pub mod phase;
pub mod role;
pub mod statement;
pub mod writing;

pub use age::{access_rule, age_on, AccessRule};
pub use ids::{AccountId, CaseId, FamilyId, PersonId};
pub use phase::{DeadlineKind, PhaseCode};
pub use role::Role;
pub use statement::{Correction, CorrectionKind, CorrectionStatus, ReportStatus, StatementKind};
