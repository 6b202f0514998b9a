//! The next phase through the import API (issue 16): a status recorded by the organisation's
//! system moves the case as "Volgende stap vastleggen" moves it — the same rows, the same
//! praatplaat for the family, the same audit; wrong requests change nothing and say which
//! field; a recorded status is not rewritten; a handover names who leads and how long the
//! organisation before keeps watching; many writers at once make one step. Every answer is
//! checked against the OpenAPI document the server serves.
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

const STATUS: &str = "/api/v1/zaken/{identificatie}/statussen/{id}";
const CASE: &str = "RVDK-2026-0117";
/// SAVE, a GI: who leads a supervision order after the court.
const SAVE_RSIN: &str = "800000031";

/// The example status (`examples/status.json`).
pub(crate) fn status_file() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/status.json"
    ))
    .expect("examples/status.json");
    serde_json::from_str(&text).unwrap()
}

async fn put_status(app: &TestApp, case: &str, id: &str, body: &Value) -> Reply {
    let r = call(
        app,
        "PUT",
        &format!("/api/v1/zaken/{case}/statussen/{id}"),
        Some(DEMO_API_TOKEN),
        Some(body.to_string()),
        &[],
    )
    .await;
    conforms(&doc(app).await, STATUS, "put", r.status.as_u16(), &r.body);
    r
}

fn today() -> chrono::NaiveDate {
    app::backend::time::today()
}

/// The case's phases, oldest first: (code, ended?, due day, outcome, decision, due reason,
/// lead organisation, recorded by).
type Row = (
    String,
    bool,
    Option<chrono::NaiveDate>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Uuid>,
    Option<Uuid>,
);

async fn phases(app: &TestApp, ident: &str) -> Vec<Row> {
    type Raw = (
        String,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<chrono::DateTime<chrono::Utc>>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<Uuid>,
        Option<Uuid>,
    );
    let rows: Vec<Raw> = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT cp.phase_code, cp.ended_at, cp.due_at, cp.outcome_code, cp.decision, cp.due_reason, \
         cp.lead_organisation_id, cp.started_by FROM case_phases cp JOIN cases c ON c.id = cp.case_id \
         WHERE c.source_identification = $1 ORDER BY cp.started_at")
        .bind(ident).fetch_all(p).await)
    .unwrap();
    rows.into_iter()
        .map(|(c, ended, due, o, d, r, l, b)| {
            (
                c,
                ended.is_some(),
                due.map(app::backend::time::local_date),
                o,
                d,
                r,
                l,
                b,
            )
        })
        .collect()
}

/// The handovers of a case: (from, to, watched until).
async fn handovers(app: &TestApp, ident: &str) -> Vec<(Uuid, Uuid, Option<chrono::NaiveDate>)> {
    app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT h.from_organisation_id, h.to_organisation_id, h.previous_watches_until FROM handovers h \
         JOIN cases c ON c.id = h.case_id WHERE c.source_identification = $1 ORDER BY h.at")
        .bind(ident).fetch_all(p).await)
    .unwrap()
}

async fn organisation(app: &TestApp, rsin: &str) -> Uuid {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM organisations WHERE rsin = $1")
        .bind(rsin).fetch_one(p).await)
    .unwrap()
    .0
}

