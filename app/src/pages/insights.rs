//! "Wat vinden gezinnen van onze samenwerking?" (`/inzicht`): the organisation's anonymised
//! client-experience figures, for its analysts and management. Per period (month or quarter):
//! responses, response rate, the mean and spread of each scale, the share below the cut-off and
//! how often those got a reply and a conversation, the median days to a reply; the teams
//! compared in the latest period; correction requests and how they were handled. Filters are
//! a plain GET form (no script); the CSV export is the same table.
//!
//! Nothing here can show a person: `backend::anonymity` decides every cell, counts are rounded
//! to five, and there are no comments, names, ids or dates finer than a month.
use crate::{
    components::chart::{LineChart, Point},
    domain::{feedback::Scale, PhaseCode},
    error::AppError,
    i18n::{t, tf, use_lang, Lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The filters, as the GET form and the CSV link carry them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightFilter {
    /// `maand` or `kwartaal`.
    #[serde(default)]
    pub per: String,
    /// First and last month, "YYYY-MM".
    #[serde(default)]
    pub van: String,
    #[serde(default)]
    pub tot: String,
    /// A team id, or empty for all.
    #[serde(default)]
    pub team: String,
    /// A phase code, or empty for all.
    #[serde(default)]
    pub fase: String,
    /// `parent`, `young_person`, or empty for both.
    #[serde(default)]
    pub groep: String,
}

/// The figures of one row (a period or a team); `None` everywhere when suppressed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub label: String,
    pub shown: bool,
    /// Rounded to five.
    pub responses: i64,
    /// Responses per recorded contact, in per cent.
    pub rate: Option<i64>,
    /// Mean per scale (0–10) and of the total (0–40).
    pub means: [f64; 4],
    pub mean_total: f64,
    /// Per scale: per cent of answers 0–5, 6–8, 9–10.
    pub bands: [[i64; 3]; 4],
    /// Per cent of responses at or below the cut-off.
    pub below: i64,
    /// Of those: per cent with a reply, per cent discussed.
    pub below_replied: Option<i64>,
    pub below_discussed: Option<i64>,
    pub median_reply_days: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorrectionFigures {
    pub label: String,
    pub shown: bool,
    pub requests: i64,
    pub accepted: Option<i64>,
    pub declined: Option<i64>,
    pub median_days: Option<i64>,
    pub within_deadline: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    pub organisation: String,
    /// The filters as applied (defaults filled in).
    pub filter: InsightFilter,
    /// Months to choose from, newest first.
    pub months: Vec<String>,
    pub teams: Vec<(String, String)>,
    pub periods: Vec<Figures>,
    /// The teams compared in the latest period of the table.
    pub team_period: String,
    pub team_rows: Vec<Figures>,
    pub corrections: Vec<CorrectionFigures>,
}

#[server(prefix = "/api", endpoint = "insights")]
pub async fn load_insights(#[server(default)] filter: InsightFilter) -> Result<Insights, AppError> {
    crate::error::respond(
        async {
            let ctx = crate::backend::ctx::request()?;
            build(&ctx, filter, "read").await
        }
        .await,
    )
}

/// The CSV of exactly the period table on screen (same suppression), for `/inzicht/export.csv`.
#[cfg(feature = "ssr")]
pub async fn csv_export(
    ctx: &crate::backend::RequestCtx,
    filter: InsightFilter,
) -> Result<String, AppError> {
    let insights = build(ctx, filter, "export").await?;
    Ok(to_csv(&insights))
}

/// The CSV columns (documented in docs/ARCHITECTURE.md).
pub const CSV_HEADER: &str = "periode,toon,reacties_afgerond,reacties_per_contact_pct,gem_gehoord,gem_onderwerpen,gem_aanpak,gem_algemeen,gem_totaal,pct_onder_grens,pct_onder_grens_beantwoord,pct_onder_grens_besproken,mediaan_dagen_tot_antwoord";

pub fn to_csv(i: &Insights) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for f in &i.periods {
        if f.shown {
            out.push_str(&format!(
                "{},ja,{},{},{:.1},{:.1},{:.1},{:.1},{:.1},{},{},{},{}\n",
                f.label,
                f.responses,
                opt(f.rate),
                f.means[0],
                f.means[1],
                f.means[2],
                f.means[3],
                f.mean_total,
                f.below,
                opt(f.below_replied),
                opt(f.below_discussed),
                opt(f.median_reply_days)
            ));
        } else {
            out.push_str(&format!("{},te weinig reacties,,,,,,,,,,,\n", f.label));
        }
    }
    out
}

#[cfg(feature = "ssr")]
fn month_list(from: &str, to: &str) -> Vec<String> {
    let parse = |s: &str| -> Option<(i32, u32)> {
        let (y, m) = s.split_once('-')?;
        let (y, m) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&m).then_some((y, m))
    };
    let (Some(mut a), Some(b)) = (parse(from), parse(to)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while a <= b && out.len() < 61 {
        out.push(format!("{:04}-{:02}", a.0, a.1));
        a = if a.1 == 12 {
            (a.0 + 1, 1)
        } else {
            (a.0, a.1 + 1)
        };
    }
    out
}

/// The `n` months up to and including `to`, oldest first.
#[cfg(feature = "ssr")]
fn months_back(to: &str, n: usize) -> Vec<String> {
    let Some((y, m)) = to
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<i32>().ok()?)))
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = (0..n as i32)
        .map(|back| {
            let index = y * 12 + (m - 1) - back;
            format!(
                "{:04}-{:02}",
                index.div_euclid(12),
                index.rem_euclid(12) + 1
            )
        })
        .collect();
    out.reverse();
    out
}

