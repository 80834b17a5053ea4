//! `flowdeck init`: create the database and set the team up — without questions when
//! `--team` is given, through the TUI's set-up form on a terminal, or just the empty database
//! (with the way on) when there is neither.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::domain::setup::{next_monday, parse_member, setup, SetupDraft};
use crate::domain::text::capitalised;
use crate::domain::EstimateUnit;
use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions};

use super::args::{InitArgs, UnitArg};
use super::context::Context;
use super::exit::{code, Failure};

pub fn run(ctx: &Context, args: &InitArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let (path, _) = ctx.db_location()?;
    let existed = path.exists();
    let options = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: settings.storage.busy_timeout_ms };
    let mut session = Session::open_team(&path, options, &ctx.team_choice_creating(&settings))?;
    let version = session.store().schema_version()?;
    if existed {
        writeln!(out, "{} is a flowdeck database (schema v{version}).", path.display())?;
    } else {
        writeln!(out, "Created {} (schema v{version}).", path.display())?;
    }
    let has_team = !session.workspace().members.is_empty() || !session.workspace().sprints.is_empty();
    if let Some(team) = ctx.team_name(&settings) {
        let members = args
            .members
            .iter()
            .map(|m| parse_member(m).map_err(|e| Failure::new(code::USAGE, format!("--member {m:?}: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let draft = SetupDraft {
            team_name: team.to_string(),
            sprint_days: args.sprint_days,
            start: args.start.unwrap_or_else(|| next_monday(ctx.today)),
            unit: match args.unit {
                UnitArg::Points => EstimateUnit::Points,
                UnitArg::Days => EstimateUnit::Days,
            },
            members,
        };
        let refusal = if has_team { code::NOT_EMPTY } else { code::ERROR };
        let set = setup(session.workspace(), &draft, ctx.today).map_err(|e| Failure::new(refusal, e))?;
        let committed = session.apply(&set)?;
        writeln!(out, "{}.", capitalised(&committed.label))?;
        if draft.members.is_empty() {
            writeln!(out, "Add the members: flowdeck --db {} team add NAME --allocation 100%", path.display())?;
        }
        writeln!(out, "Next: flowdeck --db {} import FILE (a Jira CSV or `gh issue list --json …`), then triage and plan in the TUI.", path.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    if has_team {
        writeln!(out, "It already has a team; nothing to do. Open it with: flowdeck --db {}", path.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        // The TUI opens on the set-up form when the database has no team.
        return super::tui::open_session(ctx, &settings, &mut session);
    }
    writeln!(out, "Set up the team: open it on a terminal (flowdeck --db {}), or without questions:", path.display())?;
    writeln!(
        out,
        "  flowdeck --db {} init --team NAME --sprint-days 10 --start YYYY-MM-DD --member \"Ana,100%\"",
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
