//! What a careless or hostile client sends, and how the edge answers: a malformed argument is
//! a translated 400 (a friendly page without JavaScript), an oversized body a translated 413,
//! and hostile text (NUL bytes, direction overrides) is cleaned before anything is stored, the
//! same on SQLite and PostgreSQL. One person cannot flood a statement with own views.
use crate::common;

use app::{backend::Db, on_db};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::{ids, Client};
use uuid::Uuid;

const RAAD_VIEW: &str = "De Raad vindt dat de spanning";

/// Text with a NUL byte, a right-to-left override, an isolate and a Windows line break.
const HOSTILE: &str = "Ik ben het eens\u{202E}live probe\u{0}\u{2066} met\r\ndeze zin.";
/// What Helder stores of it.
const CLEANED: &str = "Ik ben het eenslive probe met\ndeze zin.";

/// A script client's POST with a body of the caller's making.
fn raw(path: &str, content_type: &str, body: Vec<u8>, cookies: &str) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookies)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap()
}

async fn own_views(db: &Db) -> i64 {
    on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM own_views").fetch_one(p).await)
        .unwrap()
        .0
}

fn no_internals(body: &str) {
    for internal in ["Transport", "deserializ", "server function", "length limit"] {
        assert!(!body.contains(internal), "{internal} in {body}");
    }
}

on_both!(
    a_malformed_request_is_a_translated_400_and_a_friendly_page_without_javascript,
    |app| {
        let sanne = app.login("sanne").await;
        let statement = ids::statement(app.db(), RAAD_VIEW).await.to_string();
        let before = own_views(app.db()).await;
        let forms: [Vec<(&str, &str)>; 3] = [
            vec![("statement", "geen-id"), ("key", "k1"), ("text", "Tekst")],
            vec![("key", "k1"), ("text", "Tekst")],
            vec![("statement", &statement), ("key", "k1")],
        ];
        for form in &forms {
            let r = app
                .post("/api/add_own_view", form, &sanne, Client::Script)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form:?}: {}", r.body);
            assert_eq!(r.body, r#""Invalid""#);
            no_internals(&r.body);
            let r = app
                .post("/api/add_own_view", form, &sanne, Client::PlainForm)
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{form:?}");
            assert_eq!(r.location(), Some("/probleem/ongeldig"));
        }
        // JSON where a form belongs.
        let json = format!(r#"{{"statement":"{statement}","key":"k2","text":"Tekst"}}"#);
        let r = app
            .send(raw(
                "/api/add_own_view",
                "application/json",
                json.into_bytes(),
                &sanne,
            ))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        no_internals(&r.body);
        // An address no server function has is simply not found.
        let r = app
            .post("/api/bestaat_niet", &[], &sanne, Client::Script)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        no_internals(&r.body);
        assert_eq!(own_views(app.db()).await, before, "nothing was written");

        // The friendly page, in the reader's words.
        let page = app.get("/probleem/ongeldig", &sanne).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.body.contains("Er klopt iets niet met wat u stuurde."));
        let lisa = app.login("lisa").await;
        let page = app.get("/probleem/ongeldig", &lisa).await;
        assert!(page.body.contains("Er klopt iets niet met wat je stuurde."));
        let page = app.get("/probleem/iets-anders", &sanne).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
);

on_both!(
    a_body_larger_than_any_form_sends_is_a_translated_413,
    |app| {
        let sanne = app.login("sanne").await;
        let statement = ids::statement(app.db(), RAAD_VIEW).await.to_string();
        let before = own_views(app.db()).await;
        let huge = format!(
            "statement={statement}&key=groot&text={}",
            "a".repeat(app_limit() + 1)
        );
        // Counted as it arrives (no length given) and refused up front (length given).
        let r = app
            .send(raw(
                "/api/add_own_view",
                "application/x-www-form-urlencoded",
                huge.clone().into_bytes(),
                &sanne,
            ))
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
        assert_eq!(r.body, r#""TooLarge""#);
        let mut req = raw(
            "/api/add_own_view",
            "application/x-www-form-urlencoded",
            huge.clone().into_bytes(),
            &sanne,
        );
        req.headers_mut()
            .insert(header::CONTENT_LENGTH, huge.len().into());
        req.headers_mut()
            .insert(header::ACCEPT, "text/html".parse().unwrap());
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), Some("/probleem/te-groot"));
        let page = app.get("/probleem/te-groot", &sanne).await;
        assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(page
            .body
            .contains("Wat u stuurde is te lang. Maak uw tekst korter en probeer het opnieuw."));
        assert_eq!(own_views(app.db()).await, before);

        // A long text that a form can send is answered next to its field, not refused.
        let long = "b".repeat(5000);
        let r = app
            .post(
                "/api/add_own_view",
                &[("statement", &statement), ("key", "lang"), ("text", &long)],
                &sanne,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("FieldTooLong"), "{}", r.body);
    }
);

