//! The sections of one case for readers who reach it by id (professionals, confidants).
use crate::domain::CaseId;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn CaseNav(case: CaseId) -> impl IntoView {
    let lang = use_lang();
    let here = use_location().pathname.get_untracked();
    // Contacts and feedback are the professionals' (a confidant reads the dossier only).
    let professional = crate::pages::session::current_user()
        .is_some_and(|u| u.role == crate::domain::Role::Professional);
    let mut links = vec![
        (format!("/zaken/{case}"), Msg::NavWhere),
        (format!("/zaken/{case}/betrokken"), Msg::NavInvolved),
        (format!("/zaken/{case}/rapporten"), Msg::NavReports),
    ];
    if professional {
        links.push((format!("/zaken/{case}/contacten"), Msg::NavContacts));
    }
    view! {
        <nav class="sections case-nav" aria-label=t(lang, Msg::NavCaseLabel)>
            {links.into_iter().map(|(href, label)| {
                let current = here == href;
                view! { <a href=href aria-current=current.then_some("page")>{t(lang, label)}</a> }
            }).collect_view()}
        </nav>
    }
}
