//! Members, holidays and days off, of one team (`team`: the team's row in `policy`).

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::domain::{Availability, DayOff, Holiday, Member, MemberId, SprintId};

pub fn load_members(conn: &Connection, team: i64) -> rusqlite::Result<Vec<Member>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, allocation, focus, version, joined_on, left_on, skills FROM members
         WHERE team_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([team], |r| {
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

pub fn load_holidays(conn: &Connection, team: i64) -> rusqlite::Result<Vec<Holiday>> {
    let mut stmt = conn.prepare("SELECT date, name FROM holidays WHERE team_id = ?1 ORDER BY date")?;
    let rows = stmt.query_map([team], |r| Ok(Holiday { date: r.get(0)?, name: r.get(1)? }))?;
    rows.collect()
}

pub fn load_days_off(conn: &Connection, team: i64) -> rusqlite::Result<Vec<DayOff>> {
    let mut stmt = conn.prepare(
        "SELECT member_id, sprint_id, date FROM days_off WHERE team_id = ?1 ORDER BY sprint_id, member_id, date",
    )?;
    let rows = stmt.query_map([team], |r| {
        Ok(DayOff { member: MemberId(r.get(0)?), sprint: SprintId(r.get(1)?), date: r.get(2)? })
    })?;
    rows.collect()
}

pub fn insert_member(conn: &Connection, team: i64, m: &Member) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO members (id, name, allocation, focus, version, joined_on, left_on, skills, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![m.id.0, m.name, m.allocation, m.focus, m.version, m.joined_on, m.left_on, m.skills.join(","), team],
    )?;
    Ok(())
}

pub fn insert_holiday(conn: &Connection, team: i64, h: &Holiday) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO holidays (date, name, team_id) VALUES (?1, ?2, ?3)", params![h.date, h.name, team])?;
    Ok(())
}

pub fn insert_day_off(conn: &Connection, team: i64, d: &DayOff) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO days_off (member_id, sprint_id, date, team_id) VALUES (?1, ?2, ?3, ?4)",
        params![d.member.0, d.sprint.0, d.date, team],
    )?;
    Ok(())
}

/// Updates a member still at `version`; 0 rows means a conflict.
pub fn update_member(conn: &Connection, team: i64, version: i64, m: &Member) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE members SET name = ?2, allocation = ?3, focus = ?4, version = ?5, joined_on = ?7, left_on = ?8,
             skills = ?9
         WHERE id = ?1 AND version = ?6 AND team_id = ?10",
        params![
            m.id.0,
            m.name,
            m.allocation,
            m.focus,
            m.version,
            version,
            m.joined_on,
            m.left_on,
            m.skills.join(","),
            team
        ],
    )
}

pub fn next_member_id(conn: &Connection, team: i64) -> rusqlite::Result<MemberId> {
    conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM members WHERE team_id = ?1", [team], |r| r.get(0))
        .map(MemberId)
}

/// Deletes a member still at `version` (only undoing an addition does that; their days off
/// go with them); 0 rows means a conflict.
pub fn delete_member(conn: &Connection, team: i64, id: MemberId, version: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM members WHERE id = ?1 AND version = ?2 AND team_id = ?3", params![id.0, version, team])
}

pub fn days_off_of(
    conn: &Connection,
    team: i64,
    member: MemberId,
    sprint: SprintId,
) -> rusqlite::Result<Vec<NaiveDate>> {
    let mut stmt = conn
        .prepare("SELECT date FROM days_off WHERE member_id = ?1 AND sprint_id = ?2 AND team_id = ?3 ORDER BY date")?;
    let rows = stmt.query_map(params![member.0, sprint.0, team], |r| r.get(0))?;
    rows.collect()
}

pub fn replace_days_off(
    conn: &Connection,
    team: i64,
    member: MemberId,
    sprint: SprintId,
    dates: &[NaiveDate],
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM days_off WHERE member_id = ?1 AND sprint_id = ?2 AND team_id = ?3",
        params![member.0, sprint.0, team],
    )?;
    for date in dates {
        insert_day_off(conn, team, &DayOff { member, sprint, date: *date })?;
    }
    Ok(())
}

/// Removes the holiday only if it is still as it was read; 0 rows means a conflict.
pub fn delete_holiday(conn: &Connection, team: i64, h: &Holiday) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM holidays WHERE date = ?1 AND name = ?2 AND team_id = ?3", params![h.date, h.name, team])
}

fn availability_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Availability> {
    Ok(Availability {
        sprint: SprintId(r.get(0)?),
        member: MemberId(r.get(1)?),
        allocation: r.get(2)?,
        focus: r.get(3)?,
    })
}

pub fn load_availability(conn: &Connection, team: i64) -> rusqlite::Result<Vec<Availability>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability WHERE team_id = ?1
         ORDER BY sprint_id, member_id",
    )?;
    let rows = stmt.query_map([team], availability_row)?;
    rows.collect()
}

/// One sprint's kept availability, by member.
pub fn availability_of(conn: &Connection, team: i64, sprint: SprintId) -> rusqlite::Result<Vec<Availability>> {
    let mut stmt = conn.prepare(
        "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability
         WHERE sprint_id = ?1 AND team_id = ?2 ORDER BY member_id",
    )?;
    let rows = stmt.query_map(params![sprint.0, team], availability_row)?;
    rows.collect()
}

pub fn insert_availability(conn: &Connection, team: i64, a: &Availability) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sprint_availability (sprint_id, member_id, allocation, focus, team_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.sprint.0, a.member.0, a.allocation, a.focus, team],
    )?;
    Ok(())
}

pub fn replace_availability(
    conn: &Connection,
    team: i64,
    sprint: SprintId,
    rows: &[Availability],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM sprint_availability WHERE sprint_id = ?1 AND team_id = ?2", params![sprint.0, team])?;
    for a in rows {
        insert_availability(conn, team, &Availability { sprint, ..*a })?;
    }
    Ok(())
}
