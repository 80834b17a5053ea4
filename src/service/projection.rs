//! The projection as reports and screens show it: the model calibrated from the team's data,
//! the scenarios (the configured shares and the current plan's), crossovers, the best share,
//! and Monte Carlo bands from the sprint history.

use crate::config::ProjectionSettings;
use crate::domain::capacity::{capacity, Fallbacks};
use crate::domain::guardrails::split;
use crate::domain::history::completion_ratios;
use crate::domain::projection::{
    bands, best_share, calibrate, crossovers, simulate, Bands, Calibration, Crossover, Inputs, Path,
};
use crate::domain::{Status, Workspace};

/// What the caller changes from the settings (command-line flags, keys on the screen).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Investment shares in percent.
    pub scenarios: Option<Vec<u8>>,
    pub horizon: Option<usize>,
    pub alpha: Option<f64>,
    pub rho: Option<f64>,
    pub trials: Option<usize>,
    /// The what-if share in percent, instead of the current plan's.
    pub plan_share: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// "30%", "25% (plan)".
    pub label: String,
    pub path: Path,
    pub bands: Option<Bands>,
    /// The current plan's share (or the what-if share that stands in for it).
    pub is_plan: bool,
    /// The share with the most cumulative feature output over the horizon.
    pub is_best: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub calibration: Calibration,
    /// By share, lowest first.
    pub scenarios: Vec<Scenario>,
    pub crossovers: Vec<Crossover>,
    /// The share (percent) with the most cumulative feature output, and that output.
    pub best: (u8, f64),
    /// The completion ratios resampled, oldest first (empty: no history).
    pub samples: Vec<f64>,
    pub trials: usize,
    pub seed: u64,
    /// The current plan's investment share, when anything is planned.
    pub plan_share: Option<f64>,
}

impl Projection {
    /// Why there are no bands, in words for the screen and the reports.
    pub fn why_no_bands(&self) -> Option<&'static str> {
        self.samples
            .is_empty()
            .then_some("no bands: no closed sprint with a plan yet, so there are no completion ratios to resample")
    }

    /// The scenario with the least investment: the one crossovers are read against.
    pub fn baseline(&self) -> Option<&Scenario> {
        self.scenarios.first()
    }
}

/// The default seed, so two runs of the same data draw the same bands.
pub const DEFAULT_SEED: u64 = 42;

/// The current plan's investment share (debt + risk ÷ load), if anything is planned.
fn plan_share(ws: &Workspace) -> Option<f64> {
    let sprint = ws.current_sprint()?;
    let planned = ws.items.iter().filter(|i| i.status == Status::Planned && i.sprint == Some(sprint.id));
    let s = split(planned, &ws.policy);
    (s.load > 0.0).then_some(s.investment_share)
}

pub fn project(
    ws: &Workspace,
    fallbacks: &Fallbacks,
    settings: &ProjectionSettings,
    overrides: &Overrides,
    seed: u64,
) -> Result<Projection, String> {
    let sprint = ws.current_sprint().ok_or(
        "the projection starts from the plannable capacity of the sprint being planned, and there is none: \
         create one with `flowdeck sprint new`",
    )?;
    let plannable = capacity(ws, sprint, fallbacks).plannable;
    let debt = ws.debt_totals();
    let horizon = overrides.horizon.unwrap_or(settings.horizon_sprints).clamp(1, 520);
    let mut calibration = calibrate(
        Inputs { sprint: sprint.name.clone(), plannable, drag: debt.drag, principal: debt.principal },
        overrides.alpha.unwrap_or(settings.alpha),
        settings.default_rho,
        horizon,
    );
    if let Some(rho) = overrides.rho {
        calibration.params.rho = rho;
        calibration.rho_from_register = false;
    }
    let params = calibration.params;

    let current = plan_share(ws);
    let what_if = overrides.plan_share.map(|p| f64::from(p.min(100)) / 100.0).or(current);
    let best = best_share(&params);
    let mut shares: Vec<(f64, bool)> = overrides
        .scenarios
        .clone()
        .unwrap_or_else(|| settings.scenarios.clone())
        .into_iter()
        .map(|p| (f64::from(p.min(100)) / 100.0, false))
        .collect();
    if let Some(share) = what_if {
        // The plan's share joins the scenarios, or marks the one it equals (to the percent).
        match shares.iter_mut().find(|(s, _)| (s * 100.0).round() == (share * 100.0).round()) {
            Some(existing) => existing.1 = true,
            None => shares.push((share, true)),
        }
    }
    // The best share is drawn too, so the chart shows the answer and not only the question.
    let best_fraction = f64::from(best.0) / 100.0;
    if !shares.iter().any(|(s, _)| (s * 100.0).round() == f64::from(best.0)) {
        shares.push((best_fraction, false));
    }
    shares.sort_by(|a, b| a.0.total_cmp(&b.0));
    shares.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9 && !a.1);

    let samples = completion_ratios(ws, settings.history_sprints);
    let trials = overrides.trials.unwrap_or(settings.trials);
    let share_values: Vec<f64> = shares.iter().map(|(s, _)| *s).collect();
    let all_bands = bands(&params, &share_values, &samples, trials, seed);
    let scenarios: Vec<Scenario> = shares
        .iter()
        .enumerate()
        .map(|(i, (share, is_plan))| {
            let percent = format!("{:.0}%", share * 100.0);
            let is_best = (share * 100.0).round() == f64::from(best.0);
            let mut label = percent;
            if *is_plan {
                label.push_str(if overrides.plan_share.is_some() { " (what-if)" } else { " (plan)" });
            }
            if is_best {
                label.push_str(" (best)");
            }
            Scenario {
                label,
                path: simulate(&params, *share),
                bands: all_bands.as_ref().and_then(|b| b.get(i).cloned()),
                is_plan: *is_plan,
                is_best,
            }
        })
        .collect();
    let paths: Vec<Path> = scenarios.iter().map(|s| s.path.clone()).collect();
    Ok(Projection {
        crossovers: crossovers(&paths),
        best,
        calibration,
        scenarios,
        samples,
        trials,
        seed,
        plan_share: current,
    })
}
