//! `/api/v1/zaken/{identificatie}/reacties`: what the family did with the organisation's
//! reports of the case — correction requests and where they stand, own views, "dit klopt",
//! "nothing more to add" — and its feedback on the organisation as figures. What the
//! organisation's professionals read in their inbox, by the organisation's own ids.
//!
//! Feedback comes as figures, from the responses the family let the professional see with
//! their name: an anonymous response is left out entirely (in one family's case, its scores
//! would give the respondent away). A comment comes along only when its writer said the
//! organisation's own system may have it (and no longer once they take that back).
use super::{
    problem::Refusal,
    put::{choice, encoded},
    Caller,
};
use crate::{
    backend::{
        db::{Db, Tx},
        store::imports::{
            self,
            reactions::{self, CorrectionRow, OwnViewRow},
        },
        time, StoreError,
    },
    domain::{CaseId, FamilyId, PersonId},
};
use axum::{
    extract::Path,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What the family did with the organisation's reports of the case.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Reacties {
    /// This address.
    pub url: String,
    /// The case's address.
    pub zaak: String,
    /// "Dit klopt niet": requests to correct a statement, oldest first.
    pub correcties: Vec<Correctie>,
    /// "Mijn kant": the family's own views next to a statement.
    pub eigen_visies: Vec<EigenVisie>,
    /// "Dit klopt": statements a family member marked as correct.
    pub akkoord: Vec<Akkoord>,
    /// Family members who said they have nothing more to add to a report.
    pub klaar: Vec<Klaar>,
    pub feedback: Feedback,
}

