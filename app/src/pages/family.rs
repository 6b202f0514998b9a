//! The family of a case as its professionals see it: the members, adding one, and inviting
//! them to Helder (an activation code split over a letter and a text message).
use crate::domain::{CaseId, PersonId};
use crate::error::AppError;
use crate::i18n::{t, tf, use_lang, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const INVITE_FORM: &str = "invite";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    pub person: PersonId,
    pub name: String,
    pub relation: String,
    /// "none", "invited" or "active".
    pub account: String,
    /// Old enough for an account of their own (parents always; children from 12).
    pub may_have_account: bool,
    /// Their current addresses and numbers, with whom each is hidden from.
    pub contacts: Vec<super::contact_details::ContactView>,
}

/// The family of a case as the assigned professional sees it, to invite members to Helder.
#[server(prefix = "/api", endpoint = "case_family")]
pub async fn load_case_family(case: CaseId) -> Result<Vec<FamilyMember>, AppError> {
    crate::error::respond(case_family(case).await)
}

#[cfg(feature = "ssr")]
async fn case_family(case: CaseId) -> Result<Vec<FamilyMember>, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
    };
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::InviteFamilyMember, Resource::Case(case)).await?;
    let mut members = members_of(&ctx.backend.db, grant.case_id).await?;
    let mut contacts =
        super::contact_details::ssr::for_professionals(&ctx.backend.db, grant.case_id).await?;
    for m in &mut members {
        m.contacts = contacts.remove(&m.person).unwrap_or_default();
    }
    let event = ctx
        .event(&actor, "read", "family")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(members)
}

#[cfg(feature = "ssr")]
async fn members_of(
    db: &crate::backend::Db,
    case_id: CaseId,
) -> Result<Vec<FamilyMember>, AppError> {
    use crate::backend::{store::accounts, time};
    use crate::domain::{access_rule, age_on};
    let rows = accounts::family_members(db, case_id).await?;
    let today = time::today();
    Ok(rows
        .into_iter()
        .map(|r| FamilyMember {
            person: r.person_id,
            name: format!("{} {}", r.given_name, r.family_name),
            may_have_account: r.relation != "child"
                || r.birth_date
                    .is_some_and(|b| access_rule(age_on(b, today)).child_reads_own),
            relation: r.relation,
            account: r.account,
            contacts: Vec::new(),
        })
        .collect())
}

/// Invites a member of the case's family. The professional never holds a working
/// credential: the single-use activation code is split in two, the professional gets a letter
/// with the first half (and their own name as the one who invites), and the second half goes
/// by text message to the phone number the professional types in.
#[server(prefix = "/api", endpoint = "invite_member")]
pub async fn invite_member(
    case: CaseId,
    person: PersonId,
    #[server(default)] phone: String,
) -> Result<crate::forms::FormReply, AppError> {
    crate::error::respond(invite(case, person, phone).await)
}

#[cfg(feature = "ssr")]
async fn invite(
    case: CaseId,
    person: PersonId,
    phone: String,
) -> Result<crate::forms::FormReply, AppError> {
    use crate::backend::{
        change::change,
        ctx,
        policy::{Action, Resource},
        sms,
        store::accounts,
    };
    use crate::forms::FormReply;
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::InviteFamilyMember, Resource::Case(case)).await?;
    let members = members_of(&ctx.backend.db, grant.case_id).await?;
    let member = members
        .into_iter()
        .find(|m| m.person == person && m.may_have_account && m.account != "active")
        .ok_or(AppError::NotFound)?;
    let back = format!("/zaken/{case}");
    let values = crate::forms::typed(&[("person", &person.to_string()), ("phone", &phone)]);
    let Some(phone) = sms::normalise_phone(&phone) else {
        let reply = FormReply::invalid("phone", Msg::InvitePhoneWrong);
        return crate::forms::finish(INVITE_FORM, &back, values, reply).await;
    };
    if ctx.backend.sms.is_off() {
        // No code is handed out that cannot reach the family member.
        let reply = FormReply::failed(Msg::InviteNoSms);
        return crate::forms::finish(INVITE_FORM, &back, values, reply).await;
    }
    let role = if member.relation == "child" {
        "young_person"
    } else {
        "parent"
    };
    let event = ctx
        .event(&actor, "invite", "account")
        .case(&grant)
        .on(person);
    let server_key = ctx.backend.server_key.clone();
    let by = actor.account_id;
    let code = change(&ctx.backend.db, event, move |tx| {
        let server_key = server_key.clone();
        Box::pin(async move {
            let invite = accounts::NewInvite {
                person_id: person,
                role,
                organisation_id: None,
                job_title: None,
                totp_secret: None,
                server_key: &server_key,
                created_by: by,
            };
            accounts::invite(tx, &invite).await
        })
    })
    .await?
    // Activated in the meantime: there is nothing to invite any more.
    .ok_or(AppError::NotFound)?;
    // The text half goes out once the code is stored (a write may run again after a transient
    // failure; the message must not). If it cannot go, the letter half is not shown either:
    // the unused code expires, and a new invitation voids it.
    let (letter_half, text) = accounts::split_code(&code);
    let message = crate::i18n::tf(
        crate::i18n::Lang::Nl,
        Msg::InviteSmsText,
        &[("code", &text), ("who", &actor.display_name)],
    );
    ctx.backend.sms.send(&phone, &message).map_err(|e| {
        tracing::error!(error = %e, "the invitation's text message could not be sent");
        AppError::Unavailable
    })?;
    let mut reply = FormReply::success(Msg::InviteCreated);
    reply.detail = Some(letter_half);
    reply.detail_for = Some(format!("{}|{}", member.name, sms::last_digits(&phone)));
    crate::forms::finish(INVITE_FORM, &back, Vec::new(), reply).await
}

