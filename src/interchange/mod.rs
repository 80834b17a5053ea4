//! Import and export codecs: pure over `Read`/`Write` and plain data, no storage.

pub mod document;
pub mod json;
pub mod taskwarrior;

pub use document::{Document, DocumentError};
pub mod from_workspace;
pub mod to_workspace;

// Imports and flowdeck's CSV: every reader yields `record::ImportRecord`s or an `ImportError`.
pub mod azure_csv;
pub mod cells;
pub mod detect;
pub mod document_records;
pub mod flowdeck_csv;
pub mod gh_script;
pub mod github;
pub mod jira;
pub mod jira_csv;
pub mod jira_locale;
pub mod links;
pub mod mapping;
pub mod progress;
pub mod record;
pub mod table;

#[cfg(test)]
mod robustness_tests;
