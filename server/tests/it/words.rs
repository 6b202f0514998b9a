//! Words a family can trust (issue 20): checks over every family-facing string — the locale
//! files and the rights catalogue as the migrations leave it — so plain Dutch stays plain.
//!
//! - No Dutch sentence longer than 20 words (B1).
//! - No word from `app/data/jargon.txt` unless the string is on `app/data/jargon_allowed.txt`
//!   with the reason it may use it, and is shown as a link to its entry on "Wat betekent dit
//!   woord?" (`components::term::EXPLAINED`). Every jargon word has a glossary entry (content
//!   in the database, migration 0019), whose Dutch sentences are at most 20 words too.
//! - Young people are addressed with "je": a family-facing string that says "u"/"uw" needs a
//!   youth variant (`<key>_child`, chosen by `i18n::tj`), or must be on
//!   `app/data/youth_todo.txt`. A string without "u"/"uw" is the same for both readers.
//!   Rights a young person can hold need an 'nl-jong' text when their 'nl' text says "u".
use crate::common;

use std::{collections::BTreeMap, path::Path};

fn app_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `key = text` with continuation lines (the same format `app/build.rs` reads).
fn ftl(text: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let mut last: Option<String> = None;
    for raw in text.lines() {
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        if raw.starts_with("    ") {
            if let Some(k) = &last {
                let e: &mut String = map.get_mut(k).unwrap();
                e.push(' ');
                e.push_str(raw.trim());
            }
            continue;
        }
        let (k, v) = raw.split_once(" = ").expect("key = text");
        map.insert(k.trim().to_string(), v.trim().to_string());
        last = Some(k.trim().to_string());
    }
    map
}

