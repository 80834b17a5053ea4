//! Metrics of a sprint and their trends: velocity as a speedometer, never a target.
//!
//! - velocity = completed points: done items in full, the finished part of carried-over ones
//! - real velocity = velocity − rework − unplanned defect work (never below 0): the pace once
//!   the cost of poor quality is taken out
//! - say/do = completed ÷ planned (the plan snapshot taken when the sprint started)
//! - carry-over = points still open on carried-over items, and its share of the plan
//! - unplanned share = unplanned ÷ (completed + unplanned)
//! - actual split = per kind, (completed + unplanned) ÷ all work done: where capacity really went
//! - technical-investment share = the debt + risk part of that split

use chrono::NaiveDate;

use crate::domain::estimate::HalfPoints;
use crate::domain::item::Status;
use crate::domain::kind::{Kind, KindMap};
use crate::domain::sprint::{DeliveryFigures, EntryOutcome, Sprint, SprintId, SprintState};
use crate::domain::workspace::Workspace;

use super::totals::sprint_totals;

#[derive(Debug, Clone, PartialEq)]
pub struct SprintMetrics {
    pub sprint: SprintId,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub state: SprintState,
    pub goal: String,
    /// Points in the plan snapshot (for a sprint in planning: planned so far).
    pub planned: f64,
    pub planned_by_kind: KindMap<f64>,
    pub velocity: f64,
    pub completed_by_kind: KindMap<f64>,
    pub carried: f64,
    pub carried_items: usize,
    pub dropped: f64,
    pub dropped_items: usize,
    pub items: usize,
    pub unplanned: KindMap<f64>,
    pub rework: f64,
    pub real_velocity: f64,
    pub say_do: Option<f64>,
    pub carry_over_share: Option<f64>,
    pub unplanned_share: Option<f64>,
    /// Shares of all work done per kind; zero everywhere when nothing was done.
    pub actual_split: KindMap<f64>,
    pub investment_share: Option<f64>,
    pub delivery: DeliveryFigures,
}

impl SprintMetrics {
    pub fn unplanned_total(&self) -> f64 {
        self.unplanned.iter().map(|(_, v)| v).sum()
    }

    /// Completed plus unplanned work: everything the sprint absorbed.
    pub fn work_done(&self) -> f64 {
        self.velocity + self.unplanned_total()
    }
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

pub fn sprint_metrics(ws: &Workspace, sprint: &Sprint) -> SprintMetrics {
    let totals = sprint_totals(ws, sprint.id);
    let mut planned_by_kind = KindMap::splat(0.0);
    let mut completed_by_kind = KindMap::splat(0.0);
    let (mut carried_items, mut dropped_items, mut dropped, mut items) = (0, 0, 0.0, 0);
    for e in ws.entries_of(sprint.id) {
        items += 1;
        let kind = ws.item(e.item).map_or(Kind::Feature, |i| i.kind);
        let planned = e.planned.points();
        planned_by_kind.set(kind, planned_by_kind.get(kind) + planned);
        let finished = match e.outcome {
            EntryOutcome::Done => planned,
            EntryOutcome::CarriedOver => {
                carried_items += 1;
                HalfPoints(e.planned.0 - e.remaining.min(e.planned).0).points()
            }
            EntryOutcome::Dropped => {
                dropped_items += 1;
                dropped += planned;
                0.0
            }
            EntryOutcome::Planned => 0.0,
        };
        completed_by_kind.set(kind, completed_by_kind.get(kind) + finished);
    }
    if sprint.state == SprintState::Planning {
        // No snapshot yet: what is planned now.
        for item in ws.items.iter().filter(|i| i.status == Status::Planned && i.sprint == Some(sprint.id)) {
            planned_by_kind.set(item.kind, planned_by_kind.get(item.kind) + item.estimate.points());
            items += 1;
        }
    }
    let actuals = sprint.actuals.as_ref();
    let unplanned = actuals.map_or(KindMap::splat(0.0), |a| a.unplanned);
    let rework = actuals.map_or(0.0, |a| a.rework);
    let done_by_kind = KindMap::new(
        completed_by_kind.get(Kind::Feature) + unplanned.get(Kind::Feature),
        completed_by_kind.get(Kind::Defect) + unplanned.get(Kind::Defect),
        completed_by_kind.get(Kind::Risk) + unplanned.get(Kind::Risk),
        completed_by_kind.get(Kind::Debt) + unplanned.get(Kind::Debt),
    );
    let work_done: f64 = done_by_kind.iter().map(|(_, v)| v).sum();
    let share = |k: Kind| ratio(done_by_kind.get(k), work_done).unwrap_or(0.0);
    let actual_split = KindMap::new(share(Kind::Feature), share(Kind::Defect), share(Kind::Risk), share(Kind::Debt));
    let investment = done_by_kind.get(Kind::Debt) + done_by_kind.get(Kind::Risk);
    let closed = sprint.state == SprintState::Closed;
    SprintMetrics {
        sprint: sprint.id,
        name: sprint.name.clone(),
        start: sprint.start,
        end: sprint.end,
        state: sprint.state,
        goal: sprint.goal.clone(),
        planned: totals.planned,
        planned_by_kind,
        velocity: totals.completed,
        completed_by_kind,
        carried: totals.carried,
        carried_items,
        dropped,
        dropped_items,
        items,
        unplanned,
        rework,
        real_velocity: (totals.completed - rework - unplanned.get(Kind::Defect)).max(0.0),
        say_do: if closed { ratio(totals.completed, totals.planned) } else { None },
        carry_over_share: if closed { ratio(totals.carried, totals.planned) } else { None },
        unplanned_share: if closed { ratio(totals.unplanned, totals.completed + totals.unplanned) } else { None },
        actual_split,
        investment_share: ratio(investment, work_done),
        delivery: actuals.map(|a| a.delivery.clone()).unwrap_or_default(),
    }
}

/// One metric over the sprints of a trend, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    /// `None` where a sprint has no value (nothing planned, say).
    pub values: Vec<Option<f64>>,
}

