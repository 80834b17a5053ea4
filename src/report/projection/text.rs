//! The projection for a terminal.

use std::io::{self, Write};

use crate::service::projection::Projection;

use super::{answer_sentence, best_sentence, checkpoints, crossover_sentence, parameter_lines, CAVEAT};

pub fn write_text(p: &Projection, out: &mut impl Write) -> io::Result<()> {
    let horizon = p.calibration.params.horizon;
    writeln!(out, "Projection from {} over {horizon} sprints", p.calibration.inputs.sprint)?;
    writeln!(out, "{CAVEAT}\n")?;
    writeln!(out, "Inputs")?;
    for (label, text) in parameter_lines(p) {
        writeln!(out, "  {label:<22} {text}")?;
    }
    let at = checkpoints(horizon);
    writeln!(out, "\nCumulative feature output, points{}", if p.why_no_bands().is_none() { " (P10–P90)" } else { "" })?;
    let mut header = format!("  {:<14}", "invest");
    for t in &at {
        header.push_str(&format!("  {:>17}", format!("sprint {t}")));
    }
    header.push_str("  health at end");
    writeln!(out, "{header}")?;
    for s in &p.scenarios {
        let mut row = format!("  {:<14}", s.label);
        for t in &at {
            let i = t - 1;
            // Whole points: the model is not precise to a tenth, and the columns stay aligned.
            let value = format!("{:.0}", s.path.cumulative[i]);
            let cell = match &s.bands {
                Some(b) => format!("{value} ({:.0}–{:.0})", b.p10[i], b.p90[i]),
                None => value,
            };
            row.push_str(&format!("  {cell:>17}"));
        }
        row.push_str(&format!("  {:>13.2}", s.path.end_health));
        writeln!(out, "{}", row.trim_end())?;
    }
    writeln!(out, "\nCrossovers")?;
    if p.crossovers.is_empty() {
        writeln!(out, "  none within {horizon} sprints: more investment does not pay back inside the horizon")?;
    }
    for c in &p.crossovers {
        writeln!(out, "  {}", crossover_sentence(p, c))?;
    }
    writeln!(out, "\n{}", answer_sentence(p))?;
    if p.scenarios.iter().any(|s| s.is_plan) {
        writeln!(out, "{}", best_sentence(p))?;
    }
    Ok(())
}
