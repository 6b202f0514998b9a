//! Log-in, sessions, forms without JavaScript, the authorisation matrix, audit and headers:
//! each test runs on SQLite and on PostgreSQL against the real router.
mod common;

use app::backend::Db;
use axum::http::StatusCode;
use common::Client;
use uuid::Uuid;

async fn case_id(db: &Db, reference: &str) -> Uuid {
    app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM cases WHERE reference = $1").bind(reference).fetch_one(p).await).unwrap().0
}

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

/// Who may read which family's praatplaat: (user, own case reference or None for "none").
const PRAATPLAAT_ALLOWED: &[(&str, Option<&str>)] = &[
    ("sanne", Some("2026-0412")),
    ("mehmet", Some("2026-0412")),
    ("noor", Some("2026-0412")),
    ("lisa", Some("2026-0412")),
    ("jeroen", Some("2026-0412")),
    ("fatima", Some("2026-0412")),
    ("anouk", Some("2025-1187")),
    ("peter", Some("2025-1187")),
    ("willem", Some("2026-0412")),
    ("karin", None),
    ("yvonne", None),
    ("analist", None),
    ("beheer", None),
];
/// The first report of each case, for the report functions.
const REPORTS: [(&str, &str); 2] = [
    ("2026-0412", "Beschermingsonderzoek (concept)"),
    ("2025-1187", "Plan van aanpak"),
];
/// A statement every family member of the case may see, per case.
const STATEMENTS: [(&str, &str); 2] = [
    ("2026-0412", "De raadsonderzoeker sprak moeder"),
    ("2025-1187", "Emma gaat drie middagen"),
];
const FAMILY: [&str; 5] = ["sanne", "mehmet", "noor", "lisa", "peter"];
const CASES: [&str; 2] = ["2026-0412", "2025-1187"];
const PROFESSIONALS: [&str; 5] = ["jeroen", "fatima", "anouk", "willem", "karin"];