impl Trend {
    fn of(sprints: &[SprintMetrics], f: impl Fn(&SprintMetrics) -> Option<f64>) -> Trend {
        Trend { values: sprints.iter().map(f).collect() }
    }

    fn present(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().flatten().copied()
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.present().count();
        (n > 0).then(|| self.present().sum::<f64>() / n as f64)
    }

    pub fn last(&self) -> Option<f64> {
        self.values.last().copied().flatten()
    }

    /// The latest value against the mean of the ones before it (positive: up).
    pub fn change(&self) -> Option<f64> {
        let (last, rest) = self.values.split_last()?;
        let earlier = Trend { values: rest.to_vec() };
        Some((*last)? - earlier.mean()?)
    }
}

/// The last closed sprints (oldest first) and each metric's trend over them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trends {
    pub sprints: Vec<SprintMetrics>,
    pub velocity: Trend,
    pub real_velocity: Trend,
    pub say_do: Trend,
    pub carry_over: Trend,
    pub unplanned_share: Trend,
    pub investment_share: Trend,
}

impl Trends {
    /// Where all the work of these sprints went, per kind (pooled, so a big sprint weighs
    /// more than a small one); `None` when nothing was done.
    pub fn actual_split(&self) -> Option<KindMap<f64>> {
        let total: f64 = self.sprints.iter().map(SprintMetrics::work_done).sum();
        if total <= 0.0 {
            return None;
        }
        let mut split = KindMap::splat(0.0);
        for kind in Kind::ALL {
            let done: f64 = self.sprints.iter().map(|m| m.actual_split.get(kind) * m.work_done()).sum();
            split.set(kind, done / total);
        }
        Some(split)
    }
}

/// Closed sprints, most recent last, at most `last` of them.
fn recent_closed(ws: &Workspace, last: usize) -> Vec<&Sprint> {
    let mut closed: Vec<&Sprint> = ws.closed_sprints().collect();
    closed.sort_by_key(|s| (s.end, s.id));
    let skip = closed.len().saturating_sub(last);
    closed.into_iter().skip(skip).collect()
}

pub fn trends(ws: &Workspace, last: usize) -> Trends {
    let sprints: Vec<SprintMetrics> = recent_closed(ws, last).into_iter().map(|s| sprint_metrics(ws, s)).collect();
    Trends {
        velocity: Trend::of(&sprints, |m| Some(m.velocity)),
        real_velocity: Trend::of(&sprints, |m| Some(m.real_velocity)),
        say_do: Trend::of(&sprints, |m| m.say_do),
        carry_over: Trend::of(&sprints, |m| Some(m.carried)),
        unplanned_share: Trend::of(&sprints, |m| m.unplanned_share),
        investment_share: Trend::of(&sprints, |m| m.investment_share),
        sprints,
    }
}

/// Say/do ratios of the last `window` closed sprints that planned anything, oldest first:
/// the samples the projection's Monte Carlo draws from.
pub fn completion_ratios(ws: &Workspace, window: usize) -> Vec<f64> {
    recent_closed(ws, window).into_iter().filter_map(|s| sprint_metrics(ws, s).say_do).collect()
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
