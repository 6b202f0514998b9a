//! Test harness: the real router (all layers) on a fresh database with the demo loaded,
//! driven through `tower::ServiceExt::oneshot` (no network needed, same code path as HTTP).
#![allow(dead_code)]
use app::backend::{demo, Backend, Db};

use axum::{
    body::Body,
    http::{header, Request, Response, StatusCode},
    Router,
};
use tower::ServiceExt;

pub mod openapi;

pub const PASSWORD: &str = demo::DEMO_PASSWORD;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub backend: Backend,
    /// Where its database is (for [`TestApp::twin`]).
    pub url: String,
    pub migrate_url: Option<String>,
}

/// The PostgreSQL role the application runs as in tests: it may only insert and read audit
/// rows; migrations run as the cluster's owner role (as HELDER_MIGRATE_URL in production).
pub const PG_APP_ROLE: &str = "helder_app";

/// A fresh database of the given kind, migrated, with the demo loaded. `None` when PostgreSQL
/// is not configured outside CI (under CI=true that is a failure, never a skip). Text
/// messages go to the recording double (`backend.sms.sent()`).
pub async fn spawn(kind: Kind) -> Option<TestApp> {
    spawn_with(kind, |_| {}).await
}

/// [`spawn`] with changed back-end options (e.g. trusted proxies).
pub async fn spawn_with(
    kind: Kind,
    tweak: impl FnOnce(&mut app::backend::Options),
) -> Option<TestApp> {
    let (backend, url, migrate_url) = open_at(kind, tweak).await?;
    demo::load(&backend.db).await.expect("load demo");
    Some(TestApp {
        router: server::router(backend.clone(), leptos_options()),
        backend,
        url,
        migrate_url,
    })
}

fn leptos_options() -> leptos::prelude::LeptosOptions {
    server::leptos_options(
        std::path::Path::new("target/site"),
        "127.0.0.1:3000".parse().unwrap(),
    )
}

/// A fresh, migrated database of the given kind without the demo (see [`spawn`]).
pub async fn open(
    kind: Kind,
    tweak: impl FnOnce(&mut app::backend::Options),
) -> Option<app::backend::Backend> {
    Some(open_at(kind, tweak).await?.0)
}

/// [`open`], with the database's URL and its owner's (to open it again).
async fn open_at(
    kind: Kind,
    tweak: impl FnOnce(&mut app::backend::Options),
) -> Option<(app::backend::Backend, String, Option<String>)> {
    let mut options = app::backend::Options {
        sms: Some(app::backend::sms::Sms::memory()),
        ..Default::default()
    };
    let url = match kind {
        Kind::Sqlite => {
            let dir = std::env::temp_dir().join("helder-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!(
                "sqlite:{}",
                dir.join(format!("{}.db", uuid::Uuid::new_v4())).display()
            )
        }
        Kind::Postgres => {
            let Ok(base) = std::env::var("HELDER_TEST_PG_URL") else {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "CI=true but HELDER_TEST_PG_URL is not set"
                );
                eprintln!(
                    "HELDER_TEST_PG_URL not set: PostgreSQL tests skipped (run scripts/test)"
                );
                return None;
            };
            let name = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(&base)
                .await
                .expect("connect to the test cluster");
            // A generated identifier: CREATE DATABASE takes no bound parameters.
            let create = ["CREATE DATABASE ", &name].concat();
            sqlx::query(&create)
                .execute(&admin)
                .await
                .expect("create test database");
            // The application's role (cluster-wide; tests run in parallel, so "exists" is fine).
            sqlx::query(
                "DO $$ BEGIN CREATE ROLE helder_app LOGIN; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            )
            .execute(&admin)
            .await
            .expect("create the application role");
            admin.close().await;
            let (prefix, _) = base.rsplit_once('/').unwrap();
            let owner_url = format!("{prefix}/{name}");
            // The same server and database, as the application's role (trust authentication
            // in the throw-away cluster).
            let (scheme, rest) = owner_url.split_once("://").unwrap();
            let host = rest.split_once('@').map(|(_, h)| h).unwrap_or(rest);
            options.migrate_url = Some(owner_url.clone());
            format!("{scheme}://{PG_APP_ROLE}@{host}")
        }
    };
    tweak(&mut options);
    let migrate_url = options.migrate_url.clone();
    let backend = app::backend::Backend::open_with(&url, options)
        .await
        .expect("open and migrate");
    Some((backend, url, migrate_url))
}

/// How long one test may take. A test that waits for ever (a lock, a lost wake-up) fails
/// here with its name instead of holding up the whole run until CI's own limit.
pub const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("the test did not finish within {TEST_LIMIT:?}");
    }
}

/// Runs a test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($app: common::TestApp) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                common::within_limit(async {
                    run(common::spawn(common::Kind::Sqlite).await.unwrap()).await
                })
                .await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                common::within_limit(async {
                    if let Some(app) = common::spawn(common::Kind::Postgres).await {
                        run(app).await
                    }
                })
                .await
            }
        }
    };
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, v)| *k == name && !v.is_empty())
            .map(|(_, v)| v.to_string())
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

