//! `[projection]`: the investment projection's defaults (the model is in domain::projection).

use serde::Deserialize;

/// Keys of `[projection]`; every one optional.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProjectionSettings {
    /// Sprints the projection looks ahead.
    pub horizon_sprints: usize,
    /// Investment shares compared, in percent (the current plan's share is added).
    pub scenarios: Vec<u8>,
    /// α: health lost per sprint-equivalent of feature work.
    pub alpha: f64,
    /// ρ when the register has no debt to calibrate it from.
    pub default_rho: f64,
    /// Monte Carlo trials behind the P10/P50/P90 bands.
    pub trials: usize,
    /// Closed sprints whose completion ratios the Monte Carlo resamples.
    pub history_sprints: usize,
}

impl Default for ProjectionSettings {
    fn default() -> Self {
        ProjectionSettings {
            horizon_sprints: 26,
            scenarios: crate::domain::projection::DEFAULT_SCENARIOS.to_vec(),
            alpha: crate::domain::projection::DEFAULT_ALPHA,
            default_rho: crate::domain::projection::DEFAULT_RHO,
            trials: 10_000,
            history_sprints: 12,
        }
    }
}

impl ProjectionSettings {
    /// The first key out of range: (key, value, what is accepted).
    pub fn invalid(&self) -> Option<(&'static str, String, &'static str)> {
        let p = self;
        if !(4..=104).contains(&p.horizon_sprints) {
            return Some((
                "projection.horizon_sprints",
                p.horizon_sprints.to_string(),
                "must be between 4 and 104 sprints",
            ));
        }
        if p.scenarios.is_empty() || p.scenarios.len() > 8 || p.scenarios.iter().any(|s| *s > 100) {
            return Some((
                "projection.scenarios",
                format!("{:?}", p.scenarios),
                "must list 1 to 8 shares from 0 to 100",
            ));
        }
        if !(p.alpha.is_finite() && (0.0..=1.0).contains(&p.alpha)) {
            return Some(("projection.alpha", p.alpha.to_string(), "must be between 0.0 and 1.0"));
        }
        if !(p.default_rho.is_finite() && (0.0..=1.0).contains(&p.default_rho)) {
            return Some(("projection.default_rho", p.default_rho.to_string(), "must be between 0.0 and 1.0"));
        }
        if !(100..=1_000_000).contains(&p.trials) {
            return Some(("projection.trials", p.trials.to_string(), "must be between 100 and 1000000"));
        }
        if !(1..=104).contains(&p.history_sprints) {
            return Some((
                "projection.history_sprints",
                p.history_sprints.to_string(),
                "must be between 1 and 104 sprints",
            ));
        }
        None
    }
}
