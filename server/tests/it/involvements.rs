//! Who works on a case (issue 15): the professionals of a case add a colleague or another
//! organisation's professional, end an involvement and move the two marks (contact person,
//! responsible now); the family sees it on "Wie zijn er betrokken?"; only the organisation
//! responsible now reaches across organisations; bad input stays with its field and writes
//! nothing; two professionals at once leave one holder of each mark and one involvement.
//! And who was asked about the family (informants): recorded with consent or a legal ground,
//! read by the family members who may see what it is about.
use crate::common;

use app::{backend::Db, on_db};
use axum::http::StatusCode;
use common::{audit_rows, field_errors, ids, Client};

/// The case's involvements by given name: (name, until, responsible, contact).
async fn team(db: &Db, reference: &str) -> Vec<(String, Option<chrono::NaiveDate>, bool, bool)> {
    on_db!(db, p => sqlx::query_as(
        "SELECT pe.given_name, i.until, i.is_responsible_now, i.is_contact_person FROM involvements i \
         JOIN cases c ON c.id = i.case_id JOIN people pe ON pe.id = i.person_id \
         WHERE c.reference = $1 ORDER BY pe.given_name, i.since")
        .bind(reference).fetch_all(p).await)
    .unwrap()
}

/// Adds `person` to `case` with `role` from today (no last day): the form reply.
async fn add(
    app: &common::TestApp,
    cookie: &str,
    case: &str,
    person: &str,
    role: &str,
) -> serde_json::Value {
    let today = today().to_string();
    let form = [
        ("case", case),
        ("person", person),
        ("role", role),
        ("since", &today),
        ("until", ""),
    ];
    app.reply("/api/add_involvement", cookie, &form).await
}

/// Gives `mark` to `involvement`, from the holder the page showed (`was`): the form reply.
async fn mark(
    app: &common::TestApp,
    cookie: &str,
    case: &str,
    involvement: &str,
    mark: &str,
    was: &str,
) -> serde_json::Value {
    let form = [
        ("case", case),
        ("involvement", involvement),
        ("mark", mark),
        ("was", was),
    ];
    app.reply("/api/mark_involvement", cookie, &form).await
}

fn today() -> chrono::NaiveDate {
    app::backend::time::today()
}

