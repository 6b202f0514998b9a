//! "Mijn rechten": the rights that hold for the reader now — for the case's current phase,
//! their age (12+, 16+) and whether they have parental authority — each with what it means,
//! how to use it (in Helder or outside it) and its deadline. The texts live in the database
//! (migrations 0004 and 0012), in both languages, with wording addressed to young people
//! ('nl-jong', 'en-young'; the general text when a right has none). A complaint right stays
//! listed for its term after its phase ended (`after_phase_days`).
use crate::{
    components::term::Term,
    domain::PhaseCode,
    error::AppError,
    i18n::{t, tj, use_lang, Msg},
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightView {
    pub code: String,
    pub title: String,
    pub meaning: String,
    pub how_to: String,
    pub deadline: Option<String>,
    pub legal_basis: String,
    /// Where in Helder the right is used, if it is.
    pub in_helder: Option<(String, Msg)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsView {
    pub phase: Option<PhaseCode>,
    pub for_child: bool,
    pub rights: Vec<RightView>,
}

/// Who is reading, as far as the catalogue cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Parent { has_authority: bool },
    Child { age: u32 },
}

/// Does a catalogue right hold for this reader in this phase?
pub fn applies(
    phases: &str,
    holder_kind: &str,
    min_age: Option<i32>,
    max_age: Option<i32>,
    requires_authority: bool,
    phase: Option<&str>,
    reader: Holder,
) -> bool {
    let in_phase = phases.split_whitespace().any(|p| {
        p == "*"
            || phase.is_some_and(|ph| {
                if p.ends_with('_') {
                    ph.starts_with(p)
                } else {
                    ph == p
                }
            })
    });
    let holds = match reader {
        Holder::Parent { has_authority } => {
            holder_kind != "child" && (has_authority || !requires_authority)
        }
        Holder::Child { age } => {
            let age = age as i32;
            holder_kind != "parent"
                && min_age.is_none_or(|m| age >= m)
                && max_age.is_none_or(|m| age <= m)
        }
    };
    in_phase && holds
}

/// Where in Helder a right is used.
#[cfg(feature = "ssr")]
fn in_helder(code: &str) -> Option<(String, Msg)> {
    let (path, label) = match code {
        "WIE_GESPROKEN" => ("/wie-betrokken", Msg::NavInvolved),
        "INZAGE" | "REACTIE_CONCEPTRAPPORT" | "EIGEN_VERKLARING" | "CORRECTIE" => {
            ("/rapporten", Msg::NavReports)
        }
        "AFSCHRIFT" | "TOESTEMMING_16" | "VERTROUWENSPERSOON" | "ADVOCAAT" => {
            ("/mijn-dossier", Msg::NavOwnDossier)
        }
        _ => return None,
    };
    Some((path.to_string(), label))
}

#[server(prefix = "/api", endpoint = "rights")]
pub async fn load_rights() -> Result<RightsView, AppError> {
    crate::error::respond(build_rights().await)
}

#[cfg(feature = "ssr")]
async fn build_rights() -> Result<RightsView, AppError> {
    use crate::{
        backend::{
            ctx,
            policy::{Action, Resource, Viewer},
            store::{cases, rights},
        },
        i18n::Lang,
    };
    let ctx::Granted { ctx, actor, grant } =
        ctx::authorize_case(Action::ReadDossier, Resource::OwnCase).await?;
    let db = &ctx.backend.db;
    let reader = match grant.viewer {
        Viewer::Parent { has_authority, .. } => Holder::Parent { has_authority },
        Viewer::Child { age, .. } => Holder::Child { age },
        Viewer::Professional => return Err(AppError::NotFound),
    };
    let for_child = matches!(reader, Holder::Child { .. });
    let phase = cases::current_phase(db, grant.case_id).await?;
    // Phases that ended, with the day they ended: a complaint right stays visible for its
    // term after its phase ended (`after_phase_days`, migration 0012).
    let today = crate::backend::time::today();
    let ended: Vec<(String, chrono::NaiveDate)> = cases::phases(db, grant.case_id)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.phase_code, crate::backend::time::local_date(p.ended_at?))))
        .collect();
    // A young reader's own wording first ('nl-jong', 'en-young'); else the general text.
    let locales = match (ctx.lang, for_child) {
        (Lang::Nl, true) => ["nl-jong", "nl"],
        (Lang::Nl, false) => ["nl", "nl"],
        (Lang::En, true) => ["en-young", "en"],
        (Lang::En, false) => ["en", "en"],
    };
    let rows = rights::catalogue(db, &locales).await?;
    let mut list: Vec<RightView> = Vec::new();
    for r in rows {
        let holds_in = |ph: Option<&str>| {
            applies(
                &r.phases,
                &r.holder,
                r.min_age,
                r.max_age,
                r.requires_authority,
                ph,
                reader,
            )
        };
        let still_in_term = r.after_phase_days.is_some_and(|days| {
            ended.iter().any(|(code, end)| {
                (today - *end).num_days() <= i64::from(days) && holds_in(Some(code.as_str()))
            })
        });
        if !holds_in(phase.as_deref()) && !still_in_term {
            continue;
        }
        // The first locale is preferred: replace a fallback text already taken.
        if let Some(prev) = list.iter_mut().find(|v| v.code == r.code) {
            if r.locale == locales[0] {
                prev.title = r.title;
                prev.meaning = r.meaning;
                prev.how_to = r.how_to;
                prev.deadline = r.deadline_text;
            }
            continue;
        }
        list.push(RightView {
            in_helder: in_helder(&r.code),
            code: r.code,
            title: r.title,
            meaning: r.meaning,
            how_to: r.how_to,
            deadline: r.deadline_text,
            legal_basis: r.legal_basis,
        });
    }
    let event = ctx
        .event(&actor, "read", "rights")
        .case(&grant)
        .on(grant.case_id);
    ctx.backend.audit.record(event).await?;
    Ok(RightsView {
        phase: phase.as_deref().and_then(PhaseCode::parse),
        for_child,
        rights: list,
    })
}

