//! Rows back into domain values; a value the domain does not know (a code from a newer
//! build, a number out of range) is reported as a damaged store naming the table and column.

use std::path::Path;

use postgres::types::FromSql;
use postgres::Row;

use crate::storage::StoreError;

/// Reads the columns of rows of one table, with the table named in every error.
pub struct Decode<'a> {
    pub at: &'a Path,
    pub table: &'static str,
}

impl Decode<'_> {
    fn damaged(&self, column: usize, detail: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt { path: self.at.to_path_buf(), detail: format!("{} column {column}: {detail}", self.table) }
    }

    pub fn get<'r, T: FromSql<'r>>(&self, row: &'r Row, column: usize) -> Result<T, StoreError> {
        row.try_get(column).map_err(|e| self.damaged(column, e))
    }

    /// An integer column as a narrower integer (scores, counts, half-points).
    pub fn int<T: TryFrom<i64>>(&self, row: &Row, column: usize) -> Result<T, StoreError> {
        let value: i64 = self.get(row, column)?;
        T::try_from(value).map_err(|_| self.damaged(column, format!("{value} is out of range")))
    }

    pub fn opt_int<T: TryFrom<i64>>(&self, row: &Row, column: usize) -> Result<Option<T>, StoreError> {
        match self.get::<Option<i64>>(row, column)? {
            Some(value) => {
                T::try_from(value).map(Some).map_err(|_| self.damaged(column, format!("{value} is out of range")))
            }
            None => Ok(None),
        }
    }

    /// An integer code as a domain enum.
    pub fn code<T>(&self, row: &Row, column: usize, parse: impl Fn(i64) -> Option<T>) -> Result<T, StoreError> {
        let value: i64 = self.get(row, column)?;
        parse(value).ok_or_else(|| self.damaged(column, format!("unknown code {value}")))
    }

    /// A timestamp as the engines write it (see `sqlite::rows::timestamp`).
    pub fn timestamp(&self, row: &Row, column: usize) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
        let text: &str = self.get(row, column)?;
        crate::storage::sqlite::parse_timestamp(text)
            .ok_or_else(|| self.damaged(column, format!("'{text}' is not a time")))
    }
}
