//! The components of the access log. Everything is a plain link or a GET form: it works the
//! same without JavaScript.
use super::{href, load_access_log, AccessFilter, AccessGroup, AccessLog};
use crate::{
    components::dates::{long_date, month_year},
    i18n::{plural, t, tf, tj, use_lang, Lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let lang = use_lang();
    let young = crate::pages::session::is_young();
    let q = use_query_map().get_untracked();
    let filter = AccessFilter {
        maand: q.get("maand").unwrap_or_default(),
        zelf: q.get("zelf").unwrap_or_default(),
        pagina: q.get("pagina").unwrap_or_default(),
    };
    let data = Resource::new_blocking(move || filter.clone(), load_access_log);
    crate::pages::loaded(data, move |log: AccessLog| {
        let (month, with_family, page) = (log.month, log.with_family, log.page);
        let toggle = if with_family {
            view! { <a href=href(month, false, 1)>{tj(lang, Msg::AccessFamilyHide, young)}</a> }
        } else {
            view! { <a href=href(month, true, 1)>{tj(lang, Msg::AccessFamilyShow, young)}</a> }
        };
        let options = log
            .months
            .iter()
            .map(|m| {
                let value = m.format("%Y-%m").to_string();
                view! { <option value=value selected=Some(*m) == month>{month_year(lang, *m)}</option> }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="access-title">
                <h1 id="access-title">{t(lang, Msg::AccessTitle)}</h1>
                <p>{tj(lang, Msg::AccessIntro, young)}</p>
                <form method="get" action="/wie-keek-mee" class="filters-form">
                    <div class="field">
                        <label for="f-maand">{t(lang, Msg::AccessPeriod)}</label>
                        <select id="f-maand" name="maand">
                            {(!with_family).then(|| view! {
                                <option value="" selected=month.is_none()>{t(lang, Msg::AccessPeriodAll)}</option>
                            })}
                            {options}
                        </select>
                    </div>
                    {with_family.then(|| view! { <input type="hidden" name="zelf" value="ja"/> })}
                    <button type="submit" class="button">{t(lang, Msg::AccessShow)}</button>
                </form>
                <p class="access-summary"><strong>{summary(lang, &log)}</strong></p>
                <p>{toggle}</p>
            </section>
            <section class="card" aria-labelledby="access-list-title">
                <h2 id="access-list-title">{t(lang, Msg::AccessListTitle)}</h2>
                {log.groups.is_empty().then(|| view! { <p>{t(lang, Msg::AccessNone)}</p> })}
                <ol class="access-log">
                    {log.groups.into_iter().map(|g| view! { <Group lang young g/> }).collect_view()}
                </ol>
                {(page > 1 || log.more).then(|| view! {
                    <nav class="pager" aria-label=t(lang, Msg::AccessPages)>
                        {(page > 1).then(|| view! { <a href=href(month, with_family, page - 1) rel="prev">{t(lang, Msg::AccessNewer)}</a> })}
                        <span>{tf(lang, Msg::AccessPageN, &[("n", &page.to_string())])}</span>
                        {log.more.then(|| view! { <a href=href(month, with_family, page + 1) rel="next">{t(lang, Msg::AccessOlder)}</a> })}
                    </nav>
                })}
            </section>
        }
    })
}

/// "In november 2026: 3 personen van buiten het gezin, van 2 organisaties."
fn summary(lang: Lang, log: &AccessLog) -> String {
    let period = match log.month {
        Some(m) => tf(lang, Msg::AccessInMonth, &[("month", &month_year(lang, m))]),
        None => tf(
            lang,
            Msg::AccessSince,
            &[("date", &long_date(lang, log.since))],
        ),
    };
    let n = |x: usize| x as i64;
    let people = plural(
        lang,
        Msg::AccessPeopleOne,
        Msg::AccessPeopleOther,
        n(log.people),
        &[],
    );
    let orgs = plural(
        lang,
        Msg::AccessOrgsOne,
        Msg::AccessOrgsOther,
        n(log.organisations),
        &[],
    );
    let args = [
        ("period", period.as_str()),
        ("people", people.as_str()),
        ("orgs", orgs.as_str()),
    ];
    match (log.people, log.organisations) {
        (0, _) => tf(lang, Msg::AccessSummaryNone, &args),
        (_, 0) => tf(lang, Msg::AccessSummaryPeople, &args),
        _ => tf(lang, Msg::AccessSummary, &args),
    }
}

#[component]
fn Group(lang: Lang, young: bool, g: AccessGroup) -> impl IntoView {
    let who = if g.by_me {
        tj(lang, Msg::AccessYou, young).to_string()
    } else {
        g.who
    };
    let question = (!g.family).then(|| {
        view! {
            <p class="no-print">
                <a href="/wie-betrokken?vraag=onbekend">{t(lang, Msg::AccessNotRight)}</a>
            </p>
        }
    });
    view! {
        <li class="access-group">
            <p><strong dir="auto">{who}</strong>
                {g.role.filter(|_| !g.family).map(|r| view! { <span class="muted" dir="auto">{r}</span> })}
            </p>
            <p class="muted">{long_date(lang, g.day)}</p>
            <ul>
                {g.items.into_iter().map(|i| view! {
                    <li>
                        // One text: "het rapport … bekeken — 3 keer".
                        {tf(lang, Msg::AccessItem, &[
                            ("what", &i.what),
                            ("times", &plural(lang, Msg::AccessTimesOne, Msg::AccessTimesOther, i.times, &[])),
                        ])}
                        {i.change.then(|| view! { " " <span class="badge">{t(lang, Msg::AccessChanged)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {question}
        </li>
    }
}
