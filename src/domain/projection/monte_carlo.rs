//! P10/P50/P90 bands: the model run many times, each sprint's delivery scaled by a completion
//! ratio drawn (with replacement) from the team's past sprints.
//!
//! The ratios are divided by their mean first: C0 is already calibrated on what the team really
//! delivered, so the draws add the sprint-to-sprint spread around the line without moving it.
//! Every scenario of one trial uses the same draws, so scenarios are compared on equal luck.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use super::model::step;
use super::{clamp_health, Params};

/// Percentiles of cumulative feature output at the end of each sprint.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bands {
    pub p10: Vec<f64>,
    pub p50: Vec<f64>,
    pub p90: Vec<f64>,
}

/// The nearest-rank index of percentile `q` (0–1) among `n` values.
fn rank(q: f64, n: usize) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n.max(1)) - 1
}

/// P10, P50 and P90 (nearest rank) of `values`, which it reorders: one selection for the
/// median, then each tail is searched only on its own side of it.
fn percentiles(values: &mut [f64]) -> (f64, f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let (r10, r50, r90) = (rank(0.10, n), rank(0.50, n), rank(0.90, n));
    let (below, median, above) = values.select_nth_unstable_by(r50, f64::total_cmp);
    let median = *median;
    let p10 = if r10 < r50 { *below.select_nth_unstable_by(r10, f64::total_cmp).1 } else { median };
    let p90 = if r90 > r50 { *above.select_nth_unstable_by(r90 - r50 - 1, f64::total_cmp).1 } else { median };
    (p10, median, p90)
}

/// Bands for each share in `shares` (0–1), from `trials` runs seeded with `seed`. `None` when
/// there are no usable samples (no closed sprint with a plan): the deterministic line stands alone.
pub fn bands(p: &Params, shares: &[f64], samples: &[f64], trials: usize, seed: u64) -> Option<Vec<Bands>> {
    let usable: Vec<f64> = samples.iter().copied().filter(|r| r.is_finite() && *r >= 0.0).collect();
    let mean = usable.iter().sum::<f64>() / usable.len().max(1) as f64;
    if usable.is_empty() || mean <= 0.0 || trials == 0 || p.horizon == 0 {
        return None;
    }
    let factors: Vec<f64> = usable.iter().map(|r| r / mean).collect();
    let horizon = p.horizon;
    // cumulative[s][trial * horizon + t]: each trial writes one contiguous run per scenario.
    let mut cumulative = vec![vec![0.0; trials * horizon]; shares.len()];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut draws = vec![0.0; horizon];
    for trial in 0..trials {
        for d in &mut draws {
            *d = factors[rng.random_range(0..factors.len())];
        }
        for (s, share) in shares.iter().enumerate() {
            let share = share.clamp(0.0, 1.0);
            let mut h = clamp_health(p.h0);
            let mut total = 0.0;
            let run = &mut cumulative[s][trial * horizon..(trial + 1) * horizon];
            for (slot, delivered) in run.iter_mut().zip(&draws) {
                let (feature, _, next) = step(p, h, share, *delivered);
                total += feature;
                *slot = total;
                h = next;
            }
        }
    }
    let mut column = vec![0.0; trials];
    let result = cumulative
        .iter()
        .map(|runs| {
            let mut b = Bands::default();
            for t in 0..horizon {
                for (slot, value) in column.iter_mut().zip(runs.iter().skip(t).step_by(horizon)) {
                    *slot = *value;
                }
                let (p10, p50, p90) = percentiles(&mut column);
                b.p10.push(p10);
                b.p50.push(p50);
                b.p90.push(p90);
            }
            b
        })
        .collect();
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut values: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentiles(&mut values), (10.0, 50.0, 90.0));
        assert_eq!(percentiles(&mut [7.0]), (7.0, 7.0, 7.0));
        assert_eq!(percentiles(&mut [3.0, 1.0]), (1.0, 1.0, 3.0));
    }
}
