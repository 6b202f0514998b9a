//! "Wie heeft mijn dossier bekeken?": others first, grouped per person and day; the family's
//! own doings on request; any month and every page reachable; counts of what the reader may
//! see only; local days right across summer time. SQLite and PostgreSQL.
use crate::common;

use app::backend::audit::{AccessQuery, AuditEvent};
use app::domain::{AccountId, CaseId, FamilyId, PersonId};
use app::on_db;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use common::{ids, TestApp};
use uuid::Uuid;

const CASE: &str = "2026-0412";
const VT_REPORT: &str = "Verslag onderzoek Veilig Thuis";

struct Case {
    id: CaseId,
    family: FamilyId,
}

async fn case(app: &TestApp) -> Case {
    let id = CaseId(ids::case(app.db(), CASE).await);
    let (family,): (FamilyId,) =
        on_db!(app.db(), p => sqlx::query_as("SELECT family_id FROM cases WHERE id = $1")
        .bind(id).fetch_one(p).await)
        .unwrap();
    Case { id, family }
}

async fn account(app: &TestApp, username: &str) -> AccountId {
    let (id,): (AccountId,) =
        on_db!(app.db(), p => sqlx::query_as("SELECT id FROM accounts WHERE username = $1")
        .bind(username).fetch_one(p).await)
        .unwrap();
    id
}

/// `n` events by `who` at `at`, as the pages record them.
#[allow(clippy::too_many_arguments)]
fn events(
    c: &Case,
    who: AccountId,
    concerns: Option<PersonId>,
    action: &'static str,
    kind: &'static str,
    object: Uuid,
    at: DateTime<Utc>,
    n: usize,
) -> Vec<AuditEvent> {
    (0..n)
        .map(|i| {
            let mut e = AuditEvent::new(Some(who), action, kind, "127.0.0.1")
                .in_case(c.id, c.family)
                .on(object);
            e.concerns_person_id = concerns;
            e.at = at + Duration::seconds(i as i64);
            e
        })
        .collect()
}

/// Noon, local time, on a day.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    app::backend::time::local_instant(day, chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap())
}

fn group_of(body: &str, name: &str) -> bool {
    body.contains(&format!("<strong dir=\"auto\">{name}</strong>"))
}

fn groups(body: &str) -> usize {
    body.matches("class=\"access-group\"").count()
}

