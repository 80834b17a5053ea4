//! Saving a `ChangeSet`, for every engine: each change checked against what the row holds
//! now, all inside the engine's one transaction, so a change made from a stale copy is refused
//! whole and nothing is lost. Also the seeding of an empty store from a whole workspace.

use crate::domain::change::{Change, ChangeSet};
use crate::domain::edits::label;
use crate::domain::{Policy, WorkItem, Workspace};

use super::tables::Tables;

/// Why a change could not be written.
pub enum Refusal<E> {
    /// The row is not what the change expected: someone else saved first.
    Conflict(String),
    /// A number that a store would keep as NULL (or refuse); the callers validate, this is the
    /// last guard.
    NotFinite(String),
    Sql(E),
}

/// An insert that hits a UNIQUE key means someone else created the same row first.
fn conflict_if_taken<T: Tables>(what: impl FnOnce() -> String) -> impl FnOnce(T::Error) -> Refusal<T::Error> {
    move |e| if T::is_unique_violation(&e) { Refusal::Conflict(what()) } else { Refusal::Sql(e) }
}

fn expect_one<E>(rows: usize, what: impl FnOnce() -> String) -> Result<(), Refusal<E>> {
    if rows == 0 {
        Err(Refusal::Conflict(what()))
    } else {
        Ok(())
    }
}

fn finite<E>(values: &[f64], what: &str) -> Result<(), Refusal<E>> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(Refusal::NotFinite(what.to_string()))
    }
}

/// Errors of the engine's own calls, wrapped so `?` works inside the change logic.
fn sql<E>(e: E) -> Refusal<E> {
    Refusal::Sql(e)
}

