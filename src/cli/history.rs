//! `flowdeck history`: past sprints, their metrics and trends.

use std::io::Write;
use std::process::ExitCode;

use crate::report::history::{to_json, write_markdown, write_text};
use crate::service::history::history_report;

use super::args::ReportFormat;
use super::context::Context;
use super::exit::Failure;

pub fn run(ctx: &Context, last: usize, format: ReportFormat, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // Read-only: only the items sprints refer to (see `Store::load_for_sprint`).
    let ws = ctx.open_store(&settings)?.load_for_sprint()?;
    let report = history_report(&ws, last);
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
