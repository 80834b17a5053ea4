//! What every subcommand needs: the database and config locations, settings, and today.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::{self, Settings};
use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions, TeamChoice};

use super::exit::Failure;

pub struct Context {
    /// From --db or FLOWDECK_DB; must exist unless the command creates databases.
    pub db: Option<PathBuf>,
    /// From --team or FLOWDECK_TEAM: the team of the store to work on.
    pub team: Option<String>,
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

    /// The team named by --team, else by the config's `storage.team`.
    pub fn team_name<'a>(&'a self, settings: &'a Settings) -> Option<&'a str> {
        self.team.as_deref().or(settings.storage.team.as_deref()).filter(|t| !t.trim().is_empty())
    }

    /// The team to open: the one named, else the store's only team.
    pub fn team_choice(&self, settings: &Settings) -> TeamChoice {
        self.team_name(settings).map_or(TeamChoice::Only, |t| TeamChoice::Named(t.to_string()))
    }

    /// For the commands that fill a team (`init`, `import`, `demo`, `dev gen`): the team named
    /// is created when the store has none of that name.
    pub fn team_choice_creating(&self, settings: &Settings) -> TeamChoice {
        self.team_name(settings).map_or(TeamChoice::Only, |t| TeamChoice::NamedOrNew(t.to_string()))
    }

    /// The store alone, for a command that reads only what it needs.
    pub fn open_store(&self, settings: &Settings) -> Result<crate::storage::Store, Failure> {
        let (path, mode) = self.db_location()?;
        let options = OpenOptions { mode, busy_timeout_ms: settings.storage.busy_timeout_ms };
        Ok(crate::storage::Store::open_team(&path, options, &self.team_choice(settings))?)
    }

    pub fn open_session(&self, settings: &Settings) -> Result<Session, Failure> {
        self.open_session_as(settings, &self.team_choice(settings))
    }

    /// A session on the team named, created first when the store has no team of that name.
    pub fn open_session_creating(&self, settings: &Settings) -> Result<Session, Failure> {
        self.open_session_as(settings, &self.team_choice_creating(settings))
    }

    fn open_session_as(&self, settings: &Settings, team: &TeamChoice) -> Result<Session, Failure> {
        let (path, mode) = self.db_location()?;
        let options = OpenOptions { mode, busy_timeout_ms: settings.storage.busy_timeout_ms };
        Ok(Session::open_team(&path, options, team)?)
    }
}
