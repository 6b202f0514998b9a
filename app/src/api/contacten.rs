//! `/api/v1/zaken/{identificatie}/contacten/{id}`: a contact of a professional with the family
//! (a conversation, a call, a home visit, a video call), recorded through the checks of
//! "Contact vastleggen" (`pages::contacts::commands`). As on the screen, a contact invites the
//! family to say how the collaboration went, and counts in the organisation's figures.
//!
//! A contact is recorded once: the same request again changes nothing and gets the same
//! answer, another request for a recorded contact is refused.
use super::{
    problem::{FieldProblem, Refusal},
    put::{
        begin, encoded, get_in_case, key, pointers, remember, respond, start, ForOrganisation,
        InCase, Put, Shown, Start,
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
            feedback::{self, NewContact},
            imports::{self, ContactRow},
        },
        time, StoreError,
    },
    domain::{feedback::ContactKind, AccountId, CaseId},
    forms::check_day,
    i18n::Msg,
    pages::contacts::commands,
};
use axum::{
    body::Body,
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;
use uuid::Uuid;

/// A contact as the organisation's system sends it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactIn {
    /// The organisation's RSIN: only a client's own organisation.
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// The Helder username of the organisation's professional who had the contact; they work
    /// on the case today.
    #[schema(example = "jeroen")]
    pub medewerker: String,
    pub soort: ContactSoort,
    /// The day: not in the future, at most a year ago.
    #[schema(format = Date, example = "2026-12-04")]
    pub datum: String,
    /// The time of day (HH:MM, Dutch time). Without it: now for a contact today, midday for
    /// an earlier day.
    #[serde(default)]
    #[schema(example = "14:30")]
    pub tijd: Option<String>,
    /// What it was about, in words the family reads.
    #[schema(example = "Gesprek met Iris over de afspraken met school.")]
    pub samenvatting: String,
}

/// What kind of contact it was.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ContactSoort {
    Gesprek,
    Telefoon,
    Huisbezoek,
    Beeldbellen,
}

impl ContactSoort {
    const ALL: [ContactSoort; 4] = [
        ContactSoort::Gesprek,
        ContactSoort::Telefoon,
        ContactSoort::Huisbezoek,
        ContactSoort::Beeldbellen,
    ];

    fn kind(self) -> ContactKind {
        match self {
            ContactSoort::Gesprek => ContactKind::Meeting,
            ContactSoort::Telefoon => ContactKind::Call,
            ContactSoort::Huisbezoek => ContactKind::HomeVisit,
            ContactSoort::Beeldbellen => ContactKind::Video,
        }
    }

    fn of(code: &str) -> Option<ContactSoort> {
        ContactSoort::ALL
            .into_iter()
            .find(|s| s.kind().code() == code)
    }
}

/// A contact as Helder holds it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Contact {
    /// This contact's address in the API.
    pub url: String,
    pub medewerker: Option<String>,
    pub soort: ContactSoort,
    pub datum: NaiveDate,
    /// HH:MM, Dutch time.
    pub tijd: String,
    pub samenvatting: String,
}

impl ForOrganisation for ContactIn {
    fn bronorganisatie(&self) -> &str {
        &self.bronorganisatie
    }
}

impl Shown for Contact {
    fn url(&self) -> &str {
        &self.url
    }
}

impl InCase for Contact {
    const KIND: &'static str = "contact";
    const OBJECT: &'static str = "contact";

    fn load<'t>(
        tx: &'t mut Tx,
        case: CaseId,
        contact: Uuid,
        (zaak, id): (&'t str, &'t str),
    ) -> Work<'t, Option<Contact>> {
        Box::pin(async move {
            let row = imports::contact(tx, case, contact).await?;
            Ok(row.and_then(|row| represent(zaak, id, row)))
        })
    }
}

fn represent(zaak: &str, id: &str, c: ContactRow) -> Option<Contact> {
    Some(Contact {
        url: format!("/api/v1/zaken/{}/contacten/{}", encoded(zaak), encoded(id)),
        medewerker: c.username,
        soort: ContactSoort::of(&c.kind)?,
        datum: time::local_date(c.at),
        tijd: time::local_time_hm(c.at),
        samenvatting: c.summary,
    })
}

const CONTACT_FIELDS: &[(&str, &str)] = &[
    ("kind", "/soort"),
    ("date", "/datum"),
    ("time", "/tijd"),
    ("summary", "/samenvatting"),
];

/// The request is the contact already recorded (what was sent, or what a GET showed).
fn same(input: &ContactIn, c: &Contact) -> bool {
    Some(input.medewerker.trim()) == c.medewerker.as_deref()
        && input.soort == c.soort
        && check_day(&input.datum, None) == Ok(Some(c.datum))
        // Left out (or blank), it was the time the contact was recorded.
        && input
            .tijd
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .is_none_or(|t| t == c.tijd)
        && input.samenvatting.trim() == c.samenvatting
}

/// A contact checked before the transaction: who, what, when.
struct Planned {
    id: Uuid,
    by: AccountId,
    kind: ContactKind,
    at: DateTime<Utc>,
    summary: String,
}

