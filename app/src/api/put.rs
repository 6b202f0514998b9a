//! What every idempotent PUT of the API comes to, and how it is answered: the same request
//! again changes nothing and gets the same answer, an `Idempotency-Key` replays the first
//! answer, a change to something that changed since the client read it is a 409 with how it
//! is now unless `If-Match` names the current version. A case and a report answer alike.
use super::{
    problem::{FieldProblem, Refusal},
    Caller, ProblemKind,
};
use crate::{
    backend::{db::Tx, store::imports, time, StoreError},
    domain::{CaseId, FamilyId},
};
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;

/// A resource the API shows: its own address.
pub trait Shown: Serialize {
    fn url(&self) -> &str;
}

/// The version of what the API shows: a strong ETag over it.
pub fn etag(shown: &impl Serialize) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(shown).unwrap_or_default();
    format!("\"{}\"", &hex::encode(Sha256::digest(json))[..32])
}

/// The headers an idempotent PUT reads, for the OpenAPI document (`params(…, PutHeaders)`).
/// Never built: `super::idempotency_key` and [`if_match`] read them.
#[allow(dead_code)]
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct PutHeaders {
    /// The same key with the same request gets the same answer again
    #[param(rename = "Idempotency-Key")]
    idempotency_key: Option<String>,
    /// Its current ETag, to change something that exists
    #[param(rename = "If-Match")]
    if_match: Option<String>,
}

/// What a PUT came to.
pub enum Put<T> {
    Created(T),
    Updated(T),
    Unchanged(T, CaseId, FamilyId),
    /// It would change something whose current version the client did not name.
    Conflict(T, CaseId, FamilyId),
    Invalid(Vec<FieldProblem>),
    /// The same Idempotency-Key was answered before: that answer again.
    Replay(u16, Option<String>, String, imports::Sourced),
    /// The organisation no longer works on this case (handed over or closed), or no such case.
    Gone,
    /// The same Idempotency-Key came with another request.
    KeyReused,
    /// `If-Match` for something that does not exist.
    NoSuchVersion,
}

impl<T> crate::backend::change::Outcome for Put<T> {
    fn changed(&self) -> bool {
        matches!(self, Put::Created(_) | Put::Updated(_))
    }
}

/// The first answer to this client's `Idempotency-Key`, when there was one: again when it came
/// with the same request (a read like any other, and only while the organisation still works
/// on the case), refused when it came with another.
pub async fn replayed<T>(
    tx: &mut Tx,
    client: uuid::Uuid,
    key: Option<&(String, String)>,
    found: Option<imports::Sourced>,
) -> Result<Option<Put<T>>, StoreError> {
    let Some((key, hash)) = key else {
        return Ok(None);
    };
    let Some((seen, status, tag, body)) = imports::keys::remembered(tx, client, key).await? else {
        return Ok(None);
    };
    Ok(Some(match found {
        Some(f) if &seen == hash && f.involved => {
            Put::Replay(u16::try_from(status).unwrap_or(200), tag, body, f)
        }
        Some(_) if &seen == hash => Put::Gone,
        _ => Put::KeyReused,
    }))
}

/// Keeps the answer to a change under its `Idempotency-Key`, in the change's transaction.
pub async fn remember<T: Serialize>(
    tx: &mut Tx,
    client: uuid::Uuid,
    key: Option<&(String, String)>,
    put: &Put<T>,
) -> Result<(), StoreError> {
    let (Some((key, hash)), Put::Created(shown) | Put::Updated(shown)) = (key, put) else {
        return Ok(());
    };
    let status = if matches!(put, Put::Created(_)) {
        201
    } else {
        200
    };
    let body = serde_json::to_string(shown).unwrap_or_default();
    imports::keys::remember(
        tx,
        client,
        key,
        hash,
        status,
        Some(&etag(shown)),
        &body,
        time::now(),
    )
    .await
}

