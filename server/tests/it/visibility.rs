//! Who sees what inside a family: the leaks found against the demo (each a test that failed
//! before the one visibility rule), and a property test that generates families and checks
//! every read path against a plain statement of the rules. SQLite and PostgreSQL.
use crate::common;

use app::domain::{AccountId, CaseId, FamilyId};
use app::{backend::Db, on_db};
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use common::{ids, Client, TestApp};
use std::collections::HashSet;
use uuid::Uuid;

const RAAD: &str = "Beschermingsonderzoek (concept)";
const VT: &str = "Verslag onderzoek Veilig Thuis";
const RAAD_VIEW: &str = "De Raad vindt dat de spanning";
// Words as the page shows them: jargon in a statement is a link to its explanation, so a
// page check uses a part without it (the lookups in the database use the statement's start).
const LISA_PART: &str = "Zij schreef een brief die bij dit rapport hoort";
const VT_DECISION: &str = "Veilig Thuis vraagt de Raad voor de Kinderbescherming";
const VT_VISIT: &str = "Veilig Thuis was op huisbezoek.";

async fn exec(db: &Db, sql: &'static str, binds: &[Uuid]) {
    on_db!(db, p => {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = q.bind(*b);
        }
        q.execute(p).await.map(|_| ())
    })
    .unwrap();
}

