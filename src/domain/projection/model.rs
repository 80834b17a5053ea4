//! The model, sprint by sprint.

use super::{clamp_health, Params};

/// One scenario over the horizon: index t is sprint t + 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path {
    /// Investment share, 0–1.
    pub share: f64,
    /// Health at the start of each sprint.
    pub health: Vec<f64>,
    /// Delivery capacity of each sprint: C0 · h_t.
    pub capacity: Vec<f64>,
    /// Feature output of each sprint: (1 − f) · cap_t.
    pub feature: Vec<f64>,
    /// Feature output so far, at the end of each sprint.
    pub cumulative: Vec<f64>,
    /// Health after the last sprint.
    pub end_health: f64,
}

impl Path {
    /// Cumulative feature output at the end of the horizon.
    pub fn total(&self) -> f64 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }
}

/// One sprint: the feature output, the investment, and the health after it. `delivered` scales
/// what the sprint really delivers (1 in the deterministic model; a resampled completion ratio
/// in the Monte Carlo).
pub fn step(p: &Params, h: f64, share: f64, delivered: f64) -> (f64, f64, f64) {
    let capacity = p.c0 * h * delivered;
    let invested = share * capacity;
    let feature = (1.0 - share) * capacity;
    let next = if p.c0 > 0.0 { clamp_health(h - p.alpha * feature / p.c0 + p.rho * invested / p.c0) } else { h };
    (feature, invested, next)
}

/// The deterministic path of investment share `share` (0–1).
pub fn simulate(p: &Params, share: f64) -> Path {
    let share = share.clamp(0.0, 1.0);
    let mut path = Path { share, ..Path::default() };
    let mut h = clamp_health(p.h0);
    let mut total = 0.0;
    for _ in 0..p.horizon {
        let (feature, _, next) = step(p, h, share, 1.0);
        total += feature;
        path.health.push(h);
        path.capacity.push(p.c0 * h);
        path.feature.push(feature);
        path.cumulative.push(total);
        h = next;
    }
    path.end_health = h;
    path
}
