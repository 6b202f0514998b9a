//! The HTML shell and the route table. Every route renders on the server; with
//! `SsrMode::Async` a page is sent only when its data (and the audit event for reading it)
//! is settled, so a failed audit write can still turn into an error status.
use crate::{
    components::layout::Layout,
    i18n::{t, use_lang, Msg},
    pages::{
        access_log::AccessLogPage,
        account::{ActivatePage, PasswordPage, SecondStepPage},
        admin::AdminPage,
        api_reference::ApiReferencePage,
        case::{CaseInvolvedPage, CasePage, CaseReportsPage},
        contacts::CaseContactsPage,
        feedback::FeedbackPage,
        glossary::GlossaryPage,
        home::HomePage,
        inbox::InboxPage,
        insights::InsightsPage,
        involved::InvolvedPage,
        login::LoginPage,
        not_found::{NotFound, ProblemPage},
        open_case::OpenCasePage,
        own_dossier::{OwnDossierPage, PrintPage},
        reports::{ReportPage, ReportsPage},
        rights::RightsPage,
        sessions::SessionsPage,
        where_am_i::WhereAmIPage,
        writing::WritingPage,
    },
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The pages that hold an island (an `#[island]` component) and so need the WebAssembly.
/// Every other page is HTML and plain forms: it sends no hydration script, no preload and no
/// WebAssembly, which a phone on prepaid data would otherwise fetch for nothing. The
/// integration test `wire` opens every page and checks this list against the islands in it.
pub const PAGES_WITH_ISLANDS: [&str; 1] = ["/inloggen"];

/// Whether the page being rendered is one of [`PAGES_WITH_ISLANDS`].
#[cfg(feature = "ssr")]
fn has_islands() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| PAGES_WITH_ISLANDS.contains(&parts.uri.path()))
}
#[cfg(not(feature = "ssr"))]
fn has_islands() -> bool {
    true
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    let stylesheet = crate::assets::stylesheet(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "";
    let islands = has_islands();
    if !islands {
        // What `HydrationScripts islands=true` also does: outside an island nothing hydrates,
        // so the render writes no hydration markers.
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <meta name="description" content=t(lang, Msg::MetaDescription)/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {islands.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_lang();
    view! {
        <Title text=t(lang, Msg::AppName)/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen/code") view=SecondStepPage ssr=SsrMode::Async/>
                    <Route path=path!("/activeren") view=ActivatePage ssr=SsrMode::Async/>
                    <Route path=path!("/wachtwoord") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer") view=AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/waar-sta-ik") view=WhereAmIPage ssr=SsrMode::Async/>
                    <Route path=path!("/wie-betrokken") view=InvolvedPage ssr=SsrMode::Async/>
                    <Route path=path!("/rapporten") view=ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rapporten/:report") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn-rechten") view=RightsPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn-dossier") view=OwnDossierPage ssr=SsrMode::Async/>
                    <Route path=path!("/mijn-dossier/afdrukken") view=PrintPage ssr=SsrMode::Async/>
                    <Route path=path!("/nieuwe-zaak") view=OpenCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id") view=CasePage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id/betrokken") view=CaseInvolvedPage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id/rapporten") view=CaseReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id/rapporten/:report") view=ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id/rapporten/:report/schrijven") view=WritingPage ssr=SsrMode::Async/>
                    <Route path=path!("/zaken/:id/contacten") view=CaseContactsPage ssr=SsrMode::Async/>
                    <Route path=path!("/feedback") view=FeedbackPage ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/inzicht") view=InsightsPage ssr=SsrMode::Async/>
                    <Route path=path!("/wie-keek-mee") view=AccessLogPage ssr=SsrMode::Async/>
                    <Route path=path!("/sessies") view=SessionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/probleem/:soort") view=ProblemPage ssr=SsrMode::Async/>
                    <Route path=path!("/woorden") view=GlossaryPage ssr=SsrMode::Async/>
                    <Route path=path!("/api-beschrijving") view=ApiReferencePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
