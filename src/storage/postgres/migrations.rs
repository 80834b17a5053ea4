//! The PostgreSQL schema's ordered, append-only migrations, recorded in `flowdeck_schema`.
//! Numbered on their own (PostgreSQL's version 1 is SQLite's version 8): an applied migration
//! is never edited, add the next one to the end.

use postgres::Transaction;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "initial schema", sql: include_str!("migrations/0001_initial.sql") },
    Migration { version: 2, name: "teams", sql: include_str!("migrations/0002_teams.sql") },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Creates the version table of a fresh store.
pub const SCHEMA_TABLE: &str = "CREATE TABLE IF NOT EXISTS flowdeck_schema (
    version    BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)";

/// Applies every migration newer than `from` inside the caller's transaction.
pub fn apply_pending(tx: &mut Transaction<'_>, from: i64) -> Result<(), postgres::Error> {
    for migration in MIGRATIONS.iter().filter(|m| m.version > from) {
        tx.batch_execute(migration.sql)?;
        tx.execute(
            "INSERT INTO flowdeck_schema (version, name) VALUES ($1, $2)",
            &[&migration.version, &migration.name],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "migration '{}' is out of order", m.name);
        }
    }
}
