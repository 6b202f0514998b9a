//! The scores of feedback responses over time: a chart of the totals (with the cut-off) and the
//! same numbers as a table. Used by the family's feedback page and the professional's case page.
use super::{
    chart::{LineChart, Point},
    dates::{day_month, long_date},
};
use crate::{
    domain::feedback::{total, Scale, Scores, LOW_TOTAL},
    i18n::{t, tf, Lang, Msg},
};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    pub date: NaiveDate,
    /// Who answered (none on the family's own page, or when sent without a name).
    pub who: Option<String>,
    pub scores: Scores,
}

#[component]
pub fn ScoreTrend(lang: Lang, rows: Vec<TrendRow>, with_who: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{t(lang, Msg::FbTrendNone)}</p> }.into_any();
    }
    let points = rows
        .iter()
        .map(|r| Point {
            label: day_month(lang, r.date),
            value: f64::from(total(&r.scores)),
        })
        .collect();
    let cutoff = (
        f64::from(LOW_TOTAL),
        tf(lang, Msg::FbCutoff, &[("n", &LOW_TOTAL.to_string())]),
    );
    view! {
        <figure class="trend">
            <LineChart title=t(lang, Msg::FbTrendTitle).to_string() points max=40.0 line=cutoff/>
            <figcaption>{t(lang, Msg::FbTrendCaption)}</figcaption>
        </figure>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(lang, Msg::FbTableCaption)>
            <table class="scores">
                <caption>{t(lang, Msg::FbTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, Msg::FbDate)}</th>
                        {with_who.then(|| view! { <th scope="col">{t(lang, Msg::FbWho)}</th> })}
                        {Scale::ALL.into_iter().map(|s| view! { <th scope="col">{t(lang, s.short())}</th> }).collect_view()}
                        <th scope="col">{t(lang, Msg::FbTotal)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{long_date(lang, r.date)}</th>
                            {with_who.then(|| view! { <td>{r.who.clone().unwrap_or_else(|| t(lang, Msg::FbAnonymous).to_string())}</td> })}
                            {r.scores.iter().map(|s| view! { <td>{*s}</td> }).collect_view()}
                            <td><strong>{total(&r.scores)}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
