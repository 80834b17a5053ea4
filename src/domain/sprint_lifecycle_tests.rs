use super::*;
use crate::domain::capacity::{capacity, Fallbacks};
use crate::domain::change::apply;
use crate::domain::history::sprint_metrics;
use crate::domain::test_support::{item, sprint};
use crate::domain::{Kind, Member, MemberId, WorkItem};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

const FALLBACKS: Fallbacks = Fallbacks { points_per_person_day: 1.0, unplanned_reserve: 0.1, history_window: 3 };

fn planned(id: i64, kind: Kind, estimate: f64, sprint: i64) -> WorkItem {
    WorkItem { status: Status::Planned, sprint: Some(SprintId(sprint)), ..item(id, kind, estimate) }
}

/// Sprint 1 (Mon 2 Nov – Fri 13 Nov) in planning with three items; one full-time member.
fn ws() -> Workspace {
    Workspace {
        members: vec![Member {
            id: MemberId(1),
            name: "Ana".into(),
            allocation: 1.0,
            focus: Some(1.0),
            joined_on: None,
            left_on: None,
            skills: vec![],
            version: 1,
        }],
        sprints: vec![sprint(1, day(11, 2), SprintState::Planning)],
        items: vec![
            planned(1, Kind::Feature, 5.0, 1),
            planned(2, Kind::Debt, 3.0, 1),
            planned(3, Kind::Defect, 2.0, 1),
            item(4, Kind::Feature, 8.0),
        ],
        ..Workspace::default()
    }
}

/// Builds a set from the workspace and applies it as the store would (a new sprint gets the
/// next id).
fn commit(ws: &mut Workspace, build: impl FnOnce(&Workspace) -> Result<ChangeSet, String>) {
    let mut set = build(ws).expect("a valid change");
    let next = ws.sprints.iter().map(|s| s.id.0).max().unwrap_or(0) + 1;
    for change in &mut set.changes {
        if let Change::Sprint { before: None, after: Some(s) } = change {
            s.id = SprintId(next);
        }
    }
    apply(ws, &set);
}

#[test]
fn the_next_sprint_follows_the_last_one() {
    let ws = ws();
    let (name, start, end) = propose_next(&ws, day(11, 1));
    assert_eq!(name, "Sprint 2");
    assert_eq!(start, day(11, 16), "the Monday after Friday 13th");
    assert_eq!(end, day(11, 27), "as long as Sprint 1");
    let (name, start, _) = propose_next(&Workspace::default(), day(11, 4));
    assert_eq!((name.as_str(), start), ("Sprint 1", day(11, 9)), "no sprints: the next Monday");
    assert_eq!(next_name("PAY Sprint 9", 3), "PAY Sprint 10");
    assert_eq!(next_name("Autumn", 3), "Sprint 4");
}

#[test]
fn a_new_sprint_must_not_overlap_or_reuse_a_name() {
    let ws = ws();
    let overlap = SprintDraft { start: Some(day(11, 10)), ..SprintDraft::default() };
    let err = new_sprint(&ws, &overlap, day(11, 1)).expect_err("overlaps");
    assert!(err.contains("overlaps Sprint 1"), "{err}");
    let same = SprintDraft { name: Some("sprint 1".into()), start: Some(day(12, 1)), ..SprintDraft::default() };
    assert!(new_sprint(&ws, &same, day(11, 1)).expect_err("name").contains("already called"));
    let backwards = SprintDraft { start: Some(day(12, 10)), end: Some(day(12, 1)), ..SprintDraft::default() };
    assert!(new_sprint(&ws, &backwards, day(11, 1)).expect_err("dates").contains("before it starts"));
    let set = new_sprint(&ws, &SprintDraft { goal: " Ship refunds ".into(), ..SprintDraft::default() }, day(11, 1))
        .expect("new");
    let Change::Sprint { before: None, after: Some(s) } = &set.changes[0] else { panic!("not a creation") };
    assert_eq!((s.state, s.goal.as_str()), (SprintState::Planning, "Ship refunds"));
}

