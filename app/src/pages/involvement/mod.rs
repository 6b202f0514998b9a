//! "Wie werken aan deze zaak?": the professionals of a case manage who is involved — add a
//! colleague or another organisation's professional with a role and a period, end an
//! involvement, and say who is the family's vaste contactpersoon and which organisation is
//! responsible now (one of each at a time). The family reads the result on "Wie zijn er
//! betrokken?" (`pages::involved`), through the same visibility rule as before.
//!
//! Who may change what (the policy lets every professional of the case in; the rest is
//! checked here, and a change someone may not make looks exactly like one that does not
//! exist):
//! - anyone involved adds a colleague of their own organisation;
//! - the organisation responsible now (or anyone, while none is) adds someone of another
//!   organisation and moves the two marks;
//! - an involvement is ended by its own organisation or by the one responsible now.
use crate::{
    components::{dates::long_date, fields::form_message, people::role_name},
    domain::{role::INVOLVEMENT_ROLES, CaseId, PersonId},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const TEAM_FORM: &str = "team";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub responsible: bool,
    pub contact: bool,
    /// Runs today (a later start cannot hold a mark yet).
    pub running: bool,
    /// The reader may end it.
    pub may_end: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub person: PersonId,
    pub name: String,
    pub job_title: Option<String>,
    pub organisation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub case_id: CaseId,
    pub today: NaiveDate,
    pub members: Vec<TeamMember>,
    /// Who holds each mark now (sent back with a change, so a change made meanwhile by
    /// someone else is noticed instead of overwritten).
    pub responsible: Option<Uuid>,
    pub contact: Option<Uuid>,
    /// The reader's organisation is responsible now (or none is): they move the marks.
    pub may_mark: bool,
    /// Whom the reader may add, grouped by organisation (their own organisation's colleagues;
    /// everyone's when they may mark).
    pub candidates: Vec<Candidate>,
}

#[server(prefix = "/api", endpoint = "case_team")]
pub async fn load_team(case: CaseId) -> Result<Team, AppError> {
    crate::error::respond(ssr::team(case).await)
}

/// Adds a professional to the case. A form where nothing was chosen sends empty fields: a
/// message at the field, not a malformed request.
#[server(prefix = "/api", endpoint = "add_involvement")]
pub async fn add_involvement(
    case: CaseId,
    #[server(default)] person: String,
    #[server(default)] role: String,
    since: String,
    #[server(default)] until: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::add(case, person, role, since, until).await)
}

/// Ends an involvement on `until`, its last day.
#[server(prefix = "/api", endpoint = "end_involvement")]
pub async fn end_involvement(
    case: CaseId,
    involvement: Uuid,
    until: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::end(case, involvement, until).await)
}

/// Gives a mark (`responsible` or `contact`) to an involvement; `was` is who held it when the
/// page was shown (empty: nobody).
#[server(prefix = "/api", endpoint = "mark_involvement")]
pub async fn mark_involvement(
    case: CaseId,
    involvement: Uuid,
    mark: String,
    #[server(default)] was: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::mark(case, involvement, mark, was).await)
}

#[cfg(feature = "ssr")]
pub mod commands;
#[cfg(feature = "ssr")]
mod ssr;

/// One mark button: a small form of its own (works without JavaScript).
fn mark_form(
    lang: crate::i18n::Lang,
    case: CaseId,
    member: &TeamMember,
    mark: &'static str,
    was: Option<Uuid>,
    label: Msg,
) -> impl IntoView {
    view! {
        <form method="post" action=MarkInvolvement::PATH class="inline-form">
            <input type="hidden" name="case" value=case.to_string()/>
            <input type="hidden" name="involvement" value=member.id.to_string()/>
            <input type="hidden" name="mark" value=mark/>
            <input type="hidden" name="was" value=was.map(|w| w.to_string()).unwrap_or_default()/>
            <button type="submit" class="secondary">{tf(lang, label, &[("name", &member.name)])}</button>
        </form>
    }
}