on_both!(
    a_professionals_read_a_month_ago_is_on_the_first_screen_above_a_thousand_own_reads,
    |app| {
        let c = case(&app).await;
        let sanne = account(&app, "sanne").await;
        let jeroen = account(&app, "jeroen").await;
        let mother = PersonId(ids::person(app.db(), "Sanne").await);
        let today = app::backend::time::today();
        // A month ago, Jeroen opened "Waar sta ik nu?" once.
        let month_ago = today - Duration::days(31);
        let read = events(
            &c,
            jeroen,
            None,
            "read",
            "praatplaat",
            c.id.0,
            noon(month_ago),
            1,
        );
        app.backend.audit.record_all(read).await.unwrap();
        // Since then Sanne looked at her rights a thousand times, yesterday.
        let yesterday = today - Duration::days(1);
        let own = events(
            &c,
            sanne,
            Some(mother),
            "read",
            "rights",
            c.id.0,
            noon(yesterday) - Duration::hours(2),
            1000,
        );
        app.backend.audit.record_all(own).await.unwrap();

        let cookie = app.login("sanne").await;
        let page = app.get("/wie-keek-mee", &cookie).await;
        assert_eq!(page.status, axum::http::StatusCode::OK);
        assert!(group_of(&page.body, "Jeroen Smit"), "{}", page.body);
        assert!(page.body.contains(&app::components::dates::long_date(
            app::i18n::Lang::Nl,
            month_ago
        )));
        assert!(
            page.body.contains("\"Waar sta ik nu?\" bekeken — 1 keer"),
            "{}",
            page.body
        );
        assert!(page
            .body
            .contains("Raadsonderzoeker, Raad voor de Kinderbescherming"));
        assert!(
            !page.body.contains("U zelf"),
            "her own reads wait behind a link"
        );
        assert!(page.body.contains("href=\"/wie-keek-mee?zelf=ja\""));
        assert!(
            page.body.contains("href=\"/wie-betrokken?vraag=onbekend\""),
            "Klopt dit niet?"
        );
        assert!(
            page.body.len() < 40_000,
            "the page stays small: {} bytes",
            page.body.len()
        );

        // One link shows them, a month at a time: this month unless another is chosen.
        let month = format!("{}-{:02}", yesterday.year(), yesterday.month());
        let own = app
            .get(&format!("/wie-keek-mee?maand={month}&zelf=ja"), &cookie)
            .await
            .body;
        assert!(own.contains("U zelf"), "{own}");
        assert!(
            own.contains("\"Mijn rechten\" bekeken — 1000 keer"),
            "a thousand looks are one line: {own}"
        );
        // The download has the same groups, her own included.
        let export: serde_json::Value =
            serde_json::from_str(&app.get("/api/export_my_data", &cookie).await.body).unwrap();
        let log = export["access_log"].as_array().unwrap();
        assert!(log
            .iter()
            .any(|g| g["who"] == "Jeroen Smit" && g["times"] == 1));
        assert!(log.iter().any(|g| g["by_me"] == true
            && g["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["times"] == 1000)));
        // The page in English says the same.
        let en = app
            .get_with("/wie-keek-mee", &cookie, &[("accept-language", "en")])
            .await
            .body;
        assert!(en.contains("viewed \"Where am I now?\" — once"), "{en}");
    }
);

on_both!(
    grouping_counts_what_the_reader_may_see_per_person_and_day,
    |app| {
        let c = case(&app).await;
        let jeroen = account(&app, "jeroen").await;
        let fatima = account(&app, "fatima").await;
        // Three months back, so nothing else of the test falls in it.
        let today = app::backend::time::today();
        let month = (today - Duration::days(92)).with_day(1).unwrap();
        let day = month + Duration::days(9);
        let vt = ids::report(app.db(), VT_REPORT).await;
        // A report the Raad is still writing: not sent to the family, so not theirs to see
        // read either.
        let concept = Uuid::new_v4();
        let (raad, author): (Uuid, Uuid) = on_db!(app.db(), p => sqlx::query_as(
            "SELECT organisation_id, author_id FROM reports WHERE kind = 'raadsrapport' LIMIT 1")
            .fetch_one(p).await)
        .unwrap();
        on_db!(app.db(), p => sqlx::query("INSERT INTO reports (id, case_id, organisation_id, kind, title, status, author_id, created_at) \
             VALUES ($1, $2, $3, 'raadsrapport', 'Werkversie Raad', 'concept', $4, $5)")
            .bind(concept).bind(c.id).bind(raad).bind(author).bind(noon(day)).execute(p).await.map(|_| ()))
        .unwrap();
        let mut all = events(&c, jeroen, None, "read", "report", vt, noon(day), 3);
        all.extend(events(
            &c,
            jeroen,
            None,
            "read",
            "involvement",
            c.id.0,
            noon(day) + Duration::hours(1),
            1,
        ));
        all.extend(events(
            &c,
            jeroen,
            None,
            "read",
            "report",
            concept,
            noon(day) + Duration::hours(2),
            2,
        ));
        all.extend(events(&c, fatima, None, "read", "report", vt, noon(day), 1));
        // Jeroen the next day: another group.
        all.extend(events(
            &c,
            jeroen,
            None,
            "read",
            "praatplaat",
            c.id.0,
            noon(day + Duration::days(1)),
            2,
        ));
        // On another day, only the concept: a day the family sees nothing of.
        all.extend(events(
            &c,
            jeroen,
            None,
            "read",
            "report",
            concept,
            noon(day + Duration::days(5)),
            4,
        ));
        app.backend.audit.record_all(all).await.unwrap();

        let cookie = app.login("sanne").await;
        let q = format!("/wie-keek-mee?maand={}", month.format("%Y-%m"));
        let page = app.get(&q, &cookie).await.body;
        assert_eq!(groups(&page), 3, "Jeroen twice, Fatima once: {page}");
        assert!(
            page.contains(&format!("het rapport \"{VT_REPORT}\" bekeken — 3 keer")),
            "{page}"
        );
        assert!(page.contains("de lijst met betrokkenen bij de zaak bekeken — 1 keer"));
        assert!(
            !page.contains("Werkversie Raad"),
            "the unsent report's title"
        );
        assert!(!page.contains("— 4 keer"), "{page}");
        assert!(!page.contains(&app::components::dates::long_date(
            app::i18n::Lang::Nl,
            day + Duration::days(5)
        )));
        assert!(
            page.contains("2 personen van buiten het gezin, van 2 organisaties."),
            "{page}"
        );
        // Through the download: Jeroen's first day counts the four reads she may see.
        let export: serde_json::Value =
            serde_json::from_str(&app.get("/api/export_my_data", &cookie).await.body).unwrap();
        let first = export["access_log"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["who"] == "Jeroen Smit" && g["day"] == day.to_string())
            .cloned()
            .unwrap();
        assert_eq!(first["times"], 4, "{first}");
        assert_eq!(first["items"].as_array().unwrap().len(), 2);

        // The father without parental authority: the VT report holds a decision, so it is
        // important information he may see, and who read it with it; the unsent one is not.
        let mehmet = app.login("mehmet").await;
        let his = app.get(&q, &mehmet).await.body;
        assert!(
            his.contains(&format!("het rapport \"{VT_REPORT}\" bekeken — 3 keer")),
            "{his}"
        );
        assert!(
            !his.contains("Werkversie Raad") && !his.contains("— 4 keer"),
            "{his}"
        );
        assert!(
            his.contains("\"Waar sta ik nu?\" bekeken — 2 keer"),
            "{his}"
        );
    }
);

on_both!(
    the_month_filter_and_the_pages_reach_the_oldest_event,
    |app| {
        let c = case(&app).await;
        let jeroen = account(&app, "jeroen").await;
        let today = app::backend::time::today();
        // Jeroen looked once a day on 45 days, and once long ago (before the case's first month).
        let mut all = Vec::new();
        for d in 1..=45 {
            all.extend(events(
                &c,
                jeroen,
                None,
                "read",
                "praatplaat",
                c.id.0,
                noon(today - Duration::days(d)),
                1,
            ));
        }
        let oldest = today - Duration::days(800);
        all.extend(events(
            &c,
            jeroen,
            None,
            "read",
            "involvement",
            c.id.0,
            noon(oldest),
            1,
        ));
        app.backend.audit.record_all(all).await.unwrap();
        let cookie = app.login("sanne").await;
        let oldest_text = app::components::dates::long_date(app::i18n::Lang::Nl, oldest);

        // Every month: page after page, 20 groups each, until the oldest.
        let mut path = "/wie-keek-mee".to_string();
        let mut seen = 0;
        let mut pages = 0;
        let last = loop {
            let body = app.get(&path, &cookie).await.body;
            pages += 1;
            seen += groups(&body);
            assert!(groups(&body) <= 20);
            match body
                .split("rel=\"next\"")
                .next()
                .and_then(|b| b.rsplit("href=\"").next())
            {
                Some(next) if body.contains("rel=\"next\"") => {
                    path = next.split('"').next().unwrap().replace("&amp;", "&");
                }
                _ => break body,
            }
            assert!(pages < 10, "paging ends");
        };
        assert_eq!(seen, 46, "every group once");
        assert_eq!(pages, 3);
        assert!(last.contains(&oldest_text), "{last}");
        assert!(last.contains("rel=\"prev\""));

        // The oldest month on its own, offered in the list even before the case's first month.
        let q = format!("/wie-keek-mee?maand={}", oldest.format("%Y-%m"));
        let month = app.get(&q, &cookie).await.body;
        assert_eq!(groups(&month), 1);
        assert!(month.contains(&oldest_text));
        assert!(
            month.contains(&format!("value=\"{}\" selected", oldest.format("%Y-%m"))),
            "{month}"
        );
        assert!(
            month.contains("1 persoon van buiten het gezin, van 1 organisatie."),
            "{month}"
        );
        // Odd input: the default view, never an error.
        for odd in [
            "maand=2026-13",
            "maand=%3Cscript%3E",
            "pagina=-1",
            "pagina=99999999999999999999",
            "zelf=1",
        ] {
            let r = app.get(&format!("/wie-keek-mee?{odd}"), &cookie).await;
            assert_eq!(r.status, axum::http::StatusCode::OK, "{odd}");
            assert!(!r.body.contains("<script>"));
        }
        // A page past the end is empty, and says so.
        let far = app.get("/wie-keek-mee?pagina=50", &cookie).await.body;
        assert_eq!(groups(&far), 0);
        assert!(far.contains("In deze periode staat hier niets."));
    }
);

on_both!(the_family_s_own_doings_follow_the_visibility_rule, |app| {
    let c = case(&app).await;
    let lisa = account(&app, "lisa").await;
    let noor_account = account(&app, "noor").await;
    let lisa_person = PersonId(ids::person(app.db(), "Lisa").await);
    let noor_person = PersonId(ids::person(app.db(), "Noor").await);
    let at = app::backend::time::now() - Duration::minutes(5);
    let mut all = events(&c, lisa, Some(lisa_person), "read", "rights", c.id.0, at, 2);
    all.extend(events(
        &c,
        noor_account,
        Some(noor_person),
        "read",
        "rights",
        c.id.0,
        at,
        1,
    ));
    app.backend.audit.record_all(all).await.unwrap();
    // Lisa (16) consented to her mother, not to her father; her sister sees neither.
    let shown = |body: &str, name: &str| group_of(body, name);
    let sanne = app
        .get("/wie-keek-mee?zelf=ja", &app.login("sanne").await)
        .await
        .body;
    assert!(
        shown(&sanne, "Lisa Jansen") && shown(&sanne, "Noor Yilmaz"),
        "{sanne}"
    );
    let mehmet = app
        .get("/wie-keek-mee?zelf=ja", &app.login("mehmet").await)
        .await
        .body;
    assert!(!shown(&mehmet, "Lisa Jansen"), "{mehmet}");
    let noor = app
        .get("/wie-keek-mee?zelf=ja", &app.login("noor").await)
        .await
        .body;
    assert!(!shown(&noor, "Lisa Jansen"), "{noor}");
    assert!(noor.contains("Jij zelf"), "{noor}");
    // Family members are never "from outside": the summary counts nobody.
    assert!(sanne.contains("niemand van buiten het gezin"), "{sanne}");
    // And by default the family's own doings are not on the first screen.
    let default = app
        .get("/wie-keek-mee", &app.login("sanne").await)
        .await
        .body;
    assert!(!shown(&default, "Lisa Jansen") && !shown(&default, "Noor Yilmaz"));
});

on_both!(
    a_day_in_the_log_is_the_day_in_the_netherlands_also_across_summer_time,
    |app| {
        let c = case(&app).await;
        let jeroen = account(&app, "jeroen").await;
        let instants = [
            "2026-03-28T22:59:59Z", // 23:59:59 on the 28th (winter time)
            "2026-03-28T23:00:00Z", // 00:00 on the 29th
            "2026-03-29T00:59:00Z", // 01:59, just before the clock jumps
            "2026-03-29T01:00:00Z", // 03:00 summer time
            "2026-03-29T21:59:00Z", // 23:59 on the 29th
            "2026-03-29T22:00:00Z", // 00:00 on the 30th
            "2026-10-24T21:59:00Z", // 23:59 on the 24th
            "2026-10-24T22:00:00Z", // 00:00 on the 25th (summer time)
            "2026-10-25T00:30:00Z", // 02:30 summer time
            "2026-10-25T01:30:00Z", // 02:30 winter time
            "2026-10-25T22:59:00Z", // 23:59 on the 25th (winter time)
            "2026-10-25T23:00:00Z", // 00:00 on the 26th
            "2027-01-01T22:59:00Z", // 23:59 on New Year's Day
            "2027-03-28T01:00:00Z", // 2027's jump: 03:00 on the 28th
        ];
        let mut all = Vec::new();
        for (i, s) in instants.iter().enumerate() {
            let at: DateTime<Utc> = s.parse().unwrap();
            // One object each, so every event is its own line.
            all.extend(events(
                &c,
                jeroen,
                None,
                "read",
                "report",
                Uuid::from_u128(i as u128 + 1),
                at,
                1,
            ));
        }
        app.backend.audit.record_all(all).await.unwrap();
        let rows = app::backend::audit::case_access(
            app.db(),
            AccessQuery {
                case_id: c.id,
                from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2028, 1, 1).unwrap(),
                with_family: true,
                reader: jeroen,
            },
        )
        .await
        .unwrap();
        for (i, s) in instants.iter().enumerate() {
            let at: DateTime<Utc> = s.parse().unwrap();
            let row = rows
                .iter()
                .find(|r| r.object_id == Some(Uuid::from_u128(i as u128 + 1)))
                .unwrap();
            assert_eq!(row.local_day, app::backend::time::local_date(at), "{s}");
            assert_eq!(row.last_at, at, "{s}");
        }
    }
);

/// The summary the page reads: (rows, sum of counts) of `access_days` for the case, and the
/// same figures grouped from the raw trail, which they must equal.
async fn summary_and_trail(app: &TestApp, c: &Case) -> ((i64, i64), (i64, i64)) {
    let summary: (i64, i64) = on_db!(app.db(), p => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(times), 0) AS BIGINT) FROM access_days WHERE case_id = $1")
        .bind(c.id).fetch_one(p).await)
    .unwrap();
    let trail: (i64, i64) = on_db!(app.db(), p => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM (SELECT COUNT(*) AS n FROM audit_events \
         WHERE case_id = $1 AND result = 'ok' \
         GROUP BY CAST(at AS TEXT), actor_account_id, api_client_id, action, object_kind, object_id, concerns_person_id) t")
        .bind(c.id).fetch_one(p).await)
    .unwrap();
    (summary, trail)
}

