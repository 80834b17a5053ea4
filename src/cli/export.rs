//! `flowdeck export`: items as CSV, the whole database as a JSON document, or the planning
//! brief as Markdown; to stdout, or to a file written whole (see `service::export`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::service::export::{describe, export, export_to_file, ExportError, ExportFormat};

use super::context::Context;
use super::exit::{code, Failure};

pub fn parse_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).ok_or_else(|| format!("{s:?} is not an export format: csv, json or md"))
}

pub fn run(
    ctx: &Context,
    format: Option<ExportFormat>,
    file: Option<&Path>,
    sprint: Option<&str>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let format = format.or_else(|| file.and_then(ExportFormat::from_extension)).unwrap_or(ExportFormat::Json);
    let result = match file {
        None => export(ws, &settings, format, sprint, ctx.today, out),
        Some(path) => export_to_file(ws, &settings, format, sprint, ctx.today, path),
    };
    match result {
        Ok(()) => {}
        Err(ExportError::NoSprint(message)) => return Err(Failure::new(code::ERROR, message)),
        Err(ExportError::Io(io)) => match file {
            Some(path) => return Err(Failure::new(code::ERROR, format!("cannot write {}: {io}", path.display()))),
            None => return Err(io.into()),
        },
    }
    if let Some(path) = file {
        writeln!(out, "Wrote {} to {}.", describe(ws, format), path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
