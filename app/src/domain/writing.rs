//! Writing a report statement by statement (domain.md §6.3): the kinds of report, what each
//! kind of statement needs before the family may read it, and plain-language hints for the
//! writer. Pure rules, shared by the editor (which shows them next to each statement) and the
//! publish step (which refuses while any statement misses something).
//!
//! | statement kind            | needs before publishing                                    |
//! |---------------------------|------------------------------------------------------------|
//! | own observation (feit)    | the day it was seen and who saw it (a professional)        |
//! | what an informant said    | a registered informant of the case ("wie is er gevraagd") |
//! | assessment (oordeel)      | at least one earlier statement it rests on                 |
//! | parent's / child's view   | whose view it is (a parent or carer / a child of the family) |
//! | decision (besluit)        | the day it was decided                                     |
use crate::i18n::Msg;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kinds of report a professional writes in Helder (`reports.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportKind {
    VtVerslag,
    Raadsrapport,
    PlanVanAanpak,
    Evaluatie,
    Verzoekschrift,
    Beschikking,
    Gespreksverslag,
}

impl ReportKind {
    pub const ALL: [ReportKind; 7] = [
        ReportKind::VtVerslag,
        ReportKind::Raadsrapport,
        ReportKind::PlanVanAanpak,
        ReportKind::Evaluatie,
        ReportKind::Verzoekschrift,
        ReportKind::Beschikking,
        ReportKind::Gespreksverslag,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::VtVerslag => "vt_verslag",
            ReportKind::Raadsrapport => "raadsrapport",
            ReportKind::PlanVanAanpak => "plan_van_aanpak",
            ReportKind::Evaluatie => "evaluatie",
            ReportKind::Verzoekschrift => "verzoekschrift",
            ReportKind::Beschikking => "beschikking",
            ReportKind::Gespreksverslag => "gespreksverslag",
        }
    }

    pub fn parse(code: &str) -> Option<ReportKind> {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
    }

    pub fn label(self) -> Msg {
        match self {
            ReportKind::VtVerslag => Msg::WriteKindVtVerslag,
            ReportKind::Raadsrapport => Msg::WriteKindRaadsrapport,
            ReportKind::PlanVanAanpak => Msg::WriteKindPlanVanAanpak,
            ReportKind::Evaluatie => Msg::WriteKindEvaluatie,
            ReportKind::Verzoekschrift => Msg::WriteKindVerzoekschrift,
            ReportKind::Beschikking => Msg::WriteKindBeschikking,
            ReportKind::Gespreksverslag => Msg::WriteKindGespreksverslag,
        }
    }

    /// A court decision is copied into Helder as it is: the family reads it at once, there is
    /// nothing for them to react to before it counts (they go to the judge for that).
    pub fn has_reaction_period(self) -> bool {
        self != ReportKind::Beschikking
    }
}

/// The fewest working days a family gets to react to a report before it is final. The Raad
/// keeps a concept report open for at least five working days (RvdK Kwaliteitskader, as cited
/// in domain.md); Helder gives every organisation's reports the same floor.
pub const MIN_REACTION_WORKING_DAYS: u32 = 5;

/// May a report become final today? After its reaction period (or without one) yes; during it
/// only when every family member it is for has said they have nothing more to add (`closed`,
/// one entry per member) — and there is at least one: a period nobody can close is waited out.
pub fn may_finalise(today: NaiveDate, until: Option<NaiveDate>, closed: &[bool]) -> bool {
    match until {
        Some(until) if today <= until => !closed.is_empty() && closed.iter().all(|c| *c),
        _ => true,
    }
}

/// A statement as the check sees it: what is filled in, not what it says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub has_text: bool,
    pub date: Option<NaiveDate>,
    /// The professional who saw it (observations) or the family member whose view it is.
    pub person: bool,
    pub informant: bool,
    pub grounds: usize,
}

/// What a statement still lacks before the family may read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Text,
    Date,
    Observer,
    Informant,
    Grounds,
    Voice,
}

impl Missing {
    pub fn message(self) -> Msg {
        match self {
            Missing::Text => Msg::WriteMissingText,
            Missing::Date => Msg::WriteMissingDate,
            Missing::Observer => Msg::WriteMissingObserver,
            Missing::Informant => Msg::WriteMissingInformant,
            Missing::Grounds => Msg::WriteMissingGrounds,
            Missing::Voice => Msg::WriteMissingVoice,
        }
    }
}

/// What the statement of this kind still needs (empty: it may be published).
pub fn missing(kind: super::StatementKind, s: &Sources) -> Vec<Missing> {
    use super::StatementKind as K;
    let mut out = Vec::new();
    if !s.has_text {
        out.push(Missing::Text);
    }
    match kind {
        K::Fact => {
            if s.date.is_none() {
                out.push(Missing::Date);
            }
            if !s.person {
                out.push(Missing::Observer);
            }
        }
        K::Informant => {
            if !s.informant {
                out.push(Missing::Informant);
            }
        }
        K::Assessment => {
            if s.grounds == 0 {
                out.push(Missing::Grounds);
            }
        }
        K::ParentView | K::ChildView => {
            if !s.person {
                out.push(Missing::Voice);
            }
        }
        K::Decision => {
            if s.date.is_none() {
                out.push(Missing::Date);
            }
        }
    }
    out
}

// ---- Plain language ----

/// A sentence longer than this many words is hard for a B1 reader (the usual guideline for
/// B1 texts is at most 15 to 20 words a sentence).
pub const LONG_SENTENCE_WORDS: usize = 20;

/// Words from the chain's jargon with a plainer way to say them, for the writer. The words are
/// those of `app/data/jargon.txt` (a test keeps the two lists together); the suggestions are
/// Dutch because reports are written in Dutch.
pub const PLAIN_WORDS: &[(&str, &str)] = &[
    (
        "accordering",
        "de bron heeft gelezen en goedgekeurd wat over hen is opgeschreven",
    ),
    ("beschikking", "de beslissing van de rechter"),
    ("casemanager", "de hulpverlener die de hulp regelt"),
    (
        "contra-expertise",
        "een tweede onderzoek door iemand anders",
    ),
    (
        "gecertificeerde instelling",
        "de organisatie van de jeugdbeschermer",
    ),
    (
        "geschillenregeling",
        "de regeling als u het niet eens bent met de jeugdbeschermer",
    ),
    (
        "gezagsbeëindiging",
        "de rechter beslist dat een ouder geen gezag meer heeft",
    ),
    ("informant", "iemand die we iets hebben gevraagd"),
    ("machtiging", "toestemming van de rechter"),
    ("ondertoezichtstelling", "toezicht door een jeugdbeschermer"),
    ("perspectiefbesluit", "de beslissing waar het kind opgroeit"),
    ("raadsonderzoeker", "de onderzoeker van de Raad"),
    ("triage", "de eerste beoordeling"),
    ("uithuisplaatsing", "het kind woont een tijd ergens anders"),
    ("verzoekschrift", "de brief aan de rechter"),
    ("zienswijze", "wat u ervan vindt"),
    (
        "zittingsvertegenwoordiger",
        "de medewerker van de Raad die naar de rechtbank gaat",
    ),
];

/// A hint for the writer about one statement's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hint {
    /// A sentence of this many words (its first words are given to find it).
    LongSentence { words: usize, start: String },
    /// A passive construction ("er wordt gezegd", "werd besproken").
    Passive { phrase: String },
    /// A jargon word, and how to say it plainly.
    Jargon { word: String, plain: String },
}

/// The plain-language hints for a text: long sentences, passive constructions, jargon.
pub fn hints(text: &str) -> Vec<Hint> {
    let mut out = Vec::new();
    for sentence in text.split(['.', '!', '?', '\n']) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        if words.len() > LONG_SENTENCE_WORDS {
            out.push(Hint::LongSentence {
                words: words.len(),
                start: words[..5].join(" "),
            });
        }
        // "wordt/werd/worden/werden" followed within a few words by a past participle
        // (ge…d / ge…t / ge…en): the usual Dutch passive.
        let lower: Vec<String> = words.iter().map(|w| clean(w)).collect();
        for (i, w) in lower.iter().enumerate() {
            if matches!(w.as_str(), "wordt" | "werd" | "worden" | "werden") {
                if let Some(p) = lower.iter().skip(i + 1).take(5).find(|p| is_participle(p)) {
                    out.push(Hint::Passive {
                        phrase: format!("{w} … {p}"),
                    });
                    break;
                }
            }
        }
    }
    let lower = text.to_lowercase();
    for (word, plain) in PLAIN_WORDS {
        if contains_word(&lower, word) {
            out.push(Hint::Jargon {
                word: (*word).to_string(),
                plain: (*plain).to_string(),
            });
        }
    }
    out
}

/// Where the words of the jargon list stand in `text`: byte ranges (as written, in any case)
/// and the word as listed. The family's report links each to its explanation on "Wat betekent
/// dit woord?" (domain.md §6.3: jargon that remains is explained, not hidden).
pub fn jargon_in(text: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut from = 0;
    for (at, c) in text.char_indices() {
        if at >= from && !prev.is_some_and(char::is_alphanumeric) {
            let found = PLAIN_WORDS
                .iter()
                .find_map(|(w, _)| word_at(text, at, w).map(|end| (*w, end)));
            if let Some((word, end)) = found {
                out.push((at..end, word));
                from = end;
            }
        }
        prev = Some(c);
    }
    out
}

/// The end of `word` when it stands at `at` as a whole word, compared without case.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut rest = text[at..].char_indices();
    let mut end = at;
    for w in word.chars() {
        let (i, c) = rest.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    (!text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric))
    .then_some(end)
}

/// The anchor of a jargon word's entry on "Wat betekent dit woord?" (`/woorden#w-<slug>`).
pub fn glossary_slug(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            ' ' => '-',
            'ë' => 'e',
            c => c,
        })
        .collect()
}

