//! Auto-fill with dependencies against brute force on small instances with random DAGs.

use proptest::prelude::*;

use super::*;

fn c(id: i64, kind: Kind, size: u32, benefit: i64) -> Candidate {
    Candidate { id: ItemId(id), kind, size, benefit, pinned: false, forced: false, excluded: false, unestimated: false }
}

fn loose(capacity: u32) -> Bounds {
    Bounds { capacity, min_share: KindMap::splat(0.0), max_share: KindMap::splat(1.0), investment_floor: 0.0 }
}

fn links(pairs: &[(i64, &[i64])]) -> Links {
    Links::new(pairs.iter().map(|(d, bs)| (ItemId(*d), bs.iter().map(|b| ItemId(*b)).collect())))
}

fn ids(v: &[i64]) -> Vec<ItemId> {
    v.iter().map(|i| ItemId(*i)).collect()
}

/// Every subset that meets the bounds and the links, the best benefit. Written apart from the
/// optimizer: an item may be taken only with every blocker it waits for, except that a pinned
/// item stays in whatever it waits for; what a pinned item waits for and can be taken must be.
fn brute_force(candidates: &[Candidate], links: &Links, b: &Bounds) -> Option<i64> {
    let n = candidates.len();
    let find = |id: ItemId| candidates.iter().position(|c| c.id == id);
    // Which items can ever be taken: not excluded, and (unless pinned) every blocker can be.
    let mut can = vec![false; n];
    for _ in 0..=n {
        for (i, cand) in candidates.iter().enumerate() {
            can[i] = !cand.excluded
                && (cand.pinned || links.blockers(cand.id).iter().all(|x| find(*x).is_some_and(|j| can[j])));
        }
    }
    // Must: pinned, what they wait for, then forced debt in order while it fits, and its needs.
    let mut must = vec![false; n];
    let close = |must: &mut Vec<bool>| {
        for _ in 0..=n {
            for i in 0..n {
                if must[i] {
                    for x in links.blockers(candidates[i].id) {
                        if let Some(j) = find(*x).filter(|j| can[*j]) {
                            must[j] = true;
                        }
                    }
                }
            }
        }
    };
    for (i, cand) in candidates.iter().enumerate() {
        must[i] = cand.pinned && !cand.excluded;
    }
    close(&mut must);
    let mut left = b.capacity.saturating_sub((0..n).filter(|i| must[*i]).map(|i| candidates[i].size).sum());
    for (i, cand) in candidates.iter().enumerate() {
        if !(cand.forced && can[i] && !must[i]) {
            continue;
        }
        // It comes with what it waits for, all of it fitting or none.
        let mut with = must.clone();
        with[i] = true;
        close(&mut with);
        let size: u32 = (0..n).filter(|j| with[*j] && !must[*j]).map(|j| candidates[j].size).sum();
        if size <= left {
            left -= size;
            must = with;
        }
    }
    let mut best: Option<i64> = None;
    for mask in 0u32..(1 << n) {
        let taken = |i: usize| mask & (1 << i) != 0;
        let ok = (0..n).all(|i| {
            let cand = &candidates[i];
            if !taken(i) {
                return !must[i];
            }
            can[i]
                && (cand.pinned
                    || links.blockers(cand.id).iter().all(|x| find(*x).is_some_and(|j| taken(j) || !can[j] && must[i])))
        });
        if !ok {
            continue;
        }
        let mut loads = KindMap::splat(0u32);
        let mut benefit = 0;
        for (_, cand) in candidates.iter().enumerate().filter(|(i, _)| taken(*i)) {
            loads.set(cand.kind, loads.get(cand.kind) + cand.size);
            benefit += cand.benefit;
        }
        if satisfies(b, &loads) && best.is_none_or(|x| benefit > x) {
            best = Some(benefit);
        }
    }
    best
}

#[test]
fn a_blocker_goes_in_for_its_dependants_sake_and_the_plan_says_so() {
    // 2 is worth little alone but 1, worth most, waits for it; 3 is the alternative filler.
    let cands = [c(1, Kind::Feature, 4, 900), c(2, Kind::Debt, 4, 10), c(3, Kind::Feature, 4, 500)];
    let fill = auto_fill_linked(&cands, &links(&[(1, &[2])]), &loose(8));
    assert_eq!(fill.plan.chosen, ids(&[1, 2]));
    assert_eq!(fill.unblocks, vec![(ItemId(2), ids(&[1]))]);
    // Without the link 1 and 3 would go in: the link is what changed the choice.
    assert_eq!(auto_fill(&cands, &loose(8)).plan.chosen, ids(&[1, 3]));
}

#[test]
fn a_dependant_whose_blocker_does_not_fit_is_left_out_waiting_for_it() {
    let cands = [c(1, Kind::Feature, 2, 900), c(2, Kind::Debt, 8, 10), c(3, Kind::Feature, 4, 100)];
    let fill = auto_fill_linked(&cands, &links(&[(1, &[2])]), &loose(6));
    assert_eq!(fill.plan.chosen, ids(&[3]));
    let reason = |id| fill.cut.iter().find(|c| c.id == ItemId(id)).map(|c| c.reason);
    assert_eq!(reason(1), Some(CutReason::WaitsFor(ItemId(2))));
    assert_eq!(
        CutReason::WaitsFor(ItemId(2)).describe_with(&|_| "PAY-2".into()),
        "waits for PAY-2, which is not in the plan"
    );
}

