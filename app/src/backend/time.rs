//! Clock and calendar: instants are UTC; people's dates are in Europe/Amsterdam.
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Amsterdam;

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn today() -> NaiveDate {
    now().with_timezone(&Amsterdam).date_naive()
}

pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Amsterdam).date_naive()
}

pub fn local_time_hm(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam).format("%H:%M").to_string()
}

/// The instant a local calendar day ends (midnight after it, Europe/Amsterdam).
pub fn end_of_local_day(day: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day
        .succ_opt()
        .unwrap_or(day)
        .and_time(chrono::NaiveTime::MIN);
    Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// The last local day of a period that ends at `end` (the inverse of [`end_of_local_day`]).
pub fn last_local_day(end: DateTime<Utc>) -> NaiveDate {
    local_date(end - chrono::Duration::seconds(1))
}

/// The instant of a local (Europe/Amsterdam) date and time; the earlier one in the autumn
/// hour that happens twice, the hour after in the spring gap.
pub fn local_instant(day: NaiveDate, at: chrono::NaiveTime) -> DateTime<Utc> {
    use chrono::TimeZone;
    let local = day.and_time(at);
    Amsterdam
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            Amsterdam
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}
