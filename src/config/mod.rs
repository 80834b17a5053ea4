//! Settings from a TOML file, and where flowdeck keeps its files.

mod error;
mod import;
mod paths;
mod projection;
mod settings;
mod triage;

pub use error::ConfigError;
pub use import::{AzureSettings, GithubSettings, ImportSettings, JiraSettings};
pub use paths::{default_config_path, default_data_dir, default_db_path, demo_db_path};
pub use projection::ProjectionSettings;
pub use settings::{CapacitySettings, DebtSettings, Settings, StorageSettings, Theme, UiSettings, DEFAULT_CONFIG_TOML};
pub use triage::{TriageScale, TriageSettings};
