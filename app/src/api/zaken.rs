//! `/api/v1/zaken/{identificatie}`: a case as the organisation's own system knows it, with its
//! family. The names are the ZGW Zaken API's where it names the same thing (zaak,
//! bronorganisatie, identificatie, omschrijving, status, vertrouwelijkheidaanduiding).
//!
//! A PUT opens the case the first time, through the same checks and the same store function as
//! "Een zaak openen" (`pages::open_case`), and brings it up to date after that: new family
//! members are added, changed ones changed. The same request again changes nothing and gets
//! the same answer; a request that would change a case that changed since the client last
//! read it is a 409 with the case as it is now, unless `If-Match` names the current version.
use super::{
    body,
    problem::{FieldProblem, Refusal},
    put::{etag, if_match, remember, replayed, respond, valid_id, Put, Shown},
    Caller,
};
use crate::{
    backend::{
        audit::AuditEvent,
        change::change_found,
        policy::{ApiAction, ApiGrant},
        store::{
            families::{self, NewMember},
            imports::{self, CaseRow, MemberRow},
        },
        time,
    },
    domain::{CaseId, FamilyId, PhaseCode},
    forms::{check_length, FormReply, LINE},
    i18n::Msg,
    pages::open_case::{
        ssr::{check_member, check_open, new_case, scope},
        ssr_types::{MemberForm, OpenForm},
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
use std::sync::Arc;
use utoipa::ToSchema;

/// At most this many family members in one case.
pub const MAX_MEMBERS: usize = 20;

/// The example case file (`examples/zaak.json`), as the document shows it.
fn example() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../examples/zaak.json")).unwrap_or_default()
}

/// A case as the organisation's system sends it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = example)]
pub struct ZaakIn {
    /// The organisation's RSIN (ZGW: bronorganisatie): only a client's own organisation.
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// The case's number in the organisation's system; the same as in the address.
    #[schema(example = "RVDK-2026-0042")]
    pub identificatie: String,
    /// The family's name, as the family and the professionals read it above the case.
    #[schema(example = "Jansen-Yilmaz")]
    pub omschrijving: String,
    /// The phase the case starts in (a phase code the organisation may open a case in); it
    /// cannot change with a later PUT.
    #[schema(example = "RVDK_ONDERZOEK")]
    pub status: String,
    /// The Helder username of the organisation's professional who opens the case: they lead
    /// the first phase, are responsible and the family's contact person.
    #[schema(example = "jeroen")]
    pub behandelaar: String,
    pub melder: Melder,
    /// The family: 1 to 20 members; the first is who the case was opened for. Members missing
    /// from a later PUT stay (a family member is never removed this way).
    pub gezinsleden: Vec<Gezinslid>,
    /// The first member has the name and birth date of someone already in a family of the
    /// organisation, and this is another family: open a new case anyway (the screen asks the
    /// same). Without it, such a request is refused, so one family does not get two cases.
    #[serde(default)]
    pub nieuw_gezin: bool,
}

/// Who reported the worry (fixed once the case is open).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Melder {
    pub soort: MelderSoort,
    /// Who, in a few words (never shown to the family when anonymous).
    #[schema(example = "Veilig Thuis Utrecht")]
    pub omschrijving: String,
    /// The family may know who reported (never for an anonymous reporter).
    pub identiteit_bekend: bool,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MelderSoort {
    Beroepskracht,
    Omstander,
    Anoniem,
}

impl MelderSoort {
    fn code(self) -> &'static str {
        match self {
            MelderSoort::Beroepskracht => "professional",
            MelderSoort::Omstander => "bystander",
            MelderSoort::Anoniem => "anonymous",
        }
    }

    fn from_code(code: &str) -> Option<MelderSoort> {
        [
            MelderSoort::Beroepskracht,
            MelderSoort::Omstander,
            MelderSoort::Anoniem,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// A family member, with the organisation's own id for them.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Gezinslid {
    /// The organisation's own id: 1 to 64 letters, digits, `.`, `_` or `-`.
    #[schema(example = "p-1001")]
    pub id: String,
    #[schema(example = "Sanne")]
    pub voornaam: String,
    #[schema(example = "Jansen")]
    pub achternaam: String,
    /// Needed for a child: their age decides what they may read.
    #[schema(format = Date, example = "2012-03-14")]
    pub geboortedatum: Option<String>,
    pub relatie: Relatie,
    /// Has parental authority (never a child).
    pub gezag: bool,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Relatie {
    Moeder,
    Vader,
    Verzorger,
    Pleegouder,
    Kind,
}

impl Relatie {
    const ALL: [Relatie; 5] = [
        Relatie::Moeder,
        Relatie::Vader,
        Relatie::Verzorger,
        Relatie::Pleegouder,
        Relatie::Kind,
    ];

    fn code(self) -> &'static str {
        match self {
            Relatie::Moeder => "mother",
            Relatie::Vader => "father",
            Relatie::Verzorger => "carer",
            Relatie::Pleegouder => "foster_parent",
            Relatie::Kind => "child",
        }
    }

    fn from_code(code: &str) -> Option<Relatie> {
        Relatie::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A case as Helder holds it now.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Zaak {
    /// This case's address in the API.
    pub url: String,
    pub bronorganisatie: String,
    pub identificatie: String,
    pub omschrijving: String,
    /// The phase the case is in now.
    pub status: String,
    pub startdatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
    pub behandelaar: Option<String>,
    pub melder: Option<Melder>,
    /// The family members the organisation's system sent, by its ids.
    pub gezinsleden: Vec<Gezinslid>,
    /// A family's dossier is always `zeer_geheim` (ZGW's highest level).
    #[schema(example = "zeer_geheim")]
    pub vertrouwelijkheidaanduiding: String,
}

fn url_of(identificatie: &str) -> String {
    format!("/api/v1/zaken/{}", super::put::encoded(identificatie))
}

impl Shown for Zaak {
    fn url(&self) -> &str {
        &self.url
    }
}

fn represent(rsin: &str, identificatie: &str, c: CaseRow, members: Vec<MemberRow>) -> Zaak {
    Zaak {
        url: url_of(identificatie),
        bronorganisatie: rsin.to_string(),
        identificatie: identificatie.to_string(),
        omschrijving: c.family_name,
        status: c.phase_code.unwrap_or_default(),
        startdatum: time::local_date(c.opened_at),
        einddatum: c.closed_at.map(time::local_date),
        behandelaar: c.opener,
        melder: match (
            c.reporter_kind.as_deref().and_then(MelderSoort::from_code),
            c.reporter,
        ) {
            (Some(soort), Some(omschrijving)) => Some(Melder {
                soort,
                omschrijving,
                identiteit_bekend: c.reporter_disclosed.unwrap_or(false),
            }),
            _ => None,
        },
        gezinsleden: members
            .into_iter()
            .map(|m| Gezinslid {
                id: m.external_id,
                voornaam: m.given_name,
                achternaam: m.family_name,
                geboortedatum: m.birth_date.map(|d| d.to_string()),
                relatie: Relatie::from_code(&m.relation).unwrap_or(Relatie::Verzorger),
                gezag: m.has_parental_authority,
            })
            .collect(),
        vertrouwelijkheidaanduiding: "zeer_geheim".into(),
    }
}

/// The screens' check of a member, its messages at the member's JSON pointer.
fn checked_member(
    g: &Gezinslid,
    index: usize,
    today: NaiveDate,
    errors: &mut Vec<FieldProblem>,
) -> Option<NewMember> {
    let (member, reply) = check_member(&member_form(g), today, FormReply::success(Msg::OpenSaved));
    errors.extend(pointers(&reply, &format!("/gezinsleden/{index}")));
    member
}

fn member_form(g: &Gezinslid) -> MemberForm {
    MemberForm {
        given: g.voornaam.clone(),
        family_name: g.achternaam.clone(),
        relation: g.relatie.code().to_string(),
        birth: g.geboortedatum.clone().unwrap_or_default(),
        authority: if g.gezag { "yes" } else { "no" }.to_string(),
    }
}

/// A form reply's field messages as problems at the request's JSON pointers.
fn pointers(reply: &FormReply, member: &str) -> Vec<FieldProblem> {
    reply
        .field_errors
        .iter()
        .map(|(field, msg)| {
            let pointer = match field.as_str() {
                "family" => "/omschrijving".to_string(),
                "reference" => "/identificatie".to_string(),
                "phase" => "/status".to_string(),
                "reporter_kind" => "/melder/soort".to_string(),
                "reporter" => "/melder/omschrijving".to_string(),
                "member[given]" => format!("{member}/voornaam"),
                "member[family_name]" => format!("{member}/achternaam"),
                "member[relation]" => format!("{member}/relatie"),
                "member[birth]" => format!("{member}/geboortedatum"),
                "member[authority]" => format!("{member}/gezag"),
                other => format!("/{other}"),
            };
            FieldProblem::new(pointer, *msg)
        })
        .collect()
}

/// What can be checked without the database: the address and the body agree, the members'
/// ids are ids and each is there once, and there are 1 to 20 of them.
fn shape(input: &ZaakIn, identificatie: &str) -> Vec<FieldProblem> {
    let mut errors = Vec::new();
    if input.identificatie != identificatie {
        errors.push(FieldProblem::new(
            "/identificatie",
            Msg::ApiIdentificationMismatch,
        ));
    }
    if input.gezinsleden.is_empty() || input.gezinsleden.len() > MAX_MEMBERS {
        errors.push(FieldProblem::new("/gezinsleden", Msg::ApiMemberCount));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, g) in input.gezinsleden.iter().enumerate() {
        if !valid_id(&g.id) {
            errors.push(FieldProblem::new(
                format!("/gezinsleden/{i}/id"),
                Msg::ApiIdInvalid,
            ));
        } else if !seen.insert(g.id.as_str()) {
            errors.push(FieldProblem::new(
                format!("/gezinsleden/{i}/id"),
                Msg::ApiIdTwice,
            ));
        }
    }
    errors
}

/// Everything one PUT needs inside its transaction (which may run more than once).
struct Request {
    grant: ApiGrant,
    rsin: String,
    input: ZaakIn,
    if_match: Option<String>,
    key: Option<(String, String)>,
    phases: Vec<PhaseCode>,
    role: &'static str,
    /// A case of the organisation whose family has someone of the first member's name and
    /// birth date (asked before the transaction; it only matters for a new case).
    known_in: Option<String>,
    client_ip: String,
}

/// Open a case, or bring it up to date
///
/// A case is unique by (bronorganisatie, identificatie). A new one is opened with its family
/// as a professional opens it on the screen; for one that exists, send its ETag in If-Match.
/// The same request again changes nothing and gets the same answer. One transaction: a
/// refused request has changed nothing.
#[utoipa::path(
    put,
    path = "/api/v1/zaken/{identificatie}",
    tag = "zaken",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        super::put::PutHeaders,
    ),
    request_body(content = ZaakIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The case was opened", body = Zaak, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "The case as it is now (changed, or already so)", body = Zaak, headers(("ETag" = String))),
        super::problem::Refused,
        super::problem::BodyRefused,
        super::problem::PutRefused,
    ),
    security(("token" = ["zaken.schrijven"]))
)]
pub async fn put_zaak(
    caller: Caller,
    Path(identificatie): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    put(caller, identificatie, headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn put(
    caller: Caller,
    identificatie: String,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let input: ZaakIn = body::read(&headers, body).await?;
    let grant = caller
        .authorize(
            ApiAction::WriteCase,
            &input.bronorganisatie,
            Some(&identificatie),
        )
        .await?;
    let errors = shape(&input, &identificatie);
    if !errors.is_empty() {
        return Err(Refusal::invalid(errors));
    }
    let db = caller.ctx.backend.db.clone();
    // The organisation opens cases in these phases, in this role (as on the screens).
    let (_, role, phases) = scope(&db, Some(grant.organisation_id)).await?;
    let key = super::idempotency_key(&headers)?
        .map(|k| (k, super::request_hash("PUT", &identificatie, &input)));
    let first = &input.gezinsleden[0];
    let known_in = match (
        input.nieuw_gezin,
        check_member(
            &member_form(first),
            time::today(),
            FormReply::success(Msg::OpenSaved),
        )
        .0,
    ) {
        (false, Some(m)) => families::same_person_in_organisation(
            &db,
            grant.organisation_id,
            &m.given_name,
            &m.family_name,
            m.birth_date,
        )
        .await?
        .filter(|reference| *reference != identificatie),
        _ => None,
    };
    let request = Arc::new(Request {
        grant,
        rsin: input.bronorganisatie.clone(),
        input,
        if_match: if_match(&headers),
        key,
        phases,
        role,
        known_in,
        client_ip: caller.ctx.client_ip.clone(),
    });
    let outcome = change_found(&db, move |tx| {
        let r = request.clone();
        Box::pin(async move { apply(tx, &r).await })
    })
    .await?;
    respond(&caller, outcome).await
}

/// The PUT inside its transaction: the audit row names the case it found or opened.
async fn apply(
    tx: &mut crate::backend::db::Tx,
    r: &Request,
) -> Result<(Put<Zaak>, AuditEvent), crate::backend::StoreError> {
    let org = r.grant.organisation_id;
    let ident = r.input.identificatie.as_str();
    let mut event = AuditEvent::new(None, "open_case", "case", &r.client_ip);
    event.api_client_id = Some(r.grant.client_id);
    let today = time::today();
    let found = imports::case_of(tx, org, ident, today).await?;
    if let Some(put) = replayed(tx, r.grant.client_id, r.key.as_ref(), found).await? {
        return Ok((put, event));
    }
    let found = match found {
        Some(f) if !f.involved || !f.open => return Ok((Put::Gone, event)),
        Some(f) => {
            // Two updates of one case at once: the second waits here and compares with what
            // the first wrote, so an If-Match cannot pass for a version already replaced.
            tx.lock(crate::backend::db::Parent::Case(f.case)).await?;
            Some((f.case, f.family))
        }
        None => None,
    };
    let (put, case, family) = match found {
        None if r.if_match.is_some() => return Ok((Put::NoSuchVersion, event)),
        None => match open(tx, r, today).await? {
            Ok((zaak, case, family)) => (Put::Created(zaak), case, family),
            Err(errors) => return Ok((Put::Invalid(errors), event)),
        },
        Some((case, family)) => {
            let row = imports::case(tx, case).await?;
            let opened_in = row.opening_phase.clone();
            let before = represent(&r.rsin, ident, row, imports::members(tx, case).await?);
            match update(tx, r, (&before, opened_in), case, family, today).await? {
                Err(errors) => return Ok((Put::Invalid(errors), event)),
                Ok(false) => return Ok((Put::Unchanged(before, case, family), event)),
                Ok(true) if r.if_match.as_deref() != Some(etag(&before).as_str()) => {
                    return Ok((Put::Conflict(before, case, family), event))
                }
                Ok(true) => {
                    event.action = "update_case";
                    let after = represent(
                        &r.rsin,
                        ident,
                        imports::case(tx, case).await?,
                        imports::members(tx, case).await?,
                    );
                    (Put::Updated(after), case, family)
                }
            }
        }
    };
    let event = event.in_case(case, family).on(case);
    remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
    Ok((put, event))
}

/// Opens the case as "Een zaak openen" does, with the rest of the family after it.
async fn open(
    tx: &mut crate::backend::db::Tx,
    r: &Request,
    today: NaiveDate,
) -> Result<Result<(Zaak, CaseId, FamilyId), Vec<FieldProblem>>, crate::backend::StoreError> {
    let input = &r.input;
    let first = &input.gezinsleden[0];
    let form = OpenForm {
        family: input.omschrijving.clone(),
        reference: input.identificatie.clone(),
        phase: input.status.clone(),
        reporter_kind: input.melder.soort.code().to_string(),
        reporter: input.melder.omschrijving.clone(),
        disclosed: if input.melder.identiteit_bekend {
            "yes"
        } else {
            "no"
        }
        .to_string(),
        member: member_form(first),
        confirm_new: "yes".into(),
    };
    let (opening, reply) = check_open(&form, &r.phases, today);
    let mut errors = pointers(&reply, "/gezinsleden/0");
    let rest: Vec<Option<NewMember>> = input.gezinsleden[1..]
        .iter()
        .enumerate()
        .map(|(i, g)| checked_member(g, i + 1, today, &mut errors))
        .collect();
    // Someone of this name and birth date is in a family of the organisation already: that
    // case, unless the system says this is another family (as the screen asks).
    if r.known_in.is_some() {
        errors.push(FieldProblem::new("/gezinsleden/0", Msg::ApiPersonKnown));
    }
    let opener = imports::professional(tx, r.grant.organisation_id, &input.behandelaar).await?;
    if opener.is_none() {
        errors.push(FieldProblem::new(
            "/behandelaar",
            Msg::ApiUnknownProfessional,
        ));
    }
    let (Some(opening), Some(opener), true) = (opening, opener, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let first_person = opening.first.person_id;
    let new = new_case(
        opening,
        &input.omschrijving,
        &input.identificatie,
        (r.grant.organisation_id, r.role),
        opener,
    );
    families::open(tx, &new).await?;
    // The involvement it was opened with, by a name the system knows without being told.
    let opening_role = imports::opening_involvement(tx, new.case_id, new.opener).await?;
    imports::map_id(
        tx,
        new.case_id,
        "involvement",
        super::rollen::OPENING,
        opening_role,
    )
    .await?;
    imports::set_source(
        tx,
        new.case_id,
        r.grant.organisation_id,
        &input.identificatie,
    )
    .await?;
    imports::map_id(tx, new.case_id, "person", &first.id, first_person.into()).await?;
    for (i, (g, m)) in input.gezinsleden[1..].iter().zip(rest).enumerate() {
        let Some(m) = m else { continue };
        if !families::add_member(tx, new.case_id, new.family_id, &m, new.at).await? {
            errors.push(FieldProblem::new(
                format!("/gezinsleden/{}", i + 1),
                Msg::MemberAlready,
            ));
            continue;
        }
        imports::map_id(tx, new.case_id, "person", &g.id, m.person_id.into()).await?;
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let zaak = represent(
        &r.rsin,
        &input.identificatie,
        imports::case(tx, new.case_id).await?,
        imports::members(tx, new.case_id).await?,
    );
    Ok(Ok((zaak, new.case_id, new.family_id)))
}

/// Brings an existing case up to date: `Ok(true)` when something changed (in the
/// transaction, which the caller commits only when the client named the version it changed).
async fn update(
    tx: &mut crate::backend::db::Tx,
    r: &Request,
    (before, opened_in): (&Zaak, Option<String>),
    case: CaseId,
    family: FamilyId,
    today: NaiveDate,
) -> Result<Result<bool, Vec<FieldProblem>>, crate::backend::StoreError> {
    let input = &r.input;
    let mut errors = Vec::new();
    // The phase it opened in, or the phase it is in now (what a GET showed): a case resent
    // after it moved on is the same case.
    if input.status.trim() != before.status && Some(input.status.trim()) != opened_in.as_deref() {
        errors.push(FieldProblem::new("/status", Msg::ApiPhaseFixed));
    }
    if Some(input.behandelaar.trim()) != before.behandelaar.as_deref() {
        errors.push(FieldProblem::new("/behandelaar", Msg::ApiOpeningFixed));
    }
    // Compared as the opening stored it: cleaned as a form cleans it.
    let melder = Melder {
        omschrijving: input.melder.omschrijving.trim().to_string(),
        ..input.melder.clone()
    };
    if Some(&melder) != before.melder.as_ref() {
        errors.push(FieldProblem::new("/melder", Msg::ApiOpeningFixed));
    }
    if let Some(e) = check_length(&input.omschrijving, true, LINE) {
        errors.push(FieldProblem::new("/omschrijving", e));
    }
    let checked: Vec<Option<NewMember>> = input
        .gezinsleden
        .iter()
        .enumerate()
        .map(|(i, g)| checked_member(g, i, today, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let mut changed = false;
    let name = input.omschrijving.trim();
    if name != before.omschrijving {
        imports::rename_family(tx, family, name).await?;
        changed = true;
    }
    let known = imports::members(tx, case).await?;
    // Members left out of a request stay, so the limit counts the family as it would become.
    let new_ids = input
        .gezinsleden
        .iter()
        .filter(|g| !known.iter().any(|k| k.external_id == g.id))
        .count();
    if known.len() + new_ids > MAX_MEMBERS {
        return Ok(Err(vec![FieldProblem::new(
            "/gezinsleden",
            Msg::ApiMemberCount,
        )]));
    }
    for (i, (g, m)) in input.gezinsleden.iter().zip(checked).enumerate() {
        let Some(mut m) = m else { continue };
        match known.iter().find(|k| k.external_id == g.id) {
            Some(k) => {
                m.person_id = k.person_id;
                let same = k.given_name == m.given_name
                    && k.family_name == m.family_name
                    && k.birth_date == m.birth_date
                    && k.relation == m.relation
                    && k.has_parental_authority == m.has_parental_authority;
                if same {
                    continue;
                }
                // A child's place in the case (what they may read, whose reports are for
                // them) is not something a changed relation can move.
                if (k.relation == "child") != m.is_child() {
                    errors.push(FieldProblem::new(
                        format!("/gezinsleden/{i}/relatie"),
                        Msg::ApiChildStays,
                    ));
                    continue;
                }
                imports::update_member(tx, family, &m).await?;
                changed = true;
            }
            None => {
                if !families::add_member(tx, case, family, &m, time::now()).await? {
                    errors.push(FieldProblem::new(
                        format!("/gezinsleden/{i}"),
                        Msg::MemberAlready,
                    ));
                    continue;
                }
                imports::map_id(tx, case, "person", &g.id, m.person_id.into()).await?;
                changed = true;
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(changed))
}

/// Read a case back
///
/// The case of this client's organisation with this number, as Helder holds it now. Send its
/// ETag in If-None-Match to get 304 when nothing changed. Every read is in the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}",
    tag = "zaken",
    params(("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117")),
    responses(
        (status = 200, description = "The case as it is now", body = Zaak, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_zaak(
    caller: Caller,
    Path(identificatie): Path<String>,
    headers: HeaderMap,
) -> Response {
    get(caller, identificatie, headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn get(
    caller: Caller,
    identificatie: String,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (db, ident) = (&caller.ctx.backend.db, identificatie.as_str());
    caller
        .answer_read(ident, &headers, |organisation, rsin| async move {
            let found = imports::snapshot(db, organisation, ident).await?;
            Ok(found.map(|(case, family, row, members)| {
                let zaak = represent(&rsin, ident, row, members);
                (case, family, ("case", case.into()), zaak)
            }))
        })
        .await
}
