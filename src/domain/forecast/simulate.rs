//! The two simulations. Both use the projection's seeded generator (Xoshiro256++), so one
//! seed over the same data always gives the same percentages.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use super::usable;

/// Sprints a "when will it be done" trial looks ahead before it gives up (four years of
/// two-week sprints): work still open then is reported as beyond the horizon.
pub const MAX_HORIZON: usize = 104;

/// Slack for comparing sums of half points built in different orders.
const EPSILON: f64 = 1e-9;

/// The chance (0–1) that a sprint with `plannable` points of capacity finishes `load` points:
/// the share of `trials` draws of a past say/do ratio `r` for which `r × plannable ≥ load`.
/// `None` without history to draw from (or with no trials).
pub fn p_finish(load: f64, plannable: f64, ratios: &[f64], trials: usize, seed: u64) -> Option<f64> {
    let ratios = usable(ratios);
    if ratios.is_empty() || trials == 0 {
        return None;
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let finished = (0..trials)
        .filter(|_| ratios[rng.random_range(0..ratios.len())] * plannable.max(0.0) + EPSILON >= load)
        .count();
    Some(finished as f64 / trials as f64)
}

/// By which sprint an item is done, as a 0-based index into the capacities (0: the current
/// sprint); `None` where it is still open after the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WhenDone {
    pub p50: Option<usize>,
    pub p85: Option<usize>,
    pub p95: Option<usize>,
}

/// For each item of `queue` (points, in the order the team works on them), the sprint by
/// which it is done in 50%, 85% and 95% of `trials`. Sprint `k` delivers `capacities[k]`
/// scaled by a drawn say/do ratio; what one sprint does not use flows on to the next item, so
/// an item is done in the first sprint whose cumulative delivery covers it and everything
/// before it. `None` without history to draw from.
pub fn when_done(queue: &[f64], capacities: &[f64], ratios: &[f64], trials: usize, seed: u64) -> Option<Vec<WhenDone>> {
    let ratios = usable(ratios);
    if ratios.is_empty() || trials == 0 {
        return None;
    }
    let needed: Vec<f64> = queue
        .iter()
        .scan(0.0, |total, p| {
            *total += p.max(0.0);
            Some(*total)
        })
        .collect();
    // done[item * trials + trial]: the sprint index, or usize::MAX when it was never done; one
    // contiguous run of trials per item, ready for its percentiles.
    let mut done = vec![usize::MAX; trials * queue.len()];
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    for trial in 0..trials {
        let mut delivered = 0.0;
        let mut next = 0;
        for (sprint, capacity) in capacities.iter().enumerate() {
            if next == needed.len() {
                break;
            }
            delivered += ratios[rng.random_range(0..ratios.len())] * capacity.max(0.0);
            while next < needed.len() && needed[next] <= delivered + EPSILON {
                done[next * trials + trial] = sprint;
                next += 1;
            }
        }
    }
    Some(done.chunks_mut(trials).map(percentiles).collect())
}

/// The nearest-rank index of percentile `q` (0–1) among `n` values.
fn rank(q: f64, n: usize) -> usize {
    ((q * n as f64).ceil() as usize).clamp(1, n.max(1)) - 1
}

fn percentiles(sprints: &mut [usize]) -> WhenDone {
    sprints.sort_unstable();
    let at = |q: f64| sprints.get(rank(q, sprints.len())).copied().filter(|s| *s != usize::MAX);
    WhenDone { p50: at(0.50), p85: at(0.85), p95: at(0.95) }
}
