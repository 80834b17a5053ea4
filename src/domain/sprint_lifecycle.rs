//! A sprint's life: created in planning, started (its plan snapshotted), closed (each item's
//! outcome and the sprint's actuals recorded). Each step is a `ChangeSet`, so it is saved in
//! one transaction and undone in one step like any other edit.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::change::{Change, ChangeSet};
use super::edits::label;
use super::estimate::HalfPoints;
use super::item::{ItemId, Status};
use super::kind::KindMap;
use super::sprint::{DeliveryFigures, EntryOutcome, Sprint, SprintActuals, SprintEntry, SprintId, SprintState};
use super::workspace::Workspace;

/// The longest sprint accepted: longer ones are typos in a date.
pub const MAX_SPRINT_DAYS: i64 = 62;

/// What `sprint new` is asked for; anything left out is proposed from the previous sprint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SprintDraft {
    pub name: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub goal: String,
}

/// The next sprint as the team's rhythm suggests it: the first weekday after the latest
/// sprint ends, as long as that sprint, named with its number plus one. Without sprints: a
/// two-week sprint from the next Monday on or after `today`.
pub fn propose_next(ws: &Workspace, today: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    let Some(last) = ws.sprints.iter().max_by_key(|s| (s.end, s.id)) else {
        let start = next_weekday_from(today, true);
        return ("Sprint 1".into(), start, start + Duration::days(11));
    };
    let start = next_weekday_from(last.end + Duration::days(1), false);
    let end = start + (last.end - last.start);
    (next_name(&last.name, ws.sprints.len()), start, end)
}

pub(crate) fn next_weekday_from(day: NaiveDate, monday: bool) -> NaiveDate {
    let mut d = day;
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || (monday && d.weekday() != Weekday::Mon) {
        d += Duration::days(1);
    }
    d
}

/// "Sprint 48" → "Sprint 49", "PAY-7" → "PAY-8"; a name without a trailing number gets the
/// count of sprints plus one after it.
pub(crate) fn next_name(previous: &str, count: usize) -> String {
    let digits = previous.chars().rev().take_while(char::is_ascii_digit).count();
    let (stem, number) = previous.split_at(previous.len() - digits);
    match number.parse::<u64>() {
        Ok(n) => format!("{stem}{}", n.saturating_add(1)),
        Err(_) => format!("Sprint {}", count + 1),
    }
}

/// A new sprint in planning. It counts the members as they are now, which is how the previous
/// sprint left them (a started sprint keeps its own copy); days off are dates, so the new
/// sprint starts without any.
pub fn new_sprint(ws: &Workspace, draft: &SprintDraft, today: NaiveDate) -> Result<ChangeSet, String> {
    let (name, start, end) = propose_next(ws, today);
    let name = draft.name.clone().unwrap_or(name);
    let start = draft.start.unwrap_or(start);
    let end = draft.end.unwrap_or_else(|| if draft.start.is_some() { start + Duration::days(11) } else { end });
    check_sprint_fields(ws, None, &name, start, end)?;
    let sprint = Sprint {
        id: SprintId(0),
        name: name.clone(),
        start,
        end,
        goal: draft.goal.trim().to_string(),
        state: SprintState::Planning,
        actuals: None,
        version: 1,
    };
    Ok(ChangeSet::new(format!("created {name} ({start} → {end})"), vec![Change::new_sprint(sprint)]))
}

/// Name unique, dates in order, not too long, not overlapping another sprint.
pub fn check_sprint_fields(
    ws: &Workspace,
    id: Option<SprintId>,
    name: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a sprint needs a name".into());
    }
    if ws.sprints.iter().any(|s| Some(s.id) != id && s.name.eq_ignore_ascii_case(name.trim())) {
        return Err(format!("another sprint is already called {name}"));
    }
    if end < start {
        return Err(format!("{name} would end ({end}) before it starts ({start})"));
    }
    if (end - start).num_days() > MAX_SPRINT_DAYS {
        return Err(format!("{name} would last {} days; check the dates", (end - start).num_days() + 1));
    }
    if let Some(other) = ws.sprints.iter().find(|s| Some(s.id) != id && s.start <= end && start <= s.end) {
        return Err(format!(
            "{start} → {end} overlaps {} ({} → {}); sprints follow each other",
            other.name, other.start, other.end
        ));
    }
    Ok(())
}

fn planned_in(ws: &Workspace, sprint: SprintId) -> impl Iterator<Item = &super::item::WorkItem> {
    ws.items.iter().filter(move |i| i.status == Status::Planned && i.sprint == Some(sprint))
}

