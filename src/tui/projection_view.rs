//! The Projection screen's state: the parameters the keys adjust (what-if share, horizon, α,
//! ρ) and the projection computed from them. Recomputed when a key changes a parameter or the
//! data changed while the screen is in front, never per frame.

use crate::config::ProjectionSettings;
use crate::domain::capacity::Fallbacks;
use crate::domain::Workspace;
use crate::service::projection::{project, Overrides, Projection, DEFAULT_SEED};

/// The parameters the screen lists, in order (the selected row is the one ←/→ change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    Share,
    Horizon,
    Alpha,
    Rho,
}

impl Knob {
    pub const ALL: [Knob; 4] = [Knob::Share, Knob::Horizon, Knob::Alpha, Knob::Rho];

    pub fn label(self) -> &'static str {
        match self {
            Knob::Share => "what-if share",
            Knob::Horizon => "horizon",
            Knob::Alpha => "α accrual",
            Knob::Rho => "ρ regained",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ProjectionView {
    pub settings: ProjectionSettings,
    pub overrides: Overrides,
    pub result: Result<Projection, String>,
    stale: bool,
}

impl ProjectionView {
    pub fn new(settings: ProjectionSettings) -> ProjectionView {
        ProjectionView { settings, overrides: Overrides::default(), result: Err(String::new()), stale: true }
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn rebuild(&mut self, ws: &Workspace, fallbacks: &Fallbacks) {
        self.result = project(ws, fallbacks, &self.settings, &self.overrides, DEFAULT_SEED);
        self.stale = false;
    }

    /// The value a knob has now (what the projection used).
    fn current(&self, knob: Knob) -> f64 {
        let Ok(p) = &self.result else { return 0.0 };
        let m = &p.calibration.params;
        match knob {
            Knob::Share => p
                .focus()
                .map_or(f64::from(self.settings.scenarios.first().copied().unwrap_or(20)), |s| s.path.share * 100.0),
            Knob::Horizon => m.horizon as f64,
            Knob::Alpha => m.alpha,
            Knob::Rho => m.rho,
        }
    }

    /// Moves a knob one step (5 points of share, 2 sprints, 0.01 of α or ρ) within its range.
    pub fn adjust(&mut self, knob: Knob, up: bool) {
        let sign = if up { 1.0 } else { -1.0 };
        let now = self.current(knob);
        match knob {
            Knob::Share => {
                // To the next multiple of 5: 23% goes to 25% or 20%.
                let next = if up { (now / 5.0).floor() * 5.0 + 5.0 } else { (now / 5.0).ceil() * 5.0 - 5.0 };
                self.overrides.plan_share = Some(next.clamp(0.0, 100.0).round() as u8);
            }
            Knob::Horizon => self.overrides.horizon = Some((now + sign * 2.0).clamp(4.0, 104.0) as usize),
            Knob::Alpha => {
                self.overrides.alpha = Some(((now + sign * 0.01) * 1000.0).round().clamp(0.0, 1000.0) / 1000.0)
            }
            Knob::Rho => self.overrides.rho = Some(((now + sign * 0.01) * 1000.0).round().clamp(0.0, 1000.0) / 1000.0),
        }
        self.stale = true;
    }

    pub fn reset(&mut self) {
        self.overrides = Overrides::default();
        self.stale = true;
    }

    /// The knob's value as the screen shows it, and whether it was set by hand.
    pub fn shown(&self, knob: Knob) -> (String, bool) {
        let o = &self.overrides;
        let value = self.current(knob);
        match knob {
            Knob::Share => (format!("{value:.0}%"), o.plan_share.is_some()),
            Knob::Horizon => (format!("{value:.0} sprints"), o.horizon.is_some()),
            Knob::Alpha => (format!("{value:.3}"), o.alpha.is_some()),
            Knob::Rho => (format!("{value:.3}"), o.rho.is_some()),
        }
    }
}
