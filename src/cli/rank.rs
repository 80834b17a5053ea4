//! `flowdeck rank`: the candidates, best first.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::Kind;
use crate::report::rank::{to_json, write_csv, write_text};
use crate::service::planning::ranking;

use super::args::TableFormat;
use super::context::Context;
use super::exit::Failure;

pub fn run(
    ctx: &Context,
    kind: Option<Kind>,
    limit: Option<usize>,
    format: TableFormat,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let mut rows = ranking(ws, kind);
    if let Some(limit) = limit {
        rows.truncate(limit);
    }
    match format {
        TableFormat::Text => write_text(&rows, out)?,
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&rows, &ws.policy)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        TableFormat::Csv => write_csv(&rows, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
