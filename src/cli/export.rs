//! `flowdeck export`: items as CSV, the whole database as a JSON document, or the planning
//! brief as Markdown; to stdout, or to a file written whole (a temporary file renamed into
//! place, so a failed export never leaves half a file).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::service::export::{export, ExportError, ExportFormat};

use super::context::Context;
use super::exit::{code, Failure};

pub fn parse_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).ok_or_else(|| format!("{s:?} is not an export format: csv, json or md"))
}

fn failure(e: ExportError) -> Failure {
    match e {
        ExportError::NoSprint(message) => Failure::new(code::ERROR, message),
        ExportError::Io(io) => io.into(),
    }
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
    let Some(path) = file else {
        export(ws, &settings, format, sprint, ctx.today, out).map_err(failure)?;
        return Ok(ExitCode::SUCCESS);
    };
    let temp = temp_path(path);
    let written = (|| {
        let mut w = BufWriter::new(fs::File::create(&temp)?);
        export(ws, &settings, format, sprint, ctx.today, &mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&temp, path)?;
        Ok::<(), ExportError>(())
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(match e {
            ExportError::Io(io) => Failure::new(code::ERROR, format!("cannot write {}: {io}", path.display())),
            other => failure(other),
        });
    }
    let what = match format {
        ExportFormat::Csv => format!("{} items as CSV", ws.items.len()),
        ExportFormat::Json => format!("a flowdeck document ({} items)", ws.items.len()),
        ExportFormat::Md => "the planning brief (Markdown)".to_string(),
    };
    writeln!(out, "Wrote {what} to {}.", path.display())?;
    Ok(ExitCode::SUCCESS)
}

/// A hidden file beside `path`, so the rename stays on one file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.flowdeck-tmp"))
}
