//! The team: members, their days off, and team-wide holidays.

use chrono::NaiveDate;

use super::sprint::SprintId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MemberId(pub i64);

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    /// Share of the person on this team, 0–1.
    pub allocation: f64,
    /// Share of their time that goes to sprint work, 0–1; `None` means the team default.
    pub focus: Option<f64>,
    pub version: i64,
}

/// A day a member is away. Stored as a date so a day off that falls on a weekend or a
/// holiday is not subtracted twice.
#[derive(Debug, Clone, PartialEq)]
pub struct DayOff {
    pub member: MemberId,
    pub sprint: SprintId,
    pub date: NaiveDate,
}

/// A day nobody on the team works (public holiday, company day off).
#[derive(Debug, Clone, PartialEq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}
