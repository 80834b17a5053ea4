//! Where the planning data lives: one interface ([`Engine`]), two engines. A `--db` that is a
//! file path opens the SQLite engine (one planning file, one machine); a `postgres://`
//! connection string opens the PostgreSQL engine (a store shared by several people).
//!
//! Both follow DESIGN.md "Storage and reliability": a schema version checked on open and
//! migrations applied once, every write one transaction, a change made from a stale copy
//! refused whole ([`change_set`], shared), and others' commits noticed.

mod change_set;
mod engine;
mod error;
pub mod postgres;
mod sprint_scope;
pub mod sqlite;
mod tables;
pub mod teams;

use std::path::Path;

pub use engine::Engine;
pub use error::StoreError;
pub use sqlite::{migrations, APPLICATION_ID};
pub use teams::{TeamChoice, TeamRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The store must exist (a mistyped `--db` is an error, never a new empty database).
    Existing,
    /// Create it when missing: the default path and `init`. A PostgreSQL database itself is
    /// the server administrator's to create; flowdeck creates its tables in it.
    CreateIfMissing,
}

#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    pub mode: OpenMode,
    /// How long a write waits for another writer (SQLite's busy timeout, PostgreSQL's
    /// `lock_timeout`) before it reports the store as locked.
    pub busy_timeout_ms: u64,
}

/// An open store of either engine; every [`Engine`] method is called through it.
pub struct Store {
    engine: Box<dyn Engine>,
}

impl Store {
    /// Opens the store on its only team (a store holding several asks which: `TeamNeeded`).
    pub fn open(path: &Path, options: OpenOptions) -> Result<Store, StoreError> {
        Store::open_team(path, options, &TeamChoice::Only)
    }

    /// Opens the store on the team `team` chooses.
    pub fn open_team(path: &Path, options: OpenOptions, team: &TeamChoice) -> Result<Store, StoreError> {
        let mut engine: Box<dyn Engine> = match postgres::connection_string(path) {
            Some(url) => Box::new(postgres::PgStore::open(url, options)?),
            None => Box::new(sqlite::SqliteStore::open(path, options)?),
        };
        engine.choose_team(team)?;
        Ok(Store { engine })
    }
}

impl std::ops::Deref for Store {
    type Target = dyn Engine;
    fn deref(&self) -> &Self::Target {
        self.engine.as_ref()
    }
}

impl std::ops::DerefMut for Store {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.engine.as_mut()
    }
}