/// A warning when a sprint starts before the date it is planned to start (allowed: teams do
/// start early, but the dates then misstate its capacity).
pub fn early_start(sprint: &Sprint, today: NaiveDate) -> Option<String> {
    (today < sprint.start).then(|| {
        format!(
            "{} is dated to start on {}, {} from today; its capacity counts from that date (change the dates on \
             screen 6 if it starts now)",
            sprint.name,
            sprint.start,
            super::text::count(usize::try_from((sprint.start - today).num_days()).unwrap_or(0), "day", "days")
        )
    })
}

/// A warning when a sprint closes before the date it was planned to start (it was started
/// early; an explicit closing date that early is refused by [`close`]).
pub fn early_close(sprint: &Sprint, today: NaiveDate) -> Option<String> {
    (today < sprint.start).then(|| {
        format!(
            "{} closes on {today}, before its planned start on {} (change its dates on screen 6 if it ran earlier)",
            sprint.name, sprint.start
        )
    })
}

/// Starts a sprint in planning: its plan is snapshotted (each item at its estimate now) and
/// becomes the commitment that say/do and carry-over are measured against.
pub fn start(ws: &Workspace, id: SprintId) -> Result<ChangeSet, String> {
    let sprint = ws.sprint(id).ok_or("that sprint no longer exists")?;
    if sprint.state != SprintState::Planning {
        return Err(format!("{} is already {}", sprint.name, sprint.state.word()));
    }
    if let Some(running) = ws.sprints.iter().find(|s| s.state == SprintState::Active) {
        return Err(format!("{} is still running; close it first", running.name));
    }
    let snapshot: Vec<SprintEntry> = planned_in(ws, id)
        .map(|i| SprintEntry {
            sprint: id,
            item: i.id,
            planned: i.estimate,
            outcome: EntryOutcome::Planned,
            remaining: HalfPoints::ZERO,
        })
        .collect();
    if snapshot.is_empty() {
        return Err(format!("nothing is planned into {} yet; plan it first", sprint.name));
    }
    let points: f64 = snapshot.iter().map(|e| e.planned.points()).sum();
    let before: Vec<SprintEntry> = ws.entries_of(id).cloned().collect();
    let after = Sprint { state: SprintState::Active, ..sprint.clone() };
    Ok(ChangeSet::new(
        format!(
            "started {} ({}, {} points committed)",
            sprint.name,
            super::text::count(snapshot.len(), "item", "items"),
            super::text::format_points(points)
        ),
        vec![
            Change::sprint(sprint.clone(), after),
            Change::Entries { sprint: id, before, after: snapshot },
            // From now on the sprint's capacity is what the team had when it started.
            Change::Availability {
                sprint: id,
                before: ws.availability_of(id).copied().collect(),
                after: super::availability::snapshot(ws, sprint),
            },
        ],
    ))
}

/// How one committed item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOutcome {
    Done,
    /// Not finished: `remaining` points go on (the finished part counts as done work).
    Carried {
        remaining: HalfPoints,
    },
    /// Taken out of the sprint unfinished; it goes back to the backlog as it was.
    Dropped,
}

/// What is recorded when a sprint closes. Items without an outcome here count as done.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Closing {
    pub outcomes: BTreeMap<ItemId, ItemOutcome>,
    /// Unplanned work that came in during the sprint, points per kind.
    pub unplanned: KindMap<f64>,
    /// Points spent redoing work already counted as done.
    pub rework: f64,
    pub delivery: DeliveryFigures,
    pub closed_on: Option<NaiveDate>,
}

fn finite_points(value: f64, what: &str) -> Result<(), String> {
    if value.is_finite() && (0.0..=super::estimate::MAX_ESTIMATE * 10.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("{what} must be a number of points from 0 to {}", super::estimate::MAX_ESTIMATE * 10.0))
    }
}

fn check_closing(c: &Closing) -> Result<(), String> {
    for (kind, points) in c.unplanned.iter() {
        finite_points(points, &format!("unplanned {kind} work"))?;
    }
    finite_points(c.rework, "rework")?;
    let d = &c.delivery;
    for (value, what) in [(d.lead_time_days, "median lead time (days)"), (d.recovery_hours, "recovery time (hours)")] {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(format!("{what} must be a number of 0 or more"));
        }
    }
    Ok(())
}

