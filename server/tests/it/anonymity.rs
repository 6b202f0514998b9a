//! The anonymity guard played by an attacker: an analyst who downloads the table for every
//! filter an analyst can choose, puts all of it together, and tries every relation between the
//! figures (a total and its parts along team, phase and group, a quarter and its months) to
//! work out a hidden cell. Once on generated organisations (random teams, phases, months and
//! many small groups; the seed is printed) and once on the demo's `analist`, through the CSV
//! download. SQLite and PostgreSQL.
use crate::common;

use app::domain::{AccountId, PersonId};
use app::{
    backend::figures::build,
    backend::{
        anonymity::{Period, MIN_RESPONDENTS},
        ctx::Actor,
        store::insights::{self, CellKey},
        Db, RequestCtx,
    },
    domain::insights::InsightFilter,
    domain::{PhaseCode, Role},
    i18n::Lang,
};
use axum::http::StatusCode;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uuid::Uuid;

/// A selection as the attacker names it: (period label, team, phase, group). "" is "all";
/// [`REST`] is everything not among the values asked for (say, responses without a team):
/// never shown, but part of the totals.
type Key = (String, String, String, String);
const REST: &str = "?";

/// What the analyst saw for a selection: `None` for "te weinig reacties", else the rounded
/// count and the mean total as published.
type Seen = HashMap<Key, Option<(i64, String)>>;

/// One summary cell as it really is: (month, team, phase, group) → (responses, people).
type Truth = BTreeMap<(String, String, String, String), (i64, BTreeSet<String>)>;

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

/// The organisation's real cells and their members, read from the summary tables.
async fn truth(db: &Db, org: Uuid) -> Truth {
    let cells: Vec<(String, String, String, String, i64)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT month, team, phase, respondent_group, responses FROM insight_cells WHERE organisation_id = $1")
        .bind(org.to_string()).fetch_all(p).await)
    .unwrap();
    let members: Vec<(String, String, String, String, String)> = app::on_db!(db, p => sqlx::query_as(
        "SELECT month, team, phase, respondent_group, respondent FROM insight_cell_members WHERE organisation_id = $1")
        .bind(org.to_string()).fetch_all(p).await)
    .unwrap();
    let mut out = Truth::new();
    for (m, t, f, g, n) in cells {
        out.entry((m, t, f, g)).or_default().0 += n;
    }
    for (m, t, f, g, who) in members {
        out.entry((m, t, f, g)).or_default().1.insert(who);
    }
    out
}

/// "YYYY-MM" `back` months before `month`.
fn month_back(month: &str, back: i32) -> String {
    let (y, m) = month.split_once('-').unwrap();
    let index = y.parse::<i32>().unwrap() * 12 + m.parse::<i32>().unwrap() - 1 - back;
    format!(
        "{:04}-{:02}",
        index.div_euclid(12),
        index.rem_euclid(12) + 1
    )
}

fn quarter_months(q: &str) -> Vec<String> {
    let (y, n) = q.split_once("-Q").unwrap();
    let n: u32 = n.parse().unwrap();
    (1..=3)
        .map(|k| format!("{y}-{:02}", (n - 1) * 3 + k))
        .collect()
}