/// The answer to a PUT; what was only read (unchanged, a conflict, a replay) is audited as a
/// read before it goes out.
pub async fn respond<T: Shown>(caller: &Caller, outcome: Put<T>) -> Result<Response, Refusal> {
    let answer = |status: StatusCode, shown: &T| {
        let tag = etag(shown);
        let mut res = (status, axum::Json(shown)).into_response();
        if let Ok(v) = tag.parse() {
            res.headers_mut().insert(header::ETAG, v);
        }
        res
    };
    Ok(match outcome {
        Put::Created(shown) => {
            let mut res = answer(StatusCode::CREATED, &shown);
            if let Ok(v) = shown.url().parse() {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Put::Updated(shown) => answer(StatusCode::OK, &shown),
        Put::Unchanged(shown, case, family) => {
            caller.read_event(case, family).await?;
            answer(StatusCode::OK, &shown)
        }
        Put::Conflict(shown, case, family) => {
            caller.read_event(case, family).await?;
            let mut r = Refusal::new(ProblemKind::Conflict).header(header::ETAG, etag(&shown));
            r.problem.current = serde_json::to_value(&shown).ok();
            return Err(r);
        }
        Put::Invalid(errors) => return Err(Refusal::invalid(errors)),
        Put::Gone => return Err(Refusal::not_found()),
        Put::Replay(status, tag, body, found) => {
            caller.read_event(found.case, found.family).await?;
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let location = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|z| z["url"].as_str().and_then(|u| u.parse().ok()))
                .filter(|_| status == StatusCode::CREATED);
            let mut res = (status, body).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/json"),
            );
            if let Some(v) = tag.and_then(|t| t.parse().ok()) {
                h.insert(header::ETAG, v);
            }
            if let Some(v) = location {
                h.insert(header::LOCATION, v);
            }
            res
        }
        Put::KeyReused => return Err(Refusal::new(ProblemKind::KeyReused)),
        Put::NoSuchVersion => return Err(Refusal::new(ProblemKind::NoSuchVersion)),
    })
}

/// A GET's answer: 304 when the client's `If-None-Match` names the current version.
pub fn read_answer(shown: &impl Serialize, headers: &axum::http::HeaderMap) -> Response {
    let tag = etag(shown);
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut res = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        axum::Json(shown).into_response()
    };
    if let Ok(v) = tag.parse() {
        res.headers_mut().insert(header::ETAG, v);
    }
    res
}

/// The request's `If-Match`, trimmed.
pub fn if_match(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
}

/// An organisation's own id: 1 to 64 letters, digits, `.`, `_` or `-`.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A path segment as it goes into an address.
pub fn encoded(segment: &str) -> String {
    let mut path = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            path.push(char::from(b));
        } else {
            path.push_str(&format!("%{b:02X}"));
        }
    }
    path
}

/// The code of an API choice: its JSON name, which is Helder's own code.
pub fn code(choice: &impl Serialize) -> String {
    serde_json::to_value(choice)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An API choice back from Helder's code (`None`: a code the API has no name for).
pub fn choice<T: for<'de> serde::Deserialize<'de>>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// A form reply's field messages at the request's JSON pointers: `fields` names each form
/// field's place under `at` (a field it does not name is `at` itself).
pub fn pointers(
    reply: &crate::forms::FormReply,
    at: &str,
    fields: &[(&str, &str)],
) -> Vec<FieldProblem> {
    reply
        .field_errors
        .iter()
        .map(|(field, msg)| {
            let name = fields
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, n)| *n)
                .unwrap_or("");
            FieldProblem::new(format!("{at}{name}"), *msg)
        })
        .collect()
}

/// Something of a case that the API names by the organisation's own id (a status, a rol, a
/// contact): how it is read for an answer, in the request's transaction.
pub trait InCase: Shown + Clone + Send + Sync + 'static {
    /// Its kind in `api_external_ids`.
    const KIND: &'static str;
    /// Its kind as the audit's object.
    const OBJECT: &'static str;

    /// As Helder holds it now (`zaak`, `id`: its address).
    fn load<'t>(
        tx: &'t mut Tx,
        case: CaseId,
        thing: uuid::Uuid,
        address: (&'t str, &'t str),
    ) -> crate::backend::change::Work<'t, Option<Self>>;
}

