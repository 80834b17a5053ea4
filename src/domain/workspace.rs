//! Everything one database holds, loaded into plain data.

use chrono::NaiveDate;

use super::item::{ItemId, Status, WorkItem};
use super::kind::Kind;
use super::policy::Policy;
use super::sprint::{Sprint, SprintEntry, SprintId, SprintState};
use super::team::{Availability, DayOff, Holiday, Member};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DebtTotals {
    pub count: usize,
    pub drag: f64,
    pub principal: f64,
}

/// Could still be planned: in the backlog, or already in the `current` sprint.
pub fn is_candidate(item: &WorkItem, current: Option<super::sprint::SprintId>) -> bool {
    match item.status {
        Status::Backlog => true,
        Status::Planned => item.sprint == current,
        Status::Done | Status::Dropped => false,
    }
}

/// In the debt register: a debt item not yet repaid or dropped.
pub fn is_open_debt(item: &WorkItem) -> bool {
    item.kind == Kind::Debt && item.debt.is_some() && !matches!(item.status, Status::Done | Status::Dropped)
}

/// Of sprints in start order: the active one, else the earliest still in planning.
pub fn current_sprint(sprints: &[Sprint]) -> Option<&Sprint> {
    sprints
        .iter()
        .find(|s| s.state == SprintState::Active)
        .or_else(|| sprints.iter().find(|s| s.state == SprintState::Planning))
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workspace {
    pub policy: Policy,
    pub members: Vec<Member>,
    pub holidays: Vec<Holiday>,
    pub days_off: Vec<DayOff>,
    /// Ordered by start date.
    pub sprints: Vec<Sprint>,
    pub items: Vec<WorkItem>,
    pub entries: Vec<SprintEntry>,
    /// Each started sprint's own availability, ordered by (sprint, member).
    pub availability: Vec<Availability>,
}

impl Workspace {
    /// The sprint being planned or run: the active one, else the earliest still in planning.
    pub fn current_sprint(&self) -> Option<&Sprint> {
        current_sprint(&self.sprints)
    }

    pub fn closed_sprints(&self) -> impl Iterator<Item = &Sprint> {
        self.sprints.iter().filter(|s| s.state == SprintState::Closed)
    }

    pub fn sprint(&self, id: SprintId) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.id == id)
    }

    /// Items are kept in id order (the store loads them so, documents number them so), which
    /// makes this a binary search; the linear fallback keeps it correct for any order.
    pub fn item(&self, id: ItemId) -> Option<&WorkItem> {
        match self.items.binary_search_by_key(&id, |i| i.id) {
            Ok(index) => self.items.get(index),
            Err(_) => self.items.iter().find(|i| i.id == id),
        }
    }

    /// Items that could still be planned: in the backlog or already in the current sprint.
    pub fn candidates(&self) -> impl Iterator<Item = &WorkItem> {
        let current = self.current_sprint().map(|s| s.id);
        self.items.iter().filter(move |i| is_candidate(i, current))
    }

    /// Debt items not yet repaid: the register.
    pub fn open_debts(&self) -> impl Iterator<Item = &WorkItem> {
        self.items.iter().filter(|i| is_open_debt(i))
    }

    /// Open debts: how many, their drag per sprint and their principal, in points.
    pub fn debt_totals(&self) -> DebtTotals {
        let mut totals = DebtTotals::default();
        for (item, debt) in self.open_debts().filter_map(|i| i.debt.as_ref().map(|d| (i, d))) {
            totals.count += 1;
            totals.drag += debt.effective_drag();
            totals.principal += item.estimate.points();
        }
        totals
    }

    pub fn entries_of(&self, sprint: SprintId) -> impl Iterator<Item = &SprintEntry> {
        self.entries.iter().filter(move |e| e.sprint == sprint)
    }

    /// The availability a started sprint kept; empty for a sprint in planning.
    pub fn availability_of(&self, sprint: SprintId) -> impl Iterator<Item = &Availability> {
        self.availability.iter().filter(move |a| a.sprint == sprint)
    }

    pub fn days_off_in(&self, sprint: SprintId) -> impl Iterator<Item = &DayOff> {
        self.days_off.iter().filter(move |d| d.sprint == sprint)
    }

    pub fn holidays_between(&self, start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = &Holiday> {
        self.holidays.iter().filter(move |h| h.date >= start && h.date <= end)
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.sprints.is_empty() && self.items.is_empty()
    }
}

impl Workspace {
    /// Moves every date and timestamp by `days` (used to bring demo data to the present).
    /// A multiple of 7 keeps every date on its weekday.
    pub fn shift_dates(&mut self, days: i64) {
        let delta = chrono::Duration::days(days);
        for h in &mut self.holidays {
            h.date += delta;
        }
        for d in &mut self.days_off {
            d.date += delta;
        }
        for s in &mut self.sprints {
            s.start += delta;
            s.end += delta;
            if let Some(closed) = s.actuals.as_mut().and_then(|a| a.closed_on.as_mut()) {
                *closed += delta;
            }
        }
        for i in &mut self.items {
            i.created += delta;
            i.updated += delta;
            if let Some(debt) = i.debt.as_mut() {
                if let Some(trigger) = debt.agreement.trigger_date.as_mut() {
                    *trigger += delta;
                }
                for p in &mut debt.drag_history {
                    p.until += delta;
                }
                for f in &mut debt.deferrals {
                    f.on += delta;
                    if let Some(m) = f.moved.as_mut() {
                        m.to += delta;
                        if let Some(from) = m.from.as_mut() {
                            *from += delta;
                        }
                    }
                }
            }
        }
    }
}
