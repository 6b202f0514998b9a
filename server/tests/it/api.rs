//! The import API (issue 16) against the real router and database: a case file round-trips
//! and appears on the professional's page as if typed there; repeated, conflicting,
//! malformed, oversized and cross-organisation requests change nothing and get problem
//! details; many writers of one case at once make one case. Every answer is checked against
//! the OpenAPI document the server serves.
use crate::common;

use app::backend::{
    actor::ApiScope,
    demo::{DEMO_API_TOKEN, DEMO_RAAD_RSIN},
    store::api_clients,
};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::{openapi::conforms, Reply, TestApp};
use serde_json::{json, Value};
use uuid::Uuid;

const ZAAK: &str = "/api/v1/zaken/{identificatie}";

pub(crate) fn example() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/zaak.json"
    ))
    .expect("examples/zaak.json");
    serde_json::from_str(&text).unwrap()
}

pub(crate) async fn doc(app: &TestApp) -> Value {
    let r = app.get("/api/v1/openapi.json", "").await;
    assert_eq!(r.status, StatusCode::OK);
    serde_json::from_str(&r.body).unwrap()
}

pub(crate) async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.send(req.body(body.map(Body::from).unwrap_or_default()).unwrap())
        .await
}

pub(crate) async fn put(app: &TestApp, body: &Value, headers: &[(&str, &str)]) -> Reply {
    let ident = body["identificatie"].as_str().unwrap_or("x").to_string();
    let r = call(
        app,
        "PUT",
        &format!("/api/v1/zaken/{ident}"),
        Some(DEMO_API_TOKEN),
        Some(body.to_string()),
        headers,
    )
    .await;
    conforms(&doc(app).await, ZAAK, "put", r.status.as_u16(), &r.body);
    r
}

async fn get(app: &TestApp, ident: &str, token: Option<&str>) -> Reply {
    let r = call(
        app,
        "GET",
        &format!("/api/v1/zaken/{ident}"),
        token,
        None,
        &[],
    )
    .await;
    conforms(&doc(app).await, ZAAK, "get", r.status.as_u16(), &r.body);
    r
}

pub(crate) async fn count(app: &TestApp, sql: &'static str) -> i64 {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (i64,)>(sql).fetch_one(p).await)
        .unwrap()
        .0
}

pub(crate) fn etag(r: &Reply) -> String {
    r.headers[header::ETAG].to_str().unwrap().to_string()
}

pub(crate) fn pointers(r: &Reply) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["pointer"].as_str().unwrap().to_string(),
                        e["code"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Gives a family member of an API case an account (as an activated invitation would), with
/// the demo password; the cookie of their session.
pub(crate) async fn family_login(
    app: &TestApp,
    ident: &str,
    external: &str,
    username: &str,
) -> String {
    let person: (Uuid,) = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT x.internal_id FROM api_external_ids x JOIN cases c ON c.id = x.case_id \
         WHERE c.source_identification = $1 AND x.kind = 'person' AND x.external_id = $2")
        .bind(ident).bind(external).fetch_one(p).await)
    .unwrap_or_else(|e| panic!("{ident} {external}: {e}"));
    app::on_db!(app.db(), p => sqlx::query(
        "INSERT INTO accounts (id, person_id, username, password_hash, role, created_at, password_changed_at) \
         SELECT $1, $2, $3, password_hash, 'parent', created_at, created_at FROM accounts WHERE username = 'sanne'")
        .bind(Uuid::new_v4()).bind(person.0).bind(username).execute(p).await.map(|_| ()))
    .unwrap();
    app.login(username).await
}

/// A page's main content without the numbers of the API's two example cases, to compare a
/// family's page in one case with the same family's in the other.
pub(crate) fn main_of_case(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("a main element");
    html[start..end]
        .replace("RVDK-2026-0117", "<zaak>")
        .replace("RVDK-2026-0118", "<zaak>")
}

/// The same family's case under another number (the example with `nieuw_gezin`).
pub(crate) async fn second_case(app: &TestApp) {
    let mut other = example();
    other["identificatie"] = json!("RVDK-2026-0118");
    other["nieuw_gezin"] = json!(true);
    assert_eq!(put(app, &other, &[]).await.status, StatusCode::CREATED);
}

