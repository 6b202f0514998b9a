//! Opening a case for a new family and adding its members (issue 15): a professional's case
//! starts in a phase their organisation leads, with them as the one responsible now and the
//! contact person; a family already known to the organisation is found before a second one is
//! made; bad input stays with its field and writes nothing; another organisation cannot read
//! or add to the new case.
use crate::common;

use app::{backend::Db, on_db};
use axum::http::StatusCode;
use common::{audit_rows, field_errors, Client};

async fn count(db: &Db, sql: &'static str) -> i64 {
    on_db!(db, p => sqlx::query_as::<_, (i64,)>(sql).fetch_one(p).await)
        .unwrap()
        .0
}

/// The opening form for Tim de Boer (8), reported by a neighbour.
fn tim(reference: &str) -> Vec<(&str, &str)> {
    vec![
        ("family", "Familie De Boer"),
        ("reference", reference),
        ("phase", "VT_MELDING"),
        ("reporter_kind", "bystander"),
        ("reporter", "Een buurman"),
        ("member[given]", "Tim"),
        ("member[family_name]", "de Boer"),
        ("member[relation]", "child"),
        ("member[birth]", "2018-05-01"),
    ]
}

on_both!(
    a_professional_opens_a_case_for_a_new_family_and_adds_its_members,
    |app| {
        let db = app.db();
        let fatima = app.login("fatima").await;
        let choices = app.reply("/api/open_case_choices", &fatima, &[]).await;
        assert_eq!(
            choices["phases"][0], "VtMelding",
            "Veilig Thuis starts at a report: {choices}"
        );
        assert!(
            !choices["phases"].to_string().contains("GiOts"),
            "{choices}"
        );

        let cases_before = count(db, "SELECT COUNT(*) FROM cases").await;
        let people_before = count(db, "SELECT COUNT(*) FROM people").await;
        // Nothing filled in: each message at its field.
        let reply = app
            .reply(
                "/api/open_case",
                &fatima,
                &[("family", ""), ("reference", ""), ("reporter", "")],
            )
            .await;
        assert_eq!(reply["ok"], false, "{reply}");
        assert_eq!(
            field_errors(&reply),
            [
                "family",
                "reference",
                "phase",
                "reporter_kind",
                "reporter",
                "member[given]",
                "member[family_name]",
                "member[relation]"
            ],
            "{reply}"
        );
        // A phase Veilig Thuis does not lead; a child without a birth date; one in the future.
        let mut form = tim("VT-2026-0099");
        form.retain(|(k, _)| *k != "member[birth]" && *k != "phase");
        form.push(("phase", "GI_OTS"));
        let reply = app.reply("/api/open_case", &fatima, &form).await;
        assert_eq!(field_errors(&reply), ["phase", "member[birth]"], "{reply}");
        let mut form = tim("VT-2026-0099");
        form.retain(|(k, _)| *k != "member[birth]");
        form.push(("member[birth]", "2999-01-01"));
        let reply = app.reply("/api/open_case", &fatima, &form).await;
        assert_eq!(field_errors(&reply), ["member[birth]"], "{reply}");
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM cases").await,
            cases_before,
            "nothing half-written"
        );
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM people").await,
            people_before
        );

        // The case opens in the report phase, with Fatima responsible and the contact person.
        let reply = app
            .reply("/api/open_case", &fatima, &tim("VT-2026-0099"))
            .await;
        assert_eq!(reply["ok"], true, "{reply}");
        let page = reply["redirect"].as_str().unwrap().to_string();
        let case = page.trim_start_matches("/zaken/").to_string();
        assert_eq!(audit_rows(db, "open_case").await, 1);
        let (phase, responsible, contact, disclosed, children): (String, bool, bool, bool, i64) = on_db!(db, p => sqlx::query_as(
            "SELECT cp.phase_code, i.is_responsible_now, i.is_contact_person, r.identity_disclosed, \
               (SELECT COUNT(*) FROM case_children cc WHERE cc.case_id = c.id) \
             FROM cases c JOIN case_phases cp ON cp.case_id = c.id AND cp.ended_at IS NULL \
             JOIN involvements i ON i.case_id = c.id JOIN reporters r ON r.case_id = c.id WHERE c.reference = 'VT-2026-0099'")
            .fetch_one(p).await)
        .unwrap();
        assert_eq!(
            (phase.as_str(), responsible, contact, disclosed, children),
            ("VT_MELDING", true, true, false, 1)
        );
        let shown = app.get(&page, &fatima).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains("Tim de Boer"), "{}", shown.body);
        let list = app.reply("/api/list_my_cases", &fatima, &[]).await;
        assert!(list.to_string().contains("Familie De Boer"), "{list}");
        // The Raad does not read it, nor add to it.
        let jeroen = app.login("jeroen").await;
        assert_eq!(app.get(&page, &jeroen).await.status, StatusCode::NOT_FOUND);
        let r = app
            .post(
                "/api/add_member",
                &[
                    ("case", &case),
                    ("member[given]", "Eva"),
                    ("member[family_name]", "de Boer"),
                    ("member[relation]", "mother"),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Tim again: the family is found first, nothing is made until Fatima says it is another.
        let reply = app
            .reply("/api/open_case", &fatima, &tim("VT-2026-0100"))
            .await;
        assert_eq!(reply["ok"], false, "{reply}");
        assert_eq!(reply["detail"], "VT-2026-0099", "{reply}");
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM cases").await,
            cases_before + 1
        );
        let mut form = tim("VT-2026-0100");
        form.push(("confirm_new", "yes"));
        let reply = app.reply("/api/open_case", &fatima, &form).await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM cases").await,
            cases_before + 2
        );

        // Adding the mother, with parental authority; a second time changes nothing.
        let eva = [
            ("case", case.as_str()),
            ("member[given]", "Eva"),
            ("member[family_name]", "de Boer"),
            ("member[relation]", "mother"),
            ("member[authority]", "yes"),
        ];
        let reply = app.reply("/api/add_member", &fatima, &eva).await;
        assert_eq!(reply["ok"], true, "{reply}");
        let again = app.reply("/api/add_member", &fatima, &eva).await;
        assert_eq!(again["ok"], false, "{again}");
        assert!(again.to_string().contains("MemberAlready"), "{again}");
        let family = app
            .reply("/api/case_family", &fatima, &[("case", &case)])
            .await;
        let names: Vec<&str> = family
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{family}");
        let authority: bool = on_db!(db, p => sqlx::query_as::<_, (bool,)>(
            "SELECT fm.has_parental_authority FROM family_members fm JOIN people pe ON pe.id = fm.person_id WHERE pe.given_name = 'Eva'")
            .fetch_one(p).await)
        .unwrap()
        .0;
        assert!(authority);
        assert_eq!(audit_rows(db, "add_member").await, 1);
        // A child needs a birth date (their age decides what they read).
        let reply = app
            .reply(
                "/api/add_member",
                &fatima,
                &[
                    ("case", &case),
                    ("member[given]", "Sam"),
                    ("member[family_name]", "de Boer"),
                    ("member[relation]", "child"),
                ],
            )
            .await;
        assert_eq!(field_errors(&reply), ["member[birth]"], "{reply}");

        // Two tabs adding the same brother at once: one person.
        let tasks: Vec<_> = (0..2)
            .map(|_| {
                let (app, case, cookie) = (app.clone(), case.clone(), fatima.clone());
                async move {
                    app.reply(
                        "/api/add_member",
                        &cookie,
                        &[
                            ("case", &case),
                            ("member[given]", "Sam"),
                            ("member[family_name]", "de Boer"),
                            ("member[relation]", "child"),
                            ("member[birth]", "2020-02-02"),
                        ],
                    )
                    .await
                }
            })
            .collect();
        common::one_went_through(&common::at_once(tasks).await, "MemberAlready");
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM people WHERE given_name = 'Sam'").await,
            1
        );
    }
);
