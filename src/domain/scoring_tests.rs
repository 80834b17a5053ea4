use proptest::prelude::*;

use super::*;
use crate::domain::{test_support, Kind};

fn item(id: i64, estimate: f64, impact: u8, risk: u8, ttv: u8) -> WorkItem {
    WorkItem { impact, risk, time_to_value: ttv, ..test_support::item(id, Kind::Feature, estimate) }
}

#[test]
fn wsjf_divides_benefit_by_estimate() {
    let b = breakdown(&item(1, 2.0, 5, 4, 3), ScoringModel::Wsjf, &Weights::default());
    assert!((b.benefit - (0.4 * 5.0 + 0.35 * 4.0 + 0.25 * 3.0)).abs() < 1e-12);
    assert!((b.score - b.benefit / 2.0).abs() < 1e-12);
}

#[test]
fn an_unestimated_item_has_no_score_rather_than_half_a_point() {
    for model in [ScoringModel::Wsjf, ScoringModel::WeightedSum] {
        let b = breakdown(&item(1, 0.0, 5, 5, 5), model, &Weights::default());
        assert!(!b.estimated);
        assert_eq!(b.score, 0.0, "not benefit ÷ 0.5");
        assert!(b.score.is_finite());
    }
    let b = breakdown(&item(1, 0.5, 3, 3, 3), ScoringModel::Wsjf, &Weights::default());
    assert!(b.estimated && (b.effort_term - 0.5).abs() < 1e-12);
}

#[test]
fn unestimated_items_rank_after_every_estimated_one_by_benefit() {
    for model in [ScoringModel::Wsjf, ScoringModel::WeightedSum] {
        let policy = Policy { model, ..Policy::default() };
        // A big, low-value estimated item still ranks above untriaged work worth more.
        let items = [item(1, 0.0, 5, 5, 5), item(2, 40.0, 1, 1, 1), item(3, 0.0, 2, 2, 2), item(4, 3.0, 3, 3, 3)];
        let ids: Vec<i64> = rank(items.iter(), &policy).iter().map(|(r, _)| r.id.0).collect();
        assert_eq!(ids, vec![4, 2, 1, 3], "{model:?}");
        let fields: Vec<ScoringFields> = items.iter().map(ScoringFields::of).collect();
        let top_ids: Vec<i64> = top(&fields, &policy, 3).iter().map(|r| r.id.0).collect();
        assert_eq!(top_ids, vec![4, 2, 1], "{model:?}");
    }
}

#[test]
fn weighted_sum_subtracts_scaled_effort() {
    let cases = [(0.5, 1.0), (1.0, 1.0), (2.0, 2.0), (3.0, 2.0), (5.0, 3.0), (8.0, 4.0), (13.0, 5.0)];
    for (estimate, scale) in cases {
        assert_eq!(effort_scale(estimate), scale, "estimate {estimate}");
        let b = breakdown(&item(1, estimate, 3, 3, 3), ScoringModel::WeightedSum, &Weights::default());
        assert!((b.score - (3.0 - scale)).abs() < 1e-12);
    }
}

#[test]
fn ranking_is_by_score_then_benefit_then_age() {
    let policy = Policy::default();
    let items = [item(3, 2.0, 3, 3, 3), item(1, 4.0, 3, 3, 3), item(2, 2.0, 3, 3, 3), item(4, 1.0, 5, 5, 5)];
    let ids: Vec<i64> = rank(items.iter(), &policy).iter().map(|(r, _)| r.id.0).collect();
    assert_eq!(ids, vec![4, 2, 3, 1]);
}

#[test]
fn sensitivity_names_the_weight_that_swaps_neighbours() {
    let policy = Policy::default();
    // a: high impact, low risk; b: low impact, high risk. Same estimate.
    let a = item(1, 3.0, 5, 1, 3);
    let b = item(2, 3.0, 2, 4, 3);
    let hint = sensitivity(&a, &b, &policy).expect("a swap exists");
    // margin = 0.4·3 − 0.35·3 = 0.15 over 3 points; a change of 0.05 only ties them (and the tie
    // keeps a first, by id), so the printed hint is the first two-decimal value past it: 0.06.
    assert!(((hint.to - hint.from).abs() - 0.06).abs() < 1e-6, "{hint:?}");
    let swapped = Policy { weights: hint.weight_applied(&policy.weights, 1e-6), ..policy.clone() };
    assert!(score(&a, &swapped).score <= score(&b, &swapped).score);
}

#[test]
fn identical_items_have_no_sensitivity_hint() {
    let policy = Policy::default();
    assert_eq!(sensitivity(&item(1, 3.0, 3, 3, 3), &item(2, 3.0, 3, 3, 3), &policy), None);
}

