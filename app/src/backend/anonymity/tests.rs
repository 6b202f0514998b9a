//! The rules, tried on small lattices and played as an attacker.
use super::{lattice::Lattice, *};
use std::collections::BTreeSet;

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

fn sel(period: Period, team: Option<&str>, phase: Option<&str>, group: Option<&str>) -> Selection {
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
