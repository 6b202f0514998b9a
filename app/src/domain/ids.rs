//! Ids of the things Helder's rules are about: an account (who logs in), a person (who the
//! dossier is about or who wrote it), a case and a family. Each is its own type, so handing an
//! account id where a person id belongs no longer compiles — the visibility rule and the
//! policy compare exactly these. On the wire and in the database each is the plain UUID
//! (serde and sqlx transparent), so URLs, forms, JSON and the schema are unchanged.
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};
use uuid::Uuid;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        #[cfg(feature = "ssr")]
        impl $name {
            /// A new, random id (for a row about to be written).
            pub fn fresh() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    };
}

id!(
    /// A log-in account (family member, professional, confidant, analyst, administrator).
    AccountId
);
id!(
    /// A person in a dossier: a family member, a professional as author or source.
    PersonId
);
id!(
    /// A case: one family's route through the chain.
    CaseId
);
id!(
    /// A family: the people a case is about.
    FamilyId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_uuid_on_the_wire_and_in_text() {
        let raw = Uuid::new_v4();
        let id = CaseId(raw);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{raw}\""));
        assert_eq!(
            serde_json::from_str::<CaseId>(&format!("\"{raw}\"")).unwrap(),
            id
        );
        assert_eq!(id.to_string(), raw.to_string());
        assert_eq!(raw.to_string().parse::<CaseId>().unwrap(), id);
        assert!("not-an-id".parse::<PersonId>().is_err());
    }
}
