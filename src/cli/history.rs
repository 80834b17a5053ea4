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
    let session = ctx.open_session(&settings)?;
    let report = history_report(session.workspace(), last);
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