#[test]
fn starting_snapshots_the_plan_and_refuses_twice() {
    let mut w = ws();
    let set = start(&w, SprintId(1)).expect("start");
    assert!(set.label.contains("3 items, 10 points"), "{}", set.label);
    apply(&mut w, &set);
    assert_eq!(w.sprints[0].state, SprintState::Active);
    let snapshot: Vec<(i64, f64)> = w.entries.iter().map(|e| (e.item.0, e.planned.points())).collect();
    assert_eq!(snapshot, [(1, 5.0), (2, 3.0), (3, 2.0)]);
    assert!(start(&w, SprintId(1)).expect_err("again").contains("already running"));
}

#[test]
fn an_empty_sprint_cannot_start_and_only_one_runs_at_a_time() {
    let mut w = ws();
    commit(&mut w, |w| new_sprint(w, &SprintDraft::default(), day(11, 1)));
    assert!(start(&w, SprintId(2)).expect_err("empty").contains("nothing is planned"));
    commit(&mut w, |w| start(w, SprintId(1)));
    w.items[3].status = Status::Planned;
    w.items[3].sprint = Some(SprintId(2));
    assert!(start(&w, SprintId(2)).expect_err("two").contains("still running"));
}

#[test]
fn closing_records_outcomes_moves_items_and_undoes_whole() {
    let mut w = ws();
    commit(&mut w, |w| start(w, SprintId(1)));
    let before_close = w.clone();
    let closing = Closing {
        outcomes: [
            (ItemId(2), ItemOutcome::Carried { remaining: HalfPoints::from_points(1.5).expect("points") }),
            (ItemId(3), ItemOutcome::Dropped),
        ]
        .into(),
        unplanned: KindMap::new(0.0, 2.0, 0.0, 0.0),
        rework: 0.5,
        delivery: DeliveryFigures { deployments: Some(4), ..DeliveryFigures::default() },
        closed_on: None,
    };
    let set = close(&w, SprintId(1), &closing, day(11, 13)).expect("close");
    assert_eq!(set.label, "closed Sprint 1 (1 done, 1 carried over, 1 dropped)");
    apply(&mut w, &set);
    let s = &w.sprints[0];
    assert_eq!(s.state, SprintState::Closed);
    let actuals = s.actuals.as_ref().expect("actuals");
    assert_eq!((actuals.closed_on, actuals.delivery.deployments), (Some(day(11, 13)), Some(4)));
    let status = |id: i64| w.item(ItemId(id)).map(|i| (i.status, i.sprint, i.estimate.points()));
    assert_eq!(status(1), Some((Status::Done, Some(SprintId(1)), 5.0)));
    assert_eq!(status(2), Some((Status::Backlog, None, 1.5)), "the rest is its new estimate");
    assert_eq!(status(3), Some((Status::Backlog, None, 2.0)), "dropped: back as it was");
    let m = sprint_metrics(&w, &w.sprints[0]);
    assert_eq!((m.planned, m.velocity, m.carried, m.dropped), (10.0, 6.5, 1.5, 2.0));

    apply(&mut w, &set.inverse());
    assert_eq!(w.sprints[0].state, SprintState::Active);
    assert_eq!(w.sprints[0].actuals, None);
    assert_eq!(w.entries, before_close.entries);
    for (a, b) in w.items.iter().zip(&before_close.items) {
        assert_eq!((a.status, a.sprint, a.estimate), (b.status, b.sprint, b.estimate));
    }
}

#[test]
fn starting_before_the_start_date_is_named() {
    let w = ws();
    let s = &w.sprints[0];
    let warning = early_start(s, day(10, 29)).expect("four days early");
    assert!(warning.contains("dated to start on 2026-11-02, 4 days from today"), "{warning}");
    assert!(early_start(s, day(11, 1)).expect("one day").contains("1 day from today"));
    assert_eq!(early_start(s, day(11, 2)), None);
}

#[test]
fn closing_before_the_start_date_is_named() {
    let w = ws();
    let s = &w.sprints[0];
    let warning = early_close(s, day(10, 30)).expect("before the start");
    assert!(warning.contains("closes on 2026-10-30, before its planned start on 2026-11-02"), "{warning}");
    assert_eq!(early_close(s, day(11, 2)), None, "closing on the start day is not early");
}