fn clean(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

// "gedaan", "gegaan", "gestaan": the common irregular participles end in -aan.
fn is_participle(w: &str) -> bool {
    w.len() > 4
        && (w.starts_with("ge") || w.starts_with("be") || w.starts_with("ver"))
        && (w.ends_with('d') || w.ends_with('t') || w.ends_with("en") || w.ends_with("aan"))
}

/// `word` occurs in `text` as a whole word or phrase (both lower case).
pub fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StatementKind as K;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_reaction_period_is_the_familys_unless_all_of_them_close_it() {
        let (today, until) = (d(2026, 12, 2).unwrap(), d(2026, 12, 9));
        assert!(
            !may_finalise(today, until, &[true, false]),
            "one still reading"
        );
        assert!(!may_finalise(today, until, &[]), "no one who can say so");
        assert!(may_finalise(today, until, &[true, true]));
        // The last day is still theirs; the day after, it is over.
        assert!(!may_finalise(d(2026, 12, 9).unwrap(), until, &[false]));
        assert!(may_finalise(d(2026, 12, 10).unwrap(), until, &[false]));
        assert!(
            may_finalise(today, None, &[]),
            "no period (a court decision)"
        );
    }

    #[test]
    fn each_kind_needs_its_own_source() {
        let empty = Sources {
            has_text: true,
            ..Sources::default()
        };
        assert_eq!(
            missing(K::Fact, &empty),
            vec![Missing::Date, Missing::Observer]
        );
        assert_eq!(missing(K::Informant, &empty), vec![Missing::Informant]);
        assert_eq!(missing(K::Assessment, &empty), vec![Missing::Grounds]);
        assert_eq!(missing(K::ParentView, &empty), vec![Missing::Voice]);
        assert_eq!(missing(K::ChildView, &empty), vec![Missing::Voice]);
        assert_eq!(missing(K::Decision, &empty), vec![Missing::Date]);
        let full = Sources {
            has_text: true,
            date: d(2026, 11, 2),
            person: true,
            informant: true,
            grounds: 1,
        };
        for kind in K::ALL {
            assert!(missing(kind, &full).is_empty(), "{kind:?}");
        }
        let no_text = Sources {
            has_text: false,
            ..full
        };
        assert_eq!(missing(K::Fact, &no_text), vec![Missing::Text]);
    }

    #[test]
    fn plain_language_hints() {
        let long = "Moeder vertelde dat zij de afgelopen weken vaak moe was omdat de jongste \
                    's nachts wakker werd en zij overdag ook nog moest werken bij de supermarkt in het dorp.";
        assert!(
            matches!(
                hints(long).as_slice(),
                [Hint::LongSentence { words: 30, .. }]
            ),
            "{:?}",
            hints(long)
        );
        assert_eq!(
            hints("Er werd door school een melding gedaan."),
            vec![Hint::Passive {
                phrase: "werd … gedaan".into()
            }]
        );
        assert_eq!(
            hints("De ondertoezichtstelling loopt door."),
            vec![Hint::Jargon {
                word: "ondertoezichtstelling".into(),
                plain: "toezicht door een jeugdbeschermer".into()
            }]
        );
        // Whole words only, as on the jargon list: "informanten" is not "informant".
        assert!(hints("De informanten zijn gebeld.")
            .iter()
            .all(|h| !matches!(h, Hint::Jargon { .. })));
        assert!(hints("Moeder haalt de kinderen op.").is_empty());
    }

    #[test]
    fn every_jargon_word_has_a_plain_alternative() {
        let listed: Vec<&str> = include_str!("../../data/jargon.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        for word in &listed {
            assert!(
                PLAIN_WORDS.iter().any(|(w, _)| w == word),
                "{word} has no plain word"
            );
        }
        assert_eq!(listed.len(), PLAIN_WORDS.len());
    }

    #[test]
    fn jargon_is_found_as_written_and_links_to_its_entry() {
        let text = "De Ondertoezichtstelling en de gecertificeerde instelling; geen informanten.";
        let found: Vec<(&str, &str)> = jargon_in(text)
            .into_iter()
            .map(|(r, w)| (&text[r], w))
            .collect();
        assert_eq!(
            found,
            [
                ("Ondertoezichtstelling", "ondertoezichtstelling"),
                ("gecertificeerde instelling", "gecertificeerde instelling")
            ]
        );
        let found = jargon_in("Gezagsbeëindiging.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 0..18);
        assert!(jargon_in("").is_empty() && jargon_in("Moeder belde.").is_empty());
        // That every word's anchor is an entry of the glossary (content in the database) is
        // checked by the words test (server/tests/it/words.rs).
        assert_eq!(glossary_slug("gezagsbeëindiging"), "gezagsbeeindiging");
        assert_eq!(
            glossary_slug("gecertificeerde instelling"),
            "gecertificeerde-instelling"
        );
    }

    #[test]
    fn report_kinds_round_trip() {
        for k in ReportKind::ALL {
            assert_eq!(ReportKind::parse(k.code()), Some(k));
        }
        assert!(!ReportKind::Beschikking.has_reaction_period());
        assert!(ReportKind::Raadsrapport.has_reaction_period());
    }
}
