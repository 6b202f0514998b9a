//! Age rules from the Jeugdwet (domain.md §3, §6.4): what a child and their parents may read.
use chrono::{Datelike, NaiveDate};

/// Completed years on a calendar date. Someone born on 29 February becomes a year older on
/// 1 March in years without that date.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccessRule {
    /// The child has their own log-in and reads their own dossier.
    pub child_reads_own: bool,
    /// A parent with parental authority reads the child's part without asking.
    pub parent_reads_without_consent: bool,
    /// A parent with parental authority reads the child's part only with the child's consent.
    pub parent_needs_child_consent: bool,
}

/// 0–11: the parents with authority read, the child does not log in;
/// 12–15: child and parents both read; 16–17: the child decides whether parents read.
pub fn access_rule(age: u32) -> AccessRule {
    match age {
        0..=11 => AccessRule {
            child_reads_own: false,
            parent_reads_without_consent: true,
            parent_needs_child_consent: false,
        },
        12..=15 => AccessRule {
            child_reads_own: true,
            parent_reads_without_consent: true,
            parent_needs_child_consent: false,
        },
        _ => AccessRule {
            child_reads_own: true,
            parent_reads_without_consent: false,
            parent_needs_child_consent: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn twelfth_birthday_day_before_of_and_after() {
        let birth = d(2014, 3, 12);
        assert_eq!(age_on(birth, d(2026, 3, 11)), 11);
        assert!(!access_rule(age_on(birth, d(2026, 3, 11))).child_reads_own);
        assert_eq!(age_on(birth, d(2026, 3, 12)), 12);
        assert!(access_rule(age_on(birth, d(2026, 3, 12))).child_reads_own);
        assert_eq!(age_on(birth, d(2026, 3, 13)), 12);
        assert!(access_rule(age_on(birth, d(2026, 3, 13))).parent_reads_without_consent);
    }

    #[test]
    fn sixteenth_birthday_day_before_of_and_after() {
        let birth = d(2010, 11, 22);
        let before = access_rule(age_on(birth, d(2026, 11, 21)));
        assert!(before.parent_reads_without_consent && !before.parent_needs_child_consent);
        let of = access_rule(age_on(birth, d(2026, 11, 22)));
        assert!(!of.parent_reads_without_consent && of.parent_needs_child_consent);
        let after = access_rule(age_on(birth, d(2026, 11, 23)));
        assert!(after.parent_needs_child_consent);
    }

    #[test]
    fn leap_day_birthday_counts_from_first_of_march() {
        let birth = d(2012, 2, 29);
        assert_eq!(age_on(birth, d(2024, 2, 28)), 11);
        assert_eq!(age_on(birth, d(2024, 2, 29)), 12);
        assert_eq!(age_on(birth, d(2025, 2, 28)), 12);
        assert_eq!(age_on(d(2013, 2, 28), d(2025, 2, 28)), 12);
        assert_eq!(age_on(birth, d(2028, 2, 28)), 15);
        assert_eq!(age_on(birth, d(2028, 3, 1)), 16);
    }

    #[test]
    fn age_never_goes_below_zero_and_only_grows() {
        let birth = d(2020, 6, 1);
        assert_eq!(age_on(birth, d(2019, 1, 1)), 0);
        let mut last = 0;
        let mut day = birth;
        while day < d(2040, 1, 1) {
            let a = age_on(birth, day);
            assert!(a >= last);
            last = a;
            day = day.succ_opt().unwrap();
        }
        assert_eq!(last, 19);
    }
}
