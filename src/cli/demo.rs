//! `flowdeck demo`: a fresh demo database, then the TUI on it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::config;
use crate::service::demo::demo_workspace;
use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions};

use super::context::Context;
use super::exit::Failure;

/// Removes the previous default demo database (and its WAL files): it is flowdeck's own scratch file.
fn remove_old_demo(path: &Path) -> Result<(), Failure> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure::new(1, format!("cannot replace the old demo database {}: {e}", path.display())))
            }
        }
    }
    Ok(())
}

pub fn run(ctx: &Context, no_tui: bool, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // A path the user names is never overwritten: the seed refuses a database that holds data.
    let path = match &ctx.db {
        Some(path) => path.clone(),
        None => {
            let path = config::demo_db_path()?;
            remove_old_demo(&path)?;
            path
        }
    };
    let workspace = demo_workspace(ctx.today)?;
    let options = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: settings.storage.busy_timeout_ms };
    let mut session = Session::open_team(&path, options, &ctx.team_choice_creating(&settings))?;
    session.seed(&workspace, "demo")?;
    if no_tui {
        writeln!(out, "Demo database ready: {}", path.display())?;
        let team = ctx.team_name(&settings).map(|t| format!(" --team {t:?}")).unwrap_or_default();
        writeln!(out, "Open it with: flowdeck --db {}{team}", path.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    super::tui::open_session(ctx, &settings, &mut session)
}
