//! The history as Markdown, to paste into a retrospective or a stakeholder update.

use std::io::{self, Write};

use crate::domain::Kind;
use crate::service::history::HistoryReport;

use super::super::markdown::cell;
use super::super::numbers::{percent, sparkline};
use super::{has_delivery, optional, optional_decimal, row_cells, trend_rows, trend_summary};

pub fn write_markdown(r: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let sprints = &r.trends.sprints;
    writeln!(out, "# Sprint history\n")?;
    if sprints.is_empty() {
        writeln!(out, "No closed sprints yet.")?;
        return Ok(());
    }
    writeln!(out, "The last {} of {} closed sprints, oldest first.\n", sprints.len(), r.closed_total)?;
    writeln!(out, "| Sprint | Dates | Planned | Done | Say/do | Real velocity | Carried | Unplanned | Investment | Split f/d/r/d |")?;
    writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")?;
    for m in sprints {
        writeln!(out, "| {} | {} |", cell(&m.name), row_cells(m).join(" | "))?;
    }
    writeln!(out, "\n## Trends\n")?;
    writeln!(out, "| Metric | Oldest → newest | Summary |")?;
    writeln!(out, "| --- | --- | --- |")?;
    for (label, trend, share) in trend_rows(&r.trends) {
        writeln!(out, "| {label} | `{}` | {} |", sparkline(&trend.values), trend_summary(trend, share))?;
    }
    if let Some(split) = r.trends.actual_split() {
        writeln!(out, "\n## Where the work went\n")?;
        writeln!(out, "| Kind | Actual | Target |")?;
        writeln!(out, "| --- | ---: | ---: |")?;
        for kind in Kind::ALL {
            let target = f64::from(r.policy.targets.get(kind)) / 100.0;
            writeln!(
                out,
                "| {} | {} | {} ± {} |",
                kind.as_str(),
                percent(split.get(kind)),
                percent(target),
                r.policy.tolerance
            )?;
        }
    }
    let delivered: Vec<_> = sprints.iter().filter(|m| has_delivery(m)).collect();
    if !delivered.is_empty() {
        writeln!(out, "\n## Delivery\n")?;
        writeln!(
            out,
            "| Sprint | Deployments | Median lead time (days) | Change failures | Incidents | Recovery (hours) |"
        )?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
        for m in delivered {
            let d = &m.delivery;
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&m.name),
                optional(d.deployments),
                optional_decimal(d.lead_time_days),
                optional(d.change_failures),
                optional(d.incidents),
                optional_decimal(d.recovery_hours)
            )?;
        }
    }
    Ok(())
}
