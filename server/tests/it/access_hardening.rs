//! Access hardening (issue 12): throttling that holds under concurrency and decays, the
//! trusted-proxy setting, activation that says nothing before the code is right, pruning,
//! audit rows for denied reads, and the PostgreSQL application role that cannot touch the
//! audit trail. Each test runs on SQLite and PostgreSQL.
use crate::common;

use app::backend::{
    auth::{self, LoginOutcome},
    housekeeping, sealed, session,
    time::now,
};
use axum::http::StatusCode;
use chrono::Duration;
use common::{ids, Client, TestApp};

/// Starts `n` requests that wait for each other at a barrier and then go at once.
async fn burst<F, Fut>(n: usize, make: F) -> Vec<common::Reply>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = common::Reply> + Send + 'static,
{
    common::at_once((0..n).map(|_| make()).collect()).await
}

/// (checked and refused, throttled) among replies; anything else fails the test.
fn tally(replies: &[common::Reply]) -> (usize, usize) {
    let mut checked = 0;
    let mut throttled = 0;
    for r in replies {
        match r.status {
            StatusCode::OK if r.body.contains(r#""ok":false"#) => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => throttled += 1,
            other => panic!("unexpected reply {other}: {}", r.body),
        }
    }
    (checked, throttled)
}

async fn wrong_login(app: &TestApp, user: &str) -> common::Reply {
    app.post(
        "/api/login",
        &[("username", user), ("password", "fout wachtwoord")],
        "",
        Client::Script,
    )
    .await
}

/// Wrong tries, one after the other, before the first "wait".
async fn sequential_limit(mut attempt: impl AsyncFnMut() -> common::Reply) -> usize {
    let mut checked = 0;
    loop {
        let r = attempt().await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            return checked;
        }
        assert!(r.body.contains(r#""ok":false"#), "{}", r.body);
        checked += 1;
        assert!(checked < 50, "never throttled");
    }
}

on_both!(
    a_burst_of_wrong_passwords_gets_no_more_tries_than_one_by_one,
    |app| {
        let sequential = sequential_limit(async || wrong_login(&app, "mehmet").await).await;
        assert_eq!(sequential as i64, auth::PAIR.free + 1);
        let replies = burst(25, || {
            let app = app.clone();
            async move { wrong_login(&app, "sanne").await }
        })
        .await;
        let (checked, throttled) = tally(&replies);
        assert!(
            (1..=sequential).contains(&checked),
            "{checked} passwords checked at once, {sequential} one by one"
        );
        assert_eq!(checked + throttled, 25);
        // Only the checked ones were counted, and the account is locked for now, right password
        // or not.
        let (n,): (i64,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT CAST(failures AS BIGINT) FROM login_throttle WHERE key = 'pair:sanne|unknown'").fetch_one(p).await).unwrap();
        assert_eq!(n as usize, checked);
        let r = app
            .post(
                "/api/login",
                &[("username", "sanne"), ("password", common::PASSWORD)],
                "",
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers.get("retry-after").is_some());
    }
);

on_both!(
    a_burst_of_wrong_codes_gets_no_more_tries_than_one_by_one,
    |app| {
        let pending = |user: &'static str| {
            let app = app.clone();
            async move {
                let r = app
                    .post(
                        "/api/login",
                        &[("username", user), ("password", common::PASSWORD)],
                        "",
                        Client::Script,
                    )
                    .await;
                assert!(r.body.contains("/inloggen/code"), "{}", r.body);
                format!("helder_session={}", r.cookie("helder_session").unwrap())
            }
        };
        let fatima = pending("fatima").await;
        let sequential = sequential_limit(async || {
            app.post(
                "/api/verify_code",
                &[("code", "000000")],
                &fatima,
                Client::Script,
            )
            .await
        })
        .await;
        assert_eq!(sequential as i64, auth::CODE.free + 1);
        let jeroen = pending("jeroen").await;
        let replies = burst(25, || {
            let app = app.clone();
            let cookie = jeroen.clone();
            async move {
                app.post(
                    "/api/verify_code",
                    &[("code", "000000")],
                    &cookie,
                    Client::Script,
                )
                .await
            }
        })
        .await;
        let (checked, throttled) = tally(&replies);
        assert!(
            (1..=sequential).contains(&checked),
            "{checked} codes checked at once, {sequential} one by one"
        );
        assert_eq!(checked + throttled, 25);
        assert_eq!(
        ids::count(app.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'second_factor' AND result = 'denied' AND actor_account_id = $1",
            account(&app, "jeroen").await.0).await as usize,
        checked,
        "one audit row per checked code"
    );
    }
);

async fn account(app: &TestApp, username: &str) -> app::domain::AccountId {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (app::domain::AccountId,)>("SELECT id FROM accounts WHERE username = $1").bind(username).fetch_one(p).await).unwrap().0
}

const ATTACKER: &str = "198.51.100.66";
const OWNER: &str = "203.0.113.10";

on_both!(
    failures_decay_locks_end_and_the_owner_gets_in_first,
    |app| {
        let auth = app.backend.auth.clone();
        let db = app.db().clone();
        let login = |user: &'static str, password: &'static str, ip: &'static str, at| {
            let (auth, db) = (auth.clone(), db.clone());
            async move {
                auth.login_at(&db, user, password, ip, "test", at)
                    .await
                    .unwrap()
            }
        };
        let t0 = now();
        // One wrong log-in an hour, for two days, never locks the username.
        for hour in 0..48 {
            let at = t0 + Duration::hours(hour);
            assert_eq!(
                login("sanne", "fout", ATTACKER, at).await,
                LoginOutcome::Rejected,
                "hour {hour}"
            );
        }
        // An attacker who waits out every lock: after 14 failures both the account and the
        // attacker's own address are locked.
        let mut at = t0 + Duration::hours(49);
        let mut failures = 0;
        while failures < 14 {
            match login("mehmet", "fout", ATTACKER, at).await {
                LoginOutcome::Rejected => failures += 1,
                LoginOutcome::Throttled { retry_after_secs } => {
                    at += Duration::seconds(retry_after_secs as i64)
                }
                other => panic!("{other:?}"),
            }
        }
        let until = |key: &'static str| {
            let db = db.clone();
            async move {
                let row: (Option<chrono::DateTime<chrono::Utc>>,) = app::on_db!(&db, p => sqlx::query_as("SELECT locked_until FROM login_throttle WHERE key = $1").bind(key).fetch_one(p).await).unwrap();
                row.0.expect("locked")
            }
        };
        let account_lock = until("account:mehmet").await;
        let attacker_lock = until("pair:mehmet|198.51.100.66").await;
        assert!(
            account_lock < attacker_lock,
            "the account's lock is the shorter"
        );
        assert!(account_lock - at <= auth::ACCOUNT.max, "a lock ends");
        // While the account is locked even the owner waits…
        assert!(matches!(
            login("mehmet", common::PASSWORD, OWNER, at).await,
            LoginOutcome::Throttled { .. }
        ));
        // …when it ends, the owner gets in while the attacker is still slowed.
        let after = account_lock + Duration::seconds(1);
        assert!(matches!(
            login("mehmet", common::PASSWORD, ATTACKER, after).await,
            LoginOutcome::Throttled { .. }
        ));
        assert!(matches!(
            login("mehmet", common::PASSWORD, OWNER, after).await,
            LoginOutcome::LoggedIn { .. }
        ));
        assert!(matches!(
            login("mehmet", "fout", ATTACKER, after).await,
            LoginOutcome::Throttled { .. }
        ));
    }
);