/// A client of `organisation` (by RSIN) with these scopes; its token.
pub(crate) async fn client(app: &TestApp, rsin: &str, scopes: &[ApiScope], days: i64) -> String {
    let (org, by): (Uuid, Uuid) = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT o.id, (SELECT id FROM accounts WHERE username = 'beheer') FROM organisations o WHERE o.rsin = $1")
        .bind(rsin).fetch_one(p).await)
    .unwrap();
    let token = format!("helder_{}", app::backend::session::new_token());
    let new = api_clients::NewClient {
        id: Uuid::new_v4(),
        organisation_id: org,
        name: format!("test {rsin}"),
        scopes: scopes.to_vec(),
        token_hash: app::backend::session::hash_token(&token),
        by: app::domain::AccountId(by),
        at: app::backend::time::now(),
        expires_at: app::backend::time::now() + chrono::Duration::days(days),
    };
    let mut tx = app.db().begin().await.unwrap();
    api_clients::create(&mut tx, &new).await.unwrap();
    tx.commit().await.unwrap();
    token
}

on_both!(
    a_case_file_round_trips_and_reads_as_if_typed_on_the_screens,
    |app| {
        let file = example();
        let r = put(&app, &file, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.headers["api-version"], app::api::API_VERSION);
        assert_eq!(r.location(), Some("/api/v1/zaken/RVDK-2026-0117"));
        let zaak: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(zaak["omschrijving"], "De Vries-Bakr");
        assert_eq!(zaak["status"], "RVDK_ONDERZOEK");
        assert_eq!(zaak["behandelaar"], "jeroen");
        assert_eq!(zaak["gezinsleden"].as_array().unwrap().len(), 4);
        assert_eq!(zaak["gezinsleden"][2]["geboortedatum"], "2013-04-08");
        // Read back: the same case and version.
        let back = get(&app, "RVDK-2026-0117", Some(DEMO_API_TOKEN)).await;
        assert_eq!(back.status, StatusCode::OK);
        assert_eq!(etag(&back), etag(&r));
        assert_eq!(serde_json::from_str::<Value>(&back.body).unwrap(), zaak);
        // The professional who opens it has it on their list and reads the family on its page,
        // as after "Een zaak openen": they lead, they are responsible.
        let jeroen = app.login("jeroen").await;
        let case = common::ids::case(app.db(), "RVDK-2026-0117").await;
        let page = app.get(&format!("/zaken/{case}"), &jeroen).await;
        assert_eq!(page.status, StatusCode::OK);
        for name in ["Iris", "Karim", "Yara", "Milan"] {
            assert!(page.body.contains(name), "{name} on the case page");
        }
        assert!(app.get("/", &jeroen).await.body.contains("De Vries-Bakr"));
        // Someone of another organisation does not see it.
        let anouk = app.login("anouk").await;
        assert_eq!(
            app.get(&format!("/zaken/{case}"), &anouk).await.status,
            StatusCode::NOT_FOUND
        );
        // Audited as the client acting for the Raad: the opening (in the same transaction) and
        // the read.
        let (opened, read) = (
        count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'open_case' AND api_client_id IS NOT NULL AND actor_account_id IS NULL").await,
        count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND object_kind = 'case' AND api_client_id IS NOT NULL").await,
    );
        assert_eq!((opened, read), (1, 1));
        // The family's access log names the organisation's system.
        let (from, to) = app::pages::access_log::everything();
        let query = app::backend::audit::AccessQuery {
            case_id: app::domain::CaseId(case),
            from,
            to,
            with_family: false,
            reader: app::domain::AccountId(uuid::Uuid::nil()),
        };
        let log = app::backend::audit::case_access(app.db(), query)
            .await
            .unwrap();
        assert!(log.iter().any(|e| e.organisation.as_deref()
            == Some("Raad voor de Kinderbescherming Midden-Nederland")
            && e.given_name.as_deref() == Some("Zaaksysteem Raad (demo)")));
    }
);

