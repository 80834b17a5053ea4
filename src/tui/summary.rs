//! Figures about the sprint being planned, recomputed per change rather than per frame:
//! capacity, what is planned, the split, the guardrails and the text of `flowdeck split`.
//!
//! Which items are planned and which debts are open is kept as two id sets, updated from each
//! committed change set, so a planning key never scans 100,000 items.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::capacity::Fallbacks;
use crate::domain::change::{Change, ChangeSet};
use crate::domain::workspace::is_open_debt;
use crate::domain::{ItemId, SprintId, Status, WorkItem, Workspace};
use crate::report::split::write_text;
use crate::service::finish::Odds;
use crate::service::planning::{sprint_plan_of, SprintPlan};

#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// `None` when there is no sprint in planning or running.
    pub plan: Option<SprintPlan>,
    /// Exactly what `flowdeck split` prints, line by line.
    pub split_report: Vec<String>,
    sprint: Option<SprintId>,
    planned: BTreeSet<ItemId>,
    open_debts: BTreeSet<ItemId>,
    /// Open debts that are high-risk or overdue: the only ones a guardrail looks at when
    /// they are left out, so the only ones read per change. Kept as copies: thousands of
    /// lookups into 100,000 items cost more (cache misses) than the copies do.
    watched: BTreeMap<ItemId, WorkItem>,
    today: NaiveDate,
    /// The history P(finish) draws from: read once, redrawn on each change.
    odds: Odds,
}

fn is_watched(item: &WorkItem, today: NaiveDate) -> bool {
    is_open_debt(item)
        && item.debt.as_ref().is_some_and(|d| d.risk_area.is_high_risk() || d.agreement.is_overdue(today))
}

fn planned_in(item: &WorkItem, sprint: Option<SprintId>) -> bool {
    item.status == Status::Planned && item.sprint.is_some() && item.sprint == sprint
}

impl Summary {
    /// From scratch: after opening or reloading.
    pub fn compute(ws: &Workspace, fallbacks: &Fallbacks, settings: &Settings, today: NaiveDate) -> Summary {
        let sprint = ws.current_sprint().map(|s| s.id);
        let mut summary = Summary {
            odds: Odds::of(ws, settings),
            sprint,
            planned: ws.items.iter().filter(|i| planned_in(i, sprint)).map(|i| i.id).collect(),
            open_debts: ws.open_debts().map(|i| i.id).collect(),
            watched: ws.items.iter().filter(|i| is_watched(i, today)).map(|i| (i.id, i.clone())).collect(),
            today,
            ..Summary::default()
        };
        summary.figures(ws, fallbacks, today);
        summary
    }

    /// After `set` was applied to `ws`: adjusts the id sets from the items it touched.
    pub fn changed(
        &mut self,
        ws: &Workspace,
        set: &ChangeSet,
        fallbacks: &Fallbacks,
        settings: &Settings,
        today: NaiveDate,
    ) {
        if ws.current_sprint().map(|s| s.id) != self.sprint || today != self.today {
            *self = Summary::compute(ws, fallbacks, settings, today);
            return;
        }
        for change in &set.changes {
            if let Change::Item { before, after } = change {
                for gone in before.iter().chain(after.iter()) {
                    self.planned.remove(&gone.id);
                    self.open_debts.remove(&gone.id);
                    self.watched.remove(&gone.id);
                }
                if let Some(item) = after {
                    if planned_in(item, self.sprint) {
                        self.planned.insert(item.id);
                    }
                    if is_open_debt(item) {
                        self.open_debts.insert(item.id);
                    }
                    if is_watched(item, today) {
                        self.watched.insert(item.id, item.clone());
                    }
                }
            }
        }
        self.figures(ws, fallbacks, today);
    }

    fn figures(&mut self, ws: &Workspace, fallbacks: &Fallbacks, today: NaiveDate) {
        let Some(sprint) = self.sprint.and_then(|id| ws.sprint(id)) else {
            self.plan = None;
            self.split_report = vec![
                "No sprint is being planned or run.".into(),
                "Create one with `flowdeck sprint new` (or try `flowdeck demo`).".into(),
            ];
            return;
        };
        let planned: Vec<WorkItem> = self.planned.iter().filter_map(|id| ws.item(*id)).cloned().collect();
        let debts = self.watched.values();
        let mut plan = sprint_plan_of(ws, sprint, planned, debts, fallbacks, today);
        plan.finish = self.odds.finish(plan.split.load, plan.capacity.plannable);
        let mut text = Vec::new();
        self.split_report = match write_text(&plan, &mut text) {
            Ok(()) => String::from_utf8_lossy(&text).lines().map(str::to_string).collect(),
            Err(e) => vec![format!("could not render the split: {e}")],
        };
        self.plan = Some(plan);
    }

    /// Open debts in the register (the Debt screen's row count).
    pub fn open_debt_count(&self) -> usize {
        self.open_debts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edits;
    use crate::service::demo::demo_workspace;

    #[test]
    fn kept_up_to_date_by_changes_equals_computed_from_scratch() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        let mut ws = demo_workspace(today).expect("demo");
        let settings = crate::config::Settings::default();
        let fallbacks = crate::service::planning::fallbacks(&settings);
        let mut summary = Summary::compute(&ws, &fallbacks, &settings, today);
        let sprint = ws.current_sprint().cloned().expect("sprint");
        let ids: Vec<ItemId> = ws.candidates().take(6).map(|i| i.id).collect();
        for id in ids {
            let set = edits::toggle_planned(&ws, &sprint, id).expect("toggle");
            crate::domain::change::apply(&mut ws, &set);
            summary.changed(&ws, &set, &fallbacks, &settings, today);
        }
        let fresh = Summary::compute(&ws, &fallbacks, &settings, today);
        assert_eq!(summary.plan, fresh.plan);
        assert_eq!(summary.split_report, fresh.split_report);
    }
}
