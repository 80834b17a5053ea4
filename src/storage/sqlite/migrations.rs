//! The ordered, append-only list of schema migrations, applied on `user_version`.
//!
//! Hand-written rather than `rusqlite_migration`, which pins an older rusqlite.
//! An applied migration is never edited: add the next one to the end of the list.

use rusqlite::Connection;

pub struct Migration {
    /// The `user_version` after this migration.
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "initial schema", sql: include_str!("migrations/0001_initial.sql") },
    Migration { version: 2, name: "guardrail policy", sql: include_str!("migrations/0002_guardrail_policy.sql") },
    Migration { version: 3, name: "team setup", sql: include_str!("migrations/0003_team_setup.sql") },
    Migration { version: 4, name: "sprint availability", sql: include_str!("migrations/0004_sprint_availability.sql") },
    Migration { version: 5, name: "debt history", sql: include_str!("migrations/0005_debt_history.sql") },
    Migration {
        version: 6,
        name: "policy: overdue high-risk debt first",
        sql: include_str!("migrations/0006_policy_debt_first.sql"),
    },
    Migration { version: 7, name: "assignees and skills", sql: include_str!("migrations/0007_assignees_skills.sql") },
    Migration { version: 8, name: "dependencies", sql: include_str!("migrations/0008_blocked_by.sql") },
    Migration { version: 9, name: "teams", sql: include_str!("migrations/0009_teams.sql") },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Applies every migration newer than `from` inside the caller's transaction.
pub fn apply_pending(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    for migration in MIGRATIONS.iter().filter(|m| m.version > from) {
        conn.execute_batch(migration.sql)?;
        conn.pragma_update(None, "user_version", migration.version)?;
    }
    // Migrations run with foreign keys off (see `open`): every reference must still hold.
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
            Some(format!("{broken} rows refer to rows that are not there")),
        ));
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