/// A form's fields, as `Client::post` takes them.
type Form<'a> = Vec<(&'a str, &'a str)>;

fn app_limit() -> usize {
    server::input::FORM_LIMIT
}

/// Every text column of every table (the schema as the application's role sees it).
async fn text_columns(db: &Db) -> Vec<(String, String)> {
    match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND upper(c.type) = 'TEXT'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND data_type = 'text'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    }
}

on_both!(
    hostile_text_in_every_free_text_field_is_stored_clean,
    |app| {
        let db = app.db().clone();
        let (sanne, jeroen) = (app.login("sanne").await, app.login("jeroen").await);
        let fatima = app.login("fatima").await;
        let request = ids::open_request(&db).await.to_string();
        let statement = ids::statement(&db, RAAD_VIEW).await.to_string();
        let case = ids::case(&db, "2026-0412").await.to_string();
        let mehmet = ids::person(&db, "Mehmet").await.to_string();
        let contact = Uuid::new_v4().to_string();
        let day = app::backend::time::today().format("%Y-%m-%d").to_string();
        let response = ids::feedback_of(&db, "Sanne").await.to_string();
        let (key1, key2, key3) = (
            Uuid::new_v4().to_string(),
            Uuid::new_v4().to_string(),
            Uuid::new_v4().to_string(),
        );
        let posts: Vec<(&str, Form, &str)> = vec![
            (
                "/api/add_own_view",
                vec![("statement", &statement), ("key", &key1), ("text", HOSTILE)],
                &sanne,
            ),
            (
                "/api/request_correction",
                vec![
                    ("statement", &statement),
                    ("key", &key2),
                    ("kind", "feitelijke_onjuistheid"),
                    ("reason", HOSTILE),
                    ("proposed", HOSTILE),
                ],
                &sanne,
            ),
            (
                "/api/record_contact",
                vec![
                    ("case", &case),
                    ("id", &contact),
                    ("kind", "meeting"),
                    ("date", &day),
                    ("time", ""),
                    ("summary", HOSTILE),
                ],
                &jeroen,
            ),
            (
                "/api/save_feedback",
                vec![
                    ("contact", &contact),
                    ("key", &key3),
                    ("intent", "send"),
                    ("heard", "8"),
                    ("topics", "8"),
                    ("approach", "8"),
                    ("overall", "8"),
                    ("comment", HOSTILE),
                ],
                &sanne,
            ),
            (
                "/api/reply_to_feedback",
                vec![("response", &response), ("text", HOSTILE)],
                &jeroen,
            ),
            (
                "/api/decide_correction",
                vec![
                    ("request", &request),
                    ("decision", "accept"),
                    ("text", HOSTILE),
                    ("reason", HOSTILE),
                ],
                &fatima,
            ),
            (
                "/api/set_full_information",
                vec![
                    ("case", &case),
                    ("person", &mehmet),
                    ("open", "true"),
                    ("reason", HOSTILE),
                ],
                &jeroen,
            ),
            (
                "/api/shield_statement",
                vec![
                    ("case", &case),
                    ("statement", &statement),
                    ("person", &mehmet),
                    ("reason", HOSTILE),
                ],
                &jeroen,
            ),
        ];
        // The same input succeeds on both databases (PostgreSQL refuses NUL in text).
        for (path, form, who) in &posts {
            let r = app.post(path, form, who, Client::Script).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
            assert!(r.body.contains(r#""ok":true"#), "{path}: {}", r.body);
        }
        // Nothing hostile anywhere in the database; the cleaned text is there.
        for (table, column) in text_columns(&db).await {
            for bad in ["\u{202E}", "\u{2066}", "\r"] {
                let sql =
                    format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%' || $1 || '%'");
                let n: (i64,) =
                    on_db!(&db, p => sqlx::query_as(&sql).bind(bad).fetch_one(p).await).unwrap();
                assert_eq!(n.0, 0, "{bad:?} in {table}.{column}");
            }
            if let Db::Sqlite(p) = &db {
                let sql =
                    format!("SELECT COUNT(*) FROM {table} WHERE instr({column}, char(0)) > 0");
                let n: (i64,) = sqlx::query_as(&sql).fetch_one(p).await.unwrap();
                assert_eq!(n.0, 0, "NUL in {table}.{column}");
            }
        }
        let stored: (i64,) = on_db!(&db, p => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM own_views WHERE text = $1) + (SELECT COUNT(*) FROM contacts WHERE summary = $1) \
             + (SELECT COUNT(*) FROM shieldings WHERE reason = $1)")
            .bind(CLEANED).fetch_one(p).await)
        .unwrap();
        assert_eq!(
            stored.0, 3,
            "own view, contact summary and shielding reason, cleaned"
        );
        // Shown isolated, so a right-to-left name or sentence cannot reorder what follows.
        let report = ids::report(&db, "Beschermingsonderzoek (concept)").await;
        let page = app
            .get(&format!("/zaken/{case}/rapporten/{report}"), &jeroen)
            .await
            .body;
        assert!(
            page.contains(r#"dir="auto">Ik ben het eenslive probe met"#),
            "{page}"
        );
    }
);

on_both!(
    one_person_adds_at_most_five_own_views_to_a_statement_a_day,
    |app| {
        let db = app.db().clone();
        let sanne = app.login("sanne").await;
        let statement = ids::statement(&db, RAAD_VIEW).await.to_string();
        let mine = |db: Db| async move {
            on_db!(&db, p => sqlx::query_as::<_, (i64,)>(
                "SELECT COUNT(*) FROM own_views v JOIN people pe ON pe.id = v.by_person WHERE pe.given_name = 'Sanne'")
                .fetch_one(p).await)
            .unwrap()
            .0
        };
        let add = |key: &'static str, text: &'static str, client: Client| {
            let (app, sanne, statement) = (app.clone(), sanne.clone(), statement.clone());
            async move {
                let form = [
                    ("statement", statement.as_str()),
                    ("key", key),
                    ("text", text),
                ];
                app.post("/api/add_own_view", &form, &sanne, client).await
            }
        };
        let start = mine(db.clone()).await;
        for (key, text) in [
            ("dag-1", "Mijn kant, keer 1."),
            ("dag-2", "Mijn kant, keer 2."),
            ("dag-3", "Mijn kant, keer 3."),
            ("dag-4", "Mijn kant, keer 4."),
            ("dag-5", "Mijn kant, keer 5."),
            // A retry of the fifth changes nothing and is no error.
            ("dag-5", "Mijn kant, keer 5."),
        ] {
            let r = add(key, text, Client::Script).await;
            assert!(r.body.contains(r#""ok":true"#), "{key}: {}", r.body);
        }
        // The sixth is refused next to the field; without JavaScript the text stays typed.
        let r = add("dag-6", "Zesde keer.", Client::Script).await;
        assert!(r.body.contains(r#""ok":false"#), "{}", r.body);
        assert!(r.body.contains("OwnViewTooMany"), "{}", r.body);
        let r = add("dag-7", "Zesde keer, zonder script.", Client::PlainForm).await;
        assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
        let to = r.location().unwrap().split('#').next().unwrap().to_string();
        let flash = r.cookie("helder_flash").unwrap();
        let page = app
            .get(&to, &format!("{sanne}; helder_flash={flash}"))
            .await
            .body;
        assert!(
            page.contains("Zesde keer, zonder script."),
            "typed text kept"
        );
        assert!(page.contains("U schreef vandaag al vijf keer iets bij deze zin."));
        assert_eq!(mine(db.clone()).await, start + 5);
    }
);