// The page reads a per-day summary that the database keeps with every audit row
// (`access_days`, migration 0021): many writers at once, each adding events of the same
// person, object and day, leave exactly the trail's count; a rolled-back change leaves none;
// denied and failed events are not counted; the family's own and others' are told apart.
on_both!(
    the_per_day_summary_counts_every_event_also_with_many_writers_at_once,
    |app| {
        let c = case(&app).await;
        let jeroen = account(&app, "jeroen").await;
        let sanne = account(&app, "sanne").await;
        let mother = PersonId(ids::person(app.db(), "Sanne").await);
        let report = Uuid::from_u128(0x17);
        let day = app::backend::time::today() - Duration::days(3);
        let count_of = |who: AccountId| {
            let db = app.db().clone();
            async move {
                let row: Option<(i64, bool)> = on_db!(&db, p => sqlx::query_as(
                    "SELECT times, by_family FROM access_days WHERE case_id = $1 AND actor_account_id = $2 AND object_id = $3")
                    .bind(c.id).bind(who).bind(report).fetch_optional(p).await)
                .unwrap();
                row
            }
        };
        // Sixteen writers at once, each its own statement, all on the same two summary rows.
        let mut writers = Vec::new();
        for w in 0..16 {
            let db = app.db().clone();
            let (id, family) = (c.id, c.family);
            writers.push(tokio::spawn(async move {
                for i in 0..10 {
                    let who = if w % 2 == 0 { jeroen } else { sanne };
                    let mut e = AuditEvent::new(Some(who), "read", "report", "127.0.0.1")
                        .in_case(id, family)
                        .on(report);
                    e.concerns_person_id = (who == sanne).then_some(mother);
                    e.at = noon(day) + Duration::seconds(w * 10 + i);
                    app::backend::audit::insert_now(&db, &e).await.unwrap();
                }
            }));
        }
        for w in writers {
            w.await.unwrap();
        }
        assert_eq!(count_of(jeroen).await, Some((80, false)));
        assert_eq!(count_of(sanne).await, Some((80, true)));
        // A change that is rolled back takes its count with it.
        let mut tx = app.db().begin().await.unwrap();
        let e = events(&c, jeroen, None, "read", "report", report, noon(day), 1);
        app::backend::audit::insert(&mut tx, &e[0]).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(count_of(jeroen).await, Some((80, false)));
        // Refused and failed attempts are in the trail, not in the family's overview.
        let mut refused = events(&c, jeroen, None, "read", "report", report, noon(day), 2);
        refused[0].result = "denied";
        refused[1].result = "failed";
        app.backend.audit.record_all(refused).await.unwrap();
        assert_eq!(count_of(jeroen).await, Some((80, false)));
        // The last time is the latest of the day's events, whatever order they came in.
        let (last,): (DateTime<Utc>,) = on_db!(app.db(), p => sqlx::query_as(
            "SELECT last_at FROM access_days WHERE case_id = $1 AND actor_account_id = $2 AND object_id = $3")
            .bind(c.id).bind(jeroen).bind(report).fetch_one(p).await)
        .unwrap();
        assert_eq!(last, noon(day) + Duration::seconds(149));
        // And over the whole case (the demo's own events included) the summary holds exactly
        // what grouping the trail gives, per day.
        let (summary, trail) = summary_and_trail(&app, &c).await;
        assert_eq!(summary.1, trail.1, "every counted event");
        assert!(
            summary.0 > 0 && summary.0 <= trail.0,
            "{summary:?} {trail:?}"
        );
    }
);
