//! What can go wrong with the database file, each with a message that says what to do.

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
}
