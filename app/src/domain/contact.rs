//! The kinds of contact detail Helder keeps for a family member (`contact_details.kind`).
use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Address,
    Phone,
    Email,
}

impl ContactKind {
    pub const ALL: [ContactKind; 3] =
        [ContactKind::Address, ContactKind::Phone, ContactKind::Email];

    pub fn code(self) -> &'static str {
        match self {
            ContactKind::Address => "address",
            ContactKind::Phone => "phone",
            ContactKind::Email => "email",
        }
    }

    pub fn parse(code: &str) -> Option<ContactKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its name in plain words ("Adres", "Telefoon", "E-mail").
    pub fn label(self) -> Msg {
        match self {
            ContactKind::Address => Msg::HouseholdAddress,
            ContactKind::Phone => Msg::HouseholdPhone,
            ContactKind::Email => Msg::HouseholdEmail,
        }
    }
}