/// Reports, statements and family members are named by the organisation's own ids; what was
/// made on Helder's screens by Helder's id.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Correctie {
    pub id: Uuid,
    pub rapport: String,
    pub uitspraak: String,
    pub gezinslid: String,
    pub soort: CorrectieSoort,
    /// Why, in the family member's words.
    pub reden: String,
    /// The text they propose instead, if any.
    pub voorstel: Option<String>,
    pub status: CorrectieStatus,
    pub ingediend_op: NaiveDate,
    /// The day the organisation must have decided by.
    pub uiterlijk: NaiveDate,
    pub besloten_op: Option<NaiveDate>,
    /// The decision as the family read it.
    pub besluit: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CorrectieSoort {
    FeitelijkeOnjuistheid,
    Aanvulling,
    Verwijdering,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CorrectieStatus {
    Ingediend,
    InBehandeling,
    Toegekend,
    Afgewezen,
    Bezwaar,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct EigenVisie {
    pub id: Uuid,
    pub rapport: String,
    /// The statement it answers, if it answers one.
    pub uitspraak: Option<String>,
    pub gezinslid: String,
    pub tekst: String,
    pub op: NaiveDate,
    /// Attached to the final report.
    pub in_definitief: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Akkoord {
    pub rapport: String,
    pub uitspraak: String,
    pub gezinslid: String,
    pub op: NaiveDate,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Klaar {
    pub rapport: String,
    pub gezinslid: String,
    pub op: NaiveDate,
}

/// The family's feedback on the organisation in this case, as figures.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Feedback {
    /// Responses that count (sent, not anonymous).
    pub antwoorden: i64,
    /// Per question: the mean score over those responses.
    pub gemiddelden: Vec<Gemiddelde>,
    /// The comments their writers let the organisation's own system have, oldest first.
    /// A writer can take that back in Helder: a comment then no longer appears here.
    pub toelichtingen: Vec<Toelichting>,
}

/// A family member's comment on the collaboration, shared with their consent.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Toelichting {
    pub gezinslid: String,
    pub tekst: String,
    pub verstuurd_op: NaiveDate,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Gemiddelde {
    /// The question's code in Helder's feedback instrument.
    pub vraag: String,
    /// The mean, to one decimal.
    pub gemiddelde: f64,
    pub antwoorden: i64,
}

/// The organisation's ids of what is in the case, for naming it back.
struct Names {
    members: Vec<(String, PersonId)>,
    reports: Vec<(String, Uuid)>,
    /// Statement: Helder id → its id within its report.
    statements: Vec<(String, Uuid)>,
}

impl Names {
    fn member(&self, p: PersonId) -> String {
        self.members
            .iter()
            .find(|(_, id)| *id == p)
            .map(|(x, _)| x.clone())
            .unwrap_or_else(|| p.to_string())
    }

    fn of(list: &[(String, Uuid)], id: Uuid) -> String {
        list.iter()
            .find(|(_, i)| *i == id)
            .map(|(x, _)| x.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

fn correction(n: &Names, c: CorrectionRow) -> Option<Correctie> {
    let r = c.request;
    Some(Correctie {
        id: c.id,
        rapport: Names::of(&n.reports, c.report_id),
        uitspraak: Names::of(&n.statements, c.statement_id),
        gezinslid: n.member(c.by_person),
        soort: choice(&r.kind)?,
        reden: r.reason,
        voorstel: r.proposed_text,
        status: choice(&r.status)?,
        ingediend_op: time::local_date(r.created_at),
        uiterlijk: time::local_date(r.due_at),
        besloten_op: r.decided_at.map(time::local_date),
        besluit: r.decision_text,
    })
}

fn own_view(n: &Names, v: OwnViewRow) -> EigenVisie {
    EigenVisie {
        id: v.id,
        rapport: Names::of(&n.reports, v.report_id),
        uitspraak: v.statement_id.map(|s| Names::of(&n.statements, s)),
        gezinslid: n.member(v.by_person),
        tekst: v.text,
        op: time::local_date(v.created_at),
        in_definitief: v.included_in_final,
    }
}

async fn gather(
    tx: &mut Tx,
    organisation: Uuid,
    zaak: &str,
    case: CaseId,
) -> Result<Reacties, StoreError> {
    let names = Names {
        members: imports::members(tx, case)
            .await?
            .into_iter()
            .map(|m| (m.external_id, m.person_id))
            .collect(),
        reports: imports::ids(tx, case, "report").await?,
        // Stored as "{report}/{statement}": the statement's own part names it.
        statements: imports::ids(tx, case, "statement")
            .await?
            .into_iter()
            .map(|(x, id)| {
                (
                    x.split_once('/').map(|(_, s)| s.to_string()).unwrap_or(x),
                    id,
                )
            })
            .collect(),
    };
    let (corrections, views, agreed, closed) = reactions::reactions(tx, case, organisation).await?;
    let (responses, items) = reactions::feedback_figures(tx, case, organisation).await?;
    let comments = reactions::shared_comments(tx, case, organisation).await?;
    let base = format!("/api/v1/zaken/{}", encoded(zaak));
    Ok(Reacties {
        url: format!("{base}/reacties"),
        zaak: base,
        correcties: corrections
            .into_iter()
            .filter_map(|c| correction(&names, c))
            .collect(),
        eigen_visies: views.into_iter().map(|v| own_view(&names, v)).collect(),
        akkoord: agreed
            .into_iter()
            .map(|(report, statement, person, at)| Akkoord {
                rapport: Names::of(&names.reports, report),
                uitspraak: Names::of(&names.statements, statement),
                gezinslid: names.member(person),
                op: time::local_date(at),
            })
            .collect(),
        klaar: closed
            .into_iter()
            .map(|(report, person, at)| Klaar {
                rapport: Names::of(&names.reports, report),
                gezinslid: names.member(person),
                op: time::local_date(at),
            })
            .collect(),
        feedback: Feedback {
            antwoorden: responses,
            gemiddelden: items
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(vraag, sum, n)| Gemiddelde {
                    vraag,
                    // Scores are small integers: the quotient is exact enough to round.
                    gemiddelde: ((sum as f64 / n as f64) * 10.0).round() / 10.0,
                    antwoorden: n,
                })
                .collect(),
            toelichtingen: comments
                .into_iter()
                .map(|(person, tekst, at)| Toelichting {
                    gezinslid: names.member(person),
                    tekst,
                    verstuurd_op: time::local_date(at),
                })
                .collect(),
        },
    })
}

/// What the family did
///
/// Correction requests and their state, own views, agreements and "nothing more to add" on
/// this organisation's reports of the case, and the family's feedback on the organisation as
/// figures (no comments; anonymous responses left out). Every read is in the family's log.
#[utoipa::path(
    get,
    path = "/api/v1/zaken/{identificatie}/reacties",
    tag = "reacties",
    params(("identificatie" = String, Path, description = "The case's number in the organisation's own system", example = "RVDK-2026-0117")),
    responses(
        (status = 200, description = "What the family did, as it is now", body = Reacties, headers(("ETag" = String))),
        (status = 304, description = "Not changed since the ETag in If-None-Match"),
        super::problem::Refused,
    ),
    security(("token" = ["zaken.lezen"]))
)]
pub async fn get_reacties(
    caller: Caller,
    Path(zaak): Path<String>,
    headers: HeaderMap,
) -> Response {
    get(caller, zaak, headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn get(caller: Caller, zaak: String, headers: HeaderMap) -> Result<Response, Refusal> {
    let (db, zaak) = (&caller.ctx.backend.db, zaak.as_str());
    caller
        .answer_read(zaak, &headers, |organisation, _| async move {
            let found = read(db, organisation, zaak).await?;
            Ok(found.map(|(case, family, shown)| (case, family, ("case", case.into()), shown)))
        })
        .await
}

/// Read in one transaction (rolled back: nothing is written), while the organisation still
/// works on the case.
async fn read(
    db: &Db,
    organisation: Uuid,
    zaak: &str,
) -> Result<Option<(CaseId, FamilyId, Reacties)>, StoreError> {
    let zaak_owned = zaak.to_string();
    let found = imports::reading(db, organisation, zaak, move |tx, f| {
        Box::pin(async move { Ok(Some(gather(tx, organisation, &zaak_owned, f.case).await?)) })
    })
    .await?;
    Ok(found.map(|(f, shown)| (f.case, f.family, shown)))
}
