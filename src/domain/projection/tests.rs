use proptest::prelude::*;

use super::*;

/// The documented defaults: no debt (h0 = 1), α = 0.06, ρ = 0.16, 26 two-week sprints.
fn defaults() -> Params {
    Params { c0: 30.0, h0: 1.0, alpha: DEFAULT_ALPHA, rho: DEFAULT_RHO, horizon: 26 }
}

fn path(p: &Params, percent: u8) -> Path {
    simulate(p, f64::from(percent) / 100.0)
}

#[test]
fn with_the_defaults_50_percent_overtakes_10_percent_between_sprint_13_and_26() {
    let p = defaults();
    let paths = [path(&p, 10), path(&p, 50)];
    let found = crossovers(&paths);
    assert_eq!(found.len(), 1, "{found:?}");
    let c = found[0];
    assert_eq!((c.lower, c.higher), (0, 1));
    assert!((13..=26).contains(&c.sprint), "50% overtakes 10% at sprint {}", c.sprint);
    assert!(c.ahead_at_horizon);
    // And not before: at sprint 12 the 10% team is still ahead.
    assert!(paths[0].cumulative[11] > paths[1].cumulative[11]);
}

#[test]
fn with_the_defaults_the_best_share_for_26_sprints_lies_between_20_and_40_percent() {
    let (best, total) = best_share(&defaults());
    assert!((20..=40).contains(&best), "best share {best}%");
    for other in (0..=100).step_by(5) {
        assert!(path(&defaults(), other).total() <= total + 1e-9, "{other}% beats the best");
    }
}

#[test]
fn each_sprint_follows_the_formulas() {
    let p = Params { c0: 40.0, h0: 0.8, alpha: 0.05, rho: 0.2, horizon: 3 };
    let got = simulate(&p, 0.25);
    // Sprint 1: cap 32, I 8, F 24; h2 = 0.8 − 0.05·24/40 + 0.2·8/40 = 0.81.
    assert!((got.capacity[0] - 32.0).abs() < 1e-9);
    assert!((got.feature[0] - 24.0).abs() < 1e-9);
    assert!((got.health[1] - 0.81).abs() < 1e-9);
    // Sprint 2: cap 32.4, F 24.3; cumulative 48.3.
    assert!((got.cumulative[1] - 48.3).abs() < 1e-9);
}

#[test]
fn health_stays_within_its_clamps_and_calibration_says_where_numbers_came_from() {
    let worn = Params { h0: 0.1, ..defaults() };
    assert_eq!(simulate(&worn, 0.0).health[0], H_MIN, "h0 is clamped");
    let lush = simulate(&defaults(), 1.0);
    assert!(lush.health.iter().all(|h| *h <= H_MAX));
    assert_eq!(lush.total(), 0.0, "everything invested: no feature output");

    let c = calibrate(
        Inputs { sprint: "Sprint 48".into(), plannable: 34.5, drag: 8.2, principal: 57.0 },
        DEFAULT_ALPHA,
        DEFAULT_RHO,
        26,
    );
    assert!((c.params.h0 - (1.0 - 8.2 / 34.5)).abs() < 1e-12);
    assert!((c.params.rho - 8.2 / 57.0).abs() < 1e-12);
    assert!(c.rho_from_register);
    let none = calibrate(
        Inputs { sprint: "Sprint 1".into(), plannable: 20.0, drag: 0.0, principal: 0.0 },
        DEFAULT_ALPHA,
        DEFAULT_RHO,
        26,
    );
    assert_eq!((none.params.h0, none.params.rho, none.rho_from_register), (1.0, DEFAULT_RHO, false));
    let crushing = calibrate(
        Inputs { sprint: "S".into(), plannable: 10.0, drag: 9.0, principal: 30.0 },
        DEFAULT_ALPHA,
        DEFAULT_RHO,
        26,
    );
    assert!((crushing.h0_raw - 0.1).abs() < 1e-12);
    assert_eq!(crushing.params.h0, H_MIN);
}

