use proptest::prelude::*;

use super::*;

fn work(kind: Kind, points: f64) -> Work {
    Work { kind, points, blockers: Vec::new(), stuck: false }
}

fn split(feature_max: f64, floor: f64) -> Split {
    let mut max_share = KindMap::splat(1.0);
    max_share.set(Kind::Feature, feature_max);
    Split { max_share, investment_floor: floor }
}

#[test]
fn without_a_split_or_links_the_order_is_rank_order() {
    let w: Vec<Work> = (0..6).map(|i| work(Kind::ALL[i % 4], 1.0 + i as f64)).collect();
    assert_eq!(sequence(&w, 0, &[5.0, 5.0, 5.0], &Split::none(), Enough::ALL), vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn the_floor_brings_debt_into_each_sprint_ahead_of_better_ranked_features() {
    // Ten 2-point features rank above two 2-point debts; 10 points a sprint, floor 20%.
    let mut w: Vec<Work> = (0..10).map(|_| work(Kind::Feature, 2.0)).collect();
    w.push(work(Kind::Debt, 2.0));
    w.push(work(Kind::Debt, 2.0));
    let order = sequence(&w, 0, &[10.0, 10.0, 10.0], &split(1.0, 0.2), Enough::ALL);
    assert_eq!(&order[..5], &[10, 0, 1, 2, 3], "sprint 1: a debt for the floor, then features");
    assert_eq!(&order[5..10], &[11, 4, 5, 6, 7], "sprint 2 the same");
}

#[test]
fn a_kind_stops_at_its_maximum_while_other_work_can_fill_the_sprint() {
    // Features may take half of 10 points: the defects below them come in first.
    let mut w: Vec<Work> = (0..6).map(|_| work(Kind::Feature, 2.5)).collect();
    w.extend((0..2).map(|_| work(Kind::Defect, 2.5)));
    let order = sequence(&w, 0, &[10.0, 10.0], &split(0.5, 0.0), Enough::ALL);
    assert_eq!(&order[..4], &[0, 1, 6, 7]);
    // Sprint 2 has only features left: the maximum gives way rather than leave it empty.
    assert_eq!(&order[4..8], &[2, 3, 4, 5]);
}

#[test]
fn blockers_come_first_and_what_waits_for_the_unplannable_comes_last() {
    let mut w: Vec<Work> = (0..4).map(|_| work(Kind::Feature, 1.0)).collect();
    w[0].blockers = vec![2];
    w[1].stuck = true;
    let order = sequence(&w, 0, &[10.0], &Split::none(), Enough::ALL);
    assert_eq!(order, vec![2, 0, 3, 1]);
}

#[test]
fn the_current_plan_stays_first_and_counts_against_the_first_sprint() {
    // Two planned features fill sprint 1's feature half: a defect joins them, the next
    // feature waits for sprint 2.
    let w = vec![work(Kind::Feature, 2.5), work(Kind::Feature, 2.5), work(Kind::Feature, 2.5), work(Kind::Defect, 2.5)];
    assert_eq!(sequence(&w, 2, &[10.0, 10.0], &split(0.5, 0.0), Enough::ALL), vec![0, 1, 3, 2]);
}

#[test]
fn once_the_items_asked_about_are_placed_the_rest_follows_in_rank_order() {
    // Sprint 1 takes the debt for the floor; asked only about item 0, the fill stops there
    // and item 5 (debt) is not pulled ahead any more.
    let mut w: Vec<Work> = (0..5).map(|_| work(Kind::Feature, 2.0)).collect();
    w.push(work(Kind::Debt, 2.0));
    w.push(work(Kind::Debt, 2.0));
    let full = sequence(&w, 0, &[6.0, 6.0, 6.0], &split(1.0, 0.3), Enough::ALL);
    assert_eq!(full, vec![5, 0, 1, 6, 2, 3, 4]);
    let short = sequence(&w, 0, &[6.0, 6.0, 6.0], &split(1.0, 0.3), Enough::placed(&[0]));
    assert_eq!(short, vec![5, 0, 1, 2, 3, 4, 6]);
}

#[test]
fn an_item_bigger_than_a_sprint_keeps_its_place() {
    let w = vec![work(Kind::Feature, 13.0), work(Kind::Feature, 2.0)];
    assert_eq!(sequence(&w, 0, &[8.0, 8.0], &Split::none(), Enough::ALL), vec![0, 1]);
}

fn instance() -> impl Strategy<Value = (Vec<Work>, usize, Vec<f64>, Split)> {
    (2usize..14)
        .prop_flat_map(|n| {
            let item = (0usize..4, 0u32..10, proptest::collection::vec(0usize..n, 0..3), proptest::bool::weighted(0.1));
            (
                proptest::collection::vec(item, n),
                0..=n,
                proptest::collection::vec(0.0f64..12.0, 0..5),
                0.0f64..0.5,
                0.2f64..1.0,
            )
        })
        .prop_map(|(items, fixed, capacities, floor, max)| {
            let work = items
                .into_iter()
                .enumerate()
                .map(|(i, (kind, halves, blockers, stuck))| Work {
                    kind: Kind::ALL[kind],
                    points: f64::from(halves) / 2.0,
                    // Earlier items only (links never cycle); the fixed plan waits for nothing.
                    blockers: if i < fixed { vec![] } else { blockers.into_iter().filter(|b| *b < i).collect() },
                    stuck: stuck && i >= fixed,
                })
                .collect();
            let mut max_share = KindMap::splat(max);
            max_share.set(Kind::Debt, 1.0);
            (work, fixed, capacities, Split { max_share, investment_floor: floor })
        })
}

proptest! {
    #[test]
    fn every_item_once_the_plan_first_and_no_dependant_before_its_blockers(
        (work, fixed, capacities, split) in instance()
    ) {
        let order = sequence(&work, fixed, &capacities, &split, Enough::ALL);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, (0..work.len()).collect::<Vec<_>>());
        prop_assert_eq!(&order[..fixed], &(0..fixed).collect::<Vec<_>>()[..]);
        let at: Vec<usize> = {
            let mut at = vec![0; work.len()];
            for (p, &i) in order.iter().enumerate() { at[i] = p; }
            at
        };
        for (i, w) in work.iter().enumerate() {
            for &b in &w.blockers {
                prop_assert!(at[b] < at[i], "{} comes before its blocker {}: {:?}", i, b, order);
            }
        }
    }
}
