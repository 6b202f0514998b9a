//! A professional's cases: the list of cases they are assigned to, and one case's praatplaat.
use super::where_am_i::PraatplaatOf;
use crate::domain::{CaseId, PersonId};
use crate::{
    domain::PhaseCode,
    error::AppError,
    i18n::{t, tf, use_lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: CaseId,
    pub reference: String,
    pub family: String,
    pub phase: Option<PhaseCode>,
    /// The current phase's date: the list shows what is due (or overdue) first.
    pub due: Option<chrono::NaiveDate>,
}

/// A professional's start page: their cases and what waits in their inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub cases: Vec<CaseSummary>,
    pub today: chrono::NaiveDate,
    /// Feedback without a reply, open correction requests, overdue ones.
    pub inbox: (usize, usize, usize),
}

#[server(prefix = "/api", endpoint = "list_my_cases")]
pub async fn list_my_cases() -> Result<MyWork, AppError> {
    crate::error::respond(build_case_list().await)
}

#[cfg(feature = "ssr")]
async fn build_case_list() -> Result<MyWork, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::cases,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ListOwnCases, Resource::OwnWork).await?;
    let rows = cases::assigned_to(&ctx.backend.db, actor.person_id, time::today()).await?;
    ctx.backend
        .audit
        .record(ctx.event(&actor, "list", "cases"))
        .await?;
    // Only the counts leave this function; the inbox page records its own reads.
    let (inbox, _) = super::inbox::inbox_of(&ctx.backend.db, &actor).await?;
    let mut cases: Vec<CaseSummary> = rows
        .into_iter()
        .map(|r| CaseSummary {
            id: r.id,
            reference: r.reference,
            family: r.family_name,
            phase: r.phase_code.as_deref().and_then(PhaseCode::parse),
            due: r.due_at.map(time::local_date),
        })
        .collect();
    // What is due soonest (or overdue) first; cases without a date after them.
    cases.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.reference).cmp(&(b.due.is_none(), b.due, &b.reference))
    });
    Ok(MyWork {
        cases,
        today: time::today(),
        inbox: inbox.counts(),
    })
}

#[component]
pub fn MyCases() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| list_my_cases());
    super::loaded(data, move |work: MyWork| {
        let list = work.cases;
        let today = work.today;
        let (unanswered, open, overdue) = work.inbox;
        view! {
            <section class="card">
                <h1>{t(lang, Msg::CasesTitle)}</h1>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::CasesNone)}</p> })}
                <ul class="cases">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/zaken/{}", c.id)>{c.family}</a>
                            <span class="muted">" · " {c.reference} " · " {c.phase.map(|p| t(lang, p.name())).unwrap_or("")}</span>
                            {c.due.map(|d| {
                                let late = d < today;
                                let msg = if late { Msg::CasesOverdue } else { Msg::CasesDue };
                                view! { <span class="due" class:overdue=late>" · " {tf(lang, msg, &[("date", &crate::components::dates::long_date(lang, d))])}</span> }
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card inbox-counts">
                <h2>{t(lang, Msg::InboxTitle)}</h2>
                <p>{tf(lang, Msg::InboxSummary, &[("feedback", &unanswered.to_string()), ("open", &open.to_string()), ("overdue", &overdue.to_string())])}</p>
                <p><a class="button primary" href="/inbox">{t(lang, Msg::InboxOpen)}</a></p>
            </section>
        }
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCase {
    pub id: CaseId,
    pub reference: String,
    pub family: String,
    pub shared_by: String,
    pub until: chrono::NaiveDate,
}

/// The dossiers families shared with the reader (a vertrouwenspersoon or lawyer).
#[server(prefix = "/api", endpoint = "shared_with_me")]
pub async fn list_shared_with_me() -> Result<Vec<SharedCase>, AppError> {
    crate::error::respond(build_shared_list().await)
}

#[cfg(feature = "ssr")]
async fn build_shared_list() -> Result<Vec<SharedCase>, AppError> {
    use crate::backend::{
        ctx,
        policy::{Action, Resource},
        store::sharing,
        time,
    };
    let ctx::Granted { ctx, actor, .. } =
        ctx::authorize(Action::ListSharedWithMe, Resource::OwnWork).await?;
    let rows = sharing::shared_with(&ctx.backend.db, actor.account_id, time::now()).await?;
    ctx.backend
        .audit
        .record(ctx.event(&actor, "list", "shared_cases"))
        .await?;
    // One line per dossier, however often (or by whom in the family) it was shared.
    let mut list: Vec<SharedCase> = Vec::new();
    for r in rows {
        if list.iter().any(|c| c.id == r.case_id) {
            continue;
        }
        list.push(SharedCase {
            id: r.case_id,
            reference: r.reference,
            family: r.family,
            shared_by: r.shared_by,
            until: time::last_local_day(r.expires_at),
        });
    }
    Ok(list)
}

#[component]
pub fn SharedWithMe() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| list_shared_with_me());
    super::loaded(data, move |list: Vec<SharedCase>| {
        view! {
            <section class="card">
                <h1>{t(lang, Msg::SharedTitle)}</h1>
                <p>{t(lang, Msg::SharedIntro)}</p>
                {list.is_empty().then(|| view! { <p>{t(lang, Msg::SharedNone)}</p> })}
                <ul class="cases">
                    {list.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/zaken/{}", c.id)>{c.family}</a>
                            <span class="muted">{crate::i18n::tf(lang, Msg::SharedLine, &[("who", &c.shared_by), ("date", &crate::components::dates::long_date(lang, c.until))])}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
pub fn CasePage() -> impl IntoView {
    let professional =
        super::session::current_user().is_some_and(|u| u.role == crate::domain::Role::Professional);
    match case_param() {
        Some(id) => view! {
            <PraatplaatOf case=Some(id)/>
            {professional.then(|| view! {
                <super::phase::NextPhaseCard case=id/>
                <FamilyCard case=id/>
                <super::full_information::FullInformationCard case=id/>
            })}
        }
        .into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

/// The case id in the path (`/zaken/:id/…`).
fn case_param() -> Option<CaseId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse().ok()))
}

#[component]
pub fn CaseInvolvedPage() -> impl IntoView {
    match case_param() {
        Some(id) => view! { <super::involved::InvolvedOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

#[component]
pub fn CaseReportsPage() -> impl IntoView {
    match case_param() {
        Some(id) => view! { <super::reports::ReportsOf case=Some(id)/> }.into_any(),
        None => super::error_page(AppError::NotFound),
    }
}

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
    let members = members_of(&ctx.backend.db, grant.case_id).await?;
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
        view! {
            <section class="card" aria-labelledby="family-title">
                <h2 id="family-title">{t(lang, Msg::FamilyTitle)}</h2>
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
            </section>
        }
    })
}
