//! What can go wrong with a store (a database file or a PostgreSQL server), each with a
//! message that says what to do.

use std::path::PathBuf;

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no flowdeck database at {path}\n  check the path, or create one with `flowdeck init --db {path}`")]
    NotFound { path: PathBuf },

    #[error("{path} is not an SQLite database (its header is not SQLite's)\n  flowdeck left it untouched; point --db at a flowdeck database or at a new path")]
    NotADatabase { path: PathBuf },

    #[error("{path} is an SQLite database of another application (application_id {application_id:#010x})\n  flowdeck will not change it; point --db at a flowdeck database or at a new path")]
    Foreign { path: PathBuf, application_id: i64 },

    #[error("{path} holds tables that are not flowdeck's\n  flowdeck will not change them; give flowdeck a database of its own (or a schema of its own: `?options=-csearch_path%3Dflowdeck`)")]
    ForeignTables { path: PathBuf },

    #[error("{path} has schema version {found}, newer than this flowdeck understands (up to {supported})\n  upgrade flowdeck to open it; nothing was changed")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },

    #[error("{path} is damaged: {detail}\n  flowdeck does not repair silently; restore a backup (migrations leave *.bak files beside it) or run `flowdeck doctor --db {path}`")]
    Corrupt { path: PathBuf, detail: String },

    #[error("{path} is read-only: {detail}\n  check the file's permissions or open a copy")]
    ReadOnly { path: PathBuf, detail: String },

    #[error("{path} is locked by another program (waited {waited_ms} ms)\n  close the other flowdeck, or try again in a moment")]
    Locked { path: PathBuf, waited_ms: u64 },

    #[error("the disk holding {path} is full; nothing was saved\n  free some space and repeat the last action")]
    DiskFull { path: PathBuf },

    #[error("{what} was changed by someone else since you loaded it; your change was not saved\n  the view has been refreshed: look again and repeat the change if it still makes sense")]
    Conflict { what: String },

    #[error("{path} already holds data; `{action}` needs an empty database\n  choose a new path with --db")]
    NotEmpty { path: PathBuf, action: String },

    #[error("{path} holds several teams: {}\n  choose one with --team NAME (or FLOWDECK_TEAM, or `team = \"NAME\"` in the config)", teams.join(", "))]
    TeamNeeded { path: PathBuf, teams: Vec<String> },

    #[error("{path} has no team named '{name}' (its teams: {})\n  check the spelling, or create the team with `flowdeck init --team \"{name}\"`", teams.join(", "))]
    NoSuchTeam { path: PathBuf, name: String, teams: Vec<String> },

    #[error("'{name}' cannot be a team's name: it must be 1 to 200 characters, without control characters\n  choose another name")]
    BadTeamName { name: String },

    #[error("cannot reach the PostgreSQL server at {path}: {detail}\n  check that the server runs and that the connection string (--db or FLOWDECK_DB) is right; nothing was changed")]
    Server { path: PathBuf, detail: String },

    #[error("{path} refused the change: {detail}\n  nothing was saved; correct the value and repeat the change")]
    Invalid { path: PathBuf, detail: String },

    #[error("{path}: {context}: {source}")]
    Postgres { path: PathBuf, context: String, source: postgres::Error },

    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    #[error("{path}: {context}: {source}")]
    Sqlite { path: PathBuf, context: String, source: rusqlite::Error },
}

impl StoreError {
    /// Classifies an SQLite error so the user gets the specific message, not a generic one.
    pub fn from_sqlite(path: &std::path::Path, context: &str, err: rusqlite::Error, busy_timeout_ms: u64) -> Self {
        let path = path.to_path_buf();
        if let rusqlite::Error::SqliteFailure(failure, ref detail) = err {
            let detail_text = detail.clone().unwrap_or_else(|| failure.to_string());
            match failure.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return StoreError::Locked { path, waited_ms: busy_timeout_ms }
                }
                ErrorCode::ReadOnly => return StoreError::ReadOnly { path, detail: detail_text },
                ErrorCode::DiskFull => return StoreError::DiskFull { path },
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    return StoreError::Corrupt { path, detail: detail_text }
                }
                ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                    return StoreError::ReadOnly { path, detail: detail_text }
                }
                _ => {}
            }
        }
        StoreError::Sqlite { path, context: context.to_string(), source: err }
    }

    /// Classifies a PostgreSQL error as the SQLite ones are: a lost race is a conflict, a
    /// server that does not answer is named as such.
    pub fn from_postgres(path: &std::path::Path, context: &str, err: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let path = path.to_path_buf();
        let Some(db) = err.as_db_error() else {
            // No answer from the server: refused, gone, or closed under us.
            let detail = std::error::Error::source(&err).map_or_else(|| err.to_string(), |s| s.to_string());
            return StoreError::Server { path, detail };
        };
        let code = db.code();
        if *code == SqlState::T_R_SERIALIZATION_FAILURE || *code == SqlState::T_R_DEADLOCK_DETECTED {
            StoreError::Conflict { what: "what this change touches".into() }
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull { path }
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION || *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::ReadOnly { path, detail: db.message().to_string() }
        } else if *code == SqlState::CHECK_VIOLATION || *code == SqlState::NOT_NULL_VIOLATION {
            StoreError::Invalid { path, detail: db.message().to_string() }
        } else {
            StoreError::Postgres { path, context: context.to_string(), source: err }
        }
    }
}

impl StoreError {
    /// The error for a team that could not be chosen in the store at `path`.
    pub fn from_team_refusal(path: &std::path::Path, refusal: super::teams::TeamRefusal) -> Self {
        use super::teams::TeamRefusal;
        let path = path.to_path_buf();
        match refusal {
            TeamRefusal::Ambiguous { teams } => StoreError::TeamNeeded { path, teams },
            TeamRefusal::Unknown { name, teams } => StoreError::NoSuchTeam { path, name, teams },
            TeamRefusal::BadName { name } => StoreError::BadTeamName { name },
        }
    }
}