#[component]
pub fn RightsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new_blocking(|| (), |_| load_rights());
    super::loaded(data, move |view: RightsView| {
        let young = view.for_child;
        view! {
            <section class="card">
                <h1>{t(lang, Msg::RightsTitle)}</h1>
                <p>{tj(lang, Msg::RightsIntro, view.for_child)}</p>
                {view.phase.map(|p| view! { <p class="muted">{t(lang, Msg::RightsForPhase)} " " <strong><Term msg=p.name() young=young/></strong></p> })}
            </section>
            <ul class="rights">
                {view.rights.into_iter().map(|r| view! {
                    <li class="card right" id=format!("recht-{}", r.code.to_lowercase())>
                        <h2>{r.title}</h2>
                        <p>{r.meaning}</p>
                        <h3>{tj(lang, Msg::RightsHowTo, young)}</h3>
                        <p>{r.how_to}</p>
                        {r.in_helder.map(|(href, label)| view! { <p><a href=href>{t(lang, Msg::RightsGoTo)} " " {t(lang, label)}</a></p> })}
                        {r.deadline.map(|d| view! { <p class="deadline"><strong>{t(lang, Msg::Deadline)} ": "</strong>{d}</p> })}
                        <p class="muted small">{t(lang, Msg::RightsLegalBasis)} ": " {r.legal_basis}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_patterns_and_holders() {
        let parent = Holder::Parent {
            has_authority: true,
        };
        let no_authority = Holder::Parent {
            has_authority: false,
        };
        let child14 = Holder::Child { age: 14 };
        let child16 = Holder::Child { age: 16 };
        assert!(applies(
            "*",
            "both",
            Some(12),
            None,
            false,
            Some("RVDK_ONDERZOEK"),
            parent
        ));
        assert!(applies(
            "GI_",
            "both",
            None,
            None,
            false,
            Some("GI_OTS"),
            parent
        ));
        assert!(!applies(
            "GI_",
            "both",
            None,
            None,
            false,
            Some("RVDK_ONDERZOEK"),
            parent
        ));
        assert!(applies(
            "VT_ONDERZOEK RVDK_ONDERZOEK",
            "both",
            None,
            None,
            false,
            Some("RVDK_ONDERZOEK"),
            child14
        ));
        assert!(!applies(
            "*",
            "child",
            Some(16),
            None,
            false,
            Some("GI_OTS"),
            child14
        ));
        assert!(applies(
            "*",
            "child",
            Some(16),
            None,
            false,
            Some("GI_OTS"),
            child16
        ));
        assert!(!applies("*", "child", None, None, false, None, parent));
        assert!(!applies("*", "parent", None, None, false, None, child16));
        assert!(!applies(
            "GI_",
            "both",
            Some(12),
            None,
            true,
            Some("GI_OTS"),
            no_authority
        ));
        assert!(applies(
            "GI_",
            "both",
            Some(12),
            None,
            true,
            Some("GI_OTS"),
            child14
        ));
        assert!(
            !applies("GI_", "both", None, None, false, None, parent),
            "no phase, no phase-bound right"
        );
    }
}
