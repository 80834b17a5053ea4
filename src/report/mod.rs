//! Renderers for reports: plain text, Markdown, JSON and CSV over plain data.

pub mod brief;
pub mod checks;
pub mod debt;
pub mod forecast;
pub mod history;
pub mod import;
pub mod item;
pub mod markdown;
pub mod numbers;
pub mod org;
pub mod people;
pub mod plan;
pub mod projection;
pub mod rank;
pub mod split;
