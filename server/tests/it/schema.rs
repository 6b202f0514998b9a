//! The two migration sets must give the same tables and columns, the demo loads into
//! either at any moment of the year, and every audited change takes the one write path.
use crate::common;

use app::backend::Db;

async fn columns(db: &Db) -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    cols.sort();
    cols
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_give_the_same_tables_and_columns() {
    let sqlite = common::spawn(common::Kind::Sqlite).await.unwrap();
    let Some(pg) = common::spawn(common::Kind::Postgres).await else {
        return;
    };
    let (a, b) = (columns(sqlite.db()).await, columns(pg.db()).await);
    assert!(
        a.len() > 200,
        "the whole domain is modelled ({} columns)",
        a.len()
    );
    assert_eq!(a, b);
}

/// The demo's dates are relative to the moment it is loaded; late on a month's last day
/// (UTC) it once put two months of figures in the same Amsterdam month.
#[tokio::test]
async fn the_demo_loads_at_awkward_moments_of_the_year() {
    let moments = [
        "2026-11-30T22:30:00Z", // after 22:00 UTC on a month's last day
        "2026-03-29T00:30:00Z", // the night summer time starts
        "2026-10-25T00:30:00Z", // the night summer time ends
        "2028-02-29T23:30:00Z", // a leap day, already 1 March in Amsterdam
        "2026-12-31T23:30:00Z", // New Year in Amsterdam, not yet in UTC
    ];
    for kind in [common::Kind::Sqlite, common::Kind::Postgres] {
        for at in moments {
            let Some(backend) = common::open(kind, |_| {}).await else {
                continue;
            };
            app::backend::demo::load_at(&backend.db, at.parse().unwrap())
                .await
                .unwrap_or_else(|e| panic!("{kind:?} at {at}: {e}"));
        }
    }
}

// The one write path (`backend::change`): a change that changed something commits with its
// audit row; one that changed nothing is rolled back — even what its work wrote — and leaves
// no audit row.
on_both!(a_change_commits_with_its_audit_row_or_not_at_all, |app| {
    use app::backend::{audit::AuditEvent, change::change, db::Tx};
    let db = app.db().clone();
    let person = common::ids::person(&db, "Noor").await;
    let given = |db: Db| async move {
        app::on_db!(&db, p => sqlx::query_as::<_, (String,)>("SELECT given_name FROM people WHERE id = $1")
            .bind(person).fetch_one(p).await)
        .unwrap()
        .0
    };
    let audited = |db: Db, action: &'static str| async move {
        app::on_db!(&db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_events WHERE action = $1")
            .bind(action).fetch_one(p).await)
        .unwrap()
        .0
    };
    async fn rename(
        tx: &mut Tx,
        person: uuid::Uuid,
        to: &str,
    ) -> Result<(), app::backend::StoreError> {
        app::on_tx!(tx, c => sqlx::query("UPDATE people SET given_name = $1 WHERE id = $2")
            .bind(to).bind(person).execute(c).await.map(|_| ()))?;
        Ok(())
    }
    // Changed nothing (by its own account): its write is rolled back, no audit row.
    let event = AuditEvent::new(None, "test_unchanged", "person", "127.0.0.1").on(person);
    let changed = change(&db, event, move |tx| {
        Box::pin(async move {
            rename(tx, person, "Niet bewaard").await?;
            Ok(false)
        })
    })
    .await
    .unwrap();
    assert!(!changed);
    assert_eq!(given(db.clone()).await, "Noor");
    assert_eq!(audited(db.clone(), "test_unchanged").await, 0);
    // Changed: the write and its audit row, together.
    let event = AuditEvent::new(None, "test_changed", "person", "127.0.0.1").on(person);
    change(&db, event, move |tx| {
        Box::pin(rename(tx, person, "Noortje"))
    })
    .await
    .unwrap();
    assert_eq!(given(db.clone()).await, "Noortje");
    assert_eq!(audited(db.clone(), "test_changed").await, 1);
    // A failing work leaves neither.
    let event = AuditEvent::new(None, "test_failed", "person", "127.0.0.1").on(person);
    let failed = change(&db, event, move |tx| {
        Box::pin(async move {
            rename(tx, person, "Half").await?;
            Err::<(), _>(app::backend::StoreError::Corrupt("on purpose".into()))
        })
    })
    .await;
    assert!(failed.is_err());
    assert_eq!(given(db.clone()).await, "Noortje");
    assert_eq!(audited(db, "test_failed").await, 0);
});

