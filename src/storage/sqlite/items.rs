//! Work items, the debt register fields and the deferral log, of one team.

use std::collections::HashMap;

use rusqlite::{params, Connection, Row};

use crate::domain::{
    Agreement, DebtCategory, DebtDetails, Deferral, ItemId, Kind, MemberId, RiskArea, SprintId, Status, WorkItem,
};

use super::rows::{code, halves, id_list, id_text, read_timestamp, small, split_list, text_in_place, timestamp};

pub(super) const ITEM_COLUMNS: &str = "i.id, i.external_key, i.title, i.kind, i.status, i.sprint_id, i.estimate_halves,
    i.impact, i.risk, i.time_to_value, i.outcome, i.tags, i.created_at, i.updated_at, i.pinned, i.excluded,
    i.version, d.interest, d.visibility, d.drag, d.category, d.risk_area, d.reason, d.impact, d.trigger_date,
    d.trigger_condition, d.owner, d.linked_key, i.assignee_id, i.skills, i.blocked_by";

pub(super) fn item_from_row(r: &Row<'_>) -> rusqlite::Result<WorkItem> {
    let interest: Option<i64> = r.get(17)?;
    let debt = match interest {
        Some(interest) => Some(DebtDetails {
            interest: small(17, interest)?,
            visibility: small(18, r.get(18)?)?,
            drag: r.get(19)?,
            category: code(20, r.get(20)?, DebtCategory::from_code)?,
            risk_area: code(21, r.get(21)?, RiskArea::from_code)?,
            agreement: Agreement {
                reason: r.get(22)?,
                impact: r.get(23)?,
                trigger_date: r.get(24)?,
                trigger_condition: r.get(25)?,
                owner: r.get(26)?,
                linked_key: r.get(27)?,
            },
            deferrals: Vec::new(),
            drag_history: Vec::new(),
        }),
        None => None,
    };
    Ok(WorkItem {
        id: ItemId(r.get(0)?),
        key: r.get(1)?,
        title: r.get(2)?,
        kind: code(3, r.get(3)?, Kind::from_code)?,
        status: code(4, r.get(4)?, Status::from_code)?,
        sprint: r.get::<_, Option<i64>>(5)?.map(SprintId),
        estimate: halves(6, r.get(6)?)?,
        impact: small(7, r.get(7)?)?,
        risk: small(8, r.get(8)?)?,
        time_to_value: small(9, r.get(9)?)?,
        outcome: r.get(10)?,
        tags: split_list(text_in_place(r, 11)?),
        created: read_timestamp(r, 12)?,
        updated: read_timestamp(r, 13)?,
        pinned: r.get(14)?,
        excluded: r.get(15)?,
        version: r.get(16)?,
        debt: debt.map(Box::new),
        assignee: r.get::<_, Option<i64>>(28)?.map(MemberId),
        skills: split_list(text_in_place(r, 29)?),
        blocked_by: id_list(text_in_place(r, 30)?),
    })
}

pub fn load_items(conn: &Connection, team: i64) -> rusqlite::Result<Vec<WorkItem>> {
    load_items_where(conn, team, "1")
}

/// What a sprint's figures read of the items ([`crate::storage::sprint_scope`]), the
/// blockers of planned items it leaves out read after.
pub fn load_sprint_items(conn: &Connection, team: i64) -> rusqlite::Result<Vec<WorkItem>> {
    use crate::storage::sprint_scope;
    let mut items = load_items_where(conn, team, &sprint_scope::items_filter())?;
    let missing = sprint_scope::blockers_left_out(&items);
    if !missing.is_empty() {
        items.extend(super::ranking::items_by_ids(conn, team, &missing)?);
        items.sort_by_key(|i| i.id);
    }
    Ok(items)
}

/// The join of an item with its register fields, for the item queries.
pub(super) const ITEM_FROM: &str = "items i LEFT JOIN debts d ON d.team_id = i.team_id AND d.item_id = i.id";