/// Where a PUT of something in a case starts, in its transaction.
pub enum Start<T> {
    /// Answered already: the same Idempotency-Key's first answer, or the case is gone.
    Done(Put<T>),
    /// The case (locked: one change of it at a time) and Helder's id of what the address
    /// names, when it exists.
    Found {
        case: CaseId,
        family: FamilyId,
        existing: Option<uuid::Uuid>,
    },
}

/// The start of every PUT of something in a case: the case as the organisation may reach it
/// today (the one the request was checked against), the key's first answer, the case's lock,
/// and what the organisation's id names.
pub async fn start<T>(
    tx: &mut Tx,
    grant: &crate::backend::policy::ApiGrant,
    (zaak, case): (&str, CaseId),
    key: Option<&(String, String)>,
    (kind, id): (&str, &str),
) -> Result<Start<T>, StoreError> {
    let found = imports::case_of(tx, grant.organisation_id, zaak, time::today()).await?;
    if let Some(put) = replayed(tx, grant.client_id, key, found).await? {
        return Ok(Start::Done(put));
    }
    let Some(found) = found.filter(|f| f.involved && f.open && f.case == case) else {
        return Ok(Start::Done(Put::Gone));
    };
    tx.lock(crate::backend::db::Parent::Case(found.case))
        .await?;
    let existing = imports::external(tx, found.case, kind, id).await?;
    Ok(Start::Found {
        case: found.case,
        family: found.family,
        existing,
    })
}

/// A GET of something in a case: read in one transaction, audited, answered (304 when the
/// client has this version).
pub async fn get_in_case<T: InCase>(
    caller: Caller,
    (zaak, id): (String, String),
    headers: axum::http::HeaderMap,
) -> Response {
    let (db, zaak, id) = (&caller.ctx.backend.db, zaak.as_str(), id.as_str());
    caller
        .answer_read(zaak, &headers, |organisation, _| async move {
            let (zaak_owned, id_owned) = (zaak.to_string(), id.to_string());
            let found = imports::reading(db, organisation, zaak, move |tx, f| {
                Box::pin(async move {
                    let Some(thing) = imports::external(tx, f.case, T::KIND, &id_owned).await?
                    else {
                        return Ok(None);
                    };
                    let shown = T::load(tx, f.case, thing, (&zaak_owned, &id_owned)).await?;
                    Ok(shown.map(|s| (thing, s)))
                })
            })
            .await?;
            Ok(found.map(|(f, (thing, shown))| (f.case, f.family, (T::OBJECT, thing), shown)))
        })
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// A request body that names the organisation it is sent for (`bronorganisatie`).
pub trait ForOrganisation {
    fn bronorganisatie(&self) -> &str;
}

/// The start of every PUT of something in a case, before its transaction: the body read as
/// every body is, the policy for the organisation it names, the address's own id, and the
/// case as the organisation may reach it today (404 otherwise).
pub async fn begin<T: serde::de::DeserializeOwned + ForOrganisation>(
    caller: &Caller,
    (zaak, id): (&str, &str),
    headers: &axum::http::HeaderMap,
    body: axum::body::Body,
) -> Result<(T, crate::backend::policy::ApiGrant, CaseId), Refusal> {
    let input: T = super::body::read(headers, body).await?;
    let grant = caller
        .authorize(
            crate::backend::policy::ApiAction::WriteCase,
            input.bronorganisatie(),
            Some(zaak),
        )
        .await?;
    if !valid_id(id) {
        let wrong = FieldProblem::new("/id", crate::i18n::Msg::ApiIdInvalid);
        return Err(Refusal::invalid(vec![wrong]));
    }
    let db = &caller.ctx.backend.db;
    let Some((case, ..)) = imports::snapshot(db, grant.organisation_id, zaak).await? else {
        return Err(Refusal::not_found());
    };
    Ok((input, grant, case))
}

/// The request's `Idempotency-Key` with what it was sent with (`path` under the case).
pub fn key(
    headers: &axum::http::HeaderMap,
    path: &str,
    input: &impl Serialize,
) -> Result<Option<(String, String)>, Refusal> {
    Ok(super::idempotency_key(headers)?.map(|k| (k, super::request_hash("PUT", path, input))))
}