on_both!(
    a_repeated_request_changes_nothing_and_gets_the_same_answer,
    |app| {
        let file = example();
        let first = put(&app, &file, &[]).await;
        assert_eq!(first.status, StatusCode::CREATED);
        let again = put(&app, &file, &[]).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.body, first.body);
        assert_eq!(etag(&again), etag(&first));
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM cases WHERE source_identification = 'RVDK-2026-0117'"
            )
            .await,
            1
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'open_case' AND api_client_id IS NOT NULL").await, 1);

        // An Idempotency-Key: the same request again gets the very first answer (201), another
        // request under the same key is refused.
        let mut other = file.clone();
        other["identificatie"] = json!("RVDK-2026-0118");
        // The same family under another number: refused unless the system says it is
        // another family, as the screen asks.
        let cases_now = count(&app, "SELECT COUNT(*) FROM cases").await;
        let r = put(&app, &other, &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            pointers(&r),
            [("/gezinsleden/0".to_string(), "api_person_known".to_string())]
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases_now);
        other["nieuw_gezin"] = json!(true);
        let key = [("idempotency-key", "order-77")];
        let a = put(&app, &other, &key).await;
        assert_eq!(a.status, StatusCode::CREATED);
        let b = put(&app, &other, &key).await;
        assert_eq!(
            (b.status, b.body.as_str(), etag(&b)),
            (StatusCode::CREATED, a.body.as_str(), etag(&a))
        );
        other["omschrijving"] = json!("Iemand anders");
        let c = put(&app, &other, &key).await;
        assert_eq!(c.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(c.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json"));
        let d = put(&app, &other, &[("idempotency-key", "")]).await;
        assert_eq!(d.status, StatusCode::BAD_REQUEST);

        // A day later the key is forgotten (housekeeping): the changed request under it is
        // then a request of its own, a change without If-Match, so 409, not 422.
        let later = app::backend::time::now()
            + app::backend::store::imports::keys::KEY_LIFETIME
            + chrono::Duration::minutes(1);
        let pruned = app::backend::housekeeping::prune(app.db(), later)
            .await
            .unwrap();
        assert_eq!(pruned.idempotency_keys, 1, "{pruned:?}");
        let e = put(&app, &other, &key).await;
        assert_eq!(e.status, StatusCode::CONFLICT);
    }
);

on_both!(
    a_case_handed_over_is_no_longer_the_systems_and_a_family_stays_within_bounds,
    |app| {
        let mut file = example();
        assert_eq!(put(&app, &file, &[]).await.status, StatusCode::CREATED);
        let v1 = etag(&get(&app, "RVDK-2026-0117", Some(DEMO_API_TOKEN)).await);
        // Members left out stay: 4 known + 17 new is over the limit of 20, though 17 is not.
        let before = count(&app, "SELECT COUNT(*) FROM people").await;
        file["gezinsleden"] = json!((0..17)
            .map(|i| json!({
                "id": format!("k-{i}"), "voornaam": format!("Kind{i}"), "achternaam": "Bakr",
                "geboortedatum": "2015-01-01", "relatie": "kind", "gezag": false
            }))
            .collect::<Vec<_>>());
        let r = put(&app, &file, &[("if-match", &v1)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            pointers(&r),
            [("/gezinsleden".to_string(), "api_member_count".to_string())]
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, before);

        // The Raad hands the case over: nobody of the Raad works on it any more. Its system
        // opened the case, but may no longer read or change it, as its professionals may not.
        app::on_db!(app.db(), p => sqlx::query(
        "UPDATE involvements SET since = '2020-01-01', until = '2020-01-02' \
         WHERE case_id = (SELECT id FROM cases WHERE source_identification = 'RVDK-2026-0117')")
        .execute(p).await.map(|_| ()))
        .unwrap();
        assert_eq!(
            get(&app, "RVDK-2026-0117", Some(DEMO_API_TOKEN))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let again = put(&app, &example(), &[]).await;
        assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM cases WHERE source_identification = 'RVDK-2026-0117'"
            )
            .await,
            1
        );
    }
);

