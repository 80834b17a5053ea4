//! The rows of the Team & policy screen, each one editable: the sprint, every member, every
//! holiday, and the policy.

use chrono::NaiveDate;

use crate::domain::{MemberId, SprintId, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRow {
    Sprint(SprintId),
    Member(MemberId),
    Holiday(NaiveDate),
    Policy,
}

pub fn rows(ws: &Workspace) -> Vec<TeamRow> {
    let mut rows = Vec::with_capacity(ws.members.len() + ws.holidays.len() + 2);
    if let Some(s) = ws.current_sprint() {
        rows.push(TeamRow::Sprint(s.id));
    }
    // Former members stay in the database for the sprints they worked in, not on this list.
    rows.extend(ws.members.iter().filter(|m| m.is_current()).map(|m| TeamRow::Member(m.id)));
    rows.extend(ws.holidays.iter().map(|h| TeamRow::Holiday(h.date)));
    rows.push(TeamRow::Policy);
    rows
}
