//! "Een zaak openen": a professional opens a case for a family that is new to their
//! organisation — how the family wants to be addressed, the organisation's own case number,
//! the first member, who reported the concern (and whether the family may know), and the phase
//! it starts in. The opener is responsible now and the family's contact person; further members
//! are added on the case page (`pages::family::FamilyCard`). Before a second family is made, the
//! organisation's cases are searched for someone of the same name and birth date.
use crate::{
    components::fields::{form_message, LineField},
    domain::{CaseId, PhaseCode},
    error::AppError,
    forms::{take_flash, FormReply, FormState},
    i18n::{t, tf, use_lang, Lang, Msg},
};
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const OPEN_FORM: &str = "open_case";
pub const MEMBER_FORM: &str = "member";

/// The relations a family member can have (`family_members.relation`).
pub const RELATIONS: [&str; 5] = ["mother", "father", "carer", "foster_parent", "child"];

/// What the form offers: the phases the reader's organisation leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenChoices {
    pub phases: Vec<PhaseCode>,
    pub today: chrono::NaiveDate,
}

#[server(prefix = "/api", endpoint = "open_case_choices")]
pub async fn load_choices() -> Result<OpenChoices, AppError> {
    crate::error::respond(ssr::choices().await)
}

/// Opens the case. The form's fields are posted flat (`family`, `reference`, …, and
/// `member[given]` etc.); unchosen selects, radio groups and checkboxes send nothing: a
/// message at the field (or "no"), not a malformed request.
#[server(prefix = "/api", endpoint = "open_case")]
pub async fn open_case(
    #[server(flatten)] form: ssr_types::OpenForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::open(form).await)
}

/// Adds a member to the family of a case.
#[server(prefix = "/api", endpoint = "add_member")]
pub async fn add_member(
    case: CaseId,
    #[server(default)] member: ssr_types::MemberForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::add_member(case, member).await)
}

pub mod ssr_types {
    use serde::{Deserialize, Serialize};

    /// One family member as typed (the fields `given`, `family_name`, `relation`, `birth`,
    /// `authority`).
    /// The opening form as typed: every field is text, so a half-filled form comes back with
    /// what was typed and a message at the field.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct OpenForm {
        pub family: String,
        /// The organisation's own case number.
        pub reference: String,
        pub phase: String,
        pub reporter_kind: String,
        pub reporter: String,
        /// "yes": the family may know who reported.
        pub disclosed: String,
        pub member: MemberForm,
        /// "yes": a case with a member of the same name and birth date is another family.
        pub confirm_new: String,
    }

    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct MemberForm {
        pub given: String,
        pub family_name: String,
        pub relation: String,
        pub birth: String,
        pub authority: String,
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr;

/// The member fields, shared by the opening form and the case page's "add a member" form.
/// Field names are `member[given]` etc. (one struct argument of the server function).
pub fn member_fields(lang: Lang, prefix: &'static str, state: &FormState) -> impl IntoView {
    let id = move |f: &str| format!("{prefix}-{f}");
    let value = |f: &str| state.value(&format!("member[{f}]"));
    let error = |f: &str| state.error_for(&format!("member[{f}]"));
    let relation = value("relation");
    let text = |f: &str, label: Msg, hint: Option<Msg>, kind: &'static str| {
        view! { <LineField lang id=id(f) name=format!("member[{f}]") label hint value=value(f) error=error(f) kind/> }
    };
    let relation_error = error("relation");
    let authority_checked = value("authority") == "yes";
    view! {
        {text("given", Msg::MemberGiven, None, "text")}
        {text("family_name", Msg::MemberFamilyName, None, "text")}
        <div class="field" class:invalid=relation_error.is_some()>
            <label for=id("relation")>{t(lang, Msg::MemberRelation)}</label>
            <select id=id("relation") name="member[relation]" aria-describedby=id("relation-error") aria-invalid=relation_error.is_some().then_some("true")>
                <option value="">{t(lang, Msg::TeamChoose)}</option>
                {RELATIONS.into_iter().map(|r| view! {
                    <option value=r selected=relation == r>{t(lang, relation_name(r))}</option>
                }).collect_view()}
            </select>
            <p id=id("relation-error") class="field-error">{relation_error.map(|m| t(lang, m))}</p>
        </div>
        {text("birth", Msg::MemberBirth, Some(Msg::MemberBirthHint), "date")}
        <div class="choice">
            <input type="checkbox" id=id("authority") name="member[authority]" value="yes" checked=authority_checked/>
            <label for=id("authority")>{t(lang, Msg::MemberAuthority)}</label>
        </div>
    }
}

