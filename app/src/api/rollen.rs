//! `/api/v1/zaken/{identificatie}/rollen/{id}`: a professional's involvement in a case (ZGW:
//! a rol of the zaak, its roltype the role), through the rules of "Wie werken aan deze zaak?"
//! (`pages::involvement::commands`): the organisation adds its own people, and someone of
//! another organisation only while it is responsible now (or nobody is); an involvement ends
//! on a day not before its first; the two marks — responsible now, the family's vaste
//! contactpersoon — are held by one involvement at a time and moved only by the organisation
//! responsible now. The family reads the result on "Wie zijn er betrokken?", as when a
//! professional changed it on the screen.
//!
//! Who, what role and from when are fixed once recorded; the last day can be set (or brought
//! forward), and a mark can be given. The involvement the case was opened with (its
//! `behandelaar`'s) is `rollen/behandelaar` ([`OPENING`]): the system can end it too. A change to an involvement that changed since the
//! client read it is a 409 with how it is now, unless `If-Match` names the current version.
use super::{
    problem::{FieldProblem, Refusal},
    put::{
        begin, code, encoded, etag, get_in_case, if_match, key, pointers, remember, respond, start,
        ForOrganisation, InCase, Put, Shown, Start,
    },
    Caller,
};
use crate::{
    backend::{
        audit::AuditEvent,
        change::{change_found, Work},
        db::Tx,
        policy::ApiGrant,
        store::{
            imports::{self, RoleRow},
            involvements::{self, Mark, NewInvolvement},
        },
        time, StoreError,
    },
    domain::CaseId,
    forms::check_day,
    i18n::Msg,
    pages::involvement::commands::{check_add, check_end, AddForm, Scope},
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
use uuid::Uuid;

/// The organisation's id of the involvement a case was opened with (the `behandelaar`'s).
pub const OPENING: &str = "behandelaar";

/// An involvement as the organisation's system sends it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolIn {
    /// The organisation's RSIN: only a client's own organisation.
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// The Helder username of the professional: one of this organisation, or of another
    /// while this organisation is responsible now. Fixed once recorded.
    #[schema(example = "fatima")]
    pub medewerker: String,
    /// Fixed once recorded.
    pub roltype: Roltype,
    /// The first day. Fixed once recorded.
    #[schema(format = Date, example = "2026-12-07")]
    pub begindatum: String,
    /// The last day (leave it out while it is not known). Once set it can only come earlier.
    #[serde(default)]
    #[schema(format = Date)]
    pub einddatum: Option<String>,
    /// Responsible now: one involvement of the case at a time; given by the organisation
    /// responsible now (or by anyone while none is), to someone who works on the case today.
    #[serde(default)]
    pub verantwoordelijk: bool,
    /// The family's vaste contactpersoon: one at a time, given as `verantwoordelijk` is.
    #[serde(default)]
    pub contactpersoon: bool,
}

/// The role in the case (Helder's codes).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Roltype {
    VtMedewerker,
    Raadsonderzoeker,
    Gedragsdeskundige,
    Jeugdbeschermer,
    Wijkteam,
    Advocaat,
    Vertrouwenspersoon,
    BijzondereCurator,
}

/// An involvement as Helder holds it now.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Rol {
    /// This involvement's address in the API.
    pub url: String,
    pub medewerker: Option<String>,
    /// The professional's organisation, by RSIN.
    pub organisatie: Option<String>,
    pub roltype: Roltype,
    pub begindatum: NaiveDate,
    pub einddatum: Option<NaiveDate>,
    pub verantwoordelijk: bool,
    pub contactpersoon: bool,
}

impl ForOrganisation for RolIn {
    fn bronorganisatie(&self) -> &str {
        &self.bronorganisatie
    }
}

impl Shown for Rol {
    fn url(&self) -> &str {
        &self.url
    }
}

impl InCase for Rol {
    const KIND: &'static str = "involvement";
    const OBJECT: &'static str = "involvement";

