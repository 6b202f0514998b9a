//! "Wie is er gevraagd?": a professional of the case records someone they asked about the
//! family — who (a name or a role), their organisation and relation, when, about what and about
//! whom, and whether it was with the family's consent or, without it, on what legal ground.
//! The family reads it on "Wie zijn er betrokken?" through the visibility rule (an informant
//! about one child follows that child's items), and a report's informant statements can
//! point at it.
use crate::{
    components::{
        dates::long_date,
        fields::{form_message, LineField, TextField},
    },
    domain::{CaseId, PersonId},
    error::AppError,
    forms::{take_flash, FormReply},
    i18n::{t, tf, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::{prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

pub const INFORMANT_FORM: &str = "informant";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedLine {
    pub who: String,
    pub organisation: Option<String>,
    pub date: NaiveDate,
    pub topic: String,
    /// Whom it was about (`None`: the whole family).
    pub about: Option<String>,
    pub with_consent: bool,
    pub asked_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub case_id: CaseId,
    pub today: NaiveDate,
    /// The family's members, to say whom it was about.
    pub members: Vec<(PersonId, String)>,
    pub list: Vec<AskedLine>,
}

#[server(prefix = "/api", endpoint = "case_informants")]
pub async fn load_asked(case: CaseId) -> Result<Asked, AppError> {
    crate::error::respond(ssr::asked(case).await)
}

/// An informant as typed: every field is text, so a half-filled form comes back with what was
/// typed and a message at the field (radio groups with nothing chosen and empty selects send
/// nothing, which reads as empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InformantForm {
    pub who: String,
    pub organisation: String,
    pub relation: String,
    pub date: String,
    pub topic: String,
    pub about: String,
    pub consent: String,
    pub ground: String,
}

/// Records an informant. The form's fields are posted flat (`who`, `relation`, …).
#[server(prefix = "/api", endpoint = "add_informant")]
pub async fn add_informant(
    case: CaseId,
    #[server(flatten)] form: InformantForm,
) -> Result<FormReply, AppError> {
    crate::error::respond(ssr::add(case, form).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::{
        backend::{
            change::change,
            ctx,
            policy::{Action, Resource},
            store::{accounts, people},
            time,
        },
        forms::{check_length, LINE, TEXT},
    };

    async fn members(
        db: &crate::backend::Db,
        case: CaseId,
    ) -> Result<Vec<(PersonId, String)>, AppError> {
        Ok(accounts::family_members(db, case)
            .await?
            .into_iter()
            .map(|m| (m.person_id, format!("{} {}", m.given_name, m.family_name)))
            .collect())
    }

    pub async fn asked(case: CaseId) -> Result<Asked, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::RecordInformant, Resource::Case(case)).await?;
        let db = &ctx.backend.db;
        let members = members(db, grant.case_id).await?;
        let list = people::informants(db, grant.case_id)
            .await?
            .into_iter()
            .map(|i| AskedLine {
                about: i.concerns_person_id.and_then(|p| {
                    members
                        .iter()
                        .find(|(id, _)| *id == p)
                        .map(|(_, n)| n.clone())
                }),
                who: i.name_or_role,
                organisation: i.organisation,
                date: time::local_date(i.contacted_at),
                topic: i.topic,
                with_consent: i.consent_basis == "with_consent",
                asked_by: i.collected_by,
            })
            .collect();
        let event = ctx
            .event(&actor, "read", "informant")
            .case(&grant)
            .on(grant.case_id);
        ctx.backend.audit.record(event).await?;
        Ok(Asked {
            case_id: grant.case_id,
            today: time::today(),
            members,
            list,
        })
    }

    /// The one check of an informant as typed, for the case page and the import API alike:
    /// what to record (asked by `collected_by`), and the messages at its fields.
    pub(crate) fn check(
        f: &InformantForm,
        members: &[PersonId],
        case: CaseId,
        collected_by: PersonId,
        today: NaiveDate,
    ) -> (Option<people::NewInformant>, FormReply) {
        let mut reply = FormReply::success(Msg::AskedSaved);
        for (field, text, required) in [
            ("who", &f.who, true),
            ("organisation", &f.organisation, false),
            ("relation", &f.relation, true),
        ] {
            if let Some(m) = check_length(text, required, LINE) {
                reply = reply.field(field, m);
            }
        }
        let day = match NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                reply = reply.field("date", Msg::FbDateFuture);
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                reply = reply.field("date", Msg::FbDateInvalid);
                None
            }
        };
        if let Some(m) = check_length(&f.topic, true, TEXT) {
            reply = reply.field("topic", m);
        }
        // About the whole family, or about one of its members (nobody else's).
        let about = if f.about.trim().is_empty() {
            None
        } else {
            let found = f
                .about
                .trim()
                .parse::<PersonId>()
                .ok()
                .filter(|p| members.contains(p));
            if found.is_none() {
                reply = reply.field("about", Msg::AskedAboutUnknown);
            }
            found
        };
        let ground = match f.consent.as_str() {
            "with" => None,
            "without" => {
                if let Some(m) = check_length(&f.ground, true, LINE) {
                    reply = reply.field("ground", m);
                }
                Some(f.ground.trim().to_string())
            }
            _ => {
                reply = reply.field("consent", Msg::AskedConsentRequired);
                None
            }
        };
        let (Some(day), true) = (day, reply.ok) else {
            return (None, reply);
        };
        let id = uuid::Uuid::new_v4();
        let organisation = Some(f.organisation.trim().to_string()).filter(|o| !o.is_empty());
        let new = people::NewInformant {
            id,
            case_id: case,
            collected_by,
            name_or_role: f.who.trim().to_string(),
            organisation,
            relation: f.relation.trim().to_string(),
            // A conversation of an earlier day at midday; today's now.
            contacted_at: if day == today {
                time::now()
            } else {
                time::local_instant(
                    day,
                    chrono::NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
                )
            },
            topic: f.topic.trim().to_string(),
            concerns: about,
            legal_ground: ground,
        };
        (Some(new), reply)
    }

    pub async fn add(case: CaseId, f: InformantForm) -> Result<FormReply, AppError> {
        let ctx::Granted { ctx, actor, grant } =
            ctx::authorize_case(Action::RecordInformant, Resource::Case(case)).await?;
        let db = ctx.backend.db.clone();
        let back = format!("/zaken/{case}#gevraagd");
        let values = crate::forms::typed(&[
            ("who", &f.who),
            ("organisation", &f.organisation),
            ("relation", &f.relation),
            ("date", &f.date),
            ("topic", &f.topic),
            ("about", &f.about),
            ("consent", &f.consent),
            ("ground", &f.ground),
        ]);
        let members: Vec<PersonId> = members(&db, grant.case_id)
            .await?
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        let (new, reply) = check(&f, &members, grant.case_id, actor.person_id, time::today());
        let Some(new) = new else {
            return crate::forms::finish(INFORMANT_FORM, &back, values, reply).await;
        };
        let (id, about) = (new.id, new.concerns);
        let mut event = ctx
            .event(&actor, "add_informant", "informant")
            .case(&grant)
            .on(id);
        // The family's access log shows the entry to whom the informant shows.
        event.concerns_person_id = about;
        change(&db, event, move |tx| {
            let new = new.clone();
            Box::pin(async move { people::add_informant(tx, &new).await })
        })
        .await?;
        crate::forms::finish(INFORMANT_FORM, &back, Vec::new(), reply).await
    }
}

