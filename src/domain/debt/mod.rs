//! The tech-debt register: economics per debt, the register's order and views, its totals,
//! and the deferral rule. Pure functions over the workspace; `today` is always a parameter.

pub mod deferral;
pub mod economics;
pub mod first;
pub mod register;
pub mod totals;

pub use economics::{cadence_days, economics, Economics, Terms};
pub use register::{register, view, Filter, HasFacts, Row, RowFacts, SortKey};
pub use totals::{flow, totals, SprintFlow, Totals};

#[cfg(test)]
mod tests;
