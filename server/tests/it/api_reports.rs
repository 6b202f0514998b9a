//! Reports through the import API (issue 16): a report with its statements and informants
//! round-trips, goes out for the family's reaction, and the family reads it exactly as the
//! same report typed on the screen; a concept follows the request (changed, added, taken out
//! statements) only with the current version; wrong, backward and cross-organisation
//! requests change nothing; many writers of one report at once make one report. Every answer
//! is checked against the OpenAPI document the server serves.
use crate::{
    api::{call, client, count, doc, etag, example, family_login, pointers, put},
    common,
};

use app::backend::{
    actor::ApiScope,
    demo::{DEMO_API_TOKEN, DEMO_RAAD_RSIN},
};
use axum::http::StatusCode;
use common::{at_once, ids, openapi::conforms, Reply, TestApp};
use serde_json::{json, Value};
use uuid::Uuid;

const RAPPORT: &str = "/api/v1/zaken/{identificatie}/rapporten/{id}";
const CASE: &str = "RVDK-2026-0117";

/// The example report, sent for reaction until ten working days from today.
pub(crate) fn report_file() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/rapport.json"
    ))
    .expect("examples/rapport.json");
    let mut file: Value = serde_json::from_str(&text).unwrap();
    file["reactie_tot"] = json!(until().to_string());
    file
}

fn until() -> chrono::NaiveDate {
    app::domain::deadline::working_days_after(app::backend::time::today(), 10)
}

async fn put_report(
    app: &TestApp,
    id: &str,
    body: &Value,
    token: &str,
    headers: &[(&str, &str)],
) -> Reply {
    let r = call(
        app,
        "PUT",
        &format!("/api/v1/zaken/{CASE}/rapporten/{id}"),
        Some(token),
        Some(body.to_string()),
        headers,
    )
    .await;
    conforms(&doc(app).await, RAPPORT, "put", r.status.as_u16(), &r.body);
    r
}

async fn get_report(app: &TestApp, id: &str, token: &str) -> Reply {
    let r = call(
        app,
        "GET",
        &format!("/api/v1/zaken/{CASE}/rapporten/{id}"),
        Some(token),
        None,
        &[],
    )
    .await;
    conforms(&doc(app).await, RAPPORT, "get", r.status.as_u16(), &r.body);
    r
}

/// Opens the example case through the API.
async fn open_case(app: &TestApp) {
    let r = put(app, &example(), &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

/// A family member of the API's case, by the organisation's id.
async fn member(app: &TestApp, external: &str) -> Uuid {
    app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
        "SELECT internal_id FROM api_external_ids WHERE kind = 'person' AND external_id = $1")
        .bind(external).fetch_one(p).await)
    .unwrap()
    .0
}

/// What is stored for the case's reports, statements and informants.
async fn stored(app: &TestApp) -> (i64, i64, i64) {
    let case = ids::case(app.db(), CASE).await;
    (
        ids::count(
            app.db(),
            "SELECT COUNT(*) FROM reports WHERE case_id = $1",
            case,
        )
        .await,
        ids::count(
            app.db(),
            "SELECT COUNT(*) FROM statements s JOIN reports r ON r.id = s.report_id WHERE r.case_id = $1",
            case,
        )
        .await,
        ids::count(
            app.db(),
            "SELECT COUNT(*) FROM informants WHERE case_id = $1",
            case,
        )
        .await,
    )
}

/// Jeroen starts a Raad's report with this title on the screen: its id.
async fn start_on_screen(app: &TestApp, jeroen: &str, case: &str, title: &str) -> String {
    let reply = app
        .reply(
            "/api/start_report",
            jeroen,
            &[("case", case), ("kind", "raadsrapport"), ("title", title)],
        )
        .await;
    reply["redirect"]
        .as_str()
        .unwrap()
        .trim_start_matches(&format!("/zaken/{case}/rapporten/"))
        .trim_end_matches("/schrijven")
        .to_string()
}

/// Sends the report typed on the screen to the family, answering by [`until`].
async fn publish_on_screen(app: &TestApp, jeroen: &str, case: &str, report: &str) {
    let until = until().to_string();
    let r = app
        .reply(
            "/api/publish_report",
            jeroen,
            &[("case", case), ("report", report), ("until", &until)],
        )
        .await;
    assert_eq!(r["ok"], true, "{r}");
}

