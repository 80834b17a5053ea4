use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::capacity::Fallbacks;
use crate::domain::team::{DayOff, Holiday, Member, MemberId};
use crate::domain::test_support::sprint;
use crate::domain::{SprintState, Workspace};

const TRIALS: usize = 10_000;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn p_finish_is_the_share_of_past_sprints_that_would_have_covered_the_load() {
    // Plannable 10: the 1.0 and 1.2 sprints cover a load of 9, the 0.6 and 0.8 ones do not.
    let history = [0.6, 0.8, 1.0, 1.2];
    let p = p_finish(9.0, 10.0, &history, TRIALS, 7).expect("history");
    assert!((p - 0.5).abs() < 0.02, "{p}");
    assert_eq!(p_finish(6.0, 10.0, &history, TRIALS, 7), Some(1.0));
    assert_eq!(p_finish(12.5, 10.0, &history, TRIALS, 7), Some(0.0));
    assert_eq!(p_finish(0.0, 0.0, &history, TRIALS, 7), Some(1.0), "nothing planned is always finished");
}

#[test]
fn no_history_means_no_forecast() {
    assert_eq!(p_finish(5.0, 10.0, &[], TRIALS, 1), None);
    assert_eq!(p_finish(5.0, 10.0, &[f64::NAN, -1.0], TRIALS, 1), None);
    assert_eq!(when_done(&[5.0], &[10.0], &[], TRIALS, 1), None);
}

#[test]
fn the_same_seed_gives_the_same_forecast() {
    let history = [0.55, 0.7, 0.9, 1.05, 0.8];
    assert_eq!(p_finish(8.0, 10.0, &history, 1000, 3), p_finish(8.0, 10.0, &history, 1000, 3));
    let q = [4.0, 6.0, 9.0, 3.0];
    assert_eq!(when_done(&q, &[10.0; 8], &history, 1000, 3), when_done(&q, &[10.0; 8], &history, 1000, 3));
}

#[test]
fn a_steady_team_finishes_in_the_sprint_its_capacity_reaches() {
    // Always does what it says: 10 points a sprint, items of 10, 10 and 5 (the 5 finishes in
    // the third sprint), then 1 more point at the very start of the fourth.
    let done = when_done(&[10.0, 10.0, 5.0, 6.0], &[10.0; 6], &[1.0], TRIALS, 1).expect("history");
    let p50: Vec<_> = done.iter().map(|d| d.p50).collect();
    assert_eq!(p50, vec![Some(0), Some(1), Some(2), Some(3)]);
    assert!(done.iter().all(|d| d.p50 == d.p85 && d.p85 == d.p95));
}

#[test]
fn percentiles_on_a_constructed_history() {
    // Say/do 1.5 in two sprints of three, 0.5 in one; capacity 10. A 10-point item is done in
    // the first sprint with chance 2/3 (1.5 × 10 ≥ 10) and surely by the second (0.5 + 0.5 ≥ 1):
    // P50 the first sprint, P85 and P95 the second.
    let history = [1.5, 0.5, 1.5];
    let done = when_done(&[10.0], &[10.0; 4], &history, TRIALS, 11).expect("history");
    assert_eq!(done[0], WhenDone { p50: Some(0), p85: Some(1), p95: Some(1) });
    // 30 points at 0.5 or 1.5 × 10 a sprint: three sprints need two good ones of three
    // (P = 20/27 ≈ 74%) — so P50 is the third sprint, P85 and P95 later ones.
    let done = when_done(&[30.0], &[10.0; 10], &history, TRIALS, 11).expect("history");
    assert_eq!(done[0].p50, Some(2));
    assert_eq!(done[0].p85, Some(3));
}

#[test]
fn work_beyond_the_horizon_has_no_sprint() {
    let done = when_done(&[5.0, 100.0], &[10.0; 3], &[1.0], 100, 1).expect("history");
    assert_eq!(done[0].p95, Some(0));
    assert_eq!(done[1], WhenDone::default());
}

