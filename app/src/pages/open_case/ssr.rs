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
fn opener_role(kind: &str) -> Option<&'static str> {
    match kind {
        "vt" => Some("vt_medewerker"),
        "rvdk" => Some("raadsonderzoeker"),
        "gi" => Some("jeugdbeschermer"),
        "wijkteam" => Some("wijkteam"),
        _ => None,
    }
}

/// The reader's organisation, its kind and the phases it may open a case in.
async fn scope(
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
fn check_member(
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

pub async fn open(form: OpenForm) -> Result<FormReply, AppError> {
    let OpenForm {
        family,
        reference,
        phase,
        reporter_kind,
        reporter,
        disclosed,
        member,
        confirm_new,
    } = form;
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::OpenCase, Resource::OwnOrganisation).await?;
    let db = ctx.backend.db.clone();
    let (org, role, phases) = scope(&db, actor.organisation_id).await?;
    let back = "/nieuwe-zaak";
    let mut values = crate::forms::typed(&[
        ("family", &family),
        ("reference", &reference),
        ("phase", &phase),
        ("reporter_kind", &reporter_kind),
        ("reporter", &reporter),
        ("disclosed", &disclosed),
    ]);
    values.extend(member_values(&member));
    let today = time::today();
    let mut reply = FormReply::success(Msg::OpenSaved);
    for (field, text) in [("family", &family), ("reference", &reference)] {
        if let Some(e) = check_length(text, true, LINE) {
            reply = reply.field(field, e);
        }
    }
    let first_phase = phases.iter().copied().find(|p| p.code() == phase);
    if first_phase.is_none() {
        reply = reply.field("phase", Msg::OpenPhaseRequired);
    }
    let kind = ["professional", "bystander", "anonymous"]
        .into_iter()
        .find(|k| *k == reporter_kind);
    if kind.is_none() {
        reply = reply.field("reporter_kind", Msg::OpenReporterKindRequired);
    }
    if let Some(e) = check_length(&reporter, true, LINE) {
        reply = reply.field("reporter", e);
    }
    let (first, reply) = check_member(&member, today, reply);
    let (Some(first), Some(first_phase), Some(kind), true) = (first, first_phase, kind, reply.ok)
    else {
        return crate::forms::finish(OPEN_FORM, back, values, reply).await;
    };
    // Someone of this name and birth date is already in a family of this organisation: open
    // that case, unless the professional says this is another family.
    if confirm_new != "yes" {
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
    let case_id = CaseId::fresh();
    let now = time::now();
    let report_day = (first_phase == PhaseCode::VtBeoordeling).then_some(today);
    let due = default_due(first_phase, today, report_day).map(|d| {
        time::local_instant(
            d,
            chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default(),
        )
    });
    let new = NewCase {
        case_id,
        family_id: FamilyId::fresh(),
        family_name: family.trim().to_string(),
        reference: reference.trim().to_string(),
        at: now,
        first,
        reporter: NewReporter {
            kind: kind.to_string(),
            description: reporter.trim().to_string(),
            // An anonymous reporter is never named to the family.
            identity_disclosed: kind != "anonymous" && disclosed == "yes",
        },
        phase: first_phase.code().to_string(),
        due,
        organisation_id: org,
        opener: actor.person_id,
        opener_account: actor.account_id,
        role: role.to_string(),
        today,
    };
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
