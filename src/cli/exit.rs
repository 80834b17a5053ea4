//! Exit codes and the one error type every subcommand returns.

use std::fmt;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::interchange::DocumentError;
use crate::storage::StoreError;

/// Distinct exit codes, documented in the README, so scripts can tell failures apart.
pub mod code {
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const CHECK_FAILED: u8 = 3;
    pub const CONFIG: u8 = 4;
    /// The file given to `import` cannot be used (unreadable, or a bad row); nothing was imported.
    pub const IMPORT_FILE: u8 = 5;
    pub const NOT_A_DATABASE: u8 = 10;
    pub const FOREIGN_DATABASE: u8 = 11;
    pub const NEWER_SCHEMA: u8 = 12;
    pub const CORRUPT: u8 = 13;
    pub const READ_ONLY: u8 = 14;
    pub const LOCKED: u8 = 15;
    pub const DISK_FULL: u8 = 16;
    pub const NOT_FOUND: u8 = 17;
    pub const CONFLICT: u8 = 18;
    pub const NOT_EMPTY: u8 = 19;
}

/// A failed command: what to print and which code to exit with.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    /// Output to a closed pipe: exit without a word.
    pub quiet: bool,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure { code, message: message.into(), quiet: false }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let code = match &e {
            StoreError::NotFound { .. } => code::NOT_FOUND,
            StoreError::NotADatabase { .. } => code::NOT_A_DATABASE,
            StoreError::Foreign { .. } | StoreError::ForeignTables { .. } => code::FOREIGN_DATABASE,
            StoreError::NewerSchema { .. } => code::NEWER_SCHEMA,
            StoreError::Corrupt { .. } => code::CORRUPT,
            StoreError::ReadOnly { .. } => code::READ_ONLY,
            StoreError::Locked { .. } => code::LOCKED,
            StoreError::DiskFull { .. } => code::DISK_FULL,
            StoreError::Conflict { .. } => code::CONFLICT,
            StoreError::NotEmpty { .. } => code::NOT_EMPTY,
            StoreError::TeamNeeded { .. } | StoreError::NoSuchTeam { .. } | StoreError::BadTeamName { .. } => {
                code::USAGE
            }
            StoreError::Io { .. }
            | StoreError::Sqlite { .. }
            | StoreError::Server { .. }
            | StoreError::Invalid { .. }
            | StoreError::Postgres { .. } => code::ERROR,
        };
        Failure::new(code, e.to_string())
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Failure {
        Failure::new(code::CONFIG, e.to_string())
    }
}

impl From<DocumentError> for Failure {
    fn from(e: DocumentError) -> Failure {
        Failure::new(code::ERROR, e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure { code: 0, message: String::new(), quiet: true }
        } else {
            Failure::new(code::ERROR, e.to_string())
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        match e.downcast::<StoreError>() {
            Ok(store) => store.into(),
            Err(e) => match e.downcast::<std::io::Error>() {
                Ok(io) => io.into(),
                Err(e) => Failure::new(code::ERROR, format!("{e:#}")),
            },
        }
    }
}
