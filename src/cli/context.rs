//! What every subcommand needs: the database and config locations, settings, and today.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::{self, Settings};
use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions};

use super::exit::Failure;

pub struct Context {
    /// From --db or FLOWDECK_DB; must exist unless the command creates databases.
    pub db: Option<PathBuf>,
    /// From --config or FLOWDECK_CONFIG; must exist when given.
    pub config: Option<PathBuf>,
    pub today: NaiveDate,
}

impl Context {
    pub fn config_path(&self) -> Result<PathBuf, Failure> {
        match &self.config {
            Some(path) => Ok(path.clone()),
            None => Ok(config::default_config_path()?),
        }
    }

    pub fn settings(&self) -> Result<Settings, Failure> {
        let path = self.config_path()?;
        Ok(Settings::load(&path, self.config.is_some())?)
    }

    /// The database path and how to open it: a path the user named must exist; the default
    /// one is created on first run.
    pub fn db_location(&self) -> Result<(PathBuf, OpenMode), Failure> {
        match &self.db {
            Some(path) => Ok((path.clone(), OpenMode::Existing)),
            None => Ok((config::default_db_path()?, OpenMode::CreateIfMissing)),
        }
    }

    /// The store alone, for a command that reads only what it needs.
    pub fn open_store(&self, settings: &Settings) -> Result<crate::storage::Store, Failure> {
        let (path, mode) = self.db_location()?;
        Ok(crate::storage::Store::open(&path, OpenOptions { mode, busy_timeout_ms: settings.storage.busy_timeout_ms })?)
    }

    pub fn open_session(&self, settings: &Settings) -> Result<Session, Failure> {
        let (path, mode) = self.db_location()?;
        Ok(Session::open(&path, OpenOptions { mode, busy_timeout_ms: settings.storage.busy_timeout_ms })?)
    }
}
