//! `flowdeck dev gen`: a generated database (and the same items for Taskwarrior) for
//! benchmarks and load tests. Hidden from help: it is for developers.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::domain::SprintState;
use crate::interchange::taskwarrior::write_tasks;
use crate::service::demo::shift_for;
use crate::service::generate::generated_workspace;
use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions};

use super::context::Context;
use super::exit::{code, Failure};

pub fn generate(
    ctx: &Context,
    items: usize,
    seed: u64,
    taskwarrior: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let Some(path) = &ctx.db else {
        return Err(Failure::new(code::USAGE, "say where the generated database goes: flowdeck --db PATH dev gen …"));
    };
    let mut ws = generated_workspace(items, seed);
    // Like the demo: the sprint in planning starts within the next two weeks.
    if let Some(start) = ws.sprints.iter().find(|s| s.state == SprintState::Planning).map(|s| s.start) {
        ws.shift_dates(shift_for(start, ctx.today));
    }
    let options = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: settings.storage.busy_timeout_ms };
    let mut session = Session::open_team(path, options, &ctx.team_choice_creating(&settings))?;
    session.seed(&ws, "dev gen")?;
    writeln!(out, "Generated {items} items (seed {seed}) into {}", path.display())?;
    if let Some(file) = taskwarrior {
        let failed = |e: std::io::Error| Failure::new(code::ERROR, format!("cannot write {}: {e}", file.display()));
        let mut writer = BufWriter::new(std::fs::File::create(file).map_err(failed)?);
        write_tasks(&ws.items, &mut writer).and_then(|_| writer.flush()).map_err(failed)?;
        writeln!(out, "Taskwarrior tasks written to {}", file.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
