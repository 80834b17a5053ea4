//! "How many by a date?": the points and items of each kind a run has finished by the end of
//! the last whole sprint before the date. A sprint the date falls inside counts not at all, so
//! the figures never lean on work half a sprint might do.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use super::usable;
use crate::domain::Kind;

/// Slack for comparing sums of half points built in different orders.
const EPSILON: f64 = 1e-9;

/// Done by the date in at least 50%, 85% and 95% of runs (so P95 ≤ P85 ≤ P50).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Amounts {
    pub points: [f64; 3],
    pub items: [usize; 3],
}

/// Per kind (in [`Kind::ALL`] order) and in total, what `trials` runs of the sprints with
/// `capacities` finish of `queue` (kind and points, in the order the team works on them).
/// `None` without history to draw from.
pub fn done_by(
    queue: &[(Kind, f64)],
    capacities: &[f64],
    ratios: &[f64],
    trials: usize,
    seed: u64,
) -> Option<(Vec<(Kind, Amounts)>, Amounts)> {
    let ratios = usable(ratios);
    if ratios.is_empty() || trials == 0 {
        return None;
    }
    // runs[kind index, or the last slot for the total]: (points, items) of each trial.
    const SLOTS: usize = Kind::ALL.len() + 1;
    let mut runs: Vec<Vec<(f64, usize)>> = (0..SLOTS).map(|_| Vec::with_capacity(trials)).collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    for _ in 0..trials {
        let delivered: f64 = capacities.iter().map(|c| ratios[rng.random_range(0..ratios.len())] * c.max(0.0)).sum();
        let mut tally = [(0.0f64, 0usize); SLOTS];
        let mut needed = 0.0;
        for (kind, points) in queue {
            needed += points.max(0.0);
            if needed > delivered + EPSILON {
                break;
            }
            let k = Kind::ALL.iter().position(|x| x == kind).unwrap_or(0);
            for slot in [k, SLOTS - 1] {
                tally[slot].0 += points.max(0.0);
                tally[slot].1 += 1;
            }
        }
        for (run, t) in runs.iter_mut().zip(tally) {
            run.push(t);
        }
    }
    let mut amounts: Vec<Amounts> = runs.iter_mut().map(|r| at_least(r)).collect();
    let total = amounts.pop().unwrap_or_default();
    Some((Kind::ALL.iter().copied().zip(amounts).collect(), total))
}

/// The amount reached in at least q of the runs: the (1 − q) nearest-rank value from below.
fn at_least(runs: &mut [(f64, usize)]) -> Amounts {
    let n = runs.len();
    let index = |q: f64| ((((1.0 - q) * n as f64).ceil() as usize).clamp(1, n.max(1))) - 1;
    let mut points: Vec<f64> = runs.iter().map(|r| r.0).collect();
    let mut items: Vec<usize> = runs.iter().map(|r| r.1).collect();
    points.sort_by(f64::total_cmp);
    items.sort_unstable();
    let qs = [0.50, 0.85, 0.95];
    Amounts { points: qs.map(|q| points[index(q)]), items: qs.map(|q| items[index(q)]) }
}
