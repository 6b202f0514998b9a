//! The server side of opening a case and adding a family member.
use super::{
    ssr_types::{MemberForm, OpenForm},
    *,
};
use crate::forms::{check_length, LINE};
use crate::{
    backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        store::families::{self, NewCase, NewMember, NewReporter},
        time,
    },
    domain::{deadline::default_due, FamilyId, PersonId},
};
use chrono::NaiveDate;

/// The role the opener of a case has on it, by their organisation's kind (`None`: this kind of
/// organisation does not open cases in Helder).
pub(crate) fn opener_role(kind: &str) -> Option<&'static str> {
    match kind {
        "vt" => Some("vt_medewerker"),
        "rvdk" => Some("raadsonderzoeker"),
        "gi" => Some("jeugdbeschermer"),
        "wijkteam" => Some("wijkteam"),
        _ => None,
    }
}

/// The reader's organisation, its kind and the phases it may open a case in.
pub(crate) async fn scope(
    db: &crate::backend::Db,
    organisation: Option<uuid::Uuid>,
) -> Result<(uuid::Uuid, &'static str, Vec<PhaseCode>), AppError> {
    let org = organisation.ok_or(AppError::NotFound)?;
    let kind = families::organisation_kind(db, org).await?;
    let role = opener_role(&kind).ok_or(AppError::NotFound)?;
    let phases = families::first_phases(db, &kind)
        .await?
        .iter()
        .filter_map(|c| PhaseCode::parse(c))
        .collect();
    Ok((org, role, phases))
}

pub async fn choices() -> Result<OpenChoices, AppError> {
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::OpenCase, Resource::OwnOrganisation).await?;
    let (_, _, phases) = scope(&ctx.backend.db, actor.organisation_id).await?;
    Ok(OpenChoices {
        phases,
        today: time::today(),
    })
}

/// Checks a member as typed: the member, or the reply with the messages at their fields.
pub(crate) fn check_member(
    m: &MemberForm,
    today: NaiveDate,
    mut reply: FormReply,
) -> (Option<NewMember>, FormReply) {
    for (field, text) in [("given", &m.given), ("family_name", &m.family_name)] {
        if let Some(e) = check_length(text, true, LINE) {
            reply = reply.field(&format!("member[{field}]"), e);
        }
    }
    let relation = RELATIONS.into_iter().find(|r| *r == m.relation.trim());
    if relation.is_none() {
        reply = reply.field("member[relation]", Msg::MemberRelationRequired);
    }
    let birth = if m.birth.trim().is_empty() {
        // A child's age decides what they may read: their birth date is needed.
        if relation == Some("child") {
            reply = reply.field("member[birth]", Msg::MemberBirthRequired);
        }
        None
    } else {
        match NaiveDate::parse_from_str(m.birth.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                reply = reply.field("member[birth]", Msg::FbDateFuture);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                reply = reply.field("member[birth]", Msg::FbDateInvalid);
                None
            }
        }
    };
    let member = relation.filter(|_| reply.ok).map(|relation| NewMember {
        person_id: PersonId::fresh(),
        given_name: m.given.trim().to_string(),
        family_name: m.family_name.trim().to_string(),
        birth_date: birth,
        relation: relation.to_string(),
        // Parental authority is a parent's or carer's; a child never has it here.
        has_parental_authority: relation != "child" && m.authority == "yes",
    });
    (member, reply)
}

fn member_values(m: &MemberForm) -> Vec<(String, String)> {
    crate::forms::typed(&[
        ("member[given]", &m.given),
        ("member[family_name]", &m.family_name),
        ("member[relation]", &m.relation),
        ("member[birth]", &m.birth),
        ("member[authority]", &m.authority),
    ])
}

/// What a valid opening form says, checked.
pub(crate) struct Opening {
    pub first: NewMember,
    pub phase: PhaseCode,
    pub reporter: NewReporter,
}

/// Checks an opening as typed (the screen's form, or the import API's case translated into
/// it): the opening, or the reply with a message at each wrong field. `phases` are the
/// phases the organisation may open a case in.
pub(crate) fn check_open(
    form: &OpenForm,
    phases: &[PhaseCode],
    today: NaiveDate,
) -> (Option<Opening>, FormReply) {
    let mut reply = FormReply::success(Msg::OpenSaved);
    for (field, text) in [("family", &form.family), ("reference", &form.reference)] {
        if let Some(e) = check_length(text, true, LINE) {
            reply = reply.field(field, e);
        }
    }
    let first_phase = phases.iter().copied().find(|p| p.code() == form.phase);
    if first_phase.is_none() {
        reply = reply.field("phase", Msg::OpenPhaseRequired);
    }
    let kind = ["professional", "bystander", "anonymous"]
        .into_iter()
        .find(|k| *k == form.reporter_kind);
    if kind.is_none() {
        reply = reply.field("reporter_kind", Msg::OpenReporterKindRequired);
    }
    if let Some(e) = check_length(&form.reporter, true, LINE) {
        reply = reply.field("reporter", e);
    }
    let (first, reply) = check_member(&form.member, today, reply);
    let (Some(first), Some(phase), Some(kind), true) = (first, first_phase, kind, reply.ok) else {
        return (None, reply);
    };
    let reporter = NewReporter {
        kind: kind.to_string(),
        description: form.reporter.trim().to_string(),
        // An anonymous reporter is never named to the family.
        identity_disclosed: kind != "anonymous" && form.disclosed == "yes",
    };
    (
        Some(Opening {
            first,
            phase,
            reporter,
        }),
        reply,
    )
}

