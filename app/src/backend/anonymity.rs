//! What of the organisation's figures may be shown: the one place that decides.
//!
//! The figures come from summary cells (organisation × month × team × phase × respondent
//! group; `store::insights`). Whatever the analyst selects is a *selection*: one period (a
//! month or a quarter) and optionally one team, phase and group. A selection is shown only when
//! 1. **enough people**: at least [`MIN_RESPONDENTS`] distinct respondents. Distinct people do
//!    not add up across cells, so a selection's count is the largest exact count among its
//!    cells: a lower bound, so this can only hide too much, never too little;
//! 2. **no differencing**: for every dimension the selection fixes (team, phase, group, and
//!    the month within its quarter), take its siblings (the other values under the same
//!    parent). Siblings that fail rule 1 are hidden; while the hidden siblings together could
//!    be fewer than [`MIN_RESPONDENTS`] people (again by the safe lower bound), the smallest
//!    shown sibling is hidden as well. A selection hidden this way in any of its dimensions is
//!    not shown. So the difference of an allowed parent and its allowed children is always
//!    empty or a group of at least ten, never one suppressed cell.
//!
//! The decision depends only on the data, not on the page that asks, so the same selection is
//! shown or hidden the same way on every page and in every export. Counts that are shown are
//! rounded to [`ROUND_TO`]; no comment, name, id or date finer than a month is ever shown.
use std::collections::BTreeSet;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dim {
    Team,
    Phase,
    Group,
    Month,
}

impl Selection {
    pub fn matches<C: Cell>(&self, c: &C) -> bool {
        self.period.contains(c.month())
            && self.team.as_deref().is_none_or(|t| t == c.team())
            && self.phase.as_deref().is_none_or(|p| p == c.phase())
            && self.group.as_deref().is_none_or(|g| g == c.group())
    }

    fn fixed(&self) -> Vec<Dim> {
        let mut dims = Vec::new();
        if self.team.is_some() {
            dims.push(Dim::Team);
        }
        if self.phase.is_some() {
            dims.push(Dim::Phase);
        }
        if self.group.is_some() {
            dims.push(Dim::Group);
        }
        if matches!(self.period, Period::Month(_)) {
            dims.push(Dim::Month);
        }
        dims
    }

    fn relaxed(&self, dim: Dim) -> Selection {
        let mut s = self.clone();
        match dim {
            Dim::Team => s.team = None,
            Dim::Phase => s.phase = None,
            Dim::Group => s.group = None,
            Dim::Month => s.period = Period::Quarter(Period::quarter_of(self.period.label())),
        }
        s
    }

    fn with(&self, dim: Dim, value: &str) -> Selection {
        let mut s = self.clone();
        match dim {
            Dim::Team => s.team = Some(value.to_string()),
            Dim::Phase => s.phase = Some(value.to_string()),
            Dim::Group => s.group = Some(value.to_string()),
            Dim::Month => s.period = Period::Month(value.to_string()),
        }
        s
    }
}

fn value<C: Cell>(c: &C, dim: Dim) -> &str {
    match dim {
        Dim::Team => c.team(),
        Dim::Phase => c.phase(),
        Dim::Group => c.group(),
        Dim::Month => c.month(),
    }
}

/// The safe lower bound of distinct respondents in a selection, and its records.
fn size<C: Cell>(cells: &[C], sel: &Selection) -> (i64, i64) {
    cells
        .iter()
        .filter(|c| sel.matches(*c))
        .fold((0, 0), |(lb, w), c| {
            (lb.max(c.respondents()), w + c.weight())
        })
}

/// Rule 1 alone.
fn enough<C: Cell>(cells: &[C], sel: &Selection) -> bool {
    size(cells, sel).0 >= MIN_RESPONDENTS
}

