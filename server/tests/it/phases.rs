//! Recording the next phase (issue 15): a professional of the case moves it to a step that may
//! follow, the date comes from the phase's rule or from the decision (with a reason), bad
//! input stays with its field and writes nothing, and two professionals at once cannot give a
//! case two current phases.
use crate::common;

use app::{backend::Db, domain::deadline, on_db};
use axum::http::StatusCode;
use chrono::{Datelike, Months, NaiveDate};
use common::{audit_rows, field_errors, ids, Client, TestApp};

/// The case's phases, oldest first: (code, ended?, due date, outcome, decision, due reason).
type PhaseRow = (
    String,
    bool,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    Option<String>,
);

type At = Option<chrono::DateTime<chrono::Utc>>;
type RawRow = (
    String,
    At,
    At,
    Option<String>,
    Option<String>,
    Option<String>,
);

async fn phases(db: &Db, reference: &str) -> Vec<PhaseRow> {
    let rows: Vec<RawRow> =
        on_db!(db, p => sqlx::query_as(
            "SELECT cp.phase_code, cp.ended_at, cp.due_at, cp.outcome_code, cp.decision, cp.due_reason FROM case_phases cp \
             JOIN cases c ON c.id = cp.case_id WHERE c.reference = $1 ORDER BY cp.started_at")
            .bind(reference).fetch_all(p).await)
        .unwrap();
    rows.into_iter()
        .map(|(code, ended, due, outcome, decision, reason)| {
            (
                code,
                ended.is_some(),
                due.map(app::backend::time::local_date),
                outcome,
                decision,
                reason,
            )
        })
        .collect()
}

fn today() -> NaiveDate {
    app::backend::time::today()
}

/// A demo organisation's id, by its name.
async fn organisation(db: &Db, name: &str) -> String {
    let row: (uuid::Uuid,) =
        on_db!(db, p => sqlx::query_as("SELECT id FROM organisations WHERE name = $1")
        .bind(name).fetch_one(p).await)
        .unwrap();
    row.0.to_string()
}

async fn start(
    app: &TestApp,
    cookie: &str,
    case: &str,
    fields: &[(&str, &str)],
) -> serde_json::Value {
    let mut form = vec![("case", case)];
    form.extend_from_slice(fields);
    app.reply("/api/start_phase", cookie, &form).await
}

on_both!(
    a_professional_records_the_next_phase_and_the_family_sees_it,
    |app| {
        let anouk = app.login("anouk").await;
        let case = ids::case(app.db(), "2025-1187").await.to_string();
        let r = app
            .post(
                "/api/next_phase",
                &[("case", &case)],
                &anouk,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let next: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(next["current"], "GiOts", "{next}");
        let steps: Vec<&str> = next["next"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["phase"].as_str().unwrap())
            .collect();
        assert_eq!(
            steps,
            ["GiMuhp", "Afgesloten"],
            "the reference data's branches"
        );

        let until = today() + chrono::Duration::days(180);
        let before = audit_rows(app.db(), "start_phase").await;
        let reply = start(
            &app,
            &anouk,
            &case,
            &[
                ("from", "GI_OTS"),
                ("to", "GI_MUHP"),
                ("date", &today().to_string()),
                (
                    "decision",
                    "De rechter heeft een machtiging uithuisplaatsing verleend.",
                ),
                ("due", &until.to_string()),
                ("due_reason", "Zo staat het in de beschikking."),
            ],
        )
        .await;
        assert_eq!(reply["ok"], true, "{reply}");
        assert_eq!(audit_rows(app.db(), "start_phase").await, before + 1);
        let rows = phases(app.db(), "2025-1187").await;
        let [.., old, new] = rows.as_slice() else {
            panic!("{rows:?}")
        };
        assert_eq!(
            (old.0.as_str(), old.1, old.3.as_deref()),
            ("GI_OTS", true, Some("GI_MUHP"))
        );
        assert_eq!(new.0, "GI_MUHP");
        assert!(!new.1, "the new phase is current");
        assert_eq!(new.2, Some(until), "the date from the decision");
        assert_eq!(
            new.5.as_deref(),
            Some("Zo staat het in de beschikking."),
            "with its reason"
        );
        assert_eq!(rows.iter().filter(|r| !r.1).count(), 1);

        // The family's praatplaat moved with it.
        let peter = app.login("peter").await;
        let page = app.get("/waar-sta-ik", &peter).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("Uw kind woont ergens anders"),
            "{}",
            page.body
        );

        // The same form again (a second tab, a retry): the case has moved on, nothing is
        // written twice.
        let again = start(
            &app,
            &anouk,
            &case,
            &[
                ("from", "GI_OTS"),
                ("to", "GI_MUHP"),
                ("date", &today().to_string()),
                ("decision", "Nog een keer."),
                ("due", ""),
                ("due_reason", ""),
            ],
        )
        .await;
        assert_eq!(again["ok"], false, "{again}");
        assert!(again.to_string().contains("NextPhaseMovedOn"), "{again}");
        assert_eq!(phases(app.db(), "2025-1187").await.len(), rows.len());
        assert_eq!(audit_rows(app.db(), "start_phase").await, before + 1);
    }
);

