//! The history for a terminal: one row per sprint, the trends as sparklines, the actual split
//! against policy, and the delivery figures where recorded.

use std::io::{self, Write};

use crate::domain::text::sanitize_line;
use crate::domain::Kind;
use crate::service::history::HistoryReport;

use super::super::numbers::{percent, points, sparkline};
use super::{dates, has_delivery, optional, optional_decimal, row_cells, trend_rows, trend_summary};

pub fn write_text(r: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let sprints = &r.trends.sprints;
    if sprints.is_empty() {
        writeln!(out, "No closed sprints yet: close one with `flowdeck sprint close` to see its history.")?;
        return write_current(r, out);
    }
    writeln!(out, "History: the last {} of {} closed sprints, oldest first", sprints.len(), r.closed_total)?;
    let width = sprints.iter().map(|m| m.name.chars().count()).max().unwrap_or(6).max(6);
    writeln!(
        out,
        "\n{:<width$}  {:<15}  {:>5}  {:>5}  {:>6}  {:>5}  {:>5}  {:>5}  {:>6}  {:<12}",
        "sprint", "dates", "plan", "done", "say/do", "real", "carry", "unpl.", "invest", "split f/d/r/d"
    )?;
    for m in sprints {
        let [dates, planned, done, say_do, real, carried, unplanned, invest, split] = row_cells(m);
        let row = format!(
            "{:<width$}  {dates:<15}  {planned:>5}  {done:>5}  {say_do:>6}  {real:>5}  {carried:>5}  {unplanned:>5}  {invest:>6}  {split}",
            sanitize_line(&m.name),
        );
        writeln!(out, "{row}")?;
    }
    writeln!(out, "\nTrends (oldest → newest):")?;
    for (label, trend, share) in trend_rows(&r.trends) {
        writeln!(
            out,
            "  {label:<17} {:<width$}  {}",
            sparkline(&trend.values),
            trend_summary(trend, share),
            width = sprints.len()
        )?;
    }
    if let Some(split) = r.trends.actual_split() {
        writeln!(out, "\nWhere the work went, against policy (± {} percentage points):", r.policy.tolerance)?;
        for kind in Kind::ALL {
            let target = f64::from(r.policy.targets.get(kind)) / 100.0;
            let tolerance = f64::from(r.policy.tolerance) / 100.0;
            let share = split.get(kind);
            let verdict = if share > target + tolerance {
                "▲ above"
            } else if share < target - tolerance {
                "▼ below"
            } else {
                "✓ within"
            };
            writeln!(out, "  {:<8} {:>4}  target {:>4}  {verdict}", kind.as_str(), percent(share), percent(target))?;
        }
        let invest = split.get(Kind::Debt) + split.get(Kind::Risk);
        let floor = f64::from(r.policy.investment_floor) / 100.0;
        let mark = if invest + 1e-9 >= floor { "✓" } else { "▼ below the floor" };
        writeln!(out, "  investment {} (debt + risk), floor {} {mark}", percent(invest), percent(floor))?;
    }
    let delivered: Vec<_> = sprints.iter().filter(|m| has_delivery(m)).collect();
    if !delivered.is_empty() {
        writeln!(out, "\nDelivery, where recorded:")?;
        writeln!(
            out,
            "  {:<width$}  {:>7}  {:>9}  {:>8}  {:>9}  {:>8}",
            "sprint", "deploys", "lead time", "failures", "incidents", "recovery"
        )?;
        for m in delivered {
            let d = &m.delivery;
            writeln!(
                out,
                "  {:<width$}  {:>7}  {:>8}d  {:>8}  {:>9}  {:>7}h",
                sanitize_line(&m.name),
                optional(d.deployments),
                optional_decimal(d.lead_time_days),
                optional(d.change_failures),
                optional(d.incidents),
                optional_decimal(d.recovery_hours),
            )?;
        }
    }
    write_current(r, out)
}

fn write_current(r: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    if let Some(c) = &r.current {
        writeln!(
            out,
            "\nNow: {} ({}, {}), {}, {} points planned.",
            sanitize_line(&c.name),
            c.state.word(),
            dates(c),
            crate::domain::text::count(c.items, "item", "items"),
            points(c.planned)
        )?;
    }
    Ok(())
}