/// A page with what differs per report and per request taken out: ids and nonces.
fn normalised(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &html[i..];
        if rest.len() >= 36 && Uuid::parse_str(&rest[..36]).is_ok() {
            out.push_str("<id>");
            i += 36;
            continue;
        }
        if let Some(tail) = rest.strip_prefix("nonce=\"") {
            let end = tail.find('"').unwrap_or(0);
            out.push_str("nonce=\"\"");
            i += 7 + end + 1;
            continue;
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The report's main content on the family's page.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("a main element");
    normalised(&html[start..end])
}

on_both!(
    a_report_round_trips_and_the_family_reads_it_as_if_typed,
    |app| {
        open_case(&app).await;
        let file = report_file();
        let r = put_report(&app, "rr-1", &file, DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(
            r.location(),
            Some("/api/v1/zaken/RVDK-2026-0117/rapporten/rr-1")
        );
        let shown: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(shown["status"], "ter_reactie");
        assert_eq!(shown["reactie_tot"], until().to_string());
        assert_eq!(
            shown["gepubliceerd_op"],
            app::backend::time::today().to_string()
        );
        // What went in comes back, field by field.
        for field in ["soort", "titel", "auteur"] {
            assert_eq!(shown[field], file[field], "{field}");
        }
        for (k, v) in file["informanten"][0].as_object().unwrap() {
            assert_eq!(&shown["informanten"][0][k], v, "informant {k}");
        }
        let sent = file["uitspraken"].as_array().unwrap();
        let back = shown["uitspraken"].as_array().unwrap();
        assert_eq!(back.len(), 5);
        for (s, b) in sent.iter().zip(back) {
            for (k, v) in s.as_object().unwrap() {
                assert_eq!(&b[k], v, "{} {k}", s["id"]);
            }
        }
        // A parent's view is about its speaker when the request does not say.
        assert_eq!(back[2]["betreft"], "p-20417");
        // Read back: the same report and version.
        let g = get_report(&app, "rr-1", DEMO_API_TOKEN).await;
        assert_eq!(g.status, StatusCode::OK);
        assert_eq!(etag(&g), etag(&r));
        assert_eq!(serde_json::from_str::<Value>(&g.body).unwrap(), shown);
        // The same request again changes nothing and answers the same.
        let audited = count(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'report' AND action <> 'read'",
        )
        .await;
        let before = stored(&app).await;
        let again = put_report(&app, "rr-1", &file, DEMO_API_TOKEN, &[]).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(etag(&again), etag(&r));
        assert_eq!(stored(&app).await, before);
        assert_eq!(before, (1, 5, 1));
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE object_kind = 'report' AND action <> 'read'").await,
            audited
        );
        // One audit row for the change, as the client acting for the Raad.
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'publish_report' AND api_client_id IS NOT NULL AND actor_account_id IS NULL").await,
            1
        );

        // The same report typed on the screen by its author, in the same case.
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let case = ids::case(db, CASE).await.to_string();
        let typed = start_on_screen(&app, &jeroen, &case, file["titel"].as_str().unwrap()).await;
        let person = |n: &'static str| async move { ids::person(db, n).await.to_string() };
        let (jeroen_p, iris, yara) = (
            person("Jeroen").await,
            member(&app, "p-20417").await.to_string(),
            member(&app, "p-20419").await.to_string(),
        );
        let informant: (Uuid,) = app::on_db!(db, p => sqlx::query_as(
            "SELECT id FROM informants WHERE name_or_role = 'Mentor van Yara'").fetch_one(p).await)
        .unwrap();
        let text = |i: usize| sent[i]["tekst"].as_str().unwrap().to_string();
        let mut saved = Vec::new();
        let forms: Vec<Vec<(String, String)>> = vec![
            vec![
                ("kind".into(), "feit_waarneming".into()),
                ("text".into(), text(0)),
                ("date".into(), "2026-11-12".into()),
                ("observer".into(), jeroen_p.clone()),
            ],
            vec![
                ("kind".into(), "bron_informatie".into()),
                ("text".into(), text(1)),
                ("informant".into(), informant.0.to_string()),
                ("concerns".into(), yara.clone()),
                ("accorded".into(), "yes".into()),
            ],
            vec![
                ("kind".into(), "visie_ouder".into()),
                ("text".into(), text(2)),
                ("voice".into(), iris.clone()),
            ],
            vec![
                ("kind".into(), "visie_kind".into()),
                ("text".into(), text(3)),
                ("voice".into(), yara.clone()),
            ],
        ];
        for f in forms {
            let mut form: Vec<(String, String)> = vec![
                ("case".into(), case.clone()),
                ("report".into(), typed.clone()),
            ];
            form.extend(f.into_iter().map(|(k, v)| (format!("s[{k}]"), v)));
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let r = app.reply("/api/save_statement", &jeroen, &form).await;
            assert_eq!(r["ok"], true, "{r}");
            saved.push(
                r["redirect"]
                    .as_str()
                    .unwrap()
                    .rsplit("#u-")
                    .next()
                    .unwrap()
                    .to_string(),
            );
        }
        let mut form = vec![
            ("case", case.as_str()),
            ("report", typed.as_str()),
            ("s[kind]", "oordeel_professional"),
            ("s[concerns]", yara.as_str()),
            ("s[factor]", "risico"),
        ];
        let t4 = text(4);
        form.push(("s[text]", &t4));
        let keys: Vec<String> = (0..saved.len())
            .map(|i| format!("s[grounds][{i}]"))
            .collect();
        for (k, g) in keys.iter().zip(&saved) {
            form.push((k, g));
        }
        assert_eq!(
            app.reply("/api/save_statement", &jeroen, &form).await["ok"],
            true
        );
        publish_on_screen(&app, &jeroen, &case, &typed).await;

        // Iris reads both: the same page, but for their ids.
        let iris_cookie = family_login(&app, CASE, "p-20417", "iris").await;
        let through_api = app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT internal_id FROM api_external_ids WHERE kind = 'report' AND external_id = 'rr-1'")
            .fetch_one(p).await)
        .unwrap()
        .0;
        let a = app
            .get(&format!("/rapporten/{through_api}"), &iris_cookie)
            .await;
        let b = app.get(&format!("/rapporten/{typed}"), &iris_cookie).await;
        assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
        for i in 0..5 {
            let t = text(i);
            let escaped = t.replace('\'', "&#x27;");
            assert!(
                a.body.contains(&t) || a.body.contains(&escaped),
                "statement {i} on the family's page"
            );
        }
        assert_eq!(main_of(&a.body), main_of(&b.body));
        // Each read is in the family's log as the system's or the professional's.
        assert!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND object_kind = 'report' AND api_client_id IS NOT NULL").await >= 1
        );
    }
);

