//! `flowdeck split`: every capacity step, the split against policy, and the guardrails —
//! as text, Markdown or JSON (a stable contract documented in the README).

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::capacity::{CapacityBreakdown, Source};
use crate::domain::guardrails::{Severity, Split};
use crate::domain::text::sanitize_line;
use crate::service::planning::SprintPlan;

use super::markdown::cell;
use super::numbers::{percent, points, round3};

/// Where a calibrated number came from. While no sprint has closed it is the configured
/// value, and the text says so honestly, with the key to set and how it calibrates itself.
fn source_text(source: &Source, what: &str, config_key: &str) -> String {
    match source {
        Source::History(names) => format!("{what} over {}", names.join(", ")),
        Source::Configured => format!(
            "configured, not measured: no closed sprint yet — set {config_key} in config.toml to your team's own \
             figure; it is calibrated from history once a sprint is closed"
        ),
    }
}

fn holidays_text(c: &CapacityBreakdown) -> String {
    if c.holidays.is_empty() {
        return format!("{} weekdays, no holidays", c.weekdays);
    }
    let names: Vec<String> = c.holidays.iter().map(|(d, n)| format!("{d} {}", sanitize_line(n))).collect();
    format!("{} weekdays − {} holiday ({})", c.weekdays, c.holidays.len(), names.join(", "))
}

/// The capacity computation as labelled steps, shared by the text and Markdown forms (and the
/// planning brief).
pub fn capacity_steps(c: &CapacityBreakdown) -> Vec<(&'static str, String)> {
    vec![
        ("working days", format!("{} = {}", holidays_text(c), c.working_days)),
        ("person-days", format!("Σ (working days − days off) × allocation × focus = {:.1}", c.person_days)),
        (
            "points/person-day",
            format!(
                "{:.2} ({})",
                c.points_per_person_day,
                source_text(
                    &c.points_per_person_day_source,
                    "Σ done + unplanned points ÷ Σ person-days",
                    "capacity.points_per_person_day"
                )
            ),
        ),
        ("capacity", format!("{:.1} × {:.2} = {} points", c.person_days, c.points_per_person_day, points(c.points))),
        (
            "unplanned reserve",
            format!(
                "{} ({}) = {} points",
                percent(c.reserve_share),
                source_text(&c.reserve_source, "median unplanned share", "capacity.unplanned_reserve"),
                points(c.reserve_points)
            ),
        ),
        (
            "plannable",
            format!("{} × (1 − {}) = {} points", points(c.points), percent(c.reserve_share), points(c.plannable)),
        ),
    ]
}

/// Each member's person-days, then every capacity step, as two Markdown tables (shared by
/// `split --format md` and the planning brief).
pub fn write_capacity_tables(c: &CapacityBreakdown, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "| Member | Days off | Allocation | Focus | Person-days |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for m in &c.members {
        writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.1} |",
            cell(&m.name),
            m.days_off,
            percent(m.allocation),
            m.focus,
            m.person_days
        )?;
    }
    writeln!(out, "\n| Step | Value |")?;
    writeln!(out, "| --- | --- |")?;
    for (label, value) in capacity_steps(c) {
        let mut label = label.to_string();
        label[..1].make_ascii_uppercase();
        if label == "Plannable" {
            writeln!(out, "| **{label}** | **{}** |", cell(&value))?;
        } else {
            writeln!(out, "| {label} | {} |", cell(&value))?;
        }
    }
    writeln!(out)
}

/// The split per kind against its band, and technical investment against its floor, as a
/// Markdown table (shared by `split --format md` and the planning brief).
pub fn write_split_table(split: &Split, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "| Kind | Planned | Share | Target | Band | |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | --- |")?;
    for k in &split.kinds {
        writeln!(
            out,
            "| {} | {} | {} | {} | {:.0}–{} | {} |",
            k.kind.as_str(),
            points(k.planned),
            percent(k.share),
            percent(k.target),
            k.min * 100.0,
            percent(k.max),
            verdict(k.share, k.min, k.max)
        )?;
    }
    writeln!(
        out,
        "| investment (debt + risk) | {} | {} | floor {} | | {} |\n",
        points(split.investment),
        percent(split.investment_share),
        percent(split.floor),
        verdict(split.investment_share, split.floor, 1.0)
    )?;
    Ok(())
}

pub fn verdict(share: f64, min: f64, max: f64) -> &'static str {
    if share < min - 1e-9 {
        "below"
    } else if share > max + 1e-9 {
        "above"
    } else {
        "ok"
    }
}

fn marker(severity: Severity) -> &'static str {
    match severity {
        Severity::Warn => "[warn] ",
        Severity::Block => "[BLOCK]",
    }
}

