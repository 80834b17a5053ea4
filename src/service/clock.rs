//! The moment an import stamps on what it creates: now, on the day flowdeck takes as today.
//! Normally that is the real date; with `--today`/`FLOWDECK_TODAY` (reproducible demos and
//! tests) an item dated "today" because its file had no date gets that day, as every report
//! of the same run counts from it.

use chrono::{DateTime, NaiveDate, Utc};

/// The current time of day on `today`, in UTC.
pub fn now_on(today: NaiveDate) -> DateTime<Utc> {
    today.and_time(Utc::now().time()).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_the_one_given() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        assert_eq!(now_on(day).date_naive(), day);
    }
}
