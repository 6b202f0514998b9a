//! A realistic, fictional demo: the Jansen–Yilmaz family in the Raad's protection
//! investigation after a Veilig Thuis handover, a second family for "someone else's dossier",
//! and one account for every role. Dates are relative to the day the demo is loaded, so the
//! deadlines on the pages stay meaningful. Loaded only into an empty database.
use super::{
    auth::hash_password,
    db::{Db, Tx},
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

    async fn member(
        &mut self,
        family: FamilyId,
        person: PersonId,
        relation: &str,
        authority: bool,
    ) -> Result<(), StoreError> {
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO family_members (family_id, person_id, relation, has_parental_authority) VALUES ($1, $2, $3, $4)")
            .bind(family).bind(person).bind(relation).bind(authority).execute(c).await.map(|_| ()))?;
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

    async fn family(&mut self, name: &str) -> Result<FamilyId, StoreError> {
        let id = FamilyId::fresh();
        let at = self.at;
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO families (id, display_name, created_at) VALUES ($1, $2, $3)").bind(id).bind(name).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    async fn case(
        &mut self,
        family: FamilyId,
        reference: &str,
        opened: i64,
        children: &[PersonId],
    ) -> Result<CaseId, StoreError> {
        let id = CaseId::fresh();
        let opened = self.days(opened);
        on_tx!(&mut self.tx, c => {
            sqlx::query("INSERT INTO cases (id, family_id, reference, opened_at) VALUES ($1, $2, $3, $4)").bind(id).bind(family).bind(reference).bind(opened).execute(&mut *c).await?;
            for child in children {
                sqlx::query("INSERT INTO case_children (case_id, person_id) VALUES ($1, $2)").bind(id).bind(child).execute(&mut *c).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
        Ok(id)
    }

    async fn phase(
        &mut self,
        case: CaseId,
        code: &str,
        org: Uuid,
        start: i64,
        due: Option<i64>,
        end: Option<i64>,
    ) -> Result<(), StoreError> {
        let (s, d, e) = (
            self.days(start),
            due.map(|x| self.days(x)),
            end.map(|x| self.days(x)),
        );
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO case_phases (id, case_id, phase_code, lead_organisation_id, started_at, due_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(Uuid::new_v4()).bind(case).bind(code).bind(org).bind(s).bind(d).bind(e).execute(c).await.map(|_| ()))?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn involve(
        &mut self,
        case: CaseId,
        person: PersonId,
        org: Uuid,
        role: &str,
        since: i64,
        until: Option<i64>,
        responsible: bool,
        contact: bool,
    ) -> Result<(), StoreError> {
        let (s, u) = (self.date(since), until.map(|x| self.date(x)));
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO involvements (id, case_id, person_id, organisation_id, role, since, until, is_responsible_now, is_contact_person) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(Uuid::new_v4()).bind(case).bind(person).bind(org).bind(role).bind(s).bind(u).bind(responsible).bind(contact).execute(c).await.map(|_| ()))?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn informant(
        &mut self,
        case: CaseId,
        org: Option<Uuid>,
        by: PersonId,
        who: &str,
        relation: &str,
        day: i64,
        topic: &str,
        with_consent: bool,
        concerns: Option<PersonId>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let at = self.days(day);
        let basis = if with_consent {
            "with_consent"
        } else {
            "without_consent_legal"
        };
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO informants (id, case_id, organisation_id, collected_by, name_or_role, relation, contacted_at, topic, consent_basis, accorded, concerns_person_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10)")
            .bind(id).bind(case).bind(org).bind(by).bind(who).bind(relation).bind(at).bind(topic).bind(basis).bind(concerns).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn report(
        &mut self,
        case: CaseId,
        org: Uuid,
        kind: &str,
        title: &str,
        status: &str,
        author: PersonId,
        reviewer: Option<PersonId>,
        created: i64,
        react_until: Option<i64>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let (at, until) = (self.days(created), react_until.map(|d| self.date(d)));
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO reports (id, case_id, organisation_id, kind, title, status, reaction_window_until, author_id, reviewed_by, reviewed_at, created_at, published_to_client_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)")
            .bind(id).bind(case).bind(org).bind(kind).bind(title).bind(status).bind(until).bind(author).bind(reviewer).bind(reviewer.map(|_| at)).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    /// Adds the next statement of a report: (kind, text, source person, informant, about whom, factor).
    #[allow(clippy::too_many_arguments)]
    async fn statement(
        &mut self,
        report: Uuid,
        seq: i32,
        kind: &str,
        text: &str,
        source: Option<PersonId>,
        informant: Option<Uuid>,
        concerns: Option<PersonId>,
        factor: Option<&str>,
        observed: Option<i64>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let (at, obs) = (self.at, observed.map(|d| self.date(d)));
        let accorded = informant.is_some();
        // A family member's view concerns its writer (the visibility rule's "own words").
        let concerns = concerns.or(source.filter(|_| kind.starts_with("visie_")));
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO statements (id, report_id, seq, text, kind, informant_id, source_person_id, observed_at, accorded, factor, concerns_person_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
            .bind(id).bind(report).bind(seq).bind(text).bind(kind).bind(informant).bind(source).bind(obs).bind(accorded).bind(factor).bind(concerns).bind(at).execute(c).await.map(|_| ()))?;
        Ok(id)
    }

    async fn contact(
        &mut self,
        case: CaseId,
        professional: AccountId,
        kind: &str,
        day: i64,
        summary: &str,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::new_v4();
        let at = self.days(day);
        on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO contacts (id, case_id, professional_id, kind, at, summary) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id).bind(case).bind(professional).bind(kind).bind(at).bind(summary).execute(c).await.map(|_| ()))?;
        Ok(id)
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
        super::store::feedback::save_response(
            &mut self.tx,
            &super::store::feedback::NewResponse {
                case_id: case,
                contact_id: Some(contact),
                professional_id: professional,
                respondent_person_id: person,
                respondent_group: group,
                anonymous,
                comment,
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

    async fn grounds(&mut self, assessment: Uuid, grounds: &[Uuid]) -> Result<(), StoreError> {
        for g in grounds {
            on_tx!(&mut self.tx, c => sqlx::query("INSERT INTO statement_grounds (assessment_id, ground_id) VALUES ($1, $2)")
                .bind(assessment).bind(g).execute(c).await.map(|_| ()))?;
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
    let fam = s.family("Familie Jansen-Yilmaz").await?;
    let sanne = s.person("Sanne", "Jansen", Some(years_ago(38, 40))).await?;
    let mehmet = s
        .person("Mehmet", "Yilmaz", Some(years_ago(41, 100)))
        .await?;
    let noor = s.person("Noor", "Yilmaz", Some(years_ago(14, 120))).await?;
    let lisa = s.person("Lisa", "Jansen", Some(years_ago(16, 60))).await?;
    let daan = s.person("Daan", "Yilmaz", Some(years_ago(8, 30))).await?;
    s.member(fam, sanne, "mother", true).await?;
    s.member(fam, mehmet, "father", false).await?;
    for child in [noor, lisa, daan] {
        s.member(fam, child, "child", false).await?;
    }
    s.account(sanne, "sanne", "parent", None, None).await?;
    s.account(mehmet, "mehmet", "parent", None, None).await?;
    s.account(noor, "noor", "young_person", None, None).await?;
    s.account(lisa, "lisa", "young_person", None, None).await?;
    let at = s.at;
    on_tx!(&mut s.tx, c => sqlx::query("INSERT INTO consents (id, child_person_id, parent_person_id, given_at) VALUES ($1, $2, $3, $4)")
        .bind(Uuid::new_v4()).bind(lisa).bind(sanne).bind(at - Duration::days(20)).execute(c).await.map(|_| ()))?;

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
    let fatima = s.person("Fatima", "El Amrani", None).await?;
    s.account(
        fatima,
        "fatima",
        "professional",
        Some(vt),
        Some("Medewerker Veilig Thuis"),
    )
    .await?;
    let case1 = s.case(fam, "2026-0412", -96, &[noor, lisa, daan]).await?;
    s.phase(case1, "VT_MELDING", vt, -96, None, Some(-95))
        .await?;
    s.phase(case1, "VT_BEOORDELING", vt, -95, Some(-88), Some(-89))
        .await?;
    s.phase(case1, "VT_ONDERZOEK", vt, -89, Some(-19), Some(-40))
        .await?;
    s.phase(case1, "RVDK_WACHT", rvdk, -40, Some(-30), Some(-27))
        .await?;
    s.phase(case1, "RVDK_ONDERZOEK", rvdk, -27, Some(43), None)
        .await?;
    s.involve(
        case1,
        fatima,
        vt,
        "vt_medewerker",
        -95,
        Some(50),
        false,
        false,
    )
    .await?;
    s.involve(
        case1,
        jeroen,
        rvdk,
        "raadsonderzoeker",
        -27,
        None,
        true,
        true,
    )
    .await?;
    let (h_at, watch) = (s.days(-40), s.date(50));
    on_tx!(&mut s.tx, c => sqlx::query("INSERT INTO handovers (id, case_id, from_organisation_id, to_organisation_id, at, previous_watches_until, reason, family_informed_at, accepted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $5)")
        .bind(Uuid::new_v4()).bind(case1).bind(vt).bind(rvdk).bind(h_at).bind(watch)
        .bind("Vrijwillige hulp is niet genoeg gebleken; Veilig Thuis vraagt de Raad om onderzoek.").execute(c).await.map(|_| ()))?;

    let karin = s.person("Karin", "Bos", None).await?;
    s.account(
        karin,
        "karin",
        "professional",
        Some(wijk),
        Some("Buurtteamer"),
    )
    .await?;
    s.involve(
        case1,
        karin,
        wijk,
        "wijkteam",
        -130,
        Some(-40),
        false,
        false,
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
    s.involve(
        case1,
        willem,
        rvdk,
        "gedragsdeskundige",
        -20,
        None,
        false,
        false,
    )
    .await?;

    // Who was asked, for which report.
    let school_lisa = s
        .informant(
            case1,
            None,
            fatima,
            "Mentor van Lisa (Utrecht College)",
            "school",
            -70,
            "Hoe vaak Lisa op school is",
            true,
            Some(lisa),
        )
        .await?;
    let school_noor = s
        .informant(
            case1,
            None,
            jeroen,
            "Mentor van Noor (Utrecht College)",
            "school",
            -18,
            "Hoe het met Noor gaat in de klas",
            true,
            Some(noor),
        )
        .await?;
    let gp = s
        .informant(
            case1,
            None,
            jeroen,
            "Huisarts van het gezin",
            "huisarts",
            -15,
            "Bezoeken van Daan aan het spreekuur",
            false,
            Some(daan),
        )
        .await?;
    let oma = s
        .informant(
            case1,
            None,
            jeroen,
            "Oma (moeder van Sanne)",
            "familie",
            -12,
            "Opvang van de kinderen op woensdag",
            true,
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
            "definitief",
            fatima,
            None,
            -45,
            None,
        )
        .await?;
    let visit = s
        .statement(
            vt_report,
            1,
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
            2,
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
            3,
            "visie_ouder",
            "Moeder vertelt dat er thuis minder ruzie is sinds vader in maart ergens anders is gaan wonen.",
            Some(sanne),
            None,
            None,
            Some("beschermend"),
            None,
        )
        .await?;
    let vt_view = s
        .statement(
            vt_report,
            4,
            "oordeel_professional",
            "Veilig Thuis vindt dat de kinderen te vaak ruzie tussen hun ouders meemaken en dat vrijwillige hulp daar nog niet genoeg aan veranderde.",
            Some(fatima),
            None,
            None,
            Some("risico"),
            None,
        )
        .await?;
    s.grounds(vt_view, &[visit, lisa_school, mother_view])
        .await?;
    s.statement(
        vt_report,
        5,
        "besluit",
        "Veilig Thuis vraagt de Raad voor de Kinderbescherming om te onderzoeken of een beschermingsmaatregel nodig is.",
        Some(fatima),
        None,
        None,
        None,
        None,
    )
    .await?;

    // Report 2: the Raad's draft, open for the family's reaction.
    let raad = s
        .report(
            case1,
            rvdk,
            "raadsrapport",
            "Beschermingsonderzoek (concept)",
            "reactietermijn",
            jeroen,
            Some(willem),
            -3,
            Some(9),
        )
        .await?;
    s.statement(
        raad,
        1,
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
            2,
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
        3,
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
            4,
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
            5,
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
        6,
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
            7,
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
        .statement(
            raad,
            8,
            "oordeel_professional",
            "De Raad vindt dat de spanning tussen de ouders de ontwikkeling van Daan en Noor bedreigt. De ouders lossen dat samen nog niet op.",
            Some(jeroen),
            None,
            None,
            Some("risico"),
            None,
        )
        .await?;
    s.grounds(raad_view, &[daan_gp, noor_school, noor_view])
        .await?;

    // What the family already did: Sanne agreed with her own words, asked for a correction
    // (in progress) and added her side to the Raad's assessment. The new address is hidden
    // from the father.
    let at = s.at;
    on_tx!(&mut s.tx, c => {
        sqlx::query("INSERT INTO statement_agreements (statement_id, person_id, at) VALUES ($1, $2, $3)")
            .bind(mother_view).bind(sanne).bind(at - Duration::days(30)).execute(&mut *c).await?;
        sqlx::query("INSERT INTO correction_requests (id, statement_id, by_person, kind, reason, proposed_text, status, created_at, due_at, idempotency_key) \
                     VALUES ($1, $2, $3, 'feitelijke_onjuistheid', $4, $5, 'in_behandeling', $6, $7, $8)")
            .bind(Uuid::new_v4()).bind(visit).bind(sanne)
            .bind("Vader was niet bij het huisbezoek. Hij woonde toen al ergens anders.")
            .bind("Veilig Thuis was op huisbezoek. Moeder en de drie kinderen waren thuis.")
            .bind(at - Duration::days(10)).bind(at - Duration::days(10) + chrono::Months::new(1))
            .bind(Uuid::new_v4().to_string()).execute(&mut *c).await?;
        let view_text = "Ik zie dat het beter gaat sinds wij apart wonen. Daan heeft de laatste weken geen buikpijn meer.";
        sqlx::query("INSERT INTO own_views (id, report_id, statement_id, by_person, text, created_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(Uuid::new_v4()).bind(raad).bind(raad_view).bind(sanne).bind(view_text).bind(at - Duration::days(1))
            .bind(Uuid::new_v4().to_string()).execute(&mut *c).await?;
        sqlx::query("INSERT INTO statements (id, report_id, seq, text, kind, source_person_id, concerns_person_id, responds_to, created_at) VALUES ($1, $2, 9, $3, 'visie_ouder', $4, $4, $5, $6)")
            .bind(Uuid::new_v4()).bind(raad).bind(view_text).bind(sanne).bind(raad_view).bind(at - Duration::days(1)).execute(&mut *c).await?;
        sqlx::query("INSERT INTO shieldings (id, case_id, item_kind, item_id, hidden_from_person_id, reason, created_by, created_at) VALUES ($1, $2, 'statement', $3, $4, $5, $6, $7)")
            .bind(Uuid::new_v4()).bind(case1).bind(address).bind(mehmet)
            .bind("Veiligheid van moeder en kinderen: het adres niet met vader delen.")
            .bind(jeroen_account).bind(at - Duration::days(9)).execute(&mut *c).await.map(|_| ())
    })?;

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
    super::store::reports::shield(
        &mut s.tx,
        case1,
        "address",
        address,
        mehmet,
        "Moeder woont sinds kort apart; vader kent het nieuwe adres niet.",
        jeroen_account,
        at - Duration::days(9),
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
    on_tx!(&mut s.tx, c => sqlx::query("INSERT INTO feedback_followups (response_id, reply_text, replied_by, replied_at, discussed_at, status) VALUES ($1, $2, $3, $4, $5, 'besproken')")
        .bind(first).bind("Dank u wel. Bij het huisbezoek neem ik ook tijd om met Daan te praten.")
        .bind(jeroen_account).bind(replied).bind(discussed).execute(c).await.map(|_| ()))?;

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

    // Family 2: Bakker, supervised by SAVE: someone else's dossier for every test.
    let fam2 = s.family("Familie Bakker").await?;
    let peter = s.person("Peter", "Bakker", Some(years_ago(45, 10))).await?;
    let emma = s.person("Emma", "Bakker", Some(years_ago(10, 5))).await?;
    s.member(fam2, peter, "father", true).await?;
    s.member(fam2, emma, "child", false).await?;
    // Emma's mother has parental authority but no account yet: the jeugdbeschermer can
    // invite her (an activation code).
    let linda = s
        .person("Linda", "Bakker", Some(years_ago(39, 200)))
        .await?;
    s.member(fam2, linda, "mother", true).await?;
    s.account(peter, "peter", "parent", None, None).await?;
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
    let case2 = s.case(fam2, "2025-1187", -300, &[emma]).await?;
    s.phase(case2, "RECHTER_ZITTING", rvdk, -300, None, Some(-290))
        .await?;
    s.phase(case2, "GI_OTS", save, -290, Some(75), None).await?;
    s.involve(
        case2,
        anouk,
        save,
        "jeugdbeschermer",
        -290,
        None,
        true,
        true,
    )
    .await?;
    s.contact_detail(case2, peter, "phone", "06 77788899", anouk_account)
        .await?;

    let plan = s
        .report(
            case2,
            save,
            "plan_van_aanpak",
            "Plan van aanpak",
            "definitief",
            anouk,
            None,
            -250,
            None,
        )
        .await?;
    s.statement(
        plan,
        1,
        "feit_waarneming",
        "Emma gaat drie middagen per week naar de naschoolse opvang.",
        Some(anouk),
        None,
        Some(emma),
        None,
        Some(-255),
    )
    .await?;

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
    s.account(
        adm,
        "beheer",
        "org_admin",
        Some(rvdk),
        Some("Functioneel beheerder"),
    )
    .await?;

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
