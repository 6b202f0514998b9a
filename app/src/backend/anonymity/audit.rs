//! The exact check: which hidden cells the shown ones pin down, through any chain of
//! relations (not only a lone hidden cell in one relation). `Lattice::decide` runs it after
//! the two rules and hides more until it finds nothing.
use super::{
    exact::{add, pinned_columns, MODULUS},
    lattice::{Lattice, Relation},
};
use std::collections::HashMap;

impl Lattice {
    /// Rule 3: the hidden non-empty cells that the relations pin down to one value, given
    /// every shown cell exactly. Solved per group of hidden cells that share relations.
    pub(super) fn audit(&self, relations: &[Relation]) -> Vec<usize> {
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
