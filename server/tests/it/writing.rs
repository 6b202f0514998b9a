//! Writing a report statement by statement (issue 15): the Raad's researcher starts a report,
//! saves statements as drafts, is refused publication while a statement lacks its source (and
//! told which), sends it for the family's reaction with at least five working days, and makes
//! it final after that with the family's own view attached. The family never sees a concept;
//! a sibling never sees what concerns their sister; another organisation cannot open, change or
//! send it; two writers at once never lose a save or publish an incomplete statement.
use crate::common;

use app::{backend::Db, domain::deadline::working_days_after, on_db};
use axum::http::StatusCode;
use common::{at_once, audit_rows, field_errors, ids, one_went_through, TestApp};
use serde_json::Value;

fn today() -> chrono::NaiveDate {
    app::backend::time::today()
}

/// Starts a report on the demo's first case as `cookie`: (case id, report id).
async fn start(app: &TestApp, cookie: &str, title: &str) -> (String, String) {
    let case = ids::case(app.db(), "2026-0412").await.to_string();
    let reply = app
        .reply(
            "/api/start_report",
            cookie,
            &[("case", &case), ("kind", "raadsrapport"), ("title", title)],
        )
        .await;
    assert_eq!(reply["ok"], true, "{reply}");
    let editor = reply["redirect"].as_str().unwrap();
    let report = editor
        .trim_start_matches(&format!("/zaken/{case}/rapporten/"))
        .trim_end_matches("/schrijven")
        .to_string();
    (case, report)
}

/// Saves a statement (`fields` are the `s[…]` fields without the prefix).
async fn save(
    app: &TestApp,
    cookie: &str,
    case: &str,
    report: &str,
    fields: &[(&str, &str)],
) -> Value {
    let mut form: Vec<(String, String)> = vec![
        ("case".into(), case.into()),
        ("report".into(), report.into()),
    ];
    form.extend(fields.iter().map(|(k, v)| {
        let key = match k.split_once('[') {
            Some((head, tail)) => format!("s[{head}][{tail}"),
            None => format!("s[{k}]"),
        };
        (key, v.to_string())
    }));
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.reply("/api/save_statement", cookie, &form).await
}

/// [`save`] with owned values (forms built in a test).
async fn save_owned(
    app: &TestApp,
    cookie: &str,
    case: &str,
    report: &str,
    fields: &[(&str, String)],
) -> Value {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    save(app, cookie, case, report, &fields).await
}

/// A complete observation by `observer` (a person id); with `edit`, a change to statement
/// `edit` as saved once before.
fn fact(observer: &str, text: &str, edit: Option<&str>) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("kind", "feit_waarneming".to_string()),
        ("text", text.to_string()),
        ("date", "2026-11-02".to_string()),
        ("observer", observer.to_string()),
    ];
    if let Some(id) = edit {
        f.push(("id", id.to_string()));
        f.push(("version", "1".to_string()));
    }
    f
}

/// Sends the report for the family's reaction until `until`.
async fn publish(app: &TestApp, cookie: &str, case: &str, report: &str, until: &str) -> Value {
    app.reply(
        "/api/publish_report",
        cookie,
        &[("case", case), ("report", report), ("until", until)],
    )
    .await
}

async fn writing(app: &TestApp, cookie: &str, case: &str, report: &str) -> Value {
    app.reply(
        "/api/writing",
        cookie,
        &[("case", case), ("report", report)],
    )
    .await
}

async fn status(db: &Db, report: &str) -> (String, Option<chrono::NaiveDate>, bool) {
    let id = uuid::Uuid::parse_str(report).unwrap();
    on_db!(db, p => sqlx::query_as(
        "SELECT status, reaction_window_until, published_to_client_at IS NOT NULL FROM reports WHERE id = $1")
        .bind(id).fetch_one(p).await)
    .unwrap()
}

