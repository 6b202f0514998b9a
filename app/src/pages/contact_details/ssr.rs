//! The server side of the family's contact details: recording, ending and hiding them (each
//! through the one write path with its audit row), and reading them for the professionals of
//! the case and, through the visibility rule, for the family.
use super::{ssr_types::ContactForm, ContactView, MemberContacts, CONTACT_FORM};
use crate::backend::{
    change::change,
    ctx,
    policy::{Action, CaseGrant, Resource},
    sms,
    store::{accounts, contact_details as store, reports},
    time,
    visibility::{Item, Visibility},
    Db,
};
use crate::domain::{contact::ContactKind, CaseId, PersonId};
use crate::error::AppError;
use crate::forms::{check_length, finish, typed, FormReply, LINE, TEXT};
use crate::i18n::Msg;
use std::collections::HashMap;
use uuid::Uuid;

/// A typed contact detail, checked for its kind: the text to keep, or the message for the
/// field. A number has 10 to 15 digits (with spaces, dashes, brackets and a leading +); an
/// e-mail address one @ with a dotted domain after it; an address at least a street and a
/// place.
pub fn check_value(kind: ContactKind, typed: &str) -> Result<String, Msg> {
    if let Some(m) = check_length(typed, true, LINE) {
        return Err(m);
    }
    let value = typed.trim();
    let ok = match kind {
        ContactKind::Phone => sms::normalise_phone(value).is_some(),
        ContactKind::Email => value.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }),
        ContactKind::Address => value.chars().filter(|c| c.is_alphabetic()).count() >= 4,
    };
    if !ok {
        return Err(match kind {
            ContactKind::Phone => Msg::DetailPhoneWrong,
            ContactKind::Email => Msg::DetailEmailWrong,
            ContactKind::Address => Msg::DetailAddressWrong,
        });
    }
    Ok(value.to_string())
}

/// The family member a form names, among the case's family.
fn member_named(members: &[accounts::MemberRow], typed: &str) -> Option<PersonId> {
    members
        .iter()
        .find(|m| m.person_id.to_string() == typed.trim())
        .map(|m| m.person_id)
}

fn back(case: CaseId) -> String {
    format!("/zaken/{case}#gezin")
}

pub(crate) async fn add(case: CaseId, form: ContactForm) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::InviteFamilyMember, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let values = typed(&[
        ("form", "add"),
        ("person", &form.person),
        ("kind", &form.kind),
        ("value", &form.value),
        ("hide_from", &form.hide_from),
        ("reason", &form.reason),
    ]);
    let members = accounts::family_members(&db, grant.case_id).await?;
    let mut reply = FormReply::success(Msg::DetailSaved);
    let person = member_named(&members, &form.person);
    if person.is_none() {
        reply = reply.field("person", Msg::DetailChoosePerson);
    }
    let kind = ContactKind::parse(form.kind.trim());
    let value = match kind.map(|k| check_value(k, &form.value)) {
        None => {
            reply = reply.field("kind", Msg::DetailChooseKind);
            None
        }
        Some(Err(m)) => {
            reply = reply.field("value", m);
            None
        }
        Some(Ok(v)) => Some(v),
    };
    // Hidden from nobody, or from another member of this family, and then with a reason.
    let hidden = match form.hide_from.trim() {
        "" => None,
        typed => match member_named(&members, typed) {
            Some(p) if Some(p) != person => Some(p),
            _ => {
                reply = reply.field("hide_from", Msg::DetailHideWrong);
                None
            }
        },
    };
    let hiding = !form.hide_from.trim().is_empty();
    if let Some(m) = check_length(&form.reason, hiding, TEXT) {
        reply = reply.field("reason", m);
    } else if !hiding && !form.reason.trim().is_empty() {
        // A reason without whom it is for would be dropped without a word: ask whom.
        reply = reply.field("hide_from", Msg::DetailHideWhom);
    }
    let (Some(person), Some(kind), Some(value), true) = (person, kind, value, reply.ok) else {
        return finish(CONTACT_FORM, &back(case), values, reply).await;
    };
    if hidden.is_some() {
        // Hiding is its own permission; asked before anything is written.
        ctx::authorize_case(Action::ShieldItem, Resource::Case(case)).await?;
    }
    let id = Uuid::new_v4();
    let new = store::NewContact {
        id,
        case_id: grant.case_id,
        person_id: person,
        kind: kind.code(),
        value,
        by: actor.account_id,
        at: time::now(),
    };
    let mut event = ctx
        .event(&actor, "add_contact", "contact_detail")
        .case(&grant)
        .on(id);
    // The log entry is the member's, as the detail is: who may not see it does not see that.
    event.concerns_person_id = Some(person);
    let reason = form.reason.trim().to_string();
    change(&db, event, move |tx| {
        let (new, reason) = (new.clone(), reason.clone());
        Box::pin(async move {
            store::add(tx, &new).await?;
            if let Some(from) = hidden {
                let kind = store::shielding_kind(new.kind);
                reports::shield(tx, new.case_id, kind, new.id, from, &reason, new.by, new.at)
                    .await?;
            }
            Ok(())
        })
    })
    .await?;
    finish(CONTACT_FORM, &back(case), Vec::new(), reply).await
}

