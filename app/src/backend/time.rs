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