/// Closes a running sprint: each committed item is done, carried over (its estimate becomes
/// the points remaining, and it goes back to the backlog to be planned again) or dropped
/// (back to the backlog unchanged); unplanned work, rework and delivery figures are recorded.
pub fn close(ws: &Workspace, id: SprintId, closing: &Closing, today: NaiveDate) -> Result<ChangeSet, String> {
    let sprint = ws.sprint(id).ok_or("that sprint no longer exists")?;
    match sprint.state {
        SprintState::Active => {}
        SprintState::Planning => return Err(format!("{} has not started; start it first", sprint.name)),
        SprintState::Closed => return Err(format!("{} is already closed", sprint.name)),
    }
    check_closing(closing)?;
    // A sprint started early may close early (today), but an explicit closing date before its
    // start is a typo: it would date the close before the work began.
    let closed_on = closing.closed_on.unwrap_or(today);
    if closing.closed_on.is_some_and(|d| d < sprint.start) {
        return Err(format!(
            "{} starts on {}; it cannot close on {closed_on}, before it began",
            sprint.name, sprint.start
        ));
    }
    let before: Vec<SprintEntry> = ws.entries_of(id).cloned().collect();
    // The snapshot, plus anything planned into the sprint without one (data from elsewhere).
    let mut committed: BTreeMap<ItemId, HalfPoints> = before.iter().map(|e| (e.item, e.planned)).collect();
    for item in planned_in(ws, id) {
        committed.entry(item.id).or_insert(item.estimate);
    }
    if let Some(stranger) = closing.outcomes.keys().find(|item| !committed.contains_key(item)) {
        let name = ws.item(*stranger).map_or_else(|| format!("#{}", stranger.0), label);
        return Err(format!("{name} was not part of {}'s plan", sprint.name));
    }
    let mut changes = Vec::new();
    let mut after_entries = Vec::new();
    let (mut done, mut carried, mut dropped) = (0, 0, 0);
    for (&item_id, &planned) in &committed {
        let outcome = closing.outcomes.get(&item_id).copied().unwrap_or(ItemOutcome::Done);
        if outcome == (ItemOutcome::Carried { remaining: HalfPoints::ZERO }) {
            let name = ws.item(item_id).map_or_else(|| format!("#{}", item_id.0), label);
            return Err(format!("{name} is carried over with nothing remaining; mark it done instead"));
        }
        if let ItemOutcome::Carried { remaining } = outcome {
            if remaining > planned {
                let name = ws.item(item_id).map_or_else(|| format!("#{}", item_id.0), label);
                return Err(format!(
                    "{name} is carried over with {remaining} points remaining, more than the {planned} committed; \
                     at most {planned} can remain (re-estimate the item afterwards if it grew)"
                ));
            }
        }
        let (entry_outcome, remaining) = match outcome {
            ItemOutcome::Done => (EntryOutcome::Done, HalfPoints::ZERO),
            ItemOutcome::Carried { remaining } => (EntryOutcome::CarriedOver, remaining),
            ItemOutcome::Dropped => (EntryOutcome::Dropped, HalfPoints::ZERO),
        };
        after_entries.push(SprintEntry { sprint: id, item: item_id, planned, outcome: entry_outcome, remaining });
        let Some(item) = ws.item(item_id) else { continue };
        let mut after = item.clone();
        match outcome {
            ItemOutcome::Done => {
                done += 1;
                after.status = Status::Done;
                after.sprint = Some(id);
            }
            ItemOutcome::Carried { remaining } => {
                carried += 1;
                after.status = Status::Backlog;
                after.sprint = None;
                // What is left is the estimate from now on: a re-estimate, not new scope.
                after.estimate = remaining;
            }
            ItemOutcome::Dropped => {
                dropped += 1;
                after.status = Status::Backlog;
                after.sprint = None;
            }
        }
        if after != *item {
            changes.push(Change::item(Some(item.clone()), Some(after)));
        }
    }
    let actuals = SprintActuals {
        closed_on: Some(closed_on),
        unplanned: closing.unplanned,
        rework: closing.rework,
        delivery: closing.delivery.clone(),
    };
    let after_sprint = Sprint { state: SprintState::Closed, actuals: Some(actuals), ..sprint.clone() };
    changes.push(Change::sprint(sprint.clone(), after_sprint));
    changes.push(Change::Entries { sprint: id, before, after: after_entries });
    // A sprint started before snapshots existed keeps the team as it is at its close.
    if ws.availability_of(id).next().is_none() {
        changes.push(Change::Availability {
            sprint: id,
            before: Vec::new(),
            after: super::availability::snapshot(ws, sprint),
        });
    }
    Ok(ChangeSet::new(
        format!("closed {} ({done} done, {carried} carried over, {dropped} dropped)", sprint.name),
        changes,
    ))
}

#[cfg(test)]
#[path = "sprint_lifecycle_tests.rs"]
mod tests;
