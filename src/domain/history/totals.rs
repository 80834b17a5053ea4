//! Per-sprint totals from the plan snapshot and the recorded actuals.

use crate::domain::estimate::HalfPoints;
use crate::domain::item::Status;
use crate::domain::sprint::{EntryOutcome, SprintId, SprintState};
use crate::domain::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SprintTotals {
    /// Points in the plan snapshot.
    pub planned: f64,
    /// Done items in full, plus the finished part of carried-over items.
    pub completed: f64,
    /// Points still open on carried-over items.
    pub carried: f64,
    /// Unplanned work recorded at close, all kinds.
    pub unplanned: f64,
}

/// Totals of one sprint. A sprint still in planning has no snapshot yet: its planned figure
/// is the load of the items currently planned into it.
pub fn sprint_totals(ws: &Workspace, sprint: SprintId) -> SprintTotals {
    let mut totals = SprintTotals::default();
    if ws.sprint(sprint).is_some_and(|s| s.state == SprintState::Planning) {
        totals.planned = ws
            .items
            .iter()
            .filter(|i| i.status == Status::Planned && i.sprint == Some(sprint))
            .map(|i| i.estimate.points())
            .sum();
        return totals;
    }
    for e in ws.entries_of(sprint) {
        totals.planned += e.planned.points();
        match e.outcome {
            EntryOutcome::Done => totals.completed += e.planned.points(),
            EntryOutcome::CarriedOver => {
                let remaining = e.remaining.min(e.planned);
                totals.completed += HalfPoints(e.planned.0 - remaining.0).points();
                totals.carried += remaining.points();
            }
            EntryOutcome::Planned | EntryOutcome::Dropped => {}
        }
    }
    if let Some(actuals) = ws.sprint(sprint).and_then(|s| s.actuals.as_ref()) {
        totals.unplanned = actuals.unplanned.iter().map(|(_, v)| v).sum();
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ItemId, SprintEntry};

    #[test]
    fn carried_over_items_count_their_finished_part() {
        let entry = |item, planned, outcome, remaining| SprintEntry {
            sprint: SprintId(1),
            item: ItemId(item),
            planned: HalfPoints(planned),
            outcome,
            remaining: HalfPoints(remaining),
        };
        let ws = Workspace {
            entries: vec![
                entry(1, 10, EntryOutcome::Done, 0),
                entry(2, 6, EntryOutcome::CarriedOver, 2),
                entry(3, 4, EntryOutcome::Dropped, 0),
                entry(4, 4, EntryOutcome::CarriedOver, 9), // remaining above plan: capped
            ],
            ..Workspace::default()
        };
        let t = sprint_totals(&ws, SprintId(1));
        assert_eq!(t.planned, 12.0);
        assert_eq!(t.completed, 7.0);
        assert_eq!(t.carried, 3.0);
    }
}
