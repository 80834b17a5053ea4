//! Reading the paths: where one scenario overtakes another, and the share that delivers most.

use super::model::{simulate, Path};
use super::{Params, SWEEP_STEP};

/// Scenario `higher` (more investment) overtakes `lower` in cumulative feature output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossover {
    /// Indices into the paths compared.
    pub lower: usize,
    pub higher: usize,
    /// The first sprint (1-based) at whose end `higher` has delivered more.
    pub sprint: usize,
    /// Whether it is still ahead at the horizon (health at its floor can pull it back).
    pub ahead_at_horizon: bool,
    /// The first sprint after `sprint` at whose end it is behind again, if it falls back.
    pub behind_again: Option<usize>,
}

/// The first sprint (1-based) at whose end `b` is ahead of `a` after having been behind,
/// whether `b` is still ahead at the horizon, and the first sprint it is behind again.
fn overtakes(a: &Path, b: &Path) -> Option<(usize, bool, Option<usize>)> {
    let n = a.cumulative.len().min(b.cumulative.len());
    let ahead = |t: usize| b.cumulative[t] > a.cumulative[t] + 1e-9;
    // Ahead from the first sprint on is not an overtaking: it never was behind.
    let first_behind = (0..n).find(|t| !ahead(*t))?;
    let first_ahead = (first_behind..n).find(|t| ahead(*t))?;
    let behind_again = (first_ahead..n).find(|t| !ahead(*t)).map(|t| t + 1);
    Some((first_ahead + 1, ahead(n - 1), behind_again))
}

/// Every pair (lower share, higher share) where the higher one gets ahead within the horizon,
/// by sprint.
pub fn crossovers(paths: &[Path]) -> Vec<Crossover> {
    let mut found = Vec::new();
    for (i, a) in paths.iter().enumerate() {
        for (j, b) in paths.iter().enumerate() {
            if b.share > a.share {
                if let Some((sprint, ahead_at_horizon, behind_again)) = overtakes(a, b) {
                    found.push(Crossover { lower: i, higher: j, sprint, ahead_at_horizon, behind_again });
                }
            }
        }
    }
    found.sort_by_key(|c| (c.sprint, c.lower, c.higher));
    found
}

/// The investment share (0–100%, in steps of 5) with the most cumulative feature output over
/// the horizon, and that output. Ties go to the smaller share.
pub fn best_share(p: &Params) -> (u8, f64) {
    let mut best = (0, f64::NEG_INFINITY);
    for percent in (0u8..=100).step_by(usize::from(SWEEP_STEP)) {
        let total = simulate(p, f64::from(percent) / 100.0).total();
        if total > best.1 + 1e-9 {
            best = (percent, total);
        }
    }
    best
}