/// Writes `set` and returns it as committed (new items carry the id they were given).
pub fn apply<T: Tables>(
    t: &mut T,
    set: &ChangeSet,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ChangeSet, Refusal<T::Error>> {
    let mut committed = Vec::with_capacity(set.changes.len());
    for change in &set.changes {
        committed.push(apply_one(t, change, now)?);
    }
    Ok(ChangeSet { label: set.label.clone(), changes: committed })
}

/// Writes `set` and leaves it as committed, without copying it: an import's set can hold
/// 100,000 items, and a copy of each costs as much as parsing the file.
pub fn apply_in_place<T: Tables>(
    t: &mut T,
    set: &mut ChangeSet,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Refusal<T::Error>> {
    let changes = &mut set.changes;
    let mut at = 0;
    while at < changes.len() {
        // A run of new items (an import's) goes in as one batch.
        let run = changes[at..].iter().take_while(|c| new_item(c).is_some()).count();
        if run >= 2 {
            insert_new_items(t, &mut changes[at..at + run], now)?;
            at += run;
            continue;
        }
        match &mut changes[at] {
            Change::Item { before, after } => write_item(t, before.as_ref(), after.as_mut(), now)?,
            other => {
                apply_one(t, other, now)?;
            }
        }
        at += 1;
    }
    Ok(())
}

/// Stamps each new item with the save time and gives those without an id one (consecutive,
/// past the next free id and past every id the run brings), then writes them in one batch.
fn insert_new_items<T: Tables>(
    t: &mut T,
    run: &mut [Change],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Refusal<T::Error>> {
    let given = run.iter().filter_map(new_item).map(|a| a.id.0 + 1).max().unwrap_or(0);
    let mut next = t.next_item_id().map_err(sql)?.0.max(given);
    for change in run.iter_mut() {
        if let Change::Item { after: Some(a), .. } = change {
            a.updated = now;
            if a.id.0 == 0 {
                a.id = crate::domain::ItemId(next);
                next += 1;
            }
        }
    }
    let items: Vec<&WorkItem> = run.iter().filter_map(new_item).collect();
    let count = items.len();
    t.insert_items(&items).map_err(conflict_if_taken::<T>(|| format!("one of the {count} new items (its key)")))
}

/// The item a change creates.
fn new_item(change: &Change) -> Option<&WorkItem> {
    match change {
        Change::Item { before: None, after: Some(a) } => Some(a),
        _ => None,
    }
}

/// Creates, updates or deletes one item, stamping `after` with the save time (and a new id).
fn write_item<T: Tables>(
    t: &mut T,
    before: Option<&WorkItem>,
    after: Option<&mut WorkItem>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Refusal<T::Error>> {
    match (before, after) {
        (None, Some(a)) => {
            a.updated = now;
            if a.id.0 == 0 {
                a.id = t.next_item_id().map_err(sql)?;
            }
            t.insert_item(a).map_err(conflict_if_taken::<T>(|| label(a)))?;
        }
        (Some(b), Some(a)) => {
            a.updated = now;
            expect_one(t.update_item(b.version, a).map_err(sql)?, || label(b))?
        }
        (Some(b), None) => expect_one(t.delete_item(b.id, b.version).map_err(sql)?, || label(b))?,
        (None, None) => {}
    }
    Ok(())
}

fn apply_one<T: Tables>(
    t: &mut T,
    change: &Change,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Change, Refusal<T::Error>> {
    match change {
        Change::Item { before, after } => {
            let mut after = after.clone();
            write_item(t, before.as_ref(), after.as_mut(), now)?;
            Ok(Change::Item { before: before.clone(), after })
        }
        Change::Member { before, after } => {
            let mut after = after.clone();
            if let Some(a) = &after {
                finite(&[a.allocation, a.focus.unwrap_or(0.0)], "allocation and focus")?;
            }
            match (before, after.as_mut()) {
                (None, Some(a)) => {
                    if a.id.0 == 0 {
                        a.id = t.next_member_id().map_err(sql)?;
                    }
                    t.insert_member(a).map_err(conflict_if_taken::<T>(|| a.name.clone()))?;
                }
                (Some(b), Some(a)) => expect_one(t.update_member(b.version, a).map_err(sql)?, || a.name.clone())?,
                (Some(b), None) => expect_one(t.delete_member(b.id, b.version).map_err(sql)?, || b.name.clone())?,
                (None, None) => {}
            }
            Ok(Change::Member { before: before.clone(), after })
        }
        Change::DaysOff { member, sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort();
            if t.days_off_of(*member, *sprint).map_err(sql)? != expected {
                return Err(Refusal::Conflict("the days off".into()));
            }
            t.replace_days_off(*member, *sprint, after).map_err(sql)?;
            Ok(change.clone())
        }
        Change::Holiday { before, after } => {
            if let Some(b) = before {
                expect_one(t.delete_holiday(b).map_err(sql)?, || format!("the holiday on {}", b.date))?;
            }
            if let Some(a) = after {
                t.insert_holiday(a).map_err(conflict_if_taken::<T>(|| format!("the holiday on {}", a.date)))?;
            }
            Ok(change.clone())
        }
        Change::Sprint { before, after } => {
            let mut after = after.clone();
            match (before, after.as_mut()) {
                (None, Some(a)) => {
                    if a.id.0 == 0 {
                        a.id = t.next_sprint_id().map_err(sql)?;
                    }
                    t.insert_sprint(a).map_err(conflict_if_taken::<T>(|| a.name.clone()))?;
                }
                (Some(b), Some(a)) => {
                    expect_one(t.update_sprint(b.version, a).map_err(sql)?, || b.name.clone())?;
                    if b.actuals != a.actuals {
                        t.replace_actuals(a).map_err(sql)?;
                    }
                }
                (Some(b), None) => expect_one(t.delete_sprint(b.id, b.version).map_err(sql)?, || b.name.clone())?,
                (None, None) => {}
            }
            Ok(Change::Sprint { before: before.clone(), after })
        }
        Change::Entries { sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort_by_key(|e| e.item);
            if t.entries_of(*sprint).map_err(sql)? != expected {
                return Err(Refusal::Conflict("the sprint's plan snapshot".into()));
            }
            t.replace_entries(*sprint, after).map_err(sql)?;
            Ok(change.clone())
        }
        Change::Availability { sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort_by_key(|a| a.member);
            if t.availability_of(*sprint).map_err(sql)? != expected {
                return Err(Refusal::Conflict("the sprint's availability".into()));
            }
            for a in after {
                finite(&[a.allocation, a.focus], "allocation and focus")?;
            }
            t.replace_availability(*sprint, after).map_err(sql)?;
            Ok(change.clone())
        }
        Change::Policy { before, after } => {
            let w = &after.weights;
            finite(&[w.impact, w.risk, w.time_to_value, w.effort, after.default_focus], "the weights")?;
            // `save_policy` expects the version it read and bumps it, which gives `after.version`.
            let expected = Policy { version: before.version, ..after.clone() };
            expect_one(t.save_policy(&expected).map_err(sql)?, || "the policy".into())?;
            Ok(change.clone())
        }
    }
}

/// Why seeding stopped.
pub enum SeedRefusal<E> {
    /// The store already holds items, members or sprints.
    NotEmpty,
    Sql(E),
}

/// Writes a whole workspace, ids included, into an empty store (demo data, restores).
pub fn seed<T: Tables>(t: &mut T, ws: &Workspace) -> Result<(), SeedRefusal<T::Error>> {
    let sql = SeedRefusal::Sql;
    if t.row_count().map_err(sql)? > 0 {
        return Err(SeedRefusal::NotEmpty);
    }
    // A team named when it was created (`--team`) keeps that name; a store's first team takes
    // the restored one's.
    let stored_name = t.team_name().map_err(sql)?;
    let team_name = if stored_name.is_empty() { ws.policy.team_name.clone() } else { stored_name };
    let policy = Policy { version: t.policy_version().map_err(sql)?, team_name, ..ws.policy.clone() };
    t.save_policy(&policy).map_err(sql)?;
    for m in &ws.members {
        t.insert_member(m).map_err(sql)?;
    }
    for h in &ws.holidays {
        t.insert_holiday(h).map_err(sql)?;
    }
    for s in &ws.sprints {
        t.insert_sprint(s).map_err(sql)?;
    }
    for d in &ws.days_off {
        t.insert_day_off(d).map_err(sql)?;
    }
    t.insert_items(&ws.items.iter().collect::<Vec<_>>()).map_err(sql)?;
    for e in &ws.entries {
        t.insert_entry(e).map_err(sql)?;
    }
    // A document without snapshots (older backups, the demo's closed sprints) keeps today's
    // members for its started sprints, as the SQLite schema migration did.
    for a in ws.availability.iter().chain(&crate::domain::availability::missing(ws)) {
        t.insert_availability(a).map_err(sql)?;
    }
    Ok(())
}
