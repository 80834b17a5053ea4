//! `flowdeck split`: can the team take this sprint, and does its split respect policy?

use std::io::Write;
use std::process::ExitCode;

use crate::report::split::{to_json, write_markdown, write_text};
use crate::service::finish::Odds;
use crate::service::planning::{fallbacks, find_sprint, sprint_plan};

use super::args::ReportFormat;
use super::context::Context;
use super::exit::{code, Failure};

pub fn run(
    ctx: &Context,
    sprint: Option<&str>,
    format: ReportFormat,
    check: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // Read-only: only the items a sprint's figures refer to (at 100k, a fraction of them).
    let ws = &ctx.open_store(&settings)?.load_for_sprint()?;
    let sprint = find_sprint(ws, sprint).map_err(|m| Failure::new(code::ERROR, m))?;
    let mut plan = sprint_plan(ws, sprint, &fallbacks(&settings), ctx.today);
    // A closed sprint's outcome is known: no chance to give.
    if sprint.state != crate::domain::SprintState::Closed {
        plan.finish = Odds::of(ws, &settings).finish(plan.split.load, plan.capacity.plannable);
    }
    match format {
        ReportFormat::Text => write_text(&plan, out)?,
        ReportFormat::Md => write_markdown(&plan, out)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&plan)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    if check && !plan.guardrails.is_empty() {
        return Ok(ExitCode::from(code::CHECK_FAILED));
    }
    Ok(ExitCode::SUCCESS)
}
