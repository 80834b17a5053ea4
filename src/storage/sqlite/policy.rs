//! The policy rows: one per team, the team's name, targets and weights. A team *is* its
//! policy row (`team_id`); every other team-owned row points at it.

use rusqlite::{params, Connection};

use crate::domain::guardrails::Rule;
use crate::domain::{EstimateUnit, Kind, KindMap, Policy, ScoringModel, Weights};

use super::rows::{code, small};
use crate::storage::teams::{TeamRow, NEW_TEAM_COLUMNS, NEW_TEAM_VALUES};

fn bad_rule(s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        15,
        rusqlite::types::Type::Text,
        format!("unknown guardrail '{s}'").into(),
    )
}

pub fn load(conn: &Connection, team: i64) -> rusqlite::Result<Policy> {
    conn.query_row(
        "SELECT target_feature, target_defect, target_risk, target_debt, tolerance, investment_floor, model,
                weight_impact, weight_risk, weight_ttv, weight_effort, unit, default_focus, version,
                min_commitment, blocking, team_name, plan_overdue_high_risk_debt_first
         FROM policy WHERE team_id = ?1",
        [team],
        |r| {
            Ok(Policy {
                targets: KindMap::new(
                    small(0, r.get(0)?)?,
                    small(1, r.get(1)?)?,
                    small(2, r.get(2)?)?,
                    small(3, r.get(3)?)?,
                ),
                tolerance: small(4, r.get(4)?)?,
                investment_floor: small(5, r.get(5)?)?,
                model: code(6, r.get(6)?, ScoringModel::from_code)?,
                weights: Weights { impact: r.get(7)?, risk: r.get(8)?, time_to_value: r.get(9)?, effort: r.get(10)? },
                unit: code(11, r.get(11)?, |c| match c {
                    0 => Some(EstimateUnit::Points),
                    1 => Some(EstimateUnit::Days),
                    _ => None,
                })?,
                default_focus: r.get(12)?,
                version: r.get(13)?,
                min_commitment: small(14, r.get(14)?)?,
                blocking: r
                    .get::<_, String>(15)?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| Rule::parse(s).ok_or_else(|| bad_rule(s)))
                    .collect::<rusqlite::Result<_>>()?,
                team_name: r.get(16)?,
                plan_overdue_high_risk_debt_first: r.get(17)?,
            })
        },
    )
}

pub fn save(conn: &Connection, team: i64, p: &Policy) -> rusqlite::Result<usize> {
    let unit = match p.unit {
        EstimateUnit::Points => 0,
        EstimateUnit::Days => 1,
    };
    conn.execute(
        "UPDATE policy SET target_feature = ?1, target_defect = ?2, target_risk = ?3, target_debt = ?4,
                tolerance = ?5, investment_floor = ?6, model = ?7, weight_impact = ?8, weight_risk = ?9,
                weight_ttv = ?10, weight_effort = ?11, unit = ?12, default_focus = ?13, min_commitment = ?15,
                blocking = ?16, team_name = ?17, plan_overdue_high_risk_debt_first = ?18,
                version = version + 1
         WHERE team_id = ?19 AND version = ?14",
        params![
            p.targets.get(Kind::Feature),
            p.targets.get(Kind::Defect),
            p.targets.get(Kind::Risk),
            p.targets.get(Kind::Debt),
            p.tolerance,
            p.investment_floor,
            p.model.code(),
            p.weights.impact,
            p.weights.risk,
            p.weights.time_to_value,
            p.weights.effort,
            unit,
            p.default_focus,
            p.version,
            p.min_commitment,
            p.blocking.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(","),
            p.team_name,
            p.plan_overdue_high_risk_debt_first,
            team
        ],
    )
}

/// Every team in the store, in id order.
pub fn teams(conn: &Connection) -> rusqlite::Result<Vec<TeamRow>> {
    let mut stmt = conn.prepare(
        "SELECT p.team_id, p.team_name,
                EXISTS (SELECT 1 FROM items WHERE team_id = p.team_id)
                OR EXISTS (SELECT 1 FROM members WHERE team_id = p.team_id)
                OR EXISTS (SELECT 1 FROM sprints WHERE team_id = p.team_id)
         FROM policy p ORDER BY p.team_id",
    )?;
    let rows = stmt.query_map([], |r| Ok(TeamRow { id: r.get(0)?, name: r.get(1)?, has_rows: r.get(2)? }))?;
    rows.collect()
}

/// A new team with the default policy (the one a new store starts with); returns its id.
pub fn create_team(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    let id: i64 = conn.query_row("SELECT coalesce(max(team_id), 0) + 1 FROM policy", [], |r| r.get(0))?;
    conn.execute(
        &format!("INSERT INTO policy ({}) VALUES (?1, ?2, {})", NEW_TEAM_COLUMNS, NEW_TEAM_VALUES),
        params![id, name],
    )?;
    Ok(id)
}

/// Names a team (a store's first team has no name until it is set up).
pub fn name_team(conn: &Connection, team: i64, name: &str) -> rusqlite::Result<usize> {
    conn.execute("UPDATE policy SET team_name = ?2, version = version + 1 WHERE team_id = ?1", params![team, name])
}
