//! Members, holidays and days off.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::domain::{Availability, DayOff, Holiday, Member, MemberId, SprintId};

pub fn load_members(conn: &Connection) -> rusqlite::Result<Vec<Member>> {
    let mut stmt = conn
        .prepare("SELECT id, name, allocation, focus, version, joined_on, left_on, skills FROM members ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Member {
            id: MemberId(r.get(0)?),
            name: r.get(1)?,
            allocation: r.get(2)?,
            focus: r.get(3)?,
            version: r.get(4)?,
            joined_on: r.get(5)?,
            left_on: r.get(6)?,
            skills: super::rows::split_list(&r.get::<_, String>(7)?),
        })
    })?;
    rows.collect()
}

pub fn load_holidays(conn: &Connection) -> rusqlite::Result<Vec<Holiday>> {
    let mut stmt = conn.prepare("SELECT date, name FROM holidays ORDER BY date")?;
    let rows = stmt.query_map([], |r| Ok(Holiday { date: r.get(0)?, name: r.get(1)? }))?;
    rows.collect()
}

pub fn load_days_off(conn: &Connection) -> rusqlite::Result<Vec<DayOff>> {
    let mut stmt =
        conn.prepare("SELECT member_id, sprint_id, date FROM days_off ORDER BY sprint_id, member_id, date")?;
    let rows = stmt
        .query_map([], |r| Ok(DayOff { member: MemberId(r.get(0)?), sprint: SprintId(r.get(1)?), date: r.get(2)? }))?;
    rows.collect()
}

pub fn insert_member(conn: &Connection, m: &Member) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO members (id, name, allocation, focus, version, joined_on, left_on, skills)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![m.id.0, m.name, m.allocation, m.focus, m.version, m.joined_on, m.left_on, m.skills.join(",")],
    )?;
    Ok(())
}

pub fn insert_holiday(conn: &Connection, h: &Holiday) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO holidays (date, name) VALUES (?1, ?2)", params![h.date, h.name])?;
    Ok(())
}

pub fn insert_day_off(conn: &Connection, d: &DayOff) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO days_off (member_id, sprint_id, date) VALUES (?1, ?2, ?3)",
        params![d.member.0, d.sprint.0, d.date],
    )?;
    Ok(())
}

/// Updates a member still at `version`; 0 rows means a conflict.
pub fn update_member(conn: &Connection, version: i64, m: &Member) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE members SET name = ?2, allocation = ?3, focus = ?4, version = ?5, joined_on = ?7, left_on = ?8,
             skills = ?9
         WHERE id = ?1 AND version = ?6",
        params![m.id.0, m.name, m.allocation, m.focus, m.version, version, m.joined_on, m.left_on, m.skills.join(",")],
    )
}

pub fn next_member_id(conn: &Connection) -> rusqlite::Result<MemberId> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM members", [], |r| r.get(0)).map(MemberId)
}

/// Deletes a member still at `version` (only undoing an addition does that; their days off
/// go with them); 0 rows means a conflict.
pub fn delete_member(conn: &Connection, id: MemberId, version: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM members WHERE id = ?1 AND version = ?2", params![id.0, version])
}

pub fn days_off_of(conn: &Connection, member: MemberId, sprint: SprintId) -> rusqlite::Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare("SELECT date FROM days_off WHERE member_id = ?1 AND sprint_id = ?2 ORDER BY date")?;
    let rows = stmt.query_map(params![member.0, sprint.0], |r| r.get(0))?;
    rows.collect()
}

pub fn replace_days_off(
    conn: &Connection,
    member: MemberId,
    sprint: SprintId,
    dates: &[NaiveDate],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM days_off WHERE member_id = ?1 AND sprint_id = ?2", params![member.0, sprint.0])?;
    for date in dates {
        insert_day_off(conn, &DayOff { member, sprint, date: *date })?;
    }
    Ok(())
}

/// Removes the holiday only if it is still as it was read; 0 rows means a conflict.
pub fn delete_holiday(conn: &Connection, h: &Holiday) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM holidays WHERE date = ?1 AND name = ?2", params![h.date, h.name])
}

fn availability_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Availability> {
    Ok(Availability {
        sprint: SprintId(r.get(0)?),
        member: MemberId(r.get(1)?),
        allocation: r.get(2)?,
        focus: r.get(3)?,
    })
}

pub fn load_availability(conn: &Connection) -> rusqlite::Result<Vec<Availability>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability ORDER BY sprint_id, member_id",
    )?;
    let rows = stmt.query_map([], availability_row)?;
    rows.collect()
}

/// One sprint's kept availability, by member.
pub fn availability_of(conn: &Connection, sprint: SprintId) -> rusqlite::Result<Vec<Availability>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability WHERE sprint_id = ?1 ORDER BY member_id",
    )?;
    let rows = stmt.query_map(params![sprint.0], availability_row)?;
    rows.collect()
}

pub fn insert_availability(conn: &Connection, a: &Availability) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprint_availability (sprint_id, member_id, allocation, focus) VALUES (?1, ?2, ?3, ?4)",
        params![a.sprint.0, a.member.0, a.allocation, a.focus],
    )?;
    Ok(())
}

pub fn replace_availability(conn: &Connection, sprint: SprintId, rows: &[Availability]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sprint_availability WHERE sprint_id = ?1", params![sprint.0])?;
    for a in rows {
        insert_availability(conn, &Availability { sprint, ..*a })?;
    }
    Ok(())
}
