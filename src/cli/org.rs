//! `flowdeck org`: the organisation view, every team of the store (whatever `--team` says).

use std::io::Write;
use std::process::ExitCode;

use crate::report::org::{to_json, write_markdown, write_text};
use crate::service::org::org_report;
use crate::storage::{OpenOptions, Store, TeamChoice};

use super::args::ReportFormat;
use super::context::Context;
use super::exit::Failure;

pub fn run(ctx: &Context, format: ReportFormat, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let (path, mode) = ctx.db_location()?;
    let options = OpenOptions { mode, busy_timeout_ms: settings.storage.busy_timeout_ms };
    let mut store = Store::open_team(&path, options, &TeamChoice::Any)?;
    let report = org_report(&mut store, &settings, ctx.today)?;
    match format {
        ReportFormat::Text => write_text(&report, out)?,
        ReportFormat::Md => write_markdown(&report, out)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&report)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
