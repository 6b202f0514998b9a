//! Generates the typed message catalogue from `locales/*.ftl`.
//!
//! Every user-facing string is a key in `locales/nl.ftl` (the reference language, plain
//! Dutch at B1 level). Each other locale file must define exactly the same keys: a missing
//! or extra key fails the build, so a page can never show a raw key or an empty string.
//! Adding a language means dropping in `locales/<code>.ftl` and one line in `i18n.rs`.
use std::{collections::BTreeMap, env, fs, path::Path};

fn parse(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut map = BTreeMap::new();
    let mut last: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        // A line that starts with spaces continues the previous message.
        if raw.starts_with("    ") {
            let key = last.clone().unwrap_or_else(|| {
                panic!("{}:{}: continuation without key", path.display(), n + 1)
            });
            let entry = map.get_mut(&key).expect("key exists");
            let entry: &mut String = entry;
            entry.push(' ');
            entry.push_str(raw.trim());
            continue;
        }
        let (key, value) = raw
            .split_once(" = ")
            .unwrap_or_else(|| panic!("{}:{}: expected `key = text`", path.display(), n + 1));
        let key = key.trim().to_string();
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}:{}: key `{key}` must be snake_case",
            path.display(),
            n + 1
        );
        assert!(
            map.insert(key.clone(), value.trim().to_string()).is_none(),
            "{}:{}: duplicate key `{key}`",
            path.display(),
            n + 1
        );
        last = Some(key);
    }
    map
}

fn camel(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    // `sqlx::migrate!` reads the migration folders at compile time; a new file must rebuild.
    println!("cargo:rerun-if-changed=../migrations");
    let reference = parse(&dir.join("nl.ftl"));
    let mut langs: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let code = path.file_stem().unwrap().to_str().unwrap().to_string();
        let map = parse(&path);
        let missing: Vec<_> = reference.keys().filter(|k| !map.contains_key(*k)).collect();
        let extra: Vec<_> = map.keys().filter(|k| !reference.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "locales/{code}.ftl lacks keys: {missing:?}"
        );
        assert!(
            extra.is_empty(),
            "locales/{code}.ftl has keys not in nl.ftl: {extra:?}"
        );
        langs.push((code, map));
    }
    // nl first: it is Lang index 0 and the fallback.
    langs.sort_by_key(|(code, _)| {
        if code == "nl" {
            String::new()
        } else {
            code.clone()
        }
    });

    let mut out = String::new();
    out.push_str("/// Every message key (generated from locales/nl.ftl).\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\npub enum Msg {\n");
    for key in reference.keys() {
        out.push_str(&format!("    {},\n", camel(key)));
    }
    out.push_str("}\n\n");
    out.push_str(&format!(
        "pub const LOCALE_CODES: [&str; {}] = [{}];\n",
        langs.len(),
        langs
            .iter()
            .map(|(c, _)| format!("{c:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str("impl Msg {\n    pub const ALL: &'static [Msg] = &[");
    out.push_str(
        &reference
            .keys()
            .map(|k| format!("Msg::{}", camel(k)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str("];\n    pub fn key(self) -> &'static str {\n        match self {\n");
    for key in reference.keys() {
        out.push_str(&format!("            Msg::{} => {key:?},\n", camel(key)));
    }
    out.push_str("        }\n    }\n");
    // The youth wording of a message: the key with `_child` appended, when nl.ftl has it
    // (one rule for every screen; see `i18n::tj`).
    out.push_str("    pub fn young(self) -> Option<Msg> {\n        match self {\n");
    for key in reference.keys() {
        let young = format!("{key}_child");
        if reference.contains_key(&young) {
            out.push_str(&format!(
                "            Msg::{} => Some(Msg::{}),\n",
                camel(key),
                camel(&young)
            ));
        }
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n\n");
    out.push_str(&format!(
        "pub static CATALOGUE: [&[&str]; {}] = [\n",
        langs.len()
    ));
    for (_, map) in &langs {
        out.push_str("    &[");
        out.push_str(
            &map.values()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push_str("],\n");
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("messages.rs"),
        out,
    )
    .unwrap();
}
