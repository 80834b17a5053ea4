//! The History screen's figures: every sprint's metrics and the trends of the last closed
//! ones. Computed when the screen is shown after a change, never per frame.

use crate::domain::history::{sprint_metrics, trends, SprintMetrics, Trends};
use crate::domain::Workspace;

/// Closed sprints the screen's sparklines cover.
pub const TREND_SPRINTS: usize = 12;

#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    /// One per sprint, in the workspace's order (by start date).
    pub sprints: Vec<SprintMetrics>,
    pub trends: Trends,
    stale: bool,
}

impl HistoryView {
    pub fn stale() -> HistoryView {
        HistoryView { stale: true, ..HistoryView::default() }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn rebuild(&mut self, ws: &Workspace) {
        self.sprints = ws.sprints.iter().map(|s| sprint_metrics(ws, s)).collect();
        self.trends = trends(ws, TREND_SPRINTS);
        self.stale = false;
    }
}
