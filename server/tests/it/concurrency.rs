//! Writes side by side (issue 21). Many requests of every kind are released at the same
//! moment by a barrier (never a sleep), on SQLite and PostgreSQL. Each must either succeed or
//! get the refusal the rules call for — never a 5xx — and afterwards nothing may be counted
//! twice or lost: numbers are used once, "once per contact" holds, and the insights summary
//! tables move exactly as much as a recount of the new base rows says.
use crate::common;

use app::backend::{
    db::{Db, WRITE_ATTEMPTS},
    store::insights::month_of,
    StoreError,
};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use common::{ids, Client, Reply, TestApp};
use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{
        atomic::{AtomicU32, Ordering},
        Arc,
    },
};
use uuid::Uuid;

const RAAD: &str = "Beschermingsonderzoek (concept)";
const RAAD_VIEW: &str = "De Raad vindt dat de spanning";
const OFFICE: &str = "De raadsonderzoeker sprak moeder";

/// One request: who sends it (their cookie), to which server function, with which fields.
#[derive(Clone)]
struct Post {
    what: String,
    cookie: String,
    path: &'static str,
    form: Vec<(&'static str, String)>,
}

fn post(
    what: impl Into<String>,
    cookie: &str,
    path: &'static str,
    form: &[(&'static str, &str)],
) -> Post {
    Post {
        what: what.into(),
        cookie: cookie.to_string(),
        path,
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
    }
}

/// Runs every writer in its own task; a barrier releases them together, then each sends its
/// posts one after the other (as a client does). Returns every (post, reply).
async fn side_by_side(app: &Arc<TestApp>, writers: Vec<Vec<Post>>) -> Vec<(Post, Reply)> {
    let work = writers
        .into_iter()
        .map(|posts| {
            let app = app.clone();
            async move {
                let mut out = Vec::new();
                for p in posts {
                    let reply = {
                        let form: Vec<(&str, &str)> =
                            p.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        app.post(p.path, &form, &p.cookie, Client::Script).await
                    };
                    out.push((p, reply));
                }
                out
            }
        })
        .collect();
    common::at_once(work).await.into_iter().flatten().collect()
}

/// Every post at once: one writer per post.
async fn all_at_once(app: &Arc<TestApp>, posts: Vec<Post>) -> Vec<(Post, Reply)> {
    side_by_side(app, posts.into_iter().map(|p| vec![p]).collect()).await
}

fn ok(r: &Reply) -> bool {
    r.status == StatusCode::OK && r.body.contains(r#""ok":true"#)
}

/// No reply may be a server error; the message lists every one that was.
fn assert_no_5xx(results: &[(Post, Reply)]) {
    let bad: Vec<String> = results
        .iter()
        .filter(|(_, r)| r.status.is_server_error())
        .map(|(p, r)| format!("{} → {}: {}", p.what, r.status, r.body))
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} concurrent requests got a 5xx:\n{}",
        bad.len(),
        results.len(),
        bad.join("\n")
    );
}

fn of<'a>(results: &'a [(Post, Reply)], prefix: &str) -> Vec<&'a Reply> {
    results
        .iter()
        .filter(|(p, _)| p.what.starts_with(prefix))
        .map(|(_, r)| r)
        .collect()
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    app::on_db!(db, p => sqlx::query_as::<_, (i64,)>(sql).fetch_one(p).await)
        .unwrap()
        .0
}

async fn audit_count(db: &Db, action: &str) -> i64 {
    app::on_db!(db, p => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM audit_events WHERE action = $1")
        .bind(action).fetch_one(p).await)
    .unwrap()
    .0
}

