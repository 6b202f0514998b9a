//! Addresses, phone numbers and e-mail addresses of the family's members. The professionals of
//! the case record them on the family card (`FamilyCard`), end one that is out of date, and
//! hide one from a named family member with a reason (the shielding every dossier item has).
//! The family reads them on "Wie doen er mee?", in the download and in the print view, all
//! through `involved_of` and so through the one visibility rule.
use crate::domain::{contact::ContactKind, CaseId, PersonId};
use crate::{
    components::fields::{form_message, LineField, SelectField},
    error::AppError,
    forms::{FormReply, FormState},
    i18n::{t, tf, tj, Lang, Msg},
};
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const CONTACT_FORM: &str = "contact";

/// A contact detail as the professionals of the case see it, with whom it is hidden from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: Uuid,
    pub kind: String,
    pub value: String,
    /// (name, reason) of each family member it is hidden from.
    pub hidden_from: Vec<(String, String)>,
}

/// One family member's details as a family member (or their confidant) may read them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberContacts {
    pub name: String,
    pub relation: String,
    /// (kind, value).
    pub details: Vec<(String, String)>,
}

/// Records a contact detail of a family member, hidden from one other member when
/// `hide_from` names one (then with a reason).
#[server(prefix = "/api", endpoint = "add_contact_detail")]
pub async fn add_contact_detail(
    case: CaseId,
    #[server(default)] person: String,
    #[server(default)] kind: String,
    #[server(default)] value: String,
    #[server(default)] hide_from: String,
    #[server(default)] reason: String,
) -> Result<FormReply, AppError> {
    let form = ssr_types::ContactForm {
        person,
        kind,
        value,
        hide_from,
        reason,
    };
    crate::error::respond(ssr::add(case, form).await)
}

/// Ends a contact detail that is out of date (moved, a new number).
#[server(prefix = "/api", endpoint = "end_contact_detail")]
pub async fn end_contact_detail(case: CaseId, detail: Uuid) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::end(case, detail).await)
}

/// Hides a recorded contact detail from one family member, with a reason.
#[server(prefix = "/api", endpoint = "shield_contact_detail")]
pub async fn shield_contact_detail(
    case: CaseId,
    detail: Uuid,
    #[server(default)] person: String,
    #[server(default)] reason: String,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::shield(case, detail, person, reason).await)
}

