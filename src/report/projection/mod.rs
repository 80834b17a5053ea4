//! `flowdeck project`: the investment projection as text, JSON, CSV and an SVG chart. Shared
//! wording lives here so every form (and the Projection screen) says the same.

mod csv;
mod json;
mod svg;
mod text;

pub use csv::write_csv;
pub use json::to_json;
pub use svg::to_svg;
pub use text::write_text;

use crate::domain::projection::{Crossover, H_MAX, H_MIN};
use crate::service::projection::Projection;

use super::numbers::points;

/// The sprints the text report and the screen show figures at: about a quarter, half and all
/// of the horizon.
pub fn checkpoints(horizon: usize) -> Vec<usize> {
    let mut at: Vec<usize> =
        [horizon.div_ceil(4), horizon.div_ceil(2), horizon].into_iter().filter(|t| *t > 0).collect();
    at.dedup();
    at
}

/// "50% gets ahead of 10% at sprint 17 and stays ahead".
pub fn crossover_sentence(p: &Projection, c: &Crossover) -> String {
    let (Some(low), Some(high)) = (p.scenarios.get(c.lower), p.scenarios.get(c.higher)) else {
        return String::new();
    };
    let tail = match (c.ahead_at_horizon, c.behind_again) {
        (true, None) => "and stays ahead".to_string(),
        (true, Some(_)) => "and is ahead at the end".to_string(),
        (false, Some(t)) => format!("but is behind again from sprint {t}"),
        (false, None) => "but is behind at the end".to_string(),
    };
    format!("{} gets ahead of {} at sprint {} {tail}", high.label, low.label, c.sprint)
}

/// "Best share for 26 sprints: 40% (513 points; 10% gives 447, +15%)".
pub fn best_sentence(p: &Projection) -> String {
    let (share, total) = p.best;
    let mut text = format!(
        "Best share for {} sprints: {share}% ({} points of feature output",
        p.calibration.params.horizon,
        points(total)
    );
    if let Some(base) = p.baseline() {
        let base_total = base.path.total();
        if base_total > 0.0 && base.path.share * 100.0 != f64::from(share) {
            let gain = (total - base_total) / base_total * 100.0;
            text.push_str(&format!("; {} gives {}, {gain:+.0}%", base.label, points(base_total)));
        }
    }
    text.push(')');
    text
}

/// The answer in one sentence: what the plan's share gives against the best share, and what
/// the what-if share gives when one is set — "Your plan (20%) gives 435 points of feature output
/// by sprint 26, against the best 542 (40%)". Without a plan it is the best share's sentence.
pub fn answer_sentence(p: &Projection) -> String {
    let horizon = p.calibration.params.horizon;
    let (best, best_total) = p.best;
    let whole = |share: f64| format!("{:.0}%", share * 100.0);
    let mut text = match p.scenarios.iter().find(|s| s.is_plan) {
        Some(plan) if plan.is_best => {
            format!("Your plan ({best}%) is the best share: {best_total:.0} points of feature output by sprint {horizon}")
        }
        Some(plan) => format!(
            "Your plan ({}) gives {:.0} points of feature output by sprint {horizon}, against the best {best_total:.0} ({best}%)",
            whole(plan.path.share),
            plan.path.total()
        ),
        None => return format!("{}.", best_sentence(p)),
    };
    if let Some(what_if) = p.scenarios.iter().find(|s| s.is_what_if && !s.is_plan) {
        text.push_str(&format!("; the what-if {} gives {:.0}", whole(what_if.path.share), what_if.path.total()));
    }
    text.push('.');
    text
}

/// The model's inputs, one labelled line each.
pub fn parameter_lines(p: &Projection) -> Vec<(&'static str, String)> {
    let c = &p.calibration;
    let m = &c.params;
    let rho_source = if c.rho_from_register {
        format!("= drag {} ÷ principal {} of the open debt", points(c.inputs.drag), points(c.inputs.principal))
    } else if c.inputs.drag > 0.0 && c.inputs.principal > 0.0 {
        "(set by hand)".to_string()
    } else {
        "(default: no open debt to calibrate from)".to_string()
    };
    let clamped =
        if (c.h0_raw - m.h0).abs() > 1e-9 { format!(", kept within {H_MIN}–{H_MAX}") } else { String::new() };
    vec![
        (
            "C0 baseline capacity",
            format!("{} points a sprint ({}'s plannable capacity)", points(m.c0), c.inputs.sprint),
        ),
        ("h0 team health now", format!("{:.2} = 1 − drag {} ÷ {}{clamped}", m.h0, points(c.inputs.drag), points(m.c0))),
        ("α debt accrual", format!("{:.3} health lost per sprint-equivalent of feature work", m.alpha)),
        ("ρ health regained", format!("{:.3} per sprint-equivalent invested {rho_source}", m.rho)),
        ("bands", bands_sentence(p)),
    ]
}

pub fn bands_sentence(p: &Projection) -> String {
    match p.why_no_bands() {
        Some(why) => why.to_string(),
        None => format!(
            "P10–P90 of {} Monte Carlo trials resampling {} sprints' completion ratios (seed {})",
            super::numbers::thousands(p.trials),
            p.samples.len(),
            p.seed
        ),
    }
}

/// The closing caveat every form carries.
pub const CAVEAT: &str = "A model to reason with, not a prediction: it shows the direction and rough size of the \
effect of investing, under the stated α and ρ.";
