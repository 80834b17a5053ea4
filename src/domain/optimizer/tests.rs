use proptest::prelude::*;

use super::*;

fn c(id: i64, kind: Kind, size: u32, benefit: i64) -> Candidate {
    Candidate { id: ItemId(id), kind, size, benefit, pinned: false, forced: false, excluded: false, unestimated: false }
}

/// Policy-like bands: targets 60/10/10/20 ± `tol` percentage points, floor `floor`.
fn bounds(capacity: u32, tol: f64, floor: f64) -> Bounds {
    let targets = [0.6, 0.1, 0.1, 0.2];
    let mut min_share = KindMap::splat(0.0);
    let mut max_share = KindMap::splat(1.0);
    for (k, t) in Kind::ALL.into_iter().zip(targets) {
        min_share.set(k, (t - tol).max(0.0));
        max_share.set(k, (t + tol).min(1.0));
    }
    Bounds { capacity, min_share, max_share, investment_floor: floor }
}

fn loose(capacity: u32) -> Bounds {
    Bounds { capacity, min_share: KindMap::splat(0.0), max_share: KindMap::splat(1.0), investment_floor: 0.0 }
}

/// The forced items the capacity admits, computed apart from the optimizer: in order, while
/// they fit beside the pinned items.
fn admitted_forced(candidates: &[Candidate], capacity: u32) -> Vec<ItemId> {
    let pinned: u32 = candidates.iter().filter(|c| c.pinned && !c.excluded).map(|c| c.size).sum();
    // Pins above capacity leave no room (a free item still fits).
    let mut left = capacity.saturating_sub(pinned);
    let mut out = Vec::new();
    for c in candidates.iter().filter(|c| c.forced && !c.pinned && !c.excluded) {
        if c.size <= left {
            left -= c.size;
            out.push(c.id);
        }
    }
    out
}

fn brute_force(candidates: &[Candidate], b: &Bounds) -> Option<i64> {
    let n = candidates.len();
    let forced = admitted_forced(candidates, b.capacity);
    let mut best: Option<i64> = None;
    for mask in 0u32..(1 << n) {
        let mut loads = KindMap::splat(0u32);
        let mut benefit = 0;
        let mut ok = true;
        for (i, cand) in candidates.iter().enumerate() {
            let taken = mask & (1 << i) != 0;
            let must = (cand.pinned && !cand.excluded) || forced.contains(&cand.id);
            if (taken && cand.excluded) || (!taken && must) {
                ok = false;
                break;
            }
            if taken {
                loads.set(cand.kind, loads.get(cand.kind) + cand.size);
                benefit += cand.benefit;
            }
        }
        if ok && satisfies(b, &loads) && best.is_none_or(|x| benefit > x) {
            best = Some(benefit);
        }
    }
    best
}

#[test]
fn nothing_to_plan_gives_an_empty_plan() {
    let fill = auto_fill(&[], &bounds(20, 0.05, 0.2));
    assert!(fill.plan.chosen.is_empty());
    let mut x = c(1, Kind::Feature, 4, 100);
    x.excluded = true;
    let fill = auto_fill(&[x], &bounds(20, 0.05, 0.2));
    assert!(fill.plan.chosen.is_empty());
    assert_eq!(fill.cut, vec![Cut { id: ItemId(1), reason: CutReason::Excluded }]);
}

#[test]
fn capacity_alone_is_a_plain_knapsack() {
    let items = [c(1, Kind::Feature, 6, 60), c(2, Kind::Feature, 5, 50), c(3, Kind::Feature, 5, 50)];
    let plan = solve_exact(&items, &loose(10)).expect("feasible");
    assert_eq!(plan.chosen, vec![ItemId(2), ItemId(3)], "two fives beat the six");
    assert_eq!(plan.benefit, 100);
}

#[test]
fn a_pinned_item_above_capacity_is_kept_and_reported() {
    let mut big = c(1, Kind::Feature, 30, 10);
    big.pinned = true;
    let fill = auto_fill(&[big, c(2, Kind::Feature, 2, 50)], &loose(20));
    assert!(fill.plan.chosen.contains(&ItemId(1)));
    assert_eq!(fill.relaxations, vec![Relaxation::Capacity { from: 20, to: 30 }]);
    assert!(fill.relaxations[0].describe().contains("pinned items need 15 points"));
}