on_both!(
    eight_concurrent_writers_add_own_views_to_the_same_report_without_a_5xx,
    |app| {
        // Mehmet, the father without parental authority, writes too: open his whole dossier.
        app.open_whole_dossier_for_mehmet().await;
        let app = Arc::new(app);
        let db = app.db().clone();
        let report = ids::report(&db, RAAD).await;
        let targets = [
            ids::statement(&db, RAAD_VIEW).await.to_string(),
            ids::statement(&db, OFFICE).await.to_string(),
        ];
        let users = ["sanne", "mehmet", "noor", "lisa"];
        let mut cookies = Vec::new();
        for u in users {
            cookies.push(app.login(u).await);
        }
        let seqs = |db: Db| async move {
            app::on_db!(&db, p => sqlx::query_as::<_, (i32,)>("SELECT seq FROM statements WHERE report_id = $1 ORDER BY seq")
                .bind(report).fetch_all(p).await)
            .unwrap()
            .into_iter()
            .map(|r| r.0)
            .collect::<Vec<_>>()
        };
        let before = seqs(db.clone()).await;
        let views_before = audit_count(&db, "add_own_view").await;
        // Eight writers, two per family member. A member's two writers send the same six
        // forms (the same keys) at the same moment: a double submit from two tabs.
        const VIEWS: usize = 6;
        let writers: Vec<Vec<Post>> = (0..8)
            .map(|w| {
                let u = w % users.len();
                (0..VIEWS)
                    .map(|i| {
                        let text = format!("Mijn kant {i} van {}.", users[u]);
                        post(
                            format!("own view {} {i}", users[u]),
                            &cookies[u],
                            "/api/add_own_view",
                            &[
                                ("statement", &targets[i % 2]),
                                ("key", &format!("v{i}")),
                                ("text", &text),
                            ],
                        )
                    })
                    .collect()
            })
            .collect();
        let results = side_by_side(&app, writers).await;
        assert_eq!(results.len(), 8 * VIEWS);
        assert_no_5xx(&results);
        for (p, r) in &results {
            assert!(ok(r), "{}: {} {}", p.what, r.status, r.body);
        }

        // Each form once: four members × six views; numbered on from the last number, each
        // number once, none skipped.
        let after = seqs(db.clone()).await;
        let new = users.len() * VIEWS;
        assert_eq!(after.len(), before.len() + new);
        let last = before.iter().copied().max().unwrap_or(0);
        let expected: Vec<i32> = before
            .iter()
            .copied()
            .chain(last + 1..=last + new as i32)
            .collect();
        assert_eq!(after, expected, "numbers used once, in order");
        assert_eq!(
            audit_count(&db, "add_own_view").await - views_before,
            new as i64
        );
        let kinds: Vec<(String, i64)> = app::on_db!(&db, p => sqlx::query_as(
            "SELECT kind, COUNT(*) FROM statements WHERE report_id = $1 AND kind IN ('visie_ouder', 'visie_kind') \
             AND text LIKE 'Mijn kant %' GROUP BY kind ORDER BY kind")
            .bind(report).fetch_all(p).await)
        .unwrap();
        assert_eq!(
            kinds,
            [
                ("visie_kind".to_string(), 2 * VIEWS as i64),
                ("visie_ouder".to_string(), 2 * VIEWS as i64)
            ]
        );
        // The page shows them as before: next to the statement they answer.
        let page = app.get(&format!("/rapporten/{report}"), &cookies[0]).await;
        assert_eq!(page.status, StatusCode::OK);
        for u in users {
            assert!(
                page.body.contains(&format!("Mijn kant 0 van {u}.")),
                "{u}'s view on the page"
            );
        }
    }
);

/// (organisation, month, team, phase, group).
type Cell = (String, String, String, String, String);

/// The numbers of one insight cell that a recount can check: responses, respondents, the four
/// sums, below the cut-off, of those replied, of those discussed; then the members counted
/// for `respondents`, the responses replied to (reply days), and nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Figures {
    responses: i64,
    respondents: i64,
    sums: [i64; 4],
    below: i64,
    below_replied: i64,
    below_discussed: i64,
    members: i64,
    replied: i64,
}

impl std::ops::Sub for Figures {
    type Output = Figures;
    fn sub(self, o: Figures) -> Figures {
        Figures {
            responses: self.responses - o.responses,
            respondents: self.respondents - o.respondents,
            sums: std::array::from_fn(|i| self.sums[i] - o.sums[i]),
            below: self.below - o.below,
            below_replied: self.below_replied - o.below_replied,
            below_discussed: self.below_discussed - o.below_discussed,
            members: self.members - o.members,
            replied: self.replied - o.replied,
        }
    }
}

type CellRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
);

/// The insight cells as stored now.
async fn cells(db: &Db) -> BTreeMap<Cell, Figures> {
    let rows: Vec<CellRow> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, team, phase, respondent_group, responses, respondents, sum_heard, sum_topics, \
           sum_approach, sum_overall, below_cutoff, below_replied, below_discussed FROM insight_cells")
        .fetch_all(p).await)
    .unwrap();
    let mut out: BTreeMap<Cell, Figures> = BTreeMap::new();
    for r in rows {
        out.insert(
            (r.0, r.1, r.2, r.3, r.4),
            Figures {
                responses: r.5,
                respondents: r.6,
                sums: [r.7, r.8, r.9, r.10],
                below: r.11,
                below_replied: r.12,
                below_discussed: r.13,
                ..Figures::default()
            },
        );
    }
    let members: Vec<(String, String, String, String, String, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, team, phase, respondent_group, COUNT(*) FROM insight_cell_members \
         GROUP BY organisation_id, month, team, phase, respondent_group")
        .fetch_all(p).await)
    .unwrap();
    for m in members {
        out.entry((m.0, m.1, m.2, m.3, m.4)).or_default().members = m.5;
    }
    let replied: Vec<(String, String, String, String, String, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, team, phase, respondent_group, CAST(SUM(n) AS BIGINT) FROM insight_reply_days \
         GROUP BY organisation_id, month, team, phase, respondent_group")
        .fetch_all(p).await)
    .unwrap();
    for m in replied {
        out.entry((m.0, m.1, m.2, m.3, m.4)).or_default().replied = m.5;
    }
    out
}

