//! Log-in, sessions, forms without JavaScript, audit and headers; each test runs on SQLite and
//! on PostgreSQL against the real router. The authorisation matrix is `matrix.rs`.
use crate::common;

use app::backend::Db;
use axum::http::StatusCode;
use common::Client;
use uuid::Uuid;

async fn audit_count(db: &Db, action: &str) -> i64 {
    app::on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_events WHERE action = $1").bind(action).fetch_one(p).await).unwrap().0
}

on_both!(
    wrong_password_without_javascript_keeps_the_username,
    |app| {
        let r = app
            .post(
                "/api/login",
                &[("username", "sanne"), ("password", "niet-goed")],
                "",
                Client::PlainForm,
            )
            .await;
        assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
        assert_eq!(r.location(), Some("/inloggen"));
        let flash = r.cookie("helder_flash").expect("flash cookie");
        assert!(
            !r.headers
                .get_all("location")
                .iter()
                .any(|l| l.to_str().unwrap().contains("__err")),
            "no error in the URL"
        );
        let page = app.get("/inloggen", &format!("helder_flash={flash}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains(r#"value="sanne""#),
            "username kept: {}",
            page.body
        );
        assert!(
            page.body
                .contains("De gebruikersnaam of het wachtwoord klopt niet"),
            "message shown"
        );
        assert!(
            !page.body.contains("niet-goed"),
            "the password is never echoed"
        );
        // Shown once: the same flash does not come back.
        let again = app.get("/inloggen", &format!("helder_flash={flash}")).await;
        assert!(!again.body.contains("klopt niet"));
    }
);

on_both!(
    logging_out_without_javascript_is_confirmed_on_the_login_page,
    |app| {
        let cookie = app.login("sanne").await;
        let out = app
            .post("/api/logout", &[], &cookie, Client::PlainForm)
            .await;
        assert_eq!(out.location(), Some("/inloggen"));
        let flash = out.cookie("helder_flash").expect("flash cookie");
        let page = app.get("/inloggen", &format!("helder_flash={flash}")).await;
        assert!(page.body.contains("U bent uitgelogd."), "{}", page.body);
        assert!(page.body.contains(r#"role="status""#));
    }
);

on_both!(empty_fields_get_a_message_next_to_each_field, |app| {
    let r = app
        .post(
            "/api/login",
            &[("username", ""), ("password", "")],
            "",
            Client::Script,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let reply: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(reply["ok"], false);
    let fields: Vec<&str> = reply["field_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["username", "password"]);
});

on_both!(login_opens_the_familys_own_praatplaat, |app| {
    let cookie = app.login("sanne").await;
    let home = app.get("/", &cookie).await;
    assert_eq!(home.location(), Some("/waar-sta-ik"));
    let before = audit_count(app.db(), "read").await;
    let page = app.get("/waar-sta-ik", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Onderzoek van de Raad"),
        "current phase from the database"
    );
    assert!(
        page.body.contains("Veilig Thuis Utrecht kijkt nog mee tot"),
        "the handover is explicit"
    );
    assert!(
        page.body.contains("tel:112"),
        "the crisis line is on the page"
    );
    assert_eq!(
        audit_count(app.db(), "read").await,
        before + 1,
        "reading wrote one audit event"
    );
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
});

on_both!(without_a_session_pages_send_you_to_log_in, |app| {
    let page = app.get("/waar-sta-ik", "").await;
    assert_eq!(page.location(), Some("/inloggen"));
    let forged = app
        .get(
            "/waar-sta-ik",
            &format!("helder_session={}", "a".repeat(64)),
        )
        .await;
    assert_eq!(forged.location(), Some("/inloggen"));
});

on_both!(
    an_idle_session_expires_and_logout_ends_it_server_side,
    |app| {
        let cookie = app.login("noor").await;
        assert_eq!(
            app.get("/waar-sta-ik", &cookie).await.status,
            StatusCode::OK
        );
        app::on_db!(app.db(), p => sqlx::query("UPDATE sessions SET last_seen_at = $1").bind(chrono::Utc::now() - chrono::Duration::minutes(31)).execute(p).await.map(|_| ())).unwrap();
        assert_eq!(
            app.get("/waar-sta-ik", &cookie).await.location(),
            Some("/inloggen"),
            "idle 31 minutes"
        );
        let cookie = app.login("noor").await;
        let out = app
            .post("/api/logout", &[], &cookie, Client::PlainForm)
            .await;
        assert_eq!(out.location(), Some("/inloggen"));
        assert_eq!(
            app.get("/waar-sta-ik", &cookie).await.location(),
            Some("/inloggen"),
            "the old cookie is dead"
        );
    }
);

on_both!(repeated_failures_are_throttled_with_429, |app| {
    for _ in 0..5 {
        let r = app
            .post(
                "/api/login",
                &[("username", "peter"), ("password", "fout")],
                "",
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = app
        .post(
            "/api/login",
            &[("username", "peter"), ("password", common::PASSWORD)],
            "",
            Client::Script,
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.get("retry-after").is_some());
    // Other accounts are not locked by it.
    app.login("sanne").await;
});

on_both!(unknown_and_known_usernames_get_the_same_answer, |app| {
    let known = app
        .post(
            "/api/login",
            &[("username", "sanne"), ("password", "fout")],
            "",
            Client::Script,
        )
        .await;
    let unknown = app
        .post(
            "/api/login",
            &[("username", "niemand"), ("password", "fout")],
            "",
            Client::Script,
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.body, unknown.body);
});

on_both!(
    cross_site_posts_to_every_server_function_are_refused,
    |app| {
        let cookie = app.login("sanne").await;
        let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, _)| p)
            .collect();
        assert!(paths.len() >= 5);
        for path in paths {
            let r = app.post(path, &[], &cookie, Client::CrossSite).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        }
        // No state change via GET: the one GET is the read-only download (a plain link).
        for (path, method) in leptos::server_fn::axum::server_fn_paths() {
            assert!(
                method != axum::http::Method::GET || path == "/api/export_my_data",
                "no server function may change state via GET: {path}"
            );
        }
    }
);

on_both!(audit_events_cannot_be_changed_or_removed, |app| {
    app.login("sanne").await;
    let upd = app::on_db!(app.db(), p => sqlx::query("UPDATE audit_events SET action = 'x'").execute(p).await.map(|_| ()));
    assert!(upd.is_err(), "update refused");
    let del = app::on_db!(app.db(), p => sqlx::query("DELETE FROM audit_events").execute(p).await.map(|_| ()));
    assert!(del.is_err(), "delete refused");
});

on_both!(pages_carry_strict_security_headers, |app| {
    let page = app.get("/inloggen", "").await;
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries this response's nonce"
    );
    for part in [
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(part), "{part}");
    }
    assert_eq!(
        page.headers.get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert_eq!(page.headers.get("referrer-policy").unwrap(), "no-referrer");
    let other = app.get("/inloggen", "").await;
    assert!(
        !other
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .contains(nonce),
        "a fresh nonce per response"
    );
});

on_both!(
    the_family_sees_who_read_their_dossier_and_no_one_elses,
    |app| {
        let jeroen = app.login("jeroen").await;
        let id = common::ids::case(app.db(), "2026-0412").await.to_string();
        assert_eq!(
            app.post("/api/praatplaat", &[("case", &id)], &jeroen, Client::Script)
                .await
                .status,
            StatusCode::OK
        );
        let sanne = app.login("sanne").await;
        let page = app.get("/wie-keek-mee", &sanne).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(r#"<strong dir="auto">Jeroen Smit</strong>"#)
                && (page.body.contains(r#"&quot;Waar sta ik nu?&quot; bekeken"#)
                    || page.body.contains(r#""Waar sta ik nu?" bekeken"#)),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("Raadsonderzoeker, Raad voor de Kinderbescherming"));
        let peter = app.login("peter").await;
        assert_eq!(app.get("/waar-sta-ik", &peter).await.status, StatusCode::OK);
        let other = app.get("/wie-keek-mee?zelf=ja", &peter).await;
        assert_eq!(other.status, StatusCode::OK);
        assert!(
            !other.body.contains("Jeroen Smit"),
            "another family's reads never show"
        );
        assert!(
            other.body.contains("U zelf"),
            "one's own reads show as such"
        );
    }
);

on_both!(
    random_foreign_ids_never_reveal_another_familys_data,
    |app| {
        let cookie = app.login("sanne").await;
        let other = common::ids::case(app.db(), "2025-1187").await;
        let mut ids: Vec<Uuid> = (0..40).map(|_| Uuid::new_v4()).collect();
        ids.push(other);
        for id in ids {
            let r = app
                .post(
                    "/api/praatplaat",
                    &[("case", &id.to_string())],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}");
            assert!(!r.body.contains("Bakker"));
        }
        let page = app.get(&format!("/zaken/{other}"), &cookie).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(!page.body.contains("Bakker") && !page.body.contains("Ondertoezichtstelling"));
    }
);

on_both!(
    a_child_under_twelve_cannot_read_and_a_professional_only_during_the_assignment,
    |app| {
        let cookie = app.login("noor").await;
        let id = common::ids::case(app.db(), "2026-0412").await;
        app::on_db!(app.db(), p => sqlx::query("UPDATE people SET birth_date = $1 WHERE given_name = 'Noor'")
        .bind(chrono::Utc::now().date_naive() - chrono::Duration::days(11 * 365 + 100)).execute(p).await.map(|_| ())).unwrap();
        assert_eq!(
            app.post("/api/praatplaat", &[], &cookie, Client::Script)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let cookie = app.login("fatima").await;
        assert_eq!(
            app.post(
                "/api/praatplaat",
                &[("case", &id.to_string())],
                &cookie,
                Client::Script
            )
            .await
            .status,
            StatusCode::OK
        );
        app::on_db!(app.db(), p => sqlx::query("UPDATE involvements SET until = $1 WHERE role = 'vt_medewerker'")
        .bind(chrono::Utc::now().date_naive() - chrono::Duration::days(1)).execute(p).await.map(|_| ())).unwrap();
        assert_eq!(
            app.post(
                "/api/praatplaat",
                &[("case", &id.to_string())],
                &cookie,
                Client::Script
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "assignment ended"
        );
    }
);

on_both!(a_user_lists_and_ends_their_own_sessions_only, |app| {
    let phone = app.login("sanne").await;
    let laptop = app.login("sanne").await;
    let peter = app.login("peter").await;
    let list = app
        .post("/api/list_my_sessions", &[], &phone, Client::Script)
        .await;
    let sessions: Vec<serde_json::Value> = serde_json::from_str(&list.body).unwrap();
    assert_eq!(sessions.len(), 2, "{}", list.body);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap()["handle"]
        .as_str()
        .unwrap()
        .to_string();
    // Someone else cannot end it.
    let r = app
        .post(
            "/api/end_my_session",
            &[("handle", &other)],
            &peter,
            Client::Script,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/waar-sta-ik", &laptop).await.status,
        StatusCode::OK
    );
    // The owner can, from the other device, without JavaScript, and is told so.
    let r = app
        .post(
            "/api/end_my_session",
            &[("handle", &other)],
            &phone,
            Client::PlainForm,
        )
        .await;
    assert_eq!(r.location(), Some("/sessies"));
    let flash = r.cookie("helder_flash").unwrap();
    let page = app
        .get("/sessies", &format!("{phone}; helder_flash={flash}"))
        .await;
    assert!(
        page.body.contains("Dat apparaat is uitgelogd."),
        "{}",
        page.body
    );
    assert_eq!(
        app.get("/waar-sta-ik", &laptop).await.location(),
        Some("/inloggen"),
        "the ended session is dead"
    );
    assert_eq!(
        app.get("/waar-sta-ik", &phone).await.status,
        StatusCode::OK,
        "the current one lives"
    );
});
