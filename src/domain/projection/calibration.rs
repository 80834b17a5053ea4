//! The model's parameters from the team's own data: C0 from the sprint being planned, h0 and
//! ρ from the debt register, α and the horizon from the settings.

use super::{clamp_health, Params};

/// What the team's data says, gathered by the service.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    /// The sprint C0 comes from, and its plannable capacity.
    pub sprint: String,
    pub plannable: f64,
    /// Open debt: Σ drag (points lost per sprint) and Σ principal (points to repay).
    pub drag: f64,
    pub principal: f64,
}

/// The parameters and where each came from, so every screen can say so.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub params: Params,
    pub inputs: Inputs,
    /// 1 − drag ÷ C0 before clamping.
    pub h0_raw: f64,
    /// ρ = Σ drag ÷ Σ principal from the register (false: the configured default).
    pub rho_from_register: bool,
}

pub fn calibrate(inputs: Inputs, alpha: f64, default_rho: f64, horizon: usize) -> Calibration {
    let c0 = inputs.plannable.max(0.0);
    let h0_raw = if c0 > 0.0 { 1.0 - inputs.drag / c0 } else { 1.0 };
    let rho_from_register = inputs.drag > 0.0 && inputs.principal > 0.0;
    let rho = if rho_from_register { inputs.drag / inputs.principal } else { default_rho };
    Calibration {
        params: Params { c0, h0: clamp_health(h0_raw), alpha, rho, horizon },
        inputs,
        h0_raw,
        rho_from_register,
    }
}