/// The cell, the four scores and "below the cut-off" of a sent response, from the base tables.
async fn response_cell(db: &Db, id: Uuid) -> (Cell, [i64; 4], bool) {
    let (org, team, phase, group, at): (Uuid, Option<Uuid>, Option<String>, String, Option<DateTime<Utc>>) =
        app::on_db!(db, p => sqlx::query_as(
            "SELECT organisation_id, team_id, phase_code, respondent_group, submitted_at FROM feedback_responses WHERE id = $1")
            .bind(id).fetch_one(p).await)
        .unwrap();
    let scores: Vec<(String, i16)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT item_code, score FROM feedback_scores WHERE response_id = $1")
        .bind(id).fetch_all(p).await)
    .unwrap();
    let mut s = [0i64; 4];
    for (code, score) in scores {
        let i = ["heard", "topics", "approach", "overall"]
            .iter()
            .position(|c| *c == code)
            .unwrap();
        s[i] = i64::from(score);
    }
    let below = s.iter().sum::<i64>() <= i64::from(app::domain::feedback::LOW_TOTAL);
    (
        (
            org.to_string(),
            month_of(at.expect("sent")),
            team.map(|t| t.to_string()).unwrap_or_default(),
            phase.unwrap_or_default(),
            group,
        ),
        s,
        below,
    )
}

async fn id_set(db: &Db, sql: &'static str) -> BTreeSet<Uuid> {
    app::on_db!(db, p => sqlx::query_as::<_, (Uuid,)>(sql).fetch_all(p).await)
        .unwrap()
        .into_iter()
        .map(|r| r.0)
        .collect()
}

/// (organisation, month) → (requests, requesters, accepted + declined, members, decision days).
async fn correction_cells(db: &Db) -> BTreeMap<(String, String), [i64; 5]> {
    let mut out: BTreeMap<(String, String), [i64; 5]> = BTreeMap::new();
    let rows: Vec<(String, String, i64, i64, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, requests, requesters, accepted + declined FROM insight_corrections")
        .fetch_all(p).await)
    .unwrap();
    for r in rows {
        let e = out.entry((r.0, r.1)).or_default();
        (e[0], e[1], e[2]) = (r.2, r.3, r.4);
    }
    let rows: Vec<(String, String, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, COUNT(*) FROM insight_correction_members GROUP BY organisation_id, month")
        .fetch_all(p).await)
    .unwrap();
    for r in rows {
        out.entry((r.0, r.1)).or_default()[3] = r.2;
    }
    let rows: Vec<(String, String, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT organisation_id, month, CAST(SUM(n) AS BIGINT) FROM insight_correction_days GROUP BY organisation_id, month")
        .fetch_all(p).await)
    .unwrap();
    for r in rows {
        out.entry((r.0, r.1)).or_default()[4] = r.2;
    }
    out
}

