//! The history report: the last closed sprints with their metrics and trends, the sprint in
//! progress, and the policy the actual split is measured against.

use crate::domain::history::{sprint_metrics, trends, SprintMetrics, Trends};
use crate::domain::{Policy, Workspace};

/// Closed sprints `flowdeck history` shows unless told otherwise.
pub const DEFAULT_LAST: usize = 6;

pub struct HistoryReport {
    pub trends: Trends,
    /// All closed sprints, of which `trends` shows the last few.
    pub closed_total: usize,
    /// The sprint being planned or run, if any.
    pub current: Option<SprintMetrics>,
    pub policy: Policy,
}

pub fn history_report(ws: &Workspace, last: usize) -> HistoryReport {
    HistoryReport {
        trends: trends(ws, last),
        closed_total: ws.closed_sprints().count(),
        current: ws.current_sprint().map(|s| sprint_metrics(ws, s)),
        policy: ws.policy.clone(),
    }
}