/// The team's items `filter` (an SQL condition on `items i`) selects, whole, in id order.
fn load_items_where(conn: &Connection, team: i64, filter: &str) -> rusqlite::Result<Vec<WorkItem>> {
    let mut deferrals = load_deferrals(conn, team)?;
    let mut drags = load_drag_history(conn, team, None)?;
    let sql =
        format!("SELECT {ITEM_COLUMNS} FROM {ITEM_FROM} WHERE i.team_id = ?1 AND ({filter}) ORDER BY i.team_id, i.id");
    let mut stmt = conn.prepare(&sql)?;
    let mut items: Vec<WorkItem> = stmt.query_map([team], item_from_row)?.collect::<rusqlite::Result<_>>()?;
    for item in &mut items {
        if let (Some(debt), Some(log)) = (item.debt.as_mut(), deferrals.remove(&item.id)) {
            debt.deferrals = log;
        }
        if let (Some(debt), Some(history)) = (item.debt.as_mut(), drags.remove(&item.id)) {
            debt.drag_history = history;
        }
    }
    Ok(items)
}

/// The columns [`deferral_from_row`] reads, in its order.
pub const DEFERRAL_COLUMNS: &str = "item_id, deferred_on, rationale, repay_by_before, repay_by_after";

pub fn deferral_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ItemId, Deferral)> {
    let moved = Deferral::moved_from_columns(r.get(3)?, r.get(4)?);
    Ok((ItemId(r.get(0)?), Deferral { on: r.get(1)?, rationale: r.get(2)?, moved }))
}

/// The drag history of every debt of the team, or of the items `only` names, oldest first.
pub fn load_drag_history(
    conn: &Connection,
    team: i64,
    only: Option<&[ItemId]>,
) -> rusqlite::Result<HashMap<ItemId, Vec<crate::domain::PastDrag>>> {
    // Ids are integers, so they can be written into the statement as they are.
    let filter = only.map_or(String::new(), |ids| {
        let list: Vec<String> = ids.iter().map(|i| i.0.to_string()).collect();
        format!("AND item_id IN ({})", list.join(", "))
    });
    let sql = format!(
        "SELECT item_id, until, drag FROM debt_drag_history WHERE team_id = ?1 {filter} ORDER BY item_id, until, id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut map: HashMap<ItemId, Vec<crate::domain::PastDrag>> = HashMap::new();
    let rows = stmt.query_map([team], |r| {
        Ok((ItemId(r.get(0)?), crate::domain::PastDrag { until: r.get(1)?, drag: r.get(2)? }))
    })?;
    for row in rows {
        let (id, past) = row?;
        map.entry(id).or_default().push(past);
    }
    Ok(map)
}

fn load_deferrals(conn: &Connection, team: i64) -> rusqlite::Result<HashMap<ItemId, Vec<Deferral>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DEFERRAL_COLUMNS} FROM deferrals WHERE team_id = ?1 ORDER BY item_id, deferred_on, id"
    ))?;
    let mut map: HashMap<ItemId, Vec<Deferral>> = HashMap::new();
    let rows = stmt.query_map([team], deferral_from_row)?;
    for row in rows {
        let (id, deferral) = row?;
        map.entry(id).or_default().push(deferral);
    }
    Ok(map)
}

/// Inserts an item with its id (and its register fields and deferral log, for debt).
pub fn insert_item(conn: &Connection, team: i64, i: &WorkItem) -> rusqlite::Result<()> {
    // Cached: an import inserts thousands of rows in one transaction, and parsing the SQL again
    // for each would cost more than the insert.
    conn.prepare_cached(
        "INSERT INTO items (id, external_key, title, kind, status, sprint_id, estimate_halves, impact, risk,
             time_to_value, outcome, tags, created_at, updated_at, pinned, excluded, version, assignee_id, skills,
             blocked_by, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        i.id.0,
        i.key,
        i.title,
        i.kind.code(),
        i.status.code(),
        i.sprint.map(|s| s.0),
        i.estimate.0,
        i.impact,
        i.risk,
        i.time_to_value,
        i.outcome,
        i.tags.join(","),
        timestamp(&i.created),
        timestamp(&i.updated),
        i.pinned,
        i.excluded,
        i.version,
        i.assignee.map(|m| m.0),
        i.skills.join(","),
        id_text(&i.blocked_by),
        team
    ])?;
    insert_debt(conn, team, i)
}