#[test]
fn the_printed_hint_rounds_toward_the_side_where_the_swap_happens() {
    // margin a − b = 0.65 − 3·w_risk: lowering risk from 0.35 swaps them below 0.2167, so the
    // nearest two-decimal value (0.22) would still leave b on top.
    let policy = Policy::default();
    let a = item(1, 3.0, 3, 2, 3);
    let b = item(2, 3.0, 2, 5, 2);
    let threshold_margin = |r: f64| {
        let w = WeightName::Risk.with(&policy.weights, r);
        breakdown(&a, policy.model, &w).score - breakdown(&b, policy.model, &w).score
    };
    // Sanity of the case: b leads now, and a leads below the threshold.
    assert!(threshold_margin(0.35) < 0.0);
    let hint = sensitivity(&a, &b, &policy).expect("a swap exists");
    assert_eq!((hint.weight, format!("{:.2}", hint.to).as_str()), (WeightName::Risk, "0.21"), "{hint:?}");
    assert!(threshold_margin(hint.to) > 0.0);
    let swapped = Policy { weights: hint.weight.with(&policy.weights, hint.to), ..policy.clone() };
    assert!(score(&a, &swapped).score > score(&b, &swapped).score, "the printed value swaps: {hint:?}");
}

impl SensitivityHint {
    /// The weights with this hint applied, nudged a little further past the tie.
    fn weight_applied(&self, w: &Weights, nudge: f64) -> Weights {
        let direction = if self.to >= self.from { 1.0 } else { -1.0 };
        self.weight.with(w, self.to + direction * nudge)
    }
}

proptest! {
    #[test]
    fn ranking_is_a_total_order_sorted_by_score(
        specs in proptest::collection::vec((0u32..40, 1u8..=5, 1u8..=5, 1u8..=5), 0..40)
    ) {
        let items: Vec<WorkItem> = specs
            .iter()
            .enumerate()
            .map(|(i, (e, a, b, c))| item(i as i64, f64::from(*e) / 2.0, *a, *b, *c))
            .collect();
        let ranked: Vec<Ranked> = rank(items.iter(), &Policy::default()).into_iter().map(|(r, _)| r).collect();
        prop_assert_eq!(ranked.len(), items.len());
        for pair in ranked.windows(2) {
            prop_assert!(compare(&pair[0], &pair[1]) == Ordering::Less);
            prop_assert!(sort_key(&pair[0]) < sort_key(&pair[1]), "sort_key agrees with compare");
            prop_assert!(pair[0].estimated >= pair[1].estimated, "estimated items first");
            if pair[0].estimated == pair[1].estimated {
                prop_assert!(pair[0].score >= pair[1].score);
            }
        }
    }

    #[test]
    fn a_sensitivity_hint_really_swaps_the_pair(
        a in (1u32..20, 1u8..=5, 1u8..=5, 1u8..=5),
        b in (1u32..20, 1u8..=5, 1u8..=5, 1u8..=5),
    ) {
        let policy = Policy::default();
        let x = item(1, f64::from(a.0) / 2.0, a.1, a.2, a.3);
        let y = item(2, f64::from(b.0) / 2.0, b.1, b.2, b.3);
        if let Some(hint) = sensitivity(&x, &y, &policy) {
            let before = score(&x, &policy).score - score(&y, &policy).score;
            let changed = Policy { weights: hint.weight_applied(&policy.weights, 1e-4), ..policy.clone() };
            let after = score(&x, &changed).score - score(&y, &changed).score;
            prop_assert!(before.signum() != after.signum() || after.abs() < 1e-9, "{before} → {after}, {hint:?}");
        }
    }

    #[test]
    fn the_printed_hint_value_itself_swaps_the_pair(
        a in (1u32..20, 1u8..=5, 1u8..=5, 1u8..=5),
        b in (1u32..20, 1u8..=5, 1u8..=5, 1u8..=5),
        model in prop_oneof![Just(ScoringModel::Wsjf), Just(ScoringModel::WeightedSum)],
    ) {
        let policy = Policy { model, ..Policy::default() };
        let x = item(1, f64::from(a.0) / 2.0, a.1, a.2, a.3);
        let y = item(2, f64::from(b.0) / 2.0, b.1, b.2, b.3);
        if let Some(hint) = sensitivity(&x, &y, &policy) {
            // Exactly the value the screen prints, parsed back: no nudge past the tie.
            let printed: f64 = format!("{:.2}", hint.to).parse().expect("a number");
            let before = score(&x, &policy).score - score(&y, &policy).score;
            let changed = Policy { weights: hint.weight.with(&policy.weights, printed), ..policy.clone() };
            let after = score(&x, &changed).score - score(&y, &changed).score;
            prop_assert!(before.signum() != after.signum() && after != 0.0, "{before} → {after} at {printed}, {hint:?}");
        }
    }
}
