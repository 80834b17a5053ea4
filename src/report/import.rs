//! What an import did (or, in a dry run, would do), as text: one summary line, the rows a dry
//! run would create or update, and the notes worth reading.

use std::io::{self, Write};

use crate::domain::change::Change;
use crate::domain::text::sanitize_line;
use crate::service::import::{Plan, Prepared};
use crate::service::import_merge::{is_unestimated, RowAction};

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary in one line (the CLI's first line, the TUI's status line).
pub fn summary(p: &Prepared, dry_run: bool) -> String {
    let file = sanitize_line(&p.file);
    match &p.plan {
        Plan::Merge(m) => {
            if dry_run {
                format!(
                    "Dry run of {file} ({}): would create {}, update {} and leave {} unchanged; nothing was saved.",
                    p.format,
                    count(m.created, "item", "items"),
                    m.updated,
                    m.unchanged
                )
            } else {
                format!(
                    "Imported {file} ({}): {} created, {} updated, {} unchanged.",
                    p.format,
                    count(m.created, "item", "items"),
                    m.updated,
                    m.unchanged
                )
            }
        }
        Plan::Restore { workspace: ws, .. } => {
            let what = format!(
                "the policy, {}, {}, {} and {}",
                count(ws.members.len(), "member", "members"),
                count(ws.holidays.len(), "holiday", "holidays"),
                count(ws.sprints.len(), "sprint", "sprints"),
                count(ws.items.len(), "item", "items")
            );
            if dry_run {
                format!(
                    "Dry run of {file} ({}): would restore {what} into the empty database; nothing was saved.",
                    p.format
                )
            } else {
                format!("Restored {file} ({}) into the empty database: {what}.", p.format)
            }
        }
    }
}

pub fn notes(p: &Prepared) -> Vec<String> {
    match &p.plan {
        Plan::Merge(m) => m.notices.lines(),
        Plan::Restore { notices, .. } => notices.lines(),
    }
}

pub fn write_text(p: &Prepared, dry_run: bool, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", summary(p, dry_run))?;
    if let (true, Plan::Merge(m)) = (dry_run, &p.plan) {
        // (verb, key, what): created items are read from the change set, not copied.
        let lines: Vec<(&str, String, String)> = m
            .actions
            .iter()
            .filter_map(|action| match action {
                RowAction::Create { change, place } => {
                    let Some(Change::Item { after: Some(item), .. }) = m.set.changes.get(*change) else { return None };
                    let key = item.key.clone().or_else(|| place.clone()).unwrap_or_default();
                    let points = if is_unestimated(item) { "—".to_string() } else { item.estimate.to_string() };
                    Some(("create", key, format!("{:<7} {points:>5}  {}", item.kind.as_str(), item.title)))
                }
                RowAction::Update { key, changes } => Some(("update", key.clone(), changes.join(", "))),
                RowAction::Unchanged => None,
            })
            .collect();
        let width = lines.iter().map(|(_, key, _)| key.chars().count()).max().unwrap_or(0);
        for (verb, key, what) in lines {
            writeln!(out, "  {verb}  {key:<width$}  {what}")?;
        }
    }
    let notes = notes(p);
    if !notes.is_empty() {
        writeln!(out, "Notes:")?;
        for n in notes {
            writeln!(out, "  - {}", sanitize_line(&n))?;
        }
    }
    Ok(())
}