on_both!(a_change_needs_the_current_version, |app| {
    let mut file = example();
    let first = put(&app, &file, &[]).await;
    let v1 = etag(&first);
    // A new member and a changed name, without If-Match: 409 with the case as it is.
    file["gezinsleden"].as_array_mut().unwrap().push(json!({
        "id": "p-20421", "voornaam": "Noah", "achternaam": "Bakr",
        "geboortedatum": "2024-02-11", "relatie": "kind", "gezag": false
    }));
    file["gezinsleden"][1]["gezag"] = json!(false);
    let r = put(&app, &file, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(etag(&r), v1);
    let problem: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        problem["current"]["gezinsleden"].as_array().unwrap().len(),
        4
    );
    // A stale version is the same conflict; the current one goes through.
    assert_eq!(
        put(&app, &file, &[("if-match", "\"0000\"")]).await.status,
        StatusCode::CONFLICT
    );
    let ok = put(&app, &file, &[("if-match", &v1)]).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_ne!(etag(&ok), v1);
    let zaak: Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(zaak["gezinsleden"].as_array().unwrap().len(), 5);
    let karim = zaak["gezinsleden"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "p-20418")
        .unwrap();
    assert_eq!(karim["gezag"], false);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'update_case' AND api_client_id IS NOT NULL").await, 1);
    // The father without authority now reads as one: the visibility rule takes it from here.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM family_members fm JOIN people pe ON pe.id = fm.person_id WHERE pe.given_name = 'Karim' AND fm.has_parental_authority").await, 0);
    // If-Match for a case that does not exist.
    file["identificatie"] = json!("RVDK-2026-0999");
    assert_eq!(
        put(&app, &file, &[("if-match", &v1)]).await.status,
        StatusCode::PRECONDITION_FAILED
    );
    // A child does not become a parent.
    let mut file = example();
    file["gezinsleden"][2]["relatie"] = json!("moeder");
    let r = put(&app, &file, &[("if-match", &etag(&ok))]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        pointers(&r),
        vec![(
            "/gezinsleden/2/relatie".to_string(),
            "api_child_stays".to_string()
        )]
    );
});

/// A change that spoils the example, and the field and code the answer must name.
type Refused = (fn(&mut Value), &'static str, &'static str);