#[cfg(feature = "ssr")]
impl crate::backend::anonymity::Cell for crate::backend::store::insights::CellRow {
    fn month(&self) -> &str {
        &self.month
    }
    fn team(&self) -> &str {
        &self.team
    }
    fn phase(&self) -> &str {
        &self.phase
    }
    fn group(&self) -> &str {
        &self.respondent_group
    }
    fn respondents(&self) -> i64 {
        self.respondents
    }
    fn weight(&self) -> i64 {
        self.responses
    }
}

#[cfg(feature = "ssr")]
impl crate::backend::anonymity::Cell for crate::backend::store::insights::CorrectionCell {
    fn month(&self) -> &str {
        &self.month
    }
    fn team(&self) -> &str {
        ""
    }
    fn phase(&self) -> &str {
        ""
    }
    fn group(&self) -> &str {
        ""
    }
    fn respondents(&self) -> i64 {
        self.requesters
    }
    fn weight(&self) -> i64 {
        self.requests
    }
}

/// The first and last month of the quarter a month belongs to.
#[cfg(feature = "ssr")]
fn quarter_start(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("2000", "01"));
    let m: u32 = m.parse().unwrap_or(1).clamp(1, 12);
    format!("{y}-{:02}", (m - 1) / 3 * 3 + 1)
}

#[cfg(feature = "ssr")]
fn quarter_end(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("2000", "01"));
    let m: u32 = m.parse().unwrap_or(1).clamp(1, 12);
    format!("{y}-{:02}", (m - 1) / 3 * 3 + 3)
}

/// The median of a histogram of whole days.
#[cfg(feature = "ssr")]
fn median(hist: &mut [(i64, i64)]) -> Option<i64> {
    hist.sort_unstable();
    let total: i64 = hist.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let mut seen = 0;
    for (days, n) in hist.iter() {
        seen += n;
        if seen * 2 >= total {
            return Some(*days);
        }
    }
    None
}