on_both!(
    authorisation_matrix_every_server_function_every_role,
    |app| {
        // Every registered server function must be in this matrix.
        let mut registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
            .map(|(p, _)| p)
            .collect();
        registered.sort();
        assert_eq!(
            registered,
            [
                "/api/access_log",
                "/api/activate",
                "/api/add_own_view",
                "/api/agree_statement",
                "/api/case_contacts",
                "/api/case_family",
                "/api/change_password",
                "/api/decide_correction",
                "/api/end_my_session",
                "/api/export_my_data",
                "/api/full_information",
                "/api/inbox",
                "/api/insights",
                "/api/invite_member",
                "/api/invite_professional",
                "/api/involved",
                "/api/list_my_cases",
                "/api/list_my_sessions",
                "/api/login",
                "/api/logout",
                "/api/mark_discussed",
                "/api/my_feedback",
                "/api/own_dossier",
                "/api/praatplaat",
                "/api/print_dossier",
                "/api/record_contact",
                "/api/reply_to_feedback",
                "/api/report",
                "/api/reports",
                "/api/request_correction",
                "/api/revoke_share",
                "/api/rights",
                "/api/save_feedback",
                "/api/second_step",
                "/api/set_consent",
                "/api/set_full_information",
                "/api/set_language",
                "/api/set_staff_disabled",
                "/api/share_dossier",
                "/api/shared_with_me",
                "/api/shield_statement",
                "/api/staff",
                "/api/staff_audit",
                "/api/verify_code"
            ],
            "a server function is missing from the matrix"
        );
        // The matrix is about the policy; what a parent without authority sees of a case he
        // may read is the visibility rule's (server/tests/visibility.rs): open his whole
        // dossier so the report and statement rows below mean the same for every parent.
        app.open_whole_dossier_for_mehmet().await;

        for (user, own) in PRAATPLAAT_ALLOWED {
            let cookie = app.login(user).await;
            for reference in CASES {
                let id = case_id(app.db(), reference).await.to_string();
                let r = app
                    .post("/api/praatplaat", &[("case", &id)], &cookie, Client::Script)
                    .await;
                let allowed = *own == Some(reference);
                assert_eq!(
                    r.status == StatusCode::OK,
                    allowed,
                    "praatplaat {user} on {reference}: {} {}",
                    r.status,
                    r.body
                );
                if !allowed {
                    assert_eq!(
                        r.status,
                        StatusCode::NOT_FOUND,
                        "denied looks like not found ({user}, {reference})"
                    );
                }
            }
            // The other read functions that take a case id follow the same rule.
            for reference in CASES {
                let id = case_id(app.db(), reference).await.to_string();
                let allowed = *own == Some(reference);
                for path in ["/api/involved", "/api/reports"] {
                    let r = app
                        .post(path, &[("case", &id)], &cookie, Client::Script)
                        .await;
                    assert_eq!(
                        r.status == StatusCode::OK,
                        allowed,
                        "{path} {user} on {reference}: {}",
                        r.status
                    );
                    if !allowed {
                        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path} {user} {reference}");
                    }
                }
                for (report_case, title) in REPORTS {
                    let report = common::ids::report(app.db(), title).await.to_string();
                    let r = app
                        .post(
                            "/api/report",
                            &[("case", &id), ("report", &report)],
                            &cookie,
                            Client::Script,
                        )
                        .await;
                    // A report is only found through its own case.
                    let expect = allowed && report_case == reference;
                    assert_eq!(
                        r.status == StatusCode::OK,
                        expect,
                        "report {title} via {reference} for {user}: {}",
                        r.status
                    );
                }
            }
            let family = FAMILY.contains(user);
            // The reader's own case, without an id: family members only.
            for path in [
                "/api/involved",
                "/api/reports",
                "/api/rights",
                "/api/own_dossier",
                "/api/print_dossier",
            ] {
                let r = app.post(path, &[], &cookie, Client::Script).await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    family,
                    "{path} for {user}: {}",
                    r.status
                );
            }
            let export = app.get("/api/export_my_data", &cookie).await;
            assert_eq!(
                export.status == StatusCode::OK,
                family,
                "export for {user}: {}",
                export.status
            );
            // Reports and statements by id, without a case: only those of one's own case.
            for ((reference, title), (_, statement)) in REPORTS.into_iter().zip(STATEMENTS) {
                let mine = family && *own == Some(reference);
                let report = common::ids::report(app.db(), title).await.to_string();
                let r = app
                    .post(
                        "/api/report",
                        &[("report", &report)],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    mine,
                    "own report {title} for {user}: {}",
                    r.status
                );
                let sid = common::ids::statement(app.db(), statement)
                    .await
                    .to_string();
                for (path, form) in [
                    ("/api/agree_statement", vec![("statement", sid.as_str())]),
                    // Invalid input: allowed readers get a form reply, others "not found".
                    (
                        "/api/request_correction",
                        vec![
                            ("statement", sid.as_str()),
                            ("key", "m"),
                            ("kind", ""),
                            ("reason", ""),
                            ("proposed", ""),
                        ],
                    ),
                    (
                        "/api/add_own_view",
                        vec![("statement", sid.as_str()), ("key", "m"), ("text", "")],
                    ),
                ] {
                    let r = app.post(path, &form, &cookie, Client::Script).await;
                    assert_eq!(
                        r.status == StatusCode::OK,
                        mine,
                        "{path} on {reference} for {user}: {} {}",
                        r.status,
                        r.body
                    );
                    if !mine {
                        assert_eq!(r.status, StatusCode::NOT_FOUND);
                    }
                }
            }
            let share = app
                .post(
                    "/api/share_dossier",
                    &[("username", ""), ("role", ""), ("until", "")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                share.status == StatusCode::OK,
                family,
                "share_dossier for {user}"
            );
            let revoke = app
                .post(
                    "/api/revoke_share",
                    &[("share", &Uuid::new_v4().to_string())],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                revoke.status,
                StatusCode::NOT_FOUND,
                "revoke_share of an unknown share ({user})"
            );
            let sanne_id = common::ids::person(app.db(), "Sanne").await.to_string();
            let consent = app
                .post(
                    "/api/set_consent",
                    &[("parent", &sanne_id), ("give", "true")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                consent.status == StatusCode::OK,
                *user == "lisa",
                "set_consent for {user}: {}",
                consent.status
            );
            // A professional sees the family of an assigned case, and invites members who may
            // have an account and have none yet (only Linda Bakker, in the demo).
            let linda = common::ids::person(app.db(), "Linda").await.to_string();
            for reference in CASES {
                let id = case_id(app.db(), reference).await.to_string();
                let assigned = PROFESSIONALS.contains(user) && *own == Some(reference);
                // Hiding a statement: the case's professionals (an empty reason: a form reply).
                let (_, first) = STATEMENTS
                    .into_iter()
                    .find(|(r, _)| *r == reference)
                    .unwrap();
                let sid = common::ids::statement(app.db(), first).await.to_string();
                let r = app
                    .post(
                        "/api/shield_statement",
                        &[
                            ("case", &id),
                            ("statement", &sid),
                            ("person", &linda),
                            ("reason", ""),
                        ],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned && reference == "2025-1187",
                    "shield_statement {user} {reference}: {}",
                    r.status
                );
                // Opening the whole dossier for a parent without authority: the case's
                // professionals (Mehmet is in the Jansen-Yilmaz family; no reason: a form reply).
                let mehmet = common::ids::person(app.db(), "Mehmet").await.to_string();
                let r = app
                    .post(
                        "/api/full_information",
                        &[("case", &id)],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned,
                    "full_information {user} {reference}: {}",
                    r.status
                );
                let r = app
                    .post(
                        "/api/set_full_information",
                        &[
                            ("case", &id),
                            ("person", &mehmet),
                            ("open", "true"),
                            ("reason", ""),
                        ],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned && reference == "2026-0412",
                    "set_full_information {user} {reference}: {}",
                    r.status
                );
                if r.status != StatusCode::OK {
                    assert_eq!(r.status, StatusCode::NOT_FOUND);
                }
                let r = app
                    .post(
                        "/api/case_family",
                        &[("case", &id)],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned,
                    "case_family {user} {reference}: {}",
                    r.status
                );
                let r = app
                    .post(
                        "/api/invite_member",
                        &[("case", &id), ("person", &linda)],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned && reference == "2025-1187",
                    "invite_member {user} {reference}: {}",
                    r.status
                );
            }
            // Feedback: family members give it about their own case; professionals read,
            // record and answer it on assigned cases; nobody else reaches any of it.
            let r = app
                .post("/api/my_feedback", &[], &cookie, Client::Script)
                .await;
            assert_eq!(r.status == StatusCode::OK, family, "my_feedback for {user}");
            let r = app
                .post(
                    "/api/save_feedback",
                    &[
                        ("contact", ""),
                        ("key", "m"),
                        ("intent", "send"),
                        ("comment", ""),
                    ],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                r.status == StatusCode::OK,
                family,
                "save_feedback for {user}: {}",
                r.status
            );
            if family {
                assert!(
                    r.body.contains(r#""ok":false"#),
                    "missing scales are a reply"
                );
            } else {
                assert_eq!(r.status, StatusCode::NOT_FOUND);
            }
            let r = app.post("/api/inbox", &[], &cookie, Client::Script).await;
            assert_eq!(
                r.status == StatusCode::OK,
                PROFESSIONALS.contains(user),
                "inbox for {user}"
            );
            let response = common::ids::feedback_of(app.db(), "Sanne")
                .await
                .to_string();
            let on_case1 = PROFESSIONALS.contains(user) && *own == Some("2026-0412");
            for (path, form) in [
                (
                    "/api/reply_to_feedback",
                    vec![("response", response.as_str()), ("text", "")],
                ),
                (
                    "/api/mark_discussed",
                    vec![("response", response.as_str()), ("date", "x")],
                ),
            ] {
                let r = app.post(path, &form, &cookie, Client::Script).await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    on_case1,
                    "{path} for {user}: {}",
                    r.status
                );
                if !on_case1 {
                    assert_eq!(r.status, StatusCode::NOT_FOUND, "{path} for {user}");
                }
            }
            // The demo's open request is about Veilig Thuis's report: only its assigned
            // professional decides (an empty reason: a form reply).
            let request = common::ids::open_request(app.db()).await.to_string();
            let r = app
                .post(
                    "/api/decide_correction",
                    &[
                        ("request", &request),
                        ("decision", "decline"),
                        ("text", ""),
                        ("reason", ""),
                    ],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                r.status == StatusCode::OK,
                *user == "fatima",
                "decide_correction for {user}: {}",
                r.status
            );
            for reference in CASES {
                let id = case_id(app.db(), reference).await.to_string();
                let assigned = PROFESSIONALS.contains(user) && *own == Some(reference);
                let r = app
                    .post(
                        "/api/case_contacts",
                        &[("case", &id)],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned,
                    "case_contacts {user} {reference}"
                );
                let r = app
                    .post(
                        "/api/record_contact",
                        &[
                            ("case", &id),
                            ("id", &Uuid::new_v4().to_string()),
                            ("kind", ""),
                            ("date", ""),
                            ("time", ""),
                            ("summary", ""),
                        ],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                assert_eq!(
                    r.status == StatusCode::OK,
                    assigned,
                    "record_contact {user} {reference}: {}",
                    r.status
                );
                if !assigned {
                    assert_eq!(r.status, StatusCode::NOT_FOUND);
                }
            }
            // The organisation's anonymised figures: analysts and administrators only (their
            // own organisation; see tests/insights.rs), as the page and as the CSV.
            let figures = matches!(*user, "analist" | "beheer");
            let r = app
                .post("/api/insights", &[], &cookie, Client::Script)
                .await;
            assert_eq!(r.status == StatusCode::OK, figures, "insights for {user}");
            let r = app.get("/inzicht/export.csv", &cookie).await;
            assert_eq!(
                r.status == StatusCode::OK,
                figures,
                "insights CSV for {user}"
            );
            if !figures {
                assert_eq!(r.status, StatusCode::NOT_FOUND);
            }
            // Only an organisation administrator manages staff, and only their own.
            let admin = *user == "beheer";
            for path in ["/api/staff", "/api/staff_audit"] {
                let r = app.post(path, &[], &cookie, Client::Script).await;
                assert_eq!(r.status == StatusCode::OK, admin, "{path} for {user}");
            }
            let r = app
                .post(
                    "/api/invite_professional",
                    &[("given_name", ""), ("family_name", ""), ("job_title", "")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                r.status == StatusCode::OK,
                admin,
                "invite_professional for {user}"
            );
            let r = app
                .post(
                    "/api/set_staff_disabled",
                    &[
                        ("account", &Uuid::new_v4().to_string()),
                        ("disabled", "true"),
                    ],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::NOT_FOUND,
                "set_staff_disabled of an unknown account ({user})"
            );
            // Everyone logged in may change their own password (a wrong current one: a reply).
            let r = app
                .post(
                    "/api/change_password",
                    &[("current", "x"), ("password", "x"), ("repeat", "x")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "change_password for {user}");
            assert!(r.body.contains(r#""ok":false"#));
            // Activation is open to anyone holding a code; a wrong code is a reply.
            let r = app
                .post(
                    "/api/activate",
                    &[
                        ("code", "x"),
                        ("username", "x"),
                        ("password", "x"),
                        ("repeat", "x"),
                    ],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert!(r.body.contains(r#""ok":false"#), "activate for {user}");
            // The second step belongs to a session still waiting for it: none here.
            for path in ["/api/verify_code", "/api/second_step"] {
                let r = app
                    .post(path, &[("code", "123456")], &cookie, Client::Script)
                    .await;
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path} for {user}");
            }
            let shared = app
                .post("/api/shared_with_me", &[], &cookie, Client::Script)
                .await;
            assert_eq!(
                shared.status == StatusCode::OK,
                *user == "yvonne",
                "shared_with_me for {user}"
            );
            let mine = app
                .post("/api/praatplaat", &[], &cookie, Client::Script)
                .await;
            assert_eq!(
                mine.status == StatusCode::OK,
                family,
                "own praatplaat without id for {user}"
            );
            let sessions = app
                .post("/api/list_my_sessions", &[], &cookie, Client::Script)
                .await;
            assert_eq!(
                sessions.status,
                StatusCode::OK,
                "list_my_sessions for {user}"
            );
            let foreign = app
                .post(
                    "/api/end_my_session",
                    &[("handle", "0123456789abcdef")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(
                foreign.status,
                StatusCode::NOT_FOUND,
                "end_my_session with a handle that is not theirs ({user})"
            );
            let log = app
                .post("/api/access_log", &[], &cookie, Client::Script)
                .await;
            assert_eq!(
                log.status == StatusCode::OK,
                family,
                "access_log for {user}: {}",
                log.status
            );
            let cases = app
                .post("/api/list_my_cases", &[], &cookie, Client::Script)
                .await;
            assert_eq!(
                cases.status == StatusCode::OK,
                PROFESSIONALS.contains(user),
                "list_my_cases for {user}: {}",
                cases.status
            );
            let lang = app
                .post(
                    "/api/set_language",
                    &[("lang", "en"), ("back", "/")],
                    &cookie,
                    Client::Script,
                )
                .await;
            assert!(
                lang.status.is_success() || lang.status.is_redirection(),
                "set_language is open to {user}"
            );
            let out = app.post("/api/logout", &[], &cookie, Client::Script).await;
            assert!(
                out.status.is_success() || out.status.is_redirection(),
                "logout for {user}"
            );
        }
        // Without a session nothing of a dossier is reachable.
        let id = case_id(app.db(), "2026-0412").await.to_string();
        assert_eq!(
            app.post("/api/praatplaat", &[("case", &id)], "", Client::Script)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.post("/api/list_my_cases", &[], "", Client::Script)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.post("/api/access_log", &[], "", Client::Script)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    the_family_sees_who_read_their_dossier_and_no_one_elses,
    |app| {
        let jeroen = app.login("jeroen").await;
        let id = case_id(app.db(), "2026-0412").await.to_string();
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
                .contains(r#"Jeroen Smit: &quot;Waar sta ik nu?&quot; bekeken"#)
                || page
                    .body
                    .contains(r#"Jeroen Smit: "Waar sta ik nu?" bekeken"#),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("Raadsonderzoeker, Raad voor de Kinderbescherming"));
        let peter = app.login("peter").await;
        assert_eq!(app.get("/waar-sta-ik", &peter).await.status, StatusCode::OK);
        let other = app.get("/wie-keek-mee", &peter).await;
        assert_eq!(other.status, StatusCode::OK);
        assert!(
            !other.body.contains("Jeroen Smit"),
            "another family's reads never show"
        );
        assert!(
            other.body.contains("U zelf:"),
            "one's own reads show as such"
        );
    }
);

on_both!(
    random_foreign_ids_never_reveal_another_familys_data,
    |app| {
        let cookie = app.login("sanne").await;
        let other = case_id(app.db(), "2025-1187").await;
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
        let id = case_id(app.db(), "2026-0412").await;
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
