//! Reading one cell's value: numbers, scores, flags, dates and tag lists, liberal in the
//! spellings they accept and exact about what they refuse. Each returns the reason in words;
//! the caller adds the row and column.

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::estimate::MAX_ESTIMATE;
use crate::domain::text::sanitize_line;
use crate::domain::HalfPoints;

/// A number as people type it: "3", "2.5", "2,5" (a decimal comma), with spaces around.
pub fn number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let normalised = if t.contains(',') && !t.contains('.') && t.matches(',').count() == 1 {
        t.replace(',', ".")
    } else {
        t.to_string()
    };
    // Rust parses "inf" and "NaN"; a tracker never means them, and SQLite would store NaN as NULL.
    match normalised.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("\"{}\" is not a finite number", sanitize_line(t))),
        Err(_) => Err(format!("\"{}\" is not a number", sanitize_line(t))),
    }
}

/// An estimate: empty means "not estimated"; a value between halves is rounded *up* to the next
/// half (estimates never shrink) and the second value says so.
pub fn estimate(text: &str) -> Result<Option<(HalfPoints, bool)>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = number(text)?;
    if v < 0.0 {
        return Err(format!("the estimate {} is negative", text.trim()));
    }
    if v > MAX_ESTIMATE {
        return Err(format!("the estimate {} is above {MAX_ESTIMATE}, the largest flowdeck accepts", text.trim()));
    }
    let halves = (v * 2.0 - 1e-9).ceil().max(0.0);
    let rounded = (halves - v * 2.0).abs() > 1e-9;
    // 0 ≤ halves ≤ 2000 after the checks above, so the cast is exact.
    Ok(Some((HalfPoints(halves as u32), rounded)))
}

/// A score 1–5 (impact, risk, time-to-value, interest, visibility); empty means absent.
pub fn score(text: &str) -> Result<Option<u8>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let v = number(text)?;
    if v.fract() != 0.0 || !(1.0..=5.0).contains(&v) {
        return Err(format!("\"{}\" is not a whole number from 1 to 5", text.trim()));
    }
    Ok(Some(v as u8))
}

/// A flag: true/false, yes/no, 1/0, x (a ticked spreadsheet cell); empty means absent.
pub fn flag(text: &str) -> Result<Option<bool>, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" | "y" | "1" | "x" | "✓" => Ok(Some(true)),
        "false" | "no" | "n" | "0" => Ok(Some(false)),
        other => Err(format!("\"{}\" is not true or false", sanitize_line(other))),
    }
}

/// A date (YYYY-MM-DD); empty means absent.
pub fn date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("\"{}\" is not a date like 2026-11-30", sanitize_line(t)))
}

/// Jira's date-time spellings (the export uses the site's format; `01/Oct/26 09:10 AM` is the
/// default) and ISO 8601. A time without a zone is read as UTC.
const DATE_TIME_FORMATS: &[&str] = &[
    "%d/%b/%y %I:%M %p",
    "%d/%b/%Y %I:%M %p",
    "%d/%b/%y %H:%M",
    "%d/%b/%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %I:%M %p",
    // Azure DevOps writes the US spelling with seconds (`11/3/2026 2:15:07 PM`), or the
    // exporting user's locale (`03.11.2026 14:15:07`).
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
];

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%d/%b/%y", "%d/%b/%Y", "%m/%d/%Y", "%d.%m.%Y"];

/// Reads timestamps in any of the spellings above, RFC 3339, or a bare date. A file uses one
/// spelling throughout, so the formats are parsed once and the last one that worked is tried
/// first (100,000 rows would otherwise parse ten format strings each).
pub struct Timestamps {
    formats: Vec<(Vec<Item<'static>>, bool)>,
    last: Option<usize>,
}

impl Default for Timestamps {
    fn default() -> Self {
        let times = DATE_TIME_FORMATS.iter().map(|f| (f, true));
        let dates = DATE_FORMATS.iter().map(|f| (f, false));
        let formats = times
            .chain(dates)
            .filter_map(|(f, has_time)| StrftimeItems::new(f).parse_to_owned().ok().map(|items| (items, has_time)))
            .collect();
        Timestamps { formats, last: None }
    }
}

impl Timestamps {
    /// `None` when empty or not understood (the caller decides whether that matters). A month
    /// in another language Jira writes (`21/июл/26`) is read as its English one.
    pub fn read(&mut self, text: &str) -> Option<DateTime<Utc>> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        self.read_english(t).or_else(|| super::jira_locale::english_date(t).and_then(|e| self.read_english(&e)))
    }

    fn read_english(&mut self, t: &str) -> Option<DateTime<Utc>> {
        if let Some(found) = self.last.and_then(|i| self.try_format(i, t)) {
            return Some(found);
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Some(dt.with_timezone(&Utc));
        }
        let found = (0..self.formats.len()).find_map(|i| self.try_format(i, t).map(|dt| (i, dt)));
        found.map(|(i, dt)| {
            self.last = Some(i);
            dt
        })
    }

