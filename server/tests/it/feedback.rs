//! The feedback loop: a professional records a contact, a family member gives feedback (bad
//! input kept, drafts, once per contact, within the window), the professional sees the flags,
//! replies and marks it discussed, and decides on correction requests. SQLite and PostgreSQL.
use crate::common;

use app::backend::Db;
use axum::http::StatusCode;
use common::{ids, Client};
use uuid::Uuid;

async fn scalar(db: &Db, sql: &'static str, id: Uuid) -> i64 {
    ids::count(db, sql, id).await
}

async fn audit_count(db: &Db, action: &str) -> i64 {
    app::on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_events WHERE action = $1").bind(action).fetch_one(p).await).unwrap().0
}

/// Follows a plain form post to the page it lands on, with the flash it left.
async fn landing(app: &common::TestApp, r: &common::Reply, cookie: &str) -> String {
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let to = r
        .location()
        .expect("redirect")
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let flash = r.cookie("helder_flash").unwrap_or_default();
    let page = app
        .get(&to, &format!("{cookie}; helder_flash={flash}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{to}");
    page.body
}

fn today() -> String {
    app::backend::time::today().format("%Y-%m-%d").to_string()
}

/// A feedback form as the browser posts it: the unchosen `overall` scale is absent.
fn feedback_form(
    contact: &str,
    key: &str,
    intent: &str,
    heard: &str,
    overall: &str,
) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("contact", contact.to_string()),
        ("key", key.to_string()),
        ("intent", intent.to_string()),
        ("heard", heard.to_string()),
        ("topics", "5".to_string()),
        ("approach", "5".to_string()),
        ("comment", "Meer tijd voor de kinderen graag.".to_string()),
    ];
    if !overall.is_empty() {
        f.push(("overall", overall.to_string()));
    }
    f
}

fn pairs<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

