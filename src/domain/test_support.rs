//! Builders shared by the domain's unit tests.

use chrono::{TimeZone, Utc};

use chrono::NaiveDate;

use super::{HalfPoints, ItemId, Kind, Sprint, SprintId, SprintState, Status, WorkItem};

/// A backlog item with middling scores; tests change the fields they care about.
pub fn item(id: i64, kind: Kind, estimate: f64) -> WorkItem {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid time");
    WorkItem {
        id: ItemId(id),
        key: Some(format!("PAY-{id}")),
        title: format!("item {id}"),
        kind,
        status: Status::Backlog,
        sprint: None,
        estimate: HalfPoints::from_points(estimate).expect("estimate"),
        impact: 3,
        risk: 3,
        time_to_value: 3,
        outcome: None,
        tags: vec![],
        created: at,
        updated: at,
        pinned: false,
        excluded: false,
        debt: None,
        assignee: None,
        skills: vec![],
        blocked_by: vec![],
        version: 1,
    }
}

/// A two-week sprint named "Sprint {id}" starting on `start` (a Monday ends on the Friday after).
pub fn sprint(id: i64, start: NaiveDate, state: SprintState) -> Sprint {
    Sprint {
        id: SprintId(id),
        name: format!("Sprint {id}"),
        start,
        end: start + chrono::Duration::days(11),
        goal: String::new(),
        state,
        actuals: None,
        version: 1,
    }
}
