//! What technical investment buys: a small model of team health and delivery capacity over
//! the next sprints, compared across investment shares. A model to reason with, not a
//! prediction.
//!
//! State: team health h (a capacity multiplier, kept within [`H_MIN`, `H_MAX`]) and the
//! baseline capacity C0 (the plannable capacity of the sprint being planned).
//! h0 = 1 − Σ drag of open debt ÷ C0. Per sprint t with investment share f:
//!
//! - cap_t = C0 · h_t
//! - I_t = f · cap_t (technical investment), F_t = (1 − f) · cap_t (feature output)
//! - h_{t+1} = clamp(h_t − α · F_t ÷ C0 + ρ · I_t ÷ C0)
//!
//! α is the health lost per sprint-equivalent of feature work (debt accrues as features ship),
//! ρ the health regained per sprint-equivalent invested, calibrated from the register as
//! Σ drag ÷ Σ principal (what repaying a point of principal gives back each sprint).

pub mod analysis;
pub mod calibration;
pub mod model;
pub mod monte_carlo;

pub use analysis::{best_share, crossovers, Crossover};
pub use calibration::{calibrate, Calibration, Inputs};
pub use model::{simulate, Path};
pub use monte_carlo::{bands, Bands};

/// Team health never falls below this: a team at half speed still ships something.
pub const H_MIN: f64 = 0.5;
/// Nor rises above this: investment has diminishing returns.
pub const H_MAX: f64 = 1.3;
/// Health lost per sprint-equivalent of feature work.
pub const DEFAULT_ALPHA: f64 = 0.06;
/// Health regained per sprint-equivalent invested, without a register to calibrate from.
pub const DEFAULT_RHO: f64 = 0.16;
/// The shares compared by default, in percent.
pub const DEFAULT_SCENARIOS: [u8; 4] = [10, 20, 30, 50];
/// The best-share sweep's step, in percent.
pub const SWEEP_STEP: u8 = 5;

/// Everything one run of the model needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Baseline capacity, points per sprint.
    pub c0: f64,
    pub h0: f64,
    pub alpha: f64,
    pub rho: f64,
    /// Sprints to look ahead.
    pub horizon: usize,
}

pub fn clamp_health(h: f64) -> f64 {
    if h.is_nan() {
        H_MIN
    } else {
        h.clamp(H_MIN, H_MAX)
    }
}

#[cfg(test)]
mod tests;