#[test]
fn a_crossover_is_where_the_higher_share_gets_ahead_and_says_if_it_stays() {
    let make = |share: f64, cumulative: &[f64]| Path { share, cumulative: cumulative.to_vec(), ..Path::default() };
    let low = make(0.1, &[5.0, 10.0, 15.0, 20.0, 25.0]);
    let stays = make(0.3, &[4.0, 9.0, 15.5, 22.0, 29.0]);
    let falls_back = make(0.5, &[3.0, 10.5, 15.2, 19.0, 24.0]);
    let never = make(0.6, &[1.0, 2.0, 3.0, 4.0, 5.0]);
    let found = crossovers(&[low, stays, falls_back, never]);
    let pairs: Vec<(usize, usize, usize, bool, Option<usize>)> =
        found.iter().map(|c| (c.lower, c.higher, c.sprint, c.ahead_at_horizon, c.behind_again)).collect();
    // Only a higher share can overtake a lower one; ties in sprint go by the pair.
    assert_eq!(pairs, [(0, 2, 2, false, Some(4)), (1, 2, 2, false, Some(3)), (0, 1, 3, true, None)]);
}

#[test]
fn the_same_seed_gives_the_same_bands_and_bands_are_ordered() {
    let p = defaults();
    let shares = [0.1, 0.3, 0.5];
    let samples = [0.94, 0.92, 0.82, 0.92, 0.83, 0.88];
    let a = bands(&p, &shares, &samples, 2_000, 42).expect("bands");
    let b = bands(&p, &shares, &samples, 2_000, 42).expect("bands");
    assert_eq!(a, b);
    let c = bands(&p, &shares, &samples, 2_000, 43).expect("bands");
    assert_ne!(a, c, "another seed draws differently");
    for band in &a {
        for t in 0..p.horizon {
            assert!(band.p10[t] <= band.p50[t] && band.p50[t] <= band.p90[t]);
        }
        assert!(band.p10[25] < band.p90[25], "a real spread");
    }
    // The draws are centred on the line: the median ends within 3% of the deterministic total.
    let line = simulate(&p, 0.3).total();
    assert!((a[1].p50[25] - line).abs() / line < 0.03, "{} vs {line}", a[1].p50[25]);
}

#[test]
fn without_history_there_are_no_bands_and_equal_ratios_collapse_them_onto_the_line() {
    let p = defaults();
    assert_eq!(bands(&p, &[0.2], &[], 1000, 1), None);
    assert_eq!(bands(&p, &[0.2], &[0.0, 0.0], 1000, 1), None, "nothing ever delivered: no spread to draw");
    let flat = bands(&p, &[0.2], &[0.9, 0.9, 0.9], 500, 7).expect("bands");
    let line = simulate(&p, 0.2);
    for t in 0..p.horizon {
        assert!((flat[0].p10[t] - line.cumulative[t]).abs() < 1e-9);
        assert!((flat[0].p90[t] - line.cumulative[t]).abs() < 1e-9);
    }
}

proptest! {
    /// Without debt accrual (α = 0) more investment never leaves the team worse off: health and
    /// delivery capacity are at least as high in every sprint.
    #[test]
    fn with_no_accrual_more_investment_never_lowers_capacity(
        low in 0u8..=100, extra in 0u8..=100, h0 in 0.3f64..1.5, rho in 0.0f64..0.5, c0 in 1.0f64..200.0,
    ) {
        let p = Params { c0, h0, alpha: 0.0, rho, horizon: 30 };
        let high = low.saturating_add(extra).min(100);
        let (a, b) = (simulate(&p, f64::from(low) / 100.0), simulate(&p, f64::from(high) / 100.0));
        for t in 0..p.horizon {
            prop_assert!(b.health[t] >= a.health[t] - 1e-12);
            prop_assert!(b.capacity[t] >= a.capacity[t] - 1e-9);
        }
    }

    /// Whatever the parameters, health stays within its clamps and output is never negative.
    #[test]
    fn health_is_clamped_and_output_never_negative(
        share in 0.0f64..=1.0, h0 in -1.0f64..3.0, alpha in 0.0f64..1.0, rho in 0.0f64..1.0,
    ) {
        let p = Params { c0: 30.0, h0, alpha, rho, horizon: 40 };
        let path = simulate(&p, share);
        prop_assert!(path.health.iter().all(|h| (H_MIN..=H_MAX).contains(h)));
        prop_assert!(path.feature.iter().all(|f| *f >= 0.0));
        prop_assert!(path.cumulative.windows(2).all(|w| w[1] >= w[0]));
    }
}
