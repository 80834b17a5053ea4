//! What past sprints say: per-sprint totals and metrics, trends over the last sprints, and
//! the samples that calibrate capacity and the projection.

pub mod metrics;
mod totals;

pub use metrics::{completion_ratios, sprint_metrics, trends, SprintMetrics, Trend, Trends};
pub use totals::{sprint_totals, SprintTotals};