/// The card on a professional's case page.
#[component]
pub fn TeamCard(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(TEAM_FORM);
    let data = Resource::new_blocking(move || case, load_team);
    super::loaded(data, move |team: Team| {
        let done = state.confirmation();
        // Each form posts its name (`form`): a failure shows at its own form; one without a
        // form of its own (a mark moved meanwhile) shows at the top.
        let top = state.only_for("");
        let add_state = state.only_for("add");
        let ending = state.only_for("end");
        let ending_id = ending.value("involvement");
        let today = team.today;
        let today_text = today.format("%Y-%m-%d").to_string();
        let (responsible, contact) = (team.responsible, team.contact);
        let members = team.members.clone();
        view! {
            <section class="card" id="betrokkenen" aria-labelledby="team-title">
                <h2 id="team-title">{t(lang, Msg::TeamTitle)}</h2>
                <p class="hint">{t(lang, Msg::TeamIntro)}</p>
                {done.map(|m| view! { <p class="notice" role="status">{t(lang, m)}</p> })}
                {form_message(lang, &top)}
                <ul class="people">
                    {members.into_iter().map(|m| {
                        let period = match m.until {
                            Some(u) => tf(lang, Msg::InvolvedFromTo, &[("from", &long_date(lang, m.since)), ("to", &long_date(lang, u))]),
                            None => tf(lang, Msg::InvolvedSince, &[("from", &long_date(lang, m.since))]),
                        };
                        let mine = ending_id == m.id.to_string();
                        let end_state = if mine { ending.clone() } else { FormState::default() };
                        let until_error = end_state.error_for("until");
                        let until_value = Some(end_state.value("until")).filter(|v| !v.is_empty()).unwrap_or_else(|| today_text.clone());
                        let field = format!("until-{}", m.id);
                        let error_id = format!("{field}-error");
                        let can_mark = team.may_mark && m.running;
                        view! {
                            <li>
                                <p><strong>{m.name.clone()}</strong> " · " {t(lang, role_name(&m.role))}</p>
                                <p class="muted">{m.organisation.clone()} " · " {period}</p>
                                {m.responsible.then(|| view! { <p class="badge">{t(lang, Msg::InvolvedResponsibleNow)}</p> })}
                                {m.contact.then(|| view! { <p class="badge">{t(lang, Msg::InvolvedContactPerson)}</p> })}
                                {(can_mark && !m.responsible).then(|| mark_form(lang, case, &m, "responsible", responsible, Msg::TeamMakeResponsible))}
                                {(can_mark && !m.contact).then(|| mark_form(lang, case, &m, "contact", contact, Msg::TeamMakeContact))}
                                {m.may_end.then(|| view! {
                                    <details open=mine>
                                        <summary>{tf(lang, Msg::TeamEnd, &[("name", &m.name)])}</summary>
                                        <form method="post" action=EndInvolvement::PATH>
                                            <input type="hidden" name="case" value=case.to_string()/>
                                            <input type="hidden" name="involvement" value=m.id.to_string()/>
                                            <div class="field" class:invalid=until_error.is_some()>
                                                <label for=field.clone()>{t(lang, Msg::TeamLastDay)}</label>
                                                <p id=format!("{field}-hint") class="hint">{t(lang, Msg::TeamEndHint)}</p>
                                                <input type="date" id=field.clone() name="until" value=until_value
                                                    aria-describedby=format!("{field}-hint {error_id}") aria-invalid=until_error.is_some().then_some("true")/>
                                                <p id=error_id.clone() class="field-error">{until_error.map(|e| t(lang, e))}</p>
                                            </div>
                                            <button type="submit" class="secondary">{t(lang, Msg::TeamEndSubmit)}</button>
                                        </form>
                                    </details>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <AddForm lang case candidates=team.candidates.clone() today=today_text.clone() state=add_state/>
            </section>
        }
    })
}

/// "Iemand toevoegen": the professional, the role, the first (and perhaps last) day.
#[component]
fn AddForm(
    lang: crate::i18n::Lang,
    case: CaseId,
    candidates: Vec<Candidate>,
    today: String,
    state: FormState,
) -> impl IntoView {
    let open = state.reply.is_some();
    let chosen = state.value("person");
    let chosen_role = state.value("role");
    let since = Some(state.value("since"))
        .filter(|v| !v.is_empty())
        .unwrap_or(today);
    let (person_error, role_error) = (state.error_for("person"), state.error_for("role"));
    let (since_error, until_error) = (state.error_for("since"), state.error_for("until"));
    // The candidates grouped by organisation, in the order the query gave.
    let mut groups: Vec<(String, Vec<Candidate>)> = Vec::new();
    for c in candidates {
        let same = groups.last().is_some_and(|(org, _)| *org == c.organisation);
        match (same, groups.last_mut()) {
            (true, Some((_, list))) => list.push(c),
            _ => groups.push((c.organisation.clone(), vec![c])),
        }
    }
    view! {
        <details class="respond-form" open=open>
            <summary>{t(lang, Msg::TeamAdd)}</summary>
            <form method="post" action=AddInvolvement::PATH>
                {form_message(lang, &state)}
                <input type="hidden" name="case" value=case.to_string()/>
                <div class="field" class:invalid=person_error.is_some()>
                    <label for="team-person">{t(lang, Msg::TeamPerson)}</label>
                    <select id="team-person" name="person" aria-describedby="team-person-error" aria-invalid=person_error.is_some().then_some("true")>
                        <option value="">{t(lang, Msg::TeamChoose)}</option>
                        {groups.into_iter().map(|(org, list)| view! {
                            <optgroup label=org>
                                {list.into_iter().map(|c| {
                                    let id = c.person.to_string();
                                    let selected = chosen == id;
                                    let text = match c.job_title {
                                        Some(j) => format!("{} ({j})", c.name),
                                        None => c.name,
                                    };
                                    view! { <option value=id selected=selected>{text}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                    <p id="team-person-error" class="field-error">{person_error.map(|e| t(lang, e))}</p>
                </div>
                <div class="field" class:invalid=role_error.is_some()>
                    <label for="team-role">{t(lang, Msg::TeamRole)}</label>
                    <select id="team-role" name="role" aria-describedby="team-role-error" aria-invalid=role_error.is_some().then_some("true")>
                        <option value="">{t(lang, Msg::TeamChoose)}</option>
                        {INVOLVEMENT_ROLES.into_iter().map(|r| view! {
                            <option value=r selected=chosen_role == r>{t(lang, role_name(r))}</option>
                        }).collect_view()}
                    </select>
                    <p id="team-role-error" class="field-error">{role_error.map(|e| t(lang, e))}</p>
                </div>
                <div class="field" class:invalid=since_error.is_some()>
                    <label for="team-since">{t(lang, Msg::TeamSince)}</label>
                    <input type="date" id="team-since" name="since" value=since aria-describedby="team-since-error" aria-invalid=since_error.is_some().then_some("true")/>
                    <p id="team-since-error" class="field-error">{since_error.map(|e| t(lang, e))}</p>
                </div>
                <div class="field" class:invalid=until_error.is_some()>
                    <label for="team-until">{t(lang, Msg::TeamUntil)}</label>
                    <p id="team-until-hint" class="hint">{t(lang, Msg::TeamUntilHint)}</p>
                    <input type="date" id="team-until" name="until" value=state.value("until") aria-describedby="team-until-hint team-until-error" aria-invalid=until_error.is_some().then_some("true")/>
                    <p id="team-until-error" class="field-error">{until_error.map(|e| t(lang, e))}</p>
                </div>
                <button type="submit" class="primary">{t(lang, Msg::TeamAddSubmit)}</button>
            </form>
        </details>
    }
}