#[test]
fn too_few_debt_candidates_lower_the_debt_minimum_and_say_by_how_much() {
    let mut items: Vec<Candidate> = (1..=10).map(|i| c(i, Kind::Feature, i as u32, 100 * i)).collect();
    items.push(c(20, Kind::Debt, 2, 10));
    items.push(c(21, Kind::Risk, 4, 10));
    items.push(c(22, Kind::Defect, 4, 10));
    let fill = auto_fill(&items, &bounds(40, 0.05, 0.2));
    // Debt: 2 of 40 points available (5%) against a 15% minimum; investment 6 of 40 (15%) < 20%;
    // and with only 10 points of other work, features must be allowed 75% of a full sprint.
    assert_eq!(fill.relaxations.len(), 3, "{:?}", fill.relaxations);
    let Relaxation::KindMax { kind: Kind::Feature, to, .. } = fill.relaxations[0] else {
        panic!("expected the feature maximum first: {:?}", fill.relaxations)
    };
    assert!((to - 0.75).abs() < 1e-9, "{to}");
    let Relaxation::KindMin { kind: Kind::Debt, from, to } = fill.relaxations[1] else {
        panic!("expected the debt minimum first: {:?}", fill.relaxations)
    };
    assert!((from - 0.15).abs() < 1e-9 && (to - 0.05).abs() < 1e-9, "{from} → {to}");
    assert!(fill.relaxations[1].describe().starts_with("debt minimum lowered from 15% to 5%"));
    let Relaxation::InvestmentFloor { from, to } = fill.relaxations[2] else { panic!("floor") };
    assert!((from - 0.2).abs() < 1e-9 && (to - 0.15).abs() < 1e-9);
    assert_eq!(fill.plan.load, 40, "the sprint is full");
    assert!(satisfies(&fill.bounds, &fill.plan.load_by_kind));
}

#[test]
fn a_kind_above_its_band_names_pinned_items_only_when_there_are_some() {
    let mut items: Vec<Candidate> = (1..=6).map(|i| c(i, Kind::Feature, 4, 100)).collect();
    items.push(c(20, Kind::Debt, 2, 10));
    let fill = auto_fill(&items, &bounds(20, 0.05, 0.2));
    let max = fill.relaxations.iter().find(|r| matches!(r, Relaxation::KindMax { .. })).expect("feature max raised");
    assert!(max.describe().contains("too little other work"), "{}", max.describe());
    assert!(!max.describe().contains("pinned"), "nothing is pinned: {}", max.describe());
}

proptest! {
    /// Every relaxation line says what the plan really holds: no bound reported lowered to 0%
    /// while the sprint delivers 6% of that kind.
    #[test]
    fn relaxation_lines_match_the_plan_they_explain(
        specs in proptest::collection::vec((0usize..4, 1u32..9, 1i64..100, 0u8..10), 1..12),
        capacity in 4u32..40,
    ) {
        let items: Vec<Candidate> = specs
            .iter()
            .enumerate()
            .map(|(i, (k, size, benefit, flag))| Candidate {
                pinned: *flag == 0,
                forced: *flag == 1,
                ..c(i as i64, Kind::ALL[*k], *size, *benefit)
            })
            .collect();
        let fill = auto_fill(&items, &bounds(capacity, 0.05, 0.2));
        let load = f64::from(fill.plan.load.max(1));
        let share = |kinds: &[Kind]| kinds.iter().map(|k| f64::from(fill.plan.load_by_kind.get(*k))).sum::<f64>() / load;
        for r in &fill.relaxations {
            match *r {
                Relaxation::KindMin { kind, from, to } => {
                    prop_assert!((share(&[kind]) - to).abs() < 1e-9 && to < from, "{}", r.describe());
                }
                Relaxation::KindMax { kind, from, to, pinned, forced } => {
                    prop_assert!((share(&[kind]) - to).abs() < 1e-9 && to > from, "{}", r.describe());
                    prop_assert_eq!(pinned, items.iter().any(|i| i.pinned && i.kind == kind));
                    prop_assert_eq!(forced, fill.forced.iter().any(|id| items[id.0 as usize].kind == kind));
                    prop_assert_eq!(r.describe().contains("pinned"), pinned, "{}", r.describe());
                }
                Relaxation::InvestmentFloor { from, to } => {
                    prop_assert!((share(&[Kind::Risk, Kind::Debt]) - to).abs() < 1e-9 && to < from, "{}", r.describe());
                }
                Relaxation::Capacity { .. } => {}
            }
        }
    }
}

#[test]
fn bands_can_make_a_smaller_plan_the_best_one() {
    // Features alone would fill it, but features may be at most 65% of the load.
    let items = [c(1, Kind::Feature, 10, 500), c(2, Kind::Debt, 4, 1), c(3, Kind::Feature, 6, 400)];
    let plan = solve_exact(&items, &Bounds { investment_floor: 0.0, ..bounds(20, 1.0, 0.0) }).expect("loose");
    assert_eq!(plan.benefit, 901);
    let mut strict = loose(20);
    strict.max_share.set(Kind::Feature, 0.65);
    let plan = solve_exact(&items, &strict).expect("feasible");
    // {1, 2}: 10 of 14 = 71% > 65%; {3, 2}: 6 of 10 = 60% — the only non-empty plans.
    assert_eq!(plan.chosen, vec![ItemId(2), ItemId(3)]);
}

