//! One i18n mechanism for every string: `t(lang, Msg::Key)`.
//!
//! The `Msg` enum and the text tables are generated at build time from `locales/*.ftl`
//! (see `build.rs`), which fails when a locale lacks a key. Placeholders are written
//! `{name}` and filled with [`tf`].
//!
//! Young people (12–17) are addressed with "je": a key `x` may have a youth variant
//! `x_child`, and [`tj`] / [`tjf`] pick it when the reader is a young person. That is the one
//! rule for every screen; a test (`youth_wording`) lists what still has no variant.
//! Counts go through [`plural`] (`x_one` / `x_other` keys: "nog 1 dag", "nog 2 dagen").
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A language the interface is available in. Dutch (B1) is the default and the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The first supported language in an `Accept-Language` header, else Dutch.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Lang::parse(tag.split('-').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        LOCALE_CODES
            .iter()
            .position(|c| *c == self.code())
            .expect("every Lang has a locale file")
    }
}

/// The text of a message in a language.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    CATALOGUE[lang.index()][msg as usize]
}

/// The text of a message with `{name}` placeholders filled in.
pub fn tf(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> String {
    let mut text = t(lang, msg).to_string();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The text of a message for this reader: the youth variant (`<key>_child`) when the reader
/// is a young person and one exists, else the general text.
pub fn tj(lang: Lang, msg: Msg, young: bool) -> &'static str {
    t(lang, youth(msg, young))
}

/// [`tj`] with `{name}` placeholders filled in.
pub fn tjf(lang: Lang, msg: Msg, young: bool, args: &[(&str, &str)]) -> String {
    tf(lang, youth(msg, young), args)
}

/// The message a reader gets: its youth variant for a young person, if there is one.
pub fn youth(msg: Msg, young: bool) -> Msg {
    match (young, msg.young()) {
        (true, Some(y)) => y,
        _ => msg,
    }
}

/// A message with a count: `one` when `n` is 1, else `other`; `{n}` is filled with the count.
/// Both Dutch and English use the same two forms.
pub fn plural(lang: Lang, one: Msg, other: Msg, n: i64, args: &[(&str, &str)]) -> String {
    let count = n.to_string();
    let mut all: Vec<(&str, &str)> = args.to_vec();
    all.push(("n", &count));
    tf(lang, if n == 1 { one } else { other }, &all)
}

/// "nog 3 dagen" / "nog 1 dag" / "vandaag" (a count of days until a date).
pub fn days_left(lang: Lang, days: i64) -> String {
    if days == 0 {
        t(lang, Msg::DaysLeftNone).to_string()
    } else {
        plural(lang, Msg::DaysLeftOne, Msg::DaysLeftOther, days, &[])
    }
}

/// The reader's language during rendering (set per request by the server).
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_text_in_every_language() {
        for lang in Lang::ALL {
            for msg in Msg::ALL {
                assert!(
                    !t(lang, *msg).trim().is_empty(),
                    "{:?} has no {} text",
                    msg,
                    lang.code()
                );
            }
        }
        assert_eq!(
            LOCALE_CODES.len(),
            Lang::ALL.len(),
            "a locale file without a Lang, or the reverse"
        );
    }

    #[test]
    fn placeholders_match_between_languages() {
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        };
        for msg in Msg::ALL {
            assert_eq!(
                names(t(Lang::Nl, *msg)),
                names(t(Lang::En, *msg)),
                "placeholders differ for {}",
                msg.key()
            );
        }
    }

    #[test]
    fn youth_variants_and_plurals() {
        assert_eq!(youth(Msg::WhatCanYouDo, true), Msg::WhatCanYouDoChild);
        assert_eq!(youth(Msg::WhatCanYouDo, false), Msg::WhatCanYouDo);
        assert_eq!(
            youth(Msg::LogOut, true),
            Msg::LogOut,
            "no variant: the general text"
        );
        assert_eq!(
            plural(Lang::Nl, Msg::DaysLeftOne, Msg::DaysLeftOther, 1, &[]),
            "nog 1 dag"
        );
        assert_eq!(
            plural(Lang::Nl, Msg::DaysLeftOne, Msg::DaysLeftOther, 3, &[]),
            "nog 3 dagen"
        );
        assert_eq!(
            plural(Lang::En, Msg::DaysLeftOne, Msg::DaysLeftOther, 1, &[]),
            "1 day left"
        );
    }

    #[test]
    fn accept_language_picks_the_first_supported() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,nl;q=0.8"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("tr,nl;q=0.5"), Lang::Nl);
        assert_eq!(Lang::from_accept_language(""), Lang::Nl);
    }
}