/// The attacker. `asked` are the values of team, phase and group the analyst asked for
/// (every choosable value that has data, at least); `quarters` the quarters covered. Fails
/// when a shown selection has fewer than ten people, when a selection the analyst could ask
/// for has data but was never answered, when the hidden parts of one relation with a shown
/// total are a group of one to nine people, or when any hidden non-empty cell can be computed
/// from the shown ones by any chain of the relations. Shown cells are taken as exactly known
/// (rounding is not counted on), empty cells as known zeros. The sums behind every mean obey
/// the same relations over the same hidden cells, so a mean can be computed exactly where a
/// count can: checking the counts checks the means. Returns the number of hidden non-empty
/// cells that withstood the attack.
fn attack(
    context: &str,
    seen: &Seen,
    truth: &Truth,
    quarters: &[String],
    asked: [&[String]; 3],
) -> usize {
    let mut failures: Vec<String> = Vec::new();
    let mut withstood = 0;
    let dims: Vec<Vec<String>> = asked
        .iter()
        .map(|v| {
            std::iter::once(String::new())
                .chain(v.iter().cloned())
                .chain([REST.to_string()])
                .collect()
        })
        .collect();
    let bucket = |d: usize, v: &str| -> String {
        if asked[d].iter().any(|x| x == v) {
            v.to_string()
        } else {
            REST.to_string()
        }
    };
    for q in quarters {
        let months = quarter_months(q);
        let periods: Vec<String> = std::iter::once(q.clone()).chain(months.clone()).collect();
        // Every selection of the quarter, with its true responses and people.
        let mut keys: Vec<Key> = Vec::new();
        for p in &periods {
            for t in &dims[0] {
                for f in &dims[1] {
                    for g in &dims[2] {
                        keys.push((p.clone(), t.clone(), f.clone(), g.clone()));
                    }
                }
            }
        }
        let index: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
        let mut size = vec![(0i64, BTreeSet::<&String>::new()); keys.len()];
        for ((m, t, f, g), (n, people)) in truth.iter().filter(|((m, ..), _)| months.contains(m)) {
            let (t, f, g) = (bucket(0, t), bucket(1, f), bucket(2, g));
            for p in [q, m] {
                for t in ["", t.as_str()] {
                    for f in ["", f.as_str()] {
                        for g in ["", g.as_str()] {
                            let k = (p.clone(), t.to_string(), f.to_string(), g.to_string());
                            let s = &mut size[index[&k]];
                            s.0 += n;
                            s.1.extend(people.iter());
                        }
                    }
                }
            }
        }
        // Known: shown, or empty. Unknown: hidden with data (and every REST selection).
        let mut unknown = vec![false; keys.len()];
        for (i, k) in keys.iter().enumerate() {
            let (n, people) = (&size[i].0, size[i].1.len() as i64);
            let rest = [&k.1, &k.2, &k.3].iter().any(|v| *v == REST);
            match seen.get(k) {
                _ if rest => unknown[i] = *n > 0,
                None if *n > 0 => {
                    failures.push(format!("{k:?} has {n} responses but was never answered"))
                }
                None => {}
                Some(None) => unknown[i] = *n > 0,
                Some(Some(_)) if people < MIN_RESPONDENTS => {
                    failures.push(format!("{k:?} shown with {people} people"))
                }
                Some(Some(_)) => {}
            }
        }
        // The relations: a total (coordinate "" or the quarter) and its parts.
        let mut relations: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let mut add = |parts: Vec<Key>| {
                relations.push((i, parts.iter().map(|p| index[p]).collect()));
            };
            if k.0 == *q {
                add(months
                    .iter()
                    .map(|m| (m.clone(), k.1.clone(), k.2.clone(), k.3.clone()))
                    .collect());
            }
            if k.1.is_empty() {
                add(dims[0][1..]
                    .iter()
                    .map(|t| (k.0.clone(), t.clone(), k.2.clone(), k.3.clone()))
                    .collect());
            }
            if k.2.is_empty() {
                add(dims[1][1..]
                    .iter()
                    .map(|f| (k.0.clone(), k.1.clone(), f.clone(), k.3.clone()))
                    .collect());
            }
            if k.3.is_empty() {
                add(dims[2][1..]
                    .iter()
                    .map(|g| (k.0.clone(), k.1.clone(), k.2.clone(), g.clone()))
                    .collect());
            }
        }
        for (total, parts) in &relations {
            // What one relation gives away: the hidden parts together, when the total is
            // shown. That must be nobody or at least ten people.
            if unknown[*total] || size[*total].0 == 0 {
                continue;
            }
            let pooled: BTreeSet<&String> = parts
                .iter()
                .filter(|p| unknown[**p])
                .flat_map(|p| size[*p].1.iter().copied())
                .collect();
            if !pooled.is_empty() && (pooled.len() as i64) < MIN_RESPONDENTS {
                failures.push(format!(
                    "{:?} minus its shown parts is a group of {} people",
                    keys[*total],
                    pooled.len()
                ));
            }
        }
        // Every relation at once: is a hidden cell's unit vector a combination of them?
        let columns: Vec<usize> = (0..keys.len()).filter(|i| unknown[*i]).collect();
        let column_of: HashMap<usize, usize> =
            columns.iter().enumerate().map(|(c, i)| (*i, c)).collect();
        let mut rows: Vec<Vec<f64>> = Vec::new();
        for (total, parts) in &relations {
            let mut row = vec![0.0; columns.len()];
            let mut any = false;
            for (i, sign) in std::iter::once((*total, 1.0)).chain(parts.iter().map(|p| (*p, -1.0)))
            {
                if let Some(c) = column_of.get(&i) {
                    row[*c] += sign;
                    any = true;
                }
            }
            if any {
                rows.push(row);
            }
        }
        for c in pinned(rows, columns.len()) {
            let i = columns[c];
            // Show how, when one relation is enough (the subtraction of issue 19).
            let how = relations
                .iter()
                .find(|(t, ps)| {
                    std::iter::once(t)
                        .chain(ps)
                        .filter(|x| unknown[**x])
                        .count()
                        == 1
                        && (*t == i || ps.contains(&i))
                })
                .map(|(t, ps)| {
                    let shown = |x: &usize| seen.get(&keys[*x]).cloned().flatten();
                    format!(
                        " — from {:?} = {:?} and its parts {:?}",
                        keys[*t],
                        shown(t),
                        ps.iter().map(|p| (&keys[*p], shown(p))).collect::<Vec<_>>()
                    )
                })
                .unwrap_or_default();
            failures.push(format!(
                "hidden {:?} ({} responses, {} people) can be computed{how}",
                keys[i],
                size[i].0,
                size[i].1.len()
            ));
        }
        withstood += columns.len();
    }
    assert!(
        failures.is_empty(),
        "{context}: {} failures, first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    withstood
}

