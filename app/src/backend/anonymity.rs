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
use std::collections::{BTreeSet, HashMap};

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

/// One quarter: every selection (its months and the quarter × every team and all × every
/// phase and all × every group and both) as one flat array. Coordinate 0 of a dimension is
/// its total (the quarter, all teams, all phases, both groups); 1.. are its values.
#[derive(Clone, Debug, Default)]
struct Lattice {
    /// The values of each dimension: months, teams, phases, groups (sorted).
    values: [Vec<String>; 4],
    /// Responses per node (what adds up), and the lower bound of distinct respondents.
    responses: Vec<i64>,
    people: Vec<i64>,
    hidden: Vec<bool>,
}

/// A cell's value in dimension `d`: month, team, phase, group.
fn value<C: Cell>(c: &C, d: usize) -> &str {
    match d {
        0 => c.month(),
        1 => c.team(),
        2 => c.phase(),
        _ => c.group(),
    }
}

/// A relation: the total is the sum of the parts (empty parts left out: known zeros).
struct Relation {
    total: usize,
    parts: Vec<usize>,
}

impl Lattice {
    fn sizes(&self) -> [usize; 4] {
        [0, 1, 2, 3].map(|d| self.values[d].len() + 1)
    }

    fn flat(&self, c: [usize; 4]) -> usize {
        let n = self.sizes();
        ((c[0] * n[1] + c[1]) * n[2] + c[2]) * n[3] + c[3]
    }

    fn index(&self, sel: &Selection) -> Option<usize> {
        let at = |d: usize, v: Option<&str>| -> Option<usize> {
            match v {
                None => Some(0),
                Some(v) => self.values[d].iter().position(|x| x == v).map(|i| i + 1),
            }
        };
        let month = match &sel.period {
            Period::Month(m) => Some(m.as_str()),
            Period::Quarter(_) => None,
        };
        Some(self.flat([
            at(0, month)?,
            at(1, sel.team.as_deref())?,
            at(2, sel.phase.as_deref())?,
            at(3, sel.group.as_deref())?,
        ]))
    }

    fn decide<C: Cell>(cells: &[&C], choices: &Choices) -> Lattice {
        let chosen = [
            &Vec::new(),
            &choices.teams,
            &choices.phases,
            &choices.groups,
        ];
        let mut l = Lattice {
            values: [0, 1, 2, 3].map(|d| {
                let mut set: BTreeSet<String> = chosen[d].iter().cloned().collect();
                set.extend(cells.iter().map(|c| value(*c, d).to_string()));
                set.into_iter().collect()
            }),
            ..Default::default()
        };
        let n = l.sizes();
        let total = n.iter().product();
        l.responses = vec![0; total];
        l.people = vec![0; total];
        // Every cell counts in the 16 selections above it (each dimension: itself or total).
        for c in cells {
            let at = [0, 1, 2, 3].map(|d| {
                let v = value(*c, d);
                l.values[d].iter().position(|x| x == v).unwrap_or(0) + 1
            });
            for mask in 0..16usize {
                let coords = [0, 1, 2, 3].map(|d| if mask & (1 << d) != 0 { 0 } else { at[d] });
                let i = l.flat(coords);
                l.responses[i] += c.weight();
                l.people[i] = l.people[i].max(c.respondents());
            }
        }
        // Rule 1, and values nobody can choose.
        l.hidden = (0..total)
            .map(|i| {
                let c = l.coords(i);
                let publishable =
                    (1..4).all(|d| c[d] == 0 || chosen[d].contains(&l.values[d][c[d] - 1]));
                l.responses[i] == 0 || l.people[i] < MIN_RESPONDENTS || !publishable
            })
            .collect();
        let relations = l.relations();
        let mut member_of: Vec<Vec<usize>> = vec![Vec::new(); total];
        for (r, rel) in relations.iter().enumerate() {
            for &i in std::iter::once(&rel.total).chain(&rel.parts) {
                member_of[i].push(r);
            }
        }
        // Rules 2 and 3 until the audit finds nothing; each round hides at least one more
        // cell, and with everything hidden nothing can be computed, so this ends.
        loop {
            l.secondary(&relations);
            let pinned = l.audit(&relations);
            if pinned.is_empty() {
                break;
            }
            let shown_member = |l: &Lattice, r: usize| {
                let rel = &relations[r];
                std::iter::once(rel.total)
                    .chain(rel.parts.iter().copied())
                    .filter(|&i| !l.hidden[i] && l.responses[i] > 0)
                    .min_by_key(|&i| (l.responses[i], i))
            };
            let mut progress = false;
            for x in pinned {
                let smallest = member_of[x]
                    .iter()
                    .filter_map(|&r| shown_member(&l, r))
                    .min_by_key(|&i| (l.responses[i], i));
                if let Some(i) = smallest {
                    l.hidden[i] = true;
                    progress = true;
                }
            }
            if !progress {
                // A cell pinned only through a chain of fully hidden relations: hide the
                // smallest shown cell next to any hidden one (there is one, or nothing
                // could be pinned).
                let touching = (0..relations.len()).filter(|&r| {
                    let rel = &relations[r];
                    std::iter::once(rel.total)
                        .chain(rel.parts.iter().copied())
                        .any(|i| l.hidden[i] && l.responses[i] > 0)
                });
                let pick = touching
                    .filter_map(|r| shown_member(&l, r))
                    .min_by_key(|&i| (l.responses[i], i));
                match pick {
                    Some(i) => l.hidden[i] = true,
                    None => break,
                }
            }
        }
        l
    }