on_both!(
    a_concept_follows_the_request_only_with_its_current_version,
    |app| {
        open_case(&app).await;
        let mut file = report_file();
        file["status"] = json!("concept");
        file["uitspraken"] = json!([file["uitspraken"][0], file["uitspraken"][2]]);
        let r = put_report(&app, "rr-2", &file, DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // A concept is not the family's to read.
        let iris = family_login(&app, CASE, "p-20417", "iris").await;
        let list = app.reply("/api/reports", &iris, &[]).await.to_string();
        assert!(!list.contains("Raadsrapport onderzoek"), "{list}");
        // Change the first, take out the second, add a third.
        let mut next = file.clone();
        next["uitspraken"] = json!([
            {"id": "u-1", "tekst": "Op 12 november sprak ik Iris en Karim, samen, bij Iris thuis.", "soort": "feit_waarneming", "datum": "2026-11-12", "waarnemer": "jeroen"},
            {"id": "u-9", "tekst": "Karim zegt dat hij Yara en Milan elk weekend wil zien.", "soort": "visie_ouder", "stem": "p-20418"}
        ]);
        let before = stored(&app).await;
        let conflict = put_report(&app, "rr-2", &next, DEMO_API_TOKEN, &[]).await;
        assert_eq!(conflict.status, StatusCode::CONFLICT, "{}", conflict.body);
        let current: Value = serde_json::from_str(&conflict.body).unwrap();
        assert_eq!(
            current["current"],
            serde_json::from_str::<Value>(&r.body).unwrap()
        );
        assert_eq!(stored(&app).await, before, "a conflict changes nothing");
        let tag = etag(&r);
        let ok = put_report(&app, "rr-2", &next, DEMO_API_TOKEN, &[("if-match", &tag)]).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let shown: Value = serde_json::from_str(&ok.body).unwrap();
        let ids: Vec<&str> = shown["uitspraken"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["u-1", "u-9"]);
        assert_eq!(
            shown["uitspraken"][0]["tekst"],
            next["uitspraken"][0]["tekst"]
        );
        assert_eq!(stored(&app).await.1, 2);
        // The old version no longer changes it.
        let mut third = next.clone();
        third["uitspraken"][1]["tekst"] = json!("Karim zegt iets anders.");
        let stale = put_report(&app, "rr-2", &third, DEMO_API_TOKEN, &[("if-match", &tag)]).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        // A new statement cannot go before one already there.
        let mut order = next.clone();
        order["uitspraken"] = json!([next["uitspraken"][1], {"id": "u-10", "tekst": "Nieuw.", "soort": "visie_ouder", "stem": "p-20417"}, next["uitspraken"][0]]);
        let r = put_report(
            &app,
            "rr-2",
            &order,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&ok))],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(pointers(&r).contains(&("/uitspraken/2".into(), "api_order_fixed".into())));
        assert_eq!(stored(&app).await.1, 2);
    }
);

