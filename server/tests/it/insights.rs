//! The organisation's anonymised figures: who may see them, what is hidden, the CSV, and the
//! guard against differencing tried with random data and random filter combinations.
//! SQLite and PostgreSQL.
use crate::common;

use app::backend::{
    anonymity::MIN_RESPONDENTS,
    store::insights::{self, CellKey},
    Db,
};
use app::domain::PersonId;
use axum::http::StatusCode;
use common::Client;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// One generated response: (month, team, phase, group, respondent).
type Row = (String, String, String, String, Uuid);

/// A small deterministic generator (the seed is printed, so a failure can be replayed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

async fn org_of(db: &Db, username: &str) -> Uuid {
    app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>("SELECT organisation_id FROM accounts WHERE username = $1").bind(username).fetch_one(p).await).unwrap().0
}

async fn teams_of(db: &Db, org: Uuid) -> Vec<String> {
    insights::teams(db, org)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id.to_string())
        .collect()
}

async fn insights_json(app: &common::TestApp, cookie: &str, filter: &[(&str, &str)]) -> Value {
    let form: Vec<(String, String)> = filter
        .iter()
        .map(|(k, v)| (format!("filter[{k}]"), v.to_string()))
        .collect();
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app
        .post("/api/insights", &pairs, cookie, Client::Script)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

on_both!(
    only_analysts_and_administrators_see_their_own_organisations_figures,
    |app| {
        // Everyone else: the page and the CSV look like a page that does not exist.
        for user in ["sanne", "noor", "jeroen", "anouk", "yvonne"] {
            let cookie = app.login(user).await;
            let r = app
                .post("/api/insights", &[], &cookie, Client::Script)
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{user}");
            let csv = app.get("/inzicht/export.csv", &cookie).await;
            assert_eq!(csv.status, StatusCode::NOT_FOUND, "{user}");
        }
        let analist = app.login("analist").await;
        let page = app.get("/inzicht", &analist).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("SAVE Jeugdbescherming"));
        assert!(page.body.contains("Team Utrecht-Noord"));
        let debug = insights_json(&app, &analist, &[]).await;
        assert!(
            page.body.contains(r#"class="chart chart-narrow""#),
            "{}",
            debug["periods"]
        );
        assert!(
            !page.body.contains(r#"class="suppressed""#),
            "the whole organisation is big enough: {} {}",
            debug["team_rows"],
            debug["corrections"]
        );
        // The young people of the smallest team are too few to show.
        let org = org_of(app.db(), "analist").await;
        let amersfoort = insights::teams(app.db(), org)
            .await
            .unwrap()
            .into_iter()
            .find(|(_, name)| name == "Team Amersfoort")
            .unwrap()
            .0;
        let small = app
            .get(
                &format!("/inzicht?team={amersfoort}&groep=young_person"),
                &analist,
            )
            .await;
        assert!(
            small.body.contains(r#"class="suppressed""#)
                && small.body.contains("te weinig reacties"),
            "a small group is hidden"
        );
        // No names, comments or ids of anyone leave this page.
        for secret in [
            "Sanne",
            "Peter Bakker",
            "Emma",
            "Meer tijd",
            "Fijn dat er tijd",
        ] {
            assert!(!page.body.contains(secret), "{secret}");
        }
        // The CSV is the table on screen.
        let csv = app.get("/inzicht/export.csv?per=maand", &analist).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let mut lines = csv.body.lines();
        assert_eq!(lines.next(), Some(app::backend::figures::CSV_HEADER));
        let json = insights_json(&app, &analist, &[("per", "maand")]).await;
        let rows = json["periods"].as_array().unwrap();
        assert_eq!(lines.clone().count(), rows.len());
        for (line, row) in lines.zip(rows) {
            assert!(line.starts_with(row["label"].as_str().unwrap()));
            assert_eq!(
                line.contains("te weinig reacties"),
                !row["shown"].as_bool().unwrap()
            );
            if row["shown"].as_bool().unwrap() {
                let n = row["responses"].as_i64().unwrap();
                assert_eq!(n % 5, 0, "counts rounded to five");
            }
        }
        // The administrator of the Raad sees the Raad's figures only.
        let beheer = app.login("beheer").await;
        let page = app.get("/inzicht", &beheer).await;
        assert!(
            page.body.contains("Raad voor de Kinderbescherming")
                && !page.body.contains("Team Utrecht-Noord")
        );
    }
);

on_both!(
    no_hidden_group_can_be_worked_out_from_shown_figures,
    |app| {
        let db = app.db().clone();
        let org = org_of(&db, "analist").await;
        let teams = teams_of(&db, org).await;
        let phases = ["GI_OTS", "GI_VOOGDIJ", "GI_MUHP"];
        let groups = ["parent", "young_person"];
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        println!("seed {seed}");
        let mut rng = Lcg(seed);
        // Random responses in 2024: many small cells, some people in several cells.
        let people: Vec<PersonId> = (0..80).map(|_| PersonId::fresh()).collect();
        let mut truth: Vec<Row> = Vec::new();
        let mut tx = db.begin().await.unwrap();
        for m in 1..=12 {
            let month = format!("2024-{m:02}");
            for team in &teams {
                for phase in phases {
                    for group in groups {
                        let n = rng.next(16);
                        let key = CellKey {
                            organisation: org.to_string(),
                            month: month.clone(),
                            team: team.clone(),
                            phase: phase.to_string(),
                            group: group.to_string(),
                        };
                        for _ in 0..n {
                            let person = people[rng.next(people.len() as u64) as usize];
                            insights::add_response(&mut tx, &key, person, &[7, 8, 6, 9])
                                .await
                                .unwrap();
                            truth.push((
                                month.clone(),
                                team.clone(),
                                phase.to_string(),
                                group.to_string(),
                                person.0,
                            ));
                        }
                    }
                }
            }
        }
        tx.commit().await.unwrap();
        let distinct = |keep: &dyn Fn(&Row) -> bool| -> usize {
            truth
                .iter()
                .filter(|r| keep(r))
                .map(|r| r.4)
                .collect::<BTreeSet<_>>()
                .len()
        };
        let quarter = |m: &str| app::backend::anonymity::Period::quarter_of(m);

        let analist = app.login("analist").await;
        let mut checked = 0;
        for _ in 0..12 {
            // A random base: each of team, phase, group fixed or open; one of them broken down.
            let pick = |rng: &mut Lcg, values: &[String]| -> String {
                if rng.next(2) == 0 {
                    String::new()
                } else {
                    values[rng.next(values.len() as u64) as usize].clone()
                }
            };
            let phase_values: Vec<String> = phases.iter().map(|s| s.to_string()).collect();
            let group_values: Vec<String> = groups.iter().map(|s| s.to_string()).collect();
            let mut base = [
                pick(&mut rng, &teams),
                pick(&mut rng, &phase_values),
                pick(&mut rng, &group_values),
            ];
            let dim = rng.next(3) as usize;
            base[dim] = String::new();
            let values = [&teams, &phase_values, &group_values][dim].clone();
            let per = if rng.next(2) == 0 {
                "maand"
            } else {
                "kwartaal"
            };
            let query = |b: &[String; 3]| {
                vec![
                    ("per", per.to_string()),
                    ("van", "2024-01".to_string()),
                    ("tot", "2024-12".to_string()),
                    ("team", b[0].clone()),
                    ("fase", b[1].clone()),
                    ("groep", b[2].clone()),
                ]
            };
            let fetch = |b: [String; 3]| {
                let q = query(&b);
                let app = &app;
                let analist = analist.clone();
                async move {
                    let pairs: Vec<(&str, &str)> =
                        q.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let json = insights_json(app, &analist, &pairs).await;
                    json["periods"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            (
                                r["label"].as_str().unwrap().to_string(),
                                r["shown"].as_bool().unwrap(),
                            )
                        })
                        .collect::<HashMap<String, bool>>()
                }
            };
            let in_period = |label: &str, month: &str| {
                if label.contains('Q') {
                    quarter(month) == label
                } else {
                    label == month
                }
            };
            let matches = |b: &[String; 3], label: &str, r: &Row| {
                in_period(label, &r.0)
                    && (b[0].is_empty() || b[0] == r.1)
                    && (b[1].is_empty() || b[1] == r.2)
                    && (b[2].is_empty() || b[2] == r.3)
            };
            let parent = fetch(base.clone()).await;
            let mut children: Vec<([String; 3], HashMap<String, bool>)> = Vec::new();
            for v in &values {
                let mut b = base.clone();
                b[dim] = v.clone();
                children.push((b.clone(), fetch(b).await));
            }
            for (label, parent_shown) in &parent {
                // Rule 1 for everything shown.
                if *parent_shown {
                    assert!(
                        distinct(&|r| matches(&base, label, r)) >= MIN_RESPONDENTS as usize,
                        "seed {seed}: {label} {base:?}"
                    );
                }
                for (b, rows) in &children {
                    if rows[label] {
                        assert!(
                            distinct(&|r| matches(b, label, r)) >= MIN_RESPONDENTS as usize,
                            "seed {seed}: {label} {b:?}"
                        );
                    }
                }
                // Rule 2: parent − shown children = the hidden children together: none, or ten+.
                if *parent_shown {
                    let hidden: Vec<&[String; 3]> = children
                        .iter()
                        .filter(|(_, rows)| !rows[label])
                        .map(|(b, _)| b)
                        .collect();
                    let n = distinct(&|r| hidden.iter().any(|b| matches(b, label, r)));
                    assert!(
                        n == 0 || n >= MIN_RESPONDENTS as usize,
                        "seed {seed}: {label} {base:?} by {dim}: hidden group of {n}"
                    );
                    checked += 1;
                }
            }
        }
        // Months within their quarter: the hidden months of a shown quarter together are none or ten+.
        let months = insights_json(
            &app,
            &analist,
            &[("per", "maand"), ("van", "2024-01"), ("tot", "2024-12")],
        )
        .await;
        let quarters = insights_json(
            &app,
            &analist,
            &[("per", "kwartaal"), ("van", "2024-01"), ("tot", "2024-12")],
        )
        .await;
        for q in quarters["periods"].as_array().unwrap() {
            if !q["shown"].as_bool().unwrap() {
                continue;
            }
            let label = q["label"].as_str().unwrap();
            let hidden: Vec<String> = months["periods"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|m| {
                    quarter(m["label"].as_str().unwrap()) == label && !m["shown"].as_bool().unwrap()
                })
                .map(|m| m["label"].as_str().unwrap().to_string())
                .collect();
            let n = distinct(&|r| hidden.contains(&r.0));
            assert!(
                n == 0 || n >= MIN_RESPONDENTS as usize,
                "seed {seed}: {label}: hidden months of {n}"
            );
        }
        assert!(checked > 0, "the random filters reached shown parents");
    }
);