/// Everything one PUT needs inside its transaction (which may run more than once).
struct Request {
    grant: ApiGrant,
    zaak: String,
    id: String,
    input: ContactIn,
    key: Option<(String, String)>,
    if_match: bool,
    case: CaseId,
    planned: Result<Planned, Vec<FieldProblem>>,
    client_ip: String,
}

/// Record a contact with the family
///
/// A contact is unique in its case by the organisation's own id, and recorded once: the same
/// request again changes nothing, another one for a recorded contact is refused. As on the
/// screen, it invites the family to give feedback on the collaboration.
#[utoipa::path(
    put,
    path = "/api/v1/zaken/{identificatie}/contacten/{id}",
    tag = "contacten",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The contact's id in the organisation's own system", example = "c-0117-1"),
        super::put::PutHeaders,
    ),
    request_body(content = ContactIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The contact was recorded", body = Contact, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "The contact as it was recorded (the same request again)", body = Contact, headers(("ETag" = String))),
        super::problem::Refused,
        super::problem::BodyRefused,
        super::problem::PutRefused,
    ),
    security(("token" = ["zaken.schrijven"]))
)]
pub async fn put_contact(
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
    let (input, grant, case): (ContactIn, _, _) =
        begin(&caller, (&zaak, &id), &headers, body).await?;
    let db = caller.ctx.backend.db.clone();
    let by = imports::professional_on(
        &db,
        grant.organisation_id,
        case,
        input.medewerker.trim(),
        time::today(),
    )
    .await?;
    let (checked, reply) = commands::check(
        input.soort.kind().code(),
        &input.datum,
        input.tijd.as_deref().unwrap_or_default(),
        &input.samenvatting,
    );
    let mut errors = pointers(&reply, "", CONTACT_FIELDS);
    if by.is_none() {
        errors.push(FieldProblem::new(
            "/medewerker",
            Msg::ApiUnknownProfessional,
        ));
    }
    let planned = match (checked, by) {
        (Some(c), Some((_, account))) if errors.is_empty() => Ok(Planned {
            id: Uuid::new_v4(),
            by: account,
            kind: c.kind,
            at: c.at,
            summary: c.summary,
        }),
        _ => Err(errors),
    };
    let key = key(&headers, &format!("{zaak}/contacten/{id}"), &input)?;
    let request = Arc::new(Request {
        grant,
        zaak,
        id,
        input,
        key,
        if_match: super::put::if_match(&headers).is_some(),
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

/// The PUT inside its transaction: the audit row names the contact and its case.
async fn apply(tx: &mut Tx, r: &Request) -> Result<(Put<Contact>, AuditEvent), StoreError> {
    let mut event = AuditEvent::new(None, "record_contact", "contact", &r.client_ip);
    event.api_client_id = Some(r.grant.client_id);
    // Writers of one id wait for the case's lock, then find it recorded.
    let at = (r.zaak.as_str(), r.case);
    let (case, family, existing) =
        match start(tx, &r.grant, at, r.key.as_ref(), (Contact::KIND, &r.id)).await? {
            Start::Done(put) => return Ok((put, event)),
            Start::Found {
                case,
                family,
                existing,
            } => (case, family, existing),
        };
    if let Some(contact) = existing {
        let Some(shown) = Contact::load(tx, case, contact, (&r.zaak, &r.id)).await? else {
            return Ok((Put::Gone, event));
        };
        if same(&r.input, &shown) {
            return Ok((Put::Unchanged(shown, case, family), event));
        }
        let fixed = FieldProblem::new("", Msg::ApiRecorded);
        return Ok((Put::Invalid(vec![fixed]), event));
    }
    if r.if_match {
        return Ok((Put::NoSuchVersion, event));
    }
    let p = match &r.planned {
        Ok(p) => p,
        Err(errors) => return Ok((Put::Invalid(errors.clone()), event)),
    };
    let contact = NewContact {
        id: p.id,
        case_id: case,
        professional_id: p.by,
        kind: p.kind.code(),
        at: p.at,
        summary: &p.summary,
    };
    feedback::record_contact(tx, &contact).await?;
    imports::map_id(tx, case, Contact::KIND, &r.id, p.id).await?;
    let shown = Contact::load(tx, case, p.id, (&r.zaak, &r.id))
        .await?
        .ok_or_else(|| StoreError::Corrupt("a contact just recorded is not there".into()))?;
    let put = Put::Created(shown);
    remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
    Ok((put, event.in_case(case, family).on(p.id)))
}

/// Read a contact back
///
/// The organisation's contact with this id in the case, as it was recorded. Every read is in
/// the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}/contacten/{id}",
    tag = "contacten",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The contact's id in the organisation's own system", example = "c-0117-1"),
    ),
    responses(
        (status = 200, description = "The contact as it was recorded", body = Contact, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_contact(
    caller: Caller,
    Path(address): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    get_in_case::<Contact>(caller, address, headers).await
}