on_both!(wrong_and_backward_reports_change_nothing, |app| {
    open_case(&app).await;
    let before = stored(&app).await;
    let expect = |r: &Reply, pointer: &str, code: &str| {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(
            pointers(r).contains(&(pointer.to_string(), code.to_string())),
            "{pointer} {code}: {}",
            r.body
        );
    };
    // Unknown fields are refused.
    let mut file = report_file();
    file["uitspraken"][0]["bron"] = json!("x");
    let r = put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await;
    expect(&r, "/uitspraken/0/bron", "api_unknown_field");
    // A view by someone not in the family; a ground that comes later; an observer who never
    // worked on the case; an informant not sent.
    let mut file = report_file();
    file["uitspraken"][2]["stem"] = json!("p-99999");
    file["uitspraken"][0]["gronden"] = json!(["u-2"]);
    file["uitspraken"][0]["soort"] = json!("oordeel_professional");
    file["uitspraken"][3]["soort"] = json!("feit_waarneming");
    file["uitspraken"][3]["datum"] = json!("2026-11-12");
    file["uitspraken"][3]["waarnemer"] = json!("anouk");
    file["uitspraken"][1]["informant"] = json!("i-elders");
    let r = put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await;
    expect(&r, "/uitspraken/2/stem", "api_unknown_member");
    expect(&r, "/uitspraken/0/gronden", "api_ground_unknown");
    expect(&r, "/uitspraken/3/waarnemer", "api_unknown_observer");
    expect(&r, "/uitspraken/1/informant", "api_unknown_informant");
    // A child's view by a parent, a date in the future.
    let mut file = report_file();
    file["uitspraken"][3]["stem"] = json!("p-20417");
    file["uitspraken"][0]["datum"] = json!("2099-01-01");
    let r = put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await;
    expect(&r, "/uitspraken/3/stem", "write_voice_wrong");
    assert!(pointers(&r).iter().any(|(p, _)| p == "/uitspraken/0/datum"));
    // Too soon a reaction period; none at all.
    let mut file = report_file();
    file["reactie_tot"] = json!(app::backend::time::today().to_string());
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/reactie_tot",
        "write_until_too_soon",
    );
    file.as_object_mut().unwrap().remove("reactie_tot");
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/reactie_tot",
        "field_required",
    );
    // A fact without its date does not go out (it may wait in a concept).
    let mut file = report_file();
    file["uitspraken"][0]
        .as_object_mut()
        .unwrap()
        .remove("datum");
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/uitspraken/0",
        "write_missing_date",
    );
    // A Raad's report goes to the family before it is final.
    let mut file = report_file();
    file["status"] = json!("definitief");
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/status",
        "api_reaction_first",
    );
    // Too many statements; an id twice.
    let mut file = report_file();
    let many: Vec<Value> = (0..201)
        .map(|i| json!({"id": format!("x{i}"), "tekst": "t", "soort": "visie_ouder", "stem": "p-20417"}))
        .collect();
    file["uitspraken"] = json!(many);
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/uitspraken",
        "api_statement_count",
    );
    let mut file = report_file();
    file["uitspraken"][1]["id"] = json!("u-1");
    expect(
        &put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await,
        "/uitspraken/1/id",
        "api_id_twice",
    );
    assert_eq!(stored(&app).await, before, "nothing half-written");

    // Published: it never goes back, its statements stay as the family read them, and it is
    // not final while the family's period runs.
    let file = report_file();
    let r = put_report(&app, "rr-3", &file, DEMO_API_TOKEN, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let tag = etag(&r);
    let after = stored(&app).await;
    let mut back = file.clone();
    back["status"] = json!("concept");
    expect(
        &put_report(&app, "rr-3", &back, DEMO_API_TOKEN, &[("if-match", &tag)]).await,
        "/status",
        "api_status_back",
    );
    let mut edit = file.clone();
    edit["uitspraken"][4]["tekst"] = json!("Iets anders.");
    expect(
        &put_report(&app, "rr-3", &edit, DEMO_API_TOKEN, &[("if-match", &tag)]).await,
        "/uitspraken/4",
        "write_not_concept",
    );
    let mut fin = file.clone();
    fin["status"] = json!("definitief");
    expect(
        &put_report(&app, "rr-3", &fin, DEMO_API_TOKEN, &[("if-match", &tag)]).await,
        "/status",
        "write_still_open",
    );
    let mut informant = file.clone();
    informant["informanten"][0]["wie"] = json!("Iemand anders");
    expect(
        &put_report(
            &app,
            "rr-3",
            &informant,
            DEMO_API_TOKEN,
            &[("if-match", &tag)],
        )
        .await,
        "/informanten/0",
        "api_informant_fixed",
    );
    assert_eq!(stored(&app).await, after);
    let g = get_report(&app, "rr-3", DEMO_API_TOKEN).await;
    assert_eq!(etag(&g), tag);
});

on_both!(another_organisation_reaches_no_report, |app| {
    open_case(&app).await;
    let r = put_report(&app, "rr-4", &report_file(), DEMO_API_TOKEN, &[]).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let before = stored(&app).await;
    // Veilig Thuis's client, with its own RSIN or with the Raad's.
    let vt_rsin: (String,) = app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT rsin FROM organisations WHERE rsin IS NOT NULL AND rsin <> $1 ORDER BY name LIMIT 1")
        .bind(DEMO_RAAD_RSIN).fetch_one(p).await)
    .unwrap();
    let vt = client(&app, &vt_rsin.0, &[ApiScope::Read, ApiScope::Write], 30).await;
    for rsin in [vt_rsin.0.as_str(), DEMO_RAAD_RSIN] {
        let mut file = report_file();
        file["bronorganisatie"] = json!(rsin);
        file["titel"] = json!("Overgenomen");
        let r = put_report(&app, "rr-4", &file, &vt, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        let r = put_report(&app, "rr-5", &file, &vt, &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    assert_eq!(
        get_report(&app, "rr-4", &vt).await.status,
        StatusCode::NOT_FOUND
    );
    // A reader-only client of the Raad reads, never writes.
    let reader = client(&app, DEMO_RAAD_RSIN, &[ApiScope::Read], 30).await;
    assert_eq!(
        get_report(&app, "rr-4", &reader).await.status,
        StatusCode::OK
    );
    assert_eq!(
        put_report(&app, "rr-6", &report_file(), &reader, &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stored(&app).await, before);
});

on_both!(many_writers_of_one_report_at_once_make_one_report, |app| {
    open_case(&app).await;
    let file = report_file();
    let replies = at_once(
        (0..8)
            .map(|_| {
                let (app, file) = (app.clone(), file.clone());
                async move { put_report(&app, "rr-7", &file, DEMO_API_TOKEN, &[]).await }
            })
            .collect(),
    )
    .await;
    let created = replies
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "one opens it");
    assert!(
        replies
            .iter()
            .all(|r| matches!(r.status, StatusCode::CREATED | StatusCode::OK)),
        "{:?}",
        replies
            .iter()
            .map(|r| (r.status, r.body.chars().take(300).collect::<String>()))
            .collect::<Vec<_>>()
    );
    let tags: std::collections::HashSet<String> = replies.iter().map(etag).collect();
    assert_eq!(tags.len(), 1, "all see the same version");
    assert_eq!(stored(&app).await, (1, 5, 1));
});

/// A statement sent through the API, by its report's and its own id.
async fn statement(app: &TestApp, report: &str, id: &str) -> String {
    let external = format!("{report}/{id}");
    app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
        "SELECT internal_id FROM api_external_ids WHERE kind = 'statement' AND external_id = $1")
        .bind(&external).fetch_one(p).await)
    .unwrap()
    .0
    .to_string()
}