on_both!(
    bad_input_is_refused_at_the_field_and_nothing_is_written,
    |app| {
        let cases_before = count(&app, "SELECT COUNT(*) FROM cases").await;
        let people_before = count(&app, "SELECT COUNT(*) FROM people").await;
        let refused = |change: fn(&mut Value), pointer: &'static str, code: &'static str| {
            (change, pointer, code)
        };
        let cases: Vec<Refused> = vec![
            refused(
                |f| f["kleur"] = json!("rood"),
                "/kleur",
                "api_unknown_field",
            ),
            refused(
                |f| f["gezinsleden"][1]["bsn"] = json!("123"),
                "/gezinsleden/1/bsn",
                "api_unknown_field",
            ),
            refused(
                |f| f["gezinsleden"][0]["gezag"] = json!("ja"),
                "/gezinsleden/0/gezag",
                "api_wrong_type",
            ),
            refused(
                |f| f["gezinsleden"][0]["relatie"] = json!("oom"),
                "/gezinsleden/0/relatie",
                "api_unknown_choice",
            ),
            refused(
                |f| {
                    f.as_object_mut().unwrap().remove("behandelaar");
                },
                "/behandelaar",
                "field_required",
            ),
            // The screens' own checks, at the same fields.
            refused(
                |f| f["gezinsleden"][3]["geboortedatum"] = Value::Null,
                "/gezinsleden/3/geboortedatum",
                "member_birth_required",
            ),
            refused(
                |f| f["gezinsleden"][3]["geboortedatum"] = json!("2099-01-01"),
                "/gezinsleden/3/geboortedatum",
                "fb_date_future",
            ),
            refused(
                |f| f["gezinsleden"][0]["voornaam"] = json!("  "),
                "/gezinsleden/0/voornaam",
                "field_required",
            ),
            refused(
                |f| f["omschrijving"] = json!("x".repeat(121)),
                "/omschrijving",
                "field_too_long",
            ),
            refused(
                |f| f["status"] = json!("GI_OTS"),
                "/status",
                "open_phase_required",
            ),
            refused(
                |f| f["behandelaar"] = json!("anouk"),
                "/behandelaar",
                "api_unknown_professional",
            ),
            refused(
                |f| f["gezinsleden"][1]["id"] = json!("p 1"),
                "/gezinsleden/1/id",
                "api_id_invalid",
            ),
            refused(
                |f| f["gezinsleden"][1]["id"] = json!("p-20417"),
                "/gezinsleden/1/id",
                "api_id_twice",
            ),
            refused(
                |f| f["gezinsleden"] = json!([]),
                "/gezinsleden",
                "api_member_count",
            ),
        ];
        for (change, pointer, code) in cases {
            let mut file = example();
            change(&mut file);
            let r = put(&app, &file, &[]).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{pointer}: {}",
                r.body
            );
            let found = pointers(&r);
            assert!(
                found.contains(&(pointer.to_string(), code.to_string())),
                "{pointer} {code}: {found:?}"
            );
            let v: Value = serde_json::from_str(&r.body).unwrap();
            assert!(
                !v["errors"][0]["nl"].as_str().unwrap().is_empty()
                    && !v["errors"][0]["en"].as_str().unwrap().is_empty()
            );
        }
        // The address and the body disagree.
        let r = call(
            &app,
            "PUT",
            "/api/v1/zaken/ANDERS",
            Some(DEMO_API_TOKEN),
            Some(example().to_string()),
            &[],
        )
        .await;
        assert_eq!(
            pointers(&r),
            vec![(
                "/identificatie".to_string(),
                "api_identification_mismatch".to_string()
            )]
        );
        // Not JSON, not said to be JSON, too large.
        let path = "/api/v1/zaken/RVDK-2026-0117";
        let r = call(
            &app,
            "PUT",
            path,
            Some(DEMO_API_TOKEN),
            Some("{\"bronorganisatie\": ".into()),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        conforms(&doc(&app).await, ZAAK, "put", 400, &r.body);
        let req = Request::put(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::AUTHORIZATION, format!("Bearer {DEMO_API_TOKEN}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(example().to_string()))
            .unwrap();
        assert_eq!(
            app.send(req).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let mut big = example();
        big["omschrijving"] = json!("x".repeat(app::api::body::API_LIMIT));
        let r = call(
            &app,
            "PUT",
            path,
            Some(DEMO_API_TOKEN),
            Some(big.to_string()),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        conforms(&doc(&app).await, ZAAK, "put", 413, &r.body);
        // Text is stored as the screens store it: no direction overrides.
        let mut file = example();
        file["gezinsleden"][0]["voornaam"] = json!("I\u{202E}ris");
        file["identificatie"] = json!("RVDK-2026-0200");
        file["nieuw_gezin"] = json!(true);
        let r = put(&app, &file, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert!(r.body.contains("\"voornaam\":\"Iris\""));
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM cases").await,
            cases_before + 1
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM people").await,
            people_before + 4
        );
    }
);

on_both!(a_client_acts_for_its_own_organisation_only, |app| {
    assert_eq!(put(&app, &example(), &[]).await.status, StatusCode::CREATED);
    let save = client(&app, "800000031", &ApiScope::ALL, 30).await;
    let read_only = client(&app, DEMO_RAAD_RSIN, &[ApiScope::Read], 30).await;
    let write_only = client(&app, DEMO_RAAD_RSIN, &[ApiScope::Write], 30).await;
    let expired = client(&app, DEMO_RAAD_RSIN, &ApiScope::ALL, -1).await;
    let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
    let body = example().to_string();
    let path = "/api/v1/zaken/RVDK-2026-0117";
    // (token, PUT the Raad's case file, GET the Raad's case)
    let table: Vec<(Option<&str>, StatusCode, StatusCode)> = vec![
        (Some(DEMO_API_TOKEN), StatusCode::OK, StatusCode::OK),
        (Some(&read_only), StatusCode::NOT_FOUND, StatusCode::OK),
        (Some(&write_only), StatusCode::OK, StatusCode::NOT_FOUND),
        (Some(&save), StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        (
            Some(&expired),
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
        ),
        (
            Some("helder_not-a-token"),
            StatusCode::UNAUTHORIZED,
            StatusCode::UNAUTHORIZED,
        ),
        (None, StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED),
    ];
    let d = doc(&app).await;
    // The same rows for the case's report and for what the family did: writing and reading
    // a report are writing and reading the case.
    let report = format!("{path}/rapporten/rr-m");
    let report_body = crate::api_reports::report_file().to_string();
    let reactions = format!("{path}/reacties");
    let status = format!("{path}/statussen/st-m");
    let status_body = crate::api_statuses::status_file().to_string();
    let contact = format!("{path}/contacten/c-m");
    let contact_body = crate::api_contacts::contact_file().to_string();
    let bundle_body = json!({
        "bronorganisatie": DEMO_RAAD_RSIN,
        "verzoeken": [{"methode": "PUT", "pad": path, "inhoud": example()}],
    })
    .to_string();
    let role = format!("{path}/rollen/rol-m");
    let role_body = crate::api_roles::role_file().to_string();
    let as_expected = |got: StatusCode, want: StatusCode| {
        got == want || (want == StatusCode::OK && got == StatusCode::CREATED)
    };
    for (token, may_put, may_get) in table {
        let r = call(&app, "PUT", path, token, Some(body.clone()), &[]).await;
        assert_eq!(r.status, may_put, "PUT as {token:?}: {}", r.body);
        conforms(&d, ZAAK, "put", r.status.as_u16(), &r.body);
        let r = get(&app, "RVDK-2026-0117", token).await;
        assert_eq!(r.status, may_get, "GET as {token:?}");
        let r = call(&app, "PUT", &report, token, Some(report_body.clone()), &[]).await;
        assert!(
            as_expected(r.status, may_put),
            "PUT report as {token:?}: {}",
            r.body
        );
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/rapporten/{id}",
            "put",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "GET", &report, token, None, &[]).await;
        assert_eq!(r.status, may_get, "GET report as {token:?}");
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/rapporten/{id}",
            "get",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "PUT", &status, token, Some(status_body.clone()), &[]).await;
        assert!(
            as_expected(r.status, may_put),
            "PUT status as {token:?}: {}",
            r.body
        );
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/statussen/{id}",
            "put",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "GET", &status, token, None, &[]).await;
        assert_eq!(r.status, may_get, "GET status as {token:?}");
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/statussen/{id}",
            "get",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "PUT", &role, token, Some(role_body.clone()), &[]).await;
        assert!(
            as_expected(r.status, may_put),
            "PUT rol as {token:?}: {}",
            r.body
        );
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/rollen/{id}",
            "put",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "GET", &role, token, None, &[]).await;
        assert_eq!(r.status, may_get, "GET rol as {token:?}");
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/rollen/{id}",
            "get",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(
            &app,
            "PUT",
            &contact,
            token,
            Some(contact_body.clone()),
            &[],
        )
        .await;
        assert!(
            as_expected(r.status, may_put),
            "PUT contact as {token:?}: {}",
            r.body
        );
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/contacten/{id}",
            "put",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(&app, "GET", &contact, token, None, &[]).await;
        assert_eq!(r.status, may_get, "GET contact as {token:?}");
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/contacten/{id}",
            "get",
            r.status.as_u16(),
            &r.body,
        );
        let r = call(
            &app,
            "POST",
            "/api/v1/bundels",
            token,
            Some(bundle_body.clone()),
            &[],
        )
        .await;
        assert_eq!(r.status, may_put, "POST bundel as {token:?}: {}", r.body);
        conforms(&d, "/api/v1/bundels", "post", r.status.as_u16(), &r.body);
        let r = call(&app, "GET", &reactions, token, None, &[]).await;
        assert_eq!(r.status, may_get, "GET reacties as {token:?}");
        conforms(
            &d,
            "/api/v1/zaken/{identificatie}/reacties",
            "get",
            r.status.as_u16(),
            &r.body,
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM reports r JOIN cases c ON c.id = r.case_id WHERE c.source_identification = 'RVDK-2026-0117'").await,
        1,
        "one report, by the Raad's writers only"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_phases p JOIN cases c ON c.id = p.case_id WHERE c.source_identification = 'RVDK-2026-0117'").await,
        2,
        "one step, by the Raad's writers only"
    );
    // SAVE's client naming itself: the Raad's case is not there for it.
    let mut theirs = example();
    theirs["bronorganisatie"] = json!("800000031");
    let r = call(&app, "GET", path, Some(&save), None, &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // ... and opening one under that number makes SAVE's own case (SAVE may open a GI phase,
    // not the Raad's), never touches the Raad's.
    theirs["status"] = json!("GI_VOORLOPIGE_OTS");
    theirs["behandelaar"] = json!("anouk");
    let r = call(
        &app,
        "PUT",
        path,
        Some(&save),
        Some(theirs.to_string()),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases + 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM involvements i JOIN cases c ON c.id = i.case_id JOIN accounts a ON a.person_id = i.person_id WHERE c.source_identification = 'RVDK-2026-0117' AND a.username = 'willem'").await,
        1,
        "one involvement of Willem, by the Raad's writers only"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM contacts x JOIN cases c ON c.id = x.case_id WHERE c.source_identification = 'RVDK-2026-0117'").await,
        1,
        "one contact, by the Raad's writers only"
    );
    // Each denial is audited: the read-only client's six writes (case, report, status, rol,
    // contact, bundle), the write-only client's six reads (case, report, status, rol, contact,
    // reactions), and SAVE's six writes naming the Raad (its reads name itself and find
    // nothing: 404 without a denial).
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'authorize' AND result = 'denied' AND api_client_id IS NOT NULL").await, 18);
    // A revoked client stops at once.
    let id: Uuid = app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM api_clients WHERE name = 'Zaaksysteem Raad (demo)'").fetch_one(p).await).unwrap().0;
    let org: Uuid = app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>("SELECT organisation_id FROM api_clients WHERE id = $1").bind(id).fetch_one(p).await).unwrap().0;
    let mut tx = app.db().begin().await.unwrap();
    assert!(
        api_clients::revoke(&mut tx, org, id, app::backend::time::now())
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    assert_eq!(
        get(&app, "RVDK-2026-0117", Some(DEMO_API_TOKEN))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
});

on_both!(many_writers_of_one_case_at_once_make_one_case, |app| {
    let file = example();
    let replies = common::at_once(
        (0..8)
            .map(|_| {
                let (app, body) = (app.clone(), file.to_string());
                async move {
                    call(
                        &app,
                        "PUT",
                        "/api/v1/zaken/RVDK-2026-0117",
                        Some(DEMO_API_TOKEN),
                        Some(body),
                        &[],
                    )
                    .await
                }
            })
            .collect(),
    )
    .await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 201 || *s == 200),
        "{statuses:?}"
    );
    let bodies: std::collections::BTreeSet<&str> =
        replies.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies.len(), 1, "every writer got the same case");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE source_identification = 'RVDK-2026-0117'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM people WHERE given_name = 'Yara'"
        )
        .await,
        1
    );
});

