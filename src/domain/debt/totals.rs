//! The register as a whole: what all open debt costs, and how it moved sprint by sprint.

use chrono::NaiveDate;

use crate::domain::estimate::HalfPoints;
use crate::domain::kind::Kind;
use crate::domain::sprint::{EntryOutcome, SprintState};
use crate::domain::workspace::Workspace;

use super::register::Row;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub count: usize,
    /// Points lost per sprint to all open debt.
    pub drag: f64,
    /// Points it would take to repay all of it.
    pub principal: f64,
    /// Drag paid so far, all debts.
    pub interest_paid: f64,
    /// Drag as a share of the sprint's plannable capacity; `None` without a capacity.
    pub drag_share: Option<f64>,
    pub overdue: usize,
    pub high_risk: usize,
}

/// Totals over `rows` (the whole register, or a filtered view of it).
pub fn totals(rows: &[Row<'_>], plannable: Option<f64>) -> Totals {
    let mut t = Totals::default();
    for r in rows {
        t.count += 1;
        t.drag += r.economics.drag;
        t.principal += r.economics.principal;
        t.interest_paid += r.economics.interest_paid;
        t.overdue += usize::from(r.overdue);
        t.high_risk += usize::from(r.debt.risk_area.is_high_risk());
    }
    t.drag_share = plannable.filter(|p| *p > 0.0).map(|p| t.drag / p);
    t
}

/// Debt taken on and repaid during one closed sprint, in points of principal.
#[derive(Debug, Clone, PartialEq)]
pub struct SprintFlow {
    pub sprint: String,
    pub start: NaiveDate,
    /// Principal of debt recorded from this sprint's start until the next sprint's start.
    pub added: f64,
    /// Debt work completed in the sprint: done items in full, the finished part of carried-over ones.
    pub repaid: f64,
}

/// Added vs repaid for the last `last` closed sprints, oldest first.
pub fn flow(ws: &Workspace, last: usize) -> Vec<SprintFlow> {
    let mut sprints: Vec<_> = ws.sprints.iter().collect();
    sprints.sort_by_key(|s| s.start);
    let mut out = Vec::new();
    for (n, sprint) in sprints.iter().enumerate() {
        if sprint.state != SprintState::Closed {
            continue;
        }
        let until = sprints.get(n + 1).map_or(sprint.end + chrono::Duration::days(1), |next| next.start);
        let added = ws
            .items
            .iter()
            .filter(|i| i.kind == Kind::Debt && i.debt.is_some())
            .filter(|i| (sprint.start..until).contains(&i.created.date_naive()))
            .map(|i| i.estimate.points())
            .sum();
        let repaid = ws
            .entries_of(sprint.id)
            .filter(|e| ws.item(e.item).is_some_and(|i| i.kind == Kind::Debt))
            .map(|e| match e.outcome {
                EntryOutcome::Done => e.planned.points(),
                EntryOutcome::CarriedOver => HalfPoints(e.planned.0 - e.remaining.min(e.planned).0).points(),
                EntryOutcome::Planned | EntryOutcome::Dropped => 0.0,
            })
            .sum();
        out.push(SprintFlow { sprint: sprint.name.clone(), start: sprint.start, added, repaid });
    }
    let skip = out.len().saturating_sub(last);
    out.split_off(skip)
}
