//! `flowdeck project`: the investment projection, with an SVG chart on request.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::report::projection::{to_json, to_svg, write_csv, write_text};
use crate::service::planning::fallbacks;
use crate::service::projection::{project, Overrides};

use super::args::TableFormat;
use super::context::Context;
use super::exit::{code, Failure};

pub fn run(
    ctx: &Context,
    overrides: &Overrides,
    seed: u64,
    format: TableFormat,
    svg: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // Read-only: the debts and what sprints refer to (see `Store::load_for_sprint`).
    let ws = ctx.open_store(&settings)?.load_for_sprint()?;
    let projection = project(&ws, &fallbacks(&settings), &settings.projection, overrides, seed)
        .map_err(|m| Failure::new(code::ERROR, m))?;
    // The chart first: if it cannot be written, say so before printing a report that says it was.
    if let Some(path) = svg {
        let chart = to_svg(&projection).map_err(|m| Failure::new(code::ERROR, m))?;
        std::fs::write(path, chart)
            .map_err(|e| Failure::new(code::ERROR, format!("cannot write the chart to {}: {e}", path.display())))?;
    }
    match format {
        TableFormat::Text => {
            write_text(&projection, out)?;
            if let Some(path) = svg {
                writeln!(out, "\nChart written to {}", path.display())?;
            }
        }
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&projection)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        TableFormat::Csv => write_csv(&projection, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
