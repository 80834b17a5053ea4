//! Small helpers for mapping integer codes in rows back to domain enums.

use rusqlite::types::Type;

/// Turns an unknown code in column `idx` into a conversion error instead of a panic.
pub fn code<T>(idx: usize, value: i64, parse: impl Fn(i64) -> Option<T>) -> rusqlite::Result<T> {
    parse(value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, format!("unknown code {value}").into())
    })
}

/// Converts a stored integer into a small unsigned value, refusing anything out of range.
pub fn small(idx: usize, value: i64) -> rusqlite::Result<u8> {
    u8::try_from(value).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, format!("{value} is out of range").into())
    })
}

/// A comma-separated list column (tags, skills) as its words; empty entries are not words.
/// A text column read in place, without copying it into a `String` (for the list columns,
/// split straight into their parts: at 100k items, three allocations fewer per row).
pub fn text_in_place<'r>(r: &'r rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(idx)?.as_str().map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

pub fn split_list(text: &str) -> Vec<String> {
    text.split(',').filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// A comma-separated list of item ids (an item's blockers); an entry that is not a number is
/// skipped, as a blocker that no longer exists is.
pub fn id_list(text: &str) -> Vec<crate::domain::ItemId> {
    text.split(',').filter_map(|t| t.trim().parse().ok()).map(crate::domain::ItemId).collect()
}

/// The column text of an id list.
pub fn id_text(ids: &[crate::domain::ItemId]) -> String {
    ids.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",")
}

pub fn halves(idx: usize, value: i64) -> rusqlite::Result<crate::domain::HalfPoints> {
    u32::try_from(value).map(crate::domain::HalfPoints).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, format!("{value} is out of range").into())
    })
}

/// A timestamp as the store writes it: exactly rusqlite's own text for `DateTime<Utc>`
/// (`%F %T%.f%:z`, e.g. `2026-10-01 09:10:00.5+00:00`), written by hand for the common case
/// because a large import writes two per row and chrono's formatter dominated that.
pub fn timestamp(t: &chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let nanos = t.nanosecond();
    // Years outside 0–9999 and leap seconds are chrono's to spell.
    let Ok(year @ 0..=9999) = u32::try_from(t.year()) else {
        return t.format("%F %T%.f%:z").to_string();
    };
    if nanos >= 1_000_000_000 {
        return t.format("%F %T%.f%:z").to_string();
    }
    // `%.f`: nothing for whole seconds, else milli-, micro- or nanoseconds, the shortest exact.
    let (width, fraction) = match nanos {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (3, n / 1_000_000),
        n if n % 1_000 == 0 => (6, n / 1_000),
        n => (9, n),
    };
    let mut out = String::with_capacity(35);
    digits(&mut out, year, 4);
    out.push('-');
    digits(&mut out, t.month(), 2);
    out.push('-');
    digits(&mut out, t.day(), 2);
    out.push(' ');
    digits(&mut out, t.hour(), 2);
    out.push(':');
    digits(&mut out, t.minute(), 2);
    out.push(':');
    digits(&mut out, t.second(), 2);
    if width > 0 {
        out.push('.');
        digits(&mut out, fraction, width);
    }
    out.push_str("+00:00");
    out
}

/// A timestamp column read back: the exact text [`timestamp`] writes is parsed by hand (a
/// full load parses two per item, and chrono's format-string parser was a fifth of loading
/// 100k items); anything else (older rows, other spellings) goes through rusqlite's own parser.
pub fn read_timestamp(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    if let rusqlite::types::ValueRef::Text(text) = r.get_ref(idx)? {
        if let Some(t) = parse_written(text) {
            return Ok(t);
        }
    }
    r.get(idx)
}

/// A timestamp as [`timestamp`] writes it, read from text (the PostgreSQL engine keeps the
/// same text); years outside 0–9999 go through chrono.
pub fn parse_timestamp(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    parse_written(text.as_bytes())
        .or_else(|| chrono::DateTime::parse_from_str(text, "%F %T%.f%:z").ok().map(|t| t.with_timezone(&chrono::Utc)))
}

/// `YYYY-MM-DD HH:MM:SS[.f…]+00:00`, exactly as [`timestamp`] writes it; `None` otherwise.
fn parse_written(b: &[u8]) -> Option<chrono::DateTime<chrono::Utc>> {
    let body = b.strip_suffix(b"+00:00")?;
    if body.len() < 19 || [body[4], body[7], body[10], body[13], body[16]] != *b"-- ::" {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        body[from..to].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let nanos = match &body[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = number(20, body.len())?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 7)?, number(8, 10)?)?;
    let time = chrono::NaiveTime::from_hms_nano_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// `value` in `width` decimal digits, zero-padded (the callers' values always fit).
fn digits(out: &mut String, value: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut v = value;
    for slot in buf[..width.min(10)].iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.extend(buf[..width.min(10)].iter().map(|b| char::from(*b)));
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use rusqlite::types::{ToSql, ToSqlOutput, Value};

    #[test]
    fn timestamps_are_written_exactly_as_rusqlite_writes_them() {
        let secs = [-62_167_219_200, 0, 1_790_000_000, 253_402_300_799, 253_402_300_800];
        for (secs, nanos) in secs
            .into_iter()
            .flat_map(|s| [0, 1, 1_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999].map(move |n| (s, n)))
        {
            let t = Utc.timestamp_opt(secs, nanos).single().expect("time");
            let theirs = match t.to_sql().expect("to_sql") {
                ToSqlOutput::Owned(Value::Text(s)) => s,
                other => panic!("{other:?}"),
            };
            assert_eq!(super::timestamp(&t), theirs);
            // And read back to the same instant (years 0–9999; chrono spells the rest).
            if (0..=9999).contains(&chrono::Datelike::year(&t)) {
                assert_eq!(super::parse_written(theirs.as_bytes()), Some(t), "{theirs}");
            }
        }
        for odd in
            ["2026-10-01T09:10:00Z", "2026-10-01 09:10:00", "2026-10-01 09:10:00.+00:00", "2026-13-01 09:10:00+00:00"]
        {
            assert_eq!(super::parse_written(odd.as_bytes()), None, "{odd}");
        }
    }
}