    fn coords(&self, mut i: usize) -> [usize; 4] {
        let n = self.sizes();
        let mut c = [0; 4];
        for (cd, nd) in c.iter_mut().zip(n).rev() {
            *cd = i % nd;
            i /= nd;
        }
        c
    }

    /// Every relation with a non-empty total, in every dimension.
    fn relations(&self) -> Vec<Relation> {
        let n = self.sizes();
        let mut out = Vec::new();
        for i in 0..self.responses.len() {
            if self.responses[i] == 0 {
                continue;
            }
            let c = self.coords(i);
            for (d, &cd) in c.iter().enumerate() {
                if cd != 0 {
                    continue;
                }
                let parts = (1..n[d])
                    .map(|v| {
                        let mut p = c;
                        p[d] = v;
                        self.flat(p)
                    })
                    .filter(|&p| self.responses[p] > 0)
                    .collect();
                out.push(Relation { total: i, parts });
            }
        }
        out
    }

    /// Rule 2 over all relations until nothing changes.
    fn secondary(&mut self, relations: &[Relation]) {
        loop {
            let mut changed = false;
            for rel in relations {
                let total_hidden = self.hidden[rel.total];
                let hidden_parts: Vec<usize> = rel
                    .parts
                    .iter()
                    .copied()
                    .filter(|&p| self.hidden[p])
                    .collect();
                let n_hidden = hidden_parts.len() + usize::from(total_hidden);
                if n_hidden == 0 {
                    continue;
                }
                let pooled = hidden_parts
                    .iter()
                    .map(|&p| self.people[p])
                    .max()
                    .unwrap_or(0);
                let weak = n_hidden == 1
                    || (!total_hidden && !hidden_parts.is_empty() && pooled < MIN_RESPONDENTS);
                if !weak {
                    continue;
                }
                let next = rel
                    .parts
                    .iter()
                    .copied()
                    .filter(|&p| !self.hidden[p])
                    .min_by_key(|&p| (self.responses[p], p));
                match next {
                    Some(p) => self.hidden[p] = true,
                    None if !total_hidden => self.hidden[rel.total] = true,
                    None => continue,
                }
                changed = true;
            }
            if !changed {
                break;
            }
        }
    }

