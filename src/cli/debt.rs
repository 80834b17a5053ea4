//! `flowdeck debt`: the register; `flowdeck debt defer`: put one debt off, with a rationale.

use std::io::Write;
use std::process::ExitCode;

use crate::config::DebtSettings;
use crate::domain::debt::Filter;
use crate::report::debt::{to_json, write_markdown, write_text};
use crate::service::debt::{defer as defer_change, find_item, register_report};
use crate::service::planning::fallbacks;

use super::args::{DebtView, ReportFormat};
use super::context::Context;
use super::exit::{code, Failure};

/// Debts the Markdown review details when no --limit is given: a review, not a dump.
const MARKDOWN_LIMIT: usize = 10;

pub fn report(ctx: &Context, view: &DebtView, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // Read-only: debts and what sprints refer to (see `Store::load_for_sprint`).
    let ws = &ctx.open_store(&settings)?.load_for_sprint()?;
    let debt = DebtSettings { horizon_sprints: view.horizon.unwrap_or(settings.debt.horizon_sprints), ..settings.debt };
    let filter = Filter { overdue: view.overdue, high_risk: view.high_risk, category: view.category };
    let mut report = register_report(ws, ctx.today, &debt, &fallbacks(&settings), filter, view.sort);
    let limit = view.limit.or((view.format == ReportFormat::Md).then_some(MARKDOWN_LIMIT));
    if let Some(limit) = limit {
        report.rows.truncate(limit);
    }
    match view.format {
        ReportFormat::Text => write_text(&report, out)?,
        ReportFormat::Md => write_markdown(&report, out)?,
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&report)).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn defer(
    ctx: &Context,
    reference: &str,
    reason: &str,
    until: Option<chrono::NaiveDate>,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let id = find_item(ws, reference).map_err(|m| Failure::new(code::ERROR, m))?;
    let set = defer_change(ws, id, reason, until, ctx.today, &settings.debt).map_err(|m| {
        let hint = if reason.trim().is_empty() && m.contains("rationale") { " (--reason \"…\")" } else { "" };
        Failure::new(code::ERROR, format!("{m}{hint}"))
    })?;
    let committed = session.apply(&set)?;
    let count = committed
        .changes
        .iter()
        .find_map(|c| match c {
            crate::domain::change::Change::Item { after: Some(item), .. } => item.debt.as_ref(),
            _ => None,
        })
        .map_or(0, |d| d.deferrals.len());
    writeln!(
        out,
        "{} on {}; deferred {count} time{} so far.",
        committed.label,
        ctx.today,
        if count == 1 { "" } else { "s" }
    )?;
    Ok(ExitCode::SUCCESS)
}