on_both!(
    the_openapi_document_is_served_and_describes_every_route,
    |app| {
        let d = doc(&app).await;
        assert_eq!(
            d["openapi"].as_str().map(|v| v.starts_with("3.1")),
            Some(true)
        );
        let report = "/api/v1/zaken/{identificatie}/rapporten/{id}";
        let reactions = "/api/v1/zaken/{identificatie}/reacties";
        let status = "/api/v1/zaken/{identificatie}/statussen/{id}";
        for (path, method) in [
            (ZAAK, "put"),
            (ZAAK, "get"),
            (report, "put"),
            (report, "get"),
            (status, "put"),
            (status, "get"),
            ("/api/v1/bundels", "post"),
            ("/api/v1/zaken/{identificatie}/contacten/{id}", "put"),
            ("/api/v1/zaken/{identificatie}/contacten/{id}", "get"),
            ("/api/v1/zaken/{identificatie}/rollen/{id}", "put"),
            ("/api/v1/zaken/{identificatie}/rollen/{id}", "get"),
            (reactions, "get"),
        ] {
            assert!(d
                .pointer(&format!("/paths/{}/{method}", path.replace('/', "~1")))
                .is_some());
        }
        // The example case file is what the document says a case file is.
        let schema = json!({"$ref": "#/components/schemas/ZaakIn"});
        assert_eq!(
            common::openapi::violations(&d, &schema, &example(), ""),
            Vec::<String>::new()
        );
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/rapport.json"
        ))
        .unwrap();
        let schema = json!({"$ref": "#/components/schemas/RapportIn"});
        assert_eq!(
            common::openapi::violations(&d, &schema, &serde_json::from_str(&text).unwrap(), ""),
            Vec::<String>::new()
        );
        let schema = json!({"$ref": "#/components/schemas/StatusIn"});
        assert_eq!(
            common::openapi::violations(&d, &schema, &crate::api_statuses::status_file(), ""),
            Vec::<String>::new()
        );
        // An unknown address under the API is a problem, not a page.
        let r = call(
            &app,
            "GET",
            "/api/v1/gezinnen",
            Some(DEMO_API_TOKEN),
            None,
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json"));
        // The readable reference is made from the same document: every call, every schema, and
        // the anchor a problem's `type` points to.
        let page = app.get("/api-beschrijving", "").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("PUT /api/v1/zaken/{identificatie}"),
            "{}",
            page.body
        );
        for name in d["components"]["schemas"].as_object().unwrap().keys() {
            assert!(
                page.body.contains(&format!("id=\"s-{name}\"")),
                "schema {name} on the page"
            );
        }
        let kind: Value = serde_json::from_str(&r.body).unwrap();
        let anchor = kind["type"]
            .as_str()
            .unwrap()
            .strip_prefix("/api-beschrijving#")
            .unwrap()
            .to_string();
        assert!(
            page.body.contains(&format!("id=\"{anchor}\"")),
            "problem type {anchor} explained"
        );
    }
);

