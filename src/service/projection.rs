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
    /// The what-if share in percent, drawn beside the current plan's.
    pub plan_share: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// "30%", "25% (plan)".
    pub label: String,
    pub path: Path,
    pub bands: Option<Bands>,
    /// The current plan's share.
    pub is_plan: bool,
    /// The share set on the Projection screen to ask "what if we invested this much".
    pub is_what_if: bool,
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

    /// The index of the scenario the screen adjusts and shades: the what-if share when one is
    /// set, else the plan's.
    pub fn focus_index(&self) -> Option<usize> {
        let find = |pick: fn(&Scenario) -> bool| self.scenarios.iter().position(pick);
        find(|s| s.is_what_if).or_else(|| find(|s| s.is_plan))
    }

    /// The scenario [`Projection::focus_index`] names.
    pub fn focus(&self) -> Option<&Scenario> {
        self.focus_index().and_then(|i| self.scenarios.get(i))
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

/// One investment share to draw, and what it stands for.
struct Share {
    value: f64,
    plan: bool,
    what_if: bool,
}

/// A share as a whole percent, the precision scenarios are told apart at.
fn percent(share: f64) -> f64 {
    (share * 100.0).round()
}

/// Marks the scenario equal to `share` (to the percent) with `set`, adding one if none is.
fn mark(shares: &mut Vec<Share>, share: f64, set: impl Fn(&mut Share)) {
    match shares.iter_mut().find(|s| percent(s.value) == percent(share)) {
        Some(existing) => set(existing),
        None => {
            let mut added = Share { value: share, plan: false, what_if: false };
            set(&mut added);
            shares.push(added);
        }
    }
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
    let what_if = overrides.plan_share.map(|p| f64::from(p.min(100)) / 100.0);
    let best = best_share(&params);
    let mut shares: Vec<Share> = overrides
        .scenarios
        .clone()
        .unwrap_or_else(|| settings.scenarios.clone())
        .into_iter()
        .map(|p| Share { value: f64::from(p.min(100)) / 100.0, plan: false, what_if: false })
        .collect();
    // The plan's share and the what-if share each join the scenarios, or mark the one they
    // equal (to the percent): a what-if never hides the plan's own row.
    if let Some(share) = current {
        mark(&mut shares, share, |s| s.plan = true);
    }
    if let Some(share) = what_if {
        mark(&mut shares, share, |s| s.what_if = true);
    }
    // The best share is drawn too, so the chart shows the answer and not only the question.
    mark(&mut shares, f64::from(best.0) / 100.0, |_| {});
    shares.sort_by(|a, b| a.value.total_cmp(&b.value));
    // Configured twice (or equal to the percent): one row, with every role either one had.
    shares.dedup_by(|later, kept| {
        let same = percent(later.value) == percent(kept.value);
        if same {
            kept.plan |= later.plan;
            kept.what_if |= later.what_if;
        }
        same
    });

    let samples = completion_ratios(ws, settings.history_sprints);
    let trials = overrides.trials.unwrap_or(settings.trials);
    let share_values: Vec<f64> = shares.iter().map(|s| s.value).collect();
    let all_bands = bands(&params, &share_values, &samples, trials, seed);
    let scenarios: Vec<Scenario> = shares
        .iter()
        .enumerate()
        .map(|(i, share)| {
            let is_best = percent(share.value) == f64::from(best.0);
            let mut label = format!("{:.0}%", share.value * 100.0);
            for (on, word) in [(share.plan, " (plan)"), (share.what_if, " (what-if)"), (is_best, " (best)")] {
                if on {
                    label.push_str(word);
                }
            }
            Scenario {
                label,
                path: simulate(&params, share.value),
                bands: all_bands.as_ref().and_then(|b| b.get(i).cloned()),
                is_plan: share.plan,
                is_what_if: share.what_if,
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