on_both!(
    a_report_goes_out_only_when_every_statement_has_its_source,
    |app| {
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let case = ids::case(db, "2026-0412").await.to_string();
        let reports_before = common::ids::count(
            db,
            "SELECT COUNT(*) FROM reports WHERE case_id = $1",
            ids::case(db, "2026-0412").await,
        )
        .await;
        // Nothing chosen: messages at the fields, nothing written.
        let reply = app
            .reply(
                "/api/start_report",
                &jeroen,
                &[("case", &case), ("kind", "roddel"), ("title", " ")],
            )
            .await;
        assert_eq!(field_errors(&reply), ["kind", "title"], "{reply}");
        let (case, report) = start(&app, &jeroen, "Raadsrapport in wording").await;
        assert_eq!(
            common::ids::count(
                db,
                "SELECT COUNT(*) FROM reports WHERE case_id = $1",
                ids::case(db, "2026-0412").await
            )
            .await,
            reports_before + 1
        );
        assert_eq!(audit_rows(db, "start_report").await, 1);

        // A concept is the writers' alone: the mother neither lists nor opens it.
        let sanne = app.login("sanne").await;
        let list = app.reply("/api/reports", &sanne, &[]).await;
        assert!(!list.to_string().contains("in wording"), "{list}");
        let page = format!("/rapporten/{report}");
        assert_eq!(app.get(&page, &sanne).await.status, StatusCode::NOT_FOUND);

        // Drafts may be incomplete; what is typed is checked.
        let noor = ids::person(db, "Noor").await.to_string();
        let lisa = ids::person(db, "Lisa").await.to_string();
        let jeroen_person = ids::person(db, "Jeroen").await.to_string();
        let informant: (uuid::Uuid,) = on_db!(db, p => sqlx::query_as(
            "SELECT id FROM informants WHERE name_or_role LIKE 'Mentor van Noor%'").fetch_one(p).await)
        .unwrap();
        let informant = informant.0.to_string();
        let fact = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("kind", "feit_waarneming"),
                ("text", "Lisa was bij het gesprek op 2 november."),
            ],
        )
        .await;
        assert_eq!(fact["ok"], true, "{fact}");
        let said = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("kind", "bron_informatie"),
                ("text", "De mentor zegt dat Noor vaak moe is in de klas."),
                ("informant", &informant),
                ("concerns", &noor),
            ],
        )
        .await;
        assert_eq!(said["ok"], true, "{said}");
        // What someone said needs who said it even in a draft (the database's rule too): a
        // message at the field, and nothing written.
        let unsourced = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[("kind", "bron_informatie"), ("text", "Iemand zegt iets.")],
        )
        .await;
        assert_eq!(field_errors(&unsourced), ["s[informant]"], "{unsourced}");
        let assessed = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("kind", "oordeel_professional"),
                ("text", "Noor heeft meer rust nodig."),
            ],
        )
        .await;
        assert_eq!(assessed["ok"], true, "{assessed}");
        // A child's words are not a parent's view; a person outside the case is no one's choice.
        let wrong = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("kind", "visie_ouder"),
                ("text", "Ik wil thuis blijven."),
                ("voice", &noor),
                ("observer", &uuid::Uuid::new_v4().to_string()),
                ("date", "2999-01-01"),
            ],
        )
        .await;
        assert_eq!(
            field_errors(&wrong),
            ["s[date]", "s[observer]", "s[voice]"],
            "{wrong}"
        );

        // Publishing is refused, and the editor says which statement lacks what.
        let until = working_days_after(today(), 5).to_string();
        let refused = publish(&app, &jeroen, &case, &report, &until).await;
        assert_eq!(
            (refused["ok"].clone(), refused["message"].clone()),
            (Value::Bool(false), Value::from("WriteIncomplete")),
            "{refused}"
        );
        assert_eq!(status(db, &report).await.0, "concept");
        let w = writing(&app, &jeroen, &case, &report).await;
        let missing: Vec<String> = w["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["missing"].to_string())
            .collect();
        assert_eq!(
            missing,
            [r#"["Date","Observer"]"#, "[]", r#"["Grounds"]"#],
            "{w}"
        );
        let ids_of: Vec<String> = w["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();

        // The fact gets its date and observer; a second save on the same old copy is refused
        // and changes nothing.
        let complete = [
            ("id", ids_of[0].as_str()),
            ("version", "1"),
            ("kind", "feit_waarneming"),
            ("text", "Lisa was bij het gesprek op 2 november."),
            ("date", "2026-11-02"),
            ("observer", jeroen_person.as_str()),
            ("concerns", lisa.as_str()),
        ];
        assert_eq!(
            save(&app, &jeroen, &case, &report, &complete).await["ok"],
            true
        );
        let mut stale = complete;
        stale[3] = ("text", "Een andere tekst.");
        let reply = save(&app, &jeroen, &case, &report, &stale).await;
        assert_eq!(reply["message"], "WriteStale", "{reply}");
        // The assessment rests on the two statements before it.
        let grounded = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("id", &ids_of[2]),
                ("version", "1"),
                ("kind", "oordeel_professional"),
                (
                    "text",
                    "Noor heeft meer rust nodig, ook tijdens de ondertoezichtstelling.",
                ),
                ("grounds[0]", &ids_of[0]),
                ("grounds[1]", &ids_of[1]),
            ],
        )
        .await;
        assert_eq!(grounded["ok"], true, "{grounded}");

        // Too short a reaction period is refused at its field.
        let soon = working_days_after(today(), 4).to_string();
        let reply = publish(&app, &jeroen, &case, &report, &soon).await;
        assert_eq!(field_errors(&reply), ["until"], "{reply}");
        let sent = publish(&app, &jeroen, &case, &report, &until).await;
        assert_eq!(sent["ok"], true, "{sent}");
        let (st, window, published) = status(db, &report).await;
        assert_eq!(
            (st.as_str(), window, published),
            ("reactietermijn", Some(working_days_after(today(), 5)), true)
        );
        assert_eq!(audit_rows(db, "publish_report").await, 1);

        // Now the family reads it, each what they may: the mother all three; Noor (14) not
        // what concerns her sister Lisa.
        let shown = app.get(&page, &sanne).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(
            shown.body.contains("Lisa was bij het gesprek")
                && shown.body.contains("meer rust nodig"),
            "{}",
            shown.body
        );
        // The jargon that remains links to its plain explanation.
        assert!(
            shown.body.contains(
                r#"href="/woorden#w-ondertoezichtstelling" class="term">ondertoezichtstelling</a>"#
            ),
            "{}",
            shown.body
        );
        let noor_cookie = app.login("noor").await;
        let hers = app.get(&page, &noor_cookie).await;
        assert_eq!(hers.status, StatusCode::OK);
        assert!(
            hers.body.contains("vaak moe") && !hers.body.contains("Lisa was bij het gesprek"),
            "{}",
            hers.body
        );

        // After sending, statements change only through a correction.
        let late = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[("kind", "feit_waarneming"), ("text", "Nog iets.")],
        )
        .await;
        assert_eq!(late["message"], "WriteNotConcept", "{late}");
        let gone = app
            .reply(
                "/api/remove_statement",
                &jeroen,
                &[
                    ("case", &case),
                    ("report", &report),
                    ("statement", &ids_of[0]),
                ],
            )
            .await;
        assert_eq!(gone["ok"], false, "{gone}");

        // The mother adds her view; the report cannot be made final while she may react.
        let view = app
            .reply(
                "/api/add_own_view",
                &sanne,
                &[
                    ("statement", &ids_of[2]),
                    ("key", "k-writing-1"),
                    ("text", "Noor slaapt goed sinds de vakantie."),
                ],
            )
            .await;
        assert_eq!(view["ok"], true, "{view}");
        let early = app
            .reply(
                "/api/finalise_report",
                &jeroen,
                &[("case", &case), ("report", &report)],
            )
            .await;
        assert_eq!(early["message"], "WriteStillOpen", "{early}");
        // Her period ends (the window moved to yesterday): final, with her view attached.
        let id = uuid::Uuid::parse_str(&report).unwrap();
        let yesterday = today() - chrono::Duration::days(1);
        on_db!(db, p => sqlx::query("UPDATE reports SET reaction_window_until = $1 WHERE id = $2").bind(yesterday).bind(id).execute(p).await.map(|_| ())).unwrap();
        let done = app
            .reply(
                "/api/finalise_report",
                &jeroen,
                &[("case", &case), ("report", &report)],
            )
            .await;
        assert_eq!(done["ok"], true, "{done}");
        let attached: (String, bool) = on_db!(db, p => sqlx::query_as(
            "SELECT r.status, v.included_in_final FROM reports r JOIN own_views v ON v.report_id = r.id WHERE r.id = $1")
            .bind(id).fetch_one(p).await)
        .unwrap();
        assert_eq!(attached, ("definitief".to_string(), true));
    }
);