pub(crate) async fn get_reactions(app: &TestApp, token: &str) -> Reply {
    let r = call(
        app,
        "GET",
        &format!("/api/v1/zaken/{CASE}/reacties"),
        Some(token),
        None,
        &[],
    )
    .await;
    conforms(
        &doc(app).await,
        "/api/v1/zaken/{identificatie}/reacties",
        "get",
        r.status.as_u16(),
        &r.body,
    );
    r
}

on_both!(
    what_the_family_did_reads_back_and_the_report_becomes_final,
    |app| {
        open_case(&app).await;
        let r = put_report(&app, "rr-1", &report_file(), DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let empty = get_reactions(&app, DEMO_API_TOKEN).await;
        assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
        let v: Value = serde_json::from_str(&empty.body).unwrap();
        assert_eq!(v["correcties"], json!([]));
        assert_eq!(v["feedback"]["antwoorden"], 0);
        // Iris responds on her own page, as any parent does.
        let iris = family_login(&app, CASE, "p-20417", "iris").await;
        let (u1, u2, u5) = (
            statement(&app, "rr-1", "u-1").await,
            statement(&app, "rr-1", "u-2").await,
            statement(&app, "rr-1", "u-5").await,
        );
        let ok = |v: Value| assert_eq!(v["ok"], true, "{v}");
        ok(app
            .reply("/api/agree_statement", &iris, &[("statement", &u1)])
            .await);
        ok(app
            .reply(
                "/api/request_correction",
                &iris,
                &[
                    ("statement", &u2),
                    ("key", "c1"),
                    ("kind", "feitelijke_onjuistheid"),
                    (
                        "reason",
                        "Yara komt alleen op maandag te laat, door de bus.",
                    ),
                    ("proposed", ""),
                ],
            )
            .await);
        ok(app
            .reply(
                "/api/add_own_view",
                &iris,
                &[
                    ("statement", &u5),
                    ("key", "v1"),
                    ("text", "Wij maken al vaste afspraken, sinds november."),
                ],
            )
            .await);
        let report = app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT internal_id FROM api_external_ids WHERE kind = 'report' AND external_id = 'rr-1'")
            .fetch_one(p).await)
        .unwrap()
        .0
        .to_string();
        ok(app
            .reply("/api/close_reaction", &iris, &[("report", &report)])
            .await);

        let r = get_reactions(&app, DEMO_API_TOKEN).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        let c = &v["correcties"][0];
        assert_eq!(
            (
                c["rapport"].as_str(),
                c["uitspraak"].as_str(),
                c["gezinslid"].as_str()
            ),
            (Some("rr-1"), Some("u-2"), Some("p-20417"))
        );
        assert_eq!(c["soort"], "feitelijke_onjuistheid");
        assert_eq!(c["status"], "ingediend");
        assert_eq!(
            c["reden"],
            "Yara komt alleen op maandag te laat, door de bus."
        );
        assert_eq!(v["eigen_visies"][0]["uitspraak"], "u-5");
        assert_eq!(v["eigen_visies"][0]["in_definitief"], false);
        assert_eq!(v["akkoord"][0]["uitspraak"], "u-1");
        assert_eq!(v["klaar"][0]["gezinslid"], "p-20417");
        // Not for another organisation's system.
        let vt_rsin: (String,) = app::on_db!(app.db(), p => sqlx::query_as(
            "SELECT rsin FROM organisations WHERE rsin IS NOT NULL AND rsin <> $1 ORDER BY name LIMIT 1")
            .bind(DEMO_RAAD_RSIN).fetch_one(p).await)
        .unwrap();
        let vt = client(&app, &vt_rsin.0, &[ApiScope::Read], 30).await;
        assert_eq!(get_reactions(&app, &vt).await.status, StatusCode::NOT_FOUND);

        // Karim may read it too and has not said he is done: not final while the period runs.
        let mut fin = report_file();
        fin["status"] = json!("definitief");
        let tag = etag(&get_report(&app, "rr-1", DEMO_API_TOKEN).await);
        let r = put_report(&app, "rr-1", &fin, DEMO_API_TOKEN, &[("if-match", &tag)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(pointers(&r).contains(&("/status".into(), "write_still_open".into())));
        // The period ran out: now it may, and the own view goes with the final version.
        let yesterday = app::backend::time::today() - chrono::Duration::days(1);
        app::on_db!(app.db(), p => sqlx::query("UPDATE reports SET reaction_window_until = $1 WHERE id = $2")
            .bind(yesterday).bind(Uuid::parse_str(&report).unwrap()).execute(p).await.map(|_| ()))
        .unwrap();
        let tag = etag(&get_report(&app, "rr-1", DEMO_API_TOKEN).await);
        let r = put_report(&app, "rr-1", &fin, DEMO_API_TOKEN, &[("if-match", &tag)]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let shown: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(shown["status"], "definitief");
        assert_eq!(
            shown["definitief_op"],
            app::backend::time::today().to_string()
        );
        let v: Value =
            serde_json::from_str(&get_reactions(&app, DEMO_API_TOKEN).await.body).unwrap();
        assert_eq!(v["eigen_visies"][0]["in_definitief"], true);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'finalise_report' AND api_client_id IS NOT NULL").await,
            1
        );
    }
);

/// A report as a GET shows it, as a body to PUT back (what only an answer holds left out).
fn as_request(shown: &Value) -> Value {
    let mut body = shown.clone();
    for key in ["url", "zaak", "id", "gepubliceerd_op", "definitief_op"] {
        body.as_object_mut().unwrap().remove(key);
    }
    body
}

on_both!(
    what_the_screen_added_round_trips_and_ids_stay_one_each,
    |app| {
        open_case(&app).await;
        let mut file = report_file();
        file["status"] = json!("concept");
        file["informanten"] = json!([]);
        file["uitspraken"] = json!([file["uitspraken"][0], file["uitspraken"][2]]);
        let r = put_report(&app, "rr-8", &file, DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // Jeroen records someone he asked, on the screen.
        let jeroen = app.login("jeroen").await;
        let case = ids::case(app.db(), CASE).await.to_string();
        let reply = app
            .reply(
                "/api/add_informant",
                &jeroen,
                &[
                    ("case", &case),
                    ("who", "Huisarts"),
                    ("relation", "arts van het gezin"),
                    ("date", "2026-11-20"),
                    ("topic", "Hoe het met Milan gaat"),
                    ("consent", "with"),
                ],
            )
            .await;
        assert_eq!(reply["ok"], true, "{reply}");
        let informant = app::on_db!(app.db(), p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT id FROM informants WHERE name_or_role = 'Huisarts'").fetch_one(p).await)
        .unwrap()
        .0
        .to_string();
        // The system cites it by Helder's id, names Iris by Helder's id too, and names one
        // ground twice.
        let iris = member(&app, "p-20417").await.to_string();
        let mut next = file.clone();
        next["uitspraken"] = json!([
            file["uitspraken"][0],
            file["uitspraken"][1],
            {"id": "u-6", "tekst": "De huisarts ziet Milan elke maand; hij groeit goed.", "soort": "bron_informatie", "informant": informant},
            {"id": "u-7", "tekst": "Iris zegt dat Milan graag naar de opvang gaat.", "soort": "visie_ouder", "stem": iris},
            {"id": "u-8", "tekst": "Het gaat goed met Milan.", "soort": "oordeel_professional", "gronden": ["u-6", "u-6", "u-7"]}
        ]);
        let r = put_report(
            &app,
            "rr-8",
            &next,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&r))],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let shown: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(shown["uitspraken"][3]["stem"], "p-20417");
        assert_eq!(shown["uitspraken"][4]["gronden"], json!(["u-6", "u-7"]));
        assert_eq!(shown["informanten"][0]["id"], informant.as_str());
        // What a GET shows, sent back, changes nothing: no second informant, no new version.
        let before = stored(&app).await;
        let again = put_report(&app, "rr-8", &as_request(&shown), DEMO_API_TOKEN, &[]).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(etag(&again), etag(&r));
        assert_eq!(stored(&app).await, before);
        // One statement named twice (its id and Helder's) is refused.
        let u1 = statement(&app, "rr-8", "u-1").await;
        let mut twice = as_request(&shown);
        let mut copy = twice["uitspraken"][0].clone();
        copy["id"] = json!(u1);
        twice["uitspraken"].as_array_mut().unwrap().insert(1, copy);
        let r2 = put_report(
            &app,
            "rr-8",
            &twice,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&r))],
        )
        .await;
        assert_eq!(r2.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r2.body);
        assert!(pointers(&r2).contains(&("/uitspraken/1/id".into(), "api_id_twice".into())));
        // Taken out, then sent again: the id names the new statement.
        let mut without = as_request(&shown);
        without["uitspraken"].as_array_mut().unwrap().remove(0);
        let r3 = put_report(
            &app,
            "rr-8",
            &without,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&r))],
        )
        .await;
        assert_eq!(r3.status, StatusCode::OK, "{}", r3.body);
        let mut back = without.clone();
        back["uitspraken"]
            .as_array_mut()
            .unwrap()
            .push(file["uitspraken"][0].clone());
        let r4 = put_report(
            &app,
            "rr-8",
            &back,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&r3))],
        )
        .await;
        assert_eq!(r4.status, StatusCode::OK, "{}", r4.body);
        let shown: Value = serde_json::from_str(&r4.body).unwrap();
        let order: Vec<&str> = shown["uitspraken"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap())
            .collect();
        assert_eq!(order, ["u-3", "u-6", "u-7", "u-8", "u-1"]);
    }
);