pub(crate) async fn end(case: CaseId, detail: Uuid) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::InviteFamilyMember, Resource::Case(case)).await?;
    let (person, _, _) = store::find(&ctx.backend.db, grant.case_id, detail)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut event = ctx
        .event(&actor, "end_contact", "contact_detail")
        .case(&grant)
        .on(detail);
    event.concerns_person_id = Some(person);
    let case_id = grant.case_id;
    // Ended already (a second click, a colleague first): nothing changes, no audit row.
    change(&ctx.backend.db, event, move |tx| {
        Box::pin(async move { store::end(tx, case_id, detail, time::now()).await })
    })
    .await?;
    let reply = FormReply::success(Msg::DetailEnded);
    finish(CONTACT_FORM, &back(case), Vec::new(), reply).await
}

pub(crate) async fn shield(
    case: CaseId,
    detail: Uuid,
    person: String,
    reason: String,
) -> Result<FormReply, AppError> {
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ShieldItem, Resource::Case(case)).await?;
    let db = ctx.backend.db.clone();
    let (owner, kind, _) = store::find(&db, grant.case_id, detail)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = format!("shield:{detail}");
    let values = typed(&[("form", &form), ("person", &person), ("reason", &reason)]);
    let members = accounts::family_members(&db, grant.case_id).await?;
    let mut reply = FormReply::success(Msg::DetailHidden);
    let from = member_named(&members, &person).filter(|p| *p != owner);
    if from.is_none() {
        reply = reply.field("person", Msg::DetailHideWrong);
    }
    if let Some(m) = check_length(&reason, true, TEXT) {
        reply = reply.field("reason", m);
    }
    let (Some(from), true) = (from, reply.ok) else {
        return finish(CONTACT_FORM, &back(case), values, reply).await;
    };
    let mut event = ctx
        .event(&actor, "shield", "contact_detail")
        .case(&grant)
        .on(detail);
    event.concerns_person_id = Some(owner);
    let (case_id, by, kind) = (
        grant.case_id,
        actor.account_id,
        store::shielding_kind(&kind),
    );
    let reason = reason.trim().to_string();
    change(&db, event, move |tx| {
        let reason = reason.clone();
        Box::pin(async move {
            reports::shield(tx, case_id, kind, detail, from, &reason, by, time::now()).await
        })
    })
    .await?;
    finish(CONTACT_FORM, &back(case), Vec::new(), reply).await
}

/// Every current detail of the case's family by member, with whom each is hidden from: for
/// the professionals of the case (the family card).
pub(crate) async fn for_professionals(
    db: &Db,
    case_id: CaseId,
) -> Result<HashMap<PersonId, Vec<ContactView>>, AppError> {
    let rows = store::current(db, case_id).await?;
    let mut hidden: HashMap<Uuid, Vec<(String, String)>> = HashMap::new();
    for (item, name, reason) in reports::shieldings(db, case_id).await? {
        hidden.entry(item).or_default().push((name, reason));
    }
    let mut out: HashMap<PersonId, Vec<ContactView>> = HashMap::new();
    for r in rows {
        out.entry(r.person_id).or_default().push(ContactView {
            id: r.id,
            hidden_from: hidden.remove(&r.id).unwrap_or_default(),
            kind: r.kind,
            value: r.value,
        });
    }
    Ok(out)
}

/// The family's details as this reader may see them (the one visibility rule decides), the
/// reader's own first; members with nothing to show are left out.
pub(crate) async fn for_reader(
    db: &Db,
    grant: &CaseGrant,
    seen: &Visibility,
) -> Result<Vec<MemberContacts>, AppError> {
    let rows = store::current(db, grant.case_id).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let members = accounts::family_members(db, grant.case_id).await?;
    let reader = grant.viewer.member();
    let mut out: Vec<(bool, MemberContacts)> = members
        .into_iter()
        .filter_map(|m| {
            let details: Vec<(String, String)> = rows
                .iter()
                .filter(|r| r.person_id == m.person_id)
                .filter(|r| seen.shows(&Item::contact_detail(r.id, r.person_id)))
                .map(|r| (r.kind.clone(), r.value.clone()))
                .collect();
            (!details.is_empty()).then(|| {
                let own = Some(m.person_id) == reader;
                let name = format!("{} {}", m.given_name, m.family_name);
                (
                    own,
                    MemberContacts {
                        name,
                        relation: m.relation,
                        details,
                    },
                )
            })
        })
        .collect();
    out.sort_by_key(|(own, _)| !*own);
    Ok(out.into_iter().map(|(_, m)| m).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_is_checked_for_its_kind() {
        use ContactKind::*;
        assert_eq!(
            check_value(Phone, " 06-12345678 ").as_deref(),
            Ok("06-12345678")
        );
        assert_eq!(
            check_value(Phone, "+31 6 1234 5678").as_deref(),
            Ok("+31 6 1234 5678")
        );
        assert_eq!(check_value(Phone, "0612"), Err(Msg::DetailPhoneWrong));
        assert_eq!(
            check_value(Phone, "06 1234 567a"),
            Err(Msg::DetailPhoneWrong)
        );
        assert!(check_value(Email, "naam@voorbeeld.nl").is_ok());
        for wrong in [
            "naam@voorbeeld",
            "@voorbeeld.nl",
            "a@b@c.nl",
            "na am@voorbeeld.nl",
            "a@.nl",
        ] {
            assert_eq!(
                check_value(Email, wrong),
                Err(Msg::DetailEmailWrong),
                "{wrong}"
            );
        }
        assert!(check_value(Address, "Lindelaan 4, Utrecht").is_ok());
        assert_eq!(check_value(Address, "4 12"), Err(Msg::DetailAddressWrong));
        assert_eq!(check_value(Address, "   "), Err(Msg::FieldRequired));
        assert_eq!(
            check_value(Address, &"a".repeat(121)),
            Err(Msg::FieldTooLong)
        );
    }
}