on_both!(
    only_the_writing_organisation_opens_changes_or_sends_its_report,
    |app| {
        let jeroen = app.login("jeroen").await;
        let (case, report) = start(&app, &jeroen, "Alleen voor de Raad").await;
        let form = [("case", case.as_str()), ("report", report.as_str())];
        // A colleague of the Raad on the case writes along.
        let willem = app.login("willem").await;
        let w = writing(&app, &willem, &case, &report).await;
        assert_eq!(w["title"], "Alleen voor de Raad", "{w}");
        // Veilig Thuis, on the same case, and SAVE, on another: not found, like a wrong id.
        let fatima = app.login("fatima").await;
        let anouk = app.login("anouk").await;
        for cookie in [&fatima, &anouk] {
            for path in [
                "/api/writing",
                "/api/publish_report",
                "/api/finalise_report",
                "/api/save_statement",
            ] {
                let r = app.post(path, &form, cookie, common::Client::Script).await;
                assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}: {}", r.body);
            }
            let page = format!("/zaken/{case}/rapporten/{report}/schrijven");
            assert_eq!(app.get(&page, cookie).await.status, StatusCode::NOT_FOUND);
        }
        // The editor page itself, for the writer, without JavaScript.
        let page = app
            .get(
                &format!("/zaken/{case}/rapporten/{report}/schrijven"),
                &jeroen,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Alleen voor de Raad"), "{}", page.body);
    }
);