fn diff<K: Ord + Clone, V: Copy + Default + PartialEq + std::ops::Sub<Output = V>>(
    after: &BTreeMap<K, V>,
    before: &BTreeMap<K, V>,
) -> BTreeMap<K, V> {
    after
        .iter()
        .map(|(k, v)| (k.clone(), *v - before.get(k).copied().unwrap_or_default()))
        .filter(|(_, d)| *d != V::default())
        .collect()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Five([i64; 5]);
impl std::ops::Sub for Five {
    type Output = Five;
    fn sub(self, o: Five) -> Five {
        Five(std::array::from_fn(|i| self.0[i] - o.0[i]))
    }
}

on_both!(
    every_kind_of_write_at_once_keeps_the_rules_and_the_sums,
    |app| {
        // Mehmet, the father without parental authority, writes too: open his whole dossier.
        app.open_whole_dossier_for_mehmet().await;
        let app = Arc::new(app);
        let db = app.db().clone();
        let users = ["sanne", "mehmet", "noor", "lisa"];
        let mut family = BTreeMap::new();
        for u in users {
            family.insert(u, app.login(u).await);
        }
        let (jeroen, fatima, anouk) = (
            app.login("jeroen").await,
            app.login("fatima").await,
            app.login("anouk").await,
        );
        let case = ids::case(&db, "2026-0412").await.to_string();
        let bakker = ids::case(&db, "2025-1187").await.to_string();
        let linda = ids::person(&db, "Linda").await;
        let (mehmet_id, sanne_id) = (
            ids::person(&db, "Mehmet").await.to_string(),
            ids::person(&db, "Sanne").await.to_string(),
        );
        let raad_view = ids::statement(&db, RAAD_VIEW).await.to_string();
        let office = ids::statement(&db, OFFICE).await.to_string();
        let recent: (Uuid,) = app::on_db!(&db, p => sqlx::query_as(
            "SELECT id FROM contacts WHERE summary = 'Gesprek over het conceptrapport.'").fetch_one(p).await)
        .unwrap();
        let recent = recent.0.to_string();
        let to_answer: Vec<Uuid> = id_set(
            &db,
            "SELECT r.id FROM feedback_responses r JOIN contacts c ON c.id = r.contact_id \
             WHERE c.summary LIKE 'Huisbezoek%' AND r.status = 'submitted'",
        )
        .await
        .into_iter()
        .collect();
        assert_eq!(
            to_answer.len(),
            2,
            "Sanne's and Noor's responses to the home visit"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM feedback_followups").await,
            1,
            "only the first meeting's response was answered"
        );
        let request = ids::open_request(&db).await.to_string();
        let until = (Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
        let today = app::backend::time::today().format("%Y-%m-%d").to_string();
        // A share to stop while other things happen.
        let r = app
            .post(
                "/api/share_dossier",
                &[
                    ("username", "yvonne"),
                    ("role", "vertrouwenspersoon"),
                    ("until", &until),
                ],
                &family["sanne"],
                Client::Script,
            )
            .await;
        assert!(ok(&r), "{}", r.body);
        let share: (Uuid,) = app::on_db!(&db, p => sqlx::query_as("SELECT id FROM delegations WHERE revoked_at IS NULL")
            .fetch_one(p).await)
        .unwrap();
        let share = share.0.to_string();

        // What is there before.
        let cells_before = cells(&db).await;
        let corrections_before = correction_cells(&db).await;
        let responses_before = id_set(&db, "SELECT id FROM feedback_responses").await;
        let requests_before = id_set(&db, "SELECT id FROM correction_requests").await;
        let contacts_before = count(
            &db,
            "SELECT CAST(COALESCE(SUM(contacts), 0) AS BIGINT) FROM insight_contacts",
        )
        .await;
        let agreements_before = count(&db, "SELECT COUNT(*) FROM statement_agreements").await;
        let actions = [
            "add_own_view",
            "request_correction",
            "agree",
            "send_feedback",
            "save_feedback_draft",
            "reply_feedback",
            "mark_discussed",
            "record_contact",
            "accept_correction",
            "decline_correction",
            "give_consent",
            "withdraw_consent",
            "share",
            "revoke_share",
            "invite",
        ];
        let mut audit_before = BTreeMap::new();
        for a in actions {
            audit_before.insert(a, audit_count(&db, a).await);
        }
        // Log-ins so far (the test's own) reserved attempts on the address; the unknown name
        // was never tried.
        let failures_of = |key: &'static str| {
            let db = db.clone();
            async move {
                let row: Option<(i64,)> = app::on_db!(&db, p => sqlx::query_as("SELECT CAST(failures AS BIGINT) FROM login_throttle WHERE key = $1")
                    .bind(key).fetch_optional(p).await)
                .unwrap();
                row.map_or(0, |r| r.0)
            }
        };
        let address_before = failures_of("ip:unknown").await;
        assert_eq!(failures_of("account:onbekend").await, 0);

        // Every kind of write, each several times, all at the same moment.
        let mut posts = Vec::new();
        for u in ["sanne", "noor"] {
            for i in 0..3 {
                let text = format!("Gelijktijdig {u} {i}.");
                for _ in 0..2 {
                    posts.push(post(
                        format!("own view {u} {i}"),
                        &family[u],
                        "/api/add_own_view",
                        &[
                            ("statement", &raad_view),
                            ("key", &format!("c{i}")),
                            ("text", &text),
                        ],
                    ));
                }
            }
        }
        for u in ["sanne", "mehmet", "lisa"] {
            for i in 0..2 {
                let reason = format!("Dat klopt niet ({u} {i}).");
                for _ in 0..2 {
                    posts.push(post(
                        format!("correction {u} {i}"),
                        &family[u],
                        "/api/request_correction",
                        &[
                            ("statement", &office),
                            ("key", &format!("r{i}")),
                            ("kind", "feitelijke_onjuistheid"),
                            ("reason", &reason),
                            ("proposed", ""),
                        ],
                    ));
                }
            }
        }
        for u in users {
            for _ in 0..2 {
                posts.push(post(
                    format!("agree {u}"),
                    &family[u],
                    "/api/agree_statement",
                    &[("statement", &office)],
                ));
            }
            for (intent, key) in [
                ("send", "s1"),
                ("send", "s2"),
                ("draft", "d1"),
                ("draft", "d2"),
            ] {
                posts.push(post(
                    format!("feedback {intent} {u}"),
                    &family[u],
                    "/api/save_feedback",
                    &[
                        ("contact", &recent),
                        ("key", key),
                        ("intent", intent),
                        ("heard", "6"),
                        ("topics", "7"),
                        ("approach", "8"),
                        ("overall", "9"),
                        ("comment", ""),
                    ],
                ));
            }
        }
        for key in ["g1", "g2", "g3"] {
            posts.push(post(
                "general draft noor",
                &family["noor"],
                "/api/save_feedback",
                &[
                    ("contact", ""),
                    ("key", key),
                    ("intent", "draft"),
                    ("heard", "4"),
                    ("comment", ""),
                ],
            ));
        }
        for response in &to_answer {
            let response = response.to_string();
            for i in 0..3 {
                posts.push(post(
                    "reply",
                    &jeroen,
                    "/api/reply_to_feedback",
                    &[("response", &response), ("text", &format!("Antwoord {i}."))],
                ));
                posts.push(post(
                    "discussed",
                    &jeroen,
                    "/api/mark_discussed",
                    &[("response", &response), ("date", &today)],
                ));
            }
        }
        let new_contacts: Vec<String> = (0..3).map(|_| Uuid::new_v4().to_string()).collect();
        for id in &new_contacts {
            for _ in 0..2 {
                posts.push(post(
                    "contact",
                    &jeroen,
                    "/api/record_contact",
                    &[
                        ("case", &case),
                        ("id", id),
                        ("kind", "call"),
                        ("date", &today),
                        ("time", ""),
                        ("summary", "Telefoongesprek."),
                    ],
                ));
            }
        }
        for (decision, text) in [
            ("accept", "Nieuwe tekst."),
            ("accept", "Nieuwe tekst."),
            ("decline", ""),
            ("decline", ""),
        ] {
            posts.push(post(
                "decide",
                &fatima,
                "/api/decide_correction",
                &[
                    ("request", &request),
                    ("decision", decision),
                    ("text", text),
                    ("reason", "Besloten."),
                ],
            ));
        }
        for _ in 0..3 {
            posts.push(post(
                "consent give",
                &family["lisa"],
                "/api/set_consent",
                &[("parent", &mehmet_id), ("give", "true")],
            ));
            posts.push(post(
                "consent withdraw",
                &family["lisa"],
                "/api/set_consent",
                &[("parent", &sanne_id), ("give", "false")],
            ));
            posts.push(post(
                "share",
                &family["sanne"],
                "/api/share_dossier",
                &[
                    ("username", "yvonne"),
                    ("role", "advocaat"),
                    ("until", &until),
                ],
            ));
            posts.push(post(
                "revoke",
                &family["sanne"],
                "/api/revoke_share",
                &[("share", &share)],
            ));
        }
        for _ in 0..4 {
            posts.push(post(
                "invite",
                &anouk,
                "/api/invite_member",
                &[
                    ("case", &bakker),
                    ("person", &linda.to_string()),
                    ("phone", "0612345678"),
                ],
            ));
        }
        for _ in 0..8 {
            posts.push(post(
                "login",
                "",
                "/api/login",
                &[("username", "onbekend"), ("password", "fout-fout-fout")],
            ));
        }
        let sent = posts.len();
        let results = all_at_once(&app, posts).await;
        assert_eq!(results.len(), sent);
        println!("{sent} requests at once on {}", db.backend_name());
        assert_no_5xx(&results);

        // Own views and correction requests: every form succeeds, each key is stored once.
        for what in [
            "own view",
            "correction",
            "agree",
            "reply",
            "discussed",
            "contact",
            "consent",
            "share",
            "invite",
        ] {
            for r in of(&results, what) {
                assert!(ok(r), "{what}: {} {}", r.status, r.body);
            }
        }
        let audit = |a: &'static str| {
            let db = db.clone();
            let before = audit_before[a];
            async move { audit_count(&db, a).await - before }
        };
        assert_eq!(audit("add_own_view").await, 6);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM statements WHERE text LIKE 'Gelijktijdig %'"
            )
            .await,
            6
        );
        let new_requests: Vec<Uuid> = id_set(&db, "SELECT id FROM correction_requests")
            .await
            .difference(&requests_before)
            .copied()
            .collect();
        assert_eq!(new_requests.len(), 6);
        assert_eq!(audit("request_correction").await, 6);
        // "Dit klopt": once per person, recorded as often as it was new.
        let agreements =
            count(&db, "SELECT COUNT(*) FROM statement_agreements").await - agreements_before;
        assert_eq!(audit("agree").await, agreements);
        assert_eq!(
            ids::count(
                &db,
                "SELECT COUNT(*) FROM statement_agreements WHERE statement_id = $1",
                office.parse().unwrap()
            )
            .await,
            4,
            "each member once"
        );

        // Feedback: once per person per contact. Of the two sends one is stored and the other
        // is told feedback was already given; a draft either is saved or gets that answer too.
        for u in users {
            let sends = of(&results, &format!("feedback send {u}"));
            assert_eq!(
                sends.iter().filter(|r| ok(r)).count(),
                1,
                "{u}: one send stored"
            );
            for r in sends
                .iter()
                .chain(of(&results, &format!("feedback draft {u}")).iter())
            {
                assert!(
                    ok(r) || r.body.contains("FbAlreadyGiven"),
                    "{u}: {}",
                    r.body
                );
            }
        }
        let per_person: Vec<(Uuid, i64, i64)> = app::on_db!(&db, p => sqlx::query_as(
            "SELECT respondent_person_id, COUNT(*), CAST(SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END) AS BIGINT) \
             FROM feedback_responses WHERE contact_id = $1 GROUP BY respondent_person_id")
            .bind(Uuid::parse_str(&recent).unwrap()).fetch_all(p).await)
        .unwrap();
        assert_eq!(per_person.len(), 4);
        for (person, n, sent) in per_person {
            assert_eq!((n, sent), (1, 1), "{person}: one response, sent");
        }
        assert_eq!(audit("send_feedback").await, 4);
        for r in of(&results, "general draft") {
            assert!(ok(r), "{}", r.body);
        }
        assert_eq!(
            ids::count(&db, "SELECT COUNT(*) FROM feedback_responses WHERE respondent_person_id = $1 AND contact_id IS NULL AND status = 'draft'",
                ids::person(&db, "Noor").await).await,
            1,
            "one open draft without a contact"
        );

        // Replies and "besproken": every post recorded, the first of each counted once.
        assert_eq!(audit("reply_feedback").await, 6);
        assert_eq!(audit("mark_discussed").await, 6);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM feedback_followups WHERE replied_at IS NOT NULL AND discussed_at IS NOT NULL").await,
            3
        );

        // Contacts: each form once.
        assert_eq!(audit("record_contact").await, 3);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM contacts WHERE summary = 'Telefoongesprek.'"
            )
            .await,
            3
        );
        assert_eq!(
            count(
                &db,
                "SELECT CAST(COALESCE(SUM(contacts), 0) AS BIGINT) FROM insight_contacts"
            )
            .await
                - contacts_before,
            3
        );

        // One decision; the others are told it was already taken.
        let decisions = of(&results, "decide");
        assert_eq!(decisions.iter().filter(|r| ok(r)).count(), 1);
        for r in &decisions {
            assert!(
                ok(r) || r.body.contains("DecisionAlreadyTaken"),
                "{}",
                r.body
            );
        }
        assert_eq!(
            audit("accept_correction").await + audit("decline_correction").await,
            1
        );

        // Consent: one live consent per parent; each change recorded once.
        let live = |parent: &str| {
            let (db, parent) = (db.clone(), parent.parse::<Uuid>().unwrap());
            async move {
                ids::count(&db, "SELECT COUNT(*) FROM consents WHERE parent_person_id = $1 AND withdrawn_at IS NULL", parent).await
            }
        };
        assert_eq!(live(&mehmet_id).await, 1);
        assert_eq!(live(&sanne_id).await, 0);
        assert_eq!(audit("give_consent").await, 1);
        assert_eq!(audit("withdraw_consent").await, 1);

        // Shares: each its own period; stopping one happens once, the others find none.
        assert_eq!(audit("share").await, 3);
        let revokes = of(&results, "revoke");
        assert_eq!(revokes.iter().filter(|r| ok(r)).count(), 1);
        assert!(revokes
            .iter()
            .all(|r| ok(r) || r.status == StatusCode::NOT_FOUND));
        assert_eq!(audit("revoke_share").await, 1);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM delegations WHERE revoked_at IS NULL"
            )
            .await,
            3
        );

        // Invitations: one account, one live code — the last one given.
        assert_eq!(audit("invite").await, 4);
        assert_eq!(
            ids::count(
                &db,
                "SELECT COUNT(*) FROM accounts WHERE person_id = $1",
                linda
            )
            .await,
            1
        );
        assert_eq!(
            ids::count(
                &db,
                "SELECT COUNT(*) FROM activation_codes ac JOIN accounts a ON a.id = ac.account_id \
                WHERE a.person_id = $1 AND ac.used_at IS NULL",
                linda
            )
            .await,
            1
        );
        // Each invitation is a letter half (to the professional) and a text-message half (to
        // Linda); of all the pairs, exactly one still opens the account.
        let texts: Vec<String> = app
            .backend
            .sms
            .sent()
            .iter()
            .filter_map(|m| {
                m.text
                    .split_whitespace()
                    .map(|w| w.trim_end_matches('.'))
                    .find(|w| w.len() == 16 && w.matches('-').count() == 3)
                    .map(str::to_string)
            })
            .collect();
        assert_eq!(texts.len(), 4, "one text message per invitation");
        let mut live_codes = 0;
        for r in of(&results, "invite") {
            let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
            let letter = json["detail"].as_str().expect("a letter half");
            for text in &texts {
                if app::backend::store::accounts::account_for_code(&db, &format!("{letter}{text}"))
                    .await
                    .unwrap()
                    .is_some()
                {
                    live_codes += 1;
                }
            }
        }
        assert_eq!(live_codes, 1, "earlier codes stop working");

        // Failed log-ins: refused or throttled, and every refusal counted.
        let logins = of(&results, "login");
        let refused = logins.iter().filter(|r| r.status == StatusCode::OK).count() as i64;
        assert!(logins
            .iter()
            .all(|r| r.status == StatusCode::OK && !ok(r)
                || r.status == StatusCode::TOO_MANY_REQUESTS));
        assert!(refused >= 1);
        for (key, before) in [("account:onbekend", 0), ("ip:unknown", address_before)] {
            assert_eq!(
                failures_of(key).await - before,
                refused,
                "{key}: every refusal counted"
            );
        }

        // The insights moved exactly as a recount of the new rows says.
        let mut expected: BTreeMap<Cell, Figures> = BTreeMap::new();
        let new_responses: Vec<Uuid> = id_set(
            &db,
            "SELECT id FROM feedback_responses WHERE status = 'submitted'",
        )
        .await
        .difference(&responses_before)
        .copied()
        .collect();
        assert_eq!(new_responses.len(), 4);
        let mut new_members: BTreeMap<Cell, BTreeSet<Uuid>> = BTreeMap::new();
        for id in &new_responses {
            let (cell, scores, below) = response_cell(&db, *id).await;
            let e = expected.entry(cell.clone()).or_default();
            e.responses += 1;
            for (sum, score) in e.sums.iter_mut().zip(scores) {
                *sum += score;
            }
            e.below += i64::from(below);
            let person: (Uuid,) = app::on_db!(&db, p => sqlx::query_as("SELECT respondent_person_id FROM feedback_responses WHERE id = $1")
                .bind(*id).fetch_one(p).await)
            .unwrap();
            new_members.entry(cell).or_default().insert(person.0);
        }
        for id in &to_answer {
            let (cell, _, below) = response_cell(&db, *id).await;
            let e = expected.entry(cell).or_default();
            e.replied += 1;
            e.below_replied += i64::from(below);
            e.below_discussed += i64::from(below);
        }
        let changed = diff(&cells(&db).await, &cells_before);
        for (cell, d) in &changed {
            // Distinct respondents are kept exact by the member rows.
            assert_eq!(d.respondents, d.members, "{cell:?}");
            assert!(
                d.members <= new_members.get(cell).map_or(0, |s| s.len() as i64),
                "{cell:?}"
            );
        }
        let without_people: BTreeMap<Cell, Figures> = changed
            .into_iter()
            .map(|(k, d)| {
                (
                    k,
                    Figures {
                        respondents: 0,
                        members: 0,
                        ..d
                    },
                )
            })
            .filter(|(_, d)| *d != Figures::default())
            .collect();
        assert_eq!(without_people, expected, "insight cells = recount");

        let corrections_after = correction_cells(&db).await;
        let wrap = |m: &BTreeMap<(String, String), [i64; 5]>| -> BTreeMap<(String, String), Five> {
            m.iter().map(|(k, v)| (k.clone(), Five(*v))).collect()
        };
        let changed = diff(&wrap(&corrections_after), &wrap(&corrections_before));
        let mut want: BTreeMap<(String, String), Five> = BTreeMap::new();
        for id in &new_requests {
            let (org, at): (Uuid, DateTime<Utc>) = app::on_db!(&db, p => sqlx::query_as(
                "SELECT r.organisation_id, cr.created_at FROM correction_requests cr JOIN statements s ON s.id = cr.statement_id \
                 JOIN reports r ON r.id = s.report_id WHERE cr.id = $1").bind(*id).fetch_one(p).await)
            .unwrap();
            want.entry((org.to_string(), month_of(at))).or_default().0[0] += 1;
        }
        let (org, at): (Uuid, DateTime<Utc>) = app::on_db!(&db, p => sqlx::query_as(
            "SELECT r.organisation_id, cr.created_at FROM correction_requests cr JOIN statements s ON s.id = cr.statement_id \
             JOIN reports r ON r.id = s.report_id WHERE cr.id = $1").bind(request.parse::<Uuid>().unwrap()).fetch_one(p).await)
        .unwrap();
        // The decision counts in the month the request was filed, in that month's row; the
        // demo's open request was stored without one (no figures for Veilig Thuis), so there
        // only the days to decide move.
        let month = (org.to_string(), month_of(at));
        let had_row = corrections_before.get(&month).is_some_and(|v| v[0] > 0);
        let decided = want.entry(month).or_default();
        decided.0[2] += i64::from(had_row);
        decided.0[4] += 1;
        let mut got = changed.clone();
        for (k, v) in got.iter_mut() {
            assert_eq!(v.0[1], v.0[3], "{k:?}: requesters = member rows");
            assert!(v.0[1] <= 3, "{k:?}: three people asked");
            v.0[1] = 0;
            v.0[3] = 0;
        }
        got.retain(|_, v| *v != Five::default());
        assert_eq!(got, want, "correction figures = recount");
    }
);