on_both!(a_status_moves_the_case_as_the_screen_does, |app| {
    put(&app, &example(), &[]).await;
    // The same family's case under another number, for the screen to move.
    second_case(&app).await;

    // Iris of each family, and what "waar sta ik" shows her before the step.
    let one = family_login(&app, CASE, "p-20417", "iris").await;
    let two = family_login(&app, "RVDK-2026-0118", "p-20417", "iris2").await;
    let before_step = app.get("/waar-sta-ik", &one).await;
    assert_eq!(before_step.status, StatusCode::OK);
    let mut file = status_file();
    let due = today() + chrono::Duration::days(40);
    file["einddatum"] = json!(due.to_string());
    file["einddatum_toelichting"] = json!("De zitting is al gepland.");
    let r = put_status(&app, CASE, "st-1", &file).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.location(),
        Some("/api/v1/zaken/RVDK-2026-0117/statussen/st-1")
    );
    let shown: Value = serde_json::from_str(&r.body).unwrap();
    for field in [
        "vanaf",
        "statustype",
        "statustoelichting",
        "gezet_door",
        "einddatum",
        "einddatum_toelichting",
    ] {
        assert_eq!(shown[field], file[field], "{field}");
    }
    assert_eq!(shown["datum_status_gezet"], today().to_string());
    // A court leads the hearing: no organisation in Helder.
    assert_eq!(shown["leider"], Value::Null);
    // Read back: the same status and version; the case is in the new phase.
    let g = call(
        &app,
        "GET",
        "/api/v1/zaken/RVDK-2026-0117/statussen/st-1",
        Some(DEMO_API_TOKEN),
        None,
        &[],
    )
    .await;
    conforms(&doc(&app).await, STATUS, "get", 200, &g.body);
    assert_eq!(etag(&g), etag(&r));
    let zaak = call(
        &app,
        "GET",
        "/api/v1/zaken/RVDK-2026-0117",
        Some(DEMO_API_TOKEN),
        None,
        &[],
    )
    .await;
    assert!(zaak.body.contains("\"status\":\"RECHTER_ZITTING\""));
    // The same request again, and what a GET showed sent back: nothing changes.
    let changes =
        "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'phase' AND action <> 'read'";
    let audited = count(&app, changes).await;
    let before = phases(&app, CASE).await;
    for body in [file.clone(), {
        let mut back: Value = serde_json::from_str(&g.body).unwrap();
        let o = back.as_object_mut().unwrap();
        o.remove("url");
        o.remove("leider");
        o.insert("bronorganisatie".into(), json!("800000018"));
        back
    }] {
        let again = put_status(&app, CASE, "st-1", &body).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(etag(&again), etag(&r));
    }
    assert_eq!(phases(&app, CASE).await, before);
    assert_eq!(count(&app, changes).await, audited);
    assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'start_phase' AND api_client_id IS NOT NULL AND actor_account_id IS NULL").await,
            1
        );

    // The same step typed on the screen by the same professional, in the other case.
    let jeroen = app.login("jeroen").await;
    let case = ids::case(app.db(), "RVDK-2026-0118").await.to_string();
    let due = due.to_string();
    let reply = app
        .reply(
            "/api/start_phase",
            &jeroen,
            &[
                ("case", case.as_str()),
                ("from", "RVDK_ONDERZOEK"),
                ("to", "RECHTER_ZITTING"),
                ("date", &today().to_string()),
                ("decision", file["statustoelichting"].as_str().unwrap()),
                ("due", &due),
                ("due_reason", "De zitting is al gepland."),
            ],
        )
        .await;
    assert_eq!(reply["ok"], true, "{reply}");
    let (a, b) = (
        phases(&app, CASE).await,
        phases(&app, "RVDK-2026-0118").await,
    );
    assert_eq!(a, b, "the same rows, by the API and by the screen");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].3.as_deref(), Some("RECHTER_ZITTING"));
    // Iris of each family reads the same praatplaat, moved on by the step.
    let (pa, pb) = (
        app.get("/waar-sta-ik", &one).await,
        app.get("/waar-sta-ik", &two).await,
    );
    assert_eq!((pa.status, pb.status), (StatusCode::OK, StatusCode::OK));
    assert_ne!(main_of_case(&before_step.body), main_of_case(&pa.body));
    assert_eq!(main_of_case(&pa.body), main_of_case(&pb.body));
});

on_both!(wrong_statuses_change_nothing_and_name_their_field, |app| {
    put(&app, &example(), &[]).await;
    let before = phases(&app, CASE).await;
    let tomorrow = (today() + chrono::Duration::days(1)).to_string();
    let yesterday = (today() - chrono::Duration::days(1)).to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("vanaf", json!("VT_MELDING"), "/vanaf"),
        ("statustype", json!("GI_OTS"), "/statustype"),
        ("statustype", json!("NO_SUCH_PHASE"), "/statustype"),
        ("datum_status_gezet", json!(tomorrow), "/datum_status_gezet"),
        // The case was opened today: a decision before its phase began.
        (
            "datum_status_gezet",
            json!(yesterday),
            "/datum_status_gezet",
        ),
        (
            "datum_status_gezet",
            json!("4-12-2026"),
            "/datum_status_gezet",
        ),
        ("statustoelichting", json!("  "), "/statustoelichting"),
        ("gezet_door", json!("anouk"), "/gezet_door"),
        ("gezet_door", json!("no-such-user"), "/gezet_door"),
        ("einddatum", json!(yesterday), "/einddatum"),
        ("einddatum", json!(tomorrow), "/einddatum_toelichting"),
        // A court leads the hearing: no organisation takes it over.
        ("leider", json!(SAVE_RSIN), "/leider"),
        // Watching belongs to a handover.
        ("volgen_tot", json!(tomorrow), "/volgen_tot"),
    ];
    for (field, value, pointer) in cases {
        let mut file = status_file();
        file[field] = value.clone();
        let r = put_status(&app, CASE, "st-x", &file).await;
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
        assert_eq!(phases(&app, CASE).await, before, "{field} = {value}");
    }
    // An unknown field is refused before anything is looked at.
    let mut file = status_file();
    file["fase"] = json!("RECHTER_ZITTING");
    let r = put_status(&app, CASE, "st-x", &file).await;
    assert!(r.status.is_client_error(), "{}", r.body);
    assert_eq!(phases(&app, CASE).await, before);

    // Recorded once: another request for it is refused, the same one is not.
    let file = status_file();
    assert_eq!(
        put_status(&app, CASE, "st-1", &file).await.status,
        StatusCode::CREATED
    );
    let recorded = phases(&app, CASE).await;
    for (field, value) in [
        ("statustoelichting", json!("Iets anders.")),
        ("statustype", json!("LT_HULP")),
        ("gezet_door", json!("karin")),
    ] {
        let mut changed = file.clone();
        changed[field] = value;
        let r = put_status(&app, CASE, "st-1", &changed).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(
            pointers(&r),
            vec![("".to_string(), "api_recorded".to_string())]
        );
    }
    // A new status from the phase the case left: it moved on.
    let mut late = file.clone();
    late["statustype"] = json!("LT_HULP");
    let r = put_status(&app, CASE, "st-2", &late).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        pointers(&r),
        vec![("/vanaf".to_string(), "next_phase_moved_on".to_string())]
    );
    assert_eq!(phases(&app, CASE).await, recorded);
});

