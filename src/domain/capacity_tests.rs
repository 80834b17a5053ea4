use chrono::NaiveDate;

use super::*;
use crate::domain::test_support::sprint;
use crate::domain::{
    DayOff, EntryOutcome, HalfPoints, Holiday, ItemId, KindMap, Member, SprintActuals, SprintEntry, SprintId,
    SprintState, Workspace,
};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

const FALLBACKS: Fallbacks = Fallbacks { points_per_person_day: 1.0, unplanned_reserve: 0.1, history_window: 3 };

fn member(id: i64, allocation: f64, focus: Option<f64>) -> Member {
    Member {
        id: MemberId(id),
        name: format!("M{id}"),
        allocation,
        focus,
        joined_on: None,
        left_on: None,
        skills: vec![],
        version: 1,
    }
}

/// Two-week sprint from Monday 2026-11-23 with a holiday on Thursday 26th.
fn planning_workspace() -> Workspace {
    let mut ws = Workspace {
        members: vec![member(1, 1.0, None), member(2, 0.5, Some(0.5))],
        holidays: vec![
            Holiday { date: day(11, 26), name: "Thanksgiving".into() },
            Holiday { date: day(11, 28), name: "A Saturday holiday".into() },
        ],
        sprints: vec![sprint(1, day(11, 23), SprintState::Planning)],
        ..Workspace::default()
    };
    ws.days_off = vec![
        // On the holiday: must not count twice.
        DayOff { member: MemberId(1), sprint: SprintId(1), date: day(11, 26) },
        DayOff { member: MemberId(1), sprint: SprintId(1), date: day(11, 27) },
        // On a Sunday: not a working day anyway.
        DayOff { member: MemberId(2), sprint: SprintId(1), date: day(11, 29) },
    ];
    ws
}

#[test]
fn working_days_skip_weekends_and_weekday_holidays() {
    let ws = planning_workspace();
    let c = capacity(&ws, &ws.sprints[0], &FALLBACKS);
    assert_eq!(c.weekdays, 10);
    assert_eq!(c.holidays.len(), 1, "the Saturday holiday changes nothing");
    assert_eq!(c.working_days, 9);
}

#[test]
fn days_off_on_holidays_and_weekends_do_not_count_twice() {
    let ws = planning_workspace();
    let c = capacity(&ws, &ws.sprints[0], &FALLBACKS);
    assert_eq!(c.members[0].days_off, 1);
    assert_eq!(c.members[1].days_off, 0);
    // M1: (9 − 1) × 1.0 × 0.8 (team default focus); M2: 9 × 0.5 × 0.5.
    assert!((c.members[0].person_days - 6.4).abs() < 1e-9);
    assert!((c.members[1].person_days - 2.25).abs() < 1e-9);
    assert!((c.person_days - 8.65).abs() < 1e-9);
}

#[test]
fn without_history_the_configured_values_apply() {
    let ws = planning_workspace();
    let c = capacity(&ws, &ws.sprints[0], &FALLBACKS);
    assert_eq!(c.points_per_person_day_source, Source::Configured);
    assert_eq!(c.reserve_source, Source::Configured);
    assert!((c.points - 8.65).abs() < 1e-9);
    assert!((c.plannable - 8.65 * 0.9).abs() < 1e-9);
}

fn closed_sprint(ws: &mut Workspace, id: i64, start: NaiveDate, done_halves: u32, unplanned_defect: f64) {
    let mut s = sprint(id, start, SprintState::Closed);
    s.actuals = Some(SprintActuals { unplanned: KindMap::new(0.0, unplanned_defect, 0.0, 0.0), ..Default::default() });
    ws.sprints.push(s);
    ws.entries.push(SprintEntry {
        sprint: SprintId(id),
        item: ItemId(id * 100),
        planned: HalfPoints(done_halves),
        outcome: EntryOutcome::Done,
        remaining: HalfPoints(0),
    });
}

#[test]
fn history_calibrates_points_per_person_day_and_reserve_from_the_last_three() {
    let mut ws = planning_workspace();
    // Four closed sprints without holidays: person-days = 10 × 0.8 + 10 × 0.25 = 10.5 each.
    closed_sprint(&mut ws, 2, day(9, 28), 40, 5.0); // oldest: outside the window of 3
    closed_sprint(&mut ws, 3, day(10, 12), 18, 1.0); // 9 + 1 = 10 throughput, 10% unplanned
    closed_sprint(&mut ws, 4, day(10, 26), 16, 2.0); // 8 + 2 = 10, 20%
    closed_sprint(&mut ws, 5, day(11, 9), 22, 0.0); // 11 + 0 = 11, 0%
    let planning = ws.sprints[0].clone();
    let c = capacity(&ws, &planning, &FALLBACKS);
    assert_eq!(
        c.points_per_person_day_source,
        Source::History(vec!["Sprint 5".into(), "Sprint 4".into(), "Sprint 3".into()])
    );
    assert!((c.points_per_person_day - 31.0 / 31.5).abs() < 1e-9, "{}", c.points_per_person_day);
    assert!((c.reserve_share - 0.1).abs() < 1e-9, "median of 0.1, 0.2, 0.0");
    assert!((c.plannable - c.points * 0.9).abs() < 1e-9);
}

#[test]
fn the_reserve_is_clamped_to_half() {
    let mut ws = planning_workspace();
    closed_sprint(&mut ws, 2, day(11, 9), 2, 30.0);
    let (reserve, _) = calibrate_reserve(&ws, &FALLBACKS);
    assert_eq!(reserve, MAX_RESERVE);
}

#[test]
fn recording_a_sprint_changes_the_next_plannable_capacity() {
    let mut ws = planning_workspace();
    let planning = ws.sprints[0].clone();
    let before = capacity(&ws, &planning, &FALLBACKS).plannable;
    closed_sprint(&mut ws, 2, day(11, 9), 42, 0.0); // 21 points over 10.5 person-days: 2 per day
    let after = capacity(&ws, &planning, &FALLBACKS);
    assert!((after.points_per_person_day - 2.0).abs() < 1e-9);
    assert!((after.plannable - 8.65 * 2.0).abs() < 1e-9, "no unplanned work: no reserve");
    assert!(after.plannable > before);
}

#[test]
fn a_team_without_members_has_zero_person_days_not_negative_zero() {
    let mut ws = planning_workspace();
    ws.members.clear();
    ws.days_off.clear();
    let c = capacity(&ws, &ws.sprints[0], &FALLBACKS);
    assert!(c.person_days == 0.0 && c.person_days.is_sign_positive(), "{}", c.person_days);
    assert_eq!(format!("{:.1}", c.person_days), "0.0");
    assert!(team_person_days(&ws, &ws.sprints[0]).is_sign_positive());
}
