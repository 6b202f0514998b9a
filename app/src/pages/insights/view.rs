//! The components of the `insights` page.
use super::*;

#[component]
pub fn InsightsPage() -> impl IntoView {
    let lang = use_lang();
    let q = use_query_map().get_untracked();
    let filter = InsightFilter {
        per: q.get("per").unwrap_or_default(),
        van: q.get("van").unwrap_or_default(),
        tot: q.get("tot").unwrap_or_default(),
        team: q.get("team").unwrap_or_default(),
        fase: q.get("fase").unwrap_or_default(),
        groep: q.get("groep").unwrap_or_default(),
    };
    let data = Resource::new_blocking(move || filter.clone(), load_insights);
    crate::pages::loaded(data, move |i: Insights| {
        let f = i.filter.clone();
        let csv = format!(
            "/inzicht/export.csv?per={}&van={}&tot={}&team={}&fase={}&groep={}",
            f.per, f.van, f.tot, f.team, f.fase, f.groep
        );
        let points: Vec<Point> = i
            .periods
            .iter()
            .filter(|p| p.shown)
            .map(|p| Point {
                label: p.label.clone(),
                value: p.mean_total,
            })
            .collect();
        let suppressed_any = i.periods.iter().any(|p| !p.shown);
        view! {
            <section class="card wide-page">
                <h1>{t(lang, Msg::InsightsTitle)}</h1>
                <p>{tf(lang, Msg::InsightsIntro, &[("org", &i.organisation)])}</p>
                <p class="hint">{t(lang, Msg::InsightsPrivacy)}</p>
                <FilterForm lang i=i.clone()/>
            </section>
            <section class="card" aria-labelledby="trend-title">
                <h2 id="trend-title">{t(lang, Msg::InsightsTrend)}</h2>
                {if points.is_empty() {
                    view! { <p>{t(lang, Msg::InsightsNothingShown)}</p> }.into_any()
                } else {
                    view! {
                        <figure class="trend">
                            <LineChart title=t(lang, Msg::InsightsTrendChart).to_string() points max=40.0 line=(36.0, tf(lang, Msg::FbCutoff, &[("n", "36")]))/>
                            <figcaption>{t(lang, Msg::InsightsTrendCaption)}{suppressed_any.then(|| format!(" {}", t(lang, Msg::InsightsGaps)))}</figcaption>
                        </figure>
                    }.into_any()
                }}
                <FiguresTable lang rows=i.periods.clone() first=Msg::InsightsPeriod caption=Msg::InsightsTableCaption/>
                <p><a class="button primary" href=csv download="helder-inzicht.csv">{t(lang, Msg::InsightsCsv)}</a></p>
            </section>
            <section class="card" aria-labelledby="teams-title">
                <h2 id="teams-title">{tf(lang, Msg::InsightsTeams, &[("period", &i.team_period)])}</h2>
                {i.team_rows.is_empty().then(|| view! { <p>{t(lang, Msg::InsightsNoTeams)}</p> })}
                {(!i.team_rows.is_empty()).then(|| view! { <FiguresTable lang rows=i.team_rows.clone() first=Msg::InsightsTeam caption=Msg::InsightsTeamsCaption/> })}
            </section>
            <section class="card" aria-labelledby="corr-title">
                <h2 id="corr-title">{t(lang, Msg::InsightsCorrections)}</h2>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="corr-title">
                    <table class="scores">
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, Msg::InsightsPeriod)}</th>
                                <th scope="col">{t(lang, Msg::InsightsRequests)}</th>
                                <th scope="col">{t(lang, Msg::InsightsAccepted)}</th>
                                <th scope="col">{t(lang, Msg::InsightsDeclined)}</th>
                                <th scope="col">{t(lang, Msg::InsightsMedianDays)}</th>
                                <th scope="col">{t(lang, Msg::InsightsWithinDeadline)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {i.corrections.into_iter().map(|c| if c.shown {
                                let o = |v: Option<i64>, pct: bool| v.map(|n| if pct { format!("{n}%") } else { n.to_string() }).unwrap_or_else(|| "–".into());
                                view! {
                                    <tr>
                                        <th scope="row">{c.label.clone()}</th>
                                        <td>{c.requests}</td>
                                        <td>{o(c.accepted, true)}</td>
                                        <td>{o(c.declined, true)}</td>
                                        <td>{o(c.median_days, false)}</td>
                                        <td>{o(c.within_deadline, true)}</td>
                                    </tr>
                                }.into_any()
                            } else {
                                view! { <SuppressedRow lang label=c.label.clone() columns=5/> }.into_any()
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        }
    })
}

#[component]
fn FilterForm(lang: Lang, i: Insights) -> impl IntoView {
    let f = i.filter.clone();
    let month_options = move |selected: String| {
        i.months
            .iter()
            .map(|m| view! { <option value=m.clone() selected=*m == selected>{m.clone()}</option> })
            .collect_view()
    };
    let from_options = month_options(f.van.clone());
    let to_options = month_options(f.tot.clone());
    view! {
        <form method="get" action="/inzicht" class="filters-form">
            <div class="field">
                <label for="f-per">{t(lang, Msg::InsightsPer)}</label>
                <select id="f-per" name="per">
                    <option value="maand" selected=f.per == "maand">{t(lang, Msg::InsightsPerMonth)}</option>
                    <option value="kwartaal" selected=f.per == "kwartaal">{t(lang, Msg::InsightsPerQuarter)}</option>
                </select>
            </div>
            <div class="field">
                <label for="f-van">{t(lang, Msg::InsightsFrom)}</label>
                <select id="f-van" name="van">{from_options}</select>
            </div>
            <div class="field">
                <label for="f-tot">{t(lang, Msg::InsightsTo)}</label>
                <select id="f-tot" name="tot">{to_options}</select>
            </div>
            <div class="field">
                <label for="f-team">{t(lang, Msg::InsightsTeam)}</label>
                <select id="f-team" name="team">
                    <option value="" selected=f.team.is_empty()>{t(lang, Msg::InsightsAll)}</option>
                    {i.teams.iter().map(|(id, name)| view! { <option value=id.clone() selected=*id == f.team>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-fase">{t(lang, Msg::InsightsPhase)}</label>
                <select id="f-fase" name="fase">
                    <option value="" selected=f.fase.is_empty()>{t(lang, Msg::InsightsAll)}</option>
                    {PhaseCode::ALL.into_iter().map(|p| view! { <option value=p.code() selected=p.code() == f.fase>{t(lang, p.name())}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-groep">{t(lang, Msg::InsightsGroup)}</label>
                <select id="f-groep" name="groep">
                    <option value="" selected=f.groep.is_empty()>{t(lang, Msg::InsightsAll)}</option>
                    <option value="parent" selected=f.groep == "parent">{t(lang, Msg::InsightsParents)}</option>
                    <option value="young_person" selected=f.groep == "young_person">{t(lang, Msg::InsightsYoung)}</option>
                </select>
            </div>
            <button type="submit" class="primary">{t(lang, Msg::InsightsApply)}</button>
        </form>
    }
}

/// A row whose figures are hidden: "te weinig reacties" across its columns.
#[component]
fn SuppressedRow(lang: Lang, label: String, columns: u32) -> impl IntoView {
    view! {
        <tr class="suppressed">
            <th scope="row">{label}</th>
            <td colspan=columns.to_string()>{t(lang, Msg::InsightsTooFew)}</td>
        </tr>
    }
}

/// A mean with one decimal, written the reader's way (8,4 in Dutch, 8.4 in English).
fn decimal(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Nl => s.replace('.', ","),
        _ => s,
    }
}

/// The figures as a table: one row per period or team; suppressed rows say so.
#[component]
fn FiguresTable(lang: Lang, rows: Vec<Figures>, first: Msg, caption: Msg) -> impl IntoView {
    let cell = |v: Option<i64>, suffix: &str| {
        v.map(|n| format!("{n}{suffix}"))
            .unwrap_or_else(|| "–".to_string())
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(lang, caption)>
            <table class="scores figures">
                <caption>{t(lang, caption)} <span class="hint">{t(lang, Msg::InsightsSpread)}</span></caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, first)}</th>
                        <th scope="col">{t(lang, Msg::InsightsResponses)}</th>
                        <th scope="col">{t(lang, Msg::InsightsRate)}</th>
                        {Scale::ALL.into_iter().map(|s| view! { <th scope="col">{t(lang, s.short())}</th> }).collect_view()}
                        <th scope="col">{t(lang, Msg::FbTotal)}</th>
                        <th scope="col">{t(lang, Msg::InsightsBelow)}</th>
                        <th scope="col">{t(lang, Msg::InsightsReplied)}</th>
                        <th scope="col">{t(lang, Msg::InsightsDiscussed)}</th>
                        <th scope="col">{t(lang, Msg::InsightsReplyDays)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| if r.shown {
                        view! {
                            <tr>
                                <th scope="row">{r.label.clone()}</th>
                                <td>{r.responses}</td>
                                <td>{cell(r.rate, "%")}</td>
                                {(0..4).map(|i| view! {
                                    <td>
                                        {decimal(lang, r.means[i])}
                                        <span class="spread">{format!("{}/{}/{}%", r.bands[i][0], r.bands[i][1], r.bands[i][2])}</span>
                                    </td>
                                }).collect_view()}
                                <td><strong>{decimal(lang, r.mean_total)}</strong></td>
                                <td>{format!("{}%", r.below)}</td>
                                <td>{cell(r.below_replied, "%")}</td>
                                <td>{cell(r.below_discussed, "%")}</td>
                                <td>{cell(r.median_reply_days, "")}</td>
                            </tr>
                        }.into_any()
                    } else {
                        view! { <SuppressedRow lang label=r.label.clone() columns=11/> }.into_any()
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
