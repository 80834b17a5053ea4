//! `flowdeck rank`: candidates best first, as text, JSON or CSV.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::scoring::{breakdown, Ranked};
use crate::domain::text::sanitize_line;
use crate::domain::{Policy, WorkItem};

use super::numbers::round3;
use crate::interchange::flowdeck_csv::io_error;

/// A spreadsheet would run a cell starting with these as a formula; prefix a quote.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn key(item: &WorkItem) -> String {
    item.key.as_deref().map(sanitize_line).unwrap_or_else(|| format!("#{}", item.id.0))
}

fn flags(item: &WorkItem) -> &'static str {
    match (item.pinned, item.excluded) {
        (true, _) => "pinned",
        (_, true) => "excluded",
        _ => "",
    }
}

/// An unestimated item has no score (it ranks after the estimated ones): "—", not a number.
fn score_cell(r: &Ranked, decimals: usize) -> String {
    if r.estimated {
        format!("{:.decimals$}", r.score)
    } else {
        "—".to_string()
    }
}

pub fn write_text(rows: &[(Ranked, &WorkItem)], out: &mut impl Write) -> io::Result<()> {
    let key_width = rows.iter().map(|(_, i)| key(i).chars().count()).max().unwrap_or(3).max(3);
    writeln!(
        out,
        "{:>4}  {:<key_width$}  {:<7}  {:>5}  {:>6}  {:>7}  title",
        "rank", "key", "kind", "est", "score", "benefit"
    )?;
    for (n, (r, item)) in rows.iter().enumerate() {
        let flag = flags(item);
        writeln!(
            out,
            "{:>4}  {:<key_width$}  {:<7}  {:>5}  {:>6}  {:>7.2}  {}{}",
            n + 1,
            key(item),
            item.kind.as_str(),
            item.estimate.to_string(),
            score_cell(r, 2),
            r.benefit,
            sanitize_line(&item.title),
            if flag.is_empty() { String::new() } else { format!(" [{flag}]") }
        )?;
    }
    Ok(())
}

pub fn to_json(rows: &[(Ranked, &WorkItem)], policy: &Policy) -> Value {
    Value::Array(
        rows.iter()
            .enumerate()
            .map(|(n, (r, item))| {
                let b = breakdown(item, policy.model, &policy.weights);
                json!({
                    "rank": n + 1,
                    "id": item.id.0,
                    "key": item.key,
                    "title": sanitize_line(&item.title),
                    "kind": item.kind.as_str(),
                    "status": item.status.as_str(),
                    "estimate": item.estimate.points(),
                    "impact": item.impact,
                    "risk": item.risk,
                    "time_to_value": item.time_to_value,
                    "benefit": round3(r.benefit),
                    "score": if r.estimated { json!(round3(r.score)) } else { Value::Null },
                    "estimated": r.estimated,
                    "breakdown": {
                        "impact": round3(b.impact_term),
                        "risk": round3(b.risk_term),
                        "time_to_value": round3(b.ttv_term),
                        "effort": round3(b.effort_term),
                    },
                    "pinned": item.pinned,
                    "excluded": item.excluded,
                })
            })
            .collect(),
    )
}

pub fn write_csv(rows: &[(Ranked, &WorkItem)], out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = [
        "rank",
        "id",
        "key",
        "title",
        "kind",
        "status",
        "estimate",
        "impact",
        "risk",
        "time_to_value",
        "benefit",
        "score",
        "pinned",
        "excluded",
    ];
    w.write_record(header).map_err(io_error)?;
    for (n, (r, item)) in rows.iter().enumerate() {
        w.write_record([
            (n + 1).to_string(),
            item.id.0.to_string(),
            neutralise_formula(&item.key.clone().unwrap_or_default()),
            neutralise_formula(&sanitize_line(&item.title)),
            item.kind.as_str().to_string(),
            item.status.as_str().to_string(),
            item.estimate.to_string(),
            item.impact.to_string(),
            item.risk.to_string(),
            item.time_to_value.to_string(),
            format!("{:.3}", r.benefit),
            score_cell(r, 3),
            item.pinned.to_string(),
            item.excluded.to_string(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}
