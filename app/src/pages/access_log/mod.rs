//! "Wie heeft mijn dossier bekeken?" (`/wie-keek-mee`): the family's view of the audit trail
//! (NEN 7513), answering "who, from which organisation, read or changed what about me, and
//! when". Others first: professionals, confidants, the organisations' systems, each grouped per
//! person and day ("Jeroen Smit, 3 maart: het rapport … bekeken, 4 keer"); the family's own
//! doings only on request. Any month can be chosen and every page of groups reached, so
//! nothing that happened is ever out of reach. The same groups go into the download.
//!
//! This file holds the view model, the filter and the server function's shell; `ssr` reads
//! and groups the trail through the visibility rule; `view` the components.
use crate::error::AppError;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod ssr;
mod view;

#[cfg(feature = "ssr")]
pub(crate) use ssr::access_groups;
#[cfg(feature = "ssr")]
pub use ssr::everything;
pub use view::AccessLogPage;

/// How many groups (a person's doings on one day) one page shows.
pub const GROUPS_PER_PAGE: usize = 20;

/// The page's filter, as the plain GET form sends it (`?maand=2026-11&zelf=ja&pagina=2`).
/// Anything that does not parse falls back to the default: every month, others only, page 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessFilter {
    /// "2026-11": that month; empty: every month.
    #[serde(default)]
    pub maand: String,
    /// "ja": with the family's own doings.
    #[serde(default)]
    pub zelf: String,
    /// 1, 2, …
    #[serde(default)]
    pub pagina: String,
}

impl AccessFilter {
    /// The chosen month (its first day), if any.
    pub fn month(&self) -> Option<NaiveDate> {
        let m = self.maand.trim();
        (m.len() == 7)
            .then(|| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
            .flatten()
            .filter(|d| d.year() >= 2000)
    }

    pub fn with_family(&self) -> bool {
        self.zelf.trim() == "ja"
    }

    pub fn page(&self) -> usize {
        self.pagina
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=10_000).contains(p))
            .unwrap_or(1)
    }
}

/// The address of one view of the log: what every link and the form lead to.
pub fn href(month: Option<NaiveDate>, with_family: bool, page: usize) -> String {
    let mut query = Vec::new();
    if let Some(m) = month {
        query.push(format!("maand={}", m.format("%Y-%m")));
    }
    if with_family {
        query.push("zelf=ja".to_string());
    }
    if page > 1 {
        query.push(format!("pagina={page}"));
    }
    if query.is_empty() {
        "/wie-keek-mee".to_string()
    } else {
        format!("/wie-keek-mee?{}", query.join("&"))
    }
}

/// One page of the log, as the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLog {
    /// The month shown (its first day); None: every month since the case was opened.
    pub month: Option<NaiveDate>,
    pub with_family: bool,
    pub page: usize,
    /// Whether an older page follows.
    pub more: bool,
    /// The months to choose from, newest first.
    pub months: Vec<NaiveDate>,
    /// The day the case was opened.
    pub since: NaiveDate,
    /// People from outside the family in the period (professionals and confidants), and the
    /// organisations the professionals work for.
    pub people: usize,
    pub organisations: usize,
    pub groups: Vec<AccessGroup>,
}

/// What one person (or system) did in the dossier on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessGroup {
    pub day: NaiveDate,
    pub who: String,
    /// "Raadsonderzoeker, Raad voor de Kinderbescherming", for a professional or a system.
    pub role: Option<String>,
    /// The organisation, for a professional or a system.
    pub organisation: Option<String>,
    /// An organisation's system or Helder itself, not a person.
    pub system: bool,
    /// The reader themself.
    pub by_me: bool,
    /// A member of the family (or the reader): nothing to question.
    pub family: bool,
    /// How many times, in all.
    pub times: i64,
    pub items: Vec<AccessItem>,
}

/// One thing read or changed, and how often that day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessItem {
    pub what: String,
    pub times: i64,
    /// A change (published, shielded, handed over, shared …), not a read.
    pub change: bool,
}

#[server(prefix = "/api", endpoint = "access_log")]
pub async fn load_access_log(
    #[server(default)] filter: AccessFilter,
) -> Result<AccessLog, AppError> {
    crate::error::respond(ssr::build(filter).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_falls_back_to_the_default_on_anything_odd() {
        let f = |maand: &str, zelf: &str, pagina: &str| AccessFilter {
            maand: maand.into(),
            zelf: zelf.into(),
            pagina: pagina.into(),
        };
        assert_eq!(
            f("2026-11", "ja", "2").month(),
            NaiveDate::from_ymd_opt(2026, 11, 1)
        );
        for odd in [
            "",
            "2026",
            "2026-13",
            "26-11",
            "2026-11-01",
            "1999-12",
            "<script>",
        ] {
            assert_eq!(f(odd, "", "").month(), None, "{odd}");
        }
        assert!(f("", "ja", "").with_family() && !f("", "nee", "").with_family());
        assert_eq!(f("", "", "3").page(), 3);
        for odd in ["", "0", "-1", "x", "99999999999999999999", "10001"] {
            assert_eq!(f("", "", odd).page(), 1, "{odd}");
        }
    }

    #[test]
    fn links_carry_only_what_differs_from_the_default() {
        assert_eq!(href(None, false, 1), "/wie-keek-mee");
        assert_eq!(
            href(NaiveDate::from_ymd_opt(2026, 3, 1), true, 2),
            "/wie-keek-mee?maand=2026-03&zelf=ja&pagina=2"
        );
    }
}
