//! `flowdeck` with no subcommand: the TUI on the chosen database.

use std::process::ExitCode;

use crate::service::Session;
use crate::tui::run_loop::Exit;

use super::context::Context;
use super::exit::Failure;

pub fn open(ctx: &Context) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    open_session(ctx, &settings, &mut session)
}

/// `flowdeck triage`: the TUI opened in triage.
pub fn open_triage(ctx: &Context) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    exit(crate::tui::run_from(&mut session, &settings, ctx.today, true)?)
}

pub fn open_session(
    ctx: &Context,
    settings: &crate::config::Settings,
    session: &mut Session,
) -> Result<ExitCode, Failure> {
    exit(crate::tui::run(session, settings, ctx.today)?)
}

fn exit(exit: Exit) -> Result<ExitCode, Failure> {
    match exit {
        Exit::Quit | Exit::Running => Ok(ExitCode::SUCCESS),
        // The conventional 128 + signal number, after the terminal has been restored.
        Exit::Signal(signal) => Ok(ExitCode::from(128u8.saturating_add(u8::try_from(signal).unwrap_or(0)))),
    }
}