/// May this selection be shown? (See the module documentation.)
pub fn shown<C: Cell>(cells: &[C], sel: &Selection) -> bool {
    if !enough(cells, sel) {
        return false;
    }
    sel.fixed()
        .into_iter()
        .all(|dim| !hidden_among_siblings(cells, sel, dim))
}

/// Rule 2 for one dimension: is `sel` hidden to protect its hidden siblings?
fn hidden_among_siblings<C: Cell>(cells: &[C], sel: &Selection, dim: Dim) -> bool {
    let parent = sel.relaxed(dim);
    if !enough(cells, &parent) {
        // The parent is never shown, so nothing can be taken away from it.
        return false;
    }
    let values: BTreeSet<&str> = cells
        .iter()
        .filter(|c| parent.matches(*c))
        .map(|c| value(c, dim))
        .collect();
    // (lower bound, records, value) of every non-empty sibling.
    let mut siblings: Vec<(i64, i64, String)> = values
        .into_iter()
        .map(|v| {
            let (lb, w) = size(cells, &sel.with(dim, v));
            (lb, w, v.to_string())
        })
        .filter(|(_, w, _)| *w > 0)
        .collect();
    siblings.sort_by(|a, b| (a.1, &a.2).cmp(&(b.1, &b.2)));
    let mut hidden: Vec<bool> = siblings
        .iter()
        .map(|(lb, _, _)| *lb < MIN_RESPONDENTS)
        .collect();
    loop {
        let union_lb = siblings
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|((lb, _, _), _)| *lb)
            .max();
        match union_lb {
            Some(lb) if lb < MIN_RESPONDENTS => match hidden.iter().position(|h| !h) {
                Some(i) => hidden[i] = true,
                None => break,
            },
            _ => break,
        }
    }
    let me = match dim {
        Dim::Team => sel.team.clone(),
        Dim::Phase => sel.phase.clone(),
        Dim::Group => sel.group.clone(),
        Dim::Month => Some(sel.period.label().to_string()),
    };
    siblings
        .iter()
        .zip(&hidden)
        .any(|((_, _, v), h)| *h && Some(v) == me.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct C(&'static str, &'static str, i64);

    impl Cell for C {
        fn month(&self) -> &str {
            "2026-01"
        }
        fn team(&self) -> &str {
            self.0
        }
        fn phase(&self) -> &str {
            self.1
        }
        fn group(&self) -> &str {
            "parent"
        }
        fn respondents(&self) -> i64 {
            self.2
        }
        fn weight(&self) -> i64 {
            self.2
        }
    }

    fn team(t: &str) -> Selection {
        Selection {
            period: Period::Quarter("2026-Q1".into()),
            team: Some(t.into()),
            phase: None,
            group: None,
        }
    }

    #[test]
    fn counts_are_rounded_to_five() {
        assert_eq!(rounded(12), 10);
        assert_eq!(rounded(13), 15);
        assert_eq!(rounded(0), 0);
    }

    #[test]
    fn a_small_team_is_hidden_and_so_is_the_next_smallest() {
        let cells = [C("a", "x", 30), C("b", "x", 12), C("c", "x", 4)];
        assert!(!shown(&cells, &team("c")), "primary");
        assert!(
            !shown(&cells, &team("b")),
            "secondary: else c = all − a − b"
        );
        assert!(shown(&cells, &team("a")));
        // Two small teams might be the same six people (distinct people do not add up), so
        // the rest cannot be shown either: too much is hidden, never too little.
        let cells = [C("a", "x", 30), C("b", "x", 6), C("c", "x", 4)];
        assert!(!shown(&cells, &team("a")));
        // Without a parent to subtract from there is nothing to protect.
        let cells = [C("a", "x", 30)];
        assert!(shown(&cells, &team("a")));
    }

    #[test]
    fn quarters_are_named_by_their_months() {
        assert_eq!(Period::quarter_of("2026-11"), "2026-Q4");
        assert_eq!(Period::quarter_of("2026-01"), "2026-Q1");
    }
}