/// The case an opening makes, opened now by `opener` for organisation `org` (the first
/// phase's default deadline counted from today).
pub(crate) fn new_case(
    opening: Opening,
    family: &str,
    reference: &str,
    (org, role): (uuid::Uuid, &str),
    opener: (PersonId, crate::domain::AccountId),
) -> NewCase {
    let today = time::today();
    let report_day = (opening.phase == PhaseCode::VtBeoordeling).then_some(today);
    let due = default_due(opening.phase, today, report_day).map(|d| {
        time::local_instant(
            d,
            chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
        )
    });
    NewCase {
        case_id: CaseId::fresh(),
        family_id: FamilyId::fresh(),
        family_name: family.trim().to_string(),
        reference: reference.trim().to_string(),
        at: time::now(),
        first: opening.first,
        reporter: opening.reporter,
        phase: opening.phase.code().to_string(),
        due,
        organisation_id: org,
        opener: opener.0,
        opener_account: opener.1,
        role: role.to_string(),
        today,
    }
}

pub async fn open(form: OpenForm) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::OpenCase, Resource::OwnOrganisation).await?;
    let db = ctx.backend.db.clone();
    let (org, role, phases) = scope(&db, actor.organisation_id).await?;
    let back = "/nieuwe-zaak";
    let mut values = crate::forms::typed(&[
        ("family", &form.family),
        ("reference", &form.reference),
        ("phase", &form.phase),
        ("reporter_kind", &form.reporter_kind),
        ("reporter", &form.reporter),
        ("disclosed", &form.disclosed),
    ]);
    values.extend(member_values(&form.member));
    let (opening, reply) = check_open(&form, &phases, time::today());
    let Some(opening) = opening else {
        return crate::forms::finish(OPEN_FORM, back, values, reply).await;
    };
    // Someone of this name and birth date is already in a family of this organisation: open
    // that case, unless the professional says this is another family.
    if form.confirm_new != "yes" {
        let first = &opening.first;
        let same = families::same_person_in_organisation(
            &db,
            org,
            &first.given_name,
            &first.family_name,
            first.birth_date,
        )
        .await?;
        if let Some(reference) = same {
            let mut reply = FormReply::failed(Msg::OpenDuplicateTitle);
            reply.detail = Some(reference);
            return crate::forms::finish(OPEN_FORM, back, values, reply).await;
        }
    }
    let new = new_case(
        opening,
        &form.family,
        &form.reference,
        (org, role),
        (actor.person_id, actor.account_id),
    );
    let case_id = new.case_id;
    let event = ctx
        .event(&actor, "open_case", "case")
        .in_case(case_id, new.family_id)
        .on(case_id);
    change(&db, event, move |tx| {
        let new = new.clone();
        Box::pin(async move { families::open(tx, &new).await })
    })
    .await?;
    let mut reply = reply;
    reply.redirect = Some(format!("/zaken/{case_id}"));
    crate::forms::finish(OPEN_FORM, back, Vec::new(), reply).await
}

pub async fn add_member(case: CaseId, member: MemberForm) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::InviteFamilyMember, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let back = format!("/zaken/{case}#gezin");
    let values = member_values(&member);
    let (new, reply) = check_member(&member, time::today(), FormReply::success(Msg::MemberSaved));
    let Some(new) = new else {
        return crate::forms::finish(MEMBER_FORM, &back, values, reply).await;
    };
    let person = new.person_id;
    let event = ctx
        .event(&actor, "add_member", "family")
        .case(&grant)
        .on(person);
    let (case_id, family_id, now) = (grant.case_id, grant.family_id, time::now());
    let added = change(&db, event, move |tx| {
        let new = new.clone();
        Box::pin(async move { families::add_member(tx, case_id, family_id, &new, now).await })
    })
    .await?;
    if !added {
        let reply = FormReply::failed(Msg::MemberAlready);
        return crate::forms::finish(MEMBER_FORM, &back, values, reply).await;
    }
    crate::forms::finish(MEMBER_FORM, &back, Vec::new(), reply).await
}
