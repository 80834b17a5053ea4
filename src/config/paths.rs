//! Platform paths (XDG on Linux, Application Support on macOS, AppData on Windows).

use std::path::PathBuf;

use directories::ProjectDirs;

use super::error::ConfigError;

fn project_dirs() -> Result<ProjectDirs, ConfigError> {
    ProjectDirs::from("", "", "flowdeck").ok_or(ConfigError::NoHome)
}

pub fn default_data_dir() -> Result<PathBuf, ConfigError> {
    Ok(project_dirs()?.data_dir().to_path_buf())
}

/// The database used when neither --db nor FLOWDECK_DB is given; created on first run.
pub fn default_db_path() -> Result<PathBuf, ConfigError> {
    Ok(default_data_dir()?.join("flowdeck.sqlite"))
}

/// Where `flowdeck demo` builds its throw-away database when no --db is given.
pub fn demo_db_path() -> Result<PathBuf, ConfigError> {
    Ok(default_data_dir()?.join("demo.sqlite"))
}

pub fn default_config_path() -> Result<PathBuf, ConfigError> {
    Ok(project_dirs()?.config_dir().join("config.toml"))
}