async fn read(res: Response<Body>) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 8 << 20)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// How a request presents itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// A browser posting a form itself: Accept: text/html, same origin.
    PlainForm,
    /// The app's WebAssembly calling a server function: Accept: application/json, same origin.
    Script,
    /// Another site's page posting to us.
    CrossSite,
}

impl TestApp {
    /// Another instance of Helder on the same database, as a second server behind a proxy:
    /// its own memory, the same rows.
    pub async fn twin(&self, tweak: impl FnOnce(&mut app::backend::Options)) -> TestApp {
        let mut options = app::backend::Options {
            sms: Some(app::backend::sms::Sms::memory()),
            migrate_url: self.migrate_url.clone(),
            ..Default::default()
        };
        tweak(&mut options);
        let backend = Backend::open_with(&self.url, options)
            .await
            .expect("open the same database again");
        TestApp {
            router: server::router(backend.clone(), leptos_options()),
            backend,
            url: self.url.clone(),
            migrate_url: self.migrate_url.clone(),
        }
    }

    pub async fn get(&self, path: &str, cookies: &str) -> Reply {
        let req = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, cookies)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        read(self.router.clone().oneshot(req).await.unwrap()).await
    }

    /// A GET with extra request headers (e.g. `sec-fetch-site`).
    pub async fn get_with(&self, path: &str, cookies: &str, headers: &[(&str, &str)]) -> Reply {
        let mut req = Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, cookies)
            .header(header::ACCEPT, "text/html");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        read(
            self.router
                .clone()
                .oneshot(req.body(Body::empty()).unwrap())
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn post(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookies: &str,
        client: Client,
    ) -> Reply {
        let (body, mut req) = (form_body(form), form_post(path, cookies));
        req = match client {
            Client::PlainForm => req
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(header::ORIGIN, "http://127.0.0.1:3000"),
            Client::Script => req
                .header(header::ACCEPT, "application/json")
                .header("sec-fetch-site", "same-origin"),
            Client::CrossSite => req
                .header(header::ACCEPT, "text/html")
                .header(header::ORIGIN, "https://evil.example")
                .header("sec-fetch-site", "cross-site"),
        };
        read(
            self.router
                .clone()
                .oneshot(req.body(Body::from(body)).unwrap())
                .await
                .unwrap(),
        )
        .await
    }

    /// A script client's form post that must be answered (200): its JSON reply.
    pub async fn reply(
        &self,
        path: &str,
        cookies: &str,
        form: &[(&str, &str)],
    ) -> serde_json::Value {
        let r = self.post(path, form, cookies, Client::Script).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }

    /// Any request, as built by the caller (a raw body, a JSON body where a form belongs).
    pub async fn send(&self, req: Request<Body>) -> Reply {
        read(self.router.clone().oneshot(req).await.unwrap()).await
    }

    /// A script client's POST with extra request headers (e.g. `x-forwarded-for`).
    pub async fn post_with(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookies: &str,
        headers: &[(&str, &str)],
    ) -> Reply {
        let body = form_body(form);
        let mut req = form_post(path, cookies)
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        read(
            self.router
                .clone()
                .oneshot(req.body(Body::from(body)).unwrap())
                .await
                .unwrap(),
        )
        .await
    }

    /// Logs in as a demo user (script client) and returns the cookie header to send.
    pub async fn login(&self, username: &str) -> String {
        let r = self
            .post(
                "/api/login",
                &[("username", username), ("password", PASSWORD)],
                "",
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        let token = r
            .cookie("helder_session")
            .unwrap_or_else(|| panic!("no session cookie for {username}: {:?}", r.headers));
        let cookie = format!("helder_session={token}");
        if r.body.contains("/inloggen/code") {
            return self.second_step(&cookie, demo::DEMO_TOTP_SECRET).await;
        }
        cookie
    }

    /// Gives the current code of `secret` for a session waiting for its second factor, and
    /// returns the cookie of the new session that replaces the pending one. A code works
    /// once: when this step's was used, the next step's (also accepted) is given.
    pub async fn second_step(&self, cookie: &str, secret: &str) -> String {
        use app::backend::totp;
        let key = totp::decode_secret(secret).unwrap();
        for attempt in 0..4 {
            let step = totp::step_of(app::backend::time::now().timestamp()) + attempt % 2;
            let code = totp::code_for_step(&key, step);
            let r = self
                .post(
                    "/api/verify_code",
                    &[("code", &code)],
                    cookie,
                    Client::Script,
                )
                .await;
            if r.body.contains(r#""ok":true"#) {
                let token = r.cookie("helder_session").expect("a new session token");
                return format!("helder_session={token}");
            }
            if attempt % 2 == 1 {
                tokio::time::sleep(std::time::Duration::from_secs(31)).await;
            }
        }
        panic!("no second-factor code was accepted");
    }

    pub fn db(&self) -> &Db {
        &self.backend.db
    }

    /// The Raad's investigator opens the whole dossier of the demo case for Mehmet, the father
    /// without parental authority (who otherwise reads the important information only).
    pub async fn open_whole_dossier_for_mehmet(&self) {
        let jeroen = self.login("jeroen").await;
        let case = ids::case(self.db(), "2026-0412").await.to_string();
        let father = ids::person(self.db(), "Mehmet").await.to_string();
        let r = self
            .post(
                "/api/set_full_information",
                &[
                    ("case", &case),
                    ("person", &father),
                    ("open", "true"),
                    ("reason", "Omgang geregeld; moeder stemt in."),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
    }
}

/// A form as the browser encodes it (application/x-www-form-urlencoded).
fn form_body(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A form POST to this app with the session cookies; the caller adds how the client presents itself.
fn form_post(path: &str, cookies: &str) -> axum::http::request::Builder {
    Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookies)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Runs each piece of work in its own task, released together by a barrier (never a sleep),
/// and returns what each gave, in order: many writers at the same moment.
pub async fn at_once<T, Fut>(work: Vec<Fut>) -> Vec<T>
where
    T: Send + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(work.len()));
    let tasks: Vec<_> = work
        .into_iter()
        .map(|w| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                w.await
            })
        })
        .collect();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        out.push(t.await.expect("a task at once"));
    }
    out
}

