//! "Wat vinden gezinnen van onze samenwerking?" (`/inzicht`): the organisation's anonymised
//! client-experience figures, for its analysts and management. Per period (month or quarter):
//! responses, response rate, the mean and spread of each scale, the share below the cut-off and
//! how often those got a reply and a conversation, the median days to a reply; the teams
//! compared in the latest period; correction requests and how they were handled. Filters are
//! a plain GET form (no script); the CSV export is the same table.
//!
//! Nothing here can show a person: `backend::anonymity` decides every cell, counts are rounded
//! to five, and there are no comments, names, ids or dates finer than a month.
//!
//! This file holds the view models and the server functions' shells; `ssr` the
//! server-only work behind them; `view` the components.
use crate::{
    components::chart::{LineChart, Point},
    domain::{feedback::Scale, PhaseCode},
    error::AppError,
    i18n::{t, tf, use_lang, Lang, Msg},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
pub use ssr::{build, csv_export};
pub use view::InsightsPage;

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