#[test]
fn warnings_name_short_and_unstable_history() {
    assert_eq!(warnings(&[], 10.0), vec![Warning::NoHistory]);
    assert_eq!(warnings(&[0.9, 0.95, 1.0], 10.0), vec![Warning::ShortHistory { sprints: 3 }]);
    assert_eq!(warnings(&[0.5, 0.9, 0.95, 1.0], 10.0), vec![Warning::WideSpread { lowest: 0.5, highest: 1.0 }]);
    assert!(warnings(&[0.8, 0.9, 0.95, 1.0], 10.0).is_empty());
    assert_eq!(warnings(&[0.8, 0.9, 0.95, 1.0], 0.0), vec![Warning::NoCapacity]);
}

#[test]
fn future_sprints_follow_the_known_ones_then_the_rhythm() {
    let current = sprint(5, date(2026, 11, 23), SprintState::Planning); // Mon 23 → Fri 4 Dec
    let mut next = sprint(6, date(2026, 12, 7), SprintState::Planning);
    next.name = "Sprint 6".into();
    let all = future_sprints(&current, &[&next], 3);
    let names: Vec<_> = all.iter().map(|s| (s.name.as_str(), s.start, s.proposed)).collect();
    assert_eq!(
        names,
        vec![
            ("Sprint 5", date(2026, 11, 23), false),
            ("Sprint 6", date(2026, 12, 7), false),
            ("Sprint 7", date(2026, 12, 21), true),
        ]
    );
    assert_eq!(all[2].end, date(2027, 1, 1));
}

fn one_member_team() -> Workspace {
    // One full-time member at focus 1, 1 point a person-day, no reserve: plannable = working days.
    Workspace {
        members: vec![Member {
            id: MemberId(1),
            name: "ana".into(),
            allocation: 1.0,
            focus: Some(1.0),
            joined_on: None,
            left_on: None,
            skills: vec![],
            version: 1,
        }],
        ..Workspace::default()
    }
}

const FLAT: Fallbacks = Fallbacks { points_per_person_day: 1.0, unplanned_reserve: 0.0, history_window: 12 };

#[test]
fn each_future_sprint_has_its_own_capacity_from_holidays_and_days_off() {
    let mut ws = one_member_team();
    let current = sprint(5, date(2026, 11, 23), SprintState::Planning); // 10 working days
    let next = sprint(6, date(2026, 12, 7), SprintState::Planning);
    ws.sprints = vec![current.clone(), next.clone()];
    let calendar = future_sprints(&current, &[&next], 4);
    assert_eq!(capacities(&ws, &calendar, &FLAT), vec![10.0; 4], "no holiday, no day off");
    // A day off in the created Sprint 6; Christmas and New Year (both Fridays) in the proposed Sprint 7.
    ws.days_off = vec![DayOff { member: MemberId(1), sprint: next.id, date: date(2026, 12, 9) }];
    ws.holidays = vec![
        Holiday { date: date(2026, 12, 25), name: "Christmas".into() },
        Holiday { date: date(2027, 1, 1), name: "New Year".into() },
    ];
    let caps = capacities(&ws, &calendar, &FLAT);
    assert_eq!(caps, vec![10.0, 9.0, 8.0, 10.0]);
    assert_eq!(caps[0], crate::domain::capacity::capacity(&ws, &current, &FLAT).plannable, "as the split computes it");
    // Two 10-point items, a team that always does what it says: with a flat 10 a sprint the
    // second is done in Sprint 6; the day off leaves 19 points by then, so it slips to Sprint 7.
    let flat = when_done(&[10.0, 10.0], &[10.0; 4], &[1.0], TRIALS, 1).expect("history");
    assert_eq!(flat[1].p50, Some(1));
    let own = when_done(&[10.0, 10.0], &caps, &[1.0], TRIALS, 1).expect("history");
    assert_eq!(own[1], WhenDone { p50: Some(2), p85: Some(2), p95: Some(2) });
}

#[test]
fn a_member_who_joins_later_counts_from_the_sprint_they_join() {
    let mut ws = one_member_team();
    ws.members[0].joined_on = Some(date(2026, 12, 10));
    let current = sprint(5, date(2026, 11, 23), SprintState::Planning);
    ws.sprints = vec![current.clone()];
    let calendar = future_sprints(&current, &[], 2);
    // Counted from the sprint they join (as `Member::works_in` counts a sprint in planning).
    assert_eq!(capacities(&ws, &calendar, &FLAT), vec![0.0, 10.0]);
}

