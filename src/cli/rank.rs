//! `flowdeck rank`: the candidates, best first.

use std::io::Write;
use std::process::ExitCode;

use crate::domain::scoring::Ranked;
use crate::domain::{Kind, Policy, WorkItem};
use crate::report::rank::{to_json, write_csv, write_text};
use crate::service::planning::{ranking, top_ranked};

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
    // A short list reads only what it shows (fast at 100,000 items); a long one loads everything.
    if let Some(limit) = limit.filter(|n| *n <= LEAN_LIMIT) {
        let mut store = ctx.open_store(&settings)?;
        let (policy, owned) = top_ranked(&mut store, kind, limit)?;
        let rows: Vec<(Ranked, &WorkItem)> = owned.iter().map(|(r, i)| (*r, i)).collect();
        return write(&rows, &policy, format, out);
    }
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let mut rows = ranking(ws, kind);
    if let Some(limit) = limit {
        rows.truncate(limit);
    }
    write(&rows, &ws.policy, format, out)
}

/// Up to this many rows, `rank --limit` loads only the items it shows.
const LEAN_LIMIT: usize = 1000;

fn write(
    rows: &[(Ranked, &WorkItem)],
    policy: &Policy,
    format: TableFormat,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    match format {
        TableFormat::Text => write_text(rows, out)?,
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(rows, policy)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        TableFormat::Csv => write_csv(rows, out)?,
    }
    Ok(ExitCode::SUCCESS)
}
