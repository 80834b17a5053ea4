//! The one place where storage, domain and interchange meet.

pub mod demo;
pub mod doctor;
mod session;

pub use session::Session;