    /// Rule 3: the hidden non-empty cells that the relations pin down to one value, given
    /// every shown cell exactly. Solved per group of hidden cells that share relations.
    fn audit(&self, relations: &[Relation]) -> Vec<usize> {
        let unknown = |i: usize| self.hidden[i] && self.responses[i] > 0;
        // Each relation as its unknowns with +1 (total) or −1 (part).
        let rows: Vec<Vec<(usize, u64)>> = relations
            .iter()
            .map(|rel| {
                std::iter::once((rel.total, 1))
                    .chain(rel.parts.iter().map(|&p| (p, MODULUS - 1)))
                    .filter(|&(i, _)| unknown(i))
                    .collect::<Vec<_>>()
            })
            .filter(|r| !r.is_empty())
            .collect();
        // Groups of unknowns linked by a relation (union–find).
        let mut parent: HashMap<usize, usize> = HashMap::new();
        fn root(parent: &mut HashMap<usize, usize>, i: usize) -> usize {
            let p = *parent.entry(i).or_insert(i);
            if p == i {
                return i;
            }
            let r = root(parent, p);
            parent.insert(i, r);
            r
        }
        for row in &rows {
            let first = root(&mut parent, row[0].0);
            for &(i, _) in &row[1..] {
                let other = root(&mut parent, i);
                if other != first {
                    parent.insert(other, first);
                }
            }
        }
        let mut groups: HashMap<usize, Vec<&Vec<(usize, u64)>>> = HashMap::new();
        for row in &rows {
            let r = root(&mut parent, row[0].0);
            groups.entry(r).or_default().push(row);
        }
        let mut pinned = Vec::new();
        let mut keys: Vec<usize> = groups.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            let rows = &groups[&k];
            let mut cols: Vec<usize> = rows
                .iter()
                .flat_map(|r| r.iter().map(|&(i, _)| i))
                .collect();
            cols.sort_unstable();
            cols.dedup();
            let dense: Vec<Vec<u64>> = rows
                .iter()
                .map(|r| {
                    let mut v = vec![0u64; cols.len()];
                    for &(i, a) in r.iter() {
                        let j = cols.binary_search(&i).unwrap_or(0);
                        v[j] = add(v[j], a);
                    }
                    v
                })
                .collect();
            pinned.extend(pinned_columns(dense).into_iter().map(|j| cols[j]));
        }
        pinned.sort_unstable();
        pinned
    }
}

/// Exact arithmetic for the audit: integers modulo a large prime (2^61 − 1). The relations
/// have coefficients ±1, so a cell pinned down modulo this prime is pinned down over the
/// rationals except in astronomically rare cases, which can only make the audit hide more.
const MODULUS: u64 = (1 << 61) - 1;

fn add(a: u64, b: u64) -> u64 {
    (a + b) % MODULUS
}

fn mul(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(MODULUS)) as u64
}

