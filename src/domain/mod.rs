//! Pure domain: plain data and plain functions over it.
//!
//! Nothing in here touches a terminal, a database, the file system or the clock:
//! `today` is always a parameter. Every other layer builds on these types.

pub mod assign;
pub mod availability;
pub mod bulk;
pub mod capacity;
pub mod change;
pub mod debt;
pub mod dependencies;
pub mod edits;
pub mod estimate;
pub mod forecast;
pub mod guardrails;
pub mod history;
pub mod item;
pub mod kind;
pub mod optimizer;
pub mod org;
pub mod person_load;
pub mod policy;
pub mod projection;
pub mod scoring;
pub mod setup;
pub mod skills;
pub mod sprint;
pub mod sprint_lifecycle;
pub mod team;
pub mod team_changes;
#[cfg(test)]
pub(crate) mod test_support;
pub mod text;
pub mod workspace;

pub use estimate::HalfPoints;
pub use item::{
    Agreement, DebtCategory, DebtDetails, Deferral, ItemId, PastDrag, RepayByMove, RiskArea, Status, WorkItem,
};
pub use kind::{Kind, KindMap};
pub use policy::{EstimateUnit, Policy, ScoringModel, Weights};
pub use sprint::{DeliveryFigures, EntryOutcome, Sprint, SprintActuals, SprintEntry, SprintId, SprintState};
pub use team::{Availability, DayOff, Holiday, Member, MemberId};
pub use workspace::Workspace;
