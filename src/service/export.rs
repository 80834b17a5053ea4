//! `flowdeck export` and the palette's `export`: the workspace as flowdeck CSV or a JSON
//! document, the planning brief in Markdown, or a sprint's plan back to the tracker as Jira CSV.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::Workspace;
use crate::interchange::{flowdeck_csv, jira_csv, json, Document};
use crate::report::brief::write_markdown;

use super::brief::brief;
use super::planning::{find_sprint, planned_items};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Md,
    JiraCsv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Md, ExportFormat::JiraCsv];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
            ExportFormat::JiraCsv => "jira-csv",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        let s = s.trim().to_ascii_lowercase();
        ExportFormat::ALL.into_iter().find(|f| f.as_str() == s || (s == "markdown" && *f == ExportFormat::Md))
    }

    /// The format a file name asks for by its extension (`brief.md`, `items.csv`).
    pub fn from_extension(path: &std::path::Path) -> Option<ExportFormat> {
        path.extension().and_then(|e| e.to_str()).and_then(ExportFormat::parse)
    }
}

#[derive(Debug)]
pub enum ExportError {
    /// The brief needs a sprint, and there is none (or none by that name).
    NoSprint(String),
    Io(io::Error),
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// Writes the export to `out`. `sprint` chooses the brief's sprint (default: the current one).
/// `chart` is where the projection's SVG was written, for the brief to link (Markdown only).
pub fn export(
    ws: &Workspace,
    settings: &Settings,
    format: ExportFormat,
    sprint: Option<&str>,
    chart: Option<&str>,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Csv => flowdeck_csv::write(ws, out)?,
        ExportFormat::Json => json::write_document(&Document::from_workspace(ws), out)?,
        ExportFormat::Md => {
            let b = brief(ws, settings, sprint, chart, today).map_err(ExportError::NoSprint)?;
            write_markdown(&b, out)?;
        }
        ExportFormat::JiraCsv => {
            let sprint = sprint_of(ws, sprint)?;
            let mappings = super::import::mappings(&settings.import);
            jira_csv::write(&planned_items(ws, sprint), &sprint.name, &mappings, out)?;
        }
    }
    Ok(())
}

/// The sprint named `name`; `current` (unless a sprint is named so) or none: the one running
/// or being planned.
fn sprint_of<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<&'a crate::domain::Sprint, ExportError> {
    let name = name.filter(|n| {
        !n.trim().eq_ignore_ascii_case("current") || ws.sprints.iter().any(|s| s.name.eq_ignore_ascii_case(n.trim()))
    });
    find_sprint(ws, name).map_err(ExportError::NoSprint)
}

/// Writes the export to `path` whole: into a hidden file beside it, synced, then renamed over
/// it, so a failed export never leaves half a file (or destroys the previous one).
pub fn export_to_file(
    ws: &Workspace,
    settings: &Settings,
    format: ExportFormat,
    sprint: Option<&str>,
    chart: Option<&str>,
    today: NaiveDate,
    path: &Path,
) -> Result<(), ExportError> {
    let temp = temp_path(path);
    let written = (|| {
        let mut w = BufWriter::new(fs::File::create(&temp)?);
        export(ws, settings, format, sprint, chart, today, &mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&temp, path)?;
        Ok::<(), ExportError>(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// A hidden file beside `path`, so the rename stays on one file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.flowdeck-tmp"))
}

/// What a file export wrote, in words: "133 items as CSV".
pub fn describe(ws: &Workspace, format: ExportFormat) -> String {
    match format {
        ExportFormat::Csv => format!("{} as CSV", crate::domain::text::count(ws.items.len(), "item", "items")),
        ExportFormat::Json => {
            format!("a flowdeck document ({})", crate::domain::text::count(ws.items.len(), "item", "items"))
        }
        ExportFormat::Md => "the planning brief (Markdown)".to_string(),
        ExportFormat::JiraCsv => "the sprint's items as Jira CSV".to_string(),
    }
}
