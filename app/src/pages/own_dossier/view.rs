//! The components of the `own_dossier` page.
use super::*;

#[component]
pub fn OwnDossierPage() -> impl IntoView {
    let lang = use_lang();
    let young = crate::pages::session::is_young();
    let flash = take_flash(SHARE_FORM);
    let data = Resource::new_blocking(|| (), |_| load_own_dossier());
    crate::pages::loaded(data, move |view: OwnDossier| {
        let confirmation = flash.confirmation();
        let failed = flash.clone().reply.filter(|r| !r.ok).map(|_| flash.clone());
        view! {
            <section class="card">
                <h1>{t(lang, Msg::OwnTitle)}</h1>
                <p>{tj(lang, Msg::OwnIntro, young)}</p>
                {confirmation.map(|m| view! { <p class="form-ok" role="status">{t(lang, m)}</p> })}
                <ul class="actions">
                    <li><a href="/wie-keek-mee">{t(lang, Msg::AccessTitle)}</a></li>
                    <li><a href=ExportMyData::PATH download="">{t(lang, Msg::OwnDownload)}</a>
                        <span class="muted small">{tj(lang, Msg::OwnDownloadHint, young)}</span></li>
                    <li><a href="/mijn-dossier/afdrukken">{t(lang, Msg::OwnPrint)}</a></li>
                </ul>
            </section>
            {view.consent.map(|parents| view! { <ConsentCard lang parents/> })}
            <ShareCard lang shares=view.shares default_until=view.default_until max_until=view.max_until state=failed/>
        }
    })
}

#[component]
fn ConsentCard(lang: Lang, parents: Vec<ParentConsent>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="consent-title">
            <h2 id="consent-title">{t(lang, Msg::ConsentTitle)}</h2>
            <p>{t(lang, Msg::ConsentIntro)}</p>
            <ul class="consents">
                {parents.into_iter().map(|p| view! {
                    <li>
                        <span>{tf(lang, if p.may_read { Msg::ConsentYes } else { Msg::ConsentNo }, &[("name", &p.name)])}</span>
                        <form method="post" action=SetConsent::PATH>
                            <input type="hidden" name="parent" value=p.parent.to_string()/>
                            <input type="hidden" name="give" value=(!p.may_read).to_string()/>
                            <button type="submit" class="secondary">{tf(lang, if p.may_read { Msg::ConsentWithdraw } else { Msg::ConsentGive }, &[("name", &p.name)])}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ShareCard(
    lang: Lang,
    shares: Vec<ShareView>,
    default_until: NaiveDate,
    max_until: NaiveDate,
    state: Option<FormState>,
) -> impl IntoView {
    let young = crate::pages::session::is_young();
    let state = state.unwrap_or_default();
    let err = |f: &str| state.error_for(f);
    let until = match state.value("until") {
        v if v.is_empty() => default_until.to_string(),
        v => v,
    };
    let role_now = state.value("role");
    let role_error = err("role");
    let message = state.reply.as_ref().and_then(|r| r.message);
    view! {
        <section class="card" aria-labelledby="share-title">
            <h2 id="share-title">{t(lang, Msg::ShareTitle)}</h2>
            <p>{tj(lang, Msg::ShareIntro, young)}</p>
            {shares.is_empty().then(|| view! { <p>{tj(lang, Msg::ShareNone, young)}</p> })}
            <ul class="shares">
                {shares.into_iter().map(|s| view! {
                    <li>
                        <p><strong>{s.grantee}</strong> {s.organisation.map(|o| format!(" ({o})"))}</p>
                        <p class="muted">{tf(lang, Msg::ShareLine, &[("role", t(lang, role_name(&s.role))), ("from", &long_date(lang, s.since)), ("to", &long_date(lang, s.until))])}</p>
                        <form method="post" action=RevokeShare::PATH>
                            <input type="hidden" name="share" value=s.id.to_string()/>
                            <button type="submit" class="secondary">{t(lang, Msg::ShareRevoke)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <h3>{t(lang, Msg::ShareNew)}</h3>
            <form method="post" action=ShareDossier::PATH>
                {message.map(|m| view! { <p class="form-error" role="alert">{t(lang, m)}</p> })}
                <div class="field" class:invalid=err("username").is_some()>
                    <label for="share-username">{tj(lang, Msg::ShareUsername, young)}</label>
                    <p id="share-username-hint" class="hint">{t(lang, Msg::ShareUsernameHint)}</p>
                    <input id="share-username" type="text" name="username" autocomplete="off" value=state.value("username")
                        aria-invalid=err("username").is_some().then_some("true") aria-describedby="share-username-hint share-username-error"/>
                    <p id="share-username-error" class="field-error">{err("username").map(|m| t(lang, m))}</p>
                </div>
                <fieldset class="field" class:invalid=role_error.is_some() aria-describedby="share-role-error">
                    <legend>{t(lang, Msg::ShareRole)}</legend>
                    {[("vertrouwenspersoon", Msg::RoleVertrouwenspersoon), ("advocaat", Msg::RoleAdvocaat)].into_iter().map(|(code, label)| {
                        let id = format!("share-role-{code}");
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="role" value=code checked=role_now == code/>
                                <label for=id>{t(lang, label)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p id="share-role-error" class="field-error">{role_error.map(|m| t(lang, m))}</p>
                </fieldset>
                <div class="field" class:invalid=err("until").is_some()>
                    <label for="share-until">{t(lang, Msg::ShareUntil)}</label>
                    <input id="share-until" type="date" name="until" value=until max=max_until.to_string()
                        aria-invalid=err("until").is_some().then_some("true") aria-describedby="share-until-error"/>
                    <p id="share-until-error" class="field-error">{err("until").map(|m| t(lang, m))}</p>
                </div>
                <button type="submit" class="primary">{t(lang, Msg::ShareSubmit)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn PrintPage() -> impl IntoView {
    let lang = use_lang();
    let young = crate::pages::session::is_young();
    let data = Resource::new_blocking(|| (), |_| load_print());
    crate::pages::loaded(data, move |view: PrintView| {
        view! {
            <article class="print">
                <header class="card">
                    <h1>{t(lang, Msg::PrintTitle)}</h1>
                    <p>{tf(lang, Msg::PrintFor, &[("name", &view.reader), ("reference", &view.case_reference), ("date", &long_date(lang, view.today))])}</p>
                    <p class="no-print">{tj(lang, Msg::PrintHint, young)}</p>
                </header>
                <crate::pages::involved::InvolvedList view=view.involved/>
                {view.reports.into_iter().map(|r| view! {
                    <section class="card print-report">
                        <h2>{r.summary.title.clone()}</h2>
                        <crate::pages::reports::ReportByline lang summary=r.summary.clone()/>
                        <ol class="statements">
                            {r.statements.into_iter().map(|s| view! {
                                <crate::pages::reports::StatementItem lang s can_respond=false form_key=String::new() today=r.today state=None/>
                            }).collect_view()}
                        </ol>
                    </section>
                }).collect_view()}
            </article>
        }
    })
}