/// The card on a professional's case page.
#[component]
pub fn AskedCard(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let state = take_flash(INFORMANT_FORM);
    let data = Resource::new_blocking(move || case, load_asked);
    super::loaded(data, move |asked: Asked| {
        let done = state.confirmation();
        let failed = state.failed();
        let err = |f: &str| state.error_for(f);
        let today = asked.today.format("%Y-%m-%d").to_string();
        let date_value = Some(state.value("date"))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| today.clone());
        let about = state.value("about");
        let consent = state.value("consent");
        let line = |id: &str, name: &str, label: Msg, hint: Option<Msg>| {
            view! { <LineField lang id=id.to_string() name=name.to_string() label hint value=state.value(name) error=err(name)/> }
        };
        let (date_error, about_error) = (err("date"), err("about"));
        let consent_error = err("consent");
        view! {
            <section class="card" id="gevraagd" aria-labelledby="asked-title">
                <h2 id="asked-title">{t(lang, Msg::AskedTitle)}</h2>
                {done.map(|m| view! { <p class="notice" role="status">{t(lang, m)}</p> })}
                {asked.list.is_empty().then(|| view! { <p>{t(lang, Msg::AskedNone)}</p> })}
                <ul class="informants">
                    {asked.list.iter().map(|i| view! {
                        <li>
                            <p><strong>{i.who.clone()}</strong>{i.organisation.clone().map(|o| format!(" ({o})"))}</p>
                            <p>{tf(lang, Msg::InformantAbout, &[("topic", &i.topic)])}</p>
                            <p class="muted">{tf(lang, Msg::AskedLine, &[
                                ("date", &long_date(lang, i.date)),
                                ("who", &i.asked_by),
                                ("about", i.about.as_deref().unwrap_or(t(lang, Msg::AskedAboutFamily))),
                            ])}</p>
                            <p class="muted">{t(lang, if i.with_consent { Msg::AskedWith } else { Msg::AskedWithout })}</p>
                        </li>
                    }).collect_view()}
                </ul>
                <details class="respond-form" open=failed>
                    <summary>{t(lang, Msg::AskedRecord)}</summary>
                    <form method="post" action=AddInformant::PATH>
                        {form_message(lang, &state)}
                        <input type="hidden" name="case" value=asked.case_id.to_string()/>
                        {line("asked-who", "who", Msg::AskedWho, Some(Msg::AskedWhoHint))}
                        {line("asked-organisation", "organisation", Msg::AskedOrganisation, None)}
                        {line("asked-relation", "relation", Msg::AskedRelation, Some(Msg::AskedRelationHint))}
                        <div class="field" class:invalid=date_error.is_some()>
                            <label for="asked-date">{t(lang, Msg::AskedDate)}</label>
                            <input type="date" id="asked-date" name="date" value=date_value max=today.clone()
                                aria-describedby="asked-date-error" aria-invalid=date_error.is_some().then_some("true")/>
                            <p id="asked-date-error" class="field-error">{date_error.map(|m| t(lang, m))}</p>
                        </div>
                        <TextField lang id="asked-topic".to_string() name="topic" label=Msg::AskedTopic hint=None value=state.value("topic") error=err("topic") required=true/>
                        <div class="field" class:invalid=about_error.is_some()>
                            <label for="asked-about">{t(lang, Msg::AskedAbout)}</label>
                            <select id="asked-about" name="about" aria-describedby="asked-about-error" aria-invalid=about_error.is_some().then_some("true")>
                                <option value="">{t(lang, Msg::AskedAboutFamily)}</option>
                                {asked.members.iter().map(|(id, name)| {
                                    let id = id.to_string();
                                    view! { <option value=id.clone() selected=about == id>{name.clone()}</option> }
                                }).collect_view()}
                            </select>
                            <p id="asked-about-error" class="field-error">{about_error.map(|m| t(lang, m))}</p>
                        </div>
                        <fieldset class="field" class:invalid=consent_error.is_some() aria-describedby="asked-consent-error">
                            <legend>{t(lang, Msg::AskedConsent)}</legend>
                            <div class="choice">
                                <input type="radio" id="asked-consent-with" name="consent" value="with" checked=consent == "with"/>
                                <label for="asked-consent-with">{t(lang, Msg::AskedWith)}</label>
                            </div>
                            <div class="choice">
                                <input type="radio" id="asked-consent-without" name="consent" value="without" checked=consent == "without"/>
                                <label for="asked-consent-without">{t(lang, Msg::AskedWithout)}</label>
                            </div>
                            <p id="asked-consent-error" class="field-error">{consent_error.map(|m| t(lang, m))}</p>
                        </fieldset>
                        {line("asked-ground", "ground", Msg::AskedGround, Some(Msg::AskedGroundHint))}
                        <button type="submit" class="primary">{t(lang, Msg::AskedSubmit)}</button>
                    </form>
                </details>
            </section>
        }
    })
}
