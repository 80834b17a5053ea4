//! The planning picture of one sprint: capacity, what is planned, the split and its guardrails.

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::capacity::{capacity, CapacityBreakdown, Fallbacks};
use crate::domain::debt::cadence_days;
use crate::domain::debt::deferral::window_start;
use crate::domain::guardrails::{blocking_first, check, split, Guardrail, Split};
use crate::domain::person_load::{self, team_load, TeamLoad};
use crate::domain::scoring::{rank, Ranked};
use crate::domain::{Kind, Sprint, SprintState, Status, WorkItem, Workspace};

pub fn fallbacks(settings: &Settings) -> Fallbacks {
    Fallbacks {
        points_per_person_day: settings.capacity.points_per_person_day,
        unplanned_reserve: settings.capacity.unplanned_reserve,
        history_window: settings.capacity.history_window,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SprintPlan {
    pub sprint: Sprint,
    pub capacity: CapacityBreakdown,
    pub planned: Vec<WorkItem>,
    pub split: Split,
    pub guardrails: Vec<Guardrail>,
    /// Each member's assigned points against their share.
    pub load: TeamLoad,
    /// The chance of finishing the planned load; filled in by callers that have the history
    /// (`super::finish::Odds`), `None` without it.
    pub finish: Option<super::finish::Finish>,
}

/// Finds the sprint by name, or the current one (active, else the first in planning).
pub fn find_sprint<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<&'a Sprint, String> {
    match name {
        Some(name) => ws.sprints.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let names: Vec<&str> = ws.sprints.iter().map(|s| s.name.as_str()).collect();
            if names.is_empty() {
                format!("no sprint named '{name}': this database has no sprints yet")
            } else {
                format!("no sprint named '{name}'; the sprints are: {}", names.join(", "))
            }
        }),
        None => ws.current_sprint().ok_or_else(|| {
            "this database has no sprint in planning or running yet (`flowdeck demo` shows a complete example)"
                .to_string()
        }),
    }
}

/// Items in the sprint: its current plan, or for a closed sprint its plan snapshot.
pub fn planned_items(ws: &Workspace, sprint: &Sprint) -> Vec<WorkItem> {
    if sprint.state == SprintState::Closed {
        ws.entries_of(sprint.id).filter_map(|e| ws.item(e.item)).cloned().collect()
    } else {
        ws.items.iter().filter(|i| i.status == Status::Planned && i.sprint == Some(sprint.id)).cloned().collect()
    }
}

pub fn sprint_plan(ws: &Workspace, sprint: &Sprint, fallbacks: &Fallbacks, today: NaiveDate) -> SprintPlan {
    sprint_plan_of(ws, sprint, planned_items(ws, sprint), ws.open_debts(), fallbacks, today)
}

/// The same picture from a plan and a register already at hand (the TUI keeps both up to
/// date change by change instead of scanning every item on each key).
pub fn sprint_plan_of<'a>(
    ws: &Workspace,
    sprint: &Sprint,
    planned: Vec<WorkItem>,
    open_debts: impl Iterator<Item = &'a WorkItem>,
    fallbacks: &Fallbacks,
    today: NaiveDate,
) -> SprintPlan {
    let capacity = capacity(ws, sprint, fallbacks);
    let split = split(planned.iter(), &ws.policy);
    let in_sprint: std::collections::HashSet<_> = planned.iter().map(|p| p.id).collect();
    let left_out = open_debts.filter(|d| !in_sprint.contains(&d.id));
    let from = window_start(ws, sprint, cadence_days(ws));
    let mut guardrails = check(&split, capacity.plannable, &ws.policy, left_out, today, from);
    let load = team_load(&capacity.members, capacity.plannable, &planned, &ws.members);
    guardrails.extend(person_load::guardrails(&load, &planned, &ws.members, &ws.policy));
    guardrails.extend(crate::domain::dependencies::guardrails(
        &planned,
        |id| in_sprint.contains(&id),
        |id| ws.item(id),
        &ws.policy,
    ));
    blocking_first(&mut guardrails);
    SprintPlan { sprint: sprint.clone(), capacity, planned, split, guardrails, load, finish: None }
}

/// The best `limit` candidates (optionally of one kind) straight from the store: only the
/// scoring fields of every candidate are read, and only the items shown are loaded whole.
/// Same order as [`ranking`]; what keeps `flowdeck rank --limit 20` fast at 100,000 items.
pub fn top_ranked(
    store: &mut crate::storage::Store,
    kind: Option<Kind>,
    limit: usize,
) -> Result<(crate::domain::Policy, Vec<(Ranked, WorkItem)>), crate::storage::StoreError> {
    let (policy, fields) = store.ranking_inputs(kind)?;
    let top = crate::domain::scoring::top(&fields, &policy, limit);
    let ids: Vec<_> = top.iter().map(|r| r.id).collect();
    let mut items = store.items_by_ids(&ids)?;
    let rows = top
        .into_iter()
        .filter_map(|r| {
            let at = items.iter().position(|i| i.id == r.id)?;
            Some((r, items.swap_remove(at)))
        })
        .collect();
    Ok((policy, rows))
}

/// Candidates ranked best first, optionally of one kind.
pub fn ranking(ws: &Workspace, kind: Option<Kind>) -> Vec<(Ranked, &WorkItem)> {
    rank(ws.candidates().filter(|i| kind.is_none_or(|k| i.kind == k)), &ws.policy)
}
