//! A realistic, fictional demo: the Jansen–Yilmaz family in the Raad's protection
//! investigation after a Veilig Thuis handover, a second family for "someone else's dossier",
//! and one account for every role. Dates are relative to the day the demo is loaded, so the
//! deadlines on the pages stay meaningful. Loaded only into an empty database.
use super::{
    actor::ApiScope,
    auth::hash_password,
    db::{Db, Tx},
    store::{
        api_clients, cases, families, feedback, involvements, people, reports, sharing, writing,
    },
    time::now,
    StoreError,
};
use crate::domain::{AccountId, CaseId, FamilyId, PersonId};
use crate::on_tx;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use uuid::Uuid;

/// Every demo account shares this password (printed by the run command).
pub const DEMO_PASSWORD: &str = "helder-demo";

/// The second-factor key of every demo professional (base32), printed by the run command;
/// `scripts/code` prints its current code.
pub const DEMO_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// The token of the Raad's demo case system for the import API (printed by the run command).
pub const DEMO_API_TOKEN: &str =
    "helder_demo0raad0000000000000000000000000000000000000000000000000000";

/// The Raad's RSIN in the demo: its `bronorganisatie` in the import API.
pub const DEMO_RAAD_RSIN: &str = "800000018";

/// (username, what the account shows), in the order the run command prints them.
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("sanne", "moeder met gezag (familie Jansen-Yilmaz)"),
    ("mehmet", "vader zonder gezag (familie Jansen-Yilmaz)"),
    ("noor", "jongere van 14 (familie Jansen-Yilmaz)"),
    (
        "lisa",
        "jongere van 16, gaf moeder toestemming (familie Jansen-Yilmaz)",
    ),
    ("jeroen", "raadsonderzoeker, Raad voor de Kinderbescherming"),
    ("fatima", "medewerker Veilig Thuis Utrecht"),
    (
        "willem",
        "gedragsdeskundige, Raad voor de Kinderbescherming",
    ),
    (
        "karin",
        "buurtteamer, niet meer betrokken sinds de overdracht (ziet de zaak niet meer)",
    ),
    (
        "anouk",
        "jeugdbeschermer SAVE (andere organisatie, andere familie)",
    ),
    ("peter", "vader met gezag (familie Bakker)"),
    (
        "yvonne",
        "vertrouwenspersoon Jeugdstem (leest wat een gezin met haar deelt)",
    ),
    ("analist", "analist SAVE (alleen anonieme cijfers)"),
    ("beheer", "beheerder Raad voor de Kinderbescherming"),
];

struct Seed {
    tx: Tx,
    at: DateTime<Utc>,
    hash: String,
}

impl Seed {
    fn days(&self, d: i64) -> DateTime<Utc> {
        self.at + Duration::days(d)
    }

    fn date(&self, d: i64) -> NaiveDate {
        super::time::local_date(self.days(d))
    }

