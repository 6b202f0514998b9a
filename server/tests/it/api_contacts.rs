//! Contacts through the import API (issue 16): a contact recorded by the organisation's system
//! is the contact a professional records on "Contacten" — the same row, the same invitation
//! to give feedback on the family's first page, the same audit; wrong requests change nothing
//! and say which field; a recorded contact is not rewritten; many writers at once record it
//! once. Every answer is checked against the OpenAPI document the server serves.
use crate::{
    api::{
        call, count, doc, etag, example, family_login, main_of_case, pointers, put, second_case,
    },
    common,
};

use app::backend::demo::DEMO_API_TOKEN;
use axum::http::StatusCode;
use common::{at_once, ids, openapi::conforms, Reply, TestApp};
use serde_json::{json, Value};
use uuid::Uuid;

const CONTACT: &str = "/api/v1/zaken/{identificatie}/contacten/{id}";
const CASE: &str = "RVDK-2026-0117";

fn yesterday() -> String {
    (app::backend::time::today() - chrono::Duration::days(1)).to_string()
}

/// Jeroen's conversation with the family yesterday afternoon.
pub(crate) fn contact_file() -> Value {
    json!({
        "bronorganisatie": "800000018",
        "medewerker": "jeroen",
        "soort": "huisbezoek",
        "datum": yesterday(),
        "tijd": "14:30",
        "samenvatting": "Huisbezoek: gesproken met Iris en Karim over de afspraken met school.",
    })
}

async fn put_contact(app: &TestApp, case: &str, id: &str, body: &Value) -> Reply {
    let r = call(
        app,
        "PUT",
        &format!("/api/v1/zaken/{case}/contacten/{id}"),
        Some(DEMO_API_TOKEN),
        Some(body.to_string()),
        &[],
    )
    .await;
    conforms(&doc(app).await, CONTACT, "put", r.status.as_u16(), &r.body);
    r
}

/// The case's contacts: (professional, kind, when, summary).
async fn contacts(
    app: &TestApp,
    ident: &str,
) -> Vec<(String, String, chrono::DateTime<chrono::Utc>, String)> {
    app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT a.username, x.kind, x.at, x.summary FROM contacts x JOIN cases c ON c.id = x.case_id \
         JOIN accounts a ON a.id = x.professional_id WHERE c.source_identification = $1 ORDER BY x.at")
        .bind(ident).fetch_all(p).await)
    .unwrap()
}

/// The family member's first page, where a contact invites feedback ("/" sends them there).
async fn first_page(app: &TestApp, cookie: &str) -> Reply {
    let r = app.get("/", cookie).await;
    match r.location() {
        Some(to) => app.get(to, cookie).await,
        None => r,
    }
}

on_both!(
    a_contact_is_recorded_as_on_the_screen_and_invites_feedback,
    |app| {
        put(&app, &example(), &[]).await;
        second_case(&app).await;
        let one = family_login(&app, CASE, "p-20417", "iris").await;
        let two = family_login(&app, "RVDK-2026-0118", "p-20417", "iris2").await;
        let home_before = first_page(&app, &one).await;

        let file = contact_file();
        let r = put_contact(&app, CASE, "c-1", &file).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(
            r.location(),
            Some("/api/v1/zaken/RVDK-2026-0117/contacten/c-1")
        );
        let shown: Value = serde_json::from_str(&r.body).unwrap();
        for field in ["medewerker", "soort", "datum", "tijd", "samenvatting"] {
            assert_eq!(shown[field], file[field], "{field}");
        }
        let g = call(
            &app,
            "GET",
            "/api/v1/zaken/RVDK-2026-0117/contacten/c-1",
            Some(DEMO_API_TOKEN),
            None,
            &[],
        )
        .await;
        conforms(&doc(&app).await, CONTACT, "get", 200, &g.body);
        assert_eq!(etag(&g), etag(&r));
        // Sent again, or as a GET showed it: nothing changes.
        let changes =
            "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'contact' AND action <> 'read'";
        let audited = count(&app, changes).await;
        let mut back: Value = serde_json::from_str(&g.body).unwrap();
        let o = back.as_object_mut().unwrap();
        o.remove("url");
        o.insert("bronorganisatie".into(), json!("800000018"));
        for body in [file.clone(), back] {
            let again = put_contact(&app, CASE, "c-1", &body).await;
            assert_eq!(again.status, StatusCode::OK, "{}", again.body);
            assert_eq!(etag(&again), etag(&r));
        }
        assert_eq!(contacts(&app, CASE).await.len(), 1);
        assert_eq!(count(&app, changes).await, audited);
        assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'record_contact' AND api_client_id IS NOT NULL AND actor_account_id IS NULL").await,
        1
    );

        // The same contact recorded on the screen by jeroen, in the other case.
        let jeroen = app.login("jeroen").await;
        let case = ids::case(app.db(), "RVDK-2026-0118").await.to_string();
        let id = Uuid::new_v4().to_string();
        let reply = app
            .reply(
                "/api/record_contact",
                &jeroen,
                &[
                    ("case", case.as_str()),
                    ("id", &id),
                    ("kind", "home_visit"),
                    ("date", &yesterday()),
                    ("time", "14:30"),
                    ("summary", file["samenvatting"].as_str().unwrap()),
                ],
            )
            .await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(
            contacts(&app, CASE).await,
            contacts(&app, "RVDK-2026-0118").await
        );
        // Each Iris is invited alike to say how it went.
        let (ha, hb) = (first_page(&app, &one).await, first_page(&app, &two).await);
        assert_eq!((ha.status, hb.status), (StatusCode::OK, StatusCode::OK));
        assert_ne!(
            main_of_case(&home_before.body),
            main_of_case(&ha.body),
            "the invitation is new"
        );
        assert_eq!(main_of_case(&ha.body), main_of_case(&hb.body));
    }
);

