//! Sprints, their actuals and their plan-snapshot entries, of one team.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::domain::{
    DeliveryFigures, EntryOutcome, ItemId, KindMap, Sprint, SprintActuals, SprintEntry, SprintId, SprintState,
};

use super::rows::{code, halves};

pub fn load_sprints(conn: &Connection, team: i64) -> rusqlite::Result<Vec<Sprint>> {
    let mut actuals = load_actuals(conn, team)?;
    let mut stmt = conn.prepare(
        "SELECT id, name, start_date, end_date, goal, state, version FROM sprints WHERE team_id = ?1
         ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map([team], |r| {
        let id = SprintId(r.get(0)?);
        Ok(Sprint {
            id,
            name: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            goal: r.get(4)?,
            state: code(5, r.get(5)?, SprintState::from_code)?,
            actuals: None,
            version: r.get(6)?,
        })
    })?;
    let mut sprints: Vec<Sprint> = rows.collect::<rusqlite::Result<_>>()?;
    for sprint in &mut sprints {
        sprint.actuals = actuals.remove(&sprint.id);
    }
    Ok(sprints)
}

fn load_actuals(conn: &Connection, team: i64) -> rusqlite::Result<HashMap<SprintId, SprintActuals>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk, unplanned_debt, rework,
                deployments, lead_time_days, change_failures, incidents, recovery_hours
         FROM sprint_actuals WHERE team_id = ?1",
    )?;
    let rows = stmt.query_map([team], |r| {
        Ok((
            SprintId(r.get(0)?),
            SprintActuals {
                closed_on: r.get(1)?,
                unplanned: KindMap::new(r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
                rework: r.get(6)?,
                delivery: DeliveryFigures {
                    deployments: r.get(7)?,
                    lead_time_days: r.get(8)?,
                    change_failures: r.get(9)?,
                    incidents: r.get(10)?,
                    recovery_hours: r.get(11)?,
                },
            },
        ))
    })?;
    rows.collect()
}

pub fn load_entries(conn: &Connection, team: i64) -> rusqlite::Result<Vec<SprintEntry>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, item_id, planned_halves, outcome, remaining_halves FROM sprint_entries
         WHERE team_id = ?1 ORDER BY sprint_id, item_id",
    )?;
    let rows = stmt.query_map([team], entry_from_row)?;
    rows.collect()
}

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SprintEntry> {
    Ok(SprintEntry {
        sprint: SprintId(r.get(0)?),
        item: ItemId(r.get(1)?),
        planned: halves(2, r.get(2)?)?,
        outcome: code(3, r.get(3)?, EntryOutcome::from_code)?,
        remaining: halves(4, r.get(4)?)?,
    })
}

pub fn insert_sprint(conn: &Connection, team: i64, s: &Sprint) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprints (id, name, start_date, end_date, goal, state, version, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![s.id.0, s.name, s.start, s.end, s.goal, s.state.code(), s.version, team],
    )?;
    if let Some(a) = &s.actuals {
        insert_actuals(conn, team, s.id, a)?;
    }
    Ok(())
}

fn insert_actuals(conn: &Connection, team: i64, sprint: SprintId, a: &SprintActuals) -> rusqlite::Result<()> {
    use crate::domain::Kind;
    conn.execute(
        "INSERT INTO sprint_actuals (sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk,
             unplanned_debt, rework, deployments, lead_time_days, change_failures, incidents, recovery_hours,
             team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            sprint.0,
            a.closed_on,
            a.unplanned.get(Kind::Feature),
            a.unplanned.get(Kind::Defect),
            a.unplanned.get(Kind::Risk),
            a.unplanned.get(Kind::Debt),
            a.rework,
            a.delivery.deployments,
            a.delivery.lead_time_days,
            a.delivery.change_failures,
            a.delivery.incidents,
            a.delivery.recovery_hours,
            team
        ],
    )?;
    Ok(())
}

/// Writes the sprint's actuals as they are in `s` (none: the row goes).
pub fn replace_actuals(conn: &Connection, team: i64, s: &Sprint) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sprint_actuals WHERE sprint_id = ?1 AND team_id = ?2", [s.id.0, team])?;
    match &s.actuals {
        Some(a) => insert_actuals(conn, team, s.id, a),
        None => Ok(()),
    }
}

pub fn next_id(conn: &Connection, team: i64) -> rusqlite::Result<SprintId> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM sprints WHERE team_id = ?1", [team], |r| r.get(0))
        .map(SprintId)
}

/// Deletes a sprint still at `version` (its days off, actuals and snapshot go with it);
/// 0 rows means a conflict.
pub fn delete_sprint(conn: &Connection, team: i64, id: SprintId, version: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM sprints WHERE id = ?1 AND version = ?2 AND team_id = ?3", params![id.0, version, team])
}

/// One sprint's plan snapshot, in item order.
pub fn entries_of(conn: &Connection, team: i64, sprint: SprintId) -> rusqlite::Result<Vec<SprintEntry>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, item_id, planned_halves, outcome, remaining_halves FROM sprint_entries
         WHERE sprint_id = ?1 AND team_id = ?2 ORDER BY item_id",
    )?;
    let rows = stmt.query_map([sprint.0, team], entry_from_row)?;
    rows.collect()
}

pub fn replace_entries(
    conn: &Connection,
    team: i64,
    sprint: SprintId,
    entries: &[SprintEntry],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sprint_entries WHERE sprint_id = ?1 AND team_id = ?2", [sprint.0, team])?;
    for e in entries {
        insert_entry(conn, team, e)?;
    }
    Ok(())
}

pub fn insert_entry(conn: &Connection, team: i64, e: &SprintEntry) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprint_entries (sprint_id, item_id, planned_halves, outcome, remaining_halves, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.sprint.0, e.item.0, e.planned.0, e.outcome.code(), e.remaining.0, team],
    )?;
    Ok(())
}

/// Updates a sprint's name, dates, goal and state if still at `version`; 0 rows means a conflict.
pub fn update_sprint(conn: &Connection, team: i64, version: i64, s: &Sprint) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE sprints SET name = ?2, start_date = ?3, end_date = ?4, goal = ?5, state = ?6, version = ?7
         WHERE id = ?1 AND version = ?8 AND team_id = ?9",
        params![s.id.0, s.name, s.start, s.end, s.goal, s.state.code(), s.version, version, team],
    )
}
