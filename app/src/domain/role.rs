//! The roles an account can have (one per account).
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Parent,
    YoungPerson,
    Professional,
    Analyst,
    OrgAdmin,
    Confidant,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Parent,
        Role::YoungPerson,
        Role::Professional,
        Role::Analyst,
        Role::OrgAdmin,
        Role::Confidant,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Parent => "parent",
            Role::YoungPerson => "young_person",
            Role::Professional => "professional",
            Role::Analyst => "analyst",
            Role::OrgAdmin => "org_admin",
            Role::Confidant => "confidant",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Family members read their own dossier; everyone else works on other people's.
    pub fn is_family(self) -> bool {
        matches!(self, Role::Parent | Role::YoungPerson)
    }
}

/// The roles a professional can have on a case (`involvements.role`, checked by the database).
pub const INVOLVEMENT_ROLES: [&str; 8] = [
    "vt_medewerker",
    "raadsonderzoeker",
    "gedragsdeskundige",
    "jeugdbeschermer",
    "wijkteam",
    "advocaat",
    "vertrouwenspersoon",
    "bijzondere_curator",
];