#[test]
fn a_blocker_that_cannot_be_planned_blocks_its_dependants_down_the_chain() {
    // 9 is no candidate (planned elsewhere); 1 waits for 9, 2 for 1; 4 waits for excluded 3.
    let mut excluded = c(3, Kind::Feature, 1, 5);
    excluded.excluded = true;
    let cands = [c(1, Kind::Feature, 1, 50), c(2, Kind::Feature, 1, 50), excluded, c(4, Kind::Risk, 1, 50)];
    let fill = auto_fill_linked(&cands, &links(&[(1, &[9]), (2, &[1]), (4, &[3])]), &loose(10));
    assert!(fill.plan.chosen.is_empty(), "{:?}", fill.plan.chosen);
    let reason = |id| fill.cut.iter().find(|c| c.id == ItemId(id)).map(|c| c.reason);
    assert_eq!(reason(1), Some(CutReason::Blocked(ItemId(9))));
    assert_eq!(reason(2), Some(CutReason::Blocked(ItemId(1))));
    assert_eq!(reason(3), Some(CutReason::Excluded));
    assert_eq!(reason(4), Some(CutReason::Blocked(ItemId(3))));
}

#[test]
fn a_pinned_item_brings_what_it_waits_for() {
    let mut pinned = c(1, Kind::Feature, 2, 10);
    pinned.pinned = true;
    let cands = [pinned, c(2, Kind::Debt, 2, 0), c(3, Kind::Feature, 4, 900)];
    let fill = auto_fill_linked(&cands, &links(&[(1, &[2, 9])]), &loose(4));
    assert_eq!(fill.plan.chosen, ids(&[1, 2]), "the pin's blocker goes in before a better item");
    assert_eq!(fill.pulled_in, ids(&[2]));
    assert_eq!(fill.pinned_waiting, vec![(ItemId(1), ItemId(9))]);
}

/// Up to 12 candidates, each waiting for up to two lower-numbered ones (so the links form a
/// DAG), sometimes for one that is no candidate (id 99).
fn instance() -> impl Strategy<Value = (Vec<Candidate>, Links, Bounds)> {
    let item = (0u32..=10, 0i64..=3000, 0usize..4, 0u8..12, 0u8..12, proptest::collection::vec(0u8..16, 0..=2));
    (proptest::collection::vec(item, 0..=12), 0u32..=40, 0.0f64..0.3, 0.0f64..0.4).prop_map(
        |(specs, capacity, tol, floor)| {
            let mut pairs = Vec::new();
            let candidates = specs
                .into_iter()
                .enumerate()
                .map(|(i, (size, benefit, kind, p, e, blockers))| {
                    let id = i as i64 + 1;
                    let waits: Vec<ItemId> = blockers
                        .into_iter()
                        .filter_map(|b| match b {
                            0 => Some(ItemId(99)),
                            b if i64::from(b) < id => Some(ItemId(i64::from(b))),
                            _ => None,
                        })
                        .collect();
                    pairs.push((ItemId(id), waits));
                    Candidate {
                        id: ItemId(id),
                        kind: Kind::ALL[kind],
                        size,
                        benefit,
                        pinned: p == 0,
                        forced: p == 1,
                        excluded: e == 0,
                        unestimated: false,
                    }
                })
                .collect();
            let targets = [0.6, 0.1, 0.1, 0.2];
            let mut min_share = KindMap::splat(0.0);
            let mut max_share = KindMap::splat(1.0);
            for (k, t) in Kind::ALL.into_iter().zip(targets) {
                min_share.set(k, (t - tol).max(0.0));
                max_share.set(k, (t + tol).min(1.0));
            }
            (candidates, Links::new(pairs), Bounds { capacity, min_share, max_share, investment_floor: floor })
        },
    )
}

fn respects_links(chosen: &[ItemId], candidates: &[Candidate], links: &Links) -> bool {
    chosen.iter().all(|d| {
        let pinned = candidates.iter().any(|c| c.id == *d && c.pinned);
        pinned || links.blockers(*d).iter().all(|b| chosen.contains(b))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn exact_with_links_equals_brute_force((candidates, links, b) in instance()) {
        let plan = solve_exact_linked(&candidates, &links, &b);
        prop_assert_eq!(plan.as_ref().map(|p| p.benefit), brute_force(&candidates, &links, &b));
        if let Some(plan) = plan {
            prop_assert!(satisfies(&b, &plan.load_by_kind));
            prop_assert!(respects_links(&plan.chosen, &candidates, &links), "{:?}", plan.chosen);
        }
    }

    #[test]
    fn auto_fill_with_links_is_optimal_under_the_bounds_it_reports((candidates, links, b) in instance()) {
        let fill = auto_fill_linked(&candidates, &links, &b);
        prop_assert_eq!(fill.cut.len() + fill.plan.chosen.len(), candidates.len());
        prop_assert!(respects_links(&fill.plan.chosen, &candidates, &links));
        if !fill.plan.chosen.is_empty() {
            prop_assert!(satisfies(&fill.bounds, &fill.plan.load_by_kind));
            prop_assert_eq!(brute_force(&candidates, &links, &fill.bounds), Some(fill.plan.benefit));
        }
        for cut in &fill.cut {
            if let CutReason::WaitsFor(blocker) = cut.reason {
                prop_assert!(!fill.plan.chosen.contains(&blocker));
            }
        }
    }
}