/// The columns (unknowns) that the rows pin down to one value: reduce to row echelon form
/// with zeros above and below each pivot; a row with one non-zero entry gives its unknown.
fn pinned(mut rows: Vec<Vec<f64>>, columns: usize) -> Vec<usize> {
    const EPS: f64 = 1e-9;
    let mut rank = 0;
    let mut pivots = Vec::new();
    for c in 0..columns {
        let Some(best) =
            (rank..rows.len()).max_by(|a, b| rows[*a][c].abs().total_cmp(&rows[*b][c].abs()))
        else {
            break;
        };
        if rows[best][c].abs() < EPS {
            continue;
        }
        rows.swap(rank, best);
        let lead = rows[rank][c];
        for v in rows[rank].iter_mut() {
            *v /= lead;
        }
        let pivot = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            if r != rank && row[c].abs() > EPS {
                let f = row[c];
                for (x, p) in row.iter_mut().zip(&pivot) {
                    *x -= f * p;
                }
            }
        }
        pivots.push(c);
        rank += 1;
    }
    rows[..rank]
        .iter()
        .zip(pivots)
        .filter(|(row, _)| row.iter().filter(|v| v.abs() > EPS).count() == 1)
        .map(|(_, c)| c)
        .collect()
}

#[test]
fn the_attacker_finds_a_lone_hidden_cell() {
    // The attacker itself must be able to fail: all = parents + young people with the young
    // people alone hidden, and a rectangle joined by one more hidden cell.
    let rows = vec![vec![1.0]];
    assert_eq!(pinned(rows, 1), vec![0]);
    // a + b = s, c + d = s', a + c = s'', b + d = s''' (a rectangle): nothing pinned.
    let rect = vec![
        vec![1.0, 1.0, 0.0, 0.0],
        vec![0.0, 0.0, 1.0, 1.0],
        vec![1.0, 0.0, 1.0, 0.0],
        vec![0.0, 1.0, 0.0, 1.0],
    ];
    assert!(pinned(rect.clone(), 4).is_empty());
    // … plus e with b + d + e known: e is pinned.
    let mut chained: Vec<Vec<f64>> = rect
        .into_iter()
        .map(|mut r| {
            r.push(0.0);
            r
        })
        .collect();
    chained[3][4] = 1.0;
    chained.push(vec![0.0, 1.0, 0.0, 1.0, 0.0]);
    assert_eq!(pinned(chained, 5), vec![4]);
}

