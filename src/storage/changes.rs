//! Saving a `ChangeSet`: every change checked against what the row holds now, all in one
//! transaction, so a change made from a stale copy is refused whole and nothing is lost.

use rusqlite::Connection;

use crate::domain::change::{Change, ChangeSet};
use crate::domain::edits::label;
use crate::domain::{Policy, WorkItem};

use super::{items, policy, sprints, team};

/// Why a change could not be written.
pub enum Refusal {
    /// The row is not what the change expected: someone else saved first.
    Conflict(String),
    /// A number that SQLite would store as NULL; the callers validate, this is the last guard.
    NotFinite(String),
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for Refusal {
    fn from(e: rusqlite::Error) -> Self {
        Refusal::Sql(e)
    }
}

/// An insert that hits a UNIQUE key means someone else created the same row first.
fn conflict_if_taken(what: impl FnOnce() -> String) -> impl FnOnce(rusqlite::Error) -> Refusal {
    move |e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Refusal::Conflict(what())
        }
        other => Refusal::Sql(other),
    }
}

fn expect_one(rows: usize, what: impl FnOnce() -> String) -> Result<(), Refusal> {
    if rows == 0 {
        Err(Refusal::Conflict(what()))
    } else {
        Ok(())
    }
}

fn finite(values: &[f64], what: &str) -> Result<(), Refusal> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(Refusal::NotFinite(what.to_string()))
    }
}

/// Writes `set` and returns it as committed (new items carry the id they were given).
pub fn apply(conn: &Connection, set: &ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, Refusal> {
    let mut committed = Vec::with_capacity(set.changes.len());
    for change in &set.changes {
        committed.push(apply_one(conn, change, now)?);
    }
    Ok(ChangeSet { label: set.label.clone(), changes: committed })
}

/// Writes `set` and leaves it as committed, without copying it: an import's set can hold
/// 100,000 items, and a copy of each costs as much as parsing the file.
pub fn apply_in_place(
    conn: &Connection,
    set: &mut ChangeSet,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Refusal> {
    for change in &mut set.changes {
        match change {
            Change::Item { before, after } => write_item(conn, before.as_ref(), after.as_mut(), now)?,
            other => {
                apply_one(conn, other, now)?;
            }
        }
    }
    Ok(())
}

/// Creates, updates or deletes one item, stamping `after` with the save time (and a new id).
fn write_item(
    conn: &Connection,
    before: Option<&WorkItem>,
    after: Option<&mut WorkItem>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Refusal> {
    match (before, after) {
        (None, Some(a)) => {
            a.updated = now;
            if a.id.0 == 0 {
                a.id = items::next_id(conn)?;
            }
            items::insert_item(conn, a).map_err(conflict_if_taken(|| label(a)))?;
        }
        (Some(b), Some(a)) => {
            a.updated = now;
            expect_one(items::update_item(conn, b.version, a)?, || label(b))?
        }
        (Some(b), None) => expect_one(items::delete_item(conn, b.id, b.version)?, || label(b))?,
        (None, None) => {}
    }
    Ok(())
}

fn apply_one(conn: &Connection, change: &Change, now: chrono::DateTime<chrono::Utc>) -> Result<Change, Refusal> {
    match change {
        Change::Item { before, after } => {
            let mut after = after.clone();
            write_item(conn, before.as_ref(), after.as_mut(), now)?;
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
                        a.id = team::next_member_id(conn)?;
                    }
                    team::insert_member(conn, a).map_err(conflict_if_taken(|| a.name.clone()))?;
                }
                (Some(b), Some(a)) => expect_one(team::update_member(conn, b.version, a)?, || a.name.clone())?,
                (Some(b), None) => expect_one(team::delete_member(conn, b.id, b.version)?, || b.name.clone())?,
                (None, None) => {}
            }
            Ok(Change::Member { before: before.clone(), after })
        }
        Change::DaysOff { member, sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort();
            if team::days_off_of(conn, *member, *sprint)? != expected {
                return Err(Refusal::Conflict("the days off".into()));
            }
            team::replace_days_off(conn, *member, *sprint, after)?;
            Ok(change.clone())
        }
        Change::Holiday { before, after } => {
            if let Some(b) = before {
                expect_one(team::delete_holiday(conn, b)?, || format!("the holiday on {}", b.date))?;
            }
            if let Some(a) = after {
                team::insert_holiday(conn, a).map_err(conflict_if_taken(|| format!("the holiday on {}", a.date)))?;
            }
            Ok(change.clone())
        }
        Change::Sprint { before, after } => {
            let mut after = after.clone();
            match (before, after.as_mut()) {
                (None, Some(a)) => {
                    if a.id.0 == 0 {
                        a.id = sprints::next_id(conn)?;
                    }
                    sprints::insert_sprint(conn, a).map_err(conflict_if_taken(|| a.name.clone()))?;
                }
                (Some(b), Some(a)) => {
                    expect_one(sprints::update_sprint(conn, b.version, a)?, || b.name.clone())?;
                    if b.actuals != a.actuals {
                        sprints::replace_actuals(conn, a)?;
                    }
                }
                (Some(b), None) => expect_one(sprints::delete_sprint(conn, b.id, b.version)?, || b.name.clone())?,
                (None, None) => {}
            }
            Ok(Change::Sprint { before: before.clone(), after })
        }
        Change::Entries { sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort_by_key(|e| e.item);
            if sprints::entries_of(conn, *sprint)? != expected {
                return Err(Refusal::Conflict("the sprint's plan snapshot".into()));
            }
            sprints::replace_entries(conn, *sprint, after)?;
            Ok(change.clone())
        }
        Change::Availability { sprint, before, after } => {
            let mut expected = before.clone();
            expected.sort_by_key(|a| a.member);
            if team::availability_of(conn, *sprint)? != expected {
                return Err(Refusal::Conflict("the sprint's availability".into()));
            }
            for a in after {
                finite(&[a.allocation, a.focus], "allocation and focus")?;
            }
            team::replace_availability(conn, *sprint, after)?;
            Ok(change.clone())
        }
        Change::Policy { before, after } => {
            let w = &after.weights;
            finite(&[w.impact, w.risk, w.time_to_value, w.effort, after.default_focus], "the weights")?;
            // `save` expects the version it read and bumps it, which gives `after.version`.
            let expected = Policy { version: before.version, ..after.clone() };
            expect_one(policy::save(conn, &expected)?, || "the policy".into())?;
            Ok(change.clone())
        }
    }
}
