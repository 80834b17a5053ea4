//! The one place where storage, domain and interchange meet.

pub mod autofill;
pub mod brief;
pub mod clock;
pub mod debt;
pub mod demo;
pub mod doctor;
pub mod export;
pub mod finish;
pub mod forecast;
mod forecast_order;
pub mod generate;
pub mod gh_cli;
pub mod github_sync;
pub mod history;
pub mod import;
pub mod import_links;
pub mod import_merge;
pub mod org;
pub mod planning;
pub mod projection;
mod session;
pub mod sprints;

pub use session::Session;