#[test]
fn ties_are_broken_the_same_way_whatever_the_input_order() {
    let items: Vec<Candidate> = (1..=8).map(|i| c(i, Kind::Feature, 2, 10)).collect();
    let first = solve_exact(&items, &loose(8)).expect("feasible");
    let mut reversed = items.clone();
    reversed.reverse();
    assert_eq!(solve_exact(&reversed, &loose(8)), Some(first.clone()));
    assert_eq!(first.chosen, vec![ItemId(1), ItemId(2), ItemId(3), ItemId(4)]);
}

#[test]
fn every_cut_has_the_reason_that_applies() {
    let mut excluded = c(5, Kind::Feature, 1, 1000);
    excluded.excluded = true;
    let items = [c(1, Kind::Feature, 8, 100), c(2, Kind::Feature, 30, 900), c(3, Kind::Feature, 4, 10), excluded];
    let fill = auto_fill(&items, &loose(10));
    let reason = |id| fill.cut.iter().find(|c| c.id == ItemId(id)).map(|c| c.reason);
    assert_eq!(reason(2), Some(CutReason::Oversized));
    assert_eq!(reason(3), Some(CutReason::NoRoom));
    assert_eq!(reason(5), Some(CutReason::Excluded));

    let mut capped = loose(10);
    capped.max_share.set(Kind::Feature, 0.5);
    let items =
        [c(1, Kind::Feature, 4, 100), c(2, Kind::Debt, 4, 1), c(3, Kind::Feature, 2, 50), c(4, Kind::Defect, 3, 1)];
    let fill = auto_fill(&items, &capped);
    assert!(fill.relaxations.is_empty(), "{:?}", fill.relaxations);
    assert_eq!(fill.plan.chosen, vec![ItemId(1), ItemId(2)]);
    assert_eq!(reason_of(&fill, 3), Some(CutReason::KindAboveMax(Kind::Feature)));
    assert_eq!(reason_of(&fill, 4), Some(CutReason::NoRoom));
}

fn reason_of(fill: &AutoFill, id: i64) -> Option<CutReason> {
    fill.cut.iter().find(|c| c.id == ItemId(id)).map(|c| c.reason)
}

