//! The frame of every page: who is logged in, the language switch, log-out, the crisis
//! numbers (112, Veilig Thuis 0800-2000; for young people also De Kindertelefoon 0800-0432)
//! that must be one tap away on every page, and "Snel weg".
//!
//! "Snel weg" (quick exit) is a plain link to a neutral site, so it works without
//! JavaScript. With JavaScript, `public/static/quick-exit.js` (a static file: the CSP allows
//! 'self' scripts, and no WASM is needed) turns the tap into `location.replace`, so Back
//! does not return to Helder's page. The shared-phone note is a `<details>`: closed, it is
//! one line; it needs no script and no cookie.
use crate::domain::Role;
use crate::{
    i18n::{t, tj, use_lang, Lang, Msg},
    pages::session::{current_user, Logout, SetLanguage},
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let user = current_user();
    let here = use_location().pathname.get_untracked();
    let family = user.as_ref().is_some_and(|u| u.role.is_family());
    let young = user.as_ref().is_some_and(|u| u.role == Role::YoungPerson);
    let link = {
        let here = here.clone();
        move |href: &'static str, label: Msg| {
            view! { <a href=href aria-current=(here == href || here.starts_with(&format!("{href}/"))).then_some("page")>{t(lang, label)}</a> }
        }
    };
    view! {
        <a class="skip" href="#main">{t(lang, Msg::SkipToContent)}</a>
        <header class="top">
            <div class="bar">
                <a class="brand" href="/">{t(lang, Msg::AppName)}</a>
                <a class="quick-exit" href=QUICK_EXIT_URL rel="noreferrer" aria-label=t(lang, Msg::QuickExitLabel)>{t(lang, Msg::QuickExit)}</a>
                <form class="lang" method="post" action=SetLanguage::PATH>
                    <input type="hidden" name="back" value=here/>
                    {Lang::ALL.into_iter().filter(move |l| *l != lang).map(|l| view! {
                        <button type="submit" name="lang" value=l.code() lang=l.code()>{t(l, Msg::LanguageName)}</button>
                    }).collect_view()}
                </form>
            </div>
            <CrisisLine lang young/>
            {user.map(|u| view! {
                <div class="whoami">
                    <span>{t(lang, Msg::LoggedInAs)} " " <strong>{u.display_name}</strong></span>
                    <a class="on-dark" href="/sessies">{t(lang, Msg::NavSessions)}</a>
                    <a class="on-dark" href="/wachtwoord">{t(lang, Msg::NavPassword)}</a>
                    <form method="post" action=Logout::PATH>
                        <button type="submit" class="link">{t(lang, Msg::LogOut)}</button>
                    </form>
                </div>
            })}
        </header>
        {family.then(|| view! {
            <nav class="sections" aria-label=tj(lang, Msg::NavLabel, young)>
                {link("/waar-sta-ik", Msg::NavWhere)}
                {link("/wie-betrokken", Msg::NavInvolved)}
                {link("/rapporten", Msg::NavReports)}
                {link("/feedback", Msg::NavFeedback)}
                {link("/mijn-rechten", Msg::NavRights)}
                {link("/mijn-dossier", Msg::NavOwnDossier)}
            </nav>
        })}
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="foot">
            <details class="shared-phone">
                <summary>{t(lang, Msg::SharedPhoneTitle)}</summary>
                <p>{tj(lang, Msg::SharedPhoneText, young)}</p>
            </details>
            <p>{tj(lang, Msg::FooterAbout, young)}</p>
            <p><a href="/woorden">{t(lang, Msg::GlossaryLink)}</a></p>
        </footer>
        <script src="/static/quick-exit.js" defer></script>
    }
}

/// Where "Snel weg" goes: a neutral page that looks ordinary on a shared screen.
pub const QUICK_EXIT_URL: &str = "https://www.buienradar.nl/";

#[component]
fn CrisisLine(lang: Lang, young: bool) -> impl IntoView {
    view! {
        <aside class="crisis" aria-label=t(lang, Msg::CrisisLabel)>
            <span>{t(lang, Msg::CrisisDanger)}</span>
            <a href="tel:112">{t(lang, Msg::CrisisCall112)}</a>
            <a href="tel:08002000">{t(lang, Msg::CrisisCallVt)}</a>
            // Free, anonymous helpline for children and young people.
            {young.then(|| view! { <a href="tel:08000432">{t(lang, Msg::CrisisKindertelefoon)}</a> })}
        </aside>
    }
}
