//! `flowdeck export` and the palette's `export`: the workspace as flowdeck CSV or a JSON
//! document, or the planning brief in Markdown.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::Workspace;
use crate::interchange::{flowdeck_csv, json, Document};
use crate::report::brief::write_markdown;

use super::brief::brief;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Md,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Md];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Md => "md",
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
pub fn export(
    ws: &Workspace,
    settings: &Settings,
    format: ExportFormat,
    sprint: Option<&str>,
    today: NaiveDate,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Csv => flowdeck_csv::write(ws, out)?,
        ExportFormat::Json => json::write_document(&Document::from_workspace(ws), out)?,
        ExportFormat::Md => {
            let b = brief(ws, settings, sprint, today).map_err(ExportError::NoSprint)?;
            write_markdown(&b, out)?;
        }
    }
    Ok(())
}
