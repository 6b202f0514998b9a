//! `/api/v1/zaken/{identificatie}/statussen/{id}`: the next phase of a case (ZGW: a status of
//! the zaak, its statustype the phase), recorded through the checks and the step of "Volgende
//! stap vastleggen" (`pages::phase::commands`): a step that may follow the current phase, the
//! decision and its date, the date the phase runs to (the phase's rule, or one set by hand
//! with its reason), who leads it, and after a handover how long the organisation before keeps
//! watching. The family's praatplaat moves with it, as when a professional records it.
//!
//! A status is recorded once. The same request again changes nothing and gets the same
//! answer; another request for a recorded status is refused (a step in a family's case is not
//! rewritten), and a status whose `vanaf` is no longer the current phase finds the case moved
//! on — nothing is written, as on the screen when a colleague was first.
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
        db::{Db, Tx},
        policy::ApiGrant,
        store::{
            cases::{self, NewPhase},
            imports::{self, StatusRow},
        },
        time, StoreError,
    },
    domain::CaseId,
    forms::check_day,
    i18n::Msg,
    pages::phase::{commands, PhaseForm},
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

fn example() -> serde_json::Value {
    serde_json::from_str(include_str!("../../../examples/status.json")).unwrap_or_default()
}

/// The next phase as the organisation's system sends it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = example)]
pub struct StatusIn {
    /// The organisation's RSIN: only a client's own organisation.
    #[schema(example = "800000018")]
    pub bronorganisatie: String,
    /// The phase the case is in now (the status this one follows). When the case has moved
    /// on since, nothing is written.
    #[schema(example = "RVDK_ONDERZOEK")]
    pub vanaf: String,
    /// The phase that starts: one that may follow `vanaf`.
    #[schema(example = "RECHTBANK")]
    pub statustype: String,
    /// The day of the decision: not in the future, not before the current phase began.
    /// Without it: today.
    #[serde(default)]
    #[schema(format = Date, example = "2026-12-04")]
    pub datum_status_gezet: Option<String>,
    /// The decision, in words the family reads.
    #[schema(example = "De Raad vraagt de kinderrechter om een ondertoezichtstelling.")]
    pub statustoelichting: String,
    /// The Helder username of the organisation's professional who records it; they work on
    /// the case today.
    #[schema(example = "jeroen")]
    pub gezet_door: String,
    /// The last day of the phase when the decision names another than the phase's rule;
    /// without it, the rule decides.
    #[serde(default)]
    #[schema(format = Date)]
    pub einddatum: Option<String>,
    /// Why `einddatum` differs from the rule (needed with it).
    #[serde(default)]
    pub einddatum_toelichting: Option<String>,
    /// The organisation that leads the phase, by RSIN, when another kind of organisation
    /// than this one leads it (the Raad after Veilig Thuis, a GI after the court). Leave it
    /// out when this organisation leads it, or a court does.
    #[serde(default)]
    #[schema(example = "800000031")]
    pub leider: Option<String>,
    /// When another organisation takes over: the last day this one keeps watching whether
    /// the children stay safe (a day after the decision). Without it, it stops at the
    /// handover.
    #[serde(default)]
    #[schema(format = Date)]
    pub volgen_tot: Option<String>,
}

/// A status as Helder holds it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Status {
    /// This status's address in the API.
    pub url: String,
    pub vanaf: String,
    pub statustype: String,
    pub datum_status_gezet: NaiveDate,
    pub statustoelichting: String,
    pub gezet_door: Option<String>,
    /// The last day of the phase (the rule's, or the one set by hand).
    pub einddatum: Option<NaiveDate>,
    /// Why the last day was set by hand (`null`: the phase's rule gave it).
    pub einddatum_toelichting: Option<String>,
    /// The organisation that leads the phase, by RSIN (`null`: a court).
    pub leider: Option<String>,
    /// After a handover: the last day the organisation before keeps watching.
    pub volgen_tot: Option<NaiveDate>,
}

impl ForOrganisation for StatusIn {
    fn bronorganisatie(&self) -> &str {
        &self.bronorganisatie
    }
}

impl Shown for Status {
    fn url(&self) -> &str {
        &self.url
    }
}

impl InCase for Status {
    const KIND: &'static str = "status";
    const OBJECT: &'static str = "phase";

    fn load<'t>(
        tx: &'t mut Tx,
        case: CaseId,
        phase: Uuid,
        (zaak, id): (&'t str, &'t str),
    ) -> Work<'t, Option<Status>> {
        Box::pin(async move {
            let row = imports::status(tx, case, phase).await?;
            Ok(row.map(|row| represent(zaak, id, row)))
        })
    }
}

fn url_of(zaak: &str, id: &str) -> String {
    format!("/api/v1/zaken/{}/statussen/{}", encoded(zaak), encoded(id))
}

fn represent(zaak: &str, id: &str, s: StatusRow) -> Status {
    Status {
        url: url_of(zaak, id),
        vanaf: s.from_code.unwrap_or_default(),
        statustype: s.phase_code,
        datum_status_gezet: time::local_date(s.started_at),
        statustoelichting: s.decision.unwrap_or_default(),
        gezet_door: s.started_by,
        einddatum: s.due_at.map(time::local_date),
        einddatum_toelichting: s.due_reason,
        leider: s.lead_rsin,
        volgen_tot: s.watch_until,
    }
}