    fn try_format(&self, index: usize, text: &str) -> Option<DateTime<Utc>> {
        let (items, has_time) = self.formats.get(index)?;
        let mut parsed = Parsed::new();
        chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
        if *has_time {
            parsed.to_naive_datetime_with_offset(0).ok().map(|dt| dt.and_utc())
        } else {
            parsed.to_naive_date().ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|dt| dt.and_utc())
        }
    }
}

/// One timestamp (see [`Timestamps`]); `None` when empty or not understood. RFC 3339 — what
/// flowdeck's own CSV and GitHub write — is tried before the other spellings are even compiled:
/// compiling them for each of 100,000 rows took most of an import's time.
pub fn timestamp(text: &str) -> Option<DateTime<Utc>> {
    match DateTime::parse_from_rfc3339(text.trim()) {
        Ok(dt) => Some(dt.with_timezone(&Utc)),
        Err(_) => Timestamps::default().read(text),
    }
}

/// A tag as flowdeck stores it: one line, no commas (the store joins tags with commas).
pub fn tag(text: &str) -> Option<String> {
    let clean = if text.contains(',') { sanitize_line(&text.replace(',', " ")) } else { sanitize_line(text) };
    (!clean.is_empty()).then_some(clean)
}

/// Tags from a cell holding several, separated by commas or semicolons.
pub fn tag_list(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split([',', ';']).filter_map(tag) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    #[test]
    fn numbers_accept_what_people_type_and_refuse_the_rest() {
        assert_eq!(number(" 2,5 "), Ok(2.5));
        assert_eq!(number("3"), Ok(3.0));
        for bad in ["NaN", "inf", "-infinity", "abc", "1,000.5,"] {
            assert!(number(bad).is_err(), "{bad} accepted");
        }
        assert!(number("NaN").unwrap_err().contains("finite"));
    }

    #[test]
    fn estimates_round_up_to_halves_and_refuse_the_absurd() {
        assert_eq!(estimate(""), Ok(None));
        assert_eq!(estimate("2.5"), Ok(Some((HalfPoints(5), false))));
        assert_eq!(estimate("1.25"), Ok(Some((HalfPoints(3), true))));
        assert_eq!(estimate("0"), Ok(Some((HalfPoints(0), false))));
        assert!(estimate("-1").unwrap_err().contains("negative"));
        assert!(estimate("1e9").unwrap_err().contains("above"));
        assert!(estimate("NaN").is_err());
    }

    #[test]
    fn scores_are_whole_and_in_range() {
        assert_eq!(score("4"), Ok(Some(4)));
        assert_eq!(score(""), Ok(None));
        for bad in ["0", "6", "2.5", "x"] {
            assert!(score(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn jira_dates_and_iso_dates_parse() {
        let t = timestamp("01/Oct/26 09:10 AM").expect("jira default");
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (2026, 10, 1, 9, 10));
        let pm = timestamp("10/Nov/26 04:20 PM").expect("pm");
        assert_eq!(pm.hour(), 16);
        assert!(timestamp("2026-10-21T08:30:00Z").is_some());
        assert!(timestamp("2026-10-21").is_some());
        let okt = timestamp("01/Okt/26 09:10").expect("a German month");
        assert_eq!((okt.month(), okt.day()), (10, 1));
        assert_eq!(timestamp("21/июл/26 10:15 AM").map(|t| (t.month(), t.hour())), Some((7, 10)));
        assert_eq!(timestamp("01/Xyz/26 09:10"), None, "an unknown month is not guessed");
        let mut reader = Timestamps::default();
        assert!(reader.read("01/Oct/26 09:10 AM").is_some());
        assert_eq!(reader.read("2026-10-21"), timestamp("2026-10-21"), "another spelling after the first");
        assert_eq!(reader.read("02/Oct/26 09:10 AM").map(|t| t.day()), Some(2));
    }

    #[test]
    fn azure_devops_dates_parse_with_single_digit_days_and_seconds() {
        let t = timestamp("11/3/2026 2:15:07 PM").expect("azure us");
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()), (2026, 11, 3, 14, 15, 7));
        let t = timestamp("03.11.2026 14:15:07").expect("azure de");
        assert_eq!((t.month(), t.day(), t.hour()), (11, 3, 14));
        assert_eq!(timestamp("11/3/2026").map(|t| t.day()), Some(3));
    }

    #[test]
    fn tags_lose_commas_and_duplicates() {
        assert_eq!(tag_list("a, b;a ,,c"), vec!["a", "b", "c"]);
        assert_eq!(tag("x,y"), Some("x y".into()));
    }
}