on_both!(
    the_rule_gives_the_date_and_bad_input_stays_with_its_field,
    |app| {
        let jeroen = app.login("jeroen").await;
        let case = ids::case(app.db(), "2026-0412").await.to_string();
        let before = phases(app.db(), "2026-0412").await;
        let tomorrow = (today() + chrono::Duration::days(1)).to_string();
        for (fields, expected) in [
            // Not a step that may follow the Raad's investigation.
            (
                vec![
                    ("to", "GI_OTS".to_string()),
                    ("date", today().to_string()),
                    ("decision", "x".to_string()),
                ],
                vec!["to"],
            ),
            (
                vec![
                    ("to", "RECHTER_ZITTING".to_string()),
                    ("date", tomorrow.clone()),
                    ("decision", String::new()),
                ],
                vec!["date", "decision"],
            ),
            (
                vec![
                    ("to", "RECHTER_ZITTING".to_string()),
                    ("date", "1-2-2026".to_string()),
                    ("decision", "x".to_string()),
                ],
                vec!["date"],
            ),
            // A date set by hand needs its reason, and cannot end before the decision.
            (
                vec![
                    ("to", "RECHTER_ZITTING".to_string()),
                    ("date", today().to_string()),
                    ("decision", "x".to_string()),
                    ("due", (today() - chrono::Duration::days(1)).to_string()),
                ],
                vec!["due", "due_reason"],
            ),
        ] {
            let mut form: Vec<(&str, &str)> = vec![("from", "RVDK_ONDERZOEK")];
            form.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            for k in ["due", "due_reason"] {
                if !form.iter().any(|(f, _)| *f == k) {
                    form.push((k, ""));
                }
            }
            let reply = start(&app, &jeroen, &case, &form).await;
            assert_eq!(reply["ok"], false, "{reply}");
            assert_eq!(field_errors(&reply), expected, "{form:?}");
        }
        // A browser sends no `to` when no step was chosen: a message at the field too.
        let reply = start(
            &app,
            &jeroen,
            &case,
            &[
                ("from", "RVDK_ONDERZOEK"),
                ("date", &today().to_string()),
                ("decision", "x"),
            ],
        )
        .await;
        assert_eq!(field_errors(&reply), ["to"], "{reply}");
        assert_eq!(
            phases(app.db(), "2026-0412").await,
            before,
            "nothing half-written"
        );

        // The court hearing (no court is in Helder: no organisation to choose), then a
        // supervision order: a year by its rule (art. 1:258 BW), which a GI carries out. The
        // Raad records which one; without it, or with an organisation of another kind, the
        // message is at the field and nothing is written.
        let save = organisation(app.db(), "SAVE Jeugdbescherming").await;
        let buurtteam = organisation(app.db(), "Buurtteam Overvecht").await;
        let step = |from: &'static str, to: &'static str, lead: String| {
            vec![
                ("from", from.to_string()),
                ("to", to.to_string()),
                ("date", today().to_string()),
                ("decision", "Besluit van de kinderrechter.".to_string()),
                ("due", String::new()),
                ("due_reason", String::new()),
                ("lead", lead),
                ("watch", String::new()),
            ]
        };
        let post = |fields: Vec<(&'static str, String)>| {
            let (app, jeroen, case) = (app.clone(), jeroen.clone(), case.clone());
            async move {
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                start(&app, &jeroen, &case, &fields).await
            }
        };
        // No organisation takes over at the court: a watching date is refused, not dropped.
        let mut no_handover = step("RVDK_ONDERZOEK", "RECHTER_ZITTING", String::new());
        no_handover.retain(|(k, _)| *k != "watch");
        no_handover.push(("watch", (today() + chrono::Duration::days(30)).to_string()));
        let reply = post(no_handover).await;
        assert_eq!(field_errors(&reply), ["watch"], "{reply}");
        let reply = post(step("RVDK_ONDERZOEK", "RECHTER_ZITTING", String::new())).await;
        assert_eq!(reply["ok"], true, "{reply}");
        let next = app
            .reply("/api/next_phase", &jeroen, &[("case", case.as_str())])
            .await;
        let leads: Vec<String> = next["next"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["phase"] == "GiOts")
            .flat_map(|s| s["leads"].as_array().unwrap().iter())
            .map(|l| l[1].as_str().unwrap().to_string())
            .collect();
        assert_eq!(leads, ["SAVE Jeugdbescherming"], "{next}");
        let before = phases(app.db(), "2026-0412").await;
        for lead in [String::new(), buurtteam] {
            let reply = post(step("RECHTER_ZITTING", "GI_OTS", lead)).await;
            assert_eq!(field_errors(&reply), ["lead"], "{reply}");
        }
        assert_eq!(
            phases(app.db(), "2026-0412").await,
            before,
            "nothing written"
        );
        // The Raad hands over to SAVE and keeps watching a while: a day after the handover.
        let with_watch = |watch: String| {
            let mut f = step("RECHTER_ZITTING", "GI_OTS", save.clone());
            f.retain(|(k, _)| *k != "watch");
            f.push(("watch", watch));
            f
        };
        let reply = post(with_watch(today().to_string())).await;
        assert_eq!(field_errors(&reply), ["watch"], "{reply}");
        let watch = today() + chrono::Duration::days(30);
        let reply = post(with_watch(watch.to_string())).await;
        assert_eq!(reply["ok"], true, "{reply}");
        let handover: (String, String, Option<chrono::NaiveDate>) = app::on_db!(app.db(), p => sqlx::query_as(
            "SELECT f.name, t.name, h.previous_watches_until FROM handovers h JOIN organisations f ON f.id = h.from_organisation_id \
             JOIN organisations t ON t.id = h.to_organisation_id JOIN cases c ON c.id = h.case_id \
             WHERE c.reference = '2026-0412' ORDER BY h.at DESC LIMIT 1")
            .fetch_one(p).await)
        .unwrap();
        assert_eq!(
            handover,
            (
                "Raad voor de Kinderbescherming Midden-Nederland".to_string(),
                "SAVE Jeugdbescherming".to_string(),
                Some(watch)
            ),
            "the step another organisation leads is a handover"
        );
        let rows = phases(app.db(), "2026-0412").await;
        let current = rows.last().unwrap();
        assert_eq!(current.0, "GI_OTS");
        let year = today().checked_add_months(Months::new(12)).unwrap();
        assert_eq!(current.2, Some(year), "start + one year");
        assert_eq!(
            deadline::default_due(app::domain::PhaseCode::GiOts, today(), None),
            Some(year)
        );
        assert_eq!(current.5, None, "no reason: the rule gave the date");
        // The professional's list shows the date.
        let list = app
            .post("/api/list_my_cases", &[], &jeroen, Client::Script)
            .await;
        let work: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        let listed = &work["cases"][0];
        assert_eq!(listed["due"], year.to_string(), "{work}");
        // And the family reads the new phase with its end date.
        let sanne = app.login("sanne").await;
        let page = app.get("/waar-sta-ik", &sanne).await;
        assert!(page.body.contains("Ondertoezichtstelling"), "{}", page.body);
        assert!(page.body.contains(&year.year().to_string()));
        assert!(
            page.body.contains("SAVE Jeugdbescherming"),
            "who leads it now"
        );
        assert!(
            page.body
                .contains("Raad voor de Kinderbescherming Midden-Nederland kijkt nog mee tot"),
            "the handover and how long the Raad keeps watching"
        );
    }
);

