//! The date a new phase runs to, computed from the phase's rule (the professional can set
//! another date from the decision itself, with a reason).
//!
//! | phase | rule | source |
//! |---|---|---|
//! | safety assessment (`VT_BEOORDELING`) | the report + 5 working days | Veilig Thuis quality framework (a norm, not a statute) |
//! | VT investigation (`VT_ONDERZOEK`) | start + 10 weeks | LNVT norm |
//! | interim supervision order (`GI_VOORLOPIGE_OTS`) | start + at most 3 months | art. 1:257 lid 1 BW |
//! | supervision order (`GI_OTS`) | start + at most 1 year | art. 1:258 lid 1 BW |
//!
//! Other phases get no date from Helder: the Raad's wait is shown as its average
//! (`PhaseCode::norm_days`), and how long an out-of-home placement runs is in the judge's
//! decision, which the professional copies.
//!
//! Working days are Monday to Friday except the generally recognised public holidays of the
//! Algemene termijnenwet (art. 3 lid 1): New Year's Day, Easter Monday, Ascension Day, Whit
//! Monday, Christmas and Boxing Day, the day the King's birthday is celebrated, and 5 May.
//! Good Friday is not one of them.
use crate::domain::PhaseCode;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// The date the new phase runs to by its rule. `report` is the day the report (melding) came
/// in, when the case is in its first phase; the safety assessment counts from it.
pub fn default_due(
    phase: PhaseCode,
    start: NaiveDate,
    report: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match phase {
        PhaseCode::VtBeoordeling => Some(working_days_after(report.unwrap_or(start), 5)),
        PhaseCode::VtOnderzoek => Some(start + Duration::weeks(10)),
        PhaseCode::GiVoorlopigeOts => start.checked_add_months(Months::new(3)),
        PhaseCode::GiOts => start.checked_add_months(Months::new(12)),
        _ => None,
    }
}

/// The `n`th working day after `day` (`day` itself does not count).
pub fn working_days_after(day: NaiveDate, n: u32) -> NaiveDate {
    let mut d = day;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(d)
}

/// A generally recognised public holiday (Algemene termijnenwet art. 3 lid 1).
pub fn is_public_holiday(d: NaiveDate) -> bool {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let easter = easter_sunday(y);
    let fixed = matches!((m, day), (1, 1) | (5, 5) | (12, 25) | (12, 26));
    fixed
        || d == kings_day(y)
        || d == easter + Duration::days(1)
        || d == easter + Duration::days(39)
        || d == easter + Duration::days(50)
}

/// The day the King's birthday is celebrated: 27 April, or the 26th when the 27th is a Sunday.
fn kings_day(year: i32) -> NaiveDate {
    let the_27th = NaiveDate::from_ymd_opt(year, 4, 27).expect("27 April exists");
    if the_27th.weekday() == Weekday::Sun {
        the_27th - Duration::days(1)
    } else {
        the_27th
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_falls_where_the_calendar_says() {
        // Published dates of Easter Sunday.
        for (y, m, day) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), d(y, m, day), "{y}");
        }
    }

    #[test]
    fn the_holidays_of_the_algemene_termijnenwet() {
        // 2026: Easter Monday 6 April, King's Day Monday 27 April, 5 May, Ascension 14 May,
        // Whit Monday 25 May, Christmas on Friday and Saturday.
        for (m, day) in [
            (1, 1),
            (4, 6),
            (4, 27),
            (5, 5),
            (5, 14),
            (5, 25),
            (12, 25),
            (12, 26),
        ] {
            assert!(is_public_holiday(d(2026, m, day)), "2026-{m}-{day}");
        }
        // Good Friday is not one; 27 April 2025 is a Sunday, so King's Day is the 26th.
        assert!(!is_public_holiday(d(2026, 4, 3)));
        assert!(is_public_holiday(d(2025, 4, 26)) && !is_public_holiday(d(2025, 4, 27)));
        assert!(!is_public_holiday(d(2026, 6, 1)));
    }

    #[test]
    fn five_working_days_skip_weekends_and_holidays() {
        // Thursday 23 April 2026: Friday, (weekend), King's Day, then Tuesday to Friday 1 May.
        assert_eq!(working_days_after(d(2026, 4, 23), 5), d(2026, 5, 1));
        // Wednesday 23 December 2026: Thursday, (Christmas, weekend), Monday to Thursday.
        assert_eq!(working_days_after(d(2026, 12, 23), 5), d(2026, 12, 31));
        // An ordinary week: Monday + 5 working days is the next Monday.
        assert_eq!(working_days_after(d(2026, 6, 1), 5), d(2026, 6, 8));
    }

    #[test]
    fn each_rule_gives_its_date() {
        let start = d(2026, 1, 31);
        assert_eq!(
            default_due(
                PhaseCode::VtBeoordeling,
                d(2026, 2, 2),
                Some(d(2026, 1, 30))
            ),
            Some(d(2026, 2, 6)),
            "counted from the report"
        );
        assert_eq!(
            default_due(PhaseCode::VtOnderzoek, start, None),
            Some(d(2026, 4, 11))
        );
        // Three months from 31 January ends on the last day of April.
        assert_eq!(
            default_due(PhaseCode::GiVoorlopigeOts, start, None),
            Some(d(2026, 4, 30))
        );
        assert_eq!(
            default_due(PhaseCode::GiOts, d(2026, 3, 15), None),
            Some(d(2027, 3, 15))
        );
        assert_eq!(default_due(PhaseCode::GiMuhp, start, None), None);
        assert_eq!(default_due(PhaseCode::RvdkWacht, start, None), None);
    }
}