    async fn org(
        &mut self,
        kind: &str,
        name: &str,
        phone: &str,
        hours: &str,
        crisis: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let at = self.at;
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO organisations (id, kind, name, region, phone, office_hours, out_of_hours_phone, created_at) VALUES ($1, $2, $3, 'Utrecht', $4, $5, $6, $7)")
            .bind(id).bind(kind).bind(name).bind(phone).bind(hours).bind(crisis).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    async fn person(
        &mut self,
        given: &str,
        family: &str,
        birth: Option<NaiveDate>,
    ) -> Result<PersonId, StoreError> {
        let id = PersonId::fresh();
        let at = self.at;
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO people (id, given_name, family_name, birth_date, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(given).bind(family).bind(birth).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    async fn account(
        &mut self,
        person: PersonId,
        username: &str,
        role: &str,
        org: Option<Uuid>,
        title: Option<&str>,
    ) -> Result<AccountId, StoreError> {
        let id = AccountId::fresh();
        let (at, hash) = (self.at, self.hash.clone());
        let totp = matches!(role, "professional" | "org_admin").then_some(DEMO_TOTP_SECRET);
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO accounts (id, person_id, username, password_hash, role, organisation_id, job_title, totp_secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id).bind(person).bind(username).bind(hash).bind(role).bind(org).bind(title).bind(totp).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    /// Opens a case for a new family with its first member, as "Een zaak openen" does: the
    /// opener leads the first phase, is responsible now and the family's contact person.
    #[allow(clippy::too_many_arguments)]
    async fn open_case(
        &mut self,
        family: &str,
        reference: &str,
        first: families::NewMember,
        reporter: families::NewReporter,
        (phase, org, role): (&str, Uuid, &str),
        (opener, opener_account): (PersonId, AccountId),
        opened: i64,
    ) -> Result<CaseId, StoreError> {
        let case = families::NewCase {
            case_id: CaseId::fresh(),
            family_id: FamilyId::fresh(),
            family_name: family.to_string(),
            reference: reference.to_string(),
            at: self.days(opened),
            first,
            reporter,
            phase: phase.to_string(),
            due: None,
            organisation_id: org,
            opener,
            opener_account,
            role: role.to_string(),
            today: self.date(opened),
        };
        families::open(&mut self.tx, &case).await?;
        Ok(case.case_id)
    }

    /// Adds a member to the case's family, as the family card does.
    async fn add_member(
        &mut self,
        case: CaseId,
        member: families::NewMember,
        day: i64,
    ) -> Result<(), StoreError> {
        let (family,): (FamilyId,) = on_tx!(&mut self.tx, c => sqlx::query_as(
            "SELECT family_id FROM cases WHERE id = $1").bind(case).fetch_one(c).await)?;
        let at = self.days(day);
        if !families::add_member(&mut self.tx, case, family, &member, at).await? {
            return Err(StoreError::Corrupt("demo member twice".into()));
        }
        Ok(())
    }

    /// Records the next phase, as the case page's "Volgende stap" does.
    #[allow(clippy::too_many_arguments)]
    async fn next_phase(
        &mut self,
        case: CaseId,
        from: &str,
        to: &str,
        lead: Uuid,
        start: i64,
        due: i64,
        decision: &str,
        by: AccountId,
        watch: Option<i64>,
    ) -> Result<(), StoreError> {
        let phase = cases::NewPhase {
            id: Uuid::new_v4(),
            case_id: case,
            from: from.to_string(),
            to: to.to_string(),
            lead_organisation_id: Some(lead),
            start: self.days(start),
            due: Some(self.days(due)),
            due_reason: None,
            decision: decision.to_string(),
            by,
            watch_until: watch.map(|d| self.date(d)),
        };
        if !cases::start_phase(&mut self.tx, &phase).await? {
            return Err(StoreError::Corrupt(format!("demo phase {to}")));
        }
        Ok(())
    }

    /// Adds a professional to the case with a role and period, as "Wie werken aan deze zaak?"
    /// does; returns the involvement.
    async fn involve(
        &mut self,
        case: CaseId,
        person: PersonId,
        org: Uuid,
        role: &str,
        since: i64,
        until: Option<i64>,
    ) -> Result<Uuid, StoreError> {
        let new = involvements::NewInvolvement {
            id: Uuid::new_v4(),
            case_id: case,
            person_id: person,
            organisation_id: org,
            role: role.to_string(),
            since: self.date(since),
            until: until.map(|d| self.date(d)),
            today: self.date(since),
        };
        if !involvements::add(&mut self.tx, &new).await? {
            return Err(StoreError::Corrupt("demo involvement twice".into()));
        }
        Ok(new.id)
    }

    /// Makes `to` responsible now and the family's contact person on `day`.
    async fn take_over(&mut self, case: CaseId, to: Uuid, day: i64) -> Result<(), StoreError> {
        let today = self.date(day);
        for mark in [involvements::Mark::Responsible, involvements::Mark::Contact] {
            let was = involvements::holder(&mut self.tx, case, mark).await?;
            if !involvements::mark(&mut self.tx, case, mark, to, was, today).await? {
                return Err(StoreError::Corrupt("demo mark".into()));
            }
        }
        Ok(())
    }

    /// Ends a professional's involvement on `until` (its last day).
    async fn end_involvement(
        &mut self,
        case: CaseId,
        person: PersonId,
        until: i64,
    ) -> Result<(), StoreError> {
        let (id,): (Uuid,) = on_tx!(&mut self.tx, c => sqlx::query_as(
            "SELECT id FROM involvements WHERE case_id = $1 AND person_id = $2 AND until IS NULL")
            .bind(case).bind(person).fetch_one(c).await)?;
        let until = self.date(until);
        if !involvements::end(&mut self.tx, case, id, until).await? {
            return Err(StoreError::Corrupt("demo end of involvement".into()));
        }
        Ok(())
    }

    /// A family member's address or number, as a professional of the case records it.
    async fn contact_detail(
        &mut self,
        case: CaseId,
        person: PersonId,
        kind: &'static str,
        value: &str,
        by: AccountId,
    ) -> Result<Uuid, StoreError> {
        let new = super::store::contact_details::NewContact {
            id: Uuid::new_v4(),
            case_id: case,
            person_id: person,
            kind,
            value: value.to_string(),
            by,
            at: self.at - Duration::days(30),
        };
        super::store::contact_details::add(&mut self.tx, &new).await?;
        Ok(new.id)
    }

    /// Records someone who was asked about the family, as "Wie is er gevraagd?" does.
    #[allow(clippy::too_many_arguments)]
    async fn informant(
        &mut self,
        case: CaseId,
        by: PersonId,
        who: &str,
        relation: &str,
        day: i64,
        topic: &str,
        legal_ground: Option<&str>,
        concerns: Option<PersonId>,
    ) -> Result<Uuid, StoreError> {
        let new = people::NewInformant {
            id: Uuid::new_v4(),
            case_id: case,
            collected_by: by,
            name_or_role: who.to_string(),
            organisation: None,
            relation: relation.to_string(),
            contacted_at: self.days(day),
            topic: topic.to_string(),
            concerns,
            legal_ground: legal_ground.map(str::to_string),
        };
        people::add_informant(&mut self.tx, &new).await?;
        Ok(new.id)
    }

    /// Starts a concept report, as the editor's "Rapport beginnen" does.
    async fn report(
        &mut self,
        case: CaseId,
        org: Uuid,
        kind: &str,
        title: &str,
        author: PersonId,
        created: i64,
    ) -> Result<Uuid, StoreError> {
        let r = writing::NewReport {
            id: Uuid::new_v4(),
            case_id: case,
            organisation: org,
            kind: kind.to_string(),
            title: title.to_string(),
            author,
            at: self.days(created),
        };
        writing::start(&mut self.tx, &r).await?;
        Ok(r.id)
    }

    /// Writes the next statement of a concept report, as the editor saves it: (kind, text,
    /// source person, informant, about whom, worry or going well, the day it was seen).
    #[allow(clippy::too_many_arguments)]
    async fn statement(
        &mut self,
        report: Uuid,
        kind: &str,
        text: &str,
        source: Option<PersonId>,
        informant: Option<Uuid>,
        concerns: Option<PersonId>,
        factor: Option<&str>,
        observed: Option<i64>,
    ) -> Result<Uuid, StoreError> {
        // A family member's view concerns its writer, as the editor decides it.
        let concerns = concerns.or(source.filter(|_| kind.starts_with("visie_")));
        let statement = writing::Statement {
            report_id: report,
            id: None,
            version: 0,
            text: text.to_string(),
            kind: kind.to_string(),
            observed_at: observed.map(|d| self.date(d)),
            source_person: source,
            informant,
            concerns,
            grounds: Vec::new(),
            factor: factor.map(str::to_string),
            // The demo's informants agreed with how their words were written down.
            accorded: informant.is_some(),
            at: self.at,
        };
        self.write(&statement).await
    }

    /// Writes an assessment by `author` that rests on earlier statements of the report, as the
    /// editor saves one with its grounds ticked.
    async fn assessment(
        &mut self,
        report: Uuid,
        text: &str,
        author: PersonId,
        factor: Option<&str>,
        grounds: &[Uuid],
    ) -> Result<Uuid, StoreError> {
        let statement = writing::Statement {
            report_id: report,
            id: None,
            version: 0,
            text: text.to_string(),
            kind: "oordeel_professional".to_string(),
            observed_at: None,
            source_person: Some(author),
            informant: None,
            concerns: None,
            grounds: grounds.to_vec(),
            factor: factor.map(str::to_string),
            accorded: false,
            at: self.at,
        };
        self.write(&statement).await
    }

    async fn write(&mut self, statement: &writing::Statement) -> Result<Uuid, StoreError> {
        match writing::save(&mut self.tx, statement).await? {
            writing::Saved::Done(id) => Ok(id),
            other => Err(StoreError::Corrupt(format!("demo statement: {other:?}"))),
        }
    }

    /// Sends a concept report on `day`, as the editor does: reviewed first by `reviewer` when
    /// given, then for the family's reaction until `until`; made final on `final_day` when given.
    async fn send(
        &mut self,
        report: Uuid,
        reviewer: Option<PersonId>,
        day: i64,
        until: i64,
        final_day: Option<i64>,
    ) -> Result<(), StoreError> {
        let (at, until) = (self.days(day), self.date(until));
        let done = |ok: bool, step: &str| {
            ok.then_some(())
                .ok_or_else(|| StoreError::Corrupt(format!("demo report: {step}")))
        };
        writing::lock(&mut self.tx, report).await?;
        if let Some(reviewer) = reviewer {
            done(
                writing::review(&mut self.tx, report, reviewer, at).await?,
                "review",
            )?;
        }
        done(
            writing::publish(&mut self.tx, report, Some(until), at).await?,
            "publish",
        )?;
        if let Some(f) = final_day {
            let at = self.days(f);
            done(
                writing::finalise(&mut self.tx, report, at).await?,
                "finalise",
            )?;
        }
        Ok(())
    }

    async fn contact(
        &mut self,
        case: CaseId,
        professional: AccountId,
        kind: &str,
        day: i64,
        summary: &str,
    ) -> Result<Uuid, StoreError> {
        let contact = feedback::NewContact {
            id: Uuid::new_v4(),
            case_id: case,
            professional_id: professional,
            kind,
            at: self.days(day),
            summary,
        };
        feedback::record_contact(&mut self.tx, &contact).await?;
        Ok(contact.id)
    }

    /// A sent feedback response about a contact (the store's own insert, so the demo is
    /// stored exactly as the form stores it).
    #[allow(clippy::too_many_arguments)]
    async fn feedback(
        &mut self,
        case: CaseId,
        contact: Uuid,
        professional: AccountId,
        person: PersonId,
        group: &str,
        scores: [u8; 4],
        anonymous: bool,
        comment: Option<&str>,
        day: i64,
    ) -> Result<Uuid, StoreError> {
        use crate::domain::feedback::Scale;
        let scores: Vec<(Scale, u8)> = Scale::ALL.into_iter().zip(scores).collect();
        let key = Uuid::new_v4().to_string();
        let at = self.days(day);
        feedback::save_response(
            &mut self.tx,
            &feedback::NewResponse {
                case_id: case,
                contact_id: Some(contact),
                professional_id: professional,
                respondent_person_id: person,
                respondent_group: group,
                anonymous,
                comment,
                // The demo family has not let any organisation's system have their words.
                share: false,
                scores: &scores,
                submit: true,
                at,
                key: &key,
            },
        )
        .await?;
        let id: (Uuid,) = on_tx!(&mut self.tx, c => sqlx::query_as("SELECT id FROM feedback_responses WHERE idempotency_key = $1")
            .bind(&key).fetch_one(c).await)?;
        Ok(id.0)
    }

    async fn team(&mut self, org: Uuid, name: &str) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO teams (id, organisation_id, name) VALUES ($1, $2, $3)")
            .bind(id).bind(org).bind(name).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    /// Twelve months (this one and the eleven before) of an organisation's figures: per team (parents, young people) that many
    /// pseudonymous respondents a month, with scores that drift; fewer in a few months so the
    /// dashboard shows what it hides. Contacts, replies and correction requests to match.
    async fn history(&mut self, org: Uuid, teams: &[(Uuid, i64, i64)]) -> Result<(), StoreError> {
        use super::store::insights::{self, CellKey};
        // A small deterministic generator: the demo is the same on every run.
        let mut seed: u64 = 0x5eed_1234;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let people: Vec<PersonId> = (0..200).map(|_| PersonId::fresh()).collect();
        // Months counted on the Amsterdam calendar: subtracting months from a UTC instant
        // late on a month's last day can land two of them in the same local month.
        let first = super::time::local_date(self.at)
            .with_day(1)
            .expect("every month has a first day");
        for back in 0..12u32 {
            let month = (first - chrono::Months::new(back))
                .format("%Y-%m")
                .to_string();
            for (ti, (team, parents, young)) in teams.iter().enumerate() {
                for (group, count) in [("parent", *parents), ("young_person", *young)] {
                    // The smallest team has a quiet spell in the middle of the year.
                    let count = if ti == 2 && (5..=7).contains(&back) {
                        count / 2
                    } else {
                        count
                    };
                    let key = CellKey {
                        organisation: org.to_string(),
                        month: month.clone(),
                        team: team.to_string(),
                        phase: "GI_OTS".to_string(),
                        group: group.to_string(),
                    };
                    for i in 0..count {
                        let person = people[(ti * 60
                            + usize::from(group == "young_person") * 30
                            + i as usize)
                            % people.len()];
                        let base = 7 + (back % 2) as u8 + u8::from(ti == 0);
                        let score = |r: u64| (base + r as u8).min(10);
                        let scores = [
                            score(next(3)),
                            score(next(3)),
                            score(next(2)),
                            score(next(3)),
                        ];
                        insights::add_response(&mut self.tx, &key, person, &scores).await?;
                        let below = crate::domain::feedback::total(&scores)
                            <= crate::domain::feedback::LOW_TOTAL;
                        if next(10) < 8 {
                            insights::add_first_reply(&mut self.tx, &key, next(9) as i64, below)
                                .await?;
                            if below && next(10) < 6 {
                                insights::add_discussed(&mut self.tx, &key).await?;
                            }
                        }
                    }
                    on_tx!(&mut self.tx, c => sqlx::query(
                        "INSERT INTO insight_contacts (organisation_id, month, team, phase, contacts) VALUES ($1, $2, $3, 'GI_OTS', $4) \
                         ON CONFLICT (organisation_id, month, team, phase) DO UPDATE SET contacts = insight_contacts.contacts + excluded.contacts")
                        .bind(org.to_string()).bind(&month).bind(team.to_string()).bind(count * 3 / 2)
                        .execute(c).await.map(|_| ()))?;
                }
            }
            // Correction requests about SAVE's reports that month, and their decisions.
            let requests = 10 + next(6) as i64;
            let accepted = requests * 2 / 5;
            let within = requests - 1 - next(2) as i64;
            on_tx!(&mut self.tx, c => sqlx::query(
                "INSERT INTO insight_corrections (organisation_id, month, requests, requesters, accepted, declined, within_deadline) VALUES ($1, $2, $3, $3, $4, $5, $6)")
                .bind(org.to_string()).bind(&month).bind(requests).bind(accepted).bind(requests - accepted).bind(within)
                .execute(c).await.map(|_| ()))?;
            for days in [9, 14, 21, 27, 35] {
                on_tx!(&mut self.tx, c => sqlx::query(
                    "INSERT INTO insight_correction_days (organisation_id, month, days, n) VALUES ($1, $2, $3, $4)")
                    .bind(org.to_string()).bind(&month).bind(days).bind(requests / 5 + i64::from(days == 21))
                    .execute(c).await.map(|_| ()))?;
            }
        }
        Ok(())
    }
}

/// True when the database holds no accounts yet.
pub async fn is_empty(db: &Db) -> Result<bool, StoreError> {
    let (n,): (i64,) =
        crate::on_db!(db, p => sqlx::query_as("SELECT COUNT(*) FROM accounts").fetch_one(p).await)?;
    Ok(n == 0)
}

/// Loads the demo in one transaction (all or nothing).
pub async fn load(db: &Db) -> Result<(), StoreError> {
    load_at(db, now()).await
}

/// [`load`] as if it were `at` (the demo's dates are relative to when it is loaded).
pub async fn load_at(db: &Db, at: DateTime<Utc>) -> Result<(), StoreError> {
    let hash = tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut s = Seed {
        tx: db.begin().await?,
        at,
        hash,
    };

    let vt = s
        .org(
            "vt",
            "Veilig Thuis Utrecht",
            "0800-2000",
            "Dag en nacht bereikbaar",
            Some("0800-2000"),
        )
        .await?;
    let rvdk = s
        .org(
            "rvdk",
            "Raad voor de Kinderbescherming Midden-Nederland",
            "088-361 1000",
            "Maandag tot vrijdag 8.30–17.00 uur",
            Some("0800-2000"),
        )
        .await?;
    let save = s
        .org(
            "gi",
            "SAVE Jeugdbescherming",
            "088-996 3000",
            "Maandag tot vrijdag 8.30–17.00 uur",
            Some("0800-2000"),
        )
        .await?;
    let wijk = s
        .org(
            "wijkteam",
            "Buurtteam Overvecht",
            "030-204 5000",
            "Maandag tot vrijdag 9.00–17.00 uur",
            None,
        )
        .await?;
    let stem = s
        .org(
            "jeugdstem",
            "Jeugdstem (vertrouwenspersoon)",
            "088-555 1000",
            "Maandag tot vrijdag 9.00–17.00 uur",
            None,
        )
        .await?;

    let today = s.date(0);
    // Born `y` years and `extra_days` days before today (extra_days > 1 absorbs leap days).
    let years_ago = |y: i64, extra_days: i64| today - Duration::days(y * 365 + y / 4 + extra_days);

    // Family 1: Jansen-Yilmaz, in the Raad's protection investigation after a VT handover.
    // The professionals first (organisation accounts), then the case as Veilig Thuis opened
    // it and everything after, through the functions the case pages use.
    let fatima = s.person("Fatima", "El Amrani", None).await?;
    let fatima_account = s
        .account(
            fatima,
            "fatima",
            "professional",
            Some(vt),
            Some("Medewerker Veilig Thuis"),
        )
        .await?;
    let jeroen = s.person("Jeroen", "Smit", None).await?;
    let jeroen_account = s
        .account(
            jeroen,
            "jeroen",
            "professional",
            Some(rvdk),
            Some("Raadsonderzoeker"),
        )
        .await?;
    let karin = s.person("Karin", "Bos", None).await?;
    s.account(
        karin,
        "karin",
        "professional",
        Some(wijk),
        Some("Buurtteamer"),
    )
    .await?;
    let willem = s.person("Willem", "de Groot", None).await?;
    s.account(
        willem,
        "willem",
        "professional",
        Some(rvdk),
        Some("Gedragsdeskundige"),
    )
    .await?;

    let member = |given: &str, family: &str, birth: NaiveDate, relation: &str, authority: bool| {
        families::NewMember {
            person_id: PersonId::fresh(),
            given_name: given.to_string(),
            family_name: family.to_string(),
            birth_date: Some(birth),
            relation: relation.to_string(),
            has_parental_authority: authority,
        }
    };
    let first = member("Sanne", "Jansen", years_ago(38, 40), "mother", true);
    let sanne = first.person_id;
    let case1 = s
        .open_case(
            "Familie Jansen-Yilmaz",
            "2026-0412",
            first,
            families::NewReporter {
                kind: "professional".to_string(),
                description: "De school van Lisa en Noor".to_string(),
                identity_disclosed: true,
            },
            ("VT_MELDING", vt, "vt_medewerker"),
            (fatima, fatima_account),
            -96,
        )
        .await?;
    let mut others = Vec::new();
    for m in [
        member("Mehmet", "Yilmaz", years_ago(41, 100), "father", false),
        member("Noor", "Yilmaz", years_ago(14, 120), "child", false),
        member("Lisa", "Jansen", years_ago(16, 60), "child", false),
        member("Daan", "Yilmaz", years_ago(8, 30), "child", false),
    ] {
        others.push(m.person_id);
        s.add_member(case1, m, -96).await?;
    }
    let [mehmet, noor, lisa, daan] = others[..] else {
        unreachable!("four members")
    };
    s.account(sanne, "sanne", "parent", None, None).await?;
    s.account(mehmet, "mehmet", "parent", None, None).await?;
    s.account(noor, "noor", "young_person", None, None).await?;
    s.account(lisa, "lisa", "young_person", None, None).await?;
    let at = s.at;
    // Lisa (16) lets her mother read her part, as "Mijn dossier" lets her.
    sharing::set_consent(&mut s.tx, lisa, sanne, true, at - Duration::days(20)).await?;

    for (from, to, lead, start, due, decision, by, watch) in [
        (
            "VT_MELDING",
            "VT_BEOORDELING",
            vt,
            -95,
            -88,
            "Veilig Thuis kijkt of de kinderen veilig zijn en wat er nodig is.",
            fatima_account,
            None,
        ),
        (
            "VT_BEOORDELING",
            "VT_ONDERZOEK",
            vt,
            -89,
            -19,
            "Veilig Thuis onderzoekt hoe het thuis gaat.",
            fatima_account,
            None,
        ),
        (
            "VT_ONDERZOEK",
            "RVDK_WACHT",
            rvdk,
            -40,
            -30,
            "Vrijwillige hulp is niet genoeg gebleken; Veilig Thuis vraagt de Raad om onderzoek.",
            fatima_account,
            // Veilig Thuis keeps an eye on safety until day 50 after handing over.
            Some(50),
        ),
        (
            "RVDK_WACHT",
            "RVDK_ONDERZOEK",
            rvdk,
            -27,
            43,
            "De Raad begint het onderzoek.",
            jeroen_account,
            None,
        ),
    ] {
        s.next_phase(case1, from, to, lead, start, due, decision, by, watch)
            .await?;
    }
    // Who works on it: the Raad's researcher took over from Veilig Thuis (which watches
    // until day 50 after the handover), with the Raad's gedragsdeskundige; the local team
    // worked with the family before the report and stopped at the handover.
    let jeroen_on = s
        .involve(case1, jeroen, rvdk, "raadsonderzoeker", -27, None)
        .await?;
    s.involve(case1, karin, wijk, "wijkteam", -130, Some(-40))
        .await?;
    s.involve(case1, willem, rvdk, "gedragsdeskundige", -20, None)
        .await?;
    s.take_over(case1, jeroen_on, -27).await?;
    s.end_involvement(case1, fatima, 50).await?;

    // Who was asked, for which report.
    let school_lisa = s
        .informant(
            case1,
            fatima,
            "Mentor van Lisa (Utrecht College)",
            "school",
            -70,
            "Hoe vaak Lisa op school is",
            None,
            Some(lisa),
        )
        .await?;
    let school_noor = s
        .informant(
            case1,
            jeroen,
            "Mentor van Noor (Utrecht College)",
            "school",
            -18,
            "Hoe het met Noor gaat in de klas",
            None,
            Some(noor),
        )
        .await?;
    let gp = s
        .informant(
            case1,
            jeroen,
            "Huisarts van het gezin",
            "huisarts",
            -15,
            "Bezoeken van Daan aan het spreekuur",
            Some("Artikel 1:240 Burgerlijk Wetboek: de Raad mag dit vragen zonder toestemming."),
            Some(daan),
        )
        .await?;
    let oma = s
        .informant(
            case1,
            jeroen,
            "Oma (moeder van Sanne)",
            "familie",
            -12,
            "Opvang van de kinderen op woensdag",
            None,
            None,
        )
        .await?;

    // Report 1: Veilig Thuis, final.
    let vt_report = s
        .report(
            case1,
            vt,
            "vt_verslag",
            "Verslag onderzoek Veilig Thuis",
            fatima,
            -45,
        )
        .await?;
    let visit = s
        .statement(
            vt_report,
            "feit_waarneming",
            "Veilig Thuis was op huisbezoek. Moeder, vader en de drie kinderen waren thuis.",
            Some(fatima),
            None,
            None,
            None,
            Some(-80),
        )
        .await?;
    let lisa_school = s
        .statement(
            vt_report,
            "bron_informatie",
            "De mentor van Lisa vertelt dat Lisa sinds de zomer veel lessen mist.",
            None,
            Some(school_lisa),
            Some(lisa),
            Some("risico"),
            None,
        )
        .await?;
    let mother_view = s
        .statement(
            vt_report,
            "visie_ouder",
            "Moeder vertelt dat er thuis minder ruzie is sinds vader in maart ergens anders is gaan wonen.",
            Some(sanne),
            None,
            None,
            Some("beschermend"),
            None,
        )
        .await?;
    s.assessment(
        vt_report,
        "Veilig Thuis vindt dat de kinderen te vaak ruzie tussen hun ouders meemaken en dat vrijwillige hulp daar nog niet genoeg aan veranderde.",
        fatima,
        Some("risico"),
        &[visit, lisa_school, mother_view],
    )
    .await?;
    s.statement(
        vt_report,
        "besluit",
        "Veilig Thuis vraagt de Raad voor de Kinderbescherming om te onderzoeken of een beschermingsmaatregel nodig is.",
        Some(fatima),
        None,
        None,
        None,
        None,
    )
    .await?;
    // Sent for the family's reaction, and final a week later.
    s.send(vt_report, None, -45, -38, Some(-37)).await?;

    // Report 2: the Raad's draft, open for the family's reaction.
    let raad = s
        .report(
            case1,
            rvdk,
            "raadsrapport",
            "Beschermingsonderzoek (concept)",
            jeroen,
            -3,
        )
        .await?;
    s.statement(
        raad,
        "feit_waarneming",
        "De raadsonderzoeker sprak moeder op het kantoor van de Raad. Moeder kwam op tijd en had haar vragen opgeschreven.",
        Some(jeroen),
        None,
        None,
        Some("beschermend"),
        Some(-20),
    )
    .await?;
    let daan_gp = s
        .statement(
            raad,
            "bron_informatie",
            "De huisarts vertelt dat Daan dit jaar drie keer op het spreekuur kwam met buikpijn. Er is geen lichamelijke oorzaak gevonden.",
            None,
            Some(gp),
            Some(daan),
            Some("risico"),
            None,
        )
        .await?;
    s.statement(
        raad,
        "bron_informatie",
        "Oma vertelt dat zij de kinderen elke woensdag opvangt en dat het dan rustig gaat.",
        None,
        Some(oma),
        None,
        Some("beschermend"),
        None,
    )
    .await?;
    let noor_school = s
        .statement(
            raad,
            "bron_informatie",
            "De mentor van Noor vertelt dat Noor goed meedoet in de klas, maar de laatste weken moe is.",
            None,
            Some(school_noor),
            Some(noor),
            None,
            None,
        )
        .await?;
    let noor_view = s
        .statement(
            raad,
            "visie_kind",
            "Noor zegt dat ze bij haar moeder wil blijven wonen en haar vader graag elk weekend ziet.",
            Some(noor),
            None,
            Some(noor),
            None,
            Some(-16),
        )
        .await?;
    s.statement(
        raad,
        "feit_waarneming",
        "Lisa wilde niet met de raadsonderzoeker praten. Zij schreef een brief die bij dit rapport hoort.",
        Some(jeroen),
        None,
        Some(lisa),
        None,
        Some(-14),
    )
    .await?;
    let address = s
        .statement(
            raad,
            "feit_waarneming",
            "Moeder en de kinderen wonen sinds deze maand tijdelijk bij oma, op de Zonnebloemstraat in Utrecht.",
            Some(jeroen),
            None,
            None,
            None,
            Some(-10),
        )
        .await?;
    let raad_view = s
        .assessment(
            raad,
            "De Raad vindt dat de spanning tussen de ouders de ontwikkeling van Daan en Noor bedreigt. De ouders lossen dat samen nog niet op.",
            jeroen,
            Some("risico"),
            &[daan_gp, noor_school, noor_view],
        )
        .await?;
    // Reviewed by the gedragsdeskundige and sent for the family's reaction three days ago.
    s.send(raad, Some(willem), -3, 9, None).await?;

    // What the family already did: Sanne agreed with her own words, asked for a correction
    // (in progress) and added her side to the Raad's assessment. The new address is hidden
    // from the father.
    let at = s.at;
    reports::agree(&mut s.tx, mother_view, sanne, at - Duration::days(30)).await?;
    let filed = at - Duration::days(10);
    reports::request_correction(
        &mut s.tx,
        &reports::NewCorrection {
            statement_id: visit,
            by_person: sanne,
            kind: "feitelijke_onjuistheid",
            reason: "Vader was niet bij het huisbezoek. Hij woonde toen al ergens anders.",
            proposed_text: Some(
                "Veilig Thuis was op huisbezoek. Moeder en de drie kinderen waren thuis.",
            ),
            at: filed,
            due_at: filed + chrono::Months::new(1),
            idempotency_key: &Uuid::new_v4().to_string(),
        },
    )
    .await?;
    reports::add_own_view(
        &mut s.tx,
        &reports::NewOwnView {
            report_id: raad,
            statement_id: raad_view,
            by_person: sanne,
            kind: "visie_ouder",
            text: "Ik zie dat het beter gaat sinds wij apart wonen. Daan heeft de laatste weken geen buikpijn meer.",
            at: at - Duration::days(1),
            idempotency_key: &Uuid::new_v4().to_string(),
            limited: true,
        },
    )
    .await?;
    reports::shield(
        &mut s.tx,
        case1,
        "statement",
        address,
        mehmet,
        "Veiligheid van moeder en kinderen: het adres niet met vader delen.",
        jeroen_account,
        at - Duration::days(9),
    )
    .await?;

    // The family's addresses and numbers, through the functions the case page uses: Sanne's
    // new address is hidden from Mehmet, her phone number is not.
    let address = s
        .contact_detail(
            case1,
            sanne,
            "address",
            "Lindelaan 4, 3512 AB Utrecht",
            jeroen_account,
        )
        .await?;
    s.contact_detail(case1, sanne, "phone", "06 11122233", jeroen_account)
        .await?;
    reports::shield(
        &mut s.tx,
        case1,
        "address",
        address,
        mehmet,
        "Moeder woont sinds kort apart; vader kent het nieuwe adres niet.",
        jeroen_account,
        // Hidden from the moment it was recorded (`contact_detail`'s day), as the form does.
        at - Duration::days(30),
    )
    .await?;

    // Contacts with the Raad and what the family said about them: Sanne was content after
    // the first meeting (answered and discussed), less so after the home visit (flagged: low
    // and a drop); Noor answered without her name. The meeting three days ago still waits.
    let meeting = s
        .contact(
            case1,
            jeroen_account,
            "meeting",
            -20,
            "Kennismaking op het kantoor van de Raad.",
        )
        .await?;
    let visit_contact = s
        .contact(
            case1,
            jeroen_account,
            "home_visit",
            -12,
            "Huisbezoek bij moeder en de kinderen.",
        )
        .await?;
    s.contact(
        case1,
        jeroen_account,
        "meeting",
        -3,
        "Gesprek over het conceptrapport.",
    )
    .await?;
    let first = s
        .feedback(
            case1,
            meeting,
            jeroen_account,
            sanne,
            "parent",
            [9, 10, 9, 10],
            false,
            Some("Fijn dat er tijd was om alles te vertellen."),
            -19,
        )
        .await?;
    s.feedback(
        case1,
        visit_contact,
        jeroen_account,
        sanne,
        "parent",
        [7, 6, 8, 7],
        false,
        Some("Ik had het gevoel dat al vaststond wat er in het rapport zou komen."),
        -11,
    )
    .await?;
    s.feedback(
        case1,
        visit_contact,
        jeroen_account,
        noor,
        "young_person",
        [8, 9, 7, 9],
        true,
        Some("Ik praat liever zonder mijn moeder erbij."),
        -11,
    )
    .await?;
    let (replied, discussed) = (s.days(-18), s.date(-12));
    feedback::reply(
        &mut s.tx,
        first,
        "Dank u wel. Bij het huisbezoek neem ik ook tijd om met Daan te praten.",
        jeroen_account,
        replied,
    )
    .await?;
    feedback::discussed(&mut s.tx, first, discussed).await?;

    // A vertrouwenspersoon the family can share the dossier with.
    let yvonne = s.person("Yvonne", "Mulder", None).await?;
    s.account(
        yvonne,
        "yvonne",
        "confidant",
        Some(stem),
        Some("Vertrouwenspersoon"),
    )
    .await?;

    // Family 2: Bakker, supervised by SAVE: someone else's dossier for every test. The Raad
    // brought the case to the court; since the supervision order SAVE works with the family.
    let anouk = s.person("Anouk", "de Vries", None).await?;
    let anouk_account = s
        .account(
            anouk,
            "anouk",
            "professional",
            Some(save),
            Some("Jeugdbeschermer"),
        )
        .await?;
    let first = member("Peter", "Bakker", years_ago(45, 10), "father", true);
    let peter = first.person_id;
    let case2 = s
        .open_case(
            "Familie Bakker",
            "2025-1187",
            first,
            families::NewReporter {
                kind: "professional".to_string(),
                description: "Veilig Thuis Utrecht".to_string(),
                identity_disclosed: true,
            },
            ("RECHTER_ZITTING", rvdk, "raadsonderzoeker"),
            (jeroen, jeroen_account),
            -300,
        )
        .await?;
    let child = member("Emma", "Bakker", years_ago(10, 5), "child", false);
    let emma = child.person_id;
    s.add_member(case2, child, -300).await?;
    // Emma's mother has parental authority but no account yet: the jeugdbeschermer can
    // invite her (an activation code).
    let mother = member("Linda", "Bakker", years_ago(39, 200), "mother", true);
    s.add_member(case2, mother, -300).await?;
    s.account(peter, "peter", "parent", None, None).await?;
    s.next_phase(
        case2,
        "RECHTER_ZITTING",
        "GI_OTS",
        save,
        -290,
        75,
        "De kinderrechter besluit dat SAVE een jaar met het gezin meekijkt en helpt.",
        jeroen_account,
        None,
    )
    .await?;
    let anouk_on = s
        .involve(case2, anouk, save, "jeugdbeschermer", -290, None)
        .await?;
    s.take_over(case2, anouk_on, -290).await?;
    s.end_involvement(case2, jeroen, -290).await?;
    s.contact_detail(case2, peter, "phone", "06 77788899", anouk_account)
        .await?;

    let plan = s
        .report(
            case2,
            save,
            "plan_van_aanpak",
            "Plan van aanpak",
            anouk,
            -250,
        )
        .await?;
    s.statement(
        plan,
        "feit_waarneming",
        "Emma gaat drie middagen per week naar de naschoolse opvang.",
        Some(anouk),
        None,
        Some(emma),
        None,
        Some(-255),
    )
    .await?;
    s.send(plan, None, -250, -243, Some(-240)).await?;

    let ana = s.person("Iris", "Verhoeven", None).await?;
    s.account(
        ana,
        "analist",
        "analyst",
        Some(save),
        Some("Kwaliteitsmedewerker"),
    )
    .await?;
    let adm = s.person("Bram", "Kuiper", None).await?;
    let adm_account = s
        .account(
            adm,
            "beheer",
            "org_admin",
            Some(rvdk),
            Some("Functioneel beheerder"),
        )
        .await?;

    // The organisations' RSINs (fictional, but they pass the 11-test) for the import API, and
    // the Raad's case system as its client, with a token the run command prints.
    for (org, rsin) in [
        (vt, "800000006"),
        (rvdk, DEMO_RAAD_RSIN),
        (save, "800000031"),
        (wijk, "800000043"),
    ] {
        on_tx!(&mut s.tx, c => sqlx::query("UPDATE organisations SET rsin = $1 WHERE id = $2")
            .bind(rsin).bind(org).execute(c).await.map(|_| ()))?;
    }
    let client = api_clients::NewClient {
        id: Uuid::new_v4(),
        organisation_id: rvdk,
        name: "Zaaksysteem Raad (demo)".into(),
        scopes: ApiScope::ALL.to_vec(),
        token_hash: super::session::hash_token(DEMO_API_TOKEN),
        by: adm_account,
        at: s.at,
        expires_at: s.days(365),
    };
    api_clients::create(&mut s.tx, &client).await?;

    // Teams, and the feedback SAVE's teams received over the past year (fictional history
    // from before these demo families; counted the way Helder counts every sent response).
    let teams = [
        (save, "Team Utrecht-Noord", 20, 12),
        (save, "Team Utrecht-Zuid", 16, 11),
        (save, "Team Amersfoort", 10, 4),
    ];
    let mut save_teams = Vec::new();
    for (org, name, parents, young) in teams {
        save_teams.push((s.team(org, name).await?, parents, young));
    }
    let raad_team = s.team(rvdk, "Team Utrecht").await?;
    let vt_team = s.team(vt, "Team Onderzoek").await?;
    for (team, users) in [
        (save_teams[0].0, &["anouk"][..]),
        (raad_team, &["jeroen", "willem"][..]),
        (vt_team, &["fatima"][..]),
    ] {
        for user in users {
            on_tx!(&mut s.tx, c => sqlx::query("UPDATE accounts SET team_id = $1 WHERE username = $2")
                .bind(team).bind(*user).execute(c).await.map(|_| ()))?;
        }
    }
    s.history(save, &save_teams).await?;

    s.tx.commit().await
}