/// The non-comment lines of a list file.
fn lines(rel: &str) -> Vec<String> {
    app_file(rel)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The first word of each line of a list file (a key, followed by the reason).
fn list(rel: &str) -> Vec<String> {
    lines(rel)
        .iter()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect()
}

/// The jargon list: one word or phrase per line.
fn jargon() -> Vec<String> {
    lines("data/jargon.txt")
}

/// Keys only staff, confidants or an organisation's dashboard read, and keys shown before
/// login (the reader's age is unknown there, so one neutral wording has to serve).
const NOT_FOR_A_FAMILY_MEMBER: &[&str] = &[
    "staff_",
    // The import API's problems (integrators), its clients' card in /beheer and its reference.
    "api_",
    "apiclient_",
    "apiref_",
    // The professional's card for parents without parental authority.
    "full_information_",
    "insights_",
    "inbox_",
    "decision_",
    "invite_",
    "family_",
    "shield_",
    // The family card's contact-detail forms (the family reads `household_*`).
    "detail_",
    "flag_",
    "contacts_",
    "contact_record",
    "contact_kind_",
    "contact_date",
    "contact_time",
    "contact_summary",
    "contact_submit",
    "contact_saved",
    "contact_responses",
    "code_",
    "shared_title",
    "shared_intro",
    "shared_none",
    "shared_line",
    "nav_admin",
    "nav_contacts",
    "fb_reply_button",
    "fb_reply_change",
    "fb_reply_label",
    "fb_reply_hint",
    "fb_reply_submit",
    "fb_reply_saved",
    "fb_discussed_label",
    "fb_discussed_submit",
    "fb_discussed_saved",
    "fb_group_",
    "fb_total_of",
    "fb_date_",
    "fb_trend_",
    "fb_table_caption",
    "fb_cutoff",
    "cases_",
    "next_phase_",
    "team_",
    "asked_",
    "open_",
    "member_",
    "reporter_",
    "write_",
    "login_",
    "activate_",
    "username_",
    "logged_out",
    "error_login_needed",
    "error_throttled",
];

fn family_facing(key: &str) -> bool {
    !NOT_FOR_A_FAMILY_MEMBER.iter().any(|p| key.starts_with(p))
        // The parents' wording of the feedback items; young people have `fb_*_young`.
        && !key.ends_with("_parent")
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        cur.push(*c);
        let end =
            matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if end {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

fn word_count(sentence: &str) -> usize {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn has_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

/// Does a Dutch text address its reader formally ("u", "uw")?
fn says_u(text: &str) -> bool {
    has_word(text, "u") || has_word(text, "uw")
}

/// One row of `right_texts` with its right's holder.
type RightTextRow = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
);

/// The Dutch rights texts as the migrations leave them: (code, locale, its text fields, holder).
async fn rights_texts() -> Vec<(String, String, Vec<String>, String)> {
    let app = common::spawn(common::Kind::Sqlite).await.unwrap();
    let app::backend::Db::Sqlite(pool) = app.backend.db.clone() else {
        unreachable!()
    };
    let rows: Vec<RightTextRow> =
        sqlx::query_as(
            "SELECT t.code, t.locale, t.title, t.meaning, t.how_to, t.deadline_text, r.holder \
             FROM right_texts t JOIN rights r ON r.code = t.code WHERE t.locale IN ('nl', 'nl-jong')",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
    rows.into_iter()
        .map(|(code, locale, title, meaning, how_to, deadline, holder)| {
            let fields = vec![title, meaning, how_to, deadline.unwrap_or_default()];
            (code, locale, fields, holder)
        })
        .collect()
}

fn dutch_strings() -> BTreeMap<String, String> {
    ftl(&app_file("locales/nl.ftl"))
        .into_iter()
        .filter(|(k, _)| family_facing(k))
        .collect()
}

#[tokio::test]
async fn dutch_sentences_have_at_most_20_words() {
    let mut long = Vec::new();
    for (key, text) in dutch_strings() {
        for s in sentences(&text) {
            if word_count(&s) > 20 {
                long.push(format!("{key}: {}", s.trim()));
            }
        }
    }
    for (code, locale, fields, _) in rights_texts().await {
        for s in fields.iter().flat_map(|f| sentences(f)) {
            if word_count(&s) > 20 {
                long.push(format!("RIGHT:{code} ({locale}): {}", s.trim()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "sentences over 20 words (split them):\n{}",
        long.join("\n")
    );
}

#[tokio::test]
async fn jargon_only_where_it_is_explained() {
    let jargon = jargon();
    let allowed = list("data/jargon_allowed.txt");
    let mut found = Vec::new();
    let mut check = |id: String, text: &str| {
        // The glossary is where these words are explained.
        if id.starts_with("glossary_") {
            return;
        }
        for w in &jargon {
            if has_word(text, w) && !allowed.contains(&id) {
                found.push(format!("{id}: \"{w}\""));
            }
        }
    };
    for (key, text) in dutch_strings() {
        check(key, &text);
    }
    for (code, _, fields, _) in rights_texts().await {
        check(format!("RIGHT:{code}"), &fields.join("\n"));
    }
    assert!(
        found.is_empty(),
        "jargon in family-facing text; say it in plain words, or explain it there and add \
         it to app/data/jargon_allowed.txt with the reason:\n{}",
        found.join("\n")
    );
}

/// (slug, locale, term, meaning) of every glossary entry, as the migrations leave it.
async fn glossary_texts() -> Vec<(String, String, String, String)> {
    let app = common::spawn(common::Kind::Sqlite).await.unwrap();
    let app::backend::Db::Sqlite(pool) = app.backend.db.clone() else {
        unreachable!()
    };
    sqlx::query_as("SELECT slug, locale, term, meaning FROM glossary_texts ORDER BY slug, locale")
        .fetch_all(&pool)
        .await
        .unwrap()
}

/// Every word on the jargon list is explained on "Wat betekent dit woord?" (`/woorden`), in
/// Dutch and English, under the anchor the links use (`domain::writing::glossary_slug`).
#[tokio::test]
async fn every_jargon_word_is_in_the_glossary() {
    use app::domain::writing::glossary_slug;
    let texts = glossary_texts().await;
    let mut missing = Vec::new();
    for w in jargon() {
        let slug = glossary_slug(&w);
        let has = |locale: &str| {
            texts.iter().any(|(s, l, term, meaning)| {
                *s == slug && l == locale && !term.is_empty() && !meaning.is_empty()
            })
        };
        let explains = texts
            .iter()
            .any(|(s, l, term, _)| *s == slug && l == "nl" && has_word(term, &w));
        if !(explains && has("nl") && has("en")) {
            missing.push(format!("{w} (#w-{slug})"));
        }
    }
    assert!(
        missing.is_empty(),
        "jargon without a glossary entry in Dutch and English (add it to the glossary and \
         glossary_texts tables with a new migration):\n{}",
        missing.join("\n")
    );
}

/// The glossary explains in plain Dutch: no sentence over 20 words.
#[tokio::test]
async fn glossary_sentences_have_at_most_20_words() {
    let long: Vec<String> = glossary_texts()
        .await
        .into_iter()
        .filter(|(_, locale, _, _)| locale == "nl")
        .flat_map(|(slug, _, _, meaning)| {
            sentences(&meaning)
                .into_iter()
                .filter(|s| word_count(s) > 20)
                .map(move |s| format!("{slug}: {}", s.trim()))
        })
        .collect();
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}

/// A string allowed to use a jargon word is shown as a link to the glossary entry that
/// explains that very word (`components::term::Term`).
#[tokio::test]
async fn every_allowed_jargon_word_links_to_its_explanation() {
    use app::{components::term::glossary_anchor, i18n::Msg};
    let glossary = glossary_texts().await;
    let nl = ftl(&app_file("locales/nl.ftl"));
    let mut unlinked = Vec::new();
    for key in list("data/jargon_allowed.txt") {
        if key.starts_with("RIGHT:") {
            // The rights texts are prose; they may not use jargon at all (no exceptions yet).
            unlinked.push(format!(
                "{key}: rights texts cannot link; say it in plain words"
            ));
            continue;
        }
        let msg = Msg::ALL
            .iter()
            .copied()
            .find(|m| m.key() == key)
            .unwrap_or_else(|| panic!("jargon_allowed.txt: no string {key}"));
        let Some(slug) = glossary_anchor(msg) else {
            unlinked.push(format!("{key}: not in components::term::EXPLAINED"));
            continue;
        };
        let (_, _, term, _) = glossary
            .iter()
            .find(|(s, l, _, _)| s == slug && l == "nl")
            .unwrap_or_else(|| panic!("{key} links to #w-{slug}, which the glossary lacks"));
        let text = &nl[&key];
        let explains = jargon()
            .iter()
            .any(|w| has_word(text, w) && has_word(term, w));
        assert!(
            explains,
            "{key} links to #w-{slug}, which explains another word"
        );
    }
    assert!(
        unlinked.is_empty(),
        "allowed jargon shown without its glossary link:\n{}",
        unlinked.join("\n")
    );
}

#[tokio::test]
async fn every_string_a_young_person_sees_has_je() {
    let all = ftl(&app_file("locales/nl.ftl"));
    let todo = list("data/youth_todo.txt");
    let mut missing = Vec::new();
    let mut done = Vec::new();
    for (key, text) in dutch_strings() {
        if let Some(young) = all.get(&format!("{key}_child")) {
            assert!(!says_u(young), "{key}_child says \"u\": {young}");
            if todo.contains(&key) {
                done.push(key.clone());
            }
            continue;
        }
        if key.ends_with("_child") || key.ends_with("_young") {
            assert!(
                !says_u(&text),
                "{key} is for young people but says \"u\": {text}"
            );
            continue;
        }
        match (says_u(&text), todo.contains(&key)) {
            (true, false) => missing.push(key),
            (false, true) => done.push(key),
            _ => {}
        }
    }
    assert!(
        missing.is_empty(),
        "these strings say \"u\" to a young person; add a `<key>_child` variant in both \
         locale files:\n{}",
        missing.join("\n")
    );
    assert!(
        done.is_empty(),
        "these are done: remove them from app/data/youth_todo.txt:\n{}",
        done.join("\n")
    );
    // The rights catalogue: a right a young person can hold speaks to them.
    let rights = rights_texts().await;
    for (code, locale, fields, holder) in &rights {
        let text = &fields.join("\n");
        if locale == "nl-jong" {
            assert!(!says_u(text), "RIGHT:{code} nl-jong says \"u\": {text}");
        } else if holder != "parent" && says_u(text) {
            assert!(
                rights
                    .iter()
                    .any(|(c, l, _, _)| c == code && l == "nl-jong"),
                "RIGHT:{code} says \"u\" and has no 'nl-jong' text"
            );
        }
    }
}

#[test]
fn the_checks_themselves() {
    assert_eq!(sentences("Eén. Twee? Drie! Vier").len(), 4);
    assert_eq!(sentences("Om 14.30 uur.").len(), 1);
    assert_eq!(word_count("Dit zijn - vier woorden."), 4);
    assert!(says_u("Wat kunt u doen?"));
    assert!(says_u("Uw dossier"));
    assert!(!says_u("Jouw uur"), "only whole words");
    assert!(has_word("Een Beschikking.", "beschikking"));
    assert!(!has_word("beschikkingen", "beschikking"));
}

on_both!(
    the_glossary_is_content_in_the_database_read_without_a_log_in,
    |app| {
        let page = app.get("/woorden", "").await;
        assert_eq!(page.status, axum::http::StatusCode::OK);
        assert!(page.body.contains(r#"id="w-ondertoezichtstelling""#));
        assert!(page.body.contains("De eerste inschatting na een melding"));
        let english = app
            .get_with("/woorden", "", &[("accept-language", "en")])
            .await;
        assert!(english.body.contains("The first assessment after a report"));
        // An editor changes a text in the database: the page says it at once, no release.
        app::on_db!(app.db(), p => sqlx::query(
            "UPDATE glossary_texts SET meaning = 'Kijken hoe ernstig het is.' WHERE slug = 'triage' AND locale = 'nl'")
            .execute(p).await.map(|_| ()))
        .unwrap();
        let page = app.get("/woorden", "").await;
        assert!(page.body.contains("Kijken hoe ernstig het is."));
        assert!(!page.body.contains("De eerste inschatting na een melding"));
        // Through the server function too, without a session.
        let api = app
            .post("/api/glossary", &[], "", common::Client::Script)
            .await;
        assert_eq!(api.status, axum::http::StatusCode::OK);
        assert!(api.body.contains(r#""slug":"triage""#), "{}", api.body);
    }
);
