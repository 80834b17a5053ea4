//! "Will we finish this sprint?" beside the plan: the chance of finishing the planned load
//! (`domain::forecast::p_finish`), with the same history, trials and seed as `flowdeck
//! forecast`, so Plan, `split` and the forecast always show the same figure.
//!
//! The history is read once ([`Odds::of`]); each change to the plan only redraws the trials,
//! which keeps Plan within its keystroke budget at 100,000 items.

use crate::config::Settings;
use crate::domain::forecast::{p_finish, relative};
use crate::domain::history::completion_ratios;
use crate::domain::Workspace;

/// The seed `flowdeck forecast` uses without `--seed`: the same draws, the same figure.
pub use super::forecast::DEFAULT_SEED;

/// What the chance is drawn from: the past sprints' say/do ratios and the trial count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Odds {
    /// Say/do relative to its average (`domain::forecast::relative`).
    pub ratios: Vec<f64>,
    pub trials: usize,
}

/// The chance of finishing, and how many past sprints it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finish {
    pub chance: f64,
    pub history: usize,
}

impl Odds {
    pub fn of(ws: &Workspace, settings: &Settings) -> Odds {
        Odds {
            ratios: relative(&completion_ratios(ws, settings.projection.history_sprints)),
            trials: settings.projection.trials,
        }
    }

    /// `None` without a closed sprint to draw from.
    pub fn finish(&self, load: f64, plannable: f64) -> Option<Finish> {
        p_finish(load, plannable, &self.ratios, self.trials, DEFAULT_SEED)
            .map(|chance| Finish { chance, history: self.ratios.len() })
    }
}
