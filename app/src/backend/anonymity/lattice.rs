//! One quarter laid out as a lattice of selections, the relations between them (a total is
//! the sum of its parts), and the two rules that hide cells: too few respondents (primary),
//! and no hidden cell left alone in a relation where it could be subtracted out (secondary).
use super::{Cell, Choices, Period, Selection, MIN_RESPONDENTS};
use std::collections::BTreeSet;

/// One quarter: every selection (its months and the quarter × every team and all × every
/// phase and all × every group and both) as one flat array. Coordinate 0 of a dimension is
/// its total (the quarter, all teams, all phases, both groups); 1.. are its values.
#[derive(Clone, Debug, Default)]
pub(super) struct Lattice {
    /// The values of each dimension: months, teams, phases, groups (sorted).
    pub(super) values: [Vec<String>; 4],
    /// Responses per node (what adds up), and the lower bound of distinct respondents.
    pub(super) responses: Vec<i64>,
    pub(super) people: Vec<i64>,
    pub(super) hidden: Vec<bool>,
}

/// A cell's value in dimension `d`: month, team, phase, group.
pub(super) fn value<C: Cell>(c: &C, d: usize) -> &str {
    match d {
        0 => c.month(),
        1 => c.team(),
        2 => c.phase(),
        _ => c.group(),
    }
}

/// A relation: the total is the sum of the parts (empty parts left out: known zeros).
pub(super) struct Relation {
    pub(super) total: usize,
    pub(super) parts: Vec<usize>,
}

impl Lattice {
    pub(super) fn sizes(&self) -> [usize; 4] {
        [0, 1, 2, 3].map(|d| self.values[d].len() + 1)
    }

    pub(super) fn flat(&self, c: [usize; 4]) -> usize {
        let n = self.sizes();
        ((c[0] * n[1] + c[1]) * n[2] + c[2]) * n[3] + c[3]
    }

    pub(super) fn index(&self, sel: &Selection) -> Option<usize> {
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

    pub(super) fn decide<C: Cell>(cells: &[&C], choices: &Choices) -> Lattice {
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

    pub(super) fn coords(&self, mut i: usize) -> [usize; 4] {
        let n = self.sizes();
        let mut c = [0; 4];
        for (cd, nd) in c.iter_mut().zip(n).rev() {
            *cd = i % nd;
            i /= nd;
        }
        c
    }

    /// Every relation with a non-empty total, in every dimension.
    pub(super) fn relations(&self) -> Vec<Relation> {
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
    pub(super) fn secondary(&mut self, relations: &[Relation]) {
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
}