#[test]
fn closing_refuses_what_it_cannot_record() {
    let mut w = ws();
    assert!(close(&w, SprintId(1), &Closing::default(), day(11, 13)).expect_err("planning").contains("start it"));
    commit(&mut w, |w| start(w, SprintId(1)));
    let zero = Closing {
        outcomes: [(ItemId(1), ItemOutcome::Carried { remaining: HalfPoints::ZERO })].into(),
        ..Closing::default()
    };
    assert!(close(&w, SprintId(1), &zero, day(11, 13)).expect_err("zero").contains("mark it done"));
    let stranger = Closing { outcomes: [(ItemId(4), ItemOutcome::Done)].into(), ..Closing::default() };
    assert!(close(&w, SprintId(1), &stranger, day(11, 13)).expect_err("stranger").contains("not part of"));
    let more = Closing {
        outcomes: [(ItemId(1), ItemOutcome::Carried { remaining: HalfPoints::from_points(12.0).expect("points") })]
            .into(),
        ..Closing::default()
    };
    let refused = close(&w, SprintId(1), &more, day(11, 13)).expect_err("more than committed");
    assert!(refused.contains("12 points remaining, more than the 5 committed"), "{refused}");
    let all = Closing {
        outcomes: [(ItemId(1), ItemOutcome::Carried { remaining: HalfPoints::from_points(5.0).expect("points") })]
            .into(),
        ..Closing::default()
    };
    assert!(close(&w, SprintId(1), &all, day(11, 13)).is_ok(), "nothing done: all of it remains");
    assert!(close(&w, SprintId(1), &Closing::default(), day(10, 30)).is_ok(), "started early, closed early");
    let dated = Closing { closed_on: Some(day(10, 30)), ..Closing::default() };
    let early = close(&w, SprintId(1), &dated, day(11, 13)).expect_err("dated before it began");
    assert!(early.contains("starts on 2026-11-02; it cannot close on 2026-10-30"), "{early}");
    let nan = Closing { rework: f64::NAN, ..Closing::default() };
    assert!(close(&w, SprintId(1), &nan, day(11, 13)).expect_err("nan").contains("rework"));
}

#[test]
fn a_closed_sprint_recalibrates_the_next_sprints_capacity_as_the_formulas_say() {
    let mut w = ws();
    commit(&mut w, |w| new_sprint(w, &SprintDraft::default(), day(11, 1)));
    let next = w.sprints[1].clone();
    let configured = capacity(&w, &next, &FALLBACKS);
    // No history: the configured 1 point per person-day and 10% reserve.
    assert_eq!((configured.points_per_person_day, configured.reserve_share), (1.0, 0.1));

    commit(&mut w, |w| start(w, SprintId(1)));
    let closing = Closing {
        outcomes: [(ItemId(3), ItemOutcome::Dropped)].into(),
        unplanned: KindMap::new(0.0, 4.0, 0.0, 0.0),
        ..Closing::default()
    };
    commit(&mut w, |w| close(w, SprintId(1), &closing, day(11, 13)));
    let next = w.sprint(next.id).expect("next sprint").clone();
    let calibrated = capacity(&w, &next, &FALLBACKS);
    // Sprint 1: 10 working days × 1.0 × 1.0 = 10 person-days; done 5 + 3 = 8, unplanned 4.
    // points per person-day = (8 + 4) / 10 = 1.2; reserve = 4 / (8 + 4) = 1/3.
    assert!((calibrated.points_per_person_day - 1.2).abs() < 1e-9);
    assert!((calibrated.reserve_share - 1.0 / 3.0).abs() < 1e-9);
    // Sprint 2 has 10 working days too: plannable = 10 × 1.2 × (1 − 1/3) = 8 (was 10 × 0.9 = 9).
    assert!((configured.plannable - 9.0).abs() < 1e-9);
    assert!((calibrated.plannable - 8.0).abs() < 1e-9);
}
