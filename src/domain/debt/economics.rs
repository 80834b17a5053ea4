//! Debt as a loan: what each debt costs while it stays, and what repaying it returns.
//!
//! payback (sprints) = principal ÷ drag; drag paid so far = the drag of each whole sprint since
//! the debt was recorded, summed (drag × sprints while it never changed); return over H sprints
//! = (drag × H − principal) ÷ principal.

use chrono::NaiveDate;

use crate::domain::item::{DebtDetails, WorkItem};
use crate::domain::workspace::Workspace;

/// Sprint length assumed when the workspace has fewer than two sprints to measure it from.
pub const DEFAULT_CADENCE_DAYS: u32 = 14;

/// How the figures are taken: the sprint cadence that turns days into sprints, and the
/// horizon the return is computed over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Terms {
    pub today: NaiveDate,
    pub cadence_days: u32,
    pub horizon: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Economics {
    /// Points lost per sprint while the debt stays.
    pub drag: f64,
    /// Points it takes to repay (the item's estimate).
    pub principal: f64,
    /// Sprints of saved drag that earn the principal back; `None` when the debt has no drag.
    pub payback: Option<f64>,
    /// Whole sprints since the debt was recorded.
    pub sprints_carried: u32,
    /// Drag paid so far: each sprint carried at the drag it had then.
    pub interest_paid: f64,
    /// Net return of repaying now, over the horizon; `None` when the principal is zero.
    pub horizon_return: Option<f64>,
    /// Days since the debt was recorded.
    pub age_days: i64,
}

/// The economics of one debt on `terms.today`.
pub fn economics(item: &WorkItem, debt: &DebtDetails, terms: &Terms) -> Economics {
    let drag = debt.effective_drag();
    let principal = item.estimate.points();
    let age_days = (terms.today - item.created.date_naive()).num_days().max(0);
    let cadence = i64::from(terms.cadence_days.max(1));
    let sprints_carried = u32::try_from(age_days / cadence).unwrap_or(u32::MAX);
    Economics {
        drag,
        principal,
        payback: (drag > 0.0).then(|| principal / drag),
        sprints_carried,
        interest_paid: drag_paid(item, debt, terms.cadence_days, sprints_carried),
        horizon_return: (principal > 0.0).then(|| (drag * f64::from(terms.horizon) - principal) / principal),
        age_days,
    }
}

/// Drag paid over the sprints carried, each at the drag it had then (its last day decides):
/// a drag changed today moves only what is still to come.
fn drag_paid(item: &WorkItem, debt: &DebtDetails, cadence_days: u32, sprints: u32) -> f64 {
    if debt.drag_history.is_empty() {
        return debt.effective_drag() * f64::from(sprints);
    }
    let recorded = item.created.date_naive();
    (1..=sprints)
        .map(|k| {
            let last_day = recorded + chrono::Days::new(u64::from(k) * u64::from(cadence_days.max(1)));
            debt.drag_on(last_day - chrono::Days::new(1))
        })
        .sum()
}

/// Days from one sprint start to the next, measured on the two latest sprints.
pub fn cadence_days(ws: &Workspace) -> u32 {
    let mut starts: Vec<NaiveDate> = ws.sprints.iter().map(|s| s.start).collect();
    starts.sort();
    match starts.as_slice() {
        [.., before, last] if last > before => {
            u32::try_from((*last - *before).num_days()).unwrap_or(DEFAULT_CADENCE_DAYS)
        }
        _ => DEFAULT_CADENCE_DAYS,
    }
}
