//! `flowdeck init`: create the database, or confirm it is already a flowdeck database.

use std::io::Write;
use std::process::ExitCode;

use crate::service::Session;
use crate::storage::{OpenMode, OpenOptions};

use super::context::Context;
use super::exit::Failure;

pub fn run(ctx: &Context, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let (path, _) = ctx.db_location()?;
    let existed = path.exists();
    let options = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: settings.storage.busy_timeout_ms };
    let session = Session::open(&path, options)?;
    let version = session.store().schema_version()?;
    if existed {
        writeln!(out, "{} is a flowdeck database (schema v{version}); nothing to do.", path.display())?;
    } else {
        writeln!(out, "Created {} (schema v{version}).", path.display())?;
        writeln!(out, "Open it with: flowdeck --db {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
