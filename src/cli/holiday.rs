//! `flowdeck holiday [list|add|remove]`: days nobody on the team works.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::team_changes::{add_holiday, remove_holiday};
use crate::domain::text::capitalised;
use crate::domain::Workspace;

use super::args::HolidayCommand;
use super::context::Context;
use super::exit::{code, Failure};

pub fn run(ctx: &Context, command: HolidayCommand, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let set = match command {
        HolidayCommand::List => {
            list(ws, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        HolidayCommand::Add { date, name } => add_holiday(ws, date, &name),
        HolidayCommand::Remove { date } => remove_holiday(ws, date),
    }
    .map_err(|m| Failure::new(code::ERROR, m))?;
    let committed = session.apply(&set)?;
    writeln!(out, "{}.", capitalised(&committed.label))?;
    list(session.workspace(), out)?;
    Ok(ExitCode::SUCCESS)
}

fn list(ws: &Workspace, out: &mut impl Write) -> Result<(), Failure> {
    if ws.holidays.is_empty() {
        writeln!(out, "No holidays. Add one with: flowdeck holiday add 2026-12-24 \"Christmas Eve\"")?;
        return Ok(());
    }
    writeln!(out, "Holidays (nobody works; taken out of every sprint's working days):")?;
    for h in &ws.holidays {
        let sprint = ws.sprints.iter().find(|s| s.start <= h.date && h.date <= s.end);
        let weekday = h.date.format("%a");
        match sprint {
            Some(s) => writeln!(out, "  {} {weekday}  {}  ({})", h.date, h.name, s.name)?,
            None => writeln!(out, "  {} {weekday}  {}", h.date, h.name)?,
        }
    }
    Ok(())
}
