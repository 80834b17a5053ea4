use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::deferral::{rank_of, rationale_needed, window_start, MIN_RATIONALE_CHARS};
use super::*;
use crate::domain::change::apply;
use crate::domain::test_support::sprint;
use crate::domain::{
    test_support, Agreement, DebtCategory, DebtDetails, EntryOutcome, HalfPoints, ItemId, Kind, RiskArea, SprintEntry,
    SprintId, SprintState, Status, WorkItem, Workspace,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

const TODAY: (i32, u32, u32) = (2026, 11, 21);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn terms() -> Terms {
    Terms { today: today(), cadence_days: 14, horizon: 26 }
}

/// A debt of `principal` points with `drag` per sprint, recorded on `created`.
fn debt(id: i64, principal: f64, drag: Option<f64>, created: NaiveDate) -> WorkItem {
    let mut item = test_support::item(id, Kind::Debt, principal);
    item.created = Utc.from_utc_datetime(&created.and_hms_opt(9, 30, 0).expect("time"));
    item.debt = Some(Box::new(DebtDetails {
        interest: 3,
        visibility: 3,
        drag,
        category: DebtCategory::Tactical,
        risk_area: RiskArea::None,
        agreement: Agreement::default(),
        deferrals: vec![],
        drag_history: vec![],
    }));
    item
}

fn econ(item: &WorkItem) -> Economics {
    economics(item, item.debt.as_ref().expect("debt"), &terms())
}

#[test]
fn economics_table() {
    // (principal, drag, recorded, payback, sprints carried, interest paid, return over 26)
    let cases = [
        (8.0, Some(0.5), day(2026, 3, 9), Some(16.0), 18, 9.0, Some((13.0 - 8.0) / 8.0)),
        (3.0, Some(1.2), day(2026, 5, 6), Some(2.5), 14, 16.8, Some((31.2 - 3.0) / 3.0)),
        (5.0, Some(0.2), day(2026, 11, 20), Some(25.0), 0, 0.0, Some((5.2 - 5.0) / 5.0)),
        // 13 days is not yet a whole sprint; 14 is.
        (2.0, Some(1.0), day(2026, 11, 8), Some(2.0), 0, 0.0, Some(12.0)),
        (2.0, Some(1.0), day(2026, 11, 7), Some(2.0), 1, 1.0, Some(12.0)),
        // Derived drag: 0.1 × 3 × 3.
        (9.0, None, day(2026, 10, 24), Some(10.0), 2, 1.8, Some((0.9 * 26.0 - 9.0) / 9.0)),
        // No drag: no payback, a loss of the whole principal.
        (4.0, Some(0.0), day(2026, 1, 1), None, 23, 0.0, Some(-1.0)),
        // Nothing to repay: payback is immediate, return undefined.
        (0.0, Some(1.0), day(2026, 11, 21), Some(0.0), 0, 0.0, None),
        // Recorded in the future (a clock set wrong): age and interest do not go negative.
        (1.0, Some(1.0), day(2027, 1, 1), Some(1.0), 0, 0.0, Some(25.0)),
    ];
    for (principal, drag, created, payback, carried, paid, ret) in cases {
        let e = econ(&debt(1, principal, drag, created));
        let case = format!("{principal} points, drag {drag:?}, recorded {created}");
        assert_eq!(e.principal, principal, "{case}");
        match (e.payback, payback) {
            (Some(got), Some(want)) => assert!((got - want).abs() < 1e-9, "{case}: payback {got}"),
            (got, want) => assert_eq!(got, want, "{case}"),
        }
        assert_eq!(e.sprints_carried, carried, "{case}");
        assert!((e.interest_paid - paid).abs() < 1e-9, "{case}: paid {}", e.interest_paid);
        match (e.horizon_return, ret) {
            (Some(got), Some(want)) => assert!((got - want).abs() < 1e-9, "{case}: return {got}"),
            (got, want) => assert_eq!(got, want, "{case}"),
        }
        assert!(e.age_days >= 0);
    }
}

proptest! {
    #[test]
    fn payback_times_drag_is_the_principal_and_return_grows_with_the_horizon(
        halves in 1u32..200, drag in 0.01f64..10.0, age in 0i64..2000, horizon in 1u32..60,
    ) {
        let item = debt(1, f64::from(halves) / 2.0, Some(drag), today() - chrono::Duration::days(age));
        let d = item.debt.as_ref().expect("debt");
        let short = economics(&item, d, &Terms { horizon, ..terms() });
        let long = economics(&item, d, &Terms { horizon: horizon + 1, ..terms() });
        let payback = short.payback.expect("drag > 0");
        prop_assert!((payback * drag - short.principal).abs() < 1e-9);
        prop_assert!(long.horizon_return > short.horizon_return);
        // Repaying pays off within the horizon exactly when the payback is shorter than it.
        let pays = short.horizon_return.expect("principal > 0") > 0.0;
        let h = f64::from(horizon);
        if (payback - h).abs() > 1e-9 {
            prop_assert_eq!(pays, payback < h);
        }
        prop_assert!(short.interest_paid <= drag * (age as f64 / 14.0) + 1e-9);
    }

    #[test]
    fn every_sort_keeps_every_row_and_the_register_is_in_payback_order(
        debts in proptest::collection::vec((1u32..40, 0u32..30, 0i64..900), 0..30),
    ) {
        let items: Vec<WorkItem> = debts
            .iter()
            .enumerate()
            .map(|(n, (halves, drag, age))| {
                debt(n as i64 + 1, f64::from(*halves) / 2.0, Some(f64::from(*drag) / 10.0),
                     today() - chrono::Duration::days(*age))
            })
            .collect();
        let ws = Workspace { items, ..Workspace::default() };
        let rows = register(&ws, &terms());
        let paybacks: Vec<f64> = rows.iter().map(|r| r.economics.payback.unwrap_or(f64::INFINITY)).collect();
        prop_assert!(paybacks.windows(2).all(|w| w[0] <= w[1]));
        prop_assert!(rows.iter().enumerate().all(|(n, r)| r.rank == n + 1));
        for key in SortKey::ALL {
            let mut ids: Vec<i64> = view(&ws, &terms(), &Filter::default(), key).iter().map(|r| r.item.id.0).collect();
            ids.sort();
            prop_assert_eq!(ids.len(), ws.items.len());
            prop_assert!(ids.windows(2).all(|w| w[0] < w[1]));
        }
    }
}

fn with_area(mut item: WorkItem, area: RiskArea, trigger: Option<NaiveDate>, category: DebtCategory) -> WorkItem {
    if let Some(d) = item.debt.as_mut() {
        d.risk_area = area;
        d.agreement.trigger_date = trigger;
        d.category = category;
    }
    item
}

fn register_ws() -> Workspace {
    let old = day(2026, 1, 5);
    let items = vec![
        with_area(debt(1, 8.0, Some(0.5), old), RiskArea::Security, Some(day(2026, 9, 30)), DebtCategory::Strategic),
        with_area(
            debt(2, 3.0, Some(1.2), day(2026, 5, 6)),
            RiskArea::None,
            Some(day(2026, 12, 11)),
            DebtCategory::Accidental,
        ),
        with_area(debt(3, 3.0, Some(1.0), day(2026, 6, 22)), RiskArea::Performance, None, DebtCategory::Accidental),
        with_area(
            debt(4, 2.0, Some(0.4), day(2026, 1, 26)),
            RiskArea::None,
            Some(day(2026, 8, 31)),
            DebtCategory::Tactical,
        ),
        with_area(
            debt(5, 5.0, Some(0.2), day(2026, 4, 27)),
            RiskArea::Compliance,
            Some(day(2027, 1, 29)),
            DebtCategory::Strategic,
        ),
        // Repaid: not in the register.
        WorkItem { status: Status::Done, ..debt(6, 5.0, Some(3.0), old) },
        // A feature: never in the register.
        test_support::item(7, Kind::Feature, 3.0),
    ];
    Workspace { items, ..Workspace::default() }
}

fn keys(rows: &[Row<'_>]) -> Vec<i64> {
    rows.iter().map(|r| r.item.id.0).collect()
}

#[test]
fn the_register_ranks_open_debt_by_payback_and_views_sort_and_filter() {
    let ws = register_ws();
    let t = terms();
    assert_eq!(keys(&register(&ws, &t)), [2, 3, 4, 1, 5], "payback 2.5, 3, 5, 16, 25");
    let by = |key| keys(&view(&ws, &t, &Filter::default(), key));
    assert_eq!(by(SortKey::Drag), [2, 3, 1, 4, 5]);
    assert_eq!(by(SortKey::Principal), [1, 5, 2, 3, 4]);
    assert_eq!(by(SortKey::Age), [1, 4, 5, 2, 3]);
    assert_eq!(by(SortKey::Trigger), [4, 1, 2, 5, 3], "earliest first, none last");
    assert_eq!(by(SortKey::Paid)[0], 2, "1.2 × 14 sprints beats 0.5 × 22");
    assert_eq!(by(SortKey::Return), [2, 3, 4, 1, 5]);
    let overdue = Filter { overdue: true, ..Filter::default() };
    assert_eq!(keys(&view(&ws, &t, &overdue, SortKey::Payback)), [4, 1]);
    let risky = Filter { high_risk: true, ..Filter::default() };
    assert_eq!(keys(&view(&ws, &t, &risky, SortKey::Payback)), [3, 1, 5]);
    let both = Filter { overdue: true, high_risk: true, category: Some(DebtCategory::Strategic) };
    assert_eq!(keys(&view(&ws, &t, &both, SortKey::Payback)), [1]);
    assert_eq!(both.describe(), "overdue, high-risk, strategic");
    assert_eq!(Filter::default().describe(), "all");
}

#[test]
fn totals_sum_the_register_and_state_drag_as_a_share_of_capacity() {
    let ws = register_ws();
    let rows = register(&ws, &terms());
    let t = totals(&rows, Some(33.0));
    assert_eq!((t.count, t.overdue, t.high_risk), (5, 2, 3));
    assert!((t.drag - 3.3).abs() < 1e-9);
    assert!((t.principal - 21.0).abs() < 1e-9);
    assert_eq!(t.drag_share.map(|s| (s * 1000.0).round()), Some(100.0));
    assert_eq!(totals(&rows, Some(0.0)).drag_share, None);
    assert_eq!(totals(&[], None), Totals::default());
}

#[test]
fn flow_counts_debt_recorded_in_each_sprint_window_and_debt_work_completed() {
    let mut ws = register_ws();
    ws.sprints = vec![
        sprint(1, day(2026, 4, 20), SprintState::Closed),
        sprint(2, day(2026, 5, 4), SprintState::Closed),
        sprint(3, day(2026, 5, 18), SprintState::Planning),
    ];
    let entry = |item, outcome, remaining| SprintEntry {
        sprint: SprintId(2),
        item: ItemId(item),
        planned: HalfPoints(10),
        outcome,
        remaining: HalfPoints(remaining),
    };
    ws.entries = vec![
        entry(6, EntryOutcome::Done, 0),
        entry(4, EntryOutcome::CarriedOver, 4),
        entry(7, EntryOutcome::Done, 0),
        entry(1, EntryOutcome::Dropped, 0),
    ];
    let f = flow(&ws, 6);
    assert_eq!(f.len(), 2, "closed sprints only");
    // Item 5 was recorded on 04-27 (sprint 1's window), item 2 on 05-06 (sprint 2's).
    assert_eq!((f[0].added, f[0].repaid), (5.0, 0.0));
    assert_eq!((f[1].added, f[1].repaid), (3.0, 8.0), "5 done + 3 of 5 carried over; the feature does not count");
    assert_eq!(flow(&ws, 1).len(), 1);
    assert_eq!(flow(&ws, 1)[0].sprint, "Sprint 2");
}

#[test]
fn cadence_is_measured_from_the_last_two_sprints() {
    let mut ws = Workspace::default();
    assert_eq!(cadence_days(&ws), 14);
    ws.sprints =
        vec![sprint(1, day(2026, 5, 4), SprintState::Closed), sprint(2, day(2026, 5, 25), SprintState::Planning)];
    assert_eq!(cadence_days(&ws), 21);
    assert_eq!(window_start(&ws, &ws.sprints[1], 21), day(2026, 5, 5));
    assert_eq!(window_start(&ws, &ws.sprints[0], 21), day(2026, 4, 13));
}

#[test]
fn rationale_is_required_for_high_risk_debt_overdue_or_in_the_top_of_the_register() {
    let ws = register_ws();
    let t = terms();
    let need = |id: i64| {
        let row = register(&ws, &t).into_iter().find(|r| r.item.id.0 == id).expect("row");
        rationale_needed(row.debt, row.rank, 3, t.today)
    };
    assert_eq!(need(1).as_deref(), Some("it is high-risk (security) debt, overdue since 2026-09-30"));
    assert_eq!(need(3).as_deref(), Some("it is high-risk (performance) debt ranked 2 in the register (top 3)"));
    assert_eq!(need(5), None, "high-risk, but ranked 5 and not due");
    assert_eq!(need(4), None, "overdue, but not high-risk");
    assert_eq!(need(2), None);
}

fn defer(
    ws: &Workspace,
    id: ItemId,
    rationale: &str,
    t: &Terms,
    top: usize,
) -> Result<crate::domain::change::ChangeSet, String> {
    super::deferral::defer(ws, id, rationale, None, t.today, rank_of(ws, id, t), top)
}

#[test]
fn deferring_logs_the_rationale_and_refuses_a_missing_one() {
    let mut ws = register_ws();
    ws.sprints = vec![sprint(48, day(2026, 11, 23), SprintState::Planning)];
    ws.items[0].status = Status::Planned;
    ws.items[0].sprint = Some(SprintId(48));
    ws.items[0].pinned = true;
    let t = terms();
    let err = defer(&ws, ItemId(1), "  later ", &t, 5).expect_err("too short");
    assert!(err.contains("PAY-1 needs a written rationale"), "{err}");
    assert!(err.contains(&format!("in at least {MIN_RATIONALE_CHARS} characters")), "{err}");
    // Long enough, but not words: refused, and the message says what a rationale must be.
    for noise in ["asdfasdfasdf", "1234567890 0987654321", "x y z q w e r t"] {
        let err = defer(&ws, ItemId(1), noise, &t, 5).expect_err(noise);
        assert!(err.contains("does not read as a reason") && err.contains("at least two words with letters"), "{err}");
    }
    let set = defer(&ws, ItemId(1), "Vendor key rotation\u{7} lands in January", &t, 5).expect("defer");
    assert_eq!(set.label, "deferred PAY-1 (out of Sprint 48)");
    apply(&mut ws, &set);
    let item = ws.item(ItemId(1)).expect("item");
    assert_eq!((item.status, item.sprint, item.pinned), (Status::Backlog, None, false));
    let log = &item.debt.as_ref().expect("debt").deferrals;
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].on, log[0].rationale.as_str()), (t.today, "Vendor key rotation lands in January"));

    // A low-risk debt can be put off without a word; the log still records it.
    let set = defer(&ws, ItemId(4), "", &t, 5).expect("optional");
    apply(&mut ws, &set);
    assert_eq!(ws.item(ItemId(4)).and_then(|i| i.debt.as_ref()).map(|d| d.deferrals.len()), Some(1));

    assert!(defer(&ws, ItemId(6), "repaid already", &t, 5).expect_err("done").contains("not open debt"));
    assert!(defer(&ws, ItemId(7), "a feature item", &t, 5).expect_err("feature").contains("not open debt"));
}