/// Who a statement is hidden from, with the reason and who shielded it, in the order made.
async fn shieldings(app: &TestApp, report: Uuid) -> Vec<(Uuid, String, Uuid)> {
    app::on_db!(app.db(), p => sqlx::query_as(
        "SELECT sh.hidden_from_person_id, sh.reason, sh.created_by FROM shieldings sh \
         JOIN statements s ON s.id = sh.item_id WHERE s.report_id = $1 ORDER BY s.seq, sh.created_at")
        .bind(report).fetch_all(p).await)
    .unwrap()
}

on_both!(
    a_statement_shielded_through_the_api_is_hidden_as_if_shielded_on_the_screen,
    |app| {
        open_case(&app).await;
        let db = app.db();
        let reason = "Iris vroeg dit niet met Karim te delen, voor haar veiligheid.";
        let mut file = report_file();
        file["status"] = json!("concept");
        file["informanten"] = json!([]);
        file["uitspraken"] = json!([file["uitspraken"][0], file["uitspraken"][2]]);
        file["uitspraken"][1]["afgeschermd_voor"] =
            json!([{"gezinslid": "p-20418", "reden": reason}]);
        let r = put_report(&app, "rr-s", &file, DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let shown: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(
            shown["uitspraken"][1]["afgeschermd_voor"],
            file["uitspraken"][1]["afgeschermd_voor"]
        );
        assert_eq!(shown["uitspraken"][0]["afgeschermd_voor"], json!([]));
        let report = app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT internal_id FROM api_external_ids WHERE kind = 'report' AND external_id = 'rr-s'")
            .fetch_one(p).await)
        .unwrap()
        .0;
        let karim = member(&app, "p-20418").await;
        let jeroen_account = ids::account(db, "jeroen").await;
        assert_eq!(
            shieldings(&app, report).await,
            [(karim, reason.to_string(), jeroen_account)]
        );
        // Out to the family: the shielding went with the statement, before anyone could read it.
        let mut out = file.clone();
        out["status"] = json!("ter_reactie");
        out["reactie_tot"] = json!(until().to_string());
        let published = put_report(
            &app,
            "rr-s",
            &out,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&r))],
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);

        // The same report typed on the screen, the same statement shielded there.
        let jeroen = app.login("jeroen").await;
        let case = ids::case(db, CASE).await.to_string();
        let typed = start_on_screen(&app, &jeroen, &case, file["titel"].as_str().unwrap()).await;
        let (jeroen_p, iris) = (
            ids::person(db, "Jeroen").await.to_string(),
            member(&app, "p-20417").await.to_string(),
        );
        let (karim_s, t0, t1) = (
            karim.to_string(),
            file["uitspraken"][0]["tekst"].as_str().unwrap().to_string(),
            file["uitspraken"][1]["tekst"].as_str().unwrap().to_string(),
        );
        for form in [
            vec![
                ("s[kind]", "feit_waarneming"),
                ("s[text]", t0.as_str()),
                ("s[date]", "2026-11-12"),
                ("s[observer]", jeroen_p.as_str()),
            ],
            vec![
                ("s[kind]", "visie_ouder"),
                ("s[text]", t1.as_str()),
                ("s[voice]", iris.as_str()),
                ("s[hide_from]", karim_s.as_str()),
                ("s[hide_reason]", reason),
            ],
        ] {
            let mut form = form;
            form.extend([("case", case.as_str()), ("report", typed.as_str())]);
            let r = app.reply("/api/save_statement", &jeroen, &form).await;
            assert_eq!(r["ok"], true, "{r}");
        }
        publish_on_screen(&app, &jeroen, &case, &typed).await;
        let typed: Uuid = typed.parse().unwrap();
        // The same rows (but for the statements' ids and times).
        assert_eq!(
            shieldings(&app, typed).await,
            shieldings(&app, report).await
        );

        // Karim reads neither shielded statement; Iris reads both; the pages are the same.
        let karim_cookie = family_login(&app, CASE, "p-20418", "karim").await;
        let iris_cookie = family_login(&app, CASE, "p-20417", "iris").await;
        let escaped = t1.replace('\'', "&#x27;");
        for id in [report, typed] {
            let k = app.get(&format!("/rapporten/{id}"), &karim_cookie).await;
            let i = app.get(&format!("/rapporten/{id}"), &iris_cookie).await;
            assert_eq!((k.status, i.status), (StatusCode::OK, StatusCode::OK));
            assert!(k.body.contains(&t0) && !k.body.contains(&t1) && !k.body.contains(&escaped));
            assert!(i.body.contains(&t1) || i.body.contains(&escaped));
        }
        let page = |id: Uuid, cookie: &str| {
            let (app, cookie) = (&app, cookie.to_string());
            async move { main_of(&app.get(&format!("/rapporten/{id}"), &cookie).await.body) }
        };
        assert_eq!(
            page(report, &karim_cookie).await,
            page(typed, &karim_cookie).await
        );
        assert_eq!(
            page(report, &iris_cookie).await,
            page(typed, &iris_cookie).await
        );

        // After publishing, as on the screen, another statement can still be shielded.
        let g = get_report(&app, "rr-s", DEMO_API_TOKEN).await;
        let mut more = as_request(&serde_json::from_str(&g.body).unwrap());
        let later = "Dit gaat over het nieuwe adres van Iris.";
        more["uitspraken"][0]["afgeschermd_voor"] =
            json!([{"gezinslid": "p-20418", "reden": later}]);
        let ok = put_report(
            &app,
            "rr-s",
            &more,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&g))],
        )
        .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_ne!(etag(&ok), etag(&g));
        let k = app
            .get(&format!("/rapporten/{report}"), &karim_cookie)
            .await;
        assert!(!k.body.contains(&t0), "shielded after publishing");
        // Both shieldings are in the trail: the first with the report it started, this one on
        // its own, on the statement (as the screen records one).
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE detail = 'shield' AND api_client_id IS NOT NULL").await,
            2
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'shield' AND object_kind = 'statement' AND api_client_id IS NOT NULL").await,
            1
        );
        assert_eq!(shieldings(&app, report).await.len(), 2);
        // The same again, and the request without any shielding, change nothing: a shielding
        // is never taken away by leaving it out.
        let audited = count(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action <> 'read'",
        )
        .await;
        let again = put_report(&app, "rr-s", &more, DEMO_API_TOKEN, &[]).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(etag(&again), etag(&ok));
        let mut bare = more.clone();
        for u in bare["uitspraken"].as_array_mut().unwrap() {
            u.as_object_mut().unwrap().remove("afgeschermd_voor");
        }
        let same = put_report(&app, "rr-s", &bare, DEMO_API_TOKEN, &[]).await;
        assert_eq!(same.status, StatusCode::OK, "{}", same.body);
        assert_eq!(etag(&same), etag(&ok));
        assert_eq!(shieldings(&app, report).await.len(), 2);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_events WHERE action <> 'read'"
            )
            .await,
            audited
        );

        let every_shielding = count(&app, "SELECT COUNT(*) FROM shieldings").await;
        // Wrong shieldings name their field and change nothing: another reason for one that
        // stands, someone outside the family, the same person twice, no reason.
        let expect = |r: &Reply, pointer: &str, code: &str| {
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert!(
                pointers(r).contains(&(pointer.to_string(), code.to_string())),
                "{pointer} {code}: {}",
                r.body
            );
        };
        let mut wrong = more.clone();
        wrong["uitspraken"][0]["afgeschermd_voor"][0]["reden"] = json!("Een andere reden.");
        wrong["uitspraken"][1]["afgeschermd_voor"] = json!([
            {"gezinslid": "p-20418", "reden": reason},
            {"gezinslid": "p-99999", "reden": "Wie?"},
            {"gezinslid": "p-20419", "reden": "  "},
            {"gezinslid": "p-20419", "reden": "Twee keer."}
        ]);
        let r = put_report(
            &app,
            "rr-s",
            &wrong,
            DEMO_API_TOKEN,
            &[("if-match", &etag(&ok))],
        )
        .await;
        expect(
            &r,
            "/uitspraken/0/afgeschermd_voor/0/reden",
            "api_shield_fixed",
        );
        expect(
            &r,
            "/uitspraken/1/afgeschermd_voor/1/gezinslid",
            "api_unknown_member",
        );
        expect(
            &r,
            "/uitspraken/1/afgeschermd_voor/2/reden",
            "field_required",
        );
        expect(
            &r,
            "/uitspraken/1/afgeschermd_voor/3/gezinslid",
            "api_id_twice",
        );
        let mut stranger = more.clone();
        stranger["uitspraken"][0]["afgeschermd_voor"][0]["zegt"] = json!("x");
        let r = put_report(&app, "rr-s", &stranger, DEMO_API_TOKEN, &[]).await;
        expect(
            &r,
            "/uitspraken/0/afgeschermd_voor/0/zegt",
            "api_unknown_field",
        );
        // A new statement shielded with a wrong reason is not written either.
        let mut concept = report_file();
        concept["status"] = json!("concept");
        concept["informanten"] = json!([]);
        concept["uitspraken"] = json!([concept["uitspraken"][2]]);
        concept["uitspraken"][0]["afgeschermd_voor"] =
            json!([{"gezinslid": "p-20418", "reden": "x".repeat(5000)}]);
        let r = put_report(&app, "rr-t", &concept, DEMO_API_TOKEN, &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(pointers(&r)
            .iter()
            .any(|(p, _)| p == "/uitspraken/0/afgeschermd_voor/0/reden"));
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM shieldings").await,
            every_shielding
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_events WHERE action <> 'read'"
            )
            .await,
            audited
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM api_external_ids WHERE kind = 'report' AND external_id = 'rr-t'").await,
            0
        );
    }
);