/// A relation in plain words.
pub fn relation_name(relation: &str) -> Msg {
    match relation {
        "mother" => Msg::RelationMother,
        "father" => Msg::RelationFather,
        "carer" => Msg::RelationCarer,
        "foster_parent" => Msg::RelationFosterParent,
        _ => Msg::RelationChild,
    }
}

#[component]
pub fn OpenCasePage() -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(OPEN_FORM);
    let data = Resource::new_blocking(|| (), |_| load_choices());
    super::loaded(data, move |choices: OpenChoices| {
        let value = |f: &str| state.value(f);
        let err = |f: &str| state.error_for(f);
        let chosen_phase = value("phase");
        let kind = value("reporter_kind");
        let duplicate = state
            .reply
            .as_ref()
            .filter(|r| !r.ok)
            .and_then(|r| r.detail.clone());
        let line = |id: &str, name: &str, label: Msg, hint: Option<Msg>| {
            view! { <LineField lang id=id.to_string() name=name.to_string() label hint value=value(name) error=err(name)/> }
        };
        let (phase_error, kind_error) = (err("phase"), err("reporter_kind"));
        view! {
            <section class="card" aria-labelledby="open-title">
                <h1 id="open-title">{t(lang, Msg::OpenTitle)}</h1>
                <p>{t(lang, Msg::OpenIntro)}</p>
                <form method="post" action=OpenCase::PATH>
                    {form_message(lang, &state)}
                    {duplicate.map(|reference| view! {
                        <div class="field">
                            <p class="form-error">{tf(lang, Msg::OpenDuplicate, &[("reference", &reference)])}</p>
                            <div class="choice">
                                <input type="checkbox" id="open-confirm-new" name="confirm_new" value="yes"/>
                                <label for="open-confirm-new">{t(lang, Msg::OpenConfirmNew)}</label>
                            </div>
                        </div>
                    })}
                    <fieldset>
                        <legend>{t(lang, Msg::OpenCaseLegend)}</legend>
                        {line("open-family", "family", Msg::OpenFamily, Some(Msg::OpenFamilyHint))}
                        {line("open-reference", "reference", Msg::OpenReference, Some(Msg::OpenReferenceHint))}
                        <div class="field" class:invalid=phase_error.is_some()>
                            <label for="open-phase">{t(lang, Msg::OpenPhase)}</label>
                            <select id="open-phase" name="phase" aria-describedby="open-phase-error" aria-invalid=phase_error.is_some().then_some("true")>
                                {choices.phases.iter().map(|p| view! {
                                    <option value=p.code() selected=chosen_phase == p.code()>{t(lang, p.name())}</option>
                                }).collect_view()}
                            </select>
                            <p id="open-phase-error" class="field-error">{phase_error.map(|m| t(lang, m))}</p>
                        </div>
                    </fieldset>
                    <fieldset>
                        <legend>{t(lang, Msg::OpenFirstMember)}</legend>
                        {member_fields(lang, "open-member", &state)}
                    </fieldset>
                    <fieldset>
                        <legend>{t(lang, Msg::OpenReporterLegend)}</legend>
                        <fieldset class="field" class:invalid=kind_error.is_some() aria-describedby="open-reporter-kind-error">
                            <legend>{t(lang, Msg::OpenReporterKind)}</legend>
                            {[("professional", Msg::ReporterProfessional), ("bystander", Msg::ReporterBystander), ("anonymous", Msg::ReporterAnonymous)].into_iter().map(|(code, label)| {
                                let rid = format!("open-reporter-{code}");
                                view! {
                                    <div class="choice">
                                        <input type="radio" id=rid.clone() name="reporter_kind" value=code checked=kind == code/>
                                        <label for=rid>{t(lang, label)}</label>
                                    </div>
                                }
                            }).collect_view()}
                            <p id="open-reporter-kind-error" class="field-error">{kind_error.map(|m| t(lang, m))}</p>
                        </fieldset>
                        {line("open-reporter", "reporter", Msg::OpenReporter, Some(Msg::OpenReporterHint))}
                        <div class="choice">
                            <input type="checkbox" id="open-disclosed" name="disclosed" value="yes" checked=value("disclosed") == "yes"/>
                            <label for="open-disclosed">{t(lang, Msg::OpenDisclosed)}</label>
                        </div>
                    </fieldset>
                    <button type="submit" class="primary">{t(lang, Msg::OpenSubmit)}</button>
                </form>
            </section>
        }
    })
}
