//! Reads for a ranking that does not need every item whole: the scoring fields of the
//! candidates (small integers only), then the few items shown.

use rusqlite::{params_from_iter, Connection};

use crate::domain::scoring::ScoringFields;
use crate::domain::{ItemId, Kind, SprintId, WorkItem};

use super::items::{item_from_row, ITEM_COLUMNS};
use super::rows::{halves, small};

/// Candidates: backlog items and those planned into `current`, optionally of one kind.
pub fn candidate_fields(
    conn: &Connection,
    team: i64,
    current: Option<SprintId>,
    kind: Option<Kind>,
) -> rusqlite::Result<Vec<ScoringFields>> {
    let mut stmt = conn.prepare(
        "SELECT id, impact, risk, time_to_value, estimate_halves FROM items
         WHERE team_id = ?3 AND (status = 0 OR (status = 1 AND sprint_id = ?1)) AND (?2 IS NULL OR kind = ?2)",
    )?;
    let rows = stmt.query_map((current.map(|s| s.0), kind.map(|k| k.code()), team), |r| {
        Ok(ScoringFields {
            id: ItemId(r.get(0)?),
            impact: small(1, r.get(1)?)?,
            risk: small(2, r.get(2)?)?,
            time_to_value: small(3, r.get(3)?)?,
            estimate: halves(4, r.get(4)?)?,
        })
    })?;
    rows.collect()
}

/// The items with these ids, whole (register fields and deferral log included), in id order.
pub fn items_by_ids(conn: &Connection, team: i64, ids: &[ItemId]) -> rusqlite::Result<Vec<WorkItem>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The team is the first parameter, the ids the rest.
    let marks = vec!["?"; ids.len()].join(", ");
    let params = || std::iter::once(team).chain(ids.iter().map(|i| i.0));
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM {} WHERE i.team_id = ? AND i.id IN ({marks}) ORDER BY i.id",
        super::items::ITEM_FROM
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut items: Vec<WorkItem> =
        stmt.query_map(params_from_iter(params()), item_from_row)?.collect::<rusqlite::Result<_>>()?;
    let sql = format!(
        "SELECT {} FROM deferrals WHERE team_id = ? AND item_id IN ({marks}) ORDER BY item_id, deferred_on, id",
        super::items::DEFERRAL_COLUMNS
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(params()), super::items::deferral_from_row)?;
    for row in rows {
        let (id, deferral) = row?;
        if let Some(debt) = items.iter_mut().find(|i| i.id == id).and_then(|i| i.debt.as_mut()) {
            debt.deferrals.push(deferral);
        }
    }
    let mut drags = super::items::load_drag_history(conn, team, Some(ids))?;
    for item in &mut items {
        if let (Some(debt), Some(history)) = (item.debt.as_mut(), drags.remove(&item.id)) {
            debt.drag_history = history;
        }
    }
    Ok(items)
}