/// "All" and then each value: the choices of one filter field.
fn opt(values: &[String]) -> Vec<String> {
    std::iter::once(String::new())
        .chain(values.iter().cloned())
        .collect()
}

/// One row of a CSV download: (period, shown figures).
fn parse_csv(body: &str) -> Vec<(String, Option<(i64, String)>)> {
    let mut lines = body.lines();
    assert_eq!(lines.next(), Some(app::backend::figures::CSV_HEADER));
    lines
        .map(|line| {
            let cols: Vec<&str> = line.split(',').collect();
            let shown = match cols[1] {
                "ja" => Some((cols[2].parse().unwrap(), cols[8].to_string())),
                "te weinig reacties" => None,
                other => panic!("unexpected {other}"),
            };
            (cols[0].to_string(), shown)
        })
        .collect()
}

fn remember(seen: &mut Seen, key: Key, value: Option<(i64, String)>) {
    if let Some(before) = seen.insert(key.clone(), value.clone()) {
        assert_eq!(before, value, "{key:?} differs between two tables");
    }
}

on_both!(
    no_hidden_cell_of_a_generated_organisation_can_be_computed,
    |app| {
        let db = app.db().clone();
        let seed = std::env::var("HELDER_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        println!("seed {seed} (HELDER_TEST_SEED={seed} replays it)");
        let mut rng = Lcg(seed);
        let this_month = insights::month_of(chrono::Utc::now());
        // The two whole quarters before this one.
        let last = month_back(&quarter_months(&Period::quarter_of(&this_month))[0], 1);
        let first = month_back(&last, 5);
        let months: Vec<String> = (0..6).rev().map(|b| month_back(&last, b)).collect();
        let quarters: Vec<String> = {
            let mut q: Vec<String> = months.iter().map(|m| Period::quarter_of(m)).collect();
            q.dedup();
            q
        };
        let mut total_cells = 0;
        let mut total_withstood = 0;
        for round in 0..3 {
            // An organisation with 2–4 teams, an analyst, and 1–3 phases in use.
            let (org, person, account) = (Uuid::new_v4(), PersonId::fresh(), AccountId::fresh());
            let now = chrono::Utc::now();
            app::on_db!(&db, p => sqlx::query("INSERT INTO organisations (id, kind, name, region, phone, office_hours, created_at) VALUES ($1, 'gi', $2, 'Utrecht', '-', '-', $3)")
                .bind(org).bind(format!("Test GI {round}")).bind(now).execute(p).await.map(|_| ())).unwrap();
            app::on_db!(&db, p => sqlx::query("INSERT INTO people (id, given_name, family_name, created_at) VALUES ($1, 'Test', 'Analist', $2)")
                .bind(person).bind(now).execute(p).await.map(|_| ())).unwrap();
            app::on_db!(&db, p => sqlx::query("INSERT INTO accounts (id, person_id, username, role, organisation_id, created_at) VALUES ($1, $2, $3, 'analyst', $4, $5)")
                .bind(account).bind(person).bind(format!("t-{account}")).bind(org).bind(now).execute(p).await.map(|_| ())).unwrap();
            let mut teams = Vec::new();
            for t in 0..2 + rng.next(3) {
                let id = Uuid::new_v4();
                app::on_db!(&db, p => sqlx::query("INSERT INTO teams (id, organisation_id, name) VALUES ($1, $2, $3)")
                    .bind(id).bind(org).bind(format!("Team {t}")).execute(p).await.map(|_| ())).unwrap();
                teams.push(id.to_string());
            }
            let mut phases: Vec<String> = Vec::new();
            for _ in 0..1 + rng.next(3) {
                let p = PhaseCode::ALL[rng.next(PhaseCode::ALL.len() as u64) as usize]
                    .code()
                    .to_string();
                if !phases.contains(&p) {
                    phases.push(p);
                }
            }
            let groups = vec!["parent".to_string(), "young_person".to_string()];
            // Responses: many small cells, some big, some empty; now and then one without a
            // team or a phase (which nobody can choose); people answer in several cells.
            let people: Vec<PersonId> = (0..40 + rng.next(60)).map(|_| PersonId::fresh()).collect();
            let mut team_values = teams.clone();
            team_values.push(String::new());
            let mut phase_values = phases.clone();
            phase_values.push(String::new());
            let mut tx = db.begin().await.unwrap();
            for month in &months {
                for team in &team_values {
                    for phase in &phase_values {
                        for group in &groups {
                            let rare = team.is_empty() || phase.is_empty();
                            let n = match rng.next(10) {
                                _ if rare && rng.next(4) != 0 => 0,
                                0..=2 => 0,
                                3..=6 => 1 + rng.next(6),
                                7 | 8 => 7 + rng.next(8),
                                _ => 15 + rng.next(16),
                            };
                            let key = CellKey {
                                organisation: org.to_string(),
                                month: month.clone(),
                                team: team.clone(),
                                phase: phase.clone(),
                                group: group.clone(),
                            };
                            for _ in 0..n {
                                let who = people[rng.next(people.len() as u64) as usize];
                                let mut s = || 3 + rng.next(8) as u8;
                                let scores = [s(), s(), s(), s()];
                                insights::add_response(&mut tx, &key, who, &scores)
                                    .await
                                    .unwrap();
                            }
                        }
                    }
                }
            }
            tx.commit().await.unwrap();
            let truth = truth(&db, org).await;
            total_cells += truth.len();

            // Every filter the analyst can choose, through the function the page and the CSV
            // use. Phases without any data give only empty cells, which the attacker knows are
            // empty anyway; one of them is asked for to see that it stays hidden.
            let unused = PhaseCode::ALL
                .iter()
                .map(|p| p.code().to_string())
                .find(|p| !phases.contains(p))
                .unwrap();
            let mut asked_phases = phases.clone();
            asked_phases.push(unused.clone());
            let ctx = RequestCtx {
                backend: app.backend.clone(),
                actor: Some(Actor {
                    account_id: account,
                    person_id: person,
                    role: Role::Analyst,
                    organisation_id: Some(org),
                    display_name: "Test".into(),
                    session_hash: String::new(),
                    own_case: None,
                }),
                lang: Lang::Nl,
                client_ip: "127.0.0.1".into(),
                flash: None,
            };
            let mut seen = Seen::new();
            for per in ["maand", "kwartaal"] {
                for team in opt(&teams) {
                    for fase in opt(&asked_phases) {
                        for groep in opt(&groups) {
                            let filter = InsightFilter {
                                per: per.into(),
                                van: first.clone(),
                                tot: last.clone(),
                                team: team.clone(),
                                fase: fase.clone(),
                                groep: groep.clone(),
                            };
                            let i = build(&ctx, filter, "export").await.unwrap();
                            assert_eq!(i.filter.team, team, "the filter was applied");
                            let csv = parse_csv(&app::backend::figures::to_csv(&i));
                            assert_eq!(csv.len(), i.periods.len());
                            for (label, value) in csv {
                                remember(
                                    &mut seen,
                                    (label, team.clone(), fase.clone(), groep.clone()),
                                    value,
                                );
                            }
                            // The teams compared in the latest period: the same cells.
                            for (row, (id, _)) in i.team_rows.iter().zip(&i.teams) {
                                let value = row
                                    .shown
                                    .then(|| (row.responses, format!("{:.1}", row.mean_total)));
                                remember(
                                    &mut seen,
                                    (
                                        i.team_period.clone(),
                                        id.clone(),
                                        fase.clone(),
                                        groep.clone(),
                                    ),
                                    value,
                                );
                            }
                        }
                    }
                }
            }
            let shown = seen.values().filter(|v| v.is_some()).count();
            let withstood = attack(
                &format!("seed {seed}, organisation {round}"),
                &seen,
                &truth,
                &quarters,
                [&teams[..], &asked_phases[..], &groups[..]],
            );
            println!(
                "seed {seed}, organisation {round}: {} teams, phases {phases:?}, {} cells, {} selections seen, {shown} shown, {withstood} hidden with data withstood every relation",
                teams.len(),
                truth.len(),
                seen.len()
            );
            total_withstood += withstood;
        }
        assert!(
            total_cells > 0 && total_withstood > 0,
            "the data had hidden cells to attack"
        );
    }
);

on_both!(
    the_demo_analists_downloads_give_no_hidden_cell_away,
    |app| {
        let analist = app.login("analist").await;
        let db = app.db().clone();
        let org = app::on_db!(&db, p => sqlx::query_as::<_, (Uuid,)>("SELECT organisation_id FROM accounts WHERE username = 'analist'").fetch_one(p).await).unwrap().0;
        let teams: Vec<String> = insights::teams(&db, org)
            .await
            .unwrap()
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect();
        let phases: Vec<String> = PhaseCode::ALL
            .iter()
            .map(|p| p.code().to_string())
            .collect();
        let groups = vec!["parent".to_string(), "young_person".to_string()];
        // The demo's year, in whole quarters.
        let this_month = insights::month_of(chrono::Utc::now());
        let first = quarter_months(&Period::quarter_of(&month_back(&this_month, 11)))[0].clone();
        let mut quarters: Vec<String> = (0..15)
            .map(|b| Period::quarter_of(&month_back(&this_month, b)))
            .filter(|q| quarter_months(q)[0] >= first)
            .collect();
        quarters.sort();
        quarters.dedup();
        let mut seen = Seen::new();
        for per in ["maand", "kwartaal"] {
            for team in opt(&teams) {
                for fase in opt(&phases) {
                    for groep in opt(&groups) {
                        let path = format!(
                            "/inzicht/export.csv?per={per}&van={first}&tot={this_month}&team={team}&fase={fase}&groep={groep}"
                        );
                        let r = app.get(&path, &analist).await;
                        assert_eq!(r.status, StatusCode::OK, "{path}");
                        for (label, value) in parse_csv(&r.body) {
                            remember(
                                &mut seen,
                                (label, team.clone(), fase.clone(), groep.clone()),
                                value,
                            );
                        }
                    }
                }
            }
        }
        let truth = truth(&db, org).await;
        let hidden = seen.values().filter(|v| v.is_none()).count();
        let withstood = attack(
            "demo",
            &seen,
            &truth,
            &quarters,
            [&teams[..], &phases[..], &groups[..]],
        );
        println!(
            "demo: {} selections downloaded, {hidden} hidden, {withstood} hidden with data withstood every relation",
            seen.len()
        );
        assert!(withstood > 0, "the demo has hidden groups to protect");
        // The whole organisation per month stays visible: the rules hide what they must, not
        // everything.
        let months_all: Vec<&Option<(i64, String)>> = seen
            .iter()
            .filter(|((p, t, f, g), _)| {
                !p.contains('Q')
                    && *p >= month_back(&this_month, 11)
                    && t.is_empty()
                    && f.is_empty()
                    && g.is_empty()
            })
            .map(|(_, v)| v)
            .collect();
        assert_eq!(months_all.len(), 12);
        assert!(months_all.iter().all(|v| v.is_some()));
    }
);