    fn load<'t>(
        tx: &'t mut Tx,
        case: CaseId,
        involvement: Uuid,
        (zaak, id): (&'t str, &'t str),
    ) -> Work<'t, Option<Rol>> {
        Box::pin(async move {
            let row = imports::role(tx, case, involvement).await?;
            Ok(row.and_then(|row| represent(zaak, id, row)))
        })
    }
}

fn represent(zaak: &str, id: &str, r: RoleRow) -> Option<Rol> {
    Some(Rol {
        url: format!("/api/v1/zaken/{}/rollen/{}", encoded(zaak), encoded(id)),
        medewerker: r.username,
        organisatie: r.rsin,
        roltype: super::put::choice(&r.role)?,
        begindatum: r.since,
        einddatum: r.until,
        verantwoordelijk: r.is_responsible_now,
        contactpersoon: r.is_contact_person,
    })
}

const ROLE_FIELDS: &[(&str, &str)] = &[
    ("person", "/medewerker"),
    ("role", "/roltype"),
    ("since", "/begindatum"),
    ("until", "/einddatum"),
];

/// Everything one PUT needs inside its transaction (which may run more than once).
struct Request {
    grant: ApiGrant,
    zaak: String,
    id: String,
    input: RolIn,
    if_match: Option<String>,
    key: Option<(String, String)>,
    case: CaseId,
    /// A new involvement as checked before the transaction; an involvement already recorded
    /// under this id is answered before it is looked at.
    planned: Result<NewInvolvement, Vec<FieldProblem>>,
    client_ip: String,
}

/// Record an involvement, end it, give it a mark
///
/// An involvement is unique in its case by the organisation's own id; the one the case was
/// opened with is `behandelaar`. Who, what role and from when are fixed once recorded;
/// `einddatum` ends it, `verantwoordelijk` and `contactpersoon` give it a mark. For one that
/// exists, send its ETag in If-Match. The same request again changes nothing. One
/// transaction: a refused request has changed nothing.
#[utoipa::path(
    put,
    path = "/api/v1/zaken/{identificatie}/rollen/{id}",
    tag = "rollen",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The involvement's id in the organisation's own system", example = "rol-0117-2"),
        super::put::PutHeaders,
    ),
    request_body(content = RolIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The involvement was recorded", body = Rol, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "The involvement as it is now (changed, or already so)", body = Rol, headers(("ETag" = String))),
        super::problem::Refused,
        super::problem::BodyRefused,
        super::problem::PutRefused,
    ),
    security(("token" = ["zaken.schrijven"]))
)]
pub async fn put_rol(
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
    let (input, grant, case): (RolIn, _, _) = begin(&caller, (&zaak, &id), &headers, body).await?;
    let db = caller.ctx.backend.db.clone();
    let org = Some(grant.organisation_id);
    let scope = Scope::of(&db, case, org).await?;
    // Only the professionals the organisation may add are named; whether a username exists
    // elsewhere is not the client's to learn.
    let candidate = involvements::professional_named(&db, input.medewerker.trim())
        .await?
        .filter(|c| scope.may_add(org, c));
    let known = candidate.is_some();
    let form = AddForm {
        candidate,
        role: &code(&input.roltype),
        since: &input.begindatum,
        until: input.einddatum.as_deref().unwrap_or_default(),
    };
    let (new, reply) = check_add(&scope, org, form, (case, Uuid::new_v4()));
    let mut errors = pointers(&reply, "", ROLE_FIELDS);
    if !known {
        // Said only of an otherwise valid request: a probe with a wrong date must not tell
        // whether a username exists in another organisation. (A valid one adds who it names,
        // audited and visible to the family, as the screen's list does.)
        errors.retain(|e| e.pointer != "/medewerker");
        if errors.is_empty() {
            errors.push(FieldProblem::new(
                "/medewerker",
                Msg::ApiUnknownProfessional,
            ));
        }
    }
    let planned = match new {
        Some(new) if errors.is_empty() => Ok(new),
        _ => Err(errors),
    };
    let key = key(&headers, &format!("{zaak}/rollen/{id}"), &input)?;
    let request = Arc::new(Request {
        grant,
        zaak,
        id,
        input,
        if_match: if_match(&headers),
        key,
        case,
        planned,
        client_ip: caller.ctx.client_ip.clone(),
    });
    let outcome = change_found(&db, move |tx| {
        let r = request.clone();
        Box::pin(async move { apply(tx, &r).await })
    })
    .await?;
    respond(&caller, outcome).await
}

