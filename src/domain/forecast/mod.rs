//! Forecasts a manager is asked for: "will we finish this sprint?" and "when will these be
//! done?", from the team's own say/do history (done ÷ planned of each closed sprint).
//!
//! Both are seeded Monte Carlo over that history: each simulated sprint delivers its plannable
//! capacity scaled by one past say/do ratio drawn with replacement. Nothing here reads the
//! clock or the store; the caller passes the ratios, capacities and seed.

mod by_date;
mod calendar;
mod capacities;
mod sequence;
mod simulate;

pub use by_date::{done_by, Amounts};
pub use calendar::{future_sprints, FutureSprint};
pub use capacities::capacities;
pub use sequence::{sequence, Enough, Split, Work};
pub use simulate::{p_finish, when_done, WhenDone, MAX_HORIZON};

/// Fewer closed sprints than this and the forecast says its history is too short.
pub const MIN_HISTORY: usize = 4;

/// A say/do range (highest − lowest) wider than this and the forecast calls the history unstable.
pub const WIDE_SPREAD: f64 = 0.30;

/// Why a forecast deserves less trust than its percentages suggest.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// No closed sprint with a plan: nothing to resample, no forecast at all.
    NoHistory,
    /// Fewer than [`MIN_HISTORY`] closed sprints: the percentiles lean on very few draws.
    ShortHistory { sprints: usize },
    /// Say/do varied more than [`WIDE_SPREAD`] between sprints: the team's delivery is unstable.
    WideSpread { lowest: f64, highest: f64 },
    /// No plannable capacity: nothing can be finished.
    NoCapacity,
}

/// The ratios a forecast can resample: finite and not negative.
pub fn usable(ratios: &[f64]) -> Vec<f64> {
    ratios.iter().copied().filter(|r| r.is_finite() && *r >= 0.0).collect()
}

/// Say/do relative to its own average, which is what the simulations draw. Plannable capacity
/// is already calibrated on what the team delivered (points per person-day from past
/// throughput), so drawing the raw ratios would charge the team's average shortfall twice: a
/// team that always finishes 80% of its plans would never "finish" a sprint planned at its
/// calibrated capacity. Drawn relative to the average, a plan at capacity finishes in the runs
/// that did at least as well as usual. Ratios that are all zero are left as they are.
pub fn relative(ratios: &[f64]) -> Vec<f64> {
    let ratios = usable(ratios);
    let mean = ratios.iter().sum::<f64>() / ratios.len().max(1) as f64;
    if mean <= 0.0 {
        return ratios;
    }
    ratios.iter().map(|r| r / mean).collect()
}

/// The warnings that go with a forecast over `ratios` against `plannable` points a sprint.
pub fn warnings(ratios: &[f64], plannable: f64) -> Vec<Warning> {
    let ratios = usable(ratios);
    let mut out = Vec::new();
    if ratios.is_empty() {
        out.push(Warning::NoHistory);
    } else if ratios.len() < MIN_HISTORY {
        out.push(Warning::ShortHistory { sprints: ratios.len() });
    }
    let lowest = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if ratios.len() >= 2 && highest - lowest > WIDE_SPREAD {
        out.push(Warning::WideSpread { lowest, highest });
    }
    if plannable <= 0.0 {
        out.push(Warning::NoCapacity);
    }
    out
}

#[cfg(test)]
mod tests;
