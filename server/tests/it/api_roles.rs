//! Who works on a case, through the import API (issue 16): an involvement recorded by the
//! organisation's system changes the team as "Wie werken aan deze zaak?" changes it — the same
//! rows, the same "Wie zijn er betrokken?" for the family, the same audit; the organisation
//! responsible now alone adds other organisations' people, ends their involvement and moves
//! the marks; what is fixed stays fixed; many writers at once make one involvement. Every
//! answer is checked against the OpenAPI document the server serves.
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

const ROL: &str = "/api/v1/zaken/{identificatie}/rollen/{id}";
const CASE: &str = "RVDK-2026-0117";
const RAAD_RSIN: &str = "800000018";

fn today() -> String {
    app::backend::time::today().to_string()
}

/// Willem, the Raad's behavioural expert, joins the case today as its contact person.
pub(crate) fn role_file() -> Value {
    json!({
        "bronorganisatie": RAAD_RSIN,
        "medewerker": "willem",
        "roltype": "gedragsdeskundige",
        "begindatum": today(),
        "contactpersoon": true,
    })
}

async fn put_role(
    app: &TestApp,
    case: &str,
    id: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> Reply {
    let r = call(
        app,
        "PUT",
        &format!("/api/v1/zaken/{case}/rollen/{id}"),
        Some(DEMO_API_TOKEN),
        Some(body.to_string()),
        headers,
    )
    .await;
    conforms(&doc(app).await, ROL, "put", r.status.as_u16(), &r.body);
    r
}

/// The case's involvements: (username, role, since, until, responsible, contact), by username.
type Row = (
    String,
    String,
    chrono::NaiveDate,
    Option<chrono::NaiveDate>,
    bool,
    bool,
);

async fn team(app: &TestApp, ident: &str) -> Vec<Row> {
    app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT a.username, i.role, i.since, i.until, i.is_responsible_now, i.is_contact_person \
         FROM involvements i JOIN cases c ON c.id = i.case_id JOIN accounts a ON a.person_id = i.person_id \
         WHERE c.source_identification = $1 ORDER BY a.username")
        .bind(ident).fetch_all(p).await)
    .unwrap()
}

async fn involvement_of(app: &TestApp, ident: &str, username: &str) -> Uuid {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
        "SELECT i.id FROM involvements i JOIN cases c ON c.id = i.case_id JOIN accounts a ON a.person_id = i.person_id \
         WHERE c.source_identification = $1 AND a.username = $2")
        .bind(ident).bind(username).fetch_one(p).await)
    .unwrap()
    .0
}

