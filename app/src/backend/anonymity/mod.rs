//! What of the organisation's figures may be shown: the one place that decides.
//!
//! The figures come from summary cells (organisation × month × team × phase × respondent
//! group; `store::insights`). Everything an analyst can ask for is a *selection*: one period (a
//! month or a quarter) and a team or all teams, a phase or all phases, a group or both. All the
//! selections of one quarter form one lattice, tied together by linear relations: a total is the
//! sum of its parts along the team, along the phase, along the group, and a quarter is the sum
//! of its three months. Every count and every sum behind a mean obeys the same relations, so
//! anyone holding several tables can add and subtract them. The rules therefore decide the
//! whole lattice at once — never one table or one filter — and a filter only reads the result:
//!
//! 1. **enough people** (primary): a selection with fewer than [`MIN_RESPONDENTS`] distinct
//!    respondents is hidden. Distinct people are exact per summary cell but do not add up
//!    (one person can answer in two months or two teams), so a selection's count is the
//!    *largest* exact count among its cells: a lower bound, which can only hide too much.
//!    Values an analyst cannot choose (a response without a team, say) are counted in the
//!    totals but never shown on their own, so they are hidden cells too.
//! 2. **no lone hidden cell** (secondary, in every relation at once, repeated until nothing
//!    changes): in a relation with exactly one hidden cell, that cell would be the total minus
//!    the shown parts; and when the total is shown, the hidden parts together are known, so
//!    they must be at least [`MIN_RESPONDENTS`] people (by the same lower bound). Either way the
//!    smallest shown part (by responses) is hidden as well, or the total when no part is left.
//! 3. **audit** (exact): rule 2 looks at one relation at a time, but relations can be chained
//!    (what one gives can be put into another). So the hidden cells are treated as unknowns of
//!    all relations together, the shown cells as exactly known (rounding is not counted on),
//!    and empty cells as known zeros; a hidden cell that the equations pin down to one value
//!    gets one more shown cell of its relations hidden (the smallest), then rules 2–3 repeat.
//!
//! Responses (not people) are what add up, so the relations are over response counts and the
//! sums of scores; people only set the threshold. The result depends only on the quarter's
//! data and the values an analyst can choose — not on the filter, the page or the export — so
//! months and quarters, the page and every CSV show one consistent pattern, and no table or
//! combination of tables gives the count, a mean, a spread or a percentage of one hidden cell.
//! What can be computed is at most a pooled figure of several hidden cells; along a single
//! relation with its total shown that pool is at least ten people. Because of that, a shown
//! cell shows all its figures (means included) even when a sibling is hidden; counts are still
//! rounded to [`ROUND_TO`], as blur, not as protection. Limit: this protects against exact
//! computation; bounds that follow from counts never being negative are not audited, and
//! medians are not part of the relations. No comment, name, id or date finer than a month is
//! ever shown.
//!
//! The parts: this file holds what the rest of Helder calls (periods, selections, the
//! pattern); `lattice` lays one quarter out, writes its relations and hides cells (the
//! primary and secondary rules); `audit` proves exactly, in modular arithmetic (`exact`), that
//! no hidden cell can be worked out from what is shown.
mod audit;
mod exact;
mod lattice;
#[cfg(test)]
mod tests;

use lattice::Lattice;
use std::collections::HashMap;

/// No figure is shown for fewer distinct respondents than this.
pub const MIN_RESPONDENTS: i64 = 10;
/// Shown counts are rounded to a multiple of this.
pub const ROUND_TO: i64 = 5;

/// A count as it may be shown: rounded to the nearest multiple of [`ROUND_TO`].
pub fn rounded(n: i64) -> i64 {
    ((n + ROUND_TO / 2) / ROUND_TO) * ROUND_TO
}

/// A period: one month ("2026-11") or one quarter ("2026-Q4").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Month(String),
    Quarter(String),
}

impl Period {
    /// The quarter a month ("YYYY-MM") belongs to.
    pub fn quarter_of(month: &str) -> String {
        let (y, m) = month.split_once('-').unwrap_or((month, "01"));
        let q = (m.parse::<u32>().unwrap_or(1).clamp(1, 12) - 1) / 3 + 1;
        format!("{y}-Q{q}")
    }

    pub fn contains(&self, month: &str) -> bool {
        match self {
            Period::Month(m) => m == month,
            Period::Quarter(q) => Period::quarter_of(month) == *q,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Period::Month(m) | Period::Quarter(m) => m,
        }
    }
}

/// What one summary cell must tell the rules.
pub trait Cell {
    fn month(&self) -> &str;
    fn team(&self) -> &str;
    fn phase(&self) -> &str;
    fn group(&self) -> &str;
    /// Exact distinct respondents in this cell.
    fn respondents(&self) -> i64;
    /// Records in this cell (to order siblings by size).
    fn weight(&self) -> i64;
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Selection {
    pub period: Period,
    pub team: Option<String>,
    pub phase: Option<String>,
    pub group: Option<String>,
}

impl Selection {
    pub fn matches<C: Cell>(&self, c: &C) -> bool {
        self.period.contains(c.month())
            && self.team.as_deref().is_none_or(|t| t == c.team())
            && self.phase.as_deref().is_none_or(|p| p == c.phase())
            && self.group.as_deref().is_none_or(|g| g == c.group())
    }
}

/// The values an analyst can choose in each dimension. Other values found in the data are
/// part of the totals but are never shown on their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub teams: Vec<String>,
    pub phases: Vec<String>,
    pub groups: Vec<String>,
}

impl Choices {
    /// A table with only periods (no team, phase or group: cells carry "" there).
    pub fn periods_only() -> Choices {
        Choices {
            teams: vec![String::new()],
            phases: vec![String::new()],
            groups: vec![String::new()],
        }
    }
}

/// Which selections may be shown: decided once for all the data handed in, per quarter.
#[derive(Clone, Debug, Default)]
pub struct Pattern {
    quarters: HashMap<String, Lattice>,
}

impl Pattern {
    /// Decides every selection of every quarter that has cells. Pass whole quarters: a
    /// quarter with some months missing would be decided on part of its data.
    pub fn of<C: Cell>(cells: &[C], choices: &Choices) -> Pattern {
        let mut by_quarter: HashMap<String, Vec<&C>> = HashMap::new();
        for c in cells {
            by_quarter
                .entry(Period::quarter_of(c.month()))
                .or_default()
                .push(c);
        }
        Pattern {
            quarters: by_quarter
                .into_iter()
                .map(|(q, cells)| (q, Lattice::decide(&cells, choices)))
                .collect(),
        }
    }

    /// May this selection be shown? (Empty selections never are.)
    pub fn shown(&self, sel: &Selection) -> bool {
        let quarter = match &sel.period {
            Period::Month(m) => Period::quarter_of(m),
            Period::Quarter(q) => q.clone(),
        };
        self.quarters
            .get(&quarter)
            .is_some_and(|l| l.index(sel).is_some_and(|i| !l.hidden[i]))
    }
}
