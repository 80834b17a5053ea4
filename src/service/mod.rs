//! The one place where storage, domain and interchange meet.

pub mod autofill;
pub mod debt;
pub mod demo;
pub mod doctor;
pub mod generate;
pub mod planning;
mod session;

pub use session::Session;
