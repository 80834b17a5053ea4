//! `flowdeck export` and the palette's `export`: the workspace as flowdeck CSV or a JSON
//! document, the planning brief in Markdown, or a sprint's plan back to the tracker: as Jira
//! CSV, or as a sh script of `gh` commands for GitHub.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::Workspace;
use crate::interchange::gh_script::{self, GhOptions};
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
    GhScript,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] =
        [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Md, ExportFormat::JiraCsv, ExportFormat::GhScript];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
            ExportFormat::JiraCsv => "jira-csv",
            ExportFormat::GhScript => "gh-script",
        }
    }

    pub fn parse(s: &str) -> Option<ExportFormat> {
        let s = s.trim().to_ascii_lowercase();
        ExportFormat::ALL.into_iter().find(|f| f.as_str() == s || (s == "markdown" && *f == ExportFormat::Md))
    }

    /// The format a file name asks for by its extension (`brief.md`, `items.csv`, `plan.sh`).
    pub fn from_extension(path: &std::path::Path) -> Option<ExportFormat> {
        let ext = path.extension().and_then(|e| e.to_str())?;
        if ext.eq_ignore_ascii_case("sh") {
            return Some(ExportFormat::GhScript);
        }
        ExportFormat::parse(ext)
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

/// What an export is of, beyond its format.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions<'a> {
    /// The sprint of the brief, the Jira CSV or the gh script (default, or `current`: the one
    /// running or being planned).
    pub sprint: Option<&'a str>,
    /// Where the projection's SVG was written, for the brief to link (Markdown only).
    pub chart: Option<&'a str>,
    /// The milestone, label and repository of the gh script.
    pub gh: GhOptions,
}

/// Writes the export to `out`.
pub fn export(
    ws: &Workspace,
    settings: &Settings,
    format: ExportFormat,
    options: &ExportOptions,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let ExportOptions { sprint, chart, gh } = options;
    let (sprint, chart) = (*sprint, *chart);
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
        ExportFormat::GhScript => {
            let sprint = sprint_of(ws, sprint)?;
            gh_script::write(&planned_items(ws, sprint), &sprint.name, today, gh, out)?;
        }
    }
    Ok(())
}

/// The sprint named `name`; `current` (unless a sprint is named so) or none: the one running
/// or being planned.
pub fn sprint_of<'a>(ws: &'a Workspace, name: Option<&str>) -> Result<&'a crate::domain::Sprint, ExportError> {
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
    options: &ExportOptions,
    today: NaiveDate,
    path: &Path,
) -> Result<(), ExportError> {
    write_atomically(path, |w| export(ws, settings, format, options, today, w))
}

/// Writes `path` whole through `write`: into a hidden file beside it, synced, then renamed over
/// it. Used for every export file and the brief's chart.
pub fn write_atomically<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> Result<(), E>,
) -> Result<(), E> {
    let temp = temp_path(path);
    let written = (|| {
        let mut w = BufWriter::new(fs::File::create(&temp)?);
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&temp, path)?;
        Ok::<(), E>(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// A hidden file beside `path`, so the rename stays on one file system; named by process and
/// a counter, so two exports to the same file at once never share one.
fn temp_path(path: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    path.with_file_name(format!(".{name}.{}-{n}.flowdeck-tmp", std::process::id()))
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
        ExportFormat::GhScript => "the sprint's plan as a gh script for GitHub (run it with sh)".to_string(),
    }
}
