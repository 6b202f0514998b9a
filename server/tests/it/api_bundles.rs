//! Bundles of calls through the import API (issue 16): a case with its involvement, next
//! phase, contact and report in one request, each call answered as it would be on its own
//! (sent one by one afterwards, every call finds it already so, with the same version); the
//! number of calls limited; a refused call changes nothing of its own and leaves the others
//! done; a bundle is never a way around the policy. Every answer is checked against the
//! OpenAPI document the server serves.
use crate::{
    api::{call, client, count, doc, example, pointers},
    common,
};

use app::backend::{
    actor::ApiScope,
    demo::{DEMO_API_TOKEN, DEMO_RAAD_RSIN},
};
use axum::http::StatusCode;
use common::{openapi::conforms, Reply, TestApp};
use serde_json::{json, Value};

const BUNDEL: &str = "/api/v1/bundels";

/// A call: method, address, body.
type Call = (&'static str, String, Option<Value>);
const ZAAK: &str = "/api/v1/zaken/RVDK-2026-0117";

async fn post_bundle(app: &TestApp, token: &str, body: &Value) -> Reply {
    let r = call(
        app,
        "POST",
        BUNDEL,
        Some(token),
        Some(body.to_string()),
        &[],
    )
    .await;
    conforms(&doc(app).await, BUNDEL, "post", r.status.as_u16(), &r.body);
    r
}

/// The fictional case file as calls: the case, Willem on it, a contact, the report, the
/// next phase, and the case read back.
fn calls() -> Vec<Call> {
    vec![
        ("PUT", ZAAK.to_string(), Some(example())),
        (
            "PUT",
            format!("{ZAAK}/rollen/rol-1"),
            Some(crate::api_roles::role_file()),
        ),
        (
            "PUT",
            format!("{ZAAK}/contacten/c-1"),
            Some(crate::api_contacts::contact_file()),
        ),
        (
            "PUT",
            format!("{ZAAK}/rapporten/rr-1"),
            Some(crate::api_reports::report_file()),
        ),
        (
            "PUT",
            format!("{ZAAK}/statussen/st-1"),
            Some(crate::api_statuses::status_file()),
        ),
        ("GET", ZAAK.to_string(), None),
    ]
}

fn bundle(calls: &[Call]) -> Value {
    json!({
        "bronorganisatie": DEMO_RAAD_RSIN,
        "verzoeken": calls.iter().map(|(m, pad, body)| {
            let mut v = json!({"methode": m, "pad": pad});
            if let Some(b) = body {
                v["inhoud"] = b.clone();
            }
            v
        }).collect::<Vec<_>>(),
    })
}

fn answers(r: &Reply) -> Vec<Value> {
    let v: Value = serde_json::from_str(&r.body).unwrap();
    v["antwoorden"].as_array().unwrap().clone()
}

on_both!(
    a_case_file_in_one_bundle_is_the_case_file_sent_call_by_call,
    |app| {
        let calls = calls();
        let r = post_bundle(&app, DEMO_API_TOKEN, &bundle(&calls)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let got = answers(&r);
        let statuses: Vec<u64> = got.iter().map(|a| a["status"].as_u64().unwrap()).collect();
        assert_eq!(statuses, [201, 201, 201, 201, 201, 200], "{}", r.body);
        assert_eq!(
            got[0]["location"], "/api/v1/zaken/RVDK-2026-0117",
            "each answer as on its own"
        );
        assert_eq!(got[5]["inhoud"]["status"], "RECHTER_ZITTING");
        // Each call of the bundle is in the audit as the client's own.
        for action in [
            "open_case",
            "add_involvement",
            "record_contact",
            "publish_report",
            "start_phase",
        ] {
            let n: (i64,) = app::on_db!(app.db(), p => sqlx::query_as(
            "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND api_client_id IS NOT NULL")
            .bind(action).fetch_one(p).await)
            .unwrap();
            assert_eq!(n.0, 1, "{action}");
        }
        // Sent one by one now, every call finds it already so, with the same version.
        for ((method, pad, body), answer) in calls.iter().zip(&got) {
            let one = call(
                &app,
                method,
                pad,
                Some(DEMO_API_TOKEN),
                body.as_ref().map(Value::to_string),
                &[],
            )
            .await;
            assert_eq!(one.status, StatusCode::OK, "{method} {pad}: {}", one.body);
            let etag = one.headers["etag"].to_str().unwrap();
            // (The case read last, after the step, is the case now.)
            if *method == "PUT" && !pad.ends_with("0117") {
                assert_eq!(Some(etag), answer["etag"].as_str(), "{pad}");
            }
        }
    }
);

on_both!(
    a_bundle_is_limited_and_a_refused_call_stays_its_own,
    |app| {
        let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
        // Too many calls, a bundle in a bundle, a query, a PUT without a body, a GET with one.
        let many: Vec<_> = (0..51).map(|_| ("GET", ZAAK.to_string(), None)).collect();
        let wrong: Vec<(Vec<Call>, &str)> = vec![
            (many, "/verzoeken"),
            (vec![], "/verzoeken"),
            (vec![("GET", BUNDEL.to_string(), None)], "/verzoeken/0/pad"),
            (
                vec![("GET", format!("{ZAAK}?x=1"), None)],
                "/verzoeken/0/pad",
            ),
            (
                vec![("GET", "/inloggen".to_string(), None)],
                "/verzoeken/0/pad",
            ),
            (vec![("PUT", ZAAK.to_string(), None)], "/verzoeken/0/inhoud"),
            (
                vec![("GET", ZAAK.to_string(), Some(example()))],
                "/verzoeken/0/inhoud",
            ),
        ];
        for (calls, pointer) in wrong {
            let r = post_bundle(&app, DEMO_API_TOKEN, &bundle(&calls)).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{pointer}: {}",
                r.body
            );
            assert!(
                pointers(&r).iter().any(|(p, _)| p == pointer),
                "{pointer}: {:?}",
                pointers(&r)
            );
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases);
        // A refused call in the middle changes nothing of its own; the others are done.
        let mut bad = crate::api_reports::report_file();
        bad["uitspraken"][0]["soort"] = json!("roddel");
        let calls = vec![
            ("PUT", ZAAK.to_string(), Some(example())),
            ("PUT", format!("{ZAAK}/rapporten/rr-1"), Some(bad)),
            (
                "PUT",
                format!("{ZAAK}/contacten/c-1"),
                Some(crate::api_contacts::contact_file()),
            ),
        ];
        let r = post_bundle(&app, DEMO_API_TOKEN, &bundle(&calls)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let got = answers(&r);
        let statuses: Vec<u64> = got.iter().map(|a| a["status"].as_u64().unwrap()).collect();
        assert_eq!(statuses, [201, 422, 201]);
        assert_eq!(
            got[1]["inhoud"]["errors"][0]["pointer"],
            "/uitspraken/0/soort"
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases + 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM reports r JOIN cases c ON c.id = r.case_id WHERE c.source_identification = 'RVDK-2026-0117'").await, 0);
    }
);

on_both!(a_bundle_is_no_way_around_the_policy, |app| {
    let calls = calls();
    let read_only = client(&app, DEMO_RAAD_RSIN, &[ApiScope::Read], 30).await;
    let save = client(&app, "800000031", &ApiScope::ALL, 30).await;
    let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
    // A read-only client's bundle that writes, and another organisation's naming the Raad.
    for token in [&read_only, &save] {
        let r = post_bundle(&app, token, &bundle(&calls)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    // SAVE naming itself, with the Raad's calls inside: each call is refused on its own.
    let mut theirs = bundle(&calls);
    theirs["bronorganisatie"] = json!("800000031");
    let r = post_bundle(&app, &save, &theirs).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(answers(&r).iter().all(|a| a["status"] == 404), "{}", r.body);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases);
    // A read-only client reads in a bundle.
    assert_eq!(
        post_bundle(&app, DEMO_API_TOKEN, &bundle(&calls[..1]))
            .await
            .status,
        StatusCode::OK
    );
    let reads = vec![("GET", ZAAK.to_string(), None)];
    let r = post_bundle(&app, &read_only, &bundle(&reads)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(answers(&r)[0]["status"], 200);
});