on_both!(wrong_contacts_change_nothing_and_name_their_field, |app| {
    put(&app, &example(), &[]).await;
    let tomorrow = (app::backend::time::today() + chrono::Duration::days(1)).to_string();
    let long_ago = (app::backend::time::today() - chrono::Duration::days(400)).to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("soort", json!("brief"), "/soort"),
        ("datum", json!(tomorrow), "/datum"),
        ("datum", json!(long_ago), "/datum"),
        ("datum", json!("gisteren"), "/datum"),
        ("tijd", json!("25:00"), "/tijd"),
        ("samenvatting", json!(" "), "/samenvatting"),
        // Another organisation's professional, and someone not on the case.
        ("medewerker", json!("anouk"), "/medewerker"),
        ("medewerker", json!("karin"), "/medewerker"),
    ];
    for (field, value, pointer) in cases {
        let mut file = contact_file();
        file[field] = value.clone();
        let r = put_contact(&app, CASE, "c-x", &file).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} = {value}: {}",
            r.body
        );
        assert!(
            pointers(&r).iter().any(|(p, _)| p == pointer),
            "{field} = {value}: {:?}",
            pointers(&r)
        );
        assert!(contacts(&app, CASE).await.is_empty(), "{field} = {value}");
    }
    // Recorded once: another request for it is refused.
    assert_eq!(
        put_contact(&app, CASE, "c-1", &contact_file()).await.status,
        StatusCode::CREATED
    );
    for (field, value) in [
        ("samenvatting", json!("Iets anders.")),
        ("tijd", json!("15:00")),
        ("soort", json!("telefoon")),
    ] {
        let mut changed = contact_file();
        changed[field] = value;
        let r = put_contact(&app, CASE, "c-1", &changed).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(
            pointers(&r),
            vec![("".to_string(), "api_recorded".to_string())]
        );
    }
    assert_eq!(contacts(&app, CASE).await.len(), 1);
    // A blank time is a time left out (midday for an earlier day), then and sent again.
    let mut blank = contact_file();
    blank["tijd"] = json!("");
    let first = put_contact(&app, CASE, "c-2", &blank).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(
        serde_json::from_str::<Value>(&first.body).unwrap()["tijd"],
        "12:00"
    );
    let again = put_contact(&app, CASE, "c-2", &blank).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(contacts(&app, CASE).await.len(), 2);
});

on_both!(many_writers_of_one_contact_at_once_record_it_once, |app| {
    put(&app, &example(), &[]).await;
    let body = contact_file().to_string();
    let replies = at_once(
        (0..8)
            .map(|_| {
                let (app, body) = (app.clone(), body.clone());
                async move {
                    call(
                        &app,
                        "PUT",
                        "/api/v1/zaken/RVDK-2026-0117/contacten/c-1",
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
    let codes: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|c| *c == 201 || *c == 200), "{codes:?}");
    let tags: std::collections::BTreeSet<String> = replies.iter().map(etag).collect();
    assert_eq!(tags.len(), 1);
    assert_eq!(contacts(&app, CASE).await.len(), 1);
});