on_both!(a_new_clients_key_shown_once_is_sealed_at_rest, |app| {
    // Without JavaScript the new key travels to the page through the form flash: the row
    // holds it sealed with a key made from the flash cookie, which the database never sees.
    let beheer = app.login("beheer").await;
    let until = (app::backend::time::today() + chrono::Duration::days(30)).to_string();
    let r = app
        .post(
            "/api/create_api_client",
            &[
                ("name", "Zaaksysteem test"),
                ("read", "yes"),
                ("write", "yes"),
                ("until", &until),
            ],
            &beheer,
            common::Client::PlainForm,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let flash = r.cookie("helder_flash").expect("a flash");
    let rows: Vec<(String,)> = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT payload FROM form_flash").fetch_all(p).await)
    .unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|(p,)| p.starts_with("v1:")
            && !p.contains("helder_")
            && !p.contains("Zaaksysteem")),
        "sealed: {rows:?}"
    );
    // The page with the cookie shows the key once; a working key.
    let back = r.location().unwrap().to_string();
    let page = app
        .get(&back, &format!("{beheer}; helder_flash={flash}"))
        .await;
    let token = page
        .body
        .split("helder_")
        .nth(1)
        .map(|t| {
            format!(
                "helder_{}",
                t.chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
            )
        })
        .expect("the key on the page");
    assert_eq!(
        get(&app, "RVDK-0000", Some(&token)).await.status,
        StatusCode::NOT_FOUND,
        "the key works (no such case)"
    );
    // Another cookie token opens nothing.
    let other = app::backend::flash::store(app.db(), "x", "{\"a\":1}")
        .await
        .unwrap();
    assert!(app::backend::flash::take(app.db(), "not-the-token")
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        app::backend::flash::take(app.db(), &other).await.unwrap(),
        Some(("x".to_string(), "{\"a\":1}".to_string()))
    );
});