/// Form replies of posts made at once: exactly one went through, and each other one was told
/// why nothing of it was written (`refused` names its message).
pub fn one_went_through(replies: &[serde_json::Value], refused: &str) {
    let oks = replies.iter().filter(|r| r["ok"] == true).count();
    assert_eq!(oks, 1, "one was first: {replies:?}");
    for r in replies.iter().filter(|r| r["ok"] != true) {
        assert!(r.to_string().contains(refused), "{r}");
    }
}

/// The fields a form reply put a message next to, in order.
pub fn field_errors(reply: &serde_json::Value) -> Vec<String> {
    reply["field_errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e[0].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// How many audit rows record `action`.
pub async fn audit_rows(db: &app::backend::Db, action: &str) -> i64 {
    app::on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action).fetch_one(p).await)
    .unwrap()
    .0
}

/// Ids of demo rows, looked up by what a person would recognise them by.
pub mod ids {
    use app::backend::Db;
    use uuid::Uuid;

    pub async fn case(db: &Db, reference: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM cases WHERE reference = $1").bind(reference).fetch_one(p).await).unwrap().0
    }

    pub async fn report(db: &Db, title: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM reports WHERE title = $1").bind(title).fetch_one(p).await).unwrap().0
    }

    /// The statement whose text starts with `start`.
    pub async fn statement(db: &Db, start: &str) -> Uuid {
        let like = format!("{start}%");
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM statements WHERE text LIKE $1 ORDER BY created_at LIMIT 1").bind(like).fetch_one(p).await).unwrap().0
    }

    /// The family member's address or number with this text.
    pub async fn contact_detail(db: &Db, value: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM contact_details WHERE value = $1").bind(value).fetch_one(p).await).unwrap().0
    }

    pub async fn account(db: &Db, username: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM accounts WHERE username = $1").bind(username).fetch_one(p).await).unwrap().0
    }

    pub async fn person(db: &Db, given_name: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM people WHERE given_name = $1").bind(given_name).fetch_one(p).await).unwrap().0
    }

    /// The first feedback response sent by the person with this given name.
    pub async fn feedback_of(db: &Db, given_name: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT r.id FROM feedback_responses r JOIN people pe ON pe.id = r.respondent_person_id \
            WHERE pe.given_name = $1 ORDER BY r.submitted_at LIMIT 1").bind(given_name).fetch_one(p).await).unwrap().0
    }

    /// The involvement of the person with this given name on the case with this reference.
    pub async fn involvement(db: &Db, reference: &str, given_name: &str) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT i.id FROM involvements i JOIN cases c ON c.id = i.case_id \
            JOIN people pe ON pe.id = i.person_id WHERE c.reference = $1 AND pe.given_name = $2")
            .bind(reference).bind(given_name).fetch_one(p).await).unwrap().0
    }

    /// The demo's correction request that is still open (about Veilig Thuis's report).
    pub async fn open_request(db: &Db) -> Uuid {
        app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM correction_requests WHERE status IN ('ingediend', 'in_behandeling') ORDER BY created_at LIMIT 1")
            .fetch_one(p).await).unwrap().0
    }

    pub async fn count(db: &Db, sql: &'static str, id: Uuid) -> i64 {
        app::on_db!(db, p => sqlx::query_as::<_, (i64,)>(sql).bind(id).fetch_one(p).await)
            .unwrap()
            .0
    }
}