on_both!(
    a_transient_failure_is_retried_and_what_still_fails_leaves_nothing,
    |app| {
        let db = app.db().clone();
        // Fails twice as a lost connection would, then succeeds: one write, three tries.
        let tries = Arc::new(AtomicU32::new(0));
        let t = tries.clone();
        let n = db
            .write(move |db| {
                let t = t.clone();
                async move {
                    let mut tx = db.begin().await?;
                    app::on_tx!(&mut tx, c => sqlx::query(
                        "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ('retry-test', 1, $1) \
                         ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1")
                        .bind(Utc::now()).execute(c).await.map(|_| ()))?;
                    if t.fetch_add(1, Ordering::SeqCst) < 2 {
                        // Dropped without commit: rolled back.
                        return Err(StoreError::Database(sqlx::Error::Io(std::io::Error::new(
                            std::io::ErrorKind::ConnectionReset,
                            "connection lost",
                        ))));
                    }
                    tx.commit().await?;
                    Ok(7)
                }
            })
            .await
            .unwrap();
        assert_eq!((n, tries.load(Ordering::SeqCst)), (7, 3));
        let (failures,): (i64,) = app::on_db!(&db, p => sqlx::query_as(
            "SELECT CAST(failures AS BIGINT) FROM login_throttle WHERE key = 'retry-test'").fetch_one(p).await)
        .unwrap();
        assert_eq!(failures, 1, "the failed tries left nothing");

        // Always failing: given up after a bounded number of tries, nothing written, and the
        // user reads "probeer het zo nog eens" with a 503.
        let tries = Arc::new(AtomicU32::new(0));
        let t = tries.clone();
        let r: Result<(), StoreError> = db
            .write(move |db| {
                let t = t.clone();
                async move {
                    t.fetch_add(1, Ordering::SeqCst);
                    let mut tx = db.begin().await?;
                    app::on_tx!(&mut tx, c => sqlx::query(
                        "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES ('never', 1, $1)")
                        .bind(Utc::now()).execute(c).await.map(|_| ()))?;
                    Err(StoreError::Database(sqlx::Error::PoolTimedOut))
                }
            })
            .await;
        assert!(matches!(r, Err(StoreError::Busy(_))), "{r:?}");
        assert_eq!(tries.load(Ordering::SeqCst), WRITE_ATTEMPTS);
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM login_throttle WHERE key = 'never'"
            )
            .await,
            0
        );
        let e = app::error::AppError::from(r.unwrap_err());
        assert_eq!(e.status(), 503);
        assert!(app::i18n::t(app::i18n::Lang::Nl, e.msg()).contains("Probeer het zo nog eens"));

        // A failure that trying again cannot fix is not tried again.
        let tries = Arc::new(AtomicU32::new(0));
        let t = tries.clone();
        let r: Result<(), StoreError> = db
            .write(move |_| {
                let t = t.clone();
                async move {
                    t.fetch_add(1, Ordering::SeqCst);
                    Err(StoreError::Database(sqlx::Error::RowNotFound))
                }
            })
            .await;
        assert!(matches!(r, Err(StoreError::Database(_))));
        assert_eq!(tries.load(Ordering::SeqCst), 1);
    }
);
