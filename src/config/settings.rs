//! The settings file: every key optional, unknown keys refused by name.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::ConfigError;

/// The commented default configuration, printed by `flowdeck config default`.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../../assets/config.toml");

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub ui: UiSettings,
    pub capacity: CapacitySettings,
    pub debt: DebtSettings,
    pub projection: super::projection::ProjectionSettings,
    pub storage: StorageSettings,
    pub import: super::import::ImportSettings,
    pub triage: super::triage::TriageSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Dark,
    Light,
    /// Follow the terminal: its background as `COLORFGBG` tells it (set by rxvt, Konsole, iTerm2
    /// and others); dark when the terminal does not say.
    Auto,
}

impl Theme {
    /// `Auto` decided from `colorfgbg` (the `COLORFGBG` value, "fg;bg" or "fg;default;bg"):
    /// backgrounds 7 and 9–15 are light, the rest dark.
    pub fn resolve(self, colorfgbg: Option<&str>) -> Theme {
        if self != Theme::Auto {
            return self;
        }
        let background = colorfgbg.and_then(|v| v.rsplit(';').next()).and_then(|bg| bg.trim().parse::<u8>().ok());
        match background {
            Some(7 | 9..=15) => Theme::Light,
            _ => Theme::Dark,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct UiSettings {
    pub theme: Theme,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CapacitySettings {
    pub points_per_person_day: f64,
    pub unplanned_reserve: f64,
    pub history_window: usize,
}

impl Default for CapacitySettings {
    fn default() -> Self {
        CapacitySettings { points_per_person_day: 1.0, unplanned_reserve: 0.10, history_window: 3 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DebtSettings {
    /// The first `top` debts of the register (by payback) are "the top of the register".
    pub top: usize,
    /// Sprints over which the return of repaying a debt is computed.
    pub horizon_sprints: u32,
}

impl Default for DebtSettings {
    fn default() -> Self {
        DebtSettings { top: 5, horizon_sprints: 26 }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageSettings {
    pub busy_timeout_ms: u64,
    /// The team of a store holding several that this config works on (`--team` overrides).
    pub team: Option<String>,
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings { busy_timeout_ms: 5000, team: None }
    }
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Settings {
    /// Parses `text` (read from `path`, named in every message) and checks value ranges.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |span| line_column(text, span.start));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().trim().replace("unknown field", "unknown key"),
            }
        })?;
        settings.validate(path)?;
        Ok(settings)
    }

    /// Reads the file at `path`. A missing file means defaults only when `required` is false
    /// (the default location); a path the user named must exist.
    pub fn load(path: &Path, required: bool) -> Result<Settings, ConfigError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let (line, column) =
                        line_column(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
                    ConfigError::Parse {
                        path: path.to_path_buf(),
                        line,
                        column,
                        message: "the file is not valid UTF-8 text".into(),
                    }
                })?;
                Settings::parse(&text, path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Settings::default()),
            Err(source) => Err(ConfigError::Read { path: path.to_path_buf(), source }),
        }
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let invalid = |key: &str, value: String, message: &str| ConfigError::Invalid {
            path: PathBuf::from(path),
            key: key.to_string(),
            value,
            message: message.to_string(),
        };
        let c = &self.capacity;
        if !(c.points_per_person_day.is_finite() && c.points_per_person_day > 0.0 && c.points_per_person_day <= 100.0) {
            return Err(invalid(
                "capacity.points_per_person_day",
                c.points_per_person_day.to_string(),
                "must be a number above 0 and at most 100",
            ));
        }
        if !(c.unplanned_reserve.is_finite() && (0.0..=0.5).contains(&c.unplanned_reserve)) {
            return Err(invalid(
                "capacity.unplanned_reserve",
                c.unplanned_reserve.to_string(),
                "must be between 0.0 and 0.5",
            ));
        }
        if !(1..=26).contains(&c.history_window) {
            return Err(invalid(
                "capacity.history_window",
                c.history_window.to_string(),
                "must be between 1 and 26 sprints",
            ));
        }
        if !(1..=100).contains(&self.debt.top) {
            return Err(invalid("debt.top", self.debt.top.to_string(), "must be between 1 and 100 debts"));
        }
        if !(1..=104).contains(&self.debt.horizon_sprints) {
            return Err(invalid(
                "debt.horizon_sprints",
                self.debt.horizon_sprints.to_string(),
                "must be between 1 and 104 sprints",
            ));
        }
        if let Some((key, value, message)) = self.projection.invalid() {
            return Err(invalid(key, value, message));
        }
        if let Some((key, value, message)) = self.triage.invalid() {
            return Err(invalid(key, value, message));
        }
        if self.storage.busy_timeout_ms > 600_000 {
            return Err(invalid(
                "storage.busy_timeout_ms",
                self.storage.busy_timeout_ms.to_string(),
                "must be at most 600000 (ten minutes)",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commented_default_file_is_exactly_the_defaults() {
        let parsed = Settings::parse(DEFAULT_CONFIG_TOML, Path::new("config.toml")).expect("default config parses");
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    fn auto_follows_the_terminal_background_and_falls_back_to_dark() {
        assert_eq!(Theme::Auto.resolve(Some("0;15")), Theme::Light); // rxvt: black on white
        assert_eq!(Theme::Auto.resolve(Some("15;default;0")), Theme::Dark);
        assert_eq!(Theme::Auto.resolve(Some("12;8")), Theme::Dark); // Solarized dark: base03 is 8
        assert_eq!(Theme::Auto.resolve(None), Theme::Dark);
        assert_eq!(Theme::Auto.resolve(Some("nonsense")), Theme::Dark);
        assert_eq!(Theme::Light.resolve(Some("15;0")), Theme::Light, "an explicit theme wins");
        let parsed = Settings::parse("[ui]\ntheme = \"auto\"\n", Path::new("c.toml")).expect("parses");
        assert_eq!(parsed.ui.theme, Theme::Auto);
    }

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_column("a\nbc\nd", 3), (2, 2));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