const PHASE_FIELDS: &[(&str, &str)] = &[
    ("from", "/vanaf"),
    ("to", "/statustype"),
    ("date", "/datum_status_gezet"),
    ("decision", "/statustoelichting"),
    ("due", "/einddatum"),
    ("due_reason", "/einddatum_toelichting"),
    ("lead", "/leider"),
    ("watch", "/volgen_tot"),
];

/// The request is the status already recorded (what a GET showed, or what was sent): the
/// same phase from the same one, decided the same day with the same words by the same
/// professional, with the same dates and lead.
fn same(input: &StatusIn, s: &Status, own_rsin: &str) -> bool {
    // A blank date is a date left out, as on the form.
    let given = |d: &Option<String>| {
        d.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let day = |d: &Option<String>| match given(d) {
        None => Ok(None),
        Some(d) => check_day(&d, None),
    };
    let by_hand = match (given(&input.einddatum), &s.einddatum_toelichting) {
        (None, None) => true,
        // The rule's day, as a GET showed it.
        (Some(_), None) => day(&input.einddatum).is_ok_and(|d| d == s.einddatum),
        (Some(_), Some(reason)) => {
            day(&input.einddatum).is_ok_and(|d| d == s.einddatum)
                && input.einddatum_toelichting.as_deref().map(str::trim) == Some(reason.as_str())
        }
        (None, Some(_)) => false,
    };
    // This organisation's own RSIN names no other lead (as `plan` takes it).
    let lead = match given(&input.leider).filter(|rsin| rsin != own_rsin) {
        Some(rsin) => s.leider.as_deref() == Some(rsin.as_str()),
        None => s.leider.as_deref().is_none_or(|l| l == own_rsin),
    };
    input.vanaf.trim() == s.vanaf
        && input.statustype.trim() == s.statustype
        // Left out, it was the day the status was recorded.
        && day(&input.datum_status_gezet)
            .is_ok_and(|d| d.is_none_or(|d| d == s.datum_status_gezet))
        && input.statustoelichting.trim() == s.statustoelichting
        && Some(input.gezet_door.trim()) == s.gezet_door.as_deref()
        && by_hand
        && lead
        && day(&input.volgen_tot).is_ok_and(|d| d == s.volgen_tot)
}

/// Everything one PUT needs inside its transaction (which may run more than once).
struct Request {
    grant: ApiGrant,
    rsin: String,
    zaak: String,
    id: String,
    input: StatusIn,
    key: Option<(String, String)>,
    if_match: bool,
    case: CaseId,
    /// The step as checked before the transaction against the case as it was then; a status
    /// already recorded under this id is answered before it is looked at.
    planned: Result<NewPhase, Vec<FieldProblem>>,
    client_ip: String,
}

/// Record the next phase
///
/// A status is unique in its case by the organisation's own id, and recorded once: the same
/// request again changes nothing, another one for a recorded status is refused. `vanaf`
/// names the phase the case is in; when it has moved on, nothing is written. One
/// transaction: a refused request has changed nothing.
#[utoipa::path(
    put,
    path = "/api/v1/zaken/{identificatie}/statussen/{id}",
    tag = "statussen",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The status's id in the organisation's own system", example = "st-0117-2"),
        super::put::PutHeaders,
    ),
    request_body(content = StatusIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The phase was recorded", body = Status, headers(("ETag" = String), ("Location" = String))),
        (status = 200, description = "The status as it was recorded (the same request again)", body = Status, headers(("ETag" = String))),
        super::problem::Refused,
        super::problem::BodyRefused,
        super::problem::PutRefused,
    ),
    security(("token" = ["zaken.schrijven"]))
)]
pub async fn put_status(
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
    let (input, grant, case): (StatusIn, _, _) =
        begin(&caller, (&zaak, &id), &headers, body).await?;
    let db = caller.ctx.backend.db.clone();
    let planned = plan(&db, &grant, case, &input).await?;
    let key = key(&headers, &format!("{zaak}/statussen/{id}"), &input)?;
    let request = Arc::new(Request {
        grant,
        rsin: input.bronorganisatie.clone(),
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

/// The screen's checks of the step, on the request translated into the screen's form: the
/// professional by username, the lead by RSIN.
async fn plan(
    db: &Db,
    grant: &ApiGrant,
    case: CaseId,
    input: &StatusIn,
) -> Result<Result<NewPhase, Vec<FieldProblem>>, StoreError> {
    let mut errors = Vec::new();
    let Some(current) = commands::current(db, case).await? else {
        // Closed, or never opened in a phase: no step follows.
        return Ok(Err(vec![FieldProblem::new(
            "/vanaf",
            Msg::NextPhaseMovedOn,
        )]));
    };
    // Moved on since the client saw it: that is all there is to say (as on the screen).
    if input.vanaf.trim() != current.phase.code() {
        return Ok(Err(vec![FieldProblem::new(
            "/vanaf",
            Msg::NextPhaseMovedOn,
        )]));
    }
    let today = time::today();
    let by = imports::professional_on(
        db,
        grant.organisation_id,
        case,
        input.gezet_door.trim(),
        today,
    )
    .await?;
    if by.is_none() {
        errors.push(FieldProblem::new(
            "/gezet_door",
            Msg::ApiUnknownProfessional,
        ));
    }
    let to = commands::step(&current, input.statustype.trim());
    let leads = match to {
        Some(p) => cases::leads_for(db, p.code(), Some(grant.organisation_id)).await?,
        None => Vec::new(),
    };
    // The lead by RSIN, among those that may take this step over.
    let mut lead = String::new();
    if let Some(rsin) = input.leider.as_deref().map(str::trim) {
        match imports::organisation_by_rsin(db, rsin).await? {
            Some(org) if leads.iter().any(|(o, _)| *o == org) => lead = org.to_string(),
            // This organisation leads the step itself (or a court does): only its own RSIN.
            Some(org) if leads.is_empty() && org == grant.organisation_id => {}
            _ if leads.is_empty() => errors.push(FieldProblem::new("/leider", Msg::ApiLeadNot)),
            // Among the others: the screen's own message when none of them is named.
            _ => {}
        }
    }
    let form = PhaseForm {
        from: current.phase.code().to_string(),
        to: input.statustype.trim().to_string(),
        date: input
            .datum_status_gezet
            .clone()
            .unwrap_or_else(|| today.to_string()),
        decision: input.statustoelichting.clone(),
        due: input.einddatum.clone().unwrap_or_default(),
        due_reason: input.einddatum_toelichting.clone().unwrap_or_default(),
        lead,
        watch: input.volgen_tot.clone().unwrap_or_default(),
    };
    let (checked, reply) = commands::check(&form, &current, &leads, today);
    errors.extend(pointers(&reply, "", PHASE_FIELDS));
    let (Some(checked), Some((_, account)), true) = (checked, by, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let lead = match checked.lead {
        Some(org) => Some(org),
        None => cases::lead_for(db, checked.to.code(), Some(grant.organisation_id)).await?,
    };
    let last = cases::last_lead(db, case).await?;
    Ok(commands::plan(
        checked,
        &current,
        case,
        (lead, last),
        (account, Uuid::new_v4()),
        today,
    )
    .map_err(|reply| pointers(&reply, "", PHASE_FIELDS)))
}

/// The PUT inside its transaction: the audit row names the new phase and its case.
async fn apply(tx: &mut Tx, r: &Request) -> Result<(Put<Status>, AuditEvent), StoreError> {
    let mut event = AuditEvent::new(None, "start_phase", "phase", &r.client_ip);
    event.api_client_id = Some(r.grant.client_id);
    // One step at a time in a case: a second writer waits for the lock, then finds it.
    let at = (r.zaak.as_str(), r.case);
    let (case, family, existing) =
        match start(tx, &r.grant, at, r.key.as_ref(), (Status::KIND, &r.id)).await? {
            Start::Done(put) => return Ok((put, event)),
            Start::Found {
                case,
                family,
                existing,
            } => (case, family, existing),
        };
    if let Some(phase) = existing {
        let Some(shown) = Status::load(tx, case, phase, (&r.zaak, &r.id)).await? else {
            return Ok((Put::Gone, event));
        };
        if same(&r.input, &shown, &r.rsin) {
            return Ok((Put::Unchanged(shown, case, family), event));
        }
        return Ok((
            Put::Invalid(vec![FieldProblem::new("", Msg::ApiRecorded)]),
            event,
        ));
    }
    if r.if_match {
        return Ok((Put::NoSuchVersion, event));
    }
    let new = match &r.planned {
        Ok(new) => new,
        Err(errors) => return Ok((Put::Invalid(errors.clone()), event)),
    };
    if !cases::start_phase(tx, new).await? {
        // Another step was recorded since the request was checked: nothing of this one.
        let moved = FieldProblem::new("/vanaf", Msg::NextPhaseMovedOn);
        return Ok((Put::Invalid(vec![moved]), event));
    }
    imports::map_id(tx, case, Status::KIND, &r.id, new.id).await?;
    let shown = Status::load(tx, case, new.id, (&r.zaak, &r.id))
        .await?
        .ok_or_else(|| StoreError::Corrupt("a phase just started is not there".into()))?;
    let put = Put::Created(shown);
    remember(tx, r.grant.client_id, r.key.as_ref(), &put).await?;
    let event = event.in_case(case, family).on(new.id);
    Ok((put, event))
}

/// Read a status back
///
/// The organisation's status with this id in the case, as it was recorded. Every read is in
/// the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}/statussen/{id}",
    tag = "statussen",
    params(
        ("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117"),
        ("id" = String, Path, description = "The status's id in the organisation's own system", example = "st-0117-2"),
    ),
    responses(
        (status = 200, description = "The status as it was recorded", body = Status, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_status(
    caller: Caller,
    Path(address): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    get_in_case::<Status>(caller, address, headers).await
}