on_both!(
    changing_the_password_checks_the_current_one_under_the_throttle,
    |app| {
        let cookie = app.login("sanne").await;
        let change = |current: &'static str| {
            let (app, cookie) = (app.clone(), cookie.clone());
            async move {
                let r = app
                    .post(
                        "/api/change_password",
                        &[
                            ("current", current),
                            ("password", "paarse olifant fietst"),
                            ("repeat", "paarse olifant fietst"),
                        ],
                        &cookie,
                        Client::Script,
                    )
                    .await;
                serde_json::from_str::<serde_json::Value>(&r.body).unwrap()
            }
        };
        for _ in 0..=auth::PAIR.free {
            let r = change("fout").await;
            assert_eq!(
                r["field_errors"][0],
                serde_json::json!(["current", "PasswordCurrentWrong"])
            );
        }
        // Now even the right password waits; nothing changed.
        let r = change(common::PASSWORD).await;
        assert_eq!(
            r["field_errors"][0],
            serde_json::json!(["current", "ErrorThrottled"]),
            "{r}"
        );
        let (hash,): (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT password_hash FROM accounts WHERE username = 'sanne'").fetch_one(p).await).unwrap();
        assert!(
            app.backend
                .auth
                .check(Some(hash), common::PASSWORD.into())
                .await
        );
        // The same keys as logging in: the log-in form waits too.
        let r = app
            .post(
                "/api/login",
                &[("username", "sanne"), ("password", common::PASSWORD)],
                "",
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
);

/// The client address the audit trail and the throttle saw for a wrong log-in.
async fn seen_address(app: &TestApp, xff: &str) -> (String, bool) {
    let r = app
        .post_with(
            "/api/login",
            &[("username", "sanne"), ("password", "fout")],
            "",
            &[("x-forwarded-for", xff)],
        )
        .await;
    assert!(r.body.contains(r#""ok":false"#));
    let (ip,): (String,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT client_ip FROM audit_events WHERE action = 'login' AND result = 'denied' ORDER BY at DESC LIMIT 1").fetch_one(p).await).unwrap();
    let key = format!("ip:{ip}");
    let (n,): (i64,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT COUNT(*) FROM login_throttle WHERE key = $1").bind(&key).fetch_one(p).await).unwrap();
    (ip, n == 1)
}

async fn trusted_proxy(kind: common::Kind) {
    // Off by default: a client cannot choose its address by sending the header.
    let Some(plain) = common::spawn(kind).await else {
        return;
    };
    assert_eq!(
        seen_address(&plain, "203.0.113.9").await,
        ("unknown".into(), true)
    );
    // One proxy of our own in front: its entry (the rightmost) is the client.
    let proxied = common::spawn_with(kind, |o| o.trusted_proxy_hops = 1)
        .await
        .unwrap();
    assert_eq!(
        seen_address(&proxied, "6.6.6.6, 203.0.113.9").await,
        ("203.0.113.9".into(), true),
        "the audit row and the throttle use the same address"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxy_sqlite() {
    trusted_proxy(common::Kind::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxy_postgres() {
    trusted_proxy(common::Kind::Postgres).await
}

on_both!(
    activation_says_nothing_about_names_before_the_code_is_right,
    |app| {
        let activate = |user: &'static str, password: &'static str| {
            let app = app.clone();
            async move {
                app.post(
                    "/api/activate",
                    &[
                        ("code", "AAAA-BBBB-CCCC-D"),
                        ("sms_code", "EEEE-FFFF-GGGG-H"),
                        ("username", user),
                        ("password", password),
                        ("repeat", password),
                    ],
                    "",
                    Client::Script,
                )
                .await
            }
        };
        let taken = activate("sanne", "mijn eigen zin voor helder").await;
        let free = activate("nog.niet.gebruikt", "mijn eigen zin voor helder").await;
        let bad = activate("X", "kort").await;
        assert_eq!(taken.status, StatusCode::OK);
        assert_eq!(taken.body, free.body, "a taken name is not told apart");
        assert_eq!(taken.body, bad.body, "nor a bad one");
        assert!(!taken.body.contains("UsernameTaken"), "{}", taken.body);
    }
);

on_both!(pruning_removes_what_has_nothing_left_to_say, |app| {
    let db = app.db();
    let at = now();
    let old = at - Duration::days(2);
    for (key, last, locked) in [
        ("ip:old", old, None),
        ("ip:old-locked", old, Some(old + Duration::minutes(15))),
        ("ip:fresh", at, None),
        ("ip:locked", old, Some(at + Duration::minutes(5))),
    ] {
        app::on_db!(db, p => sqlx::query("INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES ($1, 3, $2, $3)")
            .bind(key).bind(last).bind(locked).execute(p).await.map(|_| ())).unwrap();
    }
    let person_account = account(&app, "sanne").await;
    let ended = session::create(db, person_account, "ua", false)
        .await
        .unwrap();
    let expired = session::create(db, person_account, "ua", false)
        .await
        .unwrap();
    let live = session::create(db, person_account, "ua", false)
        .await
        .unwrap();
    app::on_db!(db, p => sqlx::query("UPDATE sessions SET ended_at = $1 WHERE id_hash = $2").bind(old).bind(session::hash_token(&ended)).execute(p).await.map(|_| ())).unwrap();
    app::on_db!(db, p => sqlx::query("UPDATE sessions SET last_seen_at = $1, absolute_expires_at = $1 WHERE id_hash = $2").bind(old).bind(session::hash_token(&expired)).execute(p).await.map(|_| ())).unwrap();
    for (id, created) in [("flash-old", old), ("flash-new", at)] {
        app::on_db!(db, p => sqlx::query("INSERT INTO form_flash (id_hash, form, payload, created_at) VALUES ($1, 'f', '{}', $2)")
            .bind(id).bind(created).execute(p).await.map(|_| ())).unwrap();
    }
    let before: (i64,) =
        app::on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(p).await)
            .unwrap();
    let pruned = housekeeping::prune(db, at).await.unwrap();
    assert_eq!(pruned.throttle, 2, "{pruned:?}");
    assert_eq!(pruned.sessions, 2, "{pruned:?}");
    assert_eq!(pruned.flashes, 1, "{pruned:?}");
    let keys: Vec<(String,)> = app::on_db!(db, p => sqlx::query_as("SELECT key FROM login_throttle ORDER BY key").fetch_all(p).await).unwrap();
    assert_eq!(
        keys.into_iter().map(|k| k.0).collect::<Vec<_>>(),
        ["ip:fresh", "ip:locked"]
    );
    let after: (i64,) =
        app::on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(p).await)
            .unwrap();
    assert_eq!(after.0, before.0 - 2);
    assert!(
        session::resolve(db, &live).await.unwrap().is_some(),
        "live stays"
    );
    assert_eq!(
        housekeeping::prune(db, at).await.unwrap(),
        housekeeping::Pruned::default(),
        "nothing twice"
    );
});

on_both!(a_denied_read_leaves_an_audit_row_and_the_same_404, |app| {
    let sanne = app.login("sanne").await;
    let other = ids::case(app.db(), "2025-1187").await;
    let missing = uuid::Uuid::new_v4();
    let denied = app
        .post(
            "/api/praatplaat",
            &[("case", &other.to_string())],
            &sanne,
            Client::Script,
        )
        .await;
    let absent = app
        .post(
            "/api/praatplaat",
            &[("case", &missing.to_string())],
            &sanne,
            Client::Script,
        )
        .await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
    assert_eq!(
        (denied.status, &denied.body),
        (absent.status, &absent.body),
        "nothing told apart"
    );
    let who = account(&app, "sanne").await;
    for case in [other, missing] {
        let row: (Option<app::domain::AccountId>, String, String, String, Option<String>) = app::on_db!(app.db(), p => sqlx::query_as(
            "SELECT actor_account_id, action, result, client_ip, detail FROM audit_events WHERE object_id = $1 AND result = 'denied'")
            .bind(case).fetch_one(p).await).unwrap();
        assert_eq!(row.0, Some(who));
        assert_eq!((row.1.as_str(), row.2.as_str()), ("authorize", "denied"));
        assert_eq!(row.3, "unknown");
        assert!(
            row.4.as_deref().unwrap_or("").starts_with("ReadDossier"),
            "{:?}",
            row.4
        );
    }
    // A page read the same way: a professional on a case not assigned to them.
    let jeroen = app.login("jeroen").await;
    let page = app.get(&format!("/zaken/{other}"), &jeroen).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        ids::count(
            app.db(),
            "SELECT COUNT(*) FROM audit_events WHERE object_id = $1 AND result = 'denied'",
            other
        )
        .await
            >= 2
    );
});

on_both!(
    the_second_factor_gives_a_new_token_with_its_audit_row,
    |app| {
        let r = app
            .post(
                "/api/login",
                &[("username", "willem"), ("password", common::PASSWORD)],
                "",
                Client::Script,
            )
            .await;
        let pending = format!("helder_session={}", r.cookie("helder_session").unwrap());
        let fresh = app
            .second_step(&pending, app::backend::demo::DEMO_TOTP_SECRET)
            .await;
        assert_ne!(fresh, pending);
        assert_eq!(app.get("/", &fresh).await.status, StatusCode::OK);
        let r = app
            .post("/api/list_my_cases", &[], &pending, Client::Script)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the old token is spent");
        let r = app
            .post("/api/second_step", &[], &pending, Client::Script)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "and no longer pending");
        assert_eq!(
        ids::count(app.db(), "SELECT COUNT(*) FROM audit_events WHERE action = 'second_factor' AND result = 'ok' AND actor_account_id = $1",
            account(&app, "willem").await.0).await,
        1
    );
    }
);

on_both!(plain_second_factor_keys_are_sealed_at_start_up, |app| {
    let plain: (i64,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%'").fetch_one(p).await).unwrap();
    assert!(plain.0 > 0, "the demo writes them plain");
    let n = sealed::seal_plain_keys(app.db(), &app.backend.server_key)
        .await
        .unwrap();
    assert_eq!(n as i64, plain.0);
    let still: (i64,) = app::on_db!(app.db(), p => sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%'").fetch_one(p).await).unwrap();
    assert_eq!(still.0, 0);
    // Sealed keys still give working codes.
    let cookie = app.login("karin").await;
    assert_eq!(app.get("/", &cookie).await.status, StatusCode::OK);
});

/// PostgreSQL: the application's role may read and add audit rows, nothing more; it may read
/// the access log's per-day summary, which only the trail's trigger writes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_application_role_cannot_touch_the_audit_trail() {
    let Some(app) = common::spawn(common::Kind::Postgres).await else {
        return;
    };
    let app::backend::Db::Postgres(pool) = app.db() else {
        unreachable!()
    };
    let (role,): (String,) = sqlx::query_as("SELECT CAST(current_user AS TEXT)")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(role, common::PG_APP_ROLE);
    app.login("sanne").await;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_events")
        .fetch_one(pool)
        .await
        .unwrap();
    assert!(n > 0, "it reads and inserts");
    for sql in [
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "DROP TRIGGER audit_events_no_update ON audit_events",
        "ALTER TABLE audit_events DISABLE TRIGGER ALL",
        "DROP TABLE audit_events",
        // The per-day summary of the family's access log is kept by the trigger alone.
        "UPDATE access_days SET times = 0",
        "DELETE FROM access_days",
        "INSERT INTO access_days SELECT * FROM access_days",
        "DROP TRIGGER audit_events_count_access ON audit_events",
    ] {
        let e = sqlx::query(sql)
            .execute(pool)
            .await
            .expect_err(sql)
            .to_string();
        assert!(
            e.contains("permission denied") || e.contains("must be owner"),
            "{sql}: {e}"
        );
    }
}
