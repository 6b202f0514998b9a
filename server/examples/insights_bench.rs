//! The organisation dashboard over 1,000,000 feedback responses from 50,000 families (run by
//! `bench/insights.sh`, which gives it a fresh SQLite file or a throw-away PostgreSQL).
//!
//! 1. Generates the responses into a staging table: 24 months, one organisation (the worst
//!    case: everything in one dashboard), 8 teams, every phase, parents and young people.
//! 2. Builds the summary tables from them with one GROUP BY — the same sums the incremental
//!    path (`store::insights::add_response`) keeps response by response.
//! 3. Times the dashboard (`backend::figures::build`: the summary reads, the anonymity rules,
//!    the figures) for several filter combinations, and prints the median of five runs each.
use app::domain::{AccountId, PersonId};
use app::{
    backend::figures::build,
    backend::{ctx::Actor, Backend, RequestCtx},
    domain::insights::InsightFilter,
    domain::{PhaseCode, Role},
    i18n::Lang,
    on_db,
};
use std::time::Instant;
use uuid::Uuid;

const RESPONSES: u64 = 1_000_000;
const FAMILIES: u64 = 50_000;
const MONTHS: u64 = 24;
const TEAMS: usize = 8;
const BATCH: u64 = 500;

#[tokio::main]
async fn main() {
    let url = std::env::args()
        .nth(1)
        .expect("usage: insights_bench <database url>");
    let backend = Backend::open(&url, false).await.expect("database");
    let db = backend.db.clone();
    let started = Instant::now();

    // The organisation, its teams and an analyst.
    let (org, person, account) = (Uuid::new_v4(), PersonId::fresh(), AccountId::fresh());
    let now = chrono::Utc::now();
    on_db!(&db, p => sqlx::query("INSERT INTO organisations (id, kind, name, region, phone, office_hours, created_at) VALUES ($1, 'gi', 'Bench GI', 'Utrecht', '-', '-', $2)")
        .bind(org).bind(now).execute(p).await.map(|_| ())).expect("org");
    on_db!(&db, p => sqlx::query("INSERT INTO people (id, given_name, family_name, created_at) VALUES ($1, 'Bench', 'Analist', $2)")
        .bind(person).bind(now).execute(p).await.map(|_| ())).expect("person");
    on_db!(&db, p => sqlx::query("INSERT INTO accounts (id, person_id, username, role, organisation_id, created_at) VALUES ($1, $2, $3, 'analyst', $4, $5)")
        .bind(account).bind(person).bind(format!("bench-{account}")).bind(org).bind(now).execute(p).await.map(|_| ())).expect("account");
    let mut teams = Vec::new();
    for t in 0..TEAMS {
        let id = Uuid::new_v4();
        on_db!(&db, p => sqlx::query("INSERT INTO teams (id, organisation_id, name) VALUES ($1, $2, $3)")
            .bind(id).bind(org).bind(format!("Team {}", t + 1)).execute(p).await.map(|_| ())).expect("team");
        teams.push(id.to_string());
    }
    let this_month = app::backend::store::insights::month_of(now);
    let (y, m) = this_month.split_once('-').unwrap();
    let (y, m): (i64, i64) = (y.parse().unwrap(), m.parse().unwrap());
    let month_name = |back: u64| {
        let index = y * 12 + (m - 1) - back as i64;
        format!(
            "{:04}-{:02}",
            index.div_euclid(12),
            index.rem_euclid(12) + 1
        )
    };

    // 1. The responses.
    on_db!(&db, p => sqlx::query("CREATE TABLE bench_responses (month TEXT, team TEXT, phase TEXT, grp TEXT, respondent TEXT, h INTEGER, t INTEGER, a INTEGER, o INTEGER)")
        .execute(p).await.map(|_| ())).expect("staging");
    let mut seed: u64 = 42;
    let mut rnd = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut i = 0u64;
    while i < RESPONSES {
        let n = BATCH.min(RESPONSES - i);
        let mut sql = String::from(
            "INSERT INTO bench_responses (month, team, phase, grp, respondent, h, t, a, o) VALUES ",
        );
        let mut rows = Vec::with_capacity(n as usize);
        for k in 0..n {
            let r = i + k;
            let family = r % FAMILIES;
            let back = (r / FAMILIES + family) % MONTHS;
            let slot = rnd(3);
            let group = if slot == 2 { "young_person" } else { "parent" };
            let phase =
                PhaseCode::ALL[((family / 8 + back) % PhaseCode::ALL.len() as u64) as usize].code();
            let score = |rnd: &mut dyn FnMut(u64) -> u64| 5 + rnd(6) as i64;
            let s = [
                score(&mut rnd),
                score(&mut rnd),
                score(&mut rnd),
                score(&mut rnd),
            ];
            rows.push((
                month_name(back),
                teams[(family % TEAMS as u64) as usize].clone(),
                phase,
                group,
                format!("{family}-{slot}"),
                s,
            ));
            let b = k * 9;
            sql.push_str(&format!(
                "{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                if k == 0 { "" } else { ", " },
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9
            ));
        }
        on_db!(&db, p => {
            let mut q = sqlx::query(&sql);
            for (month, team, phase, group, who, s) in &rows {
                q = q.bind(month).bind(team).bind(*phase).bind(*group).bind(who).bind(s[0]).bind(s[1]).bind(s[2]).bind(s[3]);
            }
            q.execute(p).await.map(|_| ())
        })
        .expect("responses");
        i += n;
    }
    let generated = started.elapsed();

    // 2. The summaries, as the incremental path would have kept them.
    let band = |c: &str| {
        format!(
            "SUM(CASE WHEN {c} <= 5 THEN 1 ELSE 0 END), SUM(CASE WHEN {c} >= 9 THEN 1 ELSE 0 END)"
        )
    };
    let cells_sql = format!(
        "INSERT INTO insight_cells (organisation_id, month, team, phase, respondent_group, responses, respondents, \
           sum_heard, sum_topics, sum_approach, sum_overall, low_heard, high_heard, low_topics, high_topics, \
           low_approach, high_approach, low_overall, high_overall, below_cutoff, below_replied, below_discussed) \
         SELECT $1, month, team, phase, grp, COUNT(*), COUNT(DISTINCT respondent), SUM(h), SUM(t), SUM(a), SUM(o), \
           {}, {}, {}, {}, SUM(CASE WHEN h + t + a + o <= 36 THEN 1 ELSE 0 END), \
           SUM(CASE WHEN h + t + a + o <= 36 AND h % 2 = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN h + t + a + o <= 36 AND h = 6 THEN 1 ELSE 0 END) \
         FROM bench_responses GROUP BY month, team, phase, grp",
        band("h"),
        band("t"),
        band("a"),
        band("o")
    );
    on_db!(&db, p => sqlx::query(&cells_sql).bind(org.to_string()).execute(p).await.map(|_| ()))
        .expect("cells");
    on_db!(&db, p => sqlx::query(
        "INSERT INTO insight_contacts (organisation_id, month, team, phase, contacts) \
         SELECT $1, month, team, phase, COUNT(*) * 3 / 2 FROM bench_responses GROUP BY month, team, phase")
        .bind(org.to_string()).execute(p).await.map(|_| ())).expect("contacts");
    on_db!(&db, p => sqlx::query(
        "INSERT INTO insight_reply_days (organisation_id, month, team, phase, respondent_group, days, n) \
         SELECT $1, month, team, phase, grp, o, COUNT(*) FROM bench_responses WHERE h % 2 = 0 GROUP BY month, team, phase, grp, o")
        .bind(org.to_string()).execute(p).await.map(|_| ())).expect("reply days");
    on_db!(&db, p => sqlx::query(
        "INSERT INTO insight_corrections (organisation_id, month, requests, requesters, accepted, declined, within_deadline) \
         SELECT $1, month, COUNT(*) / 100, COUNT(*) / 100, COUNT(*) / 300, COUNT(*) / 200, COUNT(*) / 120 FROM bench_responses GROUP BY month")
        .bind(org.to_string()).execute(p).await.map(|_| ())).expect("corrections");
    let summarised = started.elapsed() - generated;
    let (responses, cells): (i64, i64) = on_db!(&db, p => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM bench_responses), (SELECT COUNT(*) FROM insight_cells WHERE organisation_id = $1)")
        .bind(org.to_string()).fetch_one(p).await).expect("counts");

    // 3. The dashboard.
    let ctx = RequestCtx {
        backend: backend.clone(),
        actor: Some(Actor {
            account_id: account,
            person_id: person,
            role: Role::Analyst,
            organisation_id: Some(org),
            display_name: "Bench".into(),
            session_hash: String::new(),
            own_case: None,
        }),
        lang: Lang::Nl,
        client_ip: "127.0.0.1".into(),
        flash: None,
    };
    println!(
        "{}: {responses} responses from {FAMILIES} families, {cells} summary cells; generated in {:.1} s, summarised in {:.1} s",
        db.backend_name(),
        generated.as_secs_f64(),
        summarised.as_secs_f64()
    );
    let first = month_name(MONTHS - 1);
    let scenarios: Vec<(&str, InsightFilter)> = vec![
        ("12 months, everything", InsightFilter::default()),
        (
            "24 months by month",
            InsightFilter {
                per: "maand".into(),
                van: first.clone(),
                tot: this_month.clone(),
                ..Default::default()
            },
        ),
        (
            "8 quarters",
            InsightFilter {
                per: "kwartaal".into(),
                van: first.clone(),
                tot: this_month.clone(),
                ..Default::default()
            },
        ),
        (
            "one team, 24 months",
            InsightFilter {
                per: "maand".into(),
                van: first.clone(),
                tot: this_month.clone(),
                team: teams[3].clone(),
                ..Default::default()
            },
        ),
        (
            "team + phase + young people",
            InsightFilter {
                per: "maand".into(),
                team: teams[1].clone(),
                fase: "GI_OTS".into(),
                groep: "young_person".into(),
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in scenarios {
        let mut times = Vec::new();
        let mut shown = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let insights = build(&ctx, filter.clone(), "read")
                .await
                .expect("dashboard");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            shown = insights.periods.iter().filter(|p| p.shown).count();
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{:>9} {:<30} median {:7.1} ms  max {:7.1} ms  ({} periods shown)  target < 500 ms",
            db.backend_name(),
            name,
            times[2],
            times[4],
            shown
        );
    }
}