/// The family card on a professional's case page, with invitations.
#[component]
pub fn FamilyCard(case: CaseId) -> impl IntoView {
    use leptos::server_fn::ServerFn;
    let lang = use_lang();
    let state = crate::forms::take_flash(INVITE_FORM);
    let added = crate::forms::take_flash(super::open_case::MEMBER_FORM);
    let contact = crate::forms::take_flash(super::contact_details::CONTACT_FORM);
    let data = Resource::new_blocking(move || case, load_case_family);
    let inviter = super::session::current_user()
        .map(|u| u.display_name)
        .unwrap_or_default();
    super::loaded(data, move |members: Vec<FamilyMember>| {
        let code = state
            .reply
            .as_ref()
            .filter(|r| r.ok)
            .and_then(|r| r.detail.clone());
        let (invitee, digits) = state
            .reply
            .as_ref()
            .and_then(|r| r.detail_for.clone())
            .and_then(|d| {
                d.split_once('|')
                    .map(|(a, b)| (a.to_string(), b.to_string()))
            })
            .unwrap_or_default();
        let failed_for = state
            .reply
            .as_ref()
            .filter(|r| !r.ok)
            .map(|_| state.value("person"));
        let inviter = inviter.clone();
        let names: Vec<(PersonId, String)> =
            members.iter().map(|m| (m.person, m.name.clone())).collect();
        view! {
            <section class="card" id="gezin" aria-labelledby="family-title">
                <h2 id="family-title">{t(lang, Msg::FamilyTitle)}</h2>
                {added.confirmation().or(contact.confirmation()).map(|m| view! { <p class="notice" role="status">{t(lang, m)}</p> })}
                {code.map(|c| view! {
                    <div class="enrol letter" role="status">
                        <p>{t(lang, Msg::InviteLetterIntro)}</p>
                        <div class="letter-text">
                            <p>{tf(lang, Msg::InviteLetterGreeting, &[("name", &invitee)])}</p>
                            <p>{tf(lang, Msg::InviteLetterBody, &[("who", &inviter)])}</p>
                            <p class="key"><code>{c}</code></p>
                            <p>{tf(lang, Msg::InviteLetterSms, &[("digits", &digits)])}</p>
                        </div>
                        <p class="hint">{t(lang, Msg::InviteLetterHint)}</p>
                    </div>
                })}
                <ul class="people">
                    {members.into_iter().map(|m| {
                        let status = match m.account.as_str() {
                            "active" => Msg::FamilyHasAccount,
                            "invited" => Msg::FamilyInvited,
                            _ if m.may_have_account => Msg::FamilyNoAccount,
                            _ => Msg::FamilyTooYoung,
                        };
                        let can_invite = m.may_have_account && m.account != "active";
                        // The form that failed opens with its message and what was typed.
                        let mine = failed_for.as_deref() == Some(m.person.to_string().as_str());
                        let reply_state = if mine { state.clone() } else { crate::forms::FormState::default() };
                        let phone_error = Signal::stored(reply_state.error_for("phone"));
                        let phone_value = reply_state.value("phone");
                        let phone_field = format!("phone-{}", m.person);
                        view! {
                            <li>
                                <p><strong>{m.name.clone()}</strong></p>
                                <p class="muted">{t(lang, status)}</p>
                                <super::contact_details::MemberDetails lang case person=m.person
                                    details=m.contacts.clone() members=names.clone() state=contact.clone()/>
                                {can_invite.then(|| view! {
                                    <form method="post" action=InviteMember::PATH>
                                        <super::account::FormMessage lang state=reply_state.clone()/>
                                        <input type="hidden" name="case" value=case.to_string()/>
                                        <input type="hidden" name="person" value=m.person.to_string()/>
                                        <div class="field" class:invalid=move || phone_error.get().is_some()>
                                            <label for=phone_field.clone()>{tf(lang, Msg::InvitePhone, &[("name", &m.name)])}</label>
                                            <input id=phone_field.clone() name="phone" type="tel" autocomplete="off" inputmode="tel" value=phone_value/>
                                            {move || phone_error.get().map(|e| view! { <p class="field-error" role="alert">{t(lang, e)}</p> })}
                                        </div>
                                        <button type="submit" class="secondary">{crate::i18n::tf(lang, Msg::FamilyInvite, &[("name", &m.name)])}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <super::contact_details::AddContactForm lang case members=names.clone() state=contact.clone()/>
                <details class="respond-form" open=added.failed()>
                    <summary>{t(lang, Msg::MemberAdd)}</summary>
                    <form method="post" action=super::open_case::AddMember::PATH>
                        {crate::components::fields::form_message(lang, &added)}
                        <input type="hidden" name="case" value=case.to_string()/>
                        {super::open_case::member_fields(lang, "add-member", &added)}
                        <button type="submit" class="primary">{t(lang, Msg::MemberAddSubmit)}</button>
                    </form>
                </details>
            </section>
        }
    })
}