on_both!(an_involvement_changes_the_team_as_the_screen_does, |app| {
    put(&app, &example(), &[]).await;
    second_case(&app).await;
    let file = role_file();
    let r = put_role(&app, CASE, "rol-1", &file, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.location(),
        Some("/api/v1/zaken/RVDK-2026-0117/rollen/rol-1")
    );
    let shown: Value = serde_json::from_str(&r.body).unwrap();
    for field in ["medewerker", "roltype", "begindatum", "contactpersoon"] {
        assert_eq!(shown[field], file[field], "{field}");
    }
    assert_eq!(shown["organisatie"], RAAD_RSIN);
    assert_eq!(shown["verantwoordelijk"], false);
    assert_eq!(shown["einddatum"], Value::Null);
    // Read back: the same; sent again, or as a GET showed it: nothing changes.
    let g = call(
        &app,
        "GET",
        "/api/v1/zaken/RVDK-2026-0117/rollen/rol-1",
        Some(DEMO_API_TOKEN),
        None,
        &[],
    )
    .await;
    conforms(&doc(&app).await, ROL, "get", 200, &g.body);
    assert_eq!(etag(&g), etag(&r));
    let changes =
        "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'involvement' AND action <> 'read'";
    let audited = count(&app, changes).await;
    let before = team(&app, CASE).await;
    let mut back: Value = serde_json::from_str(&g.body).unwrap();
    let o = back.as_object_mut().unwrap();
    o.remove("url");
    o.remove("organisatie");
    o.insert("bronorganisatie".into(), json!(RAAD_RSIN));
    for body in [file.clone(), back] {
        let again = put_role(&app, CASE, "rol-1", &body, &[]).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(etag(&again), etag(&r));
    }
    assert_eq!(team(&app, CASE).await, before);
    assert_eq!(count(&app, changes).await, audited);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'add_involvement' AND api_client_id IS NOT NULL AND actor_account_id IS NULL").await,
        1
    );

    // The same on the screen by jeroen, in the other case: add Willem, make him the contact.
    let jeroen = app.login("jeroen").await;
    let case = ids::case(app.db(), "RVDK-2026-0118").await.to_string();
    let willem = ids::person(app.db(), "Willem").await.to_string();
    let reply = app
        .reply(
            "/api/add_involvement",
            &jeroen,
            &[
                ("case", case.as_str()),
                ("person", &willem),
                ("role", "gedragsdeskundige"),
                ("since", &today()),
            ],
        )
        .await;
    assert_eq!(reply["ok"], true, "{reply}");
    let (to, was) = (
        involvement_of(&app, "RVDK-2026-0118", "willem")
            .await
            .to_string(),
        involvement_of(&app, "RVDK-2026-0118", "jeroen")
            .await
            .to_string(),
    );
    let reply = app
        .reply(
            "/api/mark_involvement",
            &jeroen,
            &[
                ("case", case.as_str()),
                ("involvement", &to),
                ("mark", "contact"),
                ("was", &was),
            ],
        )
        .await;
    assert_eq!(reply["ok"], true, "{reply}");
    let (a, b) = (team(&app, CASE).await, team(&app, "RVDK-2026-0118").await);
    assert_eq!(a, b, "the same team, by the API and by the screen");
    assert_eq!(a.iter().filter(|r| r.5).count(), 1, "one contact person");
    // Iris of each family reads the same "Wie zijn er betrokken?".
    let one = family_login(&app, CASE, "p-20417", "iris").await;
    let two = family_login(&app, "RVDK-2026-0118", "p-20417", "iris2").await;
    let (pa, pb) = (
        app.get("/wie-betrokken", &one).await,
        app.get("/wie-betrokken", &two).await,
    );
    assert_eq!((pa.status, pb.status), (StatusCode::OK, StatusCode::OK));
    assert!(pa.body.contains("Willem"));
    assert_eq!(main_of_case(&pa.body), main_of_case(&pb.body));
});

