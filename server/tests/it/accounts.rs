//! Accounts: the professionals' second factor, choosing and changing passwords, invitations
//! with single-use activation codes, and the organisation administrator's staff screen.
//! Each test runs on SQLite and PostgreSQL.
use crate::common;

use app::backend::{demo::DEMO_TOTP_SECRET, totp};
use axum::http::StatusCode;
use common::{ids, Client};

fn code_now(secret: &str, offset: i64) -> String {
    let key = totp::decode_secret(secret).unwrap();
    totp::code_for_step(
        &key,
        totp::step_of(app::backend::time::now().timestamp()) + offset,
    )
}

async fn password_login(
    app: &common::TestApp,
    user: &str,
    password: &str,
) -> (serde_json::Value, String) {
    let r = app
        .post(
            "/api/login",
            &[("username", user), ("password", password)],
            "",
            Client::Script,
        )
        .await;
    let cookie = r
        .cookie("helder_session")
        .map(|t| format!("helder_session={t}"))
        .unwrap_or_default();
    (serde_json::from_str(&r.body).unwrap_or_default(), cookie)
}

on_both!(a_professional_needs_a_code_that_works_once, |app| {
    let (reply, cookie) = password_login(&app, "jeroen", common::PASSWORD).await;
    assert_eq!(reply["redirect"], "/inloggen/code", "{reply}");
    // Password alone opens nothing.
    let case = ids::case(app.db(), "2026-0412").await;
    assert_eq!(
        app.get(&format!("/zaken/{case}"), &cookie).await.status,
        StatusCode::FOUND,
        "to log in"
    );
    let r = app
        .post("/api/list_my_cases", &[], &cookie, Client::Script)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Whoever knows the password never sees the key: it is shown only right after
    // activation (see the administrator's test below).
    let page = app.get("/inloggen/code", &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains(DEMO_TOTP_SECRET),
        "no enrolment key for a password log-in"
    );
    let wrong = app
        .post(
            "/api/verify_code",
            &[("code", "000000")],
            &cookie,
            Client::Script,
        )
        .await;
    assert!(wrong.body.contains(r#""ok":false"#), "{}", wrong.body);
    let code = code_now(DEMO_TOTP_SECRET, 0);
    let ok = app
        .post(
            "/api/verify_code",
            &[("code", &code)],
            &cookie,
            Client::Script,
        )
        .await;
    assert!(ok.body.contains(r#""ok":true"#), "{}", ok.body);
    // The pending session's token is spent; a new one opens the account.
    let fresh = format!(
        "helder_session={}",
        ok.cookie("helder_session").expect("a new session token")
    );
    assert_ne!(fresh, cookie);
    assert_eq!(
        app.get(&format!("/zaken/{case}"), &fresh).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/zaken/{case}"), &cookie).await.status,
        StatusCode::FOUND,
        "the password-only token stopped working"
    );
    // The same code on a new log-in is refused: a used code cannot be used again.
    let (_, second) = password_login(&app, "jeroen", common::PASSWORD).await;
    let again = app
        .post(
            "/api/verify_code",
            &[("code", &code)],
            &second,
            Client::Script,
        )
        .await;
    assert!(
        again.body.contains(r#""ok":false"#),
        "replay refused: {}",
        again.body
    );
    // The key is stored sealed (it was plain in the demo data until its first use).
    let stored: (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT totp_secret FROM accounts WHERE username = 'jeroen'").fetch_one(p).await).unwrap();
    assert!(
        stored.0.starts_with("v1:") && !stored.0.contains(DEMO_TOTP_SECRET),
        "sealed at rest"
    );
    // Without a pending session there is nothing to verify.
    let none = app
        .post("/api/verify_code", &[("code", &code)], "", Client::Script)
        .await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    // A family member has no second step.
    let (reply, _) = password_login(&app, "sanne", common::PASSWORD).await;
    assert_eq!(reply["redirect"], "/");
});

on_both!(
    changing_the_password_follows_the_rules_and_ends_other_sessions,
    |app| {
        let phone = app.login("sanne").await;
        let laptop = app.login("sanne").await;
        let post = |current: &'static str, new: &'static str, repeat: &'static str| {
            let phone = phone.clone();
            let app = &app;
            async move {
                let r = app
                    .post(
                        "/api/change_password",
                        &[("current", current), ("password", new), ("repeat", repeat)],
                        &phone,
                        Client::Script,
                    )
                    .await;
                serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
            }
        };
        let r = post("fout", "paarse olifant fietst", "paarse olifant fietst").await;
        assert_eq!(r["field_errors"][0][0], "current");
        let r = post(common::PASSWORD, "wachtwoord", "wachtwoord").await;
        assert_eq!(
            r["field_errors"][0],
            serde_json::json!(["password", "PasswordTooCommon"])
        );
        let r = post(common::PASSWORD, "kort", "kort").await;
        assert_eq!(
            r["field_errors"][0],
            serde_json::json!(["password", "PasswordTooShort"])
        );
        let r = post(
            common::PASSWORD,
            "paarse olifant fietst",
            "paarse olifant loopt",
        )
        .await;
        assert_eq!(
            r["field_errors"][0],
            serde_json::json!(["repeat", "PasswordsDiffer"])
        );
        let r = post(
            common::PASSWORD,
            "paarse olifant fietst",
            "paarse olifant fietst",
        )
        .await;
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(
            app.get("/waar-sta-ik", &phone).await.status,
            StatusCode::OK,
            "this session stays"
        );
        assert_eq!(
            app.get("/waar-sta-ik", &laptop).await.status,
            StatusCode::FOUND,
            "the other one ended"
        );
        let (old, _) = password_login(&app, "sanne", common::PASSWORD).await;
        assert_eq!(old["ok"], false);
        let (new, _) = password_login(&app, "sanne", "paarse olifant fietst").await;
        assert_eq!(new["ok"], true);
        let hash: (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT password_hash FROM accounts WHERE username = 'sanne'").fetch_one(p).await).unwrap();
        assert!(hash.0.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }
);

on_both!(a_professional_invites_a_parent_who_activates_once, |app| {
    let anouk = app.login("anouk").await;
    let bakker = ids::case(app.db(), "2025-1187").await.to_string();
    let linda = ids::person(app.db(), "Linda").await.to_string();
    let emma = ids::person(app.db(), "Emma").await.to_string();
    // Emma is 10: no account of her own.
    let r = app
        .post(
            "/api/invite_member",
            &[("case", &bakker), ("person", &emma)],
            &anouk,
            Client::Script,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Not on someone else's case.
    let other = ids::case(app.db(), "2026-0412").await.to_string();
    let sanne = ids::person(app.db(), "Sanne").await.to_string();
    let r = app
        .post(
            "/api/invite_member",
            &[("case", &other), ("person", &sanne)],
            &anouk,
            Client::Script,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A phone number is needed for the second half; bad input says so and keeps it.
    let r = app
        .post(
            "/api/invite_member",
            &[("case", &bakker), ("person", &linda), ("phone", "06 12")],
            &anouk,
            Client::PlainForm,
        )
        .await;
    let flash = r.cookie("helder_flash").unwrap();
    let page = app
        .get(
            &format!("/zaken/{bakker}"),
            &format!("{anouk}; helder_flash={flash}"),
        )
        .await;
    assert!(
        page.body.contains("Vul een mobiel nummer in") && page.body.contains(r#"value="06 12""#),
        "message next to the field, typed value kept"
    );
    assert!(app.backend.sms.sent().is_empty());
    // Without JavaScript the letter with the first half is shown once on the case page.
    let r = app
        .post(
            "/api/invite_member",
            &[
                ("case", &bakker),
                ("person", &linda),
                ("phone", "06-1234 5678"),
            ],
            &anouk,
            Client::PlainForm,
        )
        .await;
    assert_eq!(r.location(), Some(format!("/zaken/{bakker}").as_str()));
    let flash = r.cookie("helder_flash").unwrap();
    let page = app
        .get(
            &format!("/zaken/{bakker}"),
            &format!("{anouk}; helder_flash={flash}"),
        )
        .await;
    let code = page
        .body
        .split("<code>")
        .nth(1)
        .and_then(|s| s.split("</code>").next())
        .expect("code shown")
        .to_string();
    assert_eq!(code.replace('-', "").len(), 13, "the letter's half: {code}");
    assert!(
        page.body.contains("Anouk de Vries") && page.body.contains("Beste Linda"),
        "the letter says who invites whom"
    );
    // The other half went to Linda's phone, never to the professional.
    let sent = app.backend.sms.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "0612345678");
    let sms_half = sent[0]
        .text
        .split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .find(|w| w.len() == 16 && w.matches('-').count() == 3)
        .expect("the code in the text message")
        .to_string();
    assert!(
        !page.body.contains(&sms_half),
        "the professional never sees it"
    );
    let full = format!("{code}{sms_half}");
    assert_eq!(
        full.replace('-', "").len(),
        26,
        "128 bits in base32: {full}"
    );
    let stored: (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT code_hash FROM activation_codes ORDER BY created_at DESC LIMIT 1").fetch_one(p).await).unwrap();
    assert!(!stored.0.contains(&code.replace('-', "")), "stored hashed");
    assert!(
        !app.get(&format!("/zaken/{bakker}"), &anouk)
            .await
            .body
            .contains(&code),
        "shown once"
    );
    // Activation: bad choices keep the username and say why.
    let activate = |code: String, sms: String, user: &'static str, pw: &'static str| {
        let app = &app;
        async move {
            let r = app
                .post(
                    "/api/activate",
                    &[
                        ("code", &code),
                        ("sms_code", &sms),
                        ("username", user),
                        ("password", pw),
                        ("repeat", pw),
                    ],
                    "",
                    Client::Script,
                )
                .await;
            serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
        }
    };
    // The letter alone (what the professional holds) opens nothing.
    let r = activate(
        code.clone(),
        String::new(),
        "linda.bakker",
        "mijn eigen zin voor helder",
    )
    .await;
    assert_eq!(r["field_errors"][0][0], "code", "half a code: {r}");
    let r = activate(code.clone(), sms_half.clone(), "sanne", "wachtwoord").await;
    let fields: Vec<&str> = r["field_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["username", "password"], "{r}");
    assert_eq!(
        r["detail"], "Anouk de Vries (SAVE Jeugdbescherming)",
        "with the right code the page says who invited: {r}"
    );
    let r = activate(
        "AAAA-BBBB".into(),
        String::new(),
        "linda",
        "mijn eigen zin voor helder",
    )
    .await;
    assert_eq!(r["field_errors"][0][0], "code");
    let r = activate(
        code.to_lowercase(),
        sms_half.to_lowercase(),
        "linda.bakker",
        "mijn eigen zin voor helder",
    )
    .await;
    assert_eq!(r["ok"], true, "case and dashes do not matter: {r}");
    let r = activate(
        full.clone(),
        String::new(),
        "linda2",
        "mijn eigen zin voor helder",
    )
    .await;
    assert_eq!(r["field_errors"][0][0], "code", "single use");
    let (reply, cookie) = password_login(&app, "linda.bakker", "mijn eigen zin voor helder").await;
    assert_eq!(reply["ok"], true);
    let page = app.get("/waar-sta-ik", &cookie).await;
    assert!(
        page.body.contains("Ondertoezichtstelling"),
        "her own family's dossier"
    );
    assert_eq!(
        ids::count(app.db(), "SELECT COUNT(*) FROM audit_events WHERE action IN ('invite', 'activate') AND (object_id = $1 OR action = 'activate')", ids::person(app.db(), "Linda").await).await,
        2
    );
});

on_both!(
    an_administrator_manages_only_their_own_organisations_staff,
    |app| {
        let beheer = app.login("beheer").await;
        let page = app.get("/beheer", &beheer).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("Jeroen Smit") && page.body.contains("Willem de Groot"),
            "the Raad's professionals"
        );
        assert!(!page.body.contains("Anouk de Vries"), "not SAVE's");
        assert!(!page.body.contains("Jansen-Yilmaz"), "no families");
        // The log review shows what the Raad's own staff did (Jeroen's log-in), not SAVE's.
        app.login("jeroen").await;
        app.login("anouk").await;
        let review = app
            .post("/api/staff_audit", &[], &beheer, Client::Script)
            .await;
        assert!(review.body.contains("Jeroen Smit"), "{}", review.body);
        assert!(
            !review.body.contains("Anouk"),
            "another organisation's staff"
        );
        // Invite a new colleague; she activates and must set up and give a code.
        let r = app
            .post(
                "/api/invite_professional",
                &[
                    ("given_name", "Eva"),
                    ("family_name", "Mol"),
                    ("job_title", "Raadsonderzoeker"),
                ],
                &beheer,
                Client::Script,
            )
            .await;
        let reply: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let code = reply["detail"].as_str().expect("code").to_string();
        let r = app
            .post(
                "/api/activate",
                &[
                    ("code", &code),
                    ("username", "eva"),
                    ("password", "raad onderzoek 2026"),
                    ("repeat", "raad onderzoek 2026"),
                ],
                "",
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        // Activation opens the second step right away, and only that session shows the key.
        assert!(r.body.contains("/inloggen/code"), "{}", r.body);
        let enrolling = format!("helder_session={}", r.cookie("helder_session").unwrap());
        let (reply, later) = password_login(&app, "eva", "raad onderzoek 2026").await;
        assert_eq!(reply["redirect"], "/inloggen/code");
        assert!(
            !app.get("/inloggen/code", &later)
                .await
                .body
                .contains("<code>"),
            "whoever knows the password does not see the key"
        );
        let page = app.get("/inloggen/code", &enrolling).await;
        let key = page
            .body
            .split("<code>")
            .nth(1)
            .and_then(|s| s.split("</code>").next())
            .expect("enrolment key")
            .to_string();
        let stored: (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT totp_secret FROM accounts WHERE username = 'eva'").fetch_one(p).await).unwrap();
        assert!(
            stored.0.starts_with("v1:") && !stored.0.contains(&key),
            "stored sealed"
        );
        let cookie = app.second_step(&enrolling, &key).await;
        assert_eq!(app.get("/", &cookie).await.status, StatusCode::OK);
        assert!(
            !app.get("/inloggen/code", &later).await.body.contains(&key),
            "never again"
        );
        // Blocking Jeroen ends his sessions and his log-in.
        let jeroen = app.login("jeroen").await;
        let account: (uuid::Uuid,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT id FROM accounts WHERE username = 'jeroen'").fetch_one(p).await).unwrap();
        let r = app
            .post(
                "/api/set_staff_disabled",
                &[("account", &account.0.to_string()), ("disabled", "true")],
                &beheer,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            app.post("/api/list_my_cases", &[], &jeroen, Client::Script)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let (reply, _) = password_login(&app, "jeroen", common::PASSWORD).await;
        assert_eq!(reply["ok"], false);
        // Not another organisation's professional.
        let anouk: (uuid::Uuid,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT id FROM accounts WHERE username = 'anouk'").fetch_one(p).await).unwrap();
        let r = app
            .post(
                "/api/set_staff_disabled",
                &[("account", &anouk.0.to_string()), ("disabled", "true")],
                &beheer,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);