on_both!(
    two_professionals_at_once_give_a_case_one_next_phase,
    |app| {
        let case = ids::case(app.db(), "2026-0412").await.to_string();
        let jeroen = app.login("jeroen").await;
        let willem = app.login("willem").await;
        // The local team's help is led by the local team, which the Raad names.
        let buurtteam = organisation(app.db(), "Buurtteam Overvecht").await;
        let tasks: Vec<_> = [(jeroen, "RECHTER_ZITTING"), (willem, "LT_HULP")]
            .into_iter()
            .map(|(cookie, to)| {
                let (app, case, lead) = (app.clone(), case.clone(), buurtteam.clone());
                async move {
                    start(
                        &app,
                        &cookie,
                        &case,
                        &[
                            ("from", "RVDK_ONDERZOEK"),
                            ("to", to),
                            ("date", &today().to_string()),
                            ("decision", "Besluit."),
                            ("due", ""),
                            ("due_reason", ""),
                            ("lead", &lead),
                        ],
                    )
                    .await
                }
            })
            .collect();
        common::one_went_through(&common::at_once(tasks).await, "NextPhaseMovedOn");
        let rows = phases(app.db(), "2026-0412").await;
        assert_eq!(rows.iter().filter(|r| !r.1).count(), 1, "{rows:?}");
        assert_eq!(audit_rows(app.db(), "start_phase").await, 1);
    }
);