on_both!(wrong_and_stale_involvements_change_nothing, |app| {
    put(&app, &example(), &[]).await;
    let before = team(&app, CASE).await;
    let yesterday = (app::backend::time::today() - chrono::Duration::days(1)).to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("medewerker", json!("no-such-user"), "/medewerker"),
        // A parent is no professional.
        ("medewerker", json!("sanne"), "/medewerker"),
        ("roltype", json!("rechter"), "/roltype"),
        ("begindatum", json!("7-12-2026"), "/begindatum"),
        ("einddatum", json!(yesterday), "/einddatum"),
    ];
    for (field, value, pointer) in cases {
        let mut file = role_file();
        file[field] = value.clone();
        let r = put_role(&app, CASE, "rol-x", &file, &[]).await;
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
        assert_eq!(team(&app, CASE).await, before, "{field} = {value}");
    }
    // A wrong date with a username: the same answer whether it exists in another
    // organisation or nowhere, so a probe learns no usernames.
    let probe = |who: &str| {
        let mut file = role_file();
        file["medewerker"] = json!(who);
        file["begindatum"] = json!("gisteren");
        file
    };
    let (known, unknown) = (
        put_role(&app, CASE, "rol-x", &probe("fatima"), &[]).await,
        put_role(&app, CASE, "rol-x", &probe("no-such-user"), &[]).await,
    );
    assert_eq!(pointers(&known), pointers(&unknown));
    assert_eq!(
        pointers(&known),
        vec![("/begindatum".to_string(), "fb_date_invalid".to_string())]
    );
    // Jeroen is involved already: a second involvement of him is refused.
    let mut twice = role_file();
    twice["medewerker"] = json!("jeroen");
    let r = put_role(&app, CASE, "rol-x", &twice, &[]).await;
    assert_eq!(
        pointers(&r),
        vec![(
            "/medewerker".to_string(),
            "team_already_involved".to_string()
        )]
    );

    let r = put_role(&app, CASE, "rol-1", &role_file(), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let tag = etag(&r);
    let recorded = team(&app, CASE).await;
    // What is fixed stays fixed; a mark goes only to another; ending gives the marks up.
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "medewerker",
            json!("jeroen"),
            "/medewerker",
            "api_role_fixed",
        ),
        (
            "roltype",
            json!("raadsonderzoeker"),
            "/roltype",
            "api_role_fixed",
        ),
        (
            "begindatum",
            json!(yesterday),
            "/begindatum",
            "api_role_fixed",
        ),
        (
            "contactpersoon",
            json!(false),
            "/contactpersoon",
            "api_mark_moves",
        ),
        (
            "einddatum",
            json!(today()),
            "/einddatum",
            "api_mark_with_end",
        ),
    ];
    for (field, value, pointer, code) in cases {
        let mut file = role_file();
        file[field] = value.clone();
        let r = put_role(&app, CASE, "rol-1", &file, &[("If-Match", &tag)]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert_eq!(
            pointers(&r),
            vec![(pointer.to_string(), code.to_string())],
            "{field}"
        );
        assert_eq!(team(&app, CASE).await, recorded, "{field}");
    }
    // A change without the current version is a conflict with how it is now.
    let mut responsible = role_file();
    responsible["verantwoordelijk"] = json!(true);
    let r = put_role(&app, CASE, "rol-1", &responsible, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let problem: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(problem["current"]["verantwoordelijk"], false);
    assert_eq!(team(&app, CASE).await, recorded);
    // With it: Willem is responsible now, and jeroen no longer.
    let r = put_role(&app, CASE, "rol-1", &responsible, &[("If-Match", &tag)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let now = team(&app, CASE).await;
    assert_eq!(
        now.iter()
            .filter(|r| r.4)
            .map(|r| r.0.as_str())
            .collect::<Vec<_>>(),
        ["willem"]
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'mark_involvement' AND api_client_id IS NOT NULL").await,
        1
    );
});

on_both!(the_organisation_responsible_now_decides_the_team, |app| {
    put(&app, &example(), &[]).await;
    // While the Raad is responsible, it adds SAVE's youth protector and hands responsibility
    // to her organisation.
    let anouk = json!({
        "bronorganisatie": RAAD_RSIN,
        "medewerker": "anouk",
        "roltype": "jeugdbeschermer",
        "begindatum": today(),
        "verantwoordelijk": true,
    });
    let r = put_role(&app, CASE, "rol-anouk", &anouk, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap()["organisatie"],
        "800000031"
    );
    let anouk_tag = etag(&r);
    // Now SAVE is: the Raad adds its own people only, and moves no mark.
    let mut fatima = role_file();
    fatima["medewerker"] = json!("fatima");
    fatima["roltype"] = json!("vt_medewerker");
    fatima["contactpersoon"] = json!(false);
    let r = put_role(&app, CASE, "rol-fatima", &fatima, &[]).await;
    assert_eq!(
        pointers(&r),
        vec![(
            "/medewerker".to_string(),
            "api_unknown_professional".to_string()
        )]
    );
    let r = put_role(&app, CASE, "rol-1", &role_file(), &[]).await;
    assert_eq!(
        pointers(&r),
        vec![(
            "/contactpersoon".to_string(),
            "api_mark_not_yours".to_string()
        )]
    );
    let mut willem = role_file();
    willem["contactpersoon"] = json!(false);
    let r = put_role(&app, CASE, "rol-1", &willem, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // It ends its own people's involvement, not another organisation's.
    let mut end = anouk.clone();
    end["verantwoordelijk"] = json!(false);
    end["einddatum"] = json!(today());
    let r = put_role(&app, CASE, "rol-anouk", &end, &[("If-Match", &anouk_tag)]).await;
    assert!(
        pointers(&r).contains(&("/einddatum".to_string(), "api_end_not_yours".to_string())),
        "{:?}",
        pointers(&r)
    );
    willem["einddatum"] = json!(today());
    let r = put_role(&app, CASE, "rol-1", &willem, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let current = call(
        &app,
        "GET",
        "/api/v1/zaken/RVDK-2026-0117/rollen/rol-1",
        Some(DEMO_API_TOKEN),
        None,
        &[],
    )
    .await;
    let r = put_role(
        &app,
        CASE,
        "rol-1",
        &willem,
        &[("If-Match", &etag(&current))],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap()["einddatum"],
        today()
    );
    let rows = team(&app, CASE).await;
    let anouk_row = rows.iter().find(|r| r.0 == "anouk").unwrap();
    assert!(anouk_row.4 && anouk_row.3.is_none(), "{rows:?}");
});

on_both!(many_writers_of_one_involvement_at_once_make_one, |app| {
    put(&app, &example(), &[]).await;
    let file = role_file();
    let replies = at_once(
        (0..8)
            .map(|_| {
                let (app, body) = (app.clone(), file.to_string());
                async move {
                    call(
                        &app,
                        "PUT",
                        "/api/v1/zaken/RVDK-2026-0117/rollen/rol-1",
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
    // The same professional under two ids at once: one involvement.
    let mut anouk = role_file();
    anouk["medewerker"] = json!("anouk");
    anouk["roltype"] = json!("jeugdbeschermer");
    anouk["contactpersoon"] = json!(false);
    let replies = at_once(
        ["rol-a", "rol-b"]
            .into_iter()
            .map(|id| {
                let (app, body) = (app.clone(), anouk.to_string());
                async move {
                    call(
                        &app,
                        "PUT",
                        &format!("/api/v1/zaken/RVDK-2026-0117/rollen/{id}"),
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
    let mut codes: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    codes.sort();
    assert_eq!(codes, [201, 422]);
    let loser = replies.iter().find(|r| r.status.as_u16() == 422).unwrap();
    assert_eq!(
        pointers(loser),
        vec![(
            "/medewerker".to_string(),
            "team_already_involved".to_string()
        )]
    );
    let rows = team(&app, CASE).await;
    assert_eq!(rows.iter().filter(|r| r.0 == "anouk").count(), 1);
    assert_eq!(rows.iter().filter(|r| r.0 == "willem").count(), 1);
    assert_eq!(rows.iter().filter(|r| r.5).count(), 1, "one contact person");
});

/// An involvement as a GET showed it, as a body to PUT back.
fn as_request(shown: &str) -> Value {
    let mut back: Value = serde_json::from_str(shown).unwrap();
    let o = back.as_object_mut().unwrap();
    o.remove("url");
    o.remove("organisatie");
    o.insert("bronorganisatie".into(), json!(RAAD_RSIN));
    back
}

async fn get_role(app: &TestApp, id: &str) -> Reply {
    let r = call(
        app,
        "GET",
        &format!("/api/v1/zaken/{CASE}/rollen/{id}"),
        Some(DEMO_API_TOKEN),
        None,
        &[],
    )
    .await;
    conforms(&doc(app).await, ROL, "get", r.status.as_u16(), &r.body);
    r
}

on_both!(
    the_involvement_a_case_was_opened_with_is_rollen_behandelaar,
    |app| {
        put(&app, &example(), &[]).await;
        // The behandelaar's involvement, made when the case was opened, has a name at once.
        let g = get_role(&app, "behandelaar").await;
        assert_eq!(g.status, StatusCode::OK, "{}", g.body);
        let shown: Value = serde_json::from_str(&g.body).unwrap();
        assert_eq!(shown["medewerker"], "jeroen");
        assert_eq!(shown["begindatum"], today());
        assert_eq!(
            (&shown["verantwoordelijk"], &shown["contactpersoon"]),
            (&json!(true), &json!(true))
        );
        // It cannot end while it holds the case's marks.
        let mut end = as_request(&g.body);
        end["einddatum"] = json!(today());
        let r = put_role(&app, CASE, "behandelaar", &end, &[("if-match", &etag(&g))]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(
            pointers(&r)
                .iter()
                .any(|(_, code)| code == "api_mark_with_end"),
            "{}",
            r.body
        );
        // Willem takes both marks over; then the system ends Jeroen's involvement.
        let mut willem = role_file();
        willem["verantwoordelijk"] = json!(true);
        let r = put_role(&app, CASE, "rol-1", &willem, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let g = get_role(&app, "behandelaar").await;
        let mut end = as_request(&g.body);
        assert_eq!(
            (&end["verantwoordelijk"], &end["contactpersoon"]),
            (&json!(false), &json!(false))
        );
        end["einddatum"] = json!(today());
        let r = put_role(&app, CASE, "behandelaar", &end, &[("if-match", &etag(&g))]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let jeroen = team(&app, CASE)
            .await
            .into_iter()
            .find(|row| row.0 == "jeroen")
            .unwrap();
        assert_eq!(jeroen.3, Some(app::backend::time::today()));

        // A case opened before the name existed gets it from the migration, once.
        let case = ids::case(app.db(), CASE).await;
        let opening = involvement_of(&app, CASE, "jeroen").await;
        app::on_db!(app.db(), p => sqlx::query(
            "DELETE FROM api_external_ids WHERE case_id = $1 AND kind = 'involvement' AND external_id = 'behandelaar'")
            .bind(case).execute(p).await.map(|_| ()))
        .unwrap();
        assert_eq!(
            get_role(&app, "behandelaar").await.status,
            StatusCode::NOT_FOUND
        );
        let migration = include_str!("../../../migrations/postgres/0025_api_opening_roles.sql");
        for _ in 0..2 {
            app::on_db!(app.db(), p => sqlx::raw_sql(migration).execute(p).await.map(|_| ()))
                .unwrap();
        }
        let mapped: Vec<(Uuid,)> = app::on_db!(app.db(), p => sqlx::query_as(
            "SELECT internal_id FROM api_external_ids WHERE case_id = $1 AND kind = 'involvement' AND external_id = 'behandelaar'")
            .bind(case).fetch_all(p).await)
        .unwrap();
        assert_eq!(mapped, [(opening,)]);
        assert_eq!(get_role(&app, "behandelaar").await.status, StatusCode::OK);
    }
);

/// The screen hands "responsible now" to SAVE between the check of a request of the Raad's
/// system (which adds Veilig Thuis's professional) and its write. Under the case's lock the
/// request reads who is responsible again and adds no one of another organisation.
/// (PostgreSQL: the request is held after its check by a lock on the table of idempotency
/// keys, which it reads first in its transaction; the screen's change does not touch it.)
#[tokio::test]
async fn responsible_now_moved_while_a_request_waits_is_read_again_postgres() {
    common::within_limit(async {
        let Some(app) = common::spawn_with(common::Kind::Postgres, |_| {}).await else {
            return;
        };
        put(&app, &example(), &[]).await;
        let anouk = json!({
            "bronorganisatie": RAAD_RSIN,
            "medewerker": "anouk",
            "roltype": "jeugdbeschermer",
            "begindatum": today(),
        });
        let r = put_role(&app, CASE, "rol-anouk", &anouk, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let (case, to, was) = (
            ids::case(app.db(), CASE).await.to_string(),
            involvement_of(&app, CASE, "anouk").await.to_string(),
            involvement_of(&app, CASE, "jeroen").await.to_string(),
        );
        let jeroen = app.login("jeroen").await;
        let app::backend::db::Db::Postgres(pool) = app.db() else {
            unreachable!("a PostgreSQL test app")
        };
        let mut held = pool.begin().await.unwrap();
        sqlx::query("LOCK TABLE api_idempotency IN ACCESS EXCLUSIVE MODE")
            .execute(&mut *held)
            .await
            .unwrap();
        // Checked now, while the Raad is responsible; then it waits.
        let system = tokio::spawn({
            let app = app.clone();
            async move {
                let mut fatima = role_file();
                fatima["medewerker"] = json!("fatima");
                fatima["roltype"] = json!("vt_medewerker");
                fatima["contactpersoon"] = json!(false);
                put_role(
                    &app,
                    CASE,
                    "rol-fatima",
                    &fatima,
                    &[("idempotency-key", "k-race")],
                )
                .await
            }
        });
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(!system.is_finished(), "the request waits after its check");
        let screen = app
            .reply(
                "/api/mark_involvement",
                &jeroen,
                &[
                    ("case", case.as_str()),
                    ("involvement", &to),
                    ("mark", "responsible"),
                    ("was", &was),
                ],
            )
            .await;
        assert_eq!(screen["ok"], true, "{screen}");
        held.rollback().await.unwrap();
        let system = system.await.unwrap();
        assert_eq!(
            pointers(&system),
            vec![(
                "/medewerker".to_string(),
                "api_unknown_professional".to_string()
            )],
            "{}",
            system.body
        );
        let rows = team(&app, CASE).await;
        assert!(rows.iter().all(|r| r.0 != "fatima"), "{rows:?}");
        assert!(rows.iter().any(|r| r.0 == "anouk" && r.4), "{rows:?}");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM api_external_ids WHERE external_id = 'rol-fatima'"
            )
            .await,
            0
        );
    })
    .await;
}
