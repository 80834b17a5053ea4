//! `flowdeck plan auto`: the optimizer's proposal, applied only with --apply.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::edits::set_plan;
use crate::report::plan::{to_json, write_text, PlanView};
use crate::service::autofill::{assignment_changes, propose, propose_assignees};
use crate::service::planning::{fallbacks, find_sprint};

use super::args::PlanFormat;
use super::context::Context;
use super::exit::{code, Failure};

pub fn auto(
    ctx: &Context,
    apply: bool,
    with_assignees: bool,
    format: PlanFormat,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let sprint = find_sprint(ws, None).map_err(|m| Failure::new(code::ERROR, m))?;
    let proposal = propose(ws, sprint, &fallbacks(&settings), ctx.today).map_err(|m| Failure::new(code::ERROR, m))?;
    let assignment = with_assignees.then(|| propose_assignees(ws, &proposal));
    if apply {
        let set = set_plan(ws, &proposal.sprint, &proposal.result.plan.chosen, "auto-fill")
            .map_err(|m| Failure::new(code::ERROR, m))?;
        session.apply(&set)?;
        if let Some(a) = &assignment {
            // A second set: the plan's set moved the same items, so their versions moved on.
            let set = assignment_changes(session.workspace(), a);
            session.apply(&set)?;
        }
    }
    let view = PlanView {
        ws: session.workspace(),
        sprint: &proposal.sprint.name,
        plannable: proposal.capacity.plannable,
        chosen: &proposal.chosen,
        result: &proposal.result,
        total_benefit: proposal.total_benefit(),
        applied: apply,
        assign: assignment.as_ref(),
    };
    match format {
        PlanFormat::Text => write_text(&view, out)?,
        PlanFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&view)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