/// Writes the register fields and deferral log of a debt item (nothing for other kinds).
pub fn insert_debt(conn: &Connection, team: i64, i: &WorkItem) -> rusqlite::Result<()> {
    if let Some(d) = &i.debt {
        let a = &d.agreement;
        conn.prepare_cached(
            "INSERT INTO debts (item_id, interest, visibility, drag, category, risk_area, reason, impact,
                 trigger_date, trigger_condition, owner, linked_key, team_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            i.id.0,
            d.interest,
            d.visibility,
            d.drag,
            d.category.code(),
            d.risk_area.code(),
            a.reason,
            a.impact,
            a.trigger_date,
            a.trigger_condition,
            a.owner,
            a.linked_key,
            team
        ])?;
        for f in &d.deferrals {
            let (before, after) = f.repay_by_columns();
            conn.prepare_cached(
                "INSERT INTO deferrals (item_id, deferred_on, rationale, repay_by_before, repay_by_after, team_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![i.id.0, f.on, f.rationale, before, after, team])?;
        }
        for p in &d.drag_history {
            conn.prepare_cached(
                "INSERT INTO debt_drag_history (item_id, until, drag, team_id) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![i.id.0, p.until, p.drag, team])?;
        }
    }
    Ok(())
}

/// Overwrites an item with `after` only if it is still at `version`; 0 rows means a conflict.
/// The register fields are rewritten whole (the deferral log cascades with them).
pub fn update_item(conn: &Connection, team: i64, version: i64, after: &WorkItem) -> rusqlite::Result<usize> {
    let changed = conn
        .prepare_cached(
            "UPDATE items SET external_key = ?2, title = ?3, kind = ?4, status = ?5, sprint_id = ?6,
             estimate_halves = ?7, impact = ?8, risk = ?9, time_to_value = ?10, outcome = ?11, tags = ?12,
             updated_at = ?13, pinned = ?14, excluded = ?15, version = ?16, created_at = ?18,
             assignee_id = ?19, skills = ?20, blocked_by = ?21
         WHERE id = ?1 AND version = ?17 AND team_id = ?22",
        )?
        .execute(params![
            after.id.0,
            after.key,
            after.title,
            after.kind.code(),
            after.status.code(),
            after.sprint.map(|s| s.0),
            after.estimate.0,
            after.impact,
            after.risk,
            after.time_to_value,
            after.outcome,
            after.tags.join(","),
            timestamp(&after.updated),
            after.pinned,
            after.excluded,
            after.version,
            version,
            // The recorded date is editable (the debt form) and imported (Jira's Created).
            timestamp(&after.created),
            after.assignee.map(|m| m.0),
            after.skills.join(","),
            id_text(&after.blocked_by),
            team
        ])?;
    if changed > 0 {
        conn.prepare_cached("DELETE FROM debts WHERE item_id = ?1 AND team_id = ?2")?
            .execute(params![after.id.0, team])?;
        insert_debt(conn, team, after)?;
    }
    Ok(changed)
}

/// Deletes an item still at `version`; 0 rows means a conflict.
pub fn delete_item(conn: &Connection, team: i64, id: ItemId, version: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM items WHERE id = ?1 AND version = ?2 AND team_id = ?3", params![id.0, version, team])
}

/// The id a new item gets: one past the team's highest.
pub fn next_id(conn: &Connection, team: i64) -> rusqlite::Result<ItemId> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM items WHERE team_id = ?1", [team], |r| r.get(0)).map(ItemId)
}
