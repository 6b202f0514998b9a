//! `/api/v1/zaken/{identificatie}/rapporten/{id}`: a report of the organisation, statement by
//! statement, with the informants it cites — written, sent for the family's reaction and made
//! final through the report editor's own checks and steps (`pages::writing::commands`,
//! `pages::informants::ssr::check`). A report the system sends appears to the family exactly
//! as one a professional typed: the same rows, the same visibility rule, the same audit.
//!
//! The request says how the report should be now. A concept's statements are added, changed
//! and taken out to match; `status` moves it on (`ter_reactie`: published for the family's
//! reaction until `reactie_tot`; `definitief`: final — after the reaction period, or when
//! everyone it is for said they have nothing to add). A report never goes back a step, and
//! once published its statements stay as the family read them.
use super::{
    body,
    problem::{FieldProblem, Refusal},
    put::{
        choice, code, encoded, etag, if_match, pointers, remember, respond, start, valid_id, Put,
        Shown, Start,
    },
    Caller,
};
use crate::{
    backend::{
        audit::AuditEvent,
        change::change_found,
        db::{Db, Tx},
        policy::{ApiAction, ApiGrant},
        store::{
            imports::{self, InformantRow, ReportRow},
            people, reports,
            writing::{self, DraftRow, NewReport, Saved},
        },
        time, StoreError,
    },
    domain::{writing::ReportKind, AccountId, CaseId, FamilyId, PersonId},
    forms::{check_length, LINE, TEXT},
    i18n::Msg,
    pages::{
        informants::{ssr::check as check_informant, InformantForm},
        writing::{
            commands::{
                check_statement, finalisable, lacking, publish_locked, reaction_until, Choices,
                Published,
            },
            StatementForm,
        },
    },
};
use axum::{
    body::Body,
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::{collections::HashMap, sync::Arc};
use utoipa::ToSchema;
use uuid::Uuid;

/// At most this many statements in a report.
pub const MAX_STATEMENTS: usize = 200;
/// At most this many informants in one request.
pub const MAX_INFORMANTS: usize = 50;

fn example() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../examples/rapport.json")).unwrap_or_default()
}

/// A report as the organisation's system sends it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = example)]
pub struct RapportIn {
    /// The organisation's RSIN: only a client's own organisation.
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// Fixed once the report is started.
    pub soort: RapportSoort,
    /// Fixed once the report is started.
    #[schema(example = "Raadsrapport onderzoek gezag en omgang")]
    pub titel: String,
    /// The Helder username of the organisation's professional who writes it; they work on the
    /// case today. Fixed once the report is started.
    #[schema(example = "jeroen")]
    pub auteur: String,
    /// Where the report should be now; it never goes back a step.
    pub status: RapportStatus,
    /// The last day of the family's reaction period (`ter_reactie`): at least five working
    /// days from today. Not for a `beschikking`, which is final at once.
    #[serde(default)]
    #[schema(format = Date, example = "2026-12-21")]
    pub reactie_tot: Option<String>,
    /// Who was asked about the family, as statements of kind `bron_informatie` cite them.
    /// Recorded for the case once; sent again, they must be the same.
    #[serde(default)]
    pub informanten: Vec<InformantIn>,
    /// The statements in order (at most 200). New ones go after the ones already there.
    pub uitspraken: Vec<UitspraakIn>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RapportSoort {
    VtVerslag,
    Raadsrapport,
    PlanVanAanpak,
    Evaluatie,
    Verzoekschrift,
    Beschikking,
    Gespreksverslag,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RapportStatus {
    Concept,
    TerReactie,
    Definitief,
}

impl RapportStatus {
    fn of(code: &str) -> RapportStatus {
        match code {
            "reactietermijn" => RapportStatus::TerReactie,
            "definitief" => RapportStatus::Definitief,
            _ => RapportStatus::Concept,
        }
    }

    fn step(self) -> u8 {
        self as u8
    }
}

/// Fact or observation, someone else's information, the professional's assessment, a
/// parent's view, a child's view, or a decision.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum UitspraakSoort {
    FeitWaarneming,
    BronInformatie,
    OordeelProfessional,
    VisieOuder,
    VisieKind,
    Besluit,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Risico,
    Beschermend,
}

/// One statement of the report.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UitspraakIn {
    /// The organisation's own id, unique in the report.
    #[schema(example = "u-1")]
    pub id: String,
    #[schema(example = "Op 3 november was Daan op tijd op school, met ontbijt en gymspullen.")]
    pub tekst: String,
    pub soort: UitspraakSoort,
    /// When it was seen or said (not in the future): needed for facts and decisions.
    #[serde(default)]
    #[schema(format = Date, example = "2026-11-03")]
    pub datum: Option<String>,
    /// Who saw it or decided it (facts, decisions): the Helder username of a professional who
    /// is or was involved in the case.
    #[serde(default)]
    pub waarnemer: Option<String>,
    /// Whose view it is (views): a family member's id, a child's for `visie_kind`.
    #[serde(default)]
    pub stem: Option<String>,
    /// Who said it (`bron_informatie`): an informant's id from `informanten`.
    #[serde(default)]
    pub informant: Option<String>,
    /// Whom it is about: a family member's id (a view is about its speaker unless said).
    #[serde(default)]
    pub betreft: Option<String>,
    /// What an assessment rests on: ids of earlier statements of this report.
    #[serde(default)]
    pub gronden: Vec<String>,
    #[serde(default)]
    pub factor: Option<Factor>,
    /// The informant agreed it is written down as they said it (only `bron_informatie`).
    #[serde(default)]
    pub akkoord: bool,
    /// Family members who may not read this statement, each with the reason the
    /// professionals read under it ("Verbergen voor" on the screen). They do not see it
    /// anywhere in Helder, not in a download either. A statement can be shielded also after
    /// the family got the report; a shielding stays: one left out is not taken away.
    #[serde(default)]
    pub afgeschermd_voor: Vec<AfschermingIn>,
}

