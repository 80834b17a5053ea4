use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::test_support::{item, sprint};
use crate::domain::{ItemId, SprintActuals, SprintEntry, Status, WorkItem};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

fn entry(sprint: i64, item: i64, planned: f64, outcome: EntryOutcome, remaining: f64) -> SprintEntry {
    SprintEntry {
        sprint: SprintId(sprint),
        item: ItemId(item),
        planned: HalfPoints::from_points(planned).expect("planned"),
        outcome,
        remaining: HalfPoints::from_points(remaining).expect("remaining"),
    }
}

fn done_item(id: i64, kind: Kind, estimate: f64, sprint: i64) -> WorkItem {
    WorkItem { status: Status::Done, sprint: Some(SprintId(sprint)), ..item(id, kind, estimate) }
}

fn closed(id: i64, start: NaiveDate, unplanned: KindMap<f64>, rework: f64) -> Sprint {
    Sprint {
        actuals: Some(SprintActuals { unplanned, rework, ..SprintActuals::default() }),
        ..sprint(id, start, SprintState::Closed)
    }
}

/// One closed sprint: 8 feature done, 5 debt carried with 2 left, 3 defect dropped, 2 risk done;
/// 4 unplanned defect and 1 unplanned feature points; 1 point of rework.
fn one_sprint() -> Workspace {
    Workspace {
        sprints: vec![closed(1, day(11, 2), KindMap::new(1.0, 4.0, 0.0, 0.0), 1.0)],
        items: vec![
            done_item(1, Kind::Feature, 8.0, 1),
            item(2, Kind::Debt, 2.0),
            item(3, Kind::Defect, 3.0),
            done_item(4, Kind::Risk, 2.0, 1),
        ],
        entries: vec![
            entry(1, 1, 8.0, EntryOutcome::Done, 0.0),
            entry(1, 2, 5.0, EntryOutcome::CarriedOver, 2.0),
            entry(1, 3, 3.0, EntryOutcome::Dropped, 0.0),
            entry(1, 4, 2.0, EntryOutcome::Done, 0.0),
        ],
        ..Workspace::default()
    }
}