/// The `<span class="seq">N</span>` numbers of a report page, in order.
fn numbers(html: &str) -> Vec<i32> {
    html.split(r#"<span class="seq">"#)
        .skip(1)
        .filter_map(|rest| rest.split('<').next()?.parse().ok())
        .collect()
}

on_both!(
    a_sixteen_year_olds_own_view_reaches_only_the_parent_she_consented_to,
    |app| {
        app.open_whole_dossier_for_mehmet().await;
        let report = ids::report(app.db(), RAAD).await;
        let statement = ids::statement(app.db(), RAAD_VIEW).await.to_string();
        let lisa = app.login("lisa").await;
        let words = "Ik wil zelf kiezen waar ik woon, niemand vroeg het mij.";
        let r = app
            .post(
                "/api/add_own_view",
                &[
                    ("statement", &statement),
                    ("key", "lisa-1"),
                    ("text", words),
                ],
                &lisa,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        let path = format!("/rapporten/{report}");
        assert!(app.get(&path, &lisa).await.body.contains(words), "her own");
        let sanne = app.login("sanne").await;
        assert!(
            app.get(&path, &sanne).await.body.contains(words),
            "consent for the mother"
        );
        let mehmet = app.login("mehmet").await;
        let noor = app.login("noor").await;
        for (who, cookie) in [("father", &mehmet), ("sister", &noor)] {
            for page in [
                path.as_str(),
                "/mijn-dossier/afdrukken",
                "/api/export_my_data",
            ] {
                let body = app.get(page, cookie).await.body;
                assert!(!body.contains(words), "{who} reads it on {page}");
            }
        }
        let person = ids::person(app.db(), "Lisa").await;
        let n = ids::count(
            app.db(),
            "SELECT COUNT(*) FROM statements WHERE responds_to IS NOT NULL AND concerns_person_id = $1",
            person,
        )
        .await;
        assert_eq!(n, 1, "the view says whom it concerns");
    }
);

on_both!(
    informants_about_a_sixteen_year_old_follow_her_consent,
    |app| {
        app.open_whole_dossier_for_mehmet().await;
        let mehmet = app.login("mehmet").await;
        let sanne = app.login("sanne").await;
        for page in [
            "/wie-betrokken",
            "/mijn-dossier/afdrukken",
            "/api/export_my_data",
        ] {
            let father = app.get(page, &mehmet).await.body;
            assert!(!father.contains("Mentor van Lisa"), "father, {page}");
            assert!(!father.contains("Hoe vaak Lisa op school is"), "{page}");
            assert!(father.contains("Mentor van Noor"), "Noor is 14: {page}");
            let mother = app.get(page, &sanne).await.body;
            assert!(mother.contains("Mentor van Lisa"), "mother, {page}");
        }
    }
);

on_both!(
    the_access_log_is_per_case_repeats_no_text_and_keeps_a_young_persons_actions_hers,
    |app| {
        let db = app.db().clone();
        let lisa = app.login("lisa").await;
        let sanne = app.login("sanne").await;
        let mehmet = app.login("mehmet").await;
        // Lisa withdraws and gives her mother's consent, and reads her report.
        let mother = ids::person(&db, "Sanne").await.to_string();
        for give in ["false", "true"] {
            app.post(
                "/api/set_consent",
                &[("parent", &mother), ("give", give)],
                &lisa,
                Client::Script,
            )
            .await;
        }
        let report = ids::report(&db, RAAD).await;
        app.get(&format!("/rapporten/{report}"), &lisa).await;
        let entry = r#"<strong dir="auto">Lisa Jansen</strong>"#;
        assert!(
            app.get("/wie-keek-mee?zelf=ja", &sanne)
                .await
                .body
                .contains(entry),
            "the mother she consented to sees it"
        );
        let log = app.get("/wie-keek-mee?zelf=ja", &mehmet).await.body;
        assert!(!log.contains(entry), "the father without consent does not");
        assert!(!log.contains("toestemming"), "nor her consent decisions");
        let noor = app.login("noor").await;
        assert!(
            !app.get("/wie-keek-mee?zelf=ja", &noor)
                .await
                .body
                .contains(entry),
            "nor her sister"
        );

        // A second case of the same family: what happens there stays out of the first's log.
        let family: (FamilyId,) = on_db!(&db, p => sqlx::query_as("SELECT family_id FROM cases WHERE reference = '2026-0412'")
            .fetch_one(p).await)
        .unwrap();
        let second = CaseId::fresh();
        on_db!(&db, p => sqlx::query("INSERT INTO cases (id, family_id, reference, opened_at) VALUES ($1, $2, '2025-0099', $3)")
            .bind(second).bind(family.0).bind(Utc::now() - Duration::days(400)).execute(p).await.map(|_| ()))
        .unwrap();
        let jeroen_account: (AccountId,) =
            on_db!(&db, p => sqlx::query_as("SELECT id FROM accounts WHERE username = 'jeroen'")
            .fetch_one(p).await)
            .unwrap();
        let event = app::backend::audit::AuditEvent::new(
            Some(jeroen_account.0),
            "read",
            "praatplaat",
            "127.0.0.1",
        )
        .in_case(second, family.0)
        .on(second);
        app.backend.audit.record(event).await.unwrap();
        let before = app.get("/wie-keek-mee", &sanne).await.body;
        assert!(
            !before.contains("Jeroen Smit"),
            "the other case's read is not in this case's log"
        );
        // No entry repeats a statement's words.
        let statement = ids::statement(&db, RAAD_VIEW).await.to_string();
        app.post(
            "/api/agree_statement",
            &[("statement", &statement)],
            &sanne,
            Client::Script,
        )
        .await;
        let log = app.get("/wie-keek-mee?zelf=ja", &sanne).await.body;
        assert!(log.contains("gereageerd op een zin in"));
        assert!(!log.contains(RAAD_VIEW));
        let export: serde_json::Value =
            serde_json::from_str(&app.get("/api/export_my_data", &sanne).await.body).unwrap();
        assert!(
            !export["access_log"].to_string().contains(RAAD_VIEW),
            "nor in the download"
        );
    }
);

on_both!(
    a_parent_without_authority_reads_the_important_information_until_a_professional_opens_more,
    |app| {
        let db = app.db().clone();
        let mehmet = app.login("mehmet").await;
        // Where the process is, who is involved, rights: yes.
        let home = app.get("/waar-sta-ik", &mehmet).await;
        assert_eq!(home.status, StatusCode::OK);
        let who = app.get("/wie-betrokken", &mehmet).await.body;
        assert!(
            who.contains("Jeroen Smit"),
            "professionals and how to reach them"
        );
        assert!(!who.contains("Mentor van Noor"), "no informants");
        assert_eq!(
            app.get("/mijn-rechten", &mehmet).await.status,
            StatusCode::OK
        );
        // Reports: only decisions.
        let vt = ids::report(&db, VT).await;
        let page = app.get(&format!("/rapporten/{vt}"), &mehmet).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(VT_DECISION), "a decision");
        assert!(!page.body.contains(VT_VISIT), "not the whole report");
        assert_eq!(numbers(&page.body), vec![1], "numbered as he sees them");
        let raad = ids::report(&db, RAAD).await;
        assert_eq!(
            app.get(&format!("/rapporten/{raad}"), &mehmet).await.status,
            StatusCode::NOT_FOUND,
            "a report without a decision is not his to read"
        );
        let print = app.get("/mijn-dossier/afdrukken", &mehmet).await.body;
        assert!(print.contains(VT_DECISION) && !print.contains(VT_VISIT));
        let export = app.get("/api/export_my_data", &mehmet).await.body;
        assert!(export.contains(VT_DECISION) && !export.contains(VT_VISIT));
        // He cannot respond to what he does not see.
        let visit = ids::statement(&db, VT_VISIT).await.to_string();
        let r = app
            .post(
                "/api/agree_statement",
                &[("statement", &visit)],
                &mehmet,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // A professional of the case opens the whole dossier, with a reason (audited) …
        let jeroen = app.login("jeroen").await;
        let case = ids::case(&db, "2026-0412").await;
        let father = ids::person(&db, "Mehmet").await;
        let card = app.get(&format!("/zaken/{case}"), &jeroen).await.body;
        assert!(card.contains("Ouders zonder gezag") && card.contains("Mehmet Yilmaz"));
        let (case_s, father_s) = (case.to_string(), father.to_string());
        let no_reason = app
            .post(
                "/api/set_full_information",
                &[
                    ("case", &case_s),
                    ("person", &father_s),
                    ("open", "true"),
                    ("reason", "  "),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert!(
            no_reason.body.contains(r#""ok":false"#),
            "a reason is required"
        );
        app.open_whole_dossier_for_mehmet().await;
        app.open_whole_dossier_for_mehmet().await;
        assert_eq!(
            ids::count(&db, "SELECT COUNT(*) FROM audit_events WHERE action = 'open_full_information' AND object_id = $1", father).await,
            1,
            "opened once, audited once"
        );
        let page = app.get(&format!("/rapporten/{vt}"), &mehmet).await.body;
        assert!(page.contains(VT_VISIT));
        assert!(!app
            .get(&format!("/rapporten/{raad}"), &mehmet)
            .await
            .body
            .contains(LISA_PART));
        // … and closes it again.
        let r = app
            .post(
                "/api/set_full_information",
                &[
                    ("case", &case_s),
                    ("person", &father_s),
                    ("open", "false"),
                    ("reason", ""),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        let page = app.get(&format!("/rapporten/{vt}"), &mehmet).await.body;
        assert!(!page.contains(VT_VISIT));
        // Only professionals of the case, only for a parent without authority.
        let sanne = app.login("sanne").await;
        let mother = ids::person(&db, "Sanne").await.to_string();
        for (cookie, person) in [(&sanne, &father_s), (&jeroen, &mother)] {
            let r = app
                .post(
                    "/api/set_full_information",
                    &[
                        ("case", &case_s),
                        ("person", person),
                        ("open", "true"),
                        ("reason", "x"),
                    ],
                    cookie,
                    Client::Script,
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND);
        }
    }
);

on_both!(siblings_do_not_read_what_concerns_only_the_other, |app| {
    let noor = app.login("noor").await;
    let raad = ids::report(app.db(), RAAD).await;
    let page = app.get(&format!("/rapporten/{raad}"), &noor).await.body;
    assert!(
        page.contains("Noor zegt dat ze bij haar moeder wil blijven"),
        "her own"
    );
    assert!(page.contains(RAAD_VIEW), "about the family");
    assert!(!page.contains(LISA_PART), "her sister's");
    let vt = ids::report(app.db(), VT).await;
    let page = app.get(&format!("/rapporten/{vt}"), &noor).await.body;
    assert!(!page.contains("De mentor van Lisa vertelt"), "her sister's");
    let n = numbers(&page);
    assert_eq!(n, (1..=n.len() as i32).collect::<Vec<_>>(), "no gaps");
    let lisa = app.login("lisa").await;
    let page = app.get(&format!("/rapporten/{raad}"), &lisa).await.body;
    assert!(page.contains(LISA_PART));
    assert!(
        !page.contains("Noor zegt dat ze bij haar moeder"),
        "her sister's view"
    );
});

on_both!(
    shielding_belongs_to_its_case_and_the_administrator_sees_no_family,
    |app| {
        let db = app.db().clone();
        let family: (FamilyId,) = on_db!(&db, p => sqlx::query_as("SELECT family_id FROM cases WHERE reference = '2026-0412'")
            .fetch_one(p).await)
        .unwrap();
        // Another case of the same family, with a report and a shielding of its own.
        let (second, report, statement) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let now = Utc::now();
        on_db!(&db, p => sqlx::query("INSERT INTO cases (id, family_id, reference, opened_at) VALUES ($1, $2, '2024-0007', $3)")
            .bind(second).bind(family.0).bind(now).execute(p).await.map(|_| ()))
        .unwrap();
        exec(&db, "INSERT INTO reports (id, case_id, organisation_id, kind, title, status, author_id, created_at, published_to_client_at) \
            SELECT $1, $2, organisation_id, 'raadsrapport', 'Oud rapport', 'definitief', author_id, created_at, created_at FROM reports WHERE title = 'Beschermingsonderzoek (concept)'", &[report, second]).await;
        exec(&db, "INSERT INTO statements (id, report_id, seq, text, kind, created_at) SELECT $1, $2, 1, 'Oude zin.', 'feit_waarneming', created_at FROM reports WHERE id = $2", &[statement, report]).await;
        let mehmet = ids::person(&db, "Mehmet").await;
        exec(&db, "INSERT INTO shieldings (id, case_id, item_kind, item_id, hidden_from_person_id, reason, created_by, created_at) \
            SELECT $1, $2, 'statement', $3, $4, 'GEHEIME-REDEN-ANDERE-ZAAK', id, created_at FROM accounts WHERE username = 'jeroen'", &[Uuid::new_v4(), second, statement, mehmet]).await;
        let jeroen = app.login("jeroen").await;
        let case = ids::case(&db, "2026-0412").await;
        let raad = ids::report(&db, RAAD).await;
        let page = app
            .get(&format!("/zaken/{case}/rapporten/{raad}"), &jeroen)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("Verborgen voor Mehmet Yilmaz"),
            "this case's"
        );
        assert!(
            !page.body.contains("GEHEIME-REDEN-ANDERE-ZAAK"),
            "not another case's"
        );
        assert!(!page.body.contains(&statement.to_string()));

        // The Raad's administrator reviews what jeroen did: kind and case, not whose.
        let statement = ids::statement(&db, RAAD_VIEW).await.to_string();
        let r = app
            .post(
                "/api/shield_statement",
                &[
                    ("case", &case.to_string()),
                    ("statement", &statement),
                    ("person", &mehmet.to_string()),
                    ("reason", "Test"),
                ],
                &jeroen,
                Client::Script,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let beheer = app.login("beheer").await;
        let review = app.get("/beheer", &beheer).await.body;
        assert!(review.contains("zaak 2026-0412"), "{review}");
        assert!(review.contains("afgeschermd voor een gezinslid"));
        for name in ["Mehmet", "Sanne", "Jansen-Yilmaz", RAAD_VIEW] {
            assert!(
                !review.contains(name),
                "{name} in the administrator's review"
            );
        }
    }
);

on_both!(
    an_anonymous_response_is_never_compared_with_the_same_persons_named_one,
    |app| {
        let db = app.db().clone();
        let case = ids::case(&db, "2026-0412").await;
        let jeroen = app.login("jeroen").await;
        let sanne = app.login("sanne").await;
        let day = app::backend::time::today().format("%Y-%m-%d").to_string();
        let case_s = case.to_string();
        let mut contacts = Vec::new();
        for _ in 0..2 {
            let contact = Uuid::new_v4().to_string();
            let r = app
                .post(
                    "/api/record_contact",
                    &[
                        ("case", &case_s),
                        ("id", &contact),
                        ("kind", "meeting"),
                        ("date", &day),
                        ("time", ""),
                        ("summary", "Gesprek."),
                    ],
                    &jeroen,
                    Client::Script,
                )
                .await;
            assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
            contacts.push(contact);
        }
        // Named 40, then anonymous 34 (low, and 6 lower than her named one).
        for (contact, score, anonymous, comment) in [
            (&contacts[0], "10", false, "NAMED-RESPONSE"),
            (&contacts[1], "7", true, "ANONYMOUS-RESPONSE"),
        ] {
            let key = Uuid::new_v4().to_string();
            let mut form = vec![
                ("contact", contact.as_str()),
                ("key", key.as_str()),
                ("intent", "send"),
                ("heard", score),
                ("topics", "10"),
                ("approach", "10"),
                ("overall", if anonymous { "7" } else { "10" }),
                ("comment", comment),
            ];
            if anonymous {
                form.push(("anonymous", "on"));
            }
            let r = app
                .post("/api/save_feedback", &form, &sanne, Client::Script)
                .await;
            assert!(r.body.contains(r#""ok":true"#), "{}", r.body);
        }
        let inbox = app.get("/inbox", &jeroen).await.body;
        let item = inbox
            .split(r#"<li class="inbox-item"#)
            .find(|li| li.contains("ANONYMOUS-RESPONSE"))
            .expect("the anonymous response is in the inbox");
        // The item's own header and flags (the page goes on after the last item).
        let (header, rest) = item
            .split_once(r#"<p class="flags">"#)
            .expect("the item's flags");
        let flags = rest.split("</p>").next().unwrap_or_default();
        assert!(
            flags.contains("Laag cijfer"),
            "low is about the response itself"
        );
        assert!(
            !flags.contains("Lager dan vorige keer"),
            "no comparison with her named response: {flags}"
        );
        assert!(!header.contains("Sanne"), "no name: {header}");
    }
);

// ---- The property test ----

/// A small deterministic generator (xorshift64*), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Clone, Debug)]
struct Member {
    person: Uuid,
    name: String,
    child: bool,
    age: i64,
    authority: bool,
}

#[derive(Clone, Debug)]
struct Thing {
    id: Uuid,
    marker: String,
    concerns: Option<Uuid>,
    author: Option<Uuid>,
    essential: bool,
    /// For a response: the statement it answers.
    answers: Option<Uuid>,
    informant: bool,
}

struct World {
    members: Vec<Member>,
    consent: HashSet<(Uuid, Uuid)>,
    whole: HashSet<Uuid>,
    shielded: HashSet<(Uuid, Uuid)>,
    things: Vec<Thing>,
    report_essential: bool,
}

impl World {
    fn member(&self, p: Uuid) -> &Member {
        self.members.iter().find(|m| m.person == p).unwrap()
    }

    /// The rules of domain.md §3 and issue 12, stated plainly and apart from the code.
    fn sees(&self, reader: &Member, t: &Thing) -> bool {
        if self.shielded.contains(&(t.id, reader.person)) {
            return false;
        }
        if let Some(parent) = t.answers {
            let parent = self.things.iter().find(|x| x.id == parent).unwrap();
            if !self.sees(reader, parent) {
                return false;
            }
        }
        if !t.informant && !self.report_shown(reader) {
            return false;
        }
        if t.author == Some(reader.person) {
            return true;
        }
        let limited = !reader.child && !reader.authority && !self.whole.contains(&reader.person);
        if limited && !t.essential {
            return false;
        }
        // Someone's own words are about them.
        let Some(about) = t.author.or(t.concerns) else {
            return true;
        };
        if about == reader.person {
            return true;
        }
        let other = self.member(about);
        if reader.child {
            !other.child
        } else {
            !(other.child && other.age >= 16 && !self.consent.contains(&(about, reader.person)))
        }
    }

    fn report_shown(&self, reader: &Member) -> bool {
        let limited = !reader.child && !reader.authority && !self.whole.contains(&reader.person);
        !limited || self.report_essential
    }

    /// Does `reader` see entries of `actor`'s own doings in the access log?
    fn sees_actions_of(&self, reader: &Member, actor: Uuid) -> bool {
        let entry = Thing {
            id: Uuid::new_v4(),
            marker: String::new(),
            concerns: Some(actor),
            author: Some(actor),
            essential: true,
            answers: None,
            informant: true,
        };
        self.sees(reader, &entry)
    }
}

/// Builds one random family with a published report, informants, views, consents,
/// shieldings and whole-dossier grants, straight into the database.
async fn generate(app: &TestApp, rng: &mut Rng, n: usize) -> (World, Uuid, Uuid) {
    let db = app.db();
    let today = app::backend::time::today();
    let born = |years: i64| -> NaiveDate { today - Duration::days(years * 365 + years / 4 + 40) };
    let now = Utc::now();
    let (family, case, report) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    exec(db, "INSERT INTO families (id, display_name, created_at) SELECT $1, 'Gegenereerd', created_at FROM organisations LIMIT 1", &[family]).await;
    on_db!(db, p => sqlx::query("INSERT INTO cases (id, family_id, reference, opened_at) VALUES ($1, $2, $3, $4)")
        .bind(case).bind(family).bind(format!("P-{n}")).bind(now - Duration::days(30)).execute(p).await.map(|_| ()))
    .unwrap();
    let mut members = Vec::new();
    let parents = 1 + rng.below(2);
    for i in 0..parents {
        members.push(Member {
            person: Uuid::new_v4(),
            name: format!("Ouder{n}x{i}"),
            child: false,
            age: 40,
            authority: rng.chance(50),
        });
    }
    for i in 0..(1 + rng.below(3)) {
        members.push(Member {
            person: Uuid::new_v4(),
            name: format!("Kind{n}x{i}"),
            child: true,
            age: [8, 13, 17][rng.below(3)],
            authority: false,
        });
    }
    for m in &members {
        on_db!(db, p => sqlx::query("INSERT INTO people (id, given_name, family_name, birth_date, created_at) VALUES ($1, $2, 'Proef', $3, $4)")
            .bind(m.person).bind(&m.name).bind(born(m.age)).bind(now).execute(p).await.map(|_| ()))
        .unwrap();
        on_db!(db, p => sqlx::query("INSERT INTO family_members (family_id, person_id, relation, has_parental_authority) VALUES ($1, $2, $3, $4)")
            .bind(family).bind(m.person).bind(if m.child { "child" } else if rng.chance(50) { "mother" } else { "father" }).bind(m.authority)
            .execute(p).await.map(|_| ()))
        .unwrap();
        if m.child {
            exec(
                db,
                "INSERT INTO case_children (case_id, person_id) VALUES ($1, $2)",
                &[case, m.person],
            )
            .await;
        }
    }
    let mut consent = HashSet::new();
    for c in members.iter().filter(|m| m.child && m.age >= 16) {
        for p in members.iter().filter(|m| !m.child) {
            match rng.below(3) {
                0 => {}
                1 => {
                    consent.insert((c.person, p.person));
                    exec(db, "INSERT INTO consents (id, child_person_id, parent_person_id, given_at) SELECT $1, $2, $3, created_at FROM people WHERE id = $2", &[Uuid::new_v4(), c.person, p.person]).await;
                }
                _ => {
                    exec(db, "INSERT INTO consents (id, child_person_id, parent_person_id, given_at, withdrawn_at) SELECT $1, $2, $3, created_at, created_at FROM people WHERE id = $2", &[Uuid::new_v4(), c.person, p.person]).await;
                }
            }
        }
    }
    let jeroen: (Uuid, Uuid) = on_db!(db, p => sqlx::query_as("SELECT a.id, a.person_id FROM accounts a WHERE a.username = 'jeroen'").fetch_one(p).await).unwrap();
    let mut whole = HashSet::new();
    for p in members.iter().filter(|m| !m.child && !m.authority) {
        if rng.chance(50) {
            whole.insert(p.person);
            exec(db, "INSERT INTO full_information_grants (id, case_id, person_id, reason, granted_by, granted_at) SELECT $1, $2, $3, 'proef', $4, created_at FROM people WHERE id = $3", &[Uuid::new_v4(), case, p.person, jeroen.0]).await;
        }
    }
    exec(db, "INSERT INTO reports (id, case_id, organisation_id, kind, title, status, author_id, created_at, published_to_client_at) \
        SELECT $1, $2, organisation_id, 'raadsrapport', 'Proefrapport', 'definitief', author_id, created_at, created_at FROM reports WHERE title = 'Beschermingsonderzoek (concept)'", &[report, case]).await;
    let kinds = ["feit_waarneming", "oordeel_professional", "besluit"];
    let pick = |rng: &mut Rng, members: &[Member]| -> Option<Uuid> {
        (!rng.chance(30)).then(|| members[rng.below(members.len())].person)
    };
    let mut things = Vec::new();
    for seq in 1..=(3 + rng.below(4)) {
        let (id, kind) = (Uuid::new_v4(), kinds[rng.below(kinds.len())]);
        let concerns = pick(rng, &members);
        let marker = format!("ZIN-{}", id.simple());
        on_db!(db, p => sqlx::query("INSERT INTO statements (id, report_id, seq, text, kind, source_person_id, concerns_person_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id).bind(report).bind(seq as i32).bind(&marker).bind(kind).bind(jeroen.1).bind(concerns).bind(now).execute(p).await.map(|_| ()))
        .unwrap();
        things.push(Thing {
            id,
            marker,
            concerns,
            author: None,
            essential: kind == "besluit",
            answers: None,
            informant: false,
        });
    }
    let report_essential = things.iter().any(|t| t.essential);
    // Own views of family members of 12+ on random statements.
    let writers: Vec<Member> = members
        .iter()
        .filter(|m| !m.child || m.age >= 12)
        .cloned()
        .collect();
    let statements: Vec<Uuid> = things.iter().map(|t| t.id).collect();
    for i in 0..(1 + rng.below(3)) {
        let w = &writers[rng.below(writers.len())];
        // One responds to a statement of the report (not to someone else's view).
        let on = statements[rng.below(statements.len())];
        let id = Uuid::new_v4();
        let marker = format!("VIEW-{}", id.simple());
        let kind = if w.child { "visie_kind" } else { "visie_ouder" };
        on_db!(db, p => sqlx::query("INSERT INTO statements (id, report_id, seq, text, kind, source_person_id, concerns_person_id, responds_to, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)")
            .bind(id).bind(report).bind(100 + i as i32).bind(&marker).bind(kind).bind(w.person).bind(on).bind(now).execute(p).await.map(|_| ()))
        .unwrap();
        things.push(Thing {
            id,
            marker,
            concerns: Some(w.person),
            author: Some(w.person),
            essential: false,
            answers: Some(on),
            informant: false,
        });
    }
    for _ in 0..(1 + rng.below(3)) {
        let id = Uuid::new_v4();
        let concerns = pick(rng, &members);
        let marker = format!("INFORMANT-{}", id.simple());
        on_db!(db, p => sqlx::query("INSERT INTO informants (id, case_id, collected_by, name_or_role, relation, contacted_at, topic, consent_basis, accorded, concerns_person_id) \
            VALUES ($1, $2, $3, 'Proefinformant', 'school', $4, $5, 'with_consent', TRUE, $6)")
            .bind(id).bind(case).bind(jeroen.1).bind(now).bind(&marker).bind(concerns).execute(p).await.map(|_| ()))
        .unwrap();
        things.push(Thing {
            id,
            marker,
            concerns,
            author: None,
            essential: false,
            answers: None,
            informant: true,
        });
    }
    let mut shielded = HashSet::new();
    for t in things.clone() {
        if rng.chance(20) {
            let from = &members[rng.below(members.len())];
            shielded.insert((t.id, from.person));
            exec(db, "INSERT INTO shieldings (id, case_id, item_kind, item_id, hidden_from_person_id, reason, created_by, created_at) \
                SELECT $1, $2, 'statement', $3, $4, 'proef', $5, created_at FROM people WHERE id = $4", &[Uuid::new_v4(), case, t.id, from.person, jeroen.0]).await;
        }
    }
    (
        World {
            members,
            consent,
            whole,
            shielded,
            things,
            report_essential,
        },
        case,
        report,
    )
}

/// A logged-in cookie for a new account of `person` (no password hashing: a session row).
async fn session_for(db: &Db, person: Uuid, name: &str, role: &str) -> (AccountId, String) {
    let account = AccountId::fresh();
    on_db!(db, p => sqlx::query("INSERT INTO accounts (id, person_id, username, role, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(account).bind(person).bind(name.to_lowercase()).bind(role).bind(Utc::now()).execute(p).await.map(|_| ()))
    .unwrap();
    let token = app::backend::session::create(db, account, "test", false)
        .await
        .unwrap();
    (account, format!("helder_session={token}"))
}

on_both!(
    every_read_path_follows_the_plain_rules_for_generated_families,
    |app| {
        let seed: u64 = std::env::var("HELDER_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| Utc::now().timestamp_micros() as u64 | 1);
        println!("visibility property test seed: {seed} (HELDER_SEED={seed} to replay)");
        let mut rng = Rng(seed);
        let db = app.db().clone();
        let mut checked = 0;
        for n in 0..6 {
            let (world, case, report) = generate(&app, &mut rng, n).await;
            // Accounts for everyone who reads (parents, young people of 12+), and a
            // confidant for one of them.
            let mut readers: Vec<(Member, String)> = Vec::new();
            for m in world.members.iter().filter(|m| !m.child || m.age >= 12) {
                let role = if m.child { "young_person" } else { "parent" };
                let (_, cookie) = session_for(&db, m.person, &m.name, role).await;
                readers.push((m.clone(), cookie));
            }
            let sharer = readers[rng.below(readers.len())].0.clone();
            let confidant_person = Uuid::new_v4();
            let confidant_name = format!("Vertrouwd{n}");
            exec(&db, "INSERT INTO people (id, given_name, family_name, created_at) SELECT $1, 'x', 'Proef', created_at FROM people WHERE id = $2", &[confidant_person, sharer.person]).await;
            on_db!(&db, p => sqlx::query("UPDATE people SET given_name = $2 WHERE id = $1").bind(confidant_person).bind(&confidant_name).execute(p).await.map(|_| ())).unwrap();
            let (confidant_account, confidant) =
                session_for(&db, confidant_person, &confidant_name, "confidant").await;
            on_db!(&db, p => sqlx::query("INSERT INTO delegations (id, case_id, granted_by, grantee_account_id, grantee_role, scope, created_at, expires_at) VALUES ($1, $2, $3, $4, 'vertrouwenspersoon', 'read_all', $5, $6)")
                .bind(Uuid::new_v4()).bind(case).bind(sharer.person).bind(confidant_account).bind(Utc::now()).bind(Utc::now() + Duration::days(30)).execute(p).await.map(|_| ()))
            .unwrap();
            // Everyone opens their first page (an access-log entry of their own).
            for (_, cookie) in &readers {
                assert_eq!(app.get("/waar-sta-ik", cookie).await.status, StatusCode::OK);
            }
            app.get(&format!("/zaken/{case}"), &confidant).await;

            for (reader, cookie) in &readers {
                let report_page = app.get(&format!("/rapporten/{report}"), cookie).await;
                let expect_report = world.report_shown(reader);
                assert_eq!(
                    report_page.status == StatusCode::OK,
                    expect_report,
                    "seed {seed}: report for {}",
                    reader.name
                );
                let involved = app.get("/wie-betrokken", cookie).await.body;
                let print = app.get("/mijn-dossier/afdrukken", cookie).await.body;
                let export = app.get("/api/export_my_data", cookie).await.body;
                let mut as_confidant = None;
                if reader.person == sharer.person {
                    as_confidant = Some((
                        app.get(&format!("/zaken/{case}/rapporten/{report}"), &confidant)
                            .await
                            .body,
                        app.get(&format!("/zaken/{case}/betrokken"), &confidant)
                            .await
                            .body,
                    ));
                }
                for t in &world.things {
                    let expected = world.sees(reader, t);
                    let pages: Vec<(&str, &str)> = if t.informant {
                        vec![("involved", &involved)]
                    } else {
                        vec![("report", &report_page.body)]
                    };
                    for (name, body) in pages
                        .into_iter()
                        .chain([("print", print.as_str()), ("export", export.as_str())])
                    {
                        assert_eq!(
                            body.contains(&t.marker),
                            expected,
                            "seed {seed}: {} on {name} for {} ({:?}); rules say {expected}",
                            t.marker,
                            reader.name,
                            t
                        );
                        checked += 1;
                    }
                    if let Some((report_c, involved_c)) = &as_confidant {
                        let body = if t.informant { involved_c } else { report_c };
                        assert_eq!(
                            body.contains(&t.marker),
                            expected,
                            "seed {seed}: confidant of {} sees {}",
                            reader.name,
                            t.marker
                        );
                    }
                }
                if expect_report {
                    let n = numbers(&report_page.body);
                    assert_eq!(
                        n,
                        (1..=n.len() as i32).collect::<Vec<_>>(),
                        "seed {seed}: numbers without gaps for {}",
                        reader.name
                    );
                }
                // The access log: others' own doings follow the same rule.
                let log = app.get("/wie-keek-mee?zelf=ja", cookie).await.body;
                for (other, _) in readers.iter().filter(|(o, _)| o.person != reader.person) {
                    let shown = log.contains(&format!(
                        "<strong dir=\"auto\">{} Proef</strong>",
                        other.name
                    ));
                    assert_eq!(
                        shown,
                        world.sees_actions_of(reader, other.person),
                        "seed {seed}: {}'s log entries for {}",
                        other.name,
                        reader.name
                    );
                    checked += 1;
                }
                assert_eq!(
                    log.contains(&format!(
                        "<strong dir=\"auto\">{confidant_name} Proef</strong>"
                    )),
                    world.sees_actions_of(reader, sharer.person),
                    "seed {seed}: the confidant's reading is {}'s",
                    sharer.name
                );
            }
        }
        assert!(checked > 50, "the property test checked {checked} facts");
    }
);