/// A family member who may not read a statement, and why.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AfschermingIn {
    /// A family member's id.
    #[schema(example = "p-20417")]
    pub gezinslid: String,
    /// Why, for the professionals of the case (the family member never reads it).
    #[schema(example = "Het adres van moeder blijft geheim voor de veiligheid van de kinderen.")]
    pub reden: String,
}

/// Someone asked about the family.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InformantIn {
    /// The organisation's own id, unique in the case.
    #[schema(example = "i-school")]
    pub id: String,
    /// A name or a role.
    #[schema(example = "Mentor van Daan")]
    pub wie: String,
    #[serde(default)]
    pub organisatie: Option<String>,
    /// Their relation to the family.
    #[schema(example = "school")]
    pub relatie: String,
    /// When they were asked (not in the future).
    #[schema(format = Date, example = "2026-11-10")]
    pub datum: String,
    #[schema(example = "Hoe het op school gaat")]
    pub onderwerp: String,
    /// Whom it was about: a family member's id, or none for the whole family.
    #[serde(default)]
    pub betreft: Option<String>,
    /// Asked with the family's consent.
    pub toestemming: bool,
    /// Without consent: the legal ground.
    #[serde(default)]
    pub grondslag: Option<String>,
}

/// A report as Helder holds it now.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Rapport {
    /// This report's address in the API.
    pub url: String,
    /// Its case's address.
    pub zaak: String,
    pub id: String,
    pub bronorganisatie: String,
    pub soort: RapportSoort,
    pub titel: String,
    pub auteur: Option<String>,
    pub status: RapportStatus,
    pub reactie_tot: Option<NaiveDate>,
    /// The day the family could first read it.
    pub gepubliceerd_op: Option<NaiveDate>,
    pub definitief_op: Option<NaiveDate>,
    /// The informants its statements cite.
    pub informanten: Vec<InformantIn>,
    /// Statements written on the screen carry Helder's id.
    pub uitspraken: Vec<UitspraakIn>,
}

impl Shown for Rapport {
    fn url(&self) -> &str {
        &self.url
    }
}

/// The case's things by the organisation's ids, both ways.
struct Names {
    /// Family member: external id ↔ person.
    members: Vec<(String, PersonId)>,
    /// Every member of the family, also those added on the screen (named by Helder's id).
    family: Vec<PersonId>,
    /// Professionals ever involved: person ↔ username.
    professionals: Vec<(PersonId, String)>,
    /// Informants: external id ↔ internal.
    informants: Vec<(String, Uuid)>,
    /// This report's statements: external id ↔ internal.
    statements: Vec<(String, Uuid)>,
}

impl Names {
    async fn of(tx: &mut Tx, case: CaseId, report: &str) -> Result<Names, StoreError> {
        let prefix = format!("{report}/");
        Ok(Names {
            members: imports::members(tx, case)
                .await?
                .into_iter()
                .map(|m| (m.external_id, m.person_id))
                .collect(),
            family: imports::family_people(tx, case).await?,
            professionals: imports::case_professionals(tx, case).await?,
            informants: imports::ids(tx, case, "informant").await?,
            statements: imports::ids(tx, case, "statement")
                .await?
                .into_iter()
                .filter_map(|(x, id)| x.strip_prefix(&prefix).map(|x| (x.to_string(), id)))
                .collect(),
        })
    }

    /// A family member by the organisation's id, or by Helder's for one added on the screen.
    fn member(&self, person: PersonId) -> Option<String> {
        self.members
            .iter()
            .find(|(_, p)| *p == person)
            .map(|(x, _)| x.clone())
            .or_else(|| self.family.contains(&person).then(|| person.to_string()))
    }

    fn person(&self, external: &str) -> Option<PersonId> {
        self.members
            .iter()
            .find(|(x, _)| x == external)
            .map(|(_, p)| *p)
            .or_else(|| {
                external
                    .parse::<PersonId>()
                    .ok()
                    .filter(|p| self.family.contains(p))
            })
    }

    /// A professional of the case by their username (what a GET shows as an observer).
    fn professional(&self, username: &str) -> Option<PersonId> {
        self.professionals
            .iter()
            .find(|(_, u)| u == username)
            .map(|(p, _)| *p)
    }

    fn external(list: &[(String, Uuid)], id: Uuid) -> String {
        list.iter()
            .find(|(_, i)| *i == id)
            .map(|(x, _)| x.clone())
            // Written on the screen: Helder's own id stands for it.
            .unwrap_or_else(|| id.to_string())
    }
}

fn report_url(zaak: &str, report: &str) -> String {
    format!(
        "/api/v1/zaken/{}/rapporten/{}",
        encoded(zaak),
        encoded(report)
    )
}