on_both!(
    a_parent_gives_feedback_after_a_contact_and_the_professional_follows_up,
    |app| {
        let db = app.db().clone();
        let case = ids::case(&db, "2026-0412").await;
        let jeroen = app.login("jeroen").await;
        let sanne = app.login("sanne").await;

        // The professional records a contact; bad input first, kept.
        let contact = Uuid::new_v4();
        let (case_s, contact_s, day) = (case.to_string(), contact.to_string(), today());
        let bad = app
            .post(
                "/api/record_contact",
                &[
                    ("case", &case_s),
                    ("id", &contact_s),
                    ("kind", ""),
                    ("date", &day),
                    ("time", ""),
                    ("summary", "Gesprek over school."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &bad, &jeroen).await;
        assert!(page.contains("Kies wat voor contact het was."));
        assert!(page.contains("Gesprek over school."), "summary kept");
        assert_eq!(
            scalar(&db, "SELECT COUNT(*) FROM contacts WHERE id = $1", contact).await,
            0
        );
        for _ in 0..2 {
            // Sent twice (a retry): recorded once.
            let ok = app
                .post(
                    "/api/record_contact",
                    &[
                        ("case", &case_s),
                        ("id", &contact_s),
                        ("kind", "meeting"),
                        ("date", &day),
                        ("time", ""),
                        ("summary", "Gesprek over school."),
                    ],
                    &jeroen,
                    Client::PlainForm,
                )
                .await;
            let page = landing(&app, &ok, &jeroen).await;
            assert!(page.contains("Het contact is vastgelegd."));
        }
        assert_eq!(
            scalar(&db, "SELECT COUNT(*) FROM contacts WHERE id = $1", contact).await,
            1
        );

        // The family is invited on its first page.
        let home = app.get("/waar-sta-ik", &sanne).await;
        assert!(home.body.contains("Hoe ging het contact van"), "invitation");

        // A missing and an impossible score come back next to their fields, nothing lost.
        let key = Uuid::new_v4().to_string();
        let fields = feedback_form(&contact_s, &key, "send", "11", "");
        let r = app
            .post(
                "/api/save_feedback",
                &pairs(&fields),
                &sanne,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &sanne).await;
        assert!(page.contains("Dit cijfer kan niet. Kies een cijfer van 0 tot 10."));
        assert!(
            page.contains("Kies een cijfer van 0 tot 10."),
            "missing scale"
        );
        assert!(
            page.contains("Meer tijd voor de kinderen graag."),
            "comment kept"
        );
        assert!(
            page.contains(&format!(
                r#"id="f-{contact}-topics-5" name="topics" value="5" checked"#
            )),
            "choice kept"
        );
        assert_eq!(
            scalar(
                &db,
                "SELECT COUNT(*) FROM feedback_responses WHERE contact_id = $1",
                contact
            )
            .await,
            0,
            "nothing half-written"
        );

        // A draft keeps what was chosen so far.
        let fields = feedback_form(&contact_s, &Uuid::new_v4().to_string(), "draft", "3", "");
        let r = app
            .post(
                "/api/save_feedback",
                &pairs(&fields),
                &sanne,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &sanne).await;
        assert!(page.contains("Uw concept is bewaard."));
        assert!(page.contains("U heeft hier een concept voor bewaard."));
        assert!(page.contains(&format!(
            r#"id="f-{contact}-heard-3" name="heard" value="3" checked"#
        )));
        assert_eq!(
            scalar(&db, "SELECT COUNT(*) FROM feedback_responses WHERE contact_id = $1 AND status = 'draft'", contact).await,
            1
        );

        // Sent: low (20 of 40) and a drop against her previous response (28).
        let sends_before = audit_count(&db, "send_feedback").await;
        let fields = feedback_form(&contact_s, &key, "send", "5", "5");
        let r = app
            .post(
                "/api/save_feedback",
                &pairs(&fields),
                &sanne,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &sanne).await;
        assert!(page.contains("Dank u wel. Uw feedback is verstuurd."));
        // The same form again (a retry) changes nothing; another form about it is refused.
        let r = app
            .post(
                "/api/save_feedback",
                &pairs(&fields),
                &sanne,
                Client::PlainForm,
            )
            .await;
        landing(&app, &r, &sanne).await;
        assert_eq!(audit_count(&db, "send_feedback").await, sends_before + 1);
        let fields = feedback_form(&contact_s, &Uuid::new_v4().to_string(), "send", "9", "9");
        let r = app
            .post(
                "/api/save_feedback",
                &pairs(&fields),
                &sanne,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &sanne).await;
        assert!(page.contains("U heeft over dit contact al feedback gegeven."));
        let response: Uuid = app::on_db!(&db, p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT id FROM feedback_responses WHERE contact_id = $1 AND status = 'submitted'")
            .bind(contact).fetch_one(p).await)
        .unwrap()
        .0;
        assert_eq!(
            scalar(
                &db,
                "SELECT COALESCE(SUM(score), 0) FROM feedback_scores WHERE response_id = $1",
                response
            )
            .await,
            20
        );

        // Outside the window (the meeting of 20 days ago): refused with a clear message.
        let noor = app.login("noor").await;
        let old = app::on_db!(&db, p => sqlx::query_as::<_, (Uuid,)>(
            "SELECT id FROM contacts WHERE summary LIKE 'Kennismaking%'").fetch_one(p).await)
        .unwrap()
        .0
        .to_string();
        let r = app
            .post(
                "/api/save_feedback",
                &[
                    ("contact", &old),
                    ("key", "k1"),
                    ("intent", "send"),
                    ("heard", "8"),
                    ("topics", "8"),
                    ("approach", "8"),
                    ("overall", "8"),
                    ("comment", ""),
                ],
                &noor,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &noor).await;
        assert!(page.contains("kun je geen feedback meer geven"));
        // Young people read their own wording.
        assert!(page.contains("Luisterde de hulpverlener echt naar jou?"));

        // The professional's inbox: flagged on top, the anonymous response without a name.
        let inbox = app.get("/inbox", &jeroen).await;
        assert_eq!(inbox.status, StatusCode::OK);
        let attention = inbox
            .body
            .split("Vraagt aandacht")
            .nth(1)
            .unwrap()
            .split("inbox-feedback")
            .next()
            .unwrap();
        assert!(
            attention.contains("Meer tijd voor de kinderen graag."),
            "flagged at the top"
        );
        assert!(attention.contains("Laag cijfer") && attention.contains("Lager dan vorige keer"));
        assert!(inbox.body.contains("Zonder naam") && !inbox.body.contains("Noor Yilmaz"));
        let start = app.get("/", &jeroen).await;
        assert!(
            start.body.contains("Feedback zonder antwoord: 3."),
            "home counts"
        );

        // Reply and "besproken"; a date in the future is refused.
        let rid = response.to_string();
        let r = app
            .post(
                "/api/reply_to_feedback",
                &[("response", &rid), ("text", "Dank u. Ik bel u morgen.")],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Uw antwoord is opgeslagen."));
        let r = app
            .post(
                "/api/mark_discussed",
                &[("response", &rid), ("date", "2999-01-01")],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Deze datum ligt in de toekomst."));
        let r = app
            .post(
                "/api/mark_discussed",
                &[("response", &rid), ("date", &day)],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Vastgelegd dat het besproken is."));
        assert_eq!(audit_count(&db, "reply_feedback").await, 1);
        assert_eq!(audit_count(&db, "mark_discussed").await, 1);

        // The parent sees the reply, that it was discussed, and her trend.
        let mine = app.get("/feedback", &sanne).await;
        assert!(mine.body.contains("Dank u. Ik bel u morgen."));
        assert!(mine.body.contains("Besproken in een gesprek op"));
        assert!(
            mine.body.contains(r#"class="chart chart-narrow""#)
                && mine.body.contains(r#"class="scores""#)
        );
        // The case page: the chart with its table, next to the contacts.
        let page = app.get(&format!("/zaken/{case}/contacten"), &jeroen).await;
        assert!(
            page.body.contains("Gesprek over school.")
                && page.body.contains(r#"class="chart chart-narrow""#)
        );
        // The family sees in its access log that the professional read the feedback.
        let log = app.get("/wie-keek-mee", &sanne).await;
        assert!(log.body.contains("Jeroen Smit"));
    }
);

on_both!(
    a_correction_request_is_granted_or_declined_by_the_organisation_that_wrote_the_report,
    |app| {
        let db = app.db().clone();
        let sanne = app.login("sanne").await;
        let oma = ids::statement(&db, "Oma vertelt").await;
        let gp = ids::statement(&db, "De huisarts vertelt").await;
        for (statement, reason) in [
            (oma, "Oma vangt ze ook op vrijdag op."),
            (gp, "Het was twee keer, niet drie."),
        ] {
            let r = app
                .post(
                    "/api/request_correction",
                    &[
                        ("statement", &statement.to_string()),
                        ("key", reason),
                        ("kind", "feitelijke_onjuistheid"),
                        ("reason", reason),
                        ("proposed", ""),
                    ],
                    &sanne,
                    Client::Script,
                )
                .await;
            assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        }
        let request = |s: Uuid| {
            let db = db.clone();
            async move {
                app::on_db!(&db, p => sqlx::query_as::<_, (Uuid,)>("SELECT id FROM correction_requests WHERE statement_id = $1")
                    .bind(s).fetch_one(p).await).unwrap().0.to_string()
            }
        };
        let (grant, decline) = (request(oma).await, request(gp).await);

        // Veilig Thuis did not write the Raad's report: for them it does not exist.
        let fatima = app.login("fatima").await;
        let r = app
            .post(
                "/api/decide_correction",
                &[
                    ("request", &grant),
                    ("decision", "accept"),
                    ("text", "x"),
                    ("reason", "x"),
                ],
                &fatima,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        let jeroen = app.login("jeroen").await;
        let inbox = app.get("/inbox", &jeroen).await;
        assert!(
            inbox.body.contains("Oma vangt ze ook op vrijdag op.")
                && inbox.body.contains("Beslissing uiterlijk"),
            "days left shown"
        );
        // Bad input is kept.
        let r = app
            .post(
                "/api/decide_correction",
                &[
                    ("request", &grant),
                    ("decision", "accept"),
                    ("text", ""),
                    ("reason", "Klopt, aangepast."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        let page = landing(&app, &r, &jeroen).await;
        assert!(page.contains("Vul dit in.") && page.contains("Klopt, aangepast."));
        let new_text = "Oma vertelt dat zij de kinderen op woensdag en vrijdag opvangt en dat het dan rustig gaat.";
        let r = app
            .post(
                "/api/decide_correction",
                &[
                    ("request", &grant),
                    ("decision", "accept"),
                    ("text", new_text),
                    ("reason", "Klopt, aangepast."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Het verzoek is toegekend."));
        let r = app
            .post(
                "/api/decide_correction",
                &[
                    ("request", &grant),
                    ("decision", "decline"),
                    ("text", ""),
                    ("reason", "Toch niet."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Over dit verzoek is al beslist."));
        assert_eq!(
            scalar(
                &db,
                "SELECT COUNT(*) FROM statement_revisions WHERE statement_id = $1",
                oma
            )
            .await,
            1
        );

        let r = app
            .post(
                "/api/decide_correction",
                &[
                    ("request", &decline),
                    ("decision", "decline"),
                    ("text", ""),
                    ("reason", "De huisarts schreef drie bezoeken op."),
                ],
                &jeroen,
                Client::PlainForm,
            )
            .await;
        assert!(landing(&app, &r, &jeroen)
            .await
            .contains("Het verzoek is afgewezen."));
        assert_eq!(audit_count(&db, "accept_correction").await, 1);
        assert_eq!(audit_count(&db, "decline_correction").await, 1);

        // The parent reads the revised statement with its history, and her attached view.
        let raad = ids::report(&db, "Beschermingsonderzoek (concept)").await;
        let page = app.get(&format!("/rapporten/{raad}"), &sanne).await;
        assert!(page.body.contains(new_text));
        assert!(
            page.body
                .contains("<del>Oma vertelt dat zij de kinderen elke woensdag opvangt"),
            "old text in the history"
        );
        assert!(page.body.contains("Klopt, aangepast."));
        assert!(
            page.body.contains("De huisarts schreef drie bezoeken op."),
            "the decision's reason"
        );
        let gp_item = page
            .body
            .split(&format!(r#"id="s-{gp}""#))
            .nth(1)
            .unwrap()
            .split("</li>")
            .next()
            .unwrap();
        assert!(
            gp_item.contains("own-view") && gp_item.contains("Het was twee keer, niet drie."),
            "the view is attached"
        );
    }
);
