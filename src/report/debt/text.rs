//! The register for a terminal: totals, added vs repaid, then one row per debt.

use std::io::{self, Write};

use crate::domain::text::{count, sanitize_line};
use crate::service::debt::RegisterReport;

use super::super::numbers::{percent, points};
use super::{horizon_return, key, payback};

pub fn write_text(r: &RegisterReport<'_>, out: &mut impl Write) -> io::Result<()> {
    let t = &r.totals;
    writeln!(out, "Debt register on {}: {} open debts", r.terms.today, t.count)?;
    let share = match (&r.capacity, t.drag_share) {
        (Some((sprint, plannable)), Some(share)) => {
            format!(", {} of {}'s plannable {} points", percent(share), sanitize_line(sprint), points(*plannable))
        }
        _ => String::new(),
    };
    writeln!(out, "  drag       {} points a sprint{share}", points(t.drag))?;
    writeln!(out, "  principal  {} points to repay it all", points(t.principal))?;
    writeln!(out, "  drag paid  {} points lost to drag so far", points(t.interest_paid))?;
    writeln!(out, "  overdue    {} past their trigger date", count(t.overdue, "agreement", "agreements"))?;
    writeln!(out, "  high-risk  {} (security, performance, compliance)", count(t.high_risk, "debt", "debts"))?;
    if !r.flow.is_empty() {
        writeln!(out, "\nAdded vs repaid, points of principal:")?;
        let width = r.flow.iter().map(|f| f.sprint.chars().count()).max().unwrap_or(6);
        let (mut added, mut repaid) = (0.0, 0.0);
        for f in &r.flow {
            writeln!(
                out,
                "  {:<width$}  added {:>5}  repaid {:>5}",
                sanitize_line(&f.sprint),
                points(f.added),
                points(f.repaid)
            )?;
            added += f.added;
            repaid += f.repaid;
        }
        writeln!(out, "  {:<width$}  added {:>5}  repaid {:>5}", "total", points(added), points(repaid))?;
    }
    writeln!(
        out,
        "\nShowing {} ({}), sorted by {}; return over {} sprints; a sprint is {} days.",
        r.filter.describe(),
        count(r.rows.len(), "debt", "debts"),
        r.sort.as_str(),
        r.terms.horizon,
        r.terms.cadence_days
    )?;
    if r.rows.is_empty() {
        writeln!(out, "No debt matches.")?;
        return Ok(());
    }
    let key_width = r.rows.iter().map(|(row, _)| key(row).chars().count()).max().unwrap_or(3).max(3);
    writeln!(
        out,
        "{:>4}  {:<key_width$}  {:>4}  {:>5}  {:>7}  {:>5}  {:>6}  {:>4}  {:<10}  {:<11}  {:<11}  title",
        "rank", "key", "drag", "princ", "payback", "paid", "return", "age", "category", "area", "trigger"
    )?;
    for (row, need) in &r.rows {
        let e = &row.economics;
        let a = &row.debt.agreement;
        let trigger = a.trigger_date.map_or("—".to_string(), |d| d.to_string());
        let mut notes = Vec::new();
        if row.overdue {
            notes.push("overdue".to_string());
        }
        if row.item.status == crate::domain::Status::Planned {
            notes.push("planned".into());
        }
        if !row.debt.deferrals.is_empty() {
            notes.push(format!("deferred {}×", row.debt.deferrals.len()));
        }
        if need.is_some() {
            notes.push("rationale to defer".into());
        }
        let notes = if notes.is_empty() { String::new() } else { format!(" [{}]", notes.join(", ")) };
        writeln!(
            out,
            "{:>4}  {:<key_width$}  {:>4}  {:>5}  {:>7}  {:>5}  {:>6}  {:>3}d  {:<10}  {:<11}  {:<11}  {}{notes}",
            row.rank,
            key(row),
            points(e.drag),
            points(e.principal),
            payback(e),
            points(e.interest_paid),
            horizon_return(e),
            e.age_days,
            row.debt.category.as_str(),
            row.debt.risk_area.as_str(),
            trigger,
            sanitize_line(&row.item.title),
        )?;
    }
    Ok(())
}