#[test]
fn a_debt_committed_to_a_started_sprint_cannot_be_deferred() {
    let mut ws = register_ws();
    ws.sprints = vec![sprint(48, day(2026, 11, 16), SprintState::Active)];
    ws.items[1].status = Status::Planned;
    ws.items[1].sprint = Some(SprintId(48));
    let err = defer(&ws, ItemId(2), "", &terms(), 5).expect_err("active");
    assert!(err.contains("PAY-2 is committed: Sprint 48 is running"), "{err}");
}

#[test]
fn a_deferral_moves_the_repay_by_date_forward_only_and_logs_where_it_was() {
    let ws = register_ws();
    let t = terms();
    let rank = rank_of(&ws, ItemId(4), &t);
    let old = ws.item(ItemId(4)).and_then(|i| i.debt.as_ref()).and_then(|d| d.agreement.trigger_date);
    let later = t.today + chrono::Days::new(30);
    let set = super::deferral::defer(&ws, ItemId(4), "", Some(later), t.today, rank, 5).expect("moved");
    let mut moved = ws.clone();
    apply(&mut moved, &set);
    let d = moved.item(ItemId(4)).and_then(|i| i.debt.clone()).expect("debt");
    assert_eq!(d.agreement.trigger_date, Some(later));
    assert_eq!(d.deferrals.last().and_then(|f| f.moved), Some(crate::domain::RepayByMove { from: old, to: later }));
    assert!(set.label.contains(&format!("repay-by {} → {later}", old.map_or("none".into(), |d| d.to_string()))));
    // Not to today or before; the same date again is no move.
    let err = super::deferral::defer(&ws, ItemId(4), "", Some(t.today), t.today, rank, 5).expect_err("today");
    assert!(err.contains("must be after today"), "{err}");
    let again = super::deferral::defer(&moved, ItemId(4), "", Some(later), t.today, rank, 5).expect("same date");
    apply(&mut moved, &again);
    let log = moved.item(ItemId(4)).and_then(|i| i.debt.clone()).expect("debt").deferrals;
    assert_eq!(log.last().and_then(|f| f.moved), None);
}

