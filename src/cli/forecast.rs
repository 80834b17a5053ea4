//! `flowdeck forecast`: the chance of finishing the current sprint, and the sprint by which
//! the selected work is done at P50/P85/P95.

use std::io::Write;
use std::process::ExitCode;

use crate::report::forecast::{to_json, write_md, write_text};
use crate::service::forecast::{forecast, Selection, DEFAULT_SEED, DEFAULT_TOP};

use crate::domain::Kind;

use super::args::ReportFormat;
use super::context::Context;
use super::exit::{code, Failure};

/// The selection flags besides the keys.
pub struct Pick<'a> {
    pub top: Option<usize>,
    pub tag: Option<&'a str>,
    pub kind: Option<Kind>,
    pub by: Option<chrono::NaiveDate>,
}

pub fn run(
    ctx: &Context,
    keys: &[String],
    pick: Pick,
    seed: Option<u64>,
    format: ReportFormat,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let selection = if !keys.is_empty() {
        Selection::Keys(keys)
    } else if pick.tag.is_some() || pick.kind.is_some() {
        Selection::Matching { tag: pick.tag, kind: pick.kind, top: pick.top }
    } else {
        Selection::Top(pick.top.unwrap_or(DEFAULT_TOP))
    };
    let f = forecast(session.workspace(), &settings, selection, pick.by, seed.unwrap_or(DEFAULT_SEED))
        .map_err(|m| Failure::new(code::ERROR, m))?;
    match format {
        ReportFormat::Text => write_text(&f, out)?,
        ReportFormat::Md => write_md(&f, out)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&f)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