on_both!(a_handover_names_who_leads_and_who_keeps_watching, |app| {
    put(&app, &example(), &[]).await;
    // The Raad naming itself for a step a court leads: no other lead, and the same again is
    // the same status.
    let mut first = status_file();
    first["leider"] = json!("800000018");
    let r = put_status(&app, CASE, "st-1", &first).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let again = put_status(&app, CASE, "st-1", &first).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(etag(&again), etag(&r));
    // After the hearing a GI leads the supervision order: which one must be named.
    let watch = (today() + chrono::Duration::days(30)).to_string();
    let mut next = json!({
        "bronorganisatie": "800000018",
        "vanaf": "RECHTER_ZITTING",
        "statustype": "GI_OTS",
        "statustoelichting": "De kinderrechter heeft een ondertoezichtstelling uitgesproken.",
        "gezet_door": "jeroen",
        "volgen_tot": watch,
    });
    let r = put_status(&app, CASE, "st-2", &next).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        pointers(&r),
        vec![(
            "/leider".to_string(),
            "next_phase_lead_required".to_string()
        )]
    );
    // An RSIN that is no GI (the Raad itself) is not among them either.
    next["leider"] = json!("800000018");
    let r = put_status(&app, CASE, "st-2", &next).await;
    assert_eq!(
        pointers(&r),
        vec![(
            "/leider".to_string(),
            "next_phase_lead_required".to_string()
        )]
    );
    assert!(handovers(&app, CASE).await.is_empty());
    next["leider"] = json!(SAVE_RSIN);
    let r = put_status(&app, CASE, "st-2", &next).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let shown: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(shown["leider"], SAVE_RSIN);
    assert_eq!(shown["volgen_tot"], watch);
    // The phase's rule gives the last day: a year for a supervision order.
    assert_eq!(shown["einddatum_toelichting"], Value::Null);
    assert!(shown["einddatum"].is_string());
    let (raad, save) = (
        organisation(&app, "800000018").await,
        organisation(&app, SAVE_RSIN).await,
    );
    assert_eq!(
        handovers(&app, CASE).await,
        vec![(
            raad,
            save,
            Some(chrono::NaiveDate::parse_from_str(&watch, "%Y-%m-%d").unwrap())
        )]
    );
    let rows = phases(&app, CASE).await;
    assert_eq!(rows.last().unwrap().6, Some(save));
    // The same again, and what a GET showed (the rule's last day, no reason) sent back:
    // one handover.
    let again = put_status(&app, CASE, "st-2", &next).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let mut back = shown.clone();
    let o = back.as_object_mut().unwrap();
    o.remove("url");
    o.insert("bronorganisatie".into(), json!("800000018"));
    let again = put_status(&app, CASE, "st-2", &back).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(etag(&again), etag(&r));
    assert_eq!(handovers(&app, CASE).await.len(), 1);
});

on_both!(many_writers_of_one_step_at_once_make_one_step, |app| {
    put(&app, &example(), &[]).await;
    // Eight writers of the same status: one records it, seven get it back.
    let file = status_file();
    let replies = at_once(
        (0..8)
            .map(|_| {
                let (app, body) = (app.clone(), file.to_string());
                async move {
                    call(
                        &app,
                        "PUT",
                        "/api/v1/zaken/RVDK-2026-0117/statussen/st-1",
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
    assert_eq!(tags.len(), 1, "every writer got the same status");
    assert_eq!(phases(&app, CASE).await.len(), 2);

    // Two different steps from the same phase at once: one is taken, the other finds the
    // case moved on; the case has one current phase.
    second_case(&app).await;
    let mut help = status_file();
    help["statustype"] = json!("LT_HULP");
    // The local team takes help over from the Raad.
    help["leider"] = json!("800000043");
    let replies = at_once(
        [("st-a", status_file()), ("st-b", help)]
            .into_iter()
            .map(|(id, body)| {
                let app = app.clone();
                async move {
                    call(
                        &app,
                        "PUT",
                        &format!("/api/v1/zaken/RVDK-2026-0118/statussen/{id}"),
                        Some(DEMO_API_TOKEN),
                        Some(body.to_string()),
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
        vec![("/vanaf".to_string(), "next_phase_moved_on".to_string())]
    );
    let rows = phases(&app, "RVDK-2026-0118").await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows.iter().filter(|r| !r.1).count(), 1, "one current phase");
});
