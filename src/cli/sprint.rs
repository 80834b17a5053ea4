//! `flowdeck sprint new|start|close`: the sprint lifecycle from the command line.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::capacity::capacity;
use crate::domain::change::Change;
use crate::domain::history::sprint_metrics;
use crate::domain::sprint_lifecycle::{self, SprintDraft};
use crate::domain::text::{capitalised, sanitize_line};
use crate::domain::{DeliveryFigures, EntryOutcome, SprintId, SprintState, Workspace};
use crate::report::history::ratio;
use crate::report::numbers::points;
use crate::service::planning::fallbacks;
use crate::service::sprints::{closing, sprint_for, start, CloseRequest};

use super::args::SprintCommand;
use super::context::Context;
use super::exit::{code, Failure};

fn refused(message: String) -> Failure {
    Failure::new(code::ERROR, message)
}

pub fn run(ctx: &Context, command: SprintCommand, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let fallbacks = fallbacks(&settings);
    let mut session = ctx.open_session(&settings)?;
    match command {
        SprintCommand::New { name, start: from, end, goal } => {
            let draft =
                SprintDraft { name: name.map(|n| sanitize_line(&n)), start: from, end, goal: sanitize_line(&goal) };
            let set = sprint_lifecycle::new_sprint(session.workspace(), &draft, ctx.today).map_err(refused)?;
            let committed = session.apply(&set)?;
            writeln!(out, "{}: in planning.", capitalised(&committed.label))?;
            let ws = session.workspace();
            let created = committed.changes.iter().find_map(|c| match c {
                Change::Sprint { after: Some(s), .. } => Some(s.id),
                _ => None,
            });
            if let Some(sprint) = created.and_then(|id| ws.sprint(id)) {
                let c = capacity(ws, sprint, &fallbacks);
                writeln!(
                    out,
                    "Plannable: {} points ({} working days, {:.1} person-days; `flowdeck split` shows every step).",
                    points(c.plannable),
                    c.working_days,
                    c.person_days
                )?;
            }
            writeln!(out, "Next: plan it (the TUI, or `flowdeck plan auto --apply`), then `flowdeck sprint start`.")?;
        }
        SprintCommand::Start { sprint, force } => {
            let ws = session.workspace();
            let sprint = sprint_for(ws, sprint.as_deref(), SprintState::Planning).map_err(refused)?;
            let set = start(ws, sprint, force, &fallbacks, ctx.today).map_err(refused)?;
            let early = sprint_lifecycle::early_start(sprint, ctx.today);
            let committed = session.apply(&set)?;
            writeln!(out, "{}.", capitalised(&committed.label))?;
            if let Some(warning) = early {
                writeln!(out, "Warning: {warning}.")?;
            }
        }
        SprintCommand::Close {
            sprint,
            carried,
            dropped,
            unplanned,
            rework,
            deployments,
            lead_time,
            change_failures,
            incidents,
            recovery,
        } => {
            let delivery = DeliveryFigures {
                deployments,
                lead_time_days: lead_time,
                change_failures,
                incidents,
                recovery_hours: recovery,
            };
            let request = CloseRequest { carried, dropped, unplanned, rework, delivery };
            let ws = session.workspace();
            let sprint = sprint_for(ws, sprint.as_deref(), SprintState::Active).map_err(refused)?.clone();
            let closing = closing(ws, &request).map_err(refused)?;
            let set = sprint_lifecycle::close(ws, sprint.id, &closing, ctx.today).map_err(refused)?;
            let next_before = next_plannable(ws, sprint.id, &fallbacks);
            let early = sprint_lifecycle::early_close(&sprint, ctx.today);
            let committed = session.apply(&set)?;
            writeln!(out, "{}.", capitalised(&committed.label))?;
            if let Some(warning) = early {
                writeln!(out, "Warning: {warning}.")?;
            }
            write_outcomes(session.workspace(), sprint.id, out)?;
            let ws = session.workspace();
            if let Some(closed) = ws.sprint(sprint.id) {
                let m = sprint_metrics(ws, closed);
                writeln!(
                    out,
                    "Velocity {} of {} planned (say/do {}), real velocity {}, carried over {}, unplanned {}.",
                    points(m.velocity),
                    points(m.planned),
                    ratio(m.say_do),
                    points(m.real_velocity),
                    points(m.carried),
                    points(m.unplanned_total())
                )?;
            }
            match (next_before, next_plannable(ws, sprint.id, &fallbacks)) {
                (Some((name, before)), Some((_, after))) => writeln!(
                    out,
                    "{name}'s plannable capacity, recalibrated from history: {} points (was {}).",
                    points(after),
                    points(before)
                )?,
                _ => writeln!(out, "Next: `flowdeck sprint new` creates the next sprint.")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The first sprint in planning after `closing`, with its plannable points.
fn next_plannable(
    ws: &Workspace,
    closing: SprintId,
    fallbacks: &crate::domain::capacity::Fallbacks,
) -> Option<(String, f64)> {
    let sprint = ws.sprints.iter().find(|s| s.id != closing && s.state == SprintState::Planning)?;
    Some((sprint.name.clone(), capacity(ws, sprint, fallbacks).plannable))
}

fn write_outcomes(ws: &Workspace, sprint: SprintId, out: &mut impl Write) -> std::io::Result<()> {
    for e in ws.entries_of(sprint) {
        let Some(item) = ws.item(e.item) else { continue };
        let outcome = match e.outcome {
            EntryOutcome::CarriedOver => format!("carried over, {} remaining", points(e.remaining.points())),
            other => other.as_str().to_string(),
        };
        writeln!(
            out,
            "  {:<10} {:>4}  {:<28} {}",
            crate::domain::edits::label(item),
            points(e.planned.points()),
            outcome,
            sanitize_line(&item.title)
        )?;
    }
    Ok(())
}