pub mod ssr_types {
    /// The "add a contact detail" form as typed.
    #[derive(Clone, Debug, Default)]
    pub struct ContactForm {
        pub person: String,
        pub kind: String,
        pub value: String,
        pub hide_from: String,
        pub reason: String,
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr;

/// A contact detail's text: an address as written, a number as a link to call, an e-mail
/// address as a link to write.
fn detail_text(lang: Lang, kind: &str, value: String) -> impl IntoView {
    let label = ContactKind::parse(kind).map(|k| t(lang, k.label()));
    let href = match kind {
        "phone" => Some(format!("tel:{}", value.replace([' ', '-'], ""))),
        "email" => Some(format!("mailto:{value}")),
        _ => None,
    };
    view! {
        {label.map(|l| format!("{l}: "))}
        {match href {
            Some(href) => leptos::either::Either::Left(view! { <a href=href>{value}</a> }),
            None => leptos::either::Either::Right(value),
        }}
    }
}

/// The family's addresses and numbers on "Wie doen er mee?" (and in the print view).
#[component]
pub fn FamilyContacts(lang: Lang, members: Vec<MemberContacts>, young: bool) -> impl IntoView {
    (!members.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="family-contacts-title">
                <h2 id="family-contacts-title">{tj(lang, Msg::HouseholdDetailsTitle, young)}</h2>
                <ul class="people">
                    {members.into_iter().map(|m| view! {
                        <li>
                            <p><strong>{m.name}</strong>" ("{t(lang, super::open_case::relation_name(&m.relation))}")"</p>
                            {m.details.into_iter().map(|(kind, value)| view! {
                                <p>{detail_text(lang, &kind, value)}</p>
                            }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
                <p class="muted">{tj(lang, Msg::HouseholdDetailsWrong, young)}</p>
            </section>
        }
    })
}

/// One member's details on the professional's family card: each with who it is hidden from,
/// a form to hide it from another member, and one to end it.
#[component]
pub fn MemberDetails(
    lang: Lang,
    case: CaseId,
    person: PersonId,
    details: Vec<ContactView>,
    /// (person, name) of every member of the family.
    members: Vec<(PersonId, String)>,
    state: FormState,
) -> impl IntoView {
    view! {
        <ul class="contact-details">
            {details.into_iter().map(|d| {
                let form_name = format!("shield:{}", d.id);
                let mine = state.only_for(&form_name);
                let open = mine.failed();
                let others: Vec<(String, String)> = members.iter()
                    .filter(|(p, _)| *p != person)
                    .map(|(p, n)| (p.to_string(), n.clone()))
                    .collect();
                let field = |f: &str| format!("{f}-{}", d.id);
                view! {
                    <li>
                        <p>{detail_text(lang, &d.kind, d.value)}</p>
                        {d.hidden_from.into_iter().map(|(name, reason)| view! {
                            <p class="muted">{tf(lang, Msg::DetailHiddenFrom, &[("name", &name), ("reason", &reason)])}</p>
                        }).collect_view()}
                        <details class="respond-form" open=open>
                            <summary>{t(lang, Msg::DetailHide)}</summary>
                            <form method="post" action=ShieldContactDetail::PATH>
                                {form_message(lang, &mine)}
                                <input type="hidden" name="case" value=case.to_string()/>
                                <input type="hidden" name="detail" value=d.id.to_string()/>
                                <input type="hidden" name="form" value=form_name/>
                                <SelectField lang id=field("hide") name="person" label=Msg::ShieldFrom hint=None
                                    empty=Msg::TeamChoose options=others value=mine.value("person") error=mine.error_for("person")/>
                                <LineField lang id=field("hide-reason") name="reason".to_string() label=Msg::ShieldReason
                                    hint=Some(Msg::ShieldReasonHint) value=mine.value("reason") error=mine.error_for("reason")/>
                                <button type="submit" class="secondary">{t(lang, Msg::ShieldSubmit)}</button>
                            </form>
                        </details>
                        <form method="post" action=EndContactDetail::PATH class="inline">
                            <input type="hidden" name="case" value=case.to_string()/>
                            <input type="hidden" name="detail" value=d.id.to_string()/>
                            <button type="submit" class="link">{t(lang, Msg::DetailEnd)}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The form that records a contact detail of one of the family's members.
#[component]
pub fn AddContactForm(
    lang: Lang,
    case: CaseId,
    members: Vec<(PersonId, String)>,
    state: FormState,
) -> impl IntoView {
    let mine = state.only_for("add");
    let people: Vec<(String, String)> = members
        .iter()
        .map(|(p, n)| (p.to_string(), n.clone()))
        .collect();
    let kinds: Vec<(String, String)> = ContactKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), t(lang, k.label()).to_string()))
        .collect();
    view! {
        <details class="respond-form" open=mine.failed()>
            <summary>{t(lang, Msg::DetailAdd)}</summary>
            <form method="post" action=AddContactDetail::PATH>
                {form_message(lang, &mine)}
                <input type="hidden" name="case" value=case.to_string()/>
                <input type="hidden" name="form" value="add"/>
                <SelectField lang id="contact-person".to_string() name="person" label=Msg::DetailWhose hint=None
                    empty=Msg::TeamChoose options=people.clone() value=mine.value("person") error=mine.error_for("person")/>
                <SelectField lang id="contact-kind".to_string() name="kind" label=Msg::DetailKindLabel hint=None
                    empty=Msg::TeamChoose options=kinds value=mine.value("kind") error=mine.error_for("kind")/>
                <LineField lang id="contact-value".to_string() name="value".to_string() label=Msg::DetailValue
                    hint=Some(Msg::DetailValueHint) value=mine.value("value") error=mine.error_for("value")/>
                <SelectField lang id="contact-hide".to_string() name="hide_from" label=Msg::DetailHideFrom
                    hint=Some(Msg::DetailHideFromHint) empty=Msg::DetailHideNobody options=people
                    value=mine.value("hide_from") error=mine.error_for("hide_from")/>
                <LineField lang id="contact-reason".to_string() name="reason".to_string() label=Msg::ShieldReason
                    hint=Some(Msg::ShieldReasonHint) value=mine.value("reason") error=mine.error_for("reason")/>
                <button type="submit" class="primary">{t(lang, Msg::DetailAddSubmit)}</button>
            </form>
        </details>
    }
}
