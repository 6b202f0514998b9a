//! "Wie zijn er betrokken?": the professionals and organisations working on the case (role in
//! plain words, since and until when, how to reach them) and the people who were asked about
//! the family for the reports (informants): who, when, about what.
use crate::domain::CaseId;
use crate::{
    components::{case_nav::CaseNav, dates::long_date, people::role_name, term::Term},
    error::AppError,
    i18n::{t, tf, tj, use_lang, Msg},
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvolvedPerson {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub phone: String,
    pub office_hours: String,
    pub out_of_hours_phone: Option<String>,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub responsible_now: bool,
    pub contact_person: bool,
}

impl InvolvedPerson {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.until.is_none_or(|u| u >= today)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformantView {
    pub who: String,
    pub relation: String,
    pub organisation: Option<String>,
    pub date: NaiveDate,
    pub topic: String,
    pub with_consent: bool,
    /// Asked without consent: the legal ground the professional named.
    pub legal_ground: Option<String>,
    pub asked_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Involved {
    pub case_id: CaseId,
    pub today: NaiveDate,
    pub people: Vec<InvolvedPerson>,
    pub informants: Vec<InformantView>,
    /// The family's addresses and numbers the reader may see.
    pub family: Vec<super::contact_details::MemberContacts>,
    /// The reader is a young person: addressed with "je".
    pub for_child: bool,
}

#[server(prefix = "/api", endpoint = "involved")]
pub async fn load_involved(case: Option<CaseId>) -> Result<Involved, AppError> {
    crate::error::respond(build_involved(case).await)
}

#[cfg(feature = "ssr")]
pub(crate) async fn involved_of(
    db: &crate::backend::Db,
    grant: &crate::backend::policy::CaseGrant,
    seen: &crate::backend::visibility::Visibility,
) -> Result<Involved, AppError> {
    use crate::backend::{store::people, time, visibility::Item};
    let people = people::involved(db, grant.case_id).await?;
    let informants = people::informants(db, grant.case_id).await?;
    let family = super::contact_details::ssr::for_reader(db, grant, seen).await?;
    Ok(Involved {
        family,
        for_child: matches!(grant.viewer, crate::backend::policy::Viewer::Child { .. }),
        case_id: grant.case_id,
        today: time::today(),
        people: people
            .into_iter()
            .filter(|p| seen.shows(&Item::essential(p.id)))
            .map(|p| InvolvedPerson {
                name: format!("{} {}", p.given_name, p.family_name),
                role: p.role,
                organisation: p.organisation,
                phone: p.phone,
                office_hours: p.office_hours,
                out_of_hours_phone: p.out_of_hours_phone,
                since: p.since,
                until: p.until,
                responsible_now: p.is_responsible_now,
                contact_person: p.is_contact_person,
            })
            .collect(),
        informants: informants
            .into_iter()
            .filter(|i| seen.shows(&Item::informant(i.id, i.concerns_person_id)))
            .map(|i| InformantView {
                who: i.name_or_role,
                relation: i.relation,
                organisation: i.organisation,
                date: time::local_date(i.contacted_at),
                topic: i.topic,
                with_consent: i.consent_basis == "with_consent",
                legal_ground: i.legal_ground,
                asked_by: i.collected_by,
            })
            .collect(),
    })
}

#[cfg(feature = "ssr")]
async fn build_involved(case: Option<CaseId>) -> Result<Involved, AppError> {
    use crate::backend::{ctx, visibility::Visibility};
    let ctx::Granted { ctx, actor, grant } = ctx::read_dossier(case).await?;
    let db = &ctx.backend.db;
    let seen = Visibility::of(db, &grant).await?;
    let view = involved_of(db, &grant, &seen).await?;
    let event = ctx
        .event(&actor, "read", "involved")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(view)
}

#[component]
pub fn InvolvedPage() -> impl IntoView {
    // From "Klopt dit niet?" in the access log: what to say, until Helder carries messages.
    // The address carries no name or date (nothing typed elsewhere is echoed here).
    let unknown = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("vraag").as_deref() == Some("onbekend"));
    let lang = use_lang();
    let young = super::session::is_young();
    view! {
        {unknown.then(|| view! { <p class="card hints" role="status">{tj(lang, Msg::InvolvedUnknown, young)}</p> })}
        <InvolvedOf case=None/>
    }
}

/// Loads and shows who is involved in a case (the reader's own when `case` is `None`).
#[component]
pub fn InvolvedOf(case: Option<CaseId>) -> impl IntoView {
    let data = Resource::new_blocking(move || case, load_involved);
    super::loaded(data, move |view: Involved| {
        view! {
            {case.map(|id| view! { <CaseNav case=id/> })}
            <InvolvedList view/>
        }
    })
}

/// The people and the informants of a case (also used by the print view).
#[component]
pub fn InvolvedList(view: Involved) -> impl IntoView {
    let lang = use_lang();
    let today = view.today;
    let young = view.for_child;
    let (current, past): (Vec<_>, Vec<_>) =
        view.people.into_iter().partition(|p| p.is_current(today));
    let person = move |p: InvolvedPerson| {
        let period = match p.until {
            Some(until) => tf(
                lang,
                Msg::InvolvedFromTo,
                &[
                    ("from", &long_date(lang, p.since)),
                    ("to", &long_date(lang, until)),
                ],
            ),
            None => tf(
                lang,
                Msg::InvolvedSince,
                &[("from", &long_date(lang, p.since))],
            ),
        };
        let tel = format!("tel:{}", p.phone.replace([' ', '-'], ""));
        view! {
            <li class="person">
                <p class="person-name"><strong>{p.name}</strong>
                    {p.contact_person.then(|| view! { <span class="badge">{t(lang, Msg::InvolvedContactPerson)}</span> })}
                    {p.responsible_now.then(|| view! { <span class="badge strong">{t(lang, Msg::InvolvedResponsibleNow)}</span> })}
                </p>
                <p><Term msg=role_name(&p.role)/> " — " {p.organisation}</p>
                <p class="muted">{period}</p>
                <p><a href=tel>{tf(lang, Msg::CallNumber, &[("number", &p.phone)])}</a> " · " <span class="muted">{p.office_hours}</span></p>
                {p.out_of_hours_phone.map(|n| view! { <p class="muted">{tf(lang, Msg::InvolvedOutOfHours, &[("number", &n)])}</p> })}
            </li>
        }
    };
    let informants = view.informants;
    let family = view.family;
    view! {
        <section class="card" aria-labelledby="involved-title">
            <h1 id="involved-title">{t(lang, Msg::InvolvedTitle)}</h1>
            <p>{tj(lang, Msg::InvolvedIntro, young)}</p>
            <p class="muted">{tj(lang, Msg::InvolvedRolesNote, young)}</p>
            <ul class="people">{current.into_iter().map(person).collect_view()}</ul>
            {(!past.is_empty()).then(|| view! {
                <h2>{t(lang, Msg::InvolvedPast)}</h2>
                <ul class="people past">{past.into_iter().map(person).collect_view()}</ul>
            })}
        </section>
        <section class="card" aria-labelledby="informants-title">
            <h2 id="informants-title">{tj(lang, Msg::InformantsTitle, young)}</h2>
            <p>{tj(lang, Msg::InformantsIntro, young)}</p>
            {informants.is_empty().then(|| view! { <p>{tj(lang, Msg::InformantsNone, young)}</p> })}
            <ul class="informants">
                {informants.into_iter().map(|i| view! {
                    <li>
                        <p><strong>{i.who}</strong>{i.organisation.map(|o| format!(" ({o})"))}</p>
                        <p>{tf(lang, Msg::InformantAbout, &[("topic", &i.topic)])}</p>
                        <p class="muted">{tf(lang, Msg::InformantWhen, &[("date", &long_date(lang, i.date)), ("who", &i.asked_by)])}</p>
                        <p class="muted">{tj(lang, if i.with_consent { Msg::InformantWithConsent } else { Msg::InformantWithoutConsent }, young)}</p>
                        {i.legal_ground.filter(|_| !i.with_consent).map(|g| view! { <p class="muted">{tf(lang, Msg::InformantGround, &[("ground", &g)])}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <super::contact_details::FamilyContacts lang members=family young/>
    }
}