fn inverse(a: u64) -> u64 {
    let (mut base, mut exp, mut acc) = (a, MODULUS - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    acc
}

/// The columns whose unit vector lies in the row space: after reducing to row echelon form
/// with zeros above and below every pivot, such a column is a row with one non-zero entry.
fn pinned_columns(mut rows: Vec<Vec<u64>>) -> Vec<usize> {
    let cols = rows.first().map_or(0, Vec::len);
    let mut rank = 0;
    let mut pivots = Vec::new();
    for c in 0..cols {
        let Some(r) = (rank..rows.len()).find(|&r| rows[r][c] != 0) else {
            continue;
        };
        rows.swap(rank, r);
        let inv = inverse(rows[rank][c]);
        for v in rows[rank].iter_mut() {
            *v = mul(*v, inv);
        }
        let pivot = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            if r == rank || row[c] == 0 {
                continue;
            }
            let f = row[c];
            for (x, p) in row.iter_mut().zip(&pivot) {
                *x = add(*x, MODULUS - mul(f, *p));
            }
        }
        pivots.push(c);
        rank += 1;
    }
    rows[..rank]
        .iter()
        .zip(pivots)
        .filter(|(row, _)| row.iter().filter(|v| **v != 0).count() == 1)
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (month, team, phase, group, responses, distinct respondents)
    #[derive(Clone)]
    struct C(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
        i64,
    );

    impl Cell for C {
        fn month(&self) -> &str {
            self.0
        }
        fn team(&self) -> &str {
            self.1
        }
        fn phase(&self) -> &str {
            self.2
        }
        fn group(&self) -> &str {
            self.3
        }
        fn respondents(&self) -> i64 {
            self.5
        }
        fn weight(&self) -> i64 {
            self.4
        }
    }

    fn choices(teams: &[&str]) -> Choices {
        Choices {
            teams: teams.iter().map(|s| s.to_string()).collect(),
            phases: vec!["GI_OTS".into(), "GI_VOOGDIJ".into()],
            groups: vec!["parent".into(), "young_person".into()],
        }
    }

    fn sel(
        period: Period,
        team: Option<&str>,
        phase: Option<&str>,
        group: Option<&str>,
    ) -> Selection {
        Selection {
            period,
            team: team.map(Into::into),
            phase: phase.map(Into::into),
            group: group.map(Into::into),
        }
    }

    /// Every selection an analyst can make over these cells and choices.
    fn all_selections(cells: &[C], ch: &Choices) -> Vec<Selection> {
        let mut periods: BTreeSet<Period> = BTreeSet::new();
        for c in cells {
            periods.insert(Period::Month(c.0.into()));
            periods.insert(Period::Quarter(Period::quarter_of(c.0)));
        }
        let opt = |v: &[String]| -> Vec<Option<String>> {
            std::iter::once(None)
                .chain(v.iter().cloned().map(Some))
                .collect()
        };
        let mut out = Vec::new();
        for p in &periods {
            for t in opt(&ch.teams) {
                for f in opt(&ch.phases) {
                    for g in opt(&ch.groups) {
                        out.push(Selection {
                            period: p.clone(),
                            team: t.clone(),
                            phase: f.clone(),
                            group: g.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    fn responses(cells: &[C], s: &Selection) -> i64 {
        cells.iter().filter(|c| s.matches(*c)).map(|c| c.4).sum()
    }

    /// Rule 2 seen from outside: in no relation between selections an analyst can make is
    /// exactly one non-empty member hidden (that one would be the difference of the others),
    /// unless values nobody can choose are part of it.
    fn no_lone_hidden_cell(cells: &[C], ch: &Choices, pattern: &Pattern) {
        for total in all_selections(cells, ch) {
            if responses(cells, &total) == 0 {
                continue;
            }
            let mut families: Vec<Vec<Selection>> = Vec::new();
            if total.team.is_none() {
                families.push(
                    ch.teams
                        .iter()
                        .map(|t| Selection {
                            team: Some(t.clone()),
                            ..total.clone()
                        })
                        .collect(),
                );
            }
            if total.phase.is_none() {
                families.push(
                    ch.phases
                        .iter()
                        .map(|f| Selection {
                            phase: Some(f.clone()),
                            ..total.clone()
                        })
                        .collect(),
                );
            }
            if total.group.is_none() {
                families.push(
                    ch.groups
                        .iter()
                        .map(|g| Selection {
                            group: Some(g.clone()),
                            ..total.clone()
                        })
                        .collect(),
                );
            }
            if let Period::Quarter(q) = &total.period {
                let months: BTreeSet<&str> = cells
                    .iter()
                    .map(|c| c.0)
                    .filter(|m| Period::quarter_of(m) == *q)
                    .collect();
                families.push(
                    months
                        .into_iter()
                        .map(|m| Selection {
                            period: Period::Month(m.into()),
                            ..total.clone()
                        })
                        .collect(),
                );
            }
            for parts in families {
                let covered: i64 = parts.iter().map(|p| responses(cells, p)).sum();
                if covered != responses(cells, &total) {
                    continue; // a value nobody can choose is part of it: never lone.
                }
                let hidden = std::iter::once(&total)
                    .chain(&parts)
                    .filter(|s| responses(cells, s) > 0 && !pattern.shown(s))
                    .count();
                assert_ne!(hidden, 1, "a lone hidden cell next to {total:?}");
            }
        }
    }

    #[test]
    fn counts_are_rounded_to_five() {
        assert_eq!(rounded(12), 10);
        assert_eq!(rounded(13), 15);
        assert_eq!(rounded(0), 0);
    }

    #[test]
    fn quarters_are_named_by_their_months() {
        assert_eq!(Period::quarter_of("2026-11"), "2026-Q4");
        assert_eq!(Period::quarter_of("2026-01"), "2026-Q1");
    }

    /// The pattern of issue 19: for a team and a month, all and parents were shown and the
    /// young people hidden, so all − parents gave the young people.
    #[test]
    fn all_minus_parents_no_longer_gives_the_young_people() {
        let cells = [
            C("2026-01", "t", "GI_OTS", "parent", 15, 15),
            C("2026-01", "t", "GI_OTS", "young_person", 10, 9),
            C("2026-01", "u", "GI_OTS", "parent", 20, 20),
            C("2026-01", "u", "GI_OTS", "young_person", 12, 12),
        ];
        let ch = choices(&["t", "u"]);
        let pattern = Pattern::of(&cells, &ch);
        let month = Period::Month("2026-01".into());
        let quarter = Period::Quarter("2026-Q1".into());
        for period in [month, quarter] {
            for phase in [None, Some("GI_OTS")] {
                let s = |t, g| pattern.shown(&sel(period.clone(), t, phase, g));
                assert!(!s(Some("t"), Some("young_person")), "primary");
                assert!(
                    !s(Some("t"), Some("parent")),
                    "else all − parents = young people"
                );
                assert!(
                    s(Some("t"), None),
                    "the team as a whole: 25 responses, 15+ people"
                );
                // Else the young people of t = young people − young people of u.
                assert!(!s(Some("u"), Some("young_person")));
                assert!(!s(Some("u"), Some("parent")));
                assert!(s(Some("u"), None));
                // The organisation's totals stay: the hidden four are a rectangle, and no
                // sum or difference of shown figures gives one of them.
                assert!(s(None, None));
                assert!(s(None, Some("parent")));
                assert!(s(None, Some("young_person")));
            }
        }
        no_lone_hidden_cell(&cells, &ch, &pattern);
    }

    #[test]
    fn a_small_team_is_hidden_and_so_is_the_next_smallest() {
        let cells = [
            C("2026-01", "a", "GI_OTS", "parent", 30, 30),
            C("2026-01", "b", "GI_OTS", "parent", 12, 12),
            C("2026-01", "c", "GI_OTS", "parent", 4, 4),
        ];
        let ch = choices(&["a", "b", "c"]);
        let pattern = Pattern::of(&cells, &ch);
        let team = |t| pattern.shown(&sel(Period::Quarter("2026-Q1".into()), Some(t), None, None));
        assert!(!team("c"), "primary");
        assert!(!team("b"), "secondary: else c = all − a − b");
        assert!(team("a"));
        // Two small teams might be the same six people (distinct people do not add up), so
        // the rest cannot be shown either: too much is hidden, never too little.
        let cells = [
            C("2026-01", "a", "GI_OTS", "parent", 30, 30),
            C("2026-01", "b", "GI_OTS", "parent", 6, 6),
            C("2026-01", "c", "GI_OTS", "parent", 4, 4),
        ];
        let pattern = Pattern::of(&cells, &ch);
        let team = |t| pattern.shown(&sel(Period::Quarter("2026-Q1".into()), Some(t), None, None));
        assert!(!team("a"));
        no_lone_hidden_cell(&cells, &ch, &pattern);
    }

    #[test]
    fn months_and_quarters_protect_each_other() {
        // A quiet month in an otherwise busy quarter: the month is hidden, so another month
        // must be too, or the quarter minus the shown months gives it.
        let cells = [
            C("2026-04", "a", "GI_OTS", "parent", 30, 30),
            C("2026-05", "a", "GI_OTS", "parent", 25, 25),
            C("2026-06", "a", "GI_OTS", "parent", 3, 3),
        ];
        let ch = choices(&["a"]);
        let pattern = Pattern::of(&cells, &ch);
        let month = |m: &str| pattern.shown(&sel(Period::Month(m.into()), None, None, None));
        assert!(!month("2026-06"));
        assert!(!month("2026-05"), "the next smallest month");
        assert!(month("2026-04"));
        assert!(pattern.shown(&sel(Period::Quarter("2026-Q2".into()), None, None, None)));
        no_lone_hidden_cell(&cells, &ch, &pattern);
    }

    #[test]
    fn values_nobody_can_choose_are_protected_too() {
        // Responses without a team count in "all teams" but can never be chosen: if team a
        // were shown, all − a would be those three.
        let cells = [
            C("2026-01", "a", "GI_OTS", "parent", 20, 20),
            C("2026-01", "", "GI_OTS", "parent", 3, 3),
        ];
        let ch = choices(&["a"]);
        let pattern = Pattern::of(&cells, &ch);
        let p = Period::Month("2026-01".into());
        assert!(!pattern.shown(&sel(p.clone(), Some("a"), None, None)));
        assert!(pattern.shown(&sel(p.clone(), None, None, None)));
        assert!(
            !pattern.shown(&sel(p, Some(""), None, None)),
            "not a choice"
        );
    }

    #[test]
    fn the_audit_finds_a_cell_pinned_through_a_chain_of_relations() {
        // Teams a–d × groups w–z, every cell big. Hide two rectangles joined by one cell
        // (b, y): every row and column then has two or more hidden cells (rule 2 sees
        // nothing), yet row b minus columns w and x (which the first rectangle gives together)
        // pins (b, y) down.
        let teams = ["a", "b", "c", "d"];
        let groups = ["w", "x", "y", "z"];
        let mut cells = Vec::new();
        for t in teams {
            for g in groups {
                cells.push(C("2026-01", t, "GI_OTS", g, 20, 20));
            }
        }
        let ch = Choices {
            teams: teams.iter().map(|s| s.to_string()).collect(),
            phases: vec!["GI_OTS".into()],
            groups: groups.iter().map(|s| s.to_string()).collect(),
        };
        let refs: Vec<&C> = cells.iter().collect();
        let mut l = Lattice::decide(&refs, &ch);
        assert!(l
            .hidden
            .iter()
            .zip(&l.responses)
            .all(|(h, n)| !h || *n == 0));
        let at = |l: &Lattice, t: &str, g: &str| {
            let mut out = Vec::new();
            for p in ["2026-01", "2026-Q1"] {
                let period = if p.contains('Q') {
                    Period::Quarter(p.into())
                } else {
                    Period::Month(p.into())
                };
                for f in [None, Some("GI_OTS")] {
                    out.push(l.index(&sel(period.clone(), Some(t), f, Some(g))).unwrap());
                }
            }
            out
        };
        let hide = [
            ("a", "w"),
            ("a", "x"),
            ("b", "w"),
            ("b", "x"),
            ("b", "y"),
            ("c", "y"),
            ("c", "z"),
            ("d", "y"),
            ("d", "z"),
        ];
        for (t, g) in hide {
            for i in at(&l, t, g) {
                l.hidden[i] = true;
            }
        }
        let relations = l.relations();
        // The same four copies (month/quarter × phase/all phases) of (b, y) are pinned.
        let mut expected = at(&l, "b", "y");
        expected.sort_unstable();
        assert_eq!(l.audit(&relations), expected);
        // Without the joining cell both rectangles hold.
        for i in at(&l, "b", "y") {
            l.hidden[i] = false;
        }
        let pinned = l.audit(&relations);
        assert!(pinned.is_empty(), "{pinned:?}");
    }

    #[test]
    fn the_same_data_gives_the_same_pattern_in_any_order() {
        let mut cells = Vec::new();
        let months = ["2026-01", "2026-02", "2026-03"];
        let mut seed = 7u64;
        for m in months {
            for t in ["a", "b", "c"] {
                for g in ["parent", "young_person"] {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let n = ((seed >> 33) % 16) as i64;
                    if n > 0 {
                        cells.push(C(m, t, "GI_OTS", g, n, n));
                    }
                }
            }
        }
        let ch = choices(&["a", "b", "c"]);
        let one = Pattern::of(&cells, &ch);
        let mut reversed = cells.clone();
        reversed.reverse();
        let two = Pattern::of(&reversed, &ch);
        for s in all_selections(&cells, &ch) {
            assert_eq!(one.shown(&s), two.shown(&s), "{s:?}");
            assert!(!one.shown(&s) || responses(&cells, &s) >= MIN_RESPONDENTS);
        }
        no_lone_hidden_cell(&cells, &ch, &one);
    }
}
