//! Each sprint's own availability: who worked in it, at what allocation and focus.
//!
//! A sprint in planning reads the members as they are now (editing a member is editing the
//! sprint being planned). Starting a sprint writes a snapshot, and from then on its capacity
//! reads that snapshot, so today's edits never rewrite the person-days of past sprints, which
//! calibrate points per person-day.

use super::sprint::{Sprint, SprintState};
use super::team::Availability;
use super::workspace::Workspace;

/// Every member counted in `sprint`, as they are now, with focus resolved against the team
/// default: what a sprint keeps when it starts.
pub fn snapshot(ws: &Workspace, sprint: &Sprint) -> Vec<Availability> {
    ws.members
        .iter()
        .filter(|m| m.works_in(sprint))
        .map(|m| Availability {
            sprint: sprint.id,
            member: m.id,
            allocation: m.allocation,
            focus: m.focus.unwrap_or(ws.policy.default_focus),
        })
        .collect()
}

/// Snapshots for started or closed sprints that have none (data written before snapshots
/// existed, or seeded from a document without them): taken from the members as they are.
pub fn missing(ws: &Workspace) -> Vec<Availability> {
    ws.sprints
        .iter()
        .filter(|s| s.state != SprintState::Planning && ws.availability_of(s.id).next().is_none())
        .flat_map(|s| snapshot(ws, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::team::{Member, MemberId};
    use crate::domain::test_support::sprint;

    fn member(id: i64, allocation: f64, focus: Option<f64>) -> Member {
        Member {
            id: MemberId(id),
            name: format!("m{id}"),
            allocation,
            focus,
            joined_on: None,
            left_on: None,
            skills: vec![],
            version: 1,
        }
    }

    #[test]
    fn a_snapshot_resolves_the_default_focus_and_skips_members_who_had_left() {
        let mut ws = Workspace::default();
        ws.policy.default_focus = 0.7;
        let s = sprint(1, chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"), SprintState::Closed);
        let mut gone = member(3, 1.0, None);
        gone.left_on = Some(s.start);
        ws.members = vec![member(1, 1.0, None), member(2, 0.5, Some(0.9)), gone];
        ws.sprints = vec![s.clone()];
        let snap = snapshot(&ws, &s);
        assert_eq!(
            snap.iter().map(|a| (a.member.0, a.allocation, a.focus)).collect::<Vec<_>>(),
            vec![(1, 1.0, 0.7), (2, 0.5, 0.9)]
        );
        assert_eq!(missing(&ws), snap);
        ws.availability = snap;
        assert!(missing(&ws).is_empty(), "a sprint with a snapshot keeps it");
    }
}