pub fn write_text(plan: &SprintPlan, out: &mut impl Write) -> io::Result<()> {
    let SprintPlan { sprint, capacity: c, split, guardrails, .. } = plan;
    writeln!(out, "{} · {} → {} ({})", sanitize_line(&sprint.name), sprint.start, sprint.end, sprint.state.word())?;
    if !sprint.goal.is_empty() {
        writeln!(out, "Goal: {}", sanitize_line(&sprint.goal))?;
    }
    writeln!(out, "\nCapacity")?;
    let steps = capacity_steps(c);
    let (first, rest) = steps.split_at(1);
    for (label, value) in first {
        writeln!(out, "  {label:<18}  {value}")?;
    }
    let width = c.members.iter().map(|m| m.name.chars().count()).max().unwrap_or(6).max(6);
    writeln!(out, "  {:<width$}  days off  allocation  focus  person-days", "member")?;
    for m in &c.members {
        writeln!(
            out,
            "  {:<width$}  {:>8}  {:>10}  {:>5.2}  {:>11}",
            sanitize_line(&m.name),
            m.days_off,
            percent(m.allocation),
            m.focus,
            format!("{:.1}", m.person_days)
        )?;
    }
    for (label, value) in rest {
        writeln!(out, "  {label:<18}  {value}")?;
    }

    writeln!(out, "\nSplit ({} of {} plannable points planned)", points(split.load), points(c.plannable))?;
    if let Some(line) = finish_line(plan) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "  kind        planned  share  target  band")?;
    for k in &split.kinds {
        writeln!(
            out,
            "  {:<10} {:>8}  {:>5}  {:>6}  {:>7}  {}",
            k.kind.as_str(),
            points(k.planned),
            percent(k.share),
            percent(k.target),
            format!("{:.0}–{}", k.min * 100.0, percent(k.max)),
            verdict(k.share, k.min, k.max)
        )?;
    }
    writeln!(
        out,
        "  investment {:>8}  {:>5}  floor {}  {}",
        points(split.investment),
        percent(split.investment_share),
        percent(split.floor),
        verdict(split.investment_share, split.floor, 1.0)
    )?;
    super::people::write_text(&plan.load, out)?;

    writeln!(out, "\nGuardrails")?;
    if guardrails.is_empty() {
        writeln!(out, "  all clear: the sprint respects the policy")?;
    }
    for g in guardrails {
        writeln!(out, "  {} {}", marker(g.severity), sanitize_line(&g.message))?;
    }
    Ok(())
}

pub fn write_markdown(plan: &SprintPlan, out: &mut impl Write) -> io::Result<()> {
    let SprintPlan { sprint, capacity: c, split, guardrails, .. } = plan;
    writeln!(out, "## {} · {} → {}\n", sanitize_line(&sprint.name), sprint.start, sprint.end)?;
    if !sprint.goal.is_empty() {
        writeln!(out, "**Goal:** {}\n", sanitize_line(&sprint.goal))?;
    }
    writeln!(out, "### Capacity\n")?;
    write_capacity_tables(c, out)?;
    writeln!(out, "### Split ({} of {} points planned)\n", points(split.load), points(c.plannable))?;
    if let Some(line) = finish_line(plan) {
        writeln!(out, "{line}\n")?;
    }
    write_split_table(split, out)?;
    super::people::write_markdown(&plan.load, out)?;
    writeln!(out, "### Guardrails\n")?;
    if guardrails.is_empty() {
        writeln!(out, "All clear: the sprint respects the policy.")?;
    }
    for g in guardrails {
        writeln!(out, "- **{}** {}", g.severity.as_str(), sanitize_line(&g.message))?;
    }
    Ok(())
}

fn source_json(source: &Source) -> Value {
    match source {
        Source::History(names) => json!({ "kind": "history", "sprints": names }),
        Source::Configured => json!({ "kind": "configured" }),
    }
}

/// "P(finish) 62%: the chance of finishing the 30 planned points, from 6 past sprints' say/do".
fn finish_line(plan: &SprintPlan) -> Option<String> {
    let f = plan.finish?;
    let sprints = crate::domain::text::count(f.history, "past sprint", "past sprints");
    Some(format!(
        "P(finish) {}: the chance of finishing the {} planned points, from {sprints}' say/do (see `flowdeck forecast`)",
        percent(f.chance),
        points(plan.split.load)
    ))
}

pub fn to_json(plan: &SprintPlan) -> Value {
    let SprintPlan { sprint, capacity: c, split, guardrails, .. } = plan;
    let kinds: serde_json::Map<String, Value> = split
        .kinds
        .iter()
        .map(|k| {
            (
                k.kind.as_str().to_string(),
                json!({
                    "planned": round3(k.planned),
                    "share": round3(k.share),
                    "target": round3(k.target),
                    "min": round3(k.min),
                    "max": round3(k.max),
                }),
            )
        })
        .collect();
    json!({
        "sprint": { "name": sprint.name, "start": sprint.start, "end": sprint.end, "state": sprint.state.as_str(), "goal": sprint.goal },
        "capacity": {
            "weekdays": c.weekdays,
            "holidays": c.holidays.iter().map(|(d, n)| json!({ "date": d, "name": n })).collect::<Vec<_>>(),
            "working_days": c.working_days,
            "members": c.members.iter().map(|m| json!({
                "name": m.name, "days_off": m.days_off, "allocation": m.allocation, "focus": m.focus,
                "person_days": round3(m.person_days),
            })).collect::<Vec<_>>(),
            "person_days": round3(c.person_days),
            "points_per_person_day": round3(c.points_per_person_day),
            "points_per_person_day_source": source_json(&c.points_per_person_day_source),
            "points": round3(c.points),
            "reserve_share": round3(c.reserve_share),
            "reserve_source": source_json(&c.reserve_source),
            "reserve_points": round3(c.reserve_points),
            "plannable": round3(c.plannable),
        },
        "load": round3(split.load),
        "kinds": kinds,
        "investment": { "planned": round3(split.investment), "share": round3(split.investment_share), "floor": round3(split.floor) },
        "people": super::people::to_json(&plan.load),
        "p_finish": plan.finish.map(|f| round3(f.chance)),
        "guardrails": guardrails.iter().map(|g| json!({
            "id": g.id, "rule": g.rule.as_str(), "severity": g.severity.as_str(), "message": g.message,
        })).collect::<Vec<_>>(),
    })
}