on_both!(
    professionals_manage_who_works_on_the_case_and_the_family_sees_it,
    |app| {
        let db = app.db();
        let case = ids::case(db, "2026-0412").await.to_string();
        let anouk_person = ids::person(db, "Anouk").await.to_string();
        let karin_person = ids::person(db, "Karin").await.to_string();
        let jeroen = app.login("jeroen").await;
        let fatima = app.login("fatima").await;
        let today = today().to_string();

        // Veilig Thuis is not responsible now: Fatima is offered only her own colleagues
        // (none), may not mark, and cannot add someone of another organisation.
        let seen = app
            .reply("/api/case_team", &fatima, &[("case", &case)])
            .await;
        assert_eq!(seen["may_mark"], false, "{seen}");
        assert_eq!(seen["candidates"], serde_json::json!([]), "{seen}");
        let before = team(db, "2026-0412").await;
        let reply = add(&app, &fatima, &case, &karin_person, "wijkteam").await;
        assert_eq!(field_errors(&reply), ["person"], "{reply}");
        assert!(
            reply.to_string().contains("TeamOtherOrganisation"),
            "{reply}"
        );

        // Bad input stays with its field; nothing is half-written.
        for (fields, expected) in [
            (
                vec![("person", ""), ("role", ""), ("since", ""), ("until", "")],
                vec!["person", "role", "since"],
            ),
            (
                vec![
                    ("person", "not-an-id"),
                    ("role", "hacker"),
                    ("since", "2026-13-45"),
                    ("until", ""),
                ],
                vec!["person", "role", "since"],
            ),
            (
                vec![
                    ("person", anouk_person.as_str()),
                    ("role", "jeugdbeschermer"),
                    ("since", today.as_str()),
                    ("until", "2020-01-01"),
                ],
                vec!["until"],
            ),
        ] {
            let mut form = vec![("case", case.as_str())];
            form.extend(fields);
            let reply = app.reply("/api/add_involvement", &jeroen, &form).await;
            assert_eq!(reply["ok"], false, "{reply}");
            assert_eq!(field_errors(&reply), expected, "{form:?}");
        }
        assert_eq!(team(db, "2026-0412").await, before, "nothing written");
        assert_eq!(audit_rows(db, "add_involvement").await, 0);

        // Anouk cannot read the case before she is added.
        let anouk = app.login("anouk").await;
        let page = format!("/zaken/{case}");
        assert_eq!(app.get(&page, &anouk).await.status, StatusCode::NOT_FOUND);

        // The Raad is responsible now: Jeroen adds Anouk of SAVE and makes her the contact
        // person (he held it).
        let seen = app
            .reply("/api/case_team", &jeroen, &[("case", &case)])
            .await;
        assert_eq!(seen["may_mark"], true, "{seen}");
        let jeroens = seen["contact"].as_str().unwrap().to_string();
        assert!(
            seen["candidates"].to_string().contains(&anouk_person),
            "{seen}"
        );
        let reply = add(&app, &jeroen, &case, &anouk_person, "jeugdbeschermer").await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(audit_rows(db, "add_involvement").await, 1);
        assert_eq!(
            app.get(&page, &anouk).await.status,
            StatusCode::OK,
            "involved today"
        );
        // The same form again: she is involved already, nothing is written twice.
        let again = add(&app, &jeroen, &case, &anouk_person, "jeugdbeschermer").await;
        assert_eq!(again["ok"], false, "{again}");
        assert_eq!(team(db, "2026-0412").await.len(), before.len() + 1);

        let anouks = ids::involvement(db, "2026-0412", "Anouk").await.to_string();
        let reply = mark(&app, &jeroen, &case, &anouks, "contact", &jeroens).await;
        assert_eq!(reply["ok"], true, "{reply}");
        let now = team(db, "2026-0412").await;
        let contacts: Vec<&str> = now.iter().filter(|r| r.3).map(|r| r.0.as_str()).collect();
        assert_eq!(contacts, ["Anouk"], "{now:?}");
        // Jeroen takes it back (the form says Anouk holds it, and she does) …
        let stale = mark(&app, &jeroen, &case, &jeroens, "contact", &anouks).await;
        assert_eq!(stale["ok"], true, "{stale}");
        // … and a page shown before that (it still says Anouk holds it) changes nothing.
        let willems = ids::involvement(db, "2026-0412", "Willem")
            .await
            .to_string();
        let outdated = mark(&app, &jeroen, &case, &willems, "contact", &anouks).await;
        assert_eq!(outdated["ok"], false, "{outdated}");
        assert!(outdated.to_string().contains("TeamChanged"), "{outdated}");
        assert_eq!(audit_rows(db, "mark_involvement").await, 2);
        // Veilig Thuis may not move a mark: that looks like nothing there.
        let r = app
            .post(
                "/api/mark_involvement",
                &[
                    ("case", &case),
                    ("involvement", &anouks),
                    ("mark", "responsible"),
                    ("was", ""),
                ],
                &fatima,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // The family sees her on "Wie zijn er betrokken?".
        let sanne = app.login("sanne").await;
        let family = app.get("/wie-betrokken", &sanne).await;
        assert!(family.body.contains("Anouk"), "{}", family.body);

        // Jeroen ends her involvement as of yesterday: she no longer reads the case, and
        // ending gives up a mark (none here: Jeroen took the contact back above).
        let yesterday = (app::backend::time::today() - chrono::Duration::days(1)).to_string();
        let reply = app
            .reply(
                "/api/end_involvement",
                &jeroen,
                &[
                    ("case", &case),
                    ("involvement", &anouks),
                    ("until", &yesterday),
                ],
            )
            .await;
        assert_eq!(reply["ok"], false, "before the first day: {reply}");
        assert_eq!(field_errors(&reply), ["until"]);
        let reply = app
            .reply(
                "/api/end_involvement",
                &jeroen,
                &[("case", &case), ("involvement", &anouks), ("until", &today)],
            )
            .await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(audit_rows(db, "end_involvement").await, 1);
        // Fatima ends her own: the Raad's marks are not hers to lose.
        let fatimas = ids::involvement(db, "2026-0412", "Fatima")
            .await
            .to_string();
        let reply = app
            .reply(
                "/api/end_involvement",
                &fatima,
                &[
                    ("case", &case),
                    ("involvement", &fatimas),
                    ("until", &yesterday),
                ],
            )
            .await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(
            app.get(&page, &fatima).await.status,
            StatusCode::NOT_FOUND,
            "she has gone"
        );
        let now = team(db, "2026-0412").await;
        assert_eq!(now.iter().filter(|r| r.2).count(), 1, "{now:?}");
        assert_eq!(now.iter().filter(|r| r.3).count(), 1, "{now:?}");
        // The family's access log says in words what happened, not "looked at something".
        let log = app.get("/wie-keek-mee", &sanne).await;
        assert!(
            log.body
                .contains("veranderd wie er bij de zaak betrokken is"),
            "{}",
            log.body
        );
    }
);

on_both!(
    two_professionals_at_once_leave_one_contact_person_and_one_involvement,
    |app| {
        let db = app.db();
        let case = ids::case(db, "2026-0412").await.to_string();
        let jeroen = app.login("jeroen").await;
        let willem = app.login("willem").await;
        let jeroens = ids::involvement(db, "2026-0412", "Jeroen")
            .await
            .to_string();
        let willems = ids::involvement(db, "2026-0412", "Willem")
            .await
            .to_string();
        let fatimas = ids::involvement(db, "2026-0412", "Fatima")
            .await
            .to_string();
        // Both looked when Jeroen held the mark; each gives it to someone else.
        let tasks: Vec<_> = [
            (jeroen.clone(), willems.clone()),
            (willem.clone(), fatimas.clone()),
        ]
        .into_iter()
        .map(|(cookie, to)| {
            let (app, case, was) = (app.clone(), case.clone(), jeroens.clone());
            async move { mark(&app, &cookie, &case, &to, "contact", &was).await }
        })
        .collect();
        common::one_went_through(&common::at_once(tasks).await, "TeamChanged");
        let now = team(db, "2026-0412").await;
        assert_eq!(now.iter().filter(|r| r.3).count(), 1, "{now:?}");
        assert_eq!(audit_rows(db, "mark_involvement").await, 1);

        // Both add the same professional at once: one involvement, one audit row.
        let karin = ids::person(db, "Karin").await.to_string();
        let tasks: Vec<_> = [jeroen, willem]
            .into_iter()
            .map(|cookie| {
                let (app, case, karin) = (app.clone(), case.clone(), karin.clone());
                async move { add(&app, &cookie, &case, &karin, "wijkteam").await }
            })
            .collect();
        common::one_went_through(&common::at_once(tasks).await, "TeamAlreadyInvolved");
        let running = team(db, "2026-0412")
            .await
            .into_iter()
            .filter(|r| r.0 == "Karin" && r.1.is_none())
            .count();
        assert_eq!(running, 1, "Karin is involved once");
        assert_eq!(audit_rows(db, "add_involvement").await, 1);
    }
);

on_both!(
    a_professional_records_who_was_asked_and_the_family_reads_it_as_far_as_it_is_theirs,
    |app| {
        let db = app.db();
        let case = ids::case(db, "2026-0412").await.to_string();
        let daan = ids::person(db, "Daan").await.to_string();
        let jeroen = app.login("jeroen").await;
        let count = || async {
            on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM informants").fetch_one(p).await)
                .unwrap()
                .0
        };
        let before = count().await;
        let tomorrow = (today() + chrono::Duration::days(1)).to_string();
        let long = "x".repeat(121);
        let stranger = uuid::Uuid::new_v4().to_string();
        // Everything wrong at once: each message at its field, nothing written.
        let reply = app
            .reply(
                "/api/add_informant",
                &jeroen,
                &[
                    ("case", &case),
                    ("who", " "),
                    ("relation", &long),
                    ("date", &tomorrow),
                    ("topic", ""),
                    ("about", &stranger),
                ],
            )
            .await;
        assert_eq!(reply["ok"], false, "{reply}");
        assert_eq!(
            field_errors(&reply),
            ["who", "relation", "date", "topic", "about", "consent"],
            "{reply}"
        );
        // Without consent, the legal ground is needed.
        let today = today().to_string();
        let form = [
            ("case", case.as_str()),
            ("who", "Logopedist van Daan"),
            ("organisation", "Praktijk De Klank"),
            ("relation", "zorg"),
            ("date", today.as_str()),
            ("topic", "Hoe Daan praat en luistert"),
            ("about", daan.as_str()),
            ("consent", "without"),
        ];
        let reply = app.reply("/api/add_informant", &jeroen, &form).await;
        assert_eq!(field_errors(&reply), ["ground"], "{reply}");
        assert_eq!(count().await, before, "nothing half-written");
        assert_eq!(audit_rows(db, "add_informant").await, 0);

        let mut form = form.to_vec();
        form.push(("ground", "Wettelijke taak van de Raad"));
        let reply = app.reply("/api/add_informant", &jeroen, &form).await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(count().await, before + 1);
        assert_eq!(audit_rows(db, "add_informant").await, 1);
        let listed = app
            .reply("/api/case_informants", &jeroen, &[("case", &case)])
            .await;
        assert!(
            listed.to_string().contains("Logopedist van Daan"),
            "{listed}"
        );
        assert!(
            listed.to_string().contains("Daan Yilmaz"),
            "about whom: {listed}"
        );

        // The mother reads it, with the ground; Noor (14) does not: it is about her brother.
        let sanne = app.login("sanne").await;
        let page = app.get("/wie-betrokken", &sanne).await;
        assert!(page.body.contains("Logopedist van Daan"), "{}", page.body);
        assert!(page.body.contains("Praktijk De Klank"));
        assert!(page
            .body
            .contains("Grond in de wet: Wettelijke taak van de Raad"));
        let noor = app.login("noor").await;
        let page = app.get("/wie-betrokken", &noor).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Logopedist van Daan"), "a sibling's");
        let log = app.get("/wie-keek-mee", &noor).await;
        assert!(
            !log.body
                .contains("vastgelegd wie er over het gezin is gevraagd"),
            "nor its trace"
        );
        let log = app.get("/wie-keek-mee", &sanne).await;
        assert!(
            log.body
                .contains("vastgelegd wie er over het gezin is gevraagd"),
            "{}",
            log.body
        );
    }
);