fn instance() -> impl Strategy<Value = (Vec<Candidate>, Bounds)> {
    // p: 0 pinned, 1–2 forced (only debt is forced in practice, but the optimizer must not care).
    let item = (0u32..=12, 0i64..=5000, 0usize..4, 0u8..10, 0u8..10);
    (proptest::collection::vec(item, 0..=15), 0u32..=60, 0.0f64..0.2, 0.0f64..0.4).prop_map(
        |(specs, capacity, tol, floor)| {
            let candidates = specs
                .into_iter()
                .enumerate()
                .map(|(i, (size, benefit, kind, p, e))| Candidate {
                    id: ItemId(i as i64 + 1),
                    kind: Kind::ALL[kind],
                    size,
                    benefit,
                    pinned: p == 0,
                    forced: p == 1 || p == 2,
                    excluded: e == 0,
                    unestimated: e == 0 && size == 0,
                })
                .collect();
            (candidates, bounds(capacity, tol, floor))
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn exact_equals_brute_force((candidates, b) in instance()) {
        let plan = solve_exact(&candidates, &b);
        prop_assert_eq!(plan.as_ref().map(|p| p.benefit), brute_force(&candidates, &b));
        if let Some(plan) = plan {
            prop_assert!(plan.load <= b.capacity);
            prop_assert!(satisfies(&b, &plan.load_by_kind));
            let forced = admitted_forced(&candidates, b.capacity);
            for cand in &candidates {
                let chosen = plan.chosen.contains(&cand.id);
                prop_assert!(!(chosen && cand.excluded), "excluded item chosen");
                prop_assert!(chosen || !cand.pinned || cand.excluded, "pinned item left out");
                prop_assert!(chosen || !forced.contains(&cand.id), "forced item that fits left out");
            }
        }
    }

    /// Unless more room admits more forced debt: the policy then trades benefit for repayment.
    #[test]
    fn more_capacity_never_lowers_the_benefit((candidates, b) in instance()) {
        prop_assume!(admitted_forced(&candidates, b.capacity) == admitted_forced(&candidates, b.capacity + 1));
        let smaller = solve_exact(&candidates, &b).map(|p| p.benefit);
        let larger = solve_exact(&candidates, &Bounds { capacity: b.capacity + 1, ..b }).map(|p| p.benefit);
        prop_assert!(larger >= smaller, "{:?} then {:?}", smaller, larger);
    }

    #[test]
    fn auto_fill_meets_the_bounds_it_reports((candidates, b) in instance()) {
        let fill = auto_fill(&candidates, &b);
        prop_assert!(satisfies(&fill.bounds, &fill.plan.load_by_kind) || fill.plan.chosen.is_empty());
        prop_assert_eq!(fill.cut.len() + fill.plan.chosen.len(), candidates.len());
        prop_assert_eq!(&fill.forced, &admitted_forced(&candidates, b.capacity));
        for id in &fill.forced_unfit {
            prop_assert_eq!(reason_of(&fill, id.0), Some(CutReason::ForcedNoRoom));
        }
        if !fill.plan.chosen.is_empty() {
            // Optimal under the bounds it reports, not just feasible.
            prop_assert_eq!(brute_force(&candidates, &fill.bounds), Some(fill.plan.benefit));
        }
    }
}

fn debt(id: i64, size: u32, benefit: i64) -> Candidate {
    c(id, Kind::Debt, size, benefit)
}

#[test]
fn forced_debt_is_planned_even_when_a_feature_scores_higher() {
    // Room for one of the two: the feature is worth ten times more, the policy plans the debt.
    let items = [c(1, Kind::Feature, 8, 1000), Candidate { forced: true, ..debt(2, 8, 100) }];
    let fill = auto_fill(&items, &loose(10));
    assert_eq!(fill.plan.chosen, vec![ItemId(2)]);
    assert_eq!(fill.forced, vec![ItemId(2)]);
    assert_eq!(reason_of(&fill, 1), Some(CutReason::NoRoom));
    // Without the policy the feature wins.
    let fill = auto_fill(&[items[0], debt(2, 8, 100)], &loose(10));
    assert_eq!(fill.plan.chosen, vec![ItemId(1)]);
    assert!(fill.forced.is_empty());
}

#[test]
fn forced_debt_that_does_not_fit_is_reported_not_planned_beyond_capacity() {
    let mut pin = c(1, Kind::Feature, 6, 10);
    pin.pinned = true;
    let items = [pin, Candidate { forced: true, ..debt(2, 6, 100) }, Candidate { forced: true, ..debt(3, 4, 50) }];
    let fill = auto_fill(&items, &loose(10));
    // The pin leaves 4: the first debt (6) does not fit, the second (4) does.
    assert_eq!(fill.plan.chosen, vec![ItemId(1), ItemId(3)]);
    assert_eq!(fill.forced, vec![ItemId(3)]);
    assert_eq!(fill.forced_unfit, vec![ItemId(2)]);
    assert_eq!(reason_of(&fill, 2), Some(CutReason::ForcedNoRoom));
    assert!(CutReason::ForcedNoRoom.describe().contains("does not fit"));
    assert!(fill.relaxations.is_empty(), "a policy never raises the capacity: {:?}", fill.relaxations);
}

#[test]
fn forced_debt_above_its_band_says_the_policy_needs_it_not_pins() {
    let mut items: Vec<Candidate> = (1..=6).map(|i| c(i, Kind::Feature, 4, 100)).collect();
    items.push(Candidate { forced: true, ..debt(20, 10, 1) });
    let fill = auto_fill(&items, &bounds(20, 0.05, 0.2));
    assert!(fill.plan.chosen.contains(&ItemId(20)));
    let max = fill
        .relaxations
        .iter()
        .find(|r| matches!(r, Relaxation::KindMax { kind: Kind::Debt, .. }))
        .expect("debt max raised for the forced debt");
    assert!(max.describe().contains("overdue high-risk debt planned first (policy)"), "{}", max.describe());
    assert!(!max.describe().contains("pinned"), "{}", max.describe());
}

#[test]
fn unestimated_items_are_told_to_get_an_estimate() {
    let unestimated = Candidate { excluded: true, unestimated: true, ..c(1, Kind::Feature, 0, 0) };
    let excluded = Candidate { excluded: true, ..c(2, Kind::Feature, 2, 10) };
    let fill = auto_fill(&[unestimated, excluded], &loose(10));
    assert_eq!(reason_of(&fill, 1), Some(CutReason::Unestimated));
    assert_eq!(CutReason::Unestimated.describe(), "unestimated: estimate it to plan it");
    assert_eq!(reason_of(&fill, 2), Some(CutReason::Excluded));
}