#[test]
fn unfinished_sprint_work_carries_over_into_the_next_sprint_first() {
    // The current sprint plans 16 points against 10 of capacity (items of 8 and 8); the second
    // 8 does not fit and is finished in the next sprint before any backlog item starts, so the
    // 5-point backlog item needs 21 points delivered: the third sprint, not the second.
    let done = when_done(&[8.0, 8.0, 5.0], &[10.0; 4], &[1.0], TRIALS, 1).expect("history");
    let p50: Vec<_> = done.iter().map(|d| d.p50).collect();
    assert_eq!(p50, vec![Some(0), Some(1), Some(2)]);
    // Without the carried 6 points the same item would have been done in the second sprint.
    let alone = when_done(&[8.0, 5.0], &[10.0; 4], &[1.0], TRIALS, 1).expect("history");
    assert_eq!(alone[1].p50, Some(1));
}

#[test]
fn how_many_by_a_date_counts_whole_sprints_per_kind() {
    use crate::domain::Kind::{Defect, Feature};
    let queue = [(Feature, 5.0), (Defect, 3.0), (Feature, 4.0), (Defect, 8.0)];
    // A steady team, two whole sprints of 6: 12 points, the first three items (9 + 3).
    let (kinds, total) = done_by(&queue, &[6.0, 6.0], &[1.0], TRIALS, 1).expect("history");
    assert_eq!(total, Amounts { points: [12.0; 3], items: [3; 3] });
    assert_eq!(kinds[0], (Feature, Amounts { points: [9.0; 3], items: [2; 3] }));
    assert_eq!(kinds[1], (Defect, Amounts { points: [3.0; 3], items: [1; 3] }));
    // Say/do 0.5 or 1.5 (even odds), one sprint of 10: 5 or 15 points delivered. Half the runs
    // finish only the first item, half the first three; "in at least 85% of runs" is the low one.
    let (_, total) = done_by(&queue, &[10.0], &[0.5, 1.5], TRIALS, 3).expect("history");
    assert_eq!(total.points[1..], [5.0, 5.0]);
    assert_eq!(total.items[1..], [1, 1]);
    assert!(total.points[0] == 5.0 || total.points[0] == 12.0, "{total:?}");
    assert_eq!(done_by(&queue, &[10.0], &[], TRIALS, 3), None);
}

proptest! {
    #[test]
    fn p_finish_never_rises_when_the_load_rises(
        history in proptest::collection::vec(0.0f64..2.0, 1..12),
        plannable in 0.0f64..80.0,
        load in 0.0f64..100.0,
        more in 0.0f64..50.0,
        seed in any::<u64>(),
    ) {
        let less = p_finish(load, plannable, &history, 500, seed).expect("history");
        let heavier = p_finish(load + more, plannable, &history, 500, seed).expect("history");
        prop_assert!(heavier <= less, "{heavier} > {less}");
    }

    #[test]
    fn later_items_are_never_done_earlier(
        history in proptest::collection::vec(0.1f64..2.0, 1..8),
        queue in proptest::collection::vec(0.0f64..13.0, 1..12),
        seed in any::<u64>(),
    ) {
        let done = when_done(&queue, &[10.0; 20], &history, 300, seed).expect("history");
        let key = |s: Option<usize>| s.unwrap_or(usize::MAX);
        for d in &done {
            prop_assert!(key(d.p50) <= key(d.p85) && key(d.p85) <= key(d.p95));
        }
        for pair in done.windows(2) {
            prop_assert!(key(pair[0].p50) <= key(pair[1].p50));
            prop_assert!(key(pair[0].p95) <= key(pair[1].p95));
        }
    }
}

#[test]
fn draws_are_relative_to_the_average_say_do() {
    assert_eq!(super::relative(&[0.8, 0.8]), vec![1.0, 1.0], "a steady team's plan at capacity is a sure thing");
    assert_eq!(super::relative(&[0.5, 1.5]), vec![0.5, 1.5]);
    assert_eq!(super::relative(&[0.0, 0.0]), vec![0.0, 0.0]);
    assert_eq!(super::relative(&[]), Vec::<f64>::new());
    let r = super::relative(&[0.6, 0.9, 0.75]);
    assert!((r.iter().sum::<f64>() / 3.0 - 1.0).abs() < 1e-12, "{r:?}");
}