/// Two instances of Helder on one PostgreSQL database, as behind a proxy: a client's requests
/// count against one bucket, whichever instance answers them — one after the other and all at
/// once. (With SQLite there is one instance; its buckets are in memory.)
#[tokio::test]
async fn two_instances_share_one_bucket_postgres() {
    common::within_limit(async {
        let slow = |o: &mut app::backend::Options| o.api_rate = Some((1, 6));
        let Some(a) = common::spawn_with(common::Kind::Postgres, slow).await else {
            return;
        };
        let b = a.twin(slow).await;
        let ask = |app: &common::TestApp, token: &str| {
            let (app, token) = (app.clone(), token.to_string());
            async move {
                call(
                    &app,
                    "GET",
                    "/api/v1/zaken/BESTAAT-NIET",
                    Some(&token),
                    None,
                    &[],
                )
                .await
                .status
                .as_u16()
            }
        };
        let mut codes = Vec::new();
        for i in 0..8 {
            codes.push(ask(if i % 2 == 0 { &a } else { &b }, DEMO_API_TOKEN).await);
        }
        assert_eq!(codes, [404, 404, 404, 404, 404, 404, 429, 429]);
        // Sixteen at once, half on each instance: the burst passes, and at most one refilled.
        let token = client(&a, DEMO_RAAD_RSIN, &[ApiScope::Read], 30).await;
        let codes = common::at_once(
            (0..16)
                .map(|i| ask(if i % 2 == 0 { &a } else { &b }, &token))
                .collect(),
        )
        .await;
        let passed = codes.iter().filter(|c| **c == 404).count();
        assert!((6..=7).contains(&passed), "{codes:?}");
        assert!(codes.iter().all(|c| *c == 404 || *c == 429), "{codes:?}");
    })
    .await
}