#[cfg(feature = "ssr")]
fn pct(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

/// Everything the page shows, for the logged-in analyst's (or manager's) own organisation.
#[cfg(feature = "ssr")]
pub async fn build(
    ctx: &crate::backend::RequestCtx,
    filter: InsightFilter,
    action: &'static str,
) -> Result<Insights, AppError> {
    use crate::backend::{
        anonymity::{Choices, Pattern, Period, Selection},
        audit::AuditEvent,
        policy::{self, Action, Resource},
        store::{insights as store, people},
        time,
    };
    let actor = ctx.require_actor()?;
    policy::authorize(
        &ctx.backend.db,
        actor,
        Action::ReadInsights,
        Resource::OwnOrganisation,
    )
    .await?;
    let org = actor.organisation_id.ok_or(AppError::NotFound)?;
    let db = &ctx.backend.db;

    // Normalise the filters: a known period kind, a range of at most five years ending no
    // later than this month, known team/phase/group values (anything else means "all").
    let this_month = store::month_of(time::now());
    let per = if filter.per == "kwartaal" {
        "kwartaal"
    } else {
        "maand"
    };
    let to = Some(filter.tot.clone())
        .filter(|m| !month_list(m, m).is_empty() && *m <= this_month)
        .unwrap_or_else(|| this_month.clone());
    let default_from = months_back(&to, 12).first().cloned().unwrap_or(to.clone());
    let from = Some(filter.van.clone())
        .filter(|m| !month_list(m, m).is_empty() && *m <= to)
        .unwrap_or(default_from);
    // At most five years in one table.
    let earliest = months_back(&to, 60).first().cloned().unwrap_or(to.clone());
    let from = from.max(earliest);
    let months = month_list(&from, &to);
    let teams: Vec<(String, String)> = store::teams(db, org)
        .await?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let team = Some(filter.team.clone()).filter(|t| teams.iter().any(|(id, _)| id == t));
    let phase = PhaseCode::parse(&filter.fase).map(|p| p.code().to_string());
    let group = Some(filter.groep.clone()).filter(|g| g == "parent" || g == "young_person");
    let applied = InsightFilter {
        per: per.to_string(),
        van: from.clone(),
        tot: to.clone(),
        team: team.clone().unwrap_or_default(),
        fase: phase.clone().unwrap_or_default(),
        groep: group.clone().unwrap_or_default(),
    };
    // Whole quarters in quarter mode, so a row never covers part of a quarter.
    let (first, last) = match (months.first(), months.last()) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        _ => (to.clone(), to.clone()),
    };
    let (q_from, q_to) = if per == "kwartaal" {
        (quarter_start(&first), quarter_end(&last))
    } else {
        (first.clone(), last.clone())
    };
    // The rules need the whole quarter around every month shown (a month's parent).
    let (load_from, load_to) = (quarter_start(&q_from), quarter_end(&q_to));
    let cells = store::cells(db, org, &load_from, &load_to).await?;
    let replies = store::reply_days(db, org, &load_from, &load_to).await?;
    let contacts = store::contacts(db, org, &load_from, &load_to).await?;

    let periods: Vec<Period> = if per == "kwartaal" {
        let mut qs: Vec<String> = month_list(&q_from, &q_to)
            .iter()
            .map(|m| Period::quarter_of(m))
            .collect();
        qs.dedup();
        qs.into_iter().map(Period::Quarter).collect()
    } else {
        months.iter().cloned().map(Period::Month).collect()
    };
    // One suppression pattern for everything this organisation's analysts can ask for in
    // these quarters, whatever the filter: the filter only reads it.
    let pattern = Pattern::of(
        &cells,
        &Choices {
            teams: teams.iter().map(|(id, _)| id.clone()).collect(),
            phases: PhaseCode::ALL
                .iter()
                .map(|p| p.code().to_string())
                .collect(),
            groups: vec!["parent".to_string(), "young_person".to_string()],
        },
    );
    let figures = |sel: &Selection, label: String| -> Figures {
        if !pattern.shown(sel) {
            return Figures {
                label,
                ..Default::default()
            };
        }
        let mine: Vec<_> = cells.iter().filter(|c| sel.matches(*c)).collect();
        let sum = |f: fn(&store::CellRow) -> i64| mine.iter().map(|c| f(c)).sum::<i64>();
        let n = sum(|c| c.responses);
        let mean = |s: i64| if n > 0 { s as f64 / n as f64 } else { 0.0 };
        let sums = [
            sum(|c| c.sum_heard),
            sum(|c| c.sum_topics),
            sum(|c| c.sum_approach),
            sum(|c| c.sum_overall),
        ];
        let lows = [
            sum(|c| c.low_heard),
            sum(|c| c.low_topics),
            sum(|c| c.low_approach),
            sum(|c| c.low_overall),
        ];
        let highs = [
            sum(|c| c.high_heard),
            sum(|c| c.high_topics),
            sum(|c| c.high_approach),
            sum(|c| c.high_overall),
        ];
        let below = sum(|c| c.below_cutoff);
        let contacts_n: i64 = contacts
            .iter()
            .filter(|(m, t, p, _)| {
                sel.period.contains(m)
                    && sel.team.as_deref().is_none_or(|x| x == t)
                    && sel.phase.as_deref().is_none_or(|x| x == p)
            })
            .map(|(_, _, _, n)| n)
            .sum();
        let mut hist: Vec<(i64, i64)> = replies
            .iter()
            .filter(|(m, t, p, g, _, _)| {
                sel.period.contains(m)
                    && sel.team.as_deref().is_none_or(|x| x == t)
                    && sel.phase.as_deref().is_none_or(|x| x == p)
                    && sel.group.as_deref().is_none_or(|x| x == g)
            })
            .map(|(_, _, _, _, d, n)| (*d, *n))
            .collect();
        let mut bands = [[0i64; 3]; 4];
        for i in 0..4 {
            let (lo, hi) = (pct(lows[i], n), pct(highs[i], n));
            bands[i] = [lo, (100 - lo - hi).max(0), hi];
        }
        Figures {
            label,
            shown: true,
            responses: crate::backend::anonymity::rounded(n),
            rate: (contacts_n > 0).then(|| pct(n, contacts_n)),
            means: sums.map(mean),
            mean_total: mean(sums.iter().sum()),
            bands,
            below: pct(below, n),
            below_replied: (below > 0).then(|| pct(sum(|c| c.below_replied), below)),
            below_discussed: (below > 0).then(|| pct(sum(|c| c.below_discussed), below)),
            median_reply_days: median(&mut hist),
        }
    };
    let rows: Vec<Figures> = periods
        .iter()
        .map(|p| {
            let sel = Selection {
                period: p.clone(),
                team: team.clone(),
                phase: phase.clone(),
                group: group.clone(),
            };
            figures(&sel, p.label().to_string())
        })
        .collect();
    let latest = periods.last().cloned().unwrap_or(Period::Month(to.clone()));
    let team_rows: Vec<Figures> = teams
        .iter()
        .map(|(id, name)| {
            let sel = Selection {
                period: latest.clone(),
                team: Some(id.clone()),
                phase: phase.clone(),
                group: group.clone(),
            };
            figures(&sel, name.clone())
        })
        .collect();

    // Correction requests: per period, the same rules (a requester is a respondent).
    let corr = store::corrections(db, org, &load_from, &load_to).await?;
    let corr_days = store::correction_days(db, org, &load_from, &load_to).await?;
    let corr_pattern = Pattern::of(&corr, &Choices::periods_only());
    let corrections = periods
        .iter()
        .map(|p| {
            let sel = Selection {
                period: p.clone(),
                team: None,
                phase: None,
                group: None,
            };
            let label = p.label().to_string();
            if !corr_pattern.shown(&sel) {
                return CorrectionFigures {
                    label,
                    ..Default::default()
                };
            }
            let mine: Vec<_> = corr.iter().filter(|c| p.contains(&c.month)).collect();
            let requests: i64 = mine.iter().map(|c| c.requests).sum();
            let accepted: i64 = mine.iter().map(|c| c.accepted).sum();
            let declined: i64 = mine.iter().map(|c| c.declined).sum();
            let within: i64 = mine.iter().map(|c| c.within_deadline).sum();
            let decided = accepted + declined;
            let mut hist: Vec<(i64, i64)> = corr_days
                .iter()
                .filter(|(m, _, _)| p.contains(m))
                .map(|(_, d, n)| (*d, *n))
                .collect();
            CorrectionFigures {
                label,
                shown: true,
                requests: crate::backend::anonymity::rounded(requests),
                accepted: (decided > 0).then(|| pct(accepted, decided)),
                declined: (decided > 0).then(|| pct(declined, decided)),
                median_days: median(&mut hist),
                within_deadline: (decided > 0).then(|| pct(within, decided)),
            }
        })
        .collect();

    let organisation = people::organisation_name(db, org).await?;
    let event = AuditEvent::new(Some(actor.account_id), action, "insights", &ctx.client_ip).on(org);
    ctx.backend.audit.record(event).await?;
    let mut choose = months_back(&this_month, 60);
    choose.reverse();
    Ok(Insights {
        organisation,
        filter: applied,
        months: choose,
        teams,
        team_period: latest.label().to_string(),
        periods: rows,
        team_rows,
        corrections,
    })
}

// ---- Page ----

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
    super::loaded(data, move |i: Insights| {
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
