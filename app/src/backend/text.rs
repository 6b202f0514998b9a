//! Text as Helder stores it, whichever way it came in: a form (`server::input`) or the import
//! API's JSON (`api::body`). The same input gives the same stored text on SQLite and
//! PostgreSQL, and no writer can disguise what they wrote.
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// No control characters but newline and tab (a line break from a form, CR LF, becomes LF); no
/// Unicode direction overrides, embeddings or isolates, with which a writer can make a
/// sentence read backwards to whoever reads it; composed (NFC), so that the same words are the
/// same text. Nothing a keyboard types is removed.
pub fn clean(text: &str) -> Cow<'_, str> {
    let dirty = text.chars().any(|c| c == '\r' || refused(c))
        || is_nfc_quick(text.chars()) != IsNormalized::Yes;
    if !dirty {
        return Cow::Borrowed(text);
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(unified.chars().filter(|c| !refused(*c)).nfc().collect())
}

fn refused(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{200E}' | '\u{200F}' | '\u{061C}' // invisible direction marks
        )
}
