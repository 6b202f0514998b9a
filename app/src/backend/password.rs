//! The rules for choosing a password (OWASP ASVS 5.0 §6.2): at least 8 characters, up to
//! 128, no composition rules, and none of the most common passwords (the shipped list in
//! `app/data/common-passwords.txt`, compared without regard to case). Hashing lives in `auth`.
use crate::i18n::Msg;
use std::{collections::HashSet, sync::OnceLock};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

static LIST: &str = include_str!("../../data/common-passwords.txt");

fn common() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        LIST.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Why a newly chosen password is refused, if it is.
pub fn check_new(password: &str, username: &str) -> Option<Msg> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        Some(Msg::PasswordTooShort)
    } else if chars > MAX_CHARS {
        Some(Msg::PasswordTooLong)
    } else if common().contains(&password.to_lowercase()) || password.eq_ignore_ascii_case(username)
    {
        Some(Msg::PasswordTooCommon)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_common_passwords() {
        assert!(
            common().len() >= 1000,
            "the shipped list has the 1,000 most common"
        );
        assert_eq!(check_new("kort", "x"), Some(Msg::PasswordTooShort));
        assert_eq!(check_new(&"a".repeat(129), "x"), Some(Msg::PasswordTooLong));
        assert_eq!(check_new(&"ab".repeat(64), "x"), None, "128 is allowed");
        assert_eq!(
            check_new("Password1", "x"),
            Some(Msg::PasswordTooCommon),
            "case-insensitive"
        );
        assert_eq!(
            check_new("wachtwoord", "x"),
            Some(Msg::PasswordTooCommon),
            "Dutch too"
        );
        assert_eq!(
            check_new("sanne-jansen", "Sanne-Jansen"),
            Some(Msg::PasswordTooCommon)
        );
        assert_eq!(
            check_new("paarse olifant op de fiets", "sanne"),
            None,
            "no composition rules"
        );
        assert_eq!(
            check_new("ünïcödé€8", "sanne"),
            None,
            "counted in characters"
        );
    }
}
