//! Sprints, their actuals and their plan-snapshot entries.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::domain::{
    DeliveryFigures, EntryOutcome, ItemId, KindMap, Sprint, SprintActuals, SprintEntry, SprintId, SprintState,
};

use super::rows::{code, halves};

pub fn load_sprints(conn: &Connection) -> rusqlite::Result<Vec<Sprint>> {
    let mut actuals = load_actuals(conn)?;
    let mut stmt = conn
        .prepare("SELECT id, name, start_date, end_date, goal, state, version FROM sprints ORDER BY start_date, id")?;
    let rows = stmt.query_map([], |r| {
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

fn load_actuals(conn: &Connection) -> rusqlite::Result<HashMap<SprintId, SprintActuals>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk, unplanned_debt, rework,
                deployments, lead_time_days, change_failures, incidents, recovery_hours
         FROM sprint_actuals",
    )?;
    let rows = stmt.query_map([], |r| {
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

pub fn load_entries(conn: &Connection) -> rusqlite::Result<Vec<SprintEntry>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, item_id, planned_halves, outcome, remaining_halves FROM sprint_entries
         ORDER BY sprint_id, item_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SprintEntry {
            sprint: SprintId(r.get(0)?),
            item: ItemId(r.get(1)?),
            planned: halves(2, r.get(2)?)?,
            outcome: code(3, r.get(3)?, EntryOutcome::from_code)?,
            remaining: halves(4, r.get(4)?)?,
        })
    })?;
    rows.collect()
}

pub fn insert_sprint(conn: &Connection, s: &Sprint) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprints (id, name, start_date, end_date, goal, state, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![s.id.0, s.name, s.start, s.end, s.goal, s.state.code(), s.version],
    )?;
    if let Some(a) = &s.actuals {
        use crate::domain::Kind;
        conn.execute(
            "INSERT INTO sprint_actuals (sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk,
                 unplanned_debt, rework, deployments, lead_time_days, change_failures, incidents, recovery_hours)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                s.id.0,
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
                a.delivery.recovery_hours
            ],
        )?;
    }
    Ok(())
}

pub fn insert_entry(conn: &Connection, e: &SprintEntry) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprint_entries (sprint_id, item_id, planned_halves, outcome, remaining_halves)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![e.sprint.0, e.item.0, e.planned.0, e.outcome.code(), e.remaining.0],
    )?;
    Ok(())
}

/// Updates a sprint's name, dates, goal and state if still at `version`; 0 rows means a conflict.
pub fn update_sprint(conn: &Connection, version: i64, s: &Sprint) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE sprints SET name = ?2, start_date = ?3, end_date = ?4, goal = ?5, state = ?6, version = ?7
         WHERE id = ?1 AND version = ?8",
        params![s.id.0, s.name, s.start, s.end, s.goal, s.state.code(), s.version, version],
    )
}