/// The PUT inside its transaction: the audit row names the involvement and its case.
async fn apply(tx: &mut Tx, r: &Request) -> Result<(Put<Rol>, AuditEvent), StoreError> {
    let mut event = AuditEvent::new(None, "add_involvement", "involvement", &r.client_ip);
    event.api_client_id = Some(r.grant.client_id);
    // Changes of one case's team are taken one after the other (as on the screen).
    let at = (r.zaak.as_str(), r.case);
    let (case, family, existing) =
        match start(tx, &r.grant, at, r.key.as_ref(), (Rol::KIND, &r.id)).await? {
            Start::Done(put) => return Ok((put, event)),
            Start::Found {
                case,
                family,
                existing,
            } => (case, family, existing),
        };
    // Who is responsible now, under the case's lock: a screen may have moved it since the
    // request was checked. It decides who may add another organisation's people, end their
    // involvement and move the marks.
    let own = r.grant.organisation_id;
    let may_mark = imports::responsible_organisation(tx, case)
        .await?
        .is_none_or(|o| o == own);
    let Some(involvement) = existing else {
        if r.if_match.is_some() {
            return Ok((Put::NoSuchVersion, event));
        }
        let new = match &r.planned {
            Ok(new) => new,
            Err(errors) => return Ok((Put::Invalid(errors.clone()), event)),
        };
        if new.organisation_id != own && !may_mark {
            let not_now = FieldProblem::new("/medewerker", Msg::ApiUnknownProfessional);
            return Ok((Put::Invalid(vec![not_now]), event));
        }
        if !involvements::add(tx, new).await? {
            let already = FieldProblem::new("/medewerker", Msg::TeamAlreadyInvolved);
            return Ok((Put::Invalid(vec![already]), event));
        }
        imports::map_id(tx, case, Rol::KIND, &r.id, new.id).await?;
        if let Err(errors) = marks(tx, r, (case, new.id), (false, false), may_mark).await? {
            return Ok((Put::Invalid(errors), event));
        }
        let shown = shown(tx, r, case, new.id).await?;
        let put = Put::Created(shown);
        remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
        return Ok((put, event.in_case(case, family).on(new.id)));
    };
    let row = imports::role(tx, case, involvement)
        .await?
        .ok_or_else(|| StoreError::Corrupt("a mapped involvement is not there".into()))?;
    let (theirs, since) = (row.organisation_id, row.since);
    let Some(before) = represent(&r.zaak, &r.id, row) else {
        return Ok((Put::Gone, event));
    };
    let input = &r.input;
    // Who, what role and from when stay as recorded.
    let mut errors = Vec::new();
    if Some(input.medewerker.trim()) != before.medewerker.as_deref() {
        errors.push(FieldProblem::new("/medewerker", Msg::ApiRoleFixed));
    }
    if input.roltype != before.roltype {
        errors.push(FieldProblem::new("/roltype", Msg::ApiRoleFixed));
    }
    if check_day(&input.begindatum, None) != Ok(Some(since)) {
        errors.push(FieldProblem::new("/begindatum", Msg::ApiRoleFixed));
    }
    // The last day: set, or brought forward — never taken away or moved later.
    let typed = input.einddatum.as_deref().unwrap_or_default();
    let until = match check_day(typed, None) {
        Err(m) => {
            errors.push(FieldProblem::new("/einddatum", m));
            None
        }
        Ok(None) if before.einddatum.is_some() => {
            errors.push(FieldProblem::new("/einddatum", Msg::ApiRoleFixed));
            None
        }
        Ok(Some(d)) if before.einddatum.is_some_and(|b| d > b) => {
            errors.push(FieldProblem::new("/einddatum", Msg::ApiRoleFixed));
            None
        }
        Ok(d) => d.filter(|d| Some(*d) != before.einddatum),
    };
    if until.is_some() {
        // The screen's check of the last day, and whose involvement this organisation may end.
        if let Err(reply) = check_end(since, typed) {
            errors.extend(pointers(&reply, "", ROLE_FIELDS));
        }
        if !may_mark && theirs != own {
            errors.push(FieldProblem::new("/einddatum", Msg::ApiEndNotYours));
        }
        // Whoever stops gives up the marks (`involvements::end`): asking for both is a
        // contradiction, not something to drop without a word.
        if input.verantwoordelijk || input.contactpersoon {
            errors.push(FieldProblem::new("/einddatum", Msg::ApiMarkWithEnd));
        }
    }
    if !errors.is_empty() {
        return Ok((Put::Invalid(errors), event));
    }
    let held = (before.verantwoordelijk, before.contactpersoon);
    if until.is_none() && (input.verantwoordelijk, input.contactpersoon) == held {
        return Ok((Put::Unchanged(before, case, family), event));
    }
    if r.if_match.as_deref() != Some(etag(&before).as_str()) {
        return Ok((Put::Conflict(before, case, family), event));
    }
    if let Some(last) = until {
        if !involvements::end(tx, case, involvement, last).await? {
            let changed = FieldProblem::new("/einddatum", Msg::TeamChanged);
            return Ok((Put::Invalid(vec![changed]), event));
        }
        event.action = "end_involvement";
    } else {
        if let Err(errors) = marks(tx, r, (case, involvement), held, may_mark).await? {
            return Ok((Put::Invalid(errors), event));
        }
        event.action = "mark_involvement";
    }
    let put = Put::Updated(shown(tx, r, case, involvement).await?);
    remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
    Ok((put, event.in_case(case, family).on(involvement)))
}

