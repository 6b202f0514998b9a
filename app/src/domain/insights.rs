//! The organisation's anonymised client-experience figures as the insights page shows them and
//! the CSV carries them (`backend::figures` makes them; `pages::insights` shows them). Nothing
//! here can name a person: every cell was decided by `backend::anonymity`.
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