/// The report as the API shows it, read in the transaction.
async fn represent(
    tx: &mut Tx,
    rsin: &str,
    (zaak, external): (&str, &str),
    case: CaseId,
    report: Uuid,
    row: ReportRow,
) -> Result<Rapport, StoreError> {
    let names = Names::of(tx, case, external).await?;
    let (drafts, grounds) = writing::drafts_in(tx, report).await?;
    let shielded = imports::shieldings(tx, report).await?;
    let cited: Vec<Uuid> = drafts.iter().filter_map(|d| d.informant_id).collect();
    let informanten = imports::informants(tx, case)
        .await?
        .into_iter()
        .filter(|i| cited.contains(&i.id))
        .map(|i| informant_shown(&names, i))
        .collect();
    let uitspraken = drafts
        .iter()
        .map(|d| UitspraakIn {
            id: Names::external(&names.statements, d.id),
            tekst: d.text.clone(),
            soort: choice(&d.kind).unwrap_or(UitspraakSoort::FeitWaarneming),
            datum: d.observed_at.map(|d| d.to_string()),
            waarnemer: d
                .source_person_id
                .filter(|_| matches!(d.kind.as_str(), "feit_waarneming" | "besluit"))
                .and_then(|p| {
                    names
                        .professionals
                        .iter()
                        .find(|(id, _)| *id == p)
                        .map(|(_, u)| u.clone())
                }),
            stem: d
                .source_person_id
                .filter(|_| matches!(d.kind.as_str(), "visie_ouder" | "visie_kind"))
                .and_then(|p| names.member(p)),
            informant: d
                .informant_id
                .map(|i| Names::external(&names.informants, i)),
            betreft: d.concerns_person_id.and_then(|p| names.member(p)),
            // In the report's order.
            gronden: drafts
                .iter()
                .filter(|g| grounds.contains(&(d.id, g.id)))
                .map(|g| Names::external(&names.statements, g.id))
                .collect(),
            factor: d.factor.as_deref().and_then(choice),
            akkoord: d.accorded,
            afgeschermd_voor: shielded
                .iter()
                .filter(|(item, _, _)| *item == d.id)
                .map(|(_, person, reason)| AfschermingIn {
                    gezinslid: names.member(*person).unwrap_or_else(|| person.to_string()),
                    reden: reason.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(Rapport {
        url: report_url(zaak, external),
        zaak: format!("/api/v1/zaken/{}", encoded(zaak)),
        id: external.to_string(),
        bronorganisatie: rsin.to_string(),
        soort: choice(&row.kind).unwrap_or(RapportSoort::Gespreksverslag),
        titel: row.title,
        auteur: row.author,
        status: RapportStatus::of(&row.status),
        reactie_tot: row.reaction_window_until,
        gepubliceerd_op: row.published_to_client_at.map(time::local_date),
        definitief_op: row.finalised_at.map(time::local_date),
        informanten,
        uitspraken,
    })
}

fn informant_shown(names: &Names, i: InformantRow) -> InformantIn {
    InformantIn {
        id: Names::external(&names.informants, i.id),
        wie: i.name_or_role,
        organisatie: i.external_organisation,
        relatie: i.relation,
        datum: time::local_date(i.contacted_at).to_string(),
        onderwerp: i.topic,
        betreft: i.concerns_person_id.and_then(|p| names.member(p)),
        toestemming: i.legal_ground.is_none(),
        grondslag: i.legal_ground,
    }
}

/// What can be checked without the database: ids are ids and each is there once, and the
/// counts stay within bounds.
fn shape(input: &RapportIn, id: &str) -> Vec<FieldProblem> {
    let mut errors = Vec::new();
    if !valid_id(id) {
        errors.push(FieldProblem::new("/id", Msg::ApiIdInvalid));
    }
    if input.uitspraken.len() > MAX_STATEMENTS {
        errors.push(FieldProblem::new("/uitspraken", Msg::ApiStatementCount));
    }
    if input.informanten.len() > MAX_INFORMANTS {
        errors.push(FieldProblem::new("/informanten", Msg::ApiInformantCount));
    }
    for (list, ids) in [
        (
            "uitspraken",
            input
                .uitspraken
                .iter()
                .map(|u| u.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "informanten",
            input.informanten.iter().map(|i| i.id.as_str()).collect(),
        ),
    ] {
        let mut seen = std::collections::HashSet::new();
        for (i, x) in ids.into_iter().enumerate() {
            if !valid_id(x) {
                errors.push(FieldProblem::new(
                    format!("/{list}/{i}/id"),
                    Msg::ApiIdInvalid,
                ));
            } else if !seen.insert(x) {
                errors.push(FieldProblem::new(
                    format!("/{list}/{i}/id"),
                    Msg::ApiIdTwice,
                ));
            }
        }
    }
    errors
}

const STATEMENT_FIELDS: &[(&str, &str)] = &[
    ("s[text]", "/tekst"),
    ("s[kind]", "/soort"),
    ("s[date]", "/datum"),
    ("s[observer]", "/waarnemer"),
    ("s[voice]", "/stem"),
    ("s[informant]", "/informant"),
    ("s[concerns]", "/betreft"),
    ("s[grounds]", "/gronden"),
    ("s[factor]", "/factor"),
];

const INFORMANT_FIELDS: &[(&str, &str)] = &[
    ("who", "/wie"),
    ("organisation", "/organisatie"),
    ("relation", "/relatie"),
    ("date", "/datum"),
    ("topic", "/onderwerp"),
    ("about", "/betreft"),
    ("consent", "/toestemming"),
    ("ground", "/grondslag"),
];

/// Everything one PUT needs inside its transaction (which may run more than once).
struct Request {
    grant: ApiGrant,
    rsin: String,
    zaak: String,
    id: String,
    input: RapportIn,
    if_match: Option<String>,
    key: Option<(String, String)>,
    /// The case as found before the transaction, and what its statements may point at.
    case: CaseId,
    choices: Choices,
    /// A report in its reaction period may be made final now (asked before the transaction:
    /// it reads who may read the report through the visibility rule).
    may_finalise: bool,
    client_ip: String,
}

/// Write a report, send it for reaction, make it final
///
/// A report is unique in its case by the organisation's own id. The request says how it
/// should be now: a concept's statements are added, changed and removed to match, `status`
/// moves it on. For a report that exists, send its ETag in If-Match. The same request again
/// changes nothing. One transaction: a refused request has changed nothing.
#[utoipa::path(
    put,
    path = "/api/v1/zaken/{identificatie}/rapporten/{id}",
    tag = "rapporten",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The report's id in the organisation's own system", example = "rr-0117-1"),
        super::put::PutHeaders,
    ),
    request_body(content = RapportIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The report was started", body = Rapport, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "The report as it is now (changed, or already so)", body = Rapport, headers(("ETag" = String))),
        super::problem::Refused,
        super::problem::BodyRefused,
        super::problem::PutRefused,
    ),
    security(("token" = ["zaken.schrijven"]))
)]
pub async fn put_rapport(
    caller: Caller,
    Path((zaak, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    put(caller, zaak, id, headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn put(
    caller: Caller,
    zaak: String,
    id: String,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let input: RapportIn = body::read(&headers, body).await?;
    let grant = caller
        .authorize(ApiAction::WriteCase, &input.bronorganisatie, Some(&zaak))
        .await?;
    let errors = shape(&input, &id);
    if !errors.is_empty() {
        return Err(Refusal::invalid(errors));
    }
    let db = caller.ctx.backend.db.clone();
    let Some((case, ..)) = imports::snapshot(&db, grant.organisation_id, &zaak).await? else {
        return Err(Refusal::not_found());
    };
    let choices = Choices::of(&db, case).await?;
    let may_finalise = match read(
        &db,
        grant.organisation_id,
        (&input.bronorganisatie, &zaak, &id),
    )
    .await?
    {
        Some((case, _, shown, report))
            if input.status == RapportStatus::Definitief
                && shown.status == RapportStatus::TerReactie =>
        {
            finalisable(&db, case, report, shown.reactie_tot).await?
        }
        _ => false,
    };
    let key = super::idempotency_key(&headers)?.map(|k| {
        let path = format!("{zaak}/rapporten/{id}");
        (k, super::request_hash("PUT", &path, &input))
    });
    let request = Arc::new(Request {
        grant,
        rsin: input.bronorganisatie.clone(),
        zaak,
        id,
        input,
        if_match: if_match(&headers),
        key,
        case,
        choices,
        may_finalise,
        client_ip: caller.ctx.client_ip.clone(),
    });
    let outcome = change_found(&db, move |tx| {
        let r = request.clone();
        Box::pin(async move { apply(tx, &r).await })
    })
    .await?;
    respond(&caller, outcome).await
}

/// The PUT inside its transaction: the audit row names the report and its case.
async fn apply(tx: &mut Tx, r: &Request) -> Result<(Put<Rapport>, AuditEvent), StoreError> {
    let org = r.grant.organisation_id;
    let mut event = AuditEvent::new(None, "write_report", "report", &r.client_ip);
    event.api_client_id = Some(r.grant.client_id);
    let at = (r.zaak.as_str(), r.case);
    let (case, family, existing) =
        match start(tx, &r.grant, at, r.key.as_ref(), ("report", &r.id)).await? {
            Start::Done(put) => return Ok((put, event)),
            Start::Found {
                case,
                family,
                existing,
            } => (case, family, existing),
        };
    let before = match existing {
        None if r.if_match.is_some() => return Ok((Put::NoSuchVersion, event)),
        None => None,
        Some(report) => {
            writing::lock(tx, report).await?;
            match imports::report(tx, case, org, report).await? {
                Some(row) => Some((
                    report,
                    row.clone(),
                    represent(tx, &r.rsin, (&r.zaak, &r.id), case, report, row).await?,
                )),
                None => return Ok((Put::Gone, event)),
            }
        }
    };
    let existing = before.as_ref().map(|(id, row, _)| (*id, row));
    let Written {
        report,
        action,
        shielded,
    } = match write(tx, r, case, existing).await? {
        Err(errors) => return Ok((Put::Invalid(errors), event)),
        Ok(None) => {
            let (_, _, shown) = before.ok_or_else(moved)?;
            return Ok((Put::Unchanged(shown, case, family), event));
        }
        Ok(Some(done)) => done,
    };
    if let Some((_, _, shown)) = &before {
        if r.if_match.as_deref() != Some(etag(shown).as_str()) {
            return Ok((Put::Conflict(shown.clone(), case, family), event));
        }
    }
    let row = imports::report(tx, case, org, report)
        .await?
        .ok_or_else(moved)?;
    let shown = represent(tx, &r.rsin, (&r.zaak, &r.id), case, report, row).await?;
    let put = if before.is_some() {
        Put::Updated(shown)
    } else {
        Put::Created(shown)
    };
    remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
    event.action = action;
    let mut event = event.in_case(case, family).on(report);
    // As on the screen: a shielding is in the trail; made on its own, on the statement (the
    // family's log then shows it to whom it concerns, never to whom it hides it from).
    if let Some(statement) = shielded {
        event.detail = Some("shield".to_string());
        if action == "shield" {
            event.object_kind = "statement";
            event = event.on(statement);
        }
    }
    Ok((put, event))
}

/// What cannot happen under the case's and the report's lock: the report changed anyway.
fn moved() -> StoreError {
    StoreError::Corrupt("the report changed under its lock".into())
}

/// What a PUT that changed something did.
struct Written {
    report: Uuid,
    /// The audit action of the furthest step taken.
    action: &'static str,
    /// The first statement shielded now, if any.
    shielded: Option<Uuid>,
}

/// Makes the report as the request says: `Ok(None)` when it already was.
async fn write(
    tx: &mut Tx,
    r: &Request,
    case: CaseId,
    existing: Option<(Uuid, &ReportRow)>,
) -> Result<Result<Option<Written>, Vec<FieldProblem>>, StoreError> {
    let input = &r.input;
    let today = time::today();
    let mut errors = Vec::new();
    let mut action: Option<&'static str> = None;
    let kind = ReportKind::parse(&code(&input.soort)).unwrap_or(ReportKind::Gespreksverslag);
    if let Some(m) = check_length(&input.titel, true, LINE) {
        errors.push(FieldProblem::new("/titel", m));
    }
    let (report, status, author) = match existing {
        // Started: what it is, its title and its author stay (its author may since have left
        // the case; the organisation still works on it).
        Some((report, row)) => {
            if row.kind != kind.code() {
                errors.push(FieldProblem::new("/soort", Msg::ApiReportFixed));
            }
            if row.title != input.titel.trim() {
                errors.push(FieldProblem::new("/titel", Msg::ApiReportFixed));
            }
            if row.author.as_deref() != Some(input.auteur.trim()) {
                errors.push(FieldProblem::new("/auteur", Msg::ApiReportFixed));
            }
            let author = Some(row.author_id).zip(row.author_account);
            (report, RapportStatus::of(&row.status), author)
        }
        // New: written by a professional of the organisation who works on the case today,
        // as on the screen.
        None => {
            let author =
                match imports::professional(tx, r.grant.organisation_id, input.auteur.trim())
                    .await?
                {
                    Some((person, account))
                        if imports::works_on(tx, case, person, today).await? =>
                    {
                        Some((person, account))
                    }
                    _ => {
                        errors.push(FieldProblem::new("/auteur", Msg::ApiUnknownProfessional));
                        None
                    }
                };
            let id = Uuid::new_v4();
            if let (Some((author, _)), true) = (author, errors.is_empty()) {
                writing::start(
                    tx,
                    &NewReport {
                        id,
                        case_id: case,
                        organisation: r.grant.organisation_id,
                        kind: kind.code().to_string(),
                        title: input.titel.trim().to_string(),
                        author,
                        at: time::now(),
                    },
                )
                .await?;
                imports::map_id(tx, case, "report", &r.id, id).await?;
                action = Some("start_report");
            }
            (id, RapportStatus::Concept, author)
        }
    };
    let names = Names::of(tx, case, &r.id).await?;
    let mut choices = r.choices.clone();
    let writer = author.map(|(person, _)| person);
    let informants = informants(tx, r, (case, writer), &names, &mut choices, &mut errors).await?;
    if informants {
        action = action.or(Some("add_informant"));
    }
    let concept = status == RapportStatus::Concept;
    let shielder = author.map(|(_, account)| account);
    let placed = statements(
        tx,
        r,
        (report, concept, shielder),
        &names,
        &choices,
        &mut errors,
    )
    .await?;
    if placed.changed {
        action = Some(action.unwrap_or("write_statement"));
    } else if placed.shielded.is_some() {
        action = action.or(Some("shield"));
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    // Where the report should be now: never back a step.
    let wanted = input.status;
    if wanted.step() < status.step() {
        return Ok(Err(vec![FieldProblem::new("/status", Msg::ApiStatusBack)]));
    }
    match (status, wanted) {
        (RapportStatus::Concept, RapportStatus::TerReactie | RapportStatus::Definitief) => {
            let until = match (wanted, kind.has_reaction_period()) {
                (RapportStatus::TerReactie, false) => {
                    return Ok(Err(vec![FieldProblem::new(
                        "/status",
                        Msg::ApiNoReactionPeriod,
                    )]))
                }
                (RapportStatus::Definitief, true) => {
                    return Ok(Err(vec![FieldProblem::new(
                        "/status",
                        Msg::ApiReactionFirst,
                    )]))
                }
                _ => {
                    let typed = input.reactie_tot.clone().unwrap_or_default();
                    match reaction_until(kind, &typed, today) {
                        Ok(until) => until,
                        Err(m) => return Ok(Err(vec![FieldProblem::new("/reactie_tot", m)])),
                    }
                }
            };
            match publish_locked(tx, report, until).await? {
                Published::Done => action = Some("publish_report"),
                Published::Closed => return Err(moved()),
                Published::Incomplete(_) => {
                    return Ok(Err(incomplete(tx, report, &placed.order).await?))
                }
            }
        }
        (RapportStatus::TerReactie, RapportStatus::TerReactie) => {
            // Published before this request (so `existing` is there): compared as days,
            // "2026-12-1" is the day it published as "2026-12-01".
            let until = existing.and_then(|(_, row)| row.reaction_window_until);
            let same = match input.reactie_tot.as_deref() {
                None => true,
                Some(d) => crate::forms::check_day(d, None).is_ok_and(|day| day == until),
            };
            if !same {
                return Ok(Err(vec![FieldProblem::new(
                    "/reactie_tot",
                    Msg::ApiReportFixed,
                )]));
            }
        }
        (RapportStatus::TerReactie, RapportStatus::Definitief) => {
            if !r.may_finalise {
                return Ok(Err(vec![FieldProblem::new("/status", Msg::WriteStillOpen)]));
            }
            if writing::finalise(tx, report, time::now()).await? {
                action = Some("finalise_report");
            }
        }
        _ => {}
    }
    Ok(Ok(action.map(|action| Written {
        report,
        action,
        shielded: placed.shielded,
    })))
}

/// The request's informants: recorded once for the case, then the same. True when one was
/// recorded now.
async fn informants(
    tx: &mut Tx,
    r: &Request,
    (case, author): (CaseId, Option<PersonId>),
    names: &Names,
    choices: &mut Choices,
    errors: &mut Vec<FieldProblem>,
) -> Result<bool, StoreError> {
    let stored = imports::informants(tx, case).await?;
    // As the case has them now: a writer just before may have recorded one.
    choices.informants = stored.iter().map(|s| s.id).collect();
    let members: Vec<PersonId> = choices.members.iter().map(|(p, _)| *p).collect();
    let mut added = false;
    for (i, inf) in r.input.informanten.iter().enumerate() {
        let at = format!("/informanten/{i}");
        let about = match inf.betreft.as_deref() {
            None => String::new(),
            Some(x) => match names.person(x) {
                Some(p) => p.to_string(),
                None => {
                    errors.push(FieldProblem::new(
                        format!("{at}/betreft"),
                        Msg::ApiUnknownMember,
                    ));
                    continue;
                }
            },
        };
        let form = InformantForm {
            who: inf.wie.clone(),
            organisation: inf.organisatie.clone().unwrap_or_default(),
            relation: inf.relatie.clone(),
            date: inf.datum.clone(),
            topic: inf.onderwerp.clone(),
            about,
            consent: if inf.toestemming { "with" } else { "without" }.to_string(),
            ground: inf.grondslag.clone().unwrap_or_default(),
        };
        // The check needs who asked; a wrong author has its own message already.
        let asker = author.unwrap_or_else(PersonId::fresh);
        let (new, reply) = check_informant(&form, &members, case, asker, time::today());
        errors.extend(pointers(&reply, &at, INFORMANT_FIELDS));
        let Some(new) = new else { continue };
        // By the organisation's id, or by Helder's for one recorded on the screen.
        let known = names
            .informants
            .iter()
            .find(|(x, _)| *x == inf.id)
            .map(|(_, id)| *id)
            .or_else(|| Uuid::parse_str(&inf.id).ok())
            .and_then(|id| stored.iter().find(|s| s.id == id));
        match known {
            Some(s) => {
                let same = s.name_or_role == new.name_or_role
                    && s.external_organisation == new.organisation
                    && s.relation == new.relation
                    && time::local_date(s.contacted_at) == time::local_date(new.contacted_at)
                    && s.topic == new.topic
                    && s.concerns_person_id == new.concerns
                    && s.legal_ground == new.legal_ground;
                if !same {
                    errors.push(FieldProblem::new(at, Msg::ApiInformantFixed));
                }
            }
            // Recorded by the report's author, who must work on the case today (as on the
            // screen, where whoever records an informant works on it).
            None if author.is_some() && errors.is_empty() => {
                if !imports::works_on(tx, case, new.collected_by, time::today()).await? {
                    errors.push(FieldProblem::new("/auteur", Msg::ApiUnknownProfessional));
                    continue;
                }
                people::add_informant(tx, &new).await?;
                imports::map_id(tx, case, "informant", &inf.id, new.id).await?;
                choices.informants.push(new.id);
                added = true;
            }
            None => {}
        }
    }
    Ok(added)
}

/// What matching the statements did.
struct Placed {
    changed: bool,
    /// The first statement shielded (from someone) now.
    shielded: Option<Uuid>,
    /// The request's statements' ids in Helder, in the request's order.
    order: Vec<Uuid>,
}

/// Makes the concept's statements what the request lists; for a published report, checks
/// they are what the family read.
async fn statements(
    tx: &mut Tx,
    r: &Request,
    (report, concept, shielder): (Uuid, bool, Option<AccountId>),
    names: &Names,
    choices: &Choices,
    errors: &mut Vec<FieldProblem>,
) -> Result<Placed, StoreError> {
    let (drafts, grounds) = writing::drafts_in(tx, report).await?;
    // The informants by the organisation's ids, with those `informants` recorded just now.
    let recorded = imports::ids(tx, r.case, "informant").await?;
    let shielded = imports::shieldings(tx, report).await?;
    let mut placed = Placed {
        changed: false,
        shielded: None,
        order: Vec::new(),
    };
    // Request id → Helder id, for the grounds of later statements.
    let mut seen: HashMap<&str, Uuid> = HashMap::new();
    let mut last_seq = 0;
    let mut new_started = false;
    let mut taken = std::collections::HashSet::new();
    let today = time::today();
    for (i, u) in r.input.uitspraken.iter().enumerate() {
        let at = format!("/uitspraken/{i}");
        let draft: Option<&DraftRow> = names
            .statements
            .iter()
            .find(|(x, _)| *x == u.id)
            .map(|(_, id)| *id)
            .or_else(|| Uuid::parse_str(&u.id).ok())
            .and_then(|id| drafts.iter().find(|d| d.id == id));
        // One entry per statement: its own id and Helder's name the same one.
        if let Some(d) = draft {
            if !taken.insert(d.id) {
                errors.push(FieldProblem::new(format!("{at}/id"), Msg::ApiIdTwice));
                continue;
            }
        }
        // The order stays: statements already there in their order, new ones after them.
        match draft {
            Some(d) if d.seq < last_seq || new_started => {
                errors.push(FieldProblem::new(at.clone(), Msg::ApiOrderFixed));
            }
            Some(d) => last_seq = d.seq,
            None => new_started = true,
        }
        let mut form = StatementForm {
            id: draft.map(|d| d.id.to_string()).unwrap_or_default(),
            version: draft.map(|d| d.version.to_string()).unwrap_or_default(),
            text: u.tekst.clone(),
            kind: code(&u.soort),
            date: u.datum.clone().unwrap_or_default(),
            factor: u.factor.as_ref().map(code).unwrap_or_default(),
            accorded: if u.akkoord { "yes" } else { "" }.to_string(),
            ..StatementForm::default()
        };
        // Only the case's own professionals are named here: whether a username exists
        // elsewhere is not the client's to learn.
        if let Some(w) = u.waarnemer.as_deref() {
            match names.professional(w.trim()) {
                Some(p) => form.observer = p.to_string(),
                None => errors.push(FieldProblem::new(
                    format!("{at}/waarnemer"),
                    Msg::ApiUnknownObserver,
                )),
            }
        }
        for (field, value, slot) in [
            ("/stem", &u.stem, &mut form.voice),
            ("/betreft", &u.betreft, &mut form.concerns),
        ] {
            if let Some(x) = value.as_deref() {
                match names.person(x) {
                    Some(p) => *slot = p.to_string(),
                    None => errors.push(FieldProblem::new(
                        format!("{at}{field}"),
                        Msg::ApiUnknownMember,
                    )),
                }
            }
        }
        if let Some(x) = u.informant.as_deref() {
            // By the organisation's id (recorded before or just now), or Helder's own.
            let id = recorded
                .iter()
                .find(|(e, _)| e == x)
                .map(|(_, id)| *id)
                .or_else(|| Uuid::parse_str(x).ok())
                .filter(|id| choices.informants.contains(id));
            match id {
                Some(id) => form.informant = id.to_string(),
                None => errors.push(FieldProblem::new(
                    format!("{at}/informant"),
                    Msg::ApiUnknownInformant,
                )),
            }
        }
        for g in &u.gronden {
            match seen.get(g.as_str()) {
                Some(id) => form.grounds.push(id.to_string()),
                None => errors.push(FieldProblem::new(
                    format!("{at}/gronden"),
                    Msg::ApiGroundUnknown,
                )),
            }
        }
        let shields = shields(u, names, &at, draft.map(|d| d.id), &shielded, errors);
        let version = draft.map(|d| d.version).unwrap_or_default();
        let (checked, reply) = check_statement(
            &form,
            choices,
            report,
            (draft.map(|d| d.id), version),
            today,
        );
        errors.extend(pointers(&reply, &at, STATEMENT_FIELDS));
        let Some((statement, _)) = checked else {
            // Later grounds may still name it; a placeholder keeps their own check honest.
            seen.insert(&u.id, draft.map(|d| d.id).unwrap_or_else(Uuid::new_v4));
            continue;
        };
        let same = draft.is_some_and(|d| {
            let mut had: Vec<Uuid> = grounds
                .iter()
                .filter(|(a, _)| *a == d.id)
                .map(|(_, g)| *g)
                .collect();
            let mut wants = statement.grounds.clone();
            had.sort();
            wants.sort();
            d.text == statement.text
                && d.kind == statement.kind
                && d.observed_at == statement.observed_at
                && d.source_person_id == statement.source_person
                && d.informant_id == statement.informant
                && d.concerns_person_id == statement.concerns
                && d.factor == statement.factor
                && d.accorded == statement.accorded
                && had == wants
        });
        let id = match draft {
            Some(d) if same => d.id,
            _ if !concept => {
                errors.push(FieldProblem::new(at, Msg::WriteNotConcept));
                continue;
            }
            _ if !errors.is_empty() => {
                seen.insert(&u.id, draft.map(|d| d.id).unwrap_or_else(Uuid::new_v4));
                continue;
            }
            _ => match writing::save(tx, &statement).await? {
                Saved::Done(id) => {
                    if draft.is_none() {
                        let external = format!("{}/{}", r.id, u.id);
                        imports::map_id(tx, r.case, "statement", &external, id).await?;
                    }
                    placed.changed = true;
                    id
                }
                Saved::Stale | Saved::Closed => return Err(moved()),
            },
        };
        seen.insert(&u.id, id);
        placed.order.push(id);
        // The shielding commits with the statement, as on the screen: a new statement is
        // never readable unshielded. In the name of the report's author.
        if errors.is_empty() && !shields.is_empty() {
            let by = shielder.ok_or_else(moved)?;
            for (j, person, reason) in &shields {
                let when = time::now();
                if reports::shield(tx, r.case, "statement", id, *person, reason, by, when).await? {
                    placed.shielded = placed.shielded.or(Some(id));
                    continue;
                }
                // A professional shielded it on the screen meanwhile: with this reason, it is
                // as the request says; with another, that reason stays.
                let stands = imports::shieldings(tx, report).await?;
                if !stands
                    .iter()
                    .any(|(i, p, had)| *i == id && p == person && had == reason)
                {
                    errors.push(FieldProblem::new(
                        format!("{at}/afgeschermd_voor/{j}/reden"),
                        Msg::ApiShieldFixed,
                    ));
                }
            }
        }
    }
    // What the request no longer lists is taken out of a concept.
    for d in &drafts {
        if placed.order.contains(&d.id) || seen.values().any(|id| *id == d.id) {
            continue;
        }
        if !concept {
            errors.push(FieldProblem::new("/uitspraken", Msg::WriteNotConcept));
            break;
        }
        if errors.is_empty() && writing::remove(tx, report, d.id).await? {
            imports::unmap(tx, r.case, "statement", d.id).await?;
            placed.changed = true;
        }
    }
    Ok(placed)
}

/// The statement's shieldings the request adds: each family member once, with a reason as
/// the screen asks it; one already there keeps its reason.
fn shields(
    u: &UitspraakIn,
    names: &Names,
    at: &str,
    statement: Option<Uuid>,
    shielded: &[(Uuid, PersonId, String)],
    errors: &mut Vec<FieldProblem>,
) -> Vec<(usize, PersonId, String)> {
    let mut named: Vec<PersonId> = Vec::new();
    let mut new = Vec::new();
    for (j, a) in u.afgeschermd_voor.iter().enumerate() {
        let here = format!("{at}/afgeschermd_voor/{j}");
        let Some(person) = names.person(a.gezinslid.trim()) else {
            errors.push(FieldProblem::new(
                format!("{here}/gezinslid"),
                Msg::ApiUnknownMember,
            ));
            continue;
        };
        if named.contains(&person) {
            errors.push(FieldProblem::new(
                format!("{here}/gezinslid"),
                Msg::ApiIdTwice,
            ));
            continue;
        }
        named.push(person);
        if let Some(m) = check_length(&a.reden, true, TEXT) {
            errors.push(FieldProblem::new(format!("{here}/reden"), m));
            continue;
        }
        let reason = a.reden.trim();
        match shielded
            .iter()
            .find(|(item, p, _)| Some(*item) == statement && *p == person)
        {
            Some((_, _, had)) if had != reason => {
                errors.push(FieldProblem::new(
                    format!("{here}/reden"),
                    Msg::ApiShieldFixed,
                ));
            }
            Some(_) => {}
            None => new.push((j, person, reason.to_string())),
        }
    }
    new
}

/// Why a concept cannot go out: per statement, what it still lacks (or that there are none).
async fn incomplete(
    tx: &mut Tx,
    report: Uuid,
    order: &[Uuid],
) -> Result<Vec<FieldProblem>, StoreError> {
    let (drafts, grounds) = writing::drafts_in(tx, report).await?;
    if drafts.is_empty() {
        return Ok(vec![FieldProblem::new("/uitspraken", Msg::WriteEmpty)]);
    }
    let mut errors = Vec::new();
    for d in &drafts {
        let at = order
            .iter()
            .position(|id| *id == d.id)
            .map(|i| format!("/uitspraken/{i}"))
            .unwrap_or_else(|| "/uitspraken".into());
        for m in lacking(d, &grounds).unwrap_or_default() {
            errors.push(FieldProblem::new(at.clone(), m.message()));
        }
    }
    Ok(errors)
}

/// Read a report back
///
/// The organisation's report with this id in the case, as Helder holds it now. Send its ETag
/// in If-None-Match to get 304 when nothing changed. Every read is in the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}/rapporten/{id}",
    tag = "rapporten",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The report's id in the organisation's own system", example = "rr-0117-1"),
    ),
    responses(
        (status = 200, description = "The report as it is now", body = Rapport, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_rapport(
    caller: Caller,
    Path((zaak, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    get(caller, zaak, id, headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn get(
    caller: Caller,
    zaak: String,
    id: String,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (db, zaak, id) = (&caller.ctx.backend.db, zaak.as_str(), id.as_str());
    caller
        .answer_read(zaak, &headers, |organisation, rsin| async move {
            let found = read(db, organisation, (&rsin, zaak, id)).await?;
            Ok(
                found
                    .map(|(case, family, shown, report)| (case, family, ("report", report), shown)),
            )
        })
        .await
}

/// The report, read in one transaction (rolled back: nothing is written).
async fn read(
    db: &Db,
    organisation: Uuid,
    (rsin, zaak, id): (&str, &str, &str),
) -> Result<Option<(CaseId, FamilyId, Rapport, Uuid)>, StoreError> {
    let (rsin, zaak_owned, id) = (rsin.to_string(), zaak.to_string(), id.to_string());
    let found = imports::reading(db, organisation, zaak, move |tx, f| {
        Box::pin(async move {
            let report = imports::external(tx, f.case, "report", &id).await?;
            let Some(report) = report else {
                return Ok(None);
            };
            let Some(row) = imports::report(tx, f.case, organisation, report).await? else {
                return Ok(None);
            };
            let shown = represent(tx, &rsin, (&zaak_owned, &id), f.case, report, row).await?;
            Ok(Some((shown, report)))
        })
    })
    .await?;
    Ok(found.map(|(f, (shown, report))| (f.case, f.family, shown, report)))
}