#[test]
fn a_changed_drag_keeps_what_the_debt_already_cost() {
    // Recorded 18 sprints ago at 0.5 a sprint: 9 points paid.
    let mut item = debt(1, 8.0, Some(0.5), day(2026, 3, 9));
    assert_eq!(econ(&item).interest_paid, 9.0);
    // The drag is raised to 2 today: the past keeps 0.5, only what is to come costs 2.
    let before = item.debt.clone();
    let d = item.debt.as_mut().expect("debt");
    d.drag = Some(2.0);
    d.keep_drag_history(before.as_deref(), today());
    assert_eq!(d.drag_history, vec![crate::domain::PastDrag { until: today(), drag: 0.5 }]);
    assert_eq!(econ(&item).interest_paid, 9.0, "today's change rewrites no past sprint");
    assert_eq!(econ(&item).drag, 2.0);
    // Four sprints later (the change was 10 sprints in): 10 × 0.5 + 8 × 2 once the history says so.
    let d = item.debt.as_mut().expect("debt");
    d.drag_history = vec![crate::domain::PastDrag { until: day(2026, 7, 27), drag: 0.5 }];
    assert_eq!(econ(&item).interest_paid, 10.0 * 0.5 + 8.0 * 2.0);
    // An edit that keeps the drag adds nothing to the history.
    let again = item.debt.clone();
    let d = item.debt.as_mut().expect("debt");
    d.keep_drag_history(again.as_deref(), today());
    assert_eq!(d.drag_history.len(), 1);
}