/// No page or server code begins a transaction or writes an audit row of a change itself:
/// that is `backend::change`'s work, so a change and its audit row always commit together.
#[test]
fn only_the_back_end_begins_transactions_or_writes_audit_rows() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for dir in [
        "app/src/pages",
        "app/src/components",
        "app/src/api",
        "server/src",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    for bad in [".begin()", "audit::insert", "insert_now(", ".write(move"] {
                        if line.contains(bad) {
                            found.push(format!("{}:{}: {bad}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "use backend::change::change for an audited change:\n{}",
        found.join("\n")
    );
}

/// No module of the app imports one that imports it back (the house has floors: pages on
/// components on the back end on the domain), read from the source's `crate::…` and
/// `super::…` paths, file by file.
#[test]
fn no_module_imports_one_that_imports_it_back() {
    use std::collections::{BTreeMap, BTreeSet};
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src");
    // Module path (e.g. "pages::reports") → file text.
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                    parts.pop();
                }
                modules.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    // Every `crate::a::b` / `super::a` path, with `use` groups (`crate::{a, b::c}`) spelled out.
    fn paths(text: &str) -> Vec<String> {
        fn expand(prefix: &str, body: &str, out: &mut Vec<String>) {
            // Split `body` at top-level commas.
            let (mut depth, mut start) = (0, 0);
            let mut items = Vec::new();
            for (i, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&body[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            items.push(&body[start..]);
            for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
                match item.find('{') {
                    Some(at) => {
                        let head = item[..at].trim_end_matches("::");
                        let inner = &item[at + 1..item.rfind('}').unwrap()];
                        expand(&format!("{prefix}{head}::"), inner, out);
                    }
                    None => out.push(format!("{prefix}{}", item.split(" as ").next().unwrap())),
                }
            }
        }
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut out = Vec::new();
        for (i, _) in code
            .match_indices("crate::")
            .chain(code.match_indices("super::"))
        {
            if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest = &code[i..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || "_:{}, \n".contains(c)))
                .unwrap_or(rest.len());
            let path = &rest[..end];
            match path.find('{') {
                Some(at) => {
                    let close = {
                        let mut depth = 0;
                        let mut close = path.len();
                        for (j, c) in path.char_indices().skip(at) {
                            match c {
                                '{' => depth += 1,
                                '}' => {
                                    depth -= 1;
                                    if depth == 0 {
                                        close = j;
                                        break;
                                    }
                                }
                                _ => {}
                            }
                        }
                        close
                    };
                    expand(&path[..at], &path[at + 1..close.min(path.len())], &mut out);
                }
                None => out.push(path.split_whitespace().next().unwrap_or("").to_string()),
            }
        }
        out
    }
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &modules {
        let parts: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
        for path in paths(text) {
            let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let mut base: Vec<&str> = Vec::new();
            if segs.first() == Some(&"crate") {
                segs.remove(0);
            } else {
                base = parts.clone();
                while segs.first() == Some(&"super") {
                    segs.remove(0);
                    base.pop();
                }
            }
            let full: Vec<&str> = base.into_iter().chain(segs).collect();
            // The longest prefix that is a module of the app.
            let target = (1..=full.len())
                .rev()
                .map(|n| full[..n].join("::"))
                .find(|m| modules.contains_key(m));
            if let Some(target) = target {
                // A module may name its own ancestors' items (`super::loaded`); only imports
                // across the tree can make a circle that matters here.
                if &target != module && !module.starts_with(&format!("{target}::")) {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    let mut circles = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if a < b && edges.get(b).is_some_and(|t| t.contains(a)) {
                circles.push(format!("{a} <-> {b}"));
            }
        }
    }
    // Longer circles: a module reachable from itself.
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = edges[start].iter().collect();
        while let Some(m) = todo.pop() {
            if m == start {
                circles.push(format!("{start} reaches itself"));
                break;
            }
            if seen.insert(m.clone()) {
                todo.extend(edges.get(m).into_iter().flatten());
            }
        }
    }
    assert!(
        modules.len() > 30 && edges.values().map(BTreeSet::len).sum::<usize>() > 60,
        "the import reader found too little to judge: {} modules",
        modules.len()
    );
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}