/// The involvement as it is now.
async fn shown(
    tx: &mut Tx,
    r: &Request,
    case: CaseId,
    involvement: Uuid,
) -> Result<Rol, StoreError> {
    Rol::load(tx, case, involvement, (&r.zaak, &r.id))
        .await?
        .ok_or_else(|| StoreError::Corrupt("an involvement just written is not there".into()))
}

/// Gives the involvement the marks the request asks for. A mark is taken away only by giving
/// it to another involvement (the case always has its contact person and the organisation
/// responsible); it is given by the organisation responsible now, to an involvement that
/// runs today.
async fn marks(
    tx: &mut Tx,
    r: &Request,
    (case, involvement): (CaseId, Uuid),
    held: (bool, bool),
    may_mark: bool,
) -> Result<Result<(), Vec<FieldProblem>>, StoreError> {
    let mut errors = Vec::new();
    let input = &r.input;
    for (mark, wanted, had, field) in [
        (
            Mark::Responsible,
            input.verantwoordelijk,
            held.0,
            "/verantwoordelijk",
        ),
        (
            Mark::Contact,
            input.contactpersoon,
            held.1,
            "/contactpersoon",
        ),
    ] {
        if wanted == had {
            continue;
        }
        if !wanted {
            errors.push(FieldProblem::new(field, Msg::ApiMarkMoves));
            continue;
        }
        if !may_mark {
            errors.push(FieldProblem::new(field, Msg::ApiMarkNotYours));
            continue;
        }
        let was = involvements::holder(tx, case, mark).await?;
        if !involvements::mark(tx, case, mark, involvement, was, time::today()).await? {
            errors.push(FieldProblem::new(field, Msg::ApiMarkNotRunning));
        }
    }
    Ok(if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    })
}

/// Read an involvement back
///
/// The organisation's involvement with this id in the case, as Helder holds it now. Send its
/// ETag in If-None-Match to get 304 when nothing changed. Every read is in the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}/rollen/{id}",
    tag = "rollen",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The involvement's id in the organisation's own system", example = "rol-0117-2"),
    ),
    responses(
        (status = 200, description = "The involvement as it is now", body = Rol, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_rol(
    caller: Caller,
    Path(address): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    get_in_case::<Rol>(caller, address, headers).await
}
