//! The team: members, their days off, and team-wide holidays.

use chrono::NaiveDate;

use super::sprint::{Sprint, SprintId};

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
    /// The day they joined the team; `None` for members from before the set-up (always here).
    pub joined_on: Option<NaiveDate>,
    /// The day they left; `None` while on the team. Members are never deleted, so the sprints
    /// they worked in keep their person-days.
    pub left_on: Option<NaiveDate>,
    /// What they can take on that not everyone can (e.g. `ios`, `payments-db`).
    pub skills: Vec<String>,
    pub version: i64,
}

impl Member {
    /// A member who joins today, with the team's default focus.
    pub fn joining(name: String, allocation: f64, focus: Option<f64>, today: NaiveDate) -> Member {
        Member {
            id: MemberId(0),
            name,
            allocation,
            focus,
            joined_on: Some(today),
            left_on: None,
            skills: Vec::new(),
            version: 1,
        }
    }

    /// Still on the team (shown on the Team screen, counted in sprints from now on).
    pub fn is_current(&self) -> bool {
        self.left_on.is_none()
    }

    /// Counted in `sprint`'s capacity: joined by its last day and not gone before its first.
    pub fn works_in(&self, sprint: &Sprint) -> bool {
        self.joined_on.is_none_or(|j| j <= sprint.end) && self.left_on.is_none_or(|l| l > sprint.start)
    }
}

/// A member's allocation and focus as they were for one started sprint. Written when the sprint
/// starts, so editing a member later changes the sprints still in planning and leaves the past
/// (which calibrates points per person-day) as it was.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Availability {
    pub sprint: SprintId,
    pub member: MemberId,
    pub allocation: f64,
    /// Resolved: the team default at the time when the member had none.
    pub focus: f64,
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
