//! Renderers for reports: plain text, Markdown and JSON over plain data.

pub mod checks;
