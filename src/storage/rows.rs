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

pub fn halves(idx: usize, value: i64) -> rusqlite::Result<crate::domain::HalfPoints> {
    u32::try_from(value).map(crate::domain::HalfPoints).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, format!("{value} is out of range").into())
    })
}
