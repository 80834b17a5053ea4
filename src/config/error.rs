//! Configuration problems, each naming the file and, where there is one, line and column.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}:{line}:{column}: {message}\n  fix the file, or print a commented default with `flowdeck config default`", path.display())]
    Parse { path: PathBuf, line: usize, column: usize, message: String },

    #[error("{}: {key} = {value}: {message}\n  fix the value, or remove the key to use the default", path.display())]
    Invalid { path: PathBuf, key: String, value: String, message: String },

    #[error("cannot read config file {}: {source}\n  check the path given by --config or FLOWDECK_CONFIG", path.display())]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot find a home directory for flowdeck's files\n  pass --db and --config, or set FLOWDECK_DB and FLOWDECK_CONFIG")]
    NoHome,
}