on_both!(
    a_statement_hidden_from_a_family_member_while_writing_never_reaches_them,
    |app| {
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let (case, report) = start(&app, &jeroen, "Met een verborgen zin").await;
        let noor = ids::person(db, "Noor").await.to_string();
        let sanne_person = ids::person(db, "Sanne").await.to_string();
        let jeroen_person = ids::person(db, "Jeroen").await.to_string();
        let text = "Noor vertelde over de ruzies thuis.";
        let fact = |extra: &[(&'static str, &'static str)]| {
            let mut f = fact(&jeroen_person, text, None);
            f.push(("concerns", noor.clone()));
            f.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
            f
        };
        let statements = || async {
            common::ids::count(
                db,
                "SELECT COUNT(*) FROM statements WHERE report_id = $1",
                uuid::Uuid::parse_str(&report).unwrap(),
            )
            .await
        };
        // Hiding needs whom and why; a half-filled shielding writes nothing at all.
        let mut no_reason = fact(&[]);
        no_reason.push(("hide_from", sanne_person.clone()));
        let (a, j, c, r) = (&app, &jeroen, &case, &report);
        let post =
            move |f: Vec<(&'static str, String)>| async move { save_owned(a, j, c, r, &f).await };
        let reply = post(no_reason).await;
        assert_eq!(field_errors(&reply), ["s[hide_reason]"], "{reply}");
        let reply = post(fact(&[("hide_reason", "Veiligheid van Noor.")])).await;
        assert_eq!(field_errors(&reply), ["s[hide_from]"], "{reply}");
        let stranger = uuid::Uuid::new_v4().to_string();
        let mut outsider = fact(&[("hide_reason", "Veiligheid van Noor.")]);
        outsider.push(("hide_from", stranger));
        let reply = post(outsider).await;
        assert_eq!(field_errors(&reply), ["s[hide_from]"], "{reply}");
        assert_eq!(statements().await, 0);

        // Whom and why: the statement and its shielding commit together, in one audit row.
        let mut hidden = fact(&[(
            "hide_reason",
            "Noor is bang voor ruzie als moeder dit leest.",
        )]);
        hidden.push(("hide_from", sanne_person.clone()));
        let reply = post(hidden).await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(statements().await, 1);
        let shielded: (String,) = on_db!(db, p => sqlx::query_as(
            "SELECT s.reason FROM shieldings s JOIN statements t ON t.id = s.item_id \
             WHERE t.report_id = $1 AND s.hidden_from_person_id = $2")
            .bind(uuid::Uuid::parse_str(&report).unwrap())
            .bind(uuid::Uuid::parse_str(&sanne_person).unwrap())
            .fetch_one(p).await)
        .unwrap();
        assert_eq!(shielded.0, "Noor is bang voor ruzie als moeder dit leest.");
        let detail: (Option<String>,) = on_db!(db, p => sqlx::query_as(
            "SELECT detail FROM audit_events WHERE action = 'write_statement' AND object_id = $1")
            .bind(uuid::Uuid::parse_str(&report).unwrap())
            .fetch_one(p).await)
        .unwrap();
        assert_eq!(detail.0.as_deref(), Some("shield"));
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(
            w["statements"][0]["hidden_from"].to_string(),
            r#"["Sanne Jansen"]"#,
            "{w}"
        );

        // Sent: Noor reads it; her mother sees neither the statement nor its words anywhere.
        let until = working_days_after(today(), 5).to_string();
        let sent = publish(&app, &jeroen, &case, &report, &until).await;
        assert_eq!(sent["ok"], true, "{sent}");
        let page = format!("/rapporten/{report}");
        let noor_cookie = app.login("noor").await;
        assert!(app.get(&page, &noor_cookie).await.body.contains(text));
        let sanne = app.login("sanne").await;
        let hers = app.get(&page, &sanne).await;
        assert_eq!(hers.status, StatusCode::OK);
        assert!(!hers.body.contains(text), "{}", hers.body);
        for path in ["/mijn-dossier/afdrukken", "/api/export_my_data"] {
            let body = app.get(path, &sanne).await.body;
            assert!(!body.contains("ruzies thuis"), "{path}: {body}");
        }
    }
);

on_both!(
    a_statement_says_whether_it_is_a_worry_and_whether_the_informant_agreed,
    |app| {
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let (case, report) = start(&app, &jeroen, "Met zorgen en wat goed gaat").await;
        let jeroen_person = ids::person(db, "Jeroen").await.to_string();
        let oma = on_db!(db, p => sqlx::query_as::<_, (uuid::Uuid,)>(
            "SELECT id FROM informants WHERE name_or_role LIKE 'Oma%'").fetch_one(p).await)
        .unwrap()
        .0
        .to_string();
        let mut worry = fact(&jeroen_person, "Daan sliep drie nachten slecht.", None);
        worry.push(("factor", "twijfel".into()));
        let reply = save_owned(&app, &jeroen, &case, &report, &worry).await;
        assert_eq!(field_errors(&reply), ["s[factor]"], "{reply}");
        worry.pop();
        worry.push(("factor", "risico".into()));
        assert_eq!(
            save_owned(&app, &jeroen, &case, &report, &worry).await["ok"],
            true
        );
        let said = [
            ("kind", "bron_informatie".to_string()),
            (
                "text",
                "Oma vangt de kinderen elke woensdag op.".to_string(),
            ),
            ("informant", oma),
            ("factor", "beschermend".to_string()),
            ("accorded", "yes".to_string()),
        ];
        assert_eq!(
            save_owned(&app, &jeroen, &case, &report, &said).await["ok"],
            true
        );
        // An observation cannot be "agreed by the informant": the box is ignored there.
        let mut seen = fact(&jeroen_person, "Moeder kwam op tijd.", None);
        seen.push(("accorded", "yes".into()));
        assert_eq!(
            save_owned(&app, &jeroen, &case, &report, &seen).await["ok"],
            true
        );
        let w = writing(&app, &jeroen, &case, &report).await;
        let got: Vec<(Value, Value)> = (0..3)
            .map(|i| {
                let s = &w["statements"][i];
                (s["factor"].clone(), s["accorded"].clone())
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("risico".into(), false.into()),
                ("beschermend".into(), true.into()),
                (Value::Null, false.into())
            ]
        );
        // The family reads both on the report page.
        let until = working_days_after(today(), 5).to_string();
        assert_eq!(
            publish(&app, &jeroen, &case, &report, &until).await["ok"],
            true
        );
        let page = app
            .get(&format!("/rapporten/{report}"), &app.login("sanne").await)
            .await
            .body;
        assert!(
            page.contains(r#"<span class="factor">Zorg</span>"#),
            "{page}"
        );
        assert!(page.contains(r#"<span class="factor">Gaat goed</span>"#));
        assert!(page.contains("Deze persoon heeft gezegd dat het zo goed is opgeschreven."));
    }
);

on_both!(
    a_gedragsdeskundige_reviews_the_text_that_goes_out_and_the_family_reads_who,
    |app| {
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let willem = app.login("willem").await;
        let (case, report) = start(&app, &jeroen, "Nagelezen rapport").await;
        let form = [("case", case.as_str()), ("report", report.as_str())];
        let review = |cookie: String| {
            let (app, form) = (app.clone(), form.map(|(k, v)| (k, v.to_string())));
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post("/api/review_report", &form, &cookie, common::Client::Script)
                    .await
            }
        };
        let reviewed_by = || async {
            let row: (Option<uuid::Uuid>, bool) = on_db!(db, p => sqlx::query_as(
                "SELECT reviewed_by, reviewed_at IS NOT NULL FROM reports WHERE id = $1")
                .bind(uuid::Uuid::parse_str(&report).unwrap()).fetch_one(p).await)
            .unwrap();
            row
        };
        // Nothing to review yet.
        let r = review(willem.clone()).await;
        assert!(r.body.contains("WriteReviewEmpty"), "{}", r.body);
        let me = ids::person(db, "Jeroen").await.to_string();
        let post = |f: Vec<(&'static str, String)>| {
            let (app, jeroen, case, report) =
                (app.clone(), jeroen.clone(), case.clone(), report.clone());
            async move { save_owned(&app, &jeroen, &case, &report, &f).await }
        };
        assert_eq!(
            post(fact(&me, "Moeder was op tijd.", None)).await["ok"],
            true
        );

        // The author is never offered a review and his own is refused; the researcher is no
        // gedragsdeskundige, and Veilig Thuis and SAVE are not of the Raad: 404, like a wrong id.
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(w["can_review"], false, "{w}");
        let fatima = app.login("fatima").await;
        let anouk = app.login("anouk").await;
        for cookie in [&jeroen, &fatima, &anouk] {
            let r = review(cookie.clone()).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        }
        assert_eq!(reviewed_by().await, (None, false));

        // The case's gedragsdeskundige reviews it, in one audited change.
        let w = writing(&app, &willem, &case, &report).await;
        assert_eq!(w["can_review"], true, "{w}");
        let page = app
            .get(
                &format!("/zaken/{case}/rapporten/{report}/schrijven"),
                &willem,
            )
            .await;
        assert!(
            page.body.contains("Ik heb dit rapport nagelezen"),
            "{}",
            page.body
        );
        let r = review(willem.clone()).await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        let willem_person = ids::person(db, "Willem").await;
        assert_eq!(reviewed_by().await, (Some(willem_person), true));
        assert_eq!(audit_rows(db, "review_report").await, 1);
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(w["reviewed"][0], "Willem de Groot", "{w}");

        // A statement changed after the review voids it: the review was of the earlier text.
        let first = w["statements"][0]["id"].as_str().unwrap().to_string();
        let edited = post(fact(&me, "Moeder was op tijd en rustig.", Some(&first))).await;
        assert_eq!(edited["ok"], true, "{edited}");
        assert_eq!(reviewed_by().await, (None, false));
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(w["reviewed"], Value::Null, "{w}");
        let r = review(willem.clone()).await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);

        // Sent: the mother reads who reviewed it, on the page and in the print view; after
        // sending, a review can no longer be added.
        let until = working_days_after(today(), 5).to_string();
        let sent = publish(&app, &jeroen, &case, &report, &until).await;
        assert_eq!(sent["ok"], true, "{sent}");
        let sanne = app.login("sanne").await;
        let line = "Willem de Groot (gedragsdeskundige) heeft dit rapport nagelezen";
        let page = app.get(&format!("/rapporten/{report}"), &sanne).await;
        assert!(page.body.contains(line), "{}", page.body);
        let print = app.get("/mijn-dossier/afdrukken", &sanne).await;
        assert!(print.body.contains(line), "{}", print.body);
        let r = review(willem.clone()).await;
        assert!(r.body.contains("WriteNotConcept"), "{}", r.body);
        assert_eq!(audit_rows(db, "review_report").await, 2);
    }
);

on_both!(
    the_report_goes_final_early_only_when_everyone_it_is_for_has_closed_their_reaction,
    |app| {
        let db = app.db();
        let jeroen = app.login("jeroen").await;
        let (case, report) = start(&app, &jeroen, "Snel klaar").await;
        let me = ids::person(db, "Jeroen").await.to_string();
        let saved = save(
            &app,
            &jeroen,
            &case,
            &report,
            &[
                ("kind", "feit_waarneming"),
                ("text", "Het gezin kwam samen naar het gesprek."),
                ("date", "2026-11-02"),
                ("observer", &me),
            ],
        )
        .await;
        assert_eq!(saved["ok"], true, "{saved}");
        let until = working_days_after(today(), 5).to_string();
        assert_eq!(
            publish(&app, &jeroen, &case, &report, &until).await["ok"],
            true
        );
        let form = [("case", case.as_str()), ("report", report.as_str())];
        let finalise = || app.reply("/api/finalise_report", &jeroen, &form);
        let refused = finalise().await;
        assert_eq!(refused["message"], "WriteStillOpen", "{refused}");
        // Nor is it ready in the writer's inbox: the period is the family's.
        let ready = || async {
            let inbox = app.reply("/api/inbox", &jeroen, &[]).await;
            inbox["finalise"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["title"] == "Snel klaar")
                .map(|r| r["closed_early"].as_bool().unwrap())
                .collect::<Vec<bool>>()
        };
        assert_eq!(ready().await, Vec::<bool>::new());

        // The report is for the mother and the two children of 12 and older; not for the
        // father without authority (it holds no decision) nor for Daan (under 12).
        let round = |w: &Value| -> Vec<(String, bool)> {
            let mut r: Vec<(String, bool)> = w["round"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let first = m[0].as_str().unwrap().split(' ').next().unwrap();
                    (first.to_string(), !m[1].is_null())
                })
                .collect();
            r.sort();
            r
        };
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(
            round(&w),
            [
                ("Lisa".to_string(), false),
                ("Noor".to_string(), false),
                ("Sanne".to_string(), false)
            ],
            "{w}"
        );
        let close = |who: &'static str| {
            let (app, report) = (app.clone(), report.clone());
            async move {
                let cookie = app.login(who).await;
                app.post(
                    "/api/close_reaction",
                    &[("report", report.as_str())],
                    &cookie,
                    common::Client::Script,
                )
                .await
            }
        };
        let closures = || async {
            common::ids::count(
                db,
                "SELECT COUNT(*) FROM reaction_closures WHERE report_id = $1",
                uuid::Uuid::parse_str(&report).unwrap(),
            )
            .await
        };
        // The mother says she is done; saying it twice changes nothing. The father cannot
        // read the report, so he cannot close it either: 404, like a wrong id.
        for _ in 0..2 {
            let r = close("sanne").await;
            assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        }
        assert_eq!(closures().await, 1);
        assert_eq!(close("mehmet").await.status, StatusCode::NOT_FOUND);
        let sanne = app.login("sanne").await;
        let page = app.get(&format!("/rapporten/{report}"), &sanne).await;
        assert!(
            page.body.contains("gezegd dat u klaar bent met reageren"),
            "{}",
            page.body
        );
        assert!(
            !page.body.contains("Ik ben klaar met reageren"),
            "{}",
            page.body
        );
        let noor = app.login("noor").await;
        let page = app.get(&format!("/rapporten/{report}"), &noor).await;
        assert!(
            page.body.contains("Ik ben klaar met reageren"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("Heb je niets meer toe te voegen"),
            "{}",
            page.body
        );

        // One of three is not everyone.
        assert_eq!(finalise().await["message"], "WriteStillOpen");
        let w = writing(&app, &jeroen, &case, &report).await;
        assert_eq!(round(&w)[2], ("Sanne".to_string(), true), "{w}");

        // The children close it too: the writer makes it final before the period ends.
        for who in ["noor", "lisa"] {
            let r = close(who).await;
            assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        }
        assert_eq!(ready().await, [true], "in the inbox, closed early");
        let done = finalise().await;
        assert_eq!(done["ok"], true, "{done}");
        assert_eq!(ready().await, Vec::<bool>::new(), "final: out of the inbox");
        assert_eq!(status(db, &report).await.0, "definitief");
        let r = close("sanne").await;
        assert!(r.body.contains("CloseNotOpen"), "{}", r.body);
        assert_eq!(audit_rows(db, "close_reaction").await, 3);
    }
);

/// One writer's post for [`at_once`]: a save (`fields`) or, with no fields, sending the report.
fn post_at_once(
    app: &TestApp,
    cookie: &str,
    case: &str,
    report: &str,
    fields: Vec<(&'static str, String)>,
) -> impl std::future::Future<Output = Value> + Send + 'static {
    let (app, cookie, case, report) = (
        app.clone(),
        cookie.to_string(),
        case.to_string(),
        report.to_string(),
    );
    async move {
        if fields.is_empty() {
            let until = working_days_after(today(), 5).to_string();
            let form = [
                ("case", case.as_str()),
                ("report", report.as_str()),
                ("until", until.as_str()),
            ];
            return app.reply("/api/publish_report", &cookie, &form).await;
        }
        save_owned(&app, &cookie, &case, &report, &fields).await
    }
}

on_both!(two_writers_of_one_report_at_once, |app| {
    let db = app.db();
    let jeroen = app.login("jeroen").await;
    let willem = app.login("willem").await;
    let (case, report) = start(&app, &jeroen, "Met z'n tweeën").await;
    let me = ids::person(db, "Jeroen").await.to_string();
    let fact = |text: &str, edit: Option<&str>| fact(&me, text, edit);
    // Two new statements at once: both kept, numbered one after the other.
    let replies = at_once(vec![
        post_at_once(
            &app,
            &jeroen,
            &case,
            &report,
            fact("Eerste waarneming.", None),
        ),
        post_at_once(
            &app,
            &willem,
            &case,
            &report,
            fact("Tweede waarneming.", None),
        ),
    ])
    .await;
    assert!(replies.iter().all(|r| r["ok"] == true), "{replies:?}");
    let w = writing(&app, &jeroen, &case, &report).await;
    let numbers: Vec<i64> = w["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2], "{w}");
    let first = w["statements"][0]["id"].as_str().unwrap().to_string();
    // Two edits of one statement from the same copy: one is saved, the other told so.
    let replies = at_once(vec![
        post_at_once(
            &app,
            &jeroen,
            &case,
            &report,
            fact("Versie van Jeroen.", Some(&first)),
        ),
        post_at_once(
            &app,
            &willem,
            &case,
            &report,
            fact("Versie van Willem.", Some(&first)),
        ),
    ])
    .await;
    one_went_through(&replies, "WriteStale");
    // Sending while a colleague adds an incomplete statement: either the statement came first
    // and sending is refused, or sending came first and the statement is refused. Never an
    // incomplete statement in what the family reads.
    let incomplete = vec![
        ("kind", "oordeel_professional".to_string()),
        ("text", "Zonder grond.".to_string()),
    ];
    let replies = at_once(vec![
        post_at_once(&app, &jeroen, &case, &report, Vec::new()),
        post_at_once(&app, &willem, &case, &report, incomplete),
    ])
    .await;
    let (st, _, _) = status(db, &report).await;
    let ungrounded: (i64,) = on_db!(db, p => sqlx::query_as(
        "SELECT COUNT(*) FROM statements s WHERE s.report_id = $1 AND s.kind = 'oordeel_professional' \
           AND NOT EXISTS (SELECT 1 FROM statement_grounds g WHERE g.assessment_id = s.id)")
        .bind(uuid::Uuid::parse_str(&report).unwrap()).fetch_one(p).await)
    .unwrap();
    if st == "reactietermijn" {
        assert_eq!(ungrounded.0, 0, "{replies:?}");
        assert_eq!(replies[1]["message"], "WriteNotConcept", "{replies:?}");
    } else {
        assert_eq!((st.as_str(), ungrounded.0), ("concept", 1), "{replies:?}");
        assert_eq!(replies[0]["message"], "WriteIncomplete", "{replies:?}");
    }
});
