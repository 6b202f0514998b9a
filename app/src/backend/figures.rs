//! The insights figures (`/inzicht` and its CSV): the filter normalised, the summary cells
//! read, every cell decided by `anonymity`, then means, shares and medians. Policy first,
//! audit row after; pages, the CSV route and the bench all come here.
use crate::{
    backend::{
        anonymity::{self, Choices, Pattern, Period, Selection},
        policy::{self, Action, Resource},
        store::{insights as store, people},
        time, RequestCtx,
    },
    domain::{
        insights::{CorrectionFigures, Figures, InsightFilter, Insights},
        PhaseCode,
    },
    error::AppError,
};

/// The CSV of exactly the period table on screen (same suppression), for `/inzicht/export.csv`.
pub async fn csv_export(ctx: &RequestCtx, filter: InsightFilter) -> Result<String, AppError> {
    let insights = build(ctx, filter, "export").await?;
    Ok(to_csv(&insights))
}

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

impl anonymity::Cell for store::CellRow {
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

impl anonymity::Cell for store::CorrectionCell {
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
fn quarter_start(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("2000", "01"));
    let m: u32 = m.parse().unwrap_or(1).clamp(1, 12);
    format!("{y}-{:02}", (m - 1) / 3 * 3 + 1)
}

fn quarter_end(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("2000", "01"));
    let m: u32 = m.parse().unwrap_or(1).clamp(1, 12);
    format!("{y}-{:02}", (m - 1) / 3 * 3 + 3)
}

/// The median of a histogram of whole days.
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

fn pct(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part * 100 + whole / 2) / whole
    }
}

/// Everything the page shows, for the logged-in analyst's (or manager's) own organisation.
pub async fn build(
    ctx: &RequestCtx,
    filter: InsightFilter,
    action: &'static str,
) -> Result<Insights, AppError> {
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
            responses: anonymity::rounded(n),
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
                requests: anonymity::rounded(requests),
                accepted: (decided > 0).then(|| pct(accepted, decided)),
                declined: (decided > 0).then(|| pct(declined, decided)),
                median_days: median(&mut hist),
                within_deadline: (decided > 0).then(|| pct(within, decided)),
            }
        })
        .collect();

    let organisation = people::organisation_name(db, org).await?;
    let event = ctx.event(actor, action, "insights").on(org);
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