fn close_to(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn every_metric_of_one_sprint_follows_its_formula() {
    let ws = one_sprint();
    let m = sprint_metrics(&ws, &ws.sprints[0]);
    // Table: (metric, got, expected by hand).
    let cases = [
        ("planned", m.planned, 18.0),
        ("velocity = 8 + (5 − 2) + 2", m.velocity, 13.0),
        ("carried", m.carried, 2.0),
        ("dropped", m.dropped, 3.0),
        ("real velocity = 13 − 1 rework − 4 unplanned defect", m.real_velocity, 8.0),
        ("say/do = 13 / 18", m.say_do.unwrap_or(-1.0), 13.0 / 18.0),
        ("carry-over share = 2 / 18", m.carry_over_share.unwrap_or(-1.0), 2.0 / 18.0),
        ("unplanned share = 5 / (13 + 5)", m.unplanned_share.unwrap_or(-1.0), 5.0 / 18.0),
        ("split feature = (8 + 1) / 18", m.actual_split.get(Kind::Feature), 9.0 / 18.0),
        ("split defect = 4 / 18", m.actual_split.get(Kind::Defect), 4.0 / 18.0),
        ("split debt = 3 / 18", m.actual_split.get(Kind::Debt), 3.0 / 18.0),
        ("investment = (3 debt + 2 risk) / 18", m.investment_share.unwrap_or(-1.0), 5.0 / 18.0),
        ("planned debt", m.planned_by_kind.get(Kind::Debt), 5.0),
        ("completed debt", m.completed_by_kind.get(Kind::Debt), 3.0),
    ];
    for (what, got, expected) in cases {
        assert!(close_to(got, expected), "{what}: got {got}, expected {expected}");
    }
    assert_eq!((m.items, m.carried_items, m.dropped_items), (4, 1, 1));
}

#[test]
fn real_velocity_never_goes_below_zero_and_empty_sprints_have_no_ratios() {
    let ws = Workspace {
        sprints: vec![closed(1, day(11, 2), KindMap::new(0.0, 30.0, 0.0, 0.0), 5.0)],
        ..Workspace::default()
    };
    let m = sprint_metrics(&ws, &ws.sprints[0]);
    assert_eq!(m.real_velocity, 0.0);
    assert_eq!(m.say_do, None, "nothing was planned");
    assert_eq!(m.unplanned_share, Some(1.0));
}

#[test]
fn a_sprint_not_closed_has_no_say_do_yet() {
    let mut ws = one_sprint();
    ws.sprints[0].state = SprintState::Active;
    let m = sprint_metrics(&ws, &ws.sprints[0]);
    assert_eq!(m.say_do, None);
    assert_eq!(m.carry_over_share, None);
}

#[test]
fn trends_take_the_last_closed_sprints_oldest_first() {
    let mut ws = one_sprint();
    for (n, start) in [(2, day(11, 16)), (3, day(11, 30))] {
        ws.sprints.push(closed(n, start, KindMap::splat(0.0), 0.0));
        ws.items.push(done_item(10 + n, Kind::Feature, n as f64, n));
        ws.entries.push(entry(n, 10 + n, n as f64 * 2.0, EntryOutcome::CarriedOver, n as f64));
    }
    ws.sprints.push(sprint(4, day(12, 14), SprintState::Planning));
    let t = trends(&ws, 2);
    let names: Vec<&str> = t.sprints.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Sprint 2", "Sprint 3"]);
    assert_eq!(t.velocity.values, [Some(2.0), Some(3.0)]);
    assert_eq!(t.say_do.values, [Some(0.5), Some(0.5)]);
    assert_eq!(t.velocity.change(), Some(1.0));
    assert_eq!(trends(&ws, 10).sprints.len(), 3, "only closed sprints");
    assert_eq!(completion_ratios(&ws, 10).len(), 3);
}

proptest! {
    /// Whatever the outcomes, the plan is split into completed + carried + dropped, say/do
    /// stays within 0–1, and the actual split adds up to 100% when anything was done.
    #[test]
    fn plan_is_accounted_for_and_ratios_stay_in_range(
        rows in prop::collection::vec((0u8..4, 1u32..40, 0u32..60, 0u8..3), 1..20),
        unplanned in prop::collection::vec(0.0f64..20.0, 4),
    ) {
        let mut ws = Workspace {
            sprints: vec![closed(1, day(11, 2), KindMap::new(unplanned[0], unplanned[1], unplanned[2], unplanned[3]), 0.0)],
            ..Workspace::default()
        };
        for (n, (kind, planned, remaining, outcome)) in rows.iter().enumerate() {
            let id = n as i64 + 1;
            let kind = Kind::ALL[usize::from(*kind)];
            ws.items.push(item(id, kind, 1.0));
            let outcome = [EntryOutcome::Done, EntryOutcome::CarriedOver, EntryOutcome::Dropped][usize::from(*outcome)];
            ws.entries.push(SprintEntry {
                sprint: SprintId(1),
                item: ItemId(id),
                planned: HalfPoints(*planned),
                outcome,
                remaining: HalfPoints(*remaining),
            });
        }
        let m = sprint_metrics(&ws, &ws.sprints[0]);
        prop_assert!(close_to(m.velocity + m.carried + m.dropped, m.planned));
        let say_do = m.say_do.unwrap_or(0.0);
        prop_assert!((0.0..=1.0 + 1e-12).contains(&say_do));
        let split: f64 = m.actual_split.iter().map(|(_, v)| v).sum();
        if m.work_done() > 0.0 {
            prop_assert!(close_to(split, 1.0));
        }
        prop_assert!(m.real_velocity <= m.velocity + 1e-12);
    }
}
