//! Dates as people read them: "3 maart 2026" / "3 March 2026".
use crate::i18n::{t, Lang, Msg};
use chrono::{Datelike, NaiveDate};

const MONTHS: [Msg; 12] = [
    Msg::Month1,
    Msg::Month2,
    Msg::Month3,
    Msg::Month4,
    Msg::Month5,
    Msg::Month6,
    Msg::Month7,
    Msg::Month8,
    Msg::Month9,
    Msg::Month10,
    Msg::Month11,
    Msg::Month12,
];

pub fn long_date(lang: Lang, d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        t(lang, MONTHS[d.month0() as usize]),
        d.year()
    )
}

/// "november 2026" / "November 2026".
pub fn month_year(lang: Lang, d: NaiveDate) -> String {
    format!("{} {}", t(lang, MONTHS[d.month0() as usize]), d.year())
}

pub fn day_month(lang: Lang, d: NaiveDate) -> String {
    format!("{} {}", d.day(), t(lang, MONTHS[d.month0() as usize]))
}
