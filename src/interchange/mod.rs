//! Import and export codecs: pure over `Read`/`Write` and plain data, no storage.

pub mod document;
pub mod json;
pub mod taskwarrior;

pub use document::{Document, DocumentError};
pub mod from_workspace;
pub mod to_workspace;
