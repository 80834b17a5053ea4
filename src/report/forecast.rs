//! `flowdeck forecast` as text or JSON (a stable contract documented in the README).

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::forecast::Amounts;
use crate::domain::forecast::{FutureSprint, Warning, MAX_HORIZON, MIN_HISTORY};
use crate::domain::text::sanitize_line;
use crate::service::forecast::{ByDate, Dates, Forecast};

use super::markdown::cell;
use super::numbers::{percent, points, round3};

/// A warning in plain words.
pub fn warning_text(w: &Warning) -> String {
    match w {
        Warning::NoHistory => "no closed sprint with a plan yet: nothing to resample, so no forecast".into(),
        Warning::ShortHistory { sprints } => {
            format!(
                "only {sprints} closed sprint(s) of history (fewer than {MIN_HISTORY}): treat these figures as rough"
            )
        }
        Warning::WideSpread { lowest, highest } => format!(
            "unstable history: say/do ranged from {} to {}, so the percentiles are far apart",
            percent(*lowest),
            percent(*highest)
        ),
        Warning::NoCapacity => "no plannable capacity in the current sprint: nothing can be finished".into(),
    }
}

pub fn sprint_text(s: &Option<FutureSprint>) -> String {
    match s {
        Some(s) => format!(
            "{} ({} → {}{})",
            sanitize_line(&s.name),
            s.start,
            s.end,
            if s.proposed { ", not created yet" } else { "" }
        ),
        None => format!("beyond {MAX_HORIZON} sprints"),
    }
}

fn dates_text(d: &Dates) -> String {
    format!("P50 {} · P85 {} · P95 {}", sprint_text(&d[0]), sprint_text(&d[1]), sprint_text(&d[2]))
}

pub fn write_text(f: &Forecast, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "Forecast from {} closed sprint(s) of say/do ({} trials, seed {})", f.history, f.trials, f.seed)?;
    let chance = f.p_finish.map_or_else(|| "unknown".to_string(), percent);
    writeln!(
        out,
        "{}: {} of {} plannable points planned — P(finish) {chance}",
        sanitize_line(&f.sprint),
        points(f.load),
        points(f.plannable)
    )?;
    if f.p_finish.is_some() && !f.items.is_empty() {
        writeln!(
            out,
            "\nWhen done (the sprint's plan first, then by rank under the policy and the links; each sprint its own capacity):"
        )?;
        writeln!(out, "  all {} item(s): {}", f.items.len(), dates_text(&f.all))?;
        for i in &f.items {
            let mark = if i.in_sprint { " [in sprint]" } else { "" };
            writeln!(out, "  {} {} pts{mark} {}", sanitize_line(&i.key), points(i.points), sanitize_line(&i.title))?;
            writeln!(out, "      {}", dates_text(&i.done))?;
        }
    }
    if f.p_finish.is_some() && !f.roadmap.is_empty() {
        writeln!(out, "\nRoadmap at P50 (the sprint a median run finishes each item in; * selected):")?;
        for r in &f.roadmap {
            let done: f64 = r.items.iter().map(|i| i.points).sum();
            writeln!(
                out,
                "  {} — {} plannable, {} pts done",
                sprint_text(&Some(r.sprint.clone())),
                points(r.capacity),
                points(done)
            )?;
            for i in &r.items {
                let mark = if i.selected { "*" } else { " " };
                writeln!(
                    out,
                    "    {mark} {} {} pts {}",
                    sanitize_line(&i.key),
                    points(i.points),
                    sanitize_line(&i.title)
                )?;
            }
        }
    }
    if let Some(b) = &f.by {
        write_by_text(b, out)?;
    }
    for w in &f.warnings {
        writeln!(out, "warning: {}", warning_text(w))?;
    }
    Ok(())
}

fn by_heading(b: &ByDate) -> String {
    match &b.last {
        Some(s) => format!("Done by {} (whole sprints through {})", b.date, sprint_text(&Some(s.clone()))),
        None => format!("Done by {} (no sprint ends by then: nothing counted)", b.date),
    }
}

fn amounts_text(a: &Amounts) -> String {
    format!(
        "P50 {} pts / {} items · P85 {} pts / {} items · P95 {} pts / {} items",
        points(a.points[0]),
        a.items[0],
        points(a.points[1]),
        a.items[1],
        points(a.points[2]),
        a.items[2]
    )
}

fn write_by_text(b: &ByDate, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\n{} — done in at least 50/85/95% of runs:", by_heading(b))?;
    for (kind, a) in &b.kinds {
        writeln!(out, "  {:<8} {}", kind.as_str(), amounts_text(a))?;
    }
    writeln!(out, "  {:<8} {}", "all", amounts_text(&b.total))
}

fn write_by_md(b: &ByDate, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "### {}\n", cell(&by_heading(b)))?;
    writeln!(out, "| Kind | P50 pts | P50 items | P85 pts | P85 items | P95 pts | P95 items |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |")?;
    let rows = b.kinds.iter().map(|(k, a)| (k.as_str(), a)).chain(std::iter::once(("**all**", &b.total)));
    for (name, a) in rows {
        writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} |",
            points(a.points[0]),
            a.items[0],
            points(a.points[1]),
            a.items[1],
            points(a.points[2]),
            a.items[2]
        )?;
    }
    writeln!(out)
}

fn amounts_json(a: &Amounts) -> Value {
    json!({
        "points": {"p50": round3(a.points[0]), "p85": round3(a.points[1]), "p95": round3(a.points[2])},
        "items": {"p50": a.items[0], "p85": a.items[1], "p95": a.items[2]},
    })
}

fn by_json(b: &ByDate) -> Value {
    let mut kinds = serde_json::Map::new();
    for (k, a) in &b.kinds {
        kinds.insert(k.as_str().to_string(), amounts_json(a));
    }
    json!({"date": b.date.to_string(), "last_sprint": sprint_json(&b.last), "kinds": kinds, "total": amounts_json(&b.total)})
}

fn sprint_md(s: &Option<FutureSprint>) -> String {
    cell(&sprint_text(s))
}

/// The forecast as Markdown: a paragraph for the sprint, a table of when-done, the roadmap.
pub fn write_md(f: &Forecast, out: &mut impl Write) -> io::Result<()> {
    let chance = f.p_finish.map_or_else(|| "unknown".to_string(), percent);
    writeln!(
        out,
        "## Forecast · {}
",
        cell(&f.sprint)
    )?;
    writeln!(
        out,
        "{} of {} plannable points planned — **P(finish) {chance}** (from {} closed sprint(s) of say/do, {} trials, seed {}).\n",
        points(f.load),
        points(f.plannable),
        f.history,
        f.trials,
        f.seed
    )?;
    if f.p_finish.is_some() && !f.items.is_empty() {
        writeln!(out, "### When done\n")?;
        writeln!(out, "| Item | Points | P50 | P85 | P95 |")?;
        writeln!(out, "| --- | ---: | --- | --- | --- |")?;
        for i in &f.items {
            let mark = if i.in_sprint { " (in sprint)" } else { "" };
            writeln!(
                out,
                "| {} {}{mark} | {} | {} | {} | {} |",
                cell(&i.key),
                cell(&i.title),
                points(i.points),
                sprint_md(&i.done[0]),
                sprint_md(&i.done[1]),
                sprint_md(&i.done[2])
            )?;
        }
        writeln!(
            out,
            "| **all {} item(s)** | | {} | {} | {} |\n",
            f.items.len(),
            sprint_md(&f.all[0]),
            sprint_md(&f.all[1]),
            sprint_md(&f.all[2])
        )?;
    }
    if f.p_finish.is_some() && !f.roadmap.is_empty() {
        writeln!(out, "### Roadmap at P50\n")?;
        writeln!(out, "| Sprint | Plannable | Done at P50 (* selected) |")?;
        writeln!(out, "| --- | ---: | --- |")?;
        for r in &f.roadmap {
            let items: Vec<String> = r
                .items
                .iter()
                .map(|i| format!("{}{} ({} pts)", if i.selected { "*" } else { "" }, cell(&i.key), points(i.points)))
                .collect();
            writeln!(
                out,
                "| {} | {} | {} |",
                sprint_md(&Some(r.sprint.clone())),
                points(r.capacity),
                items.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    if let Some(b) = &f.by {
        write_by_md(b, out)?;
    }
    for w in &f.warnings {
        writeln!(out, "> warning: {}", cell(&warning_text(w)))?;
    }
    Ok(())
}

fn sprint_json(s: &Option<FutureSprint>) -> Value {
    s.as_ref().map_or(
        Value::Null,
        |s| json!({"name": s.name, "start": s.start.to_string(), "end": s.end.to_string(), "proposed": s.proposed}),
    )
}

fn dates_json(d: &Dates) -> Value {
    json!({"p50": sprint_json(&d[0]), "p85": sprint_json(&d[1]), "p95": sprint_json(&d[2])})
}

pub fn to_json(f: &Forecast) -> Value {
    json!({
        "sprint": {
            "name": f.sprint,
            "load": round3(f.load),
            "plannable": round3(f.plannable),
            "p_finish": f.p_finish.map(round3),
        },
        "history_sprints": f.history,
        "trials": f.trials,
        "seed": f.seed,
        "all": dates_json(&f.all),
        "items": f.items.iter().map(|i| json!({
            "key": i.key,
            "title": i.title,
            "points": round3(i.points),
            "in_sprint": i.in_sprint,
            "done": dates_json(&i.done),
        })).collect::<Vec<_>>(),
        "roadmap": f.roadmap.iter().map(|r| json!({
            "sprint": sprint_json(&Some(r.sprint.clone())),
            "capacity": round3(r.capacity),
            "items": r.items.iter().map(|i| json!({
                "key": i.key,
                "title": i.title,
                "points": round3(i.points),
                "selected": i.selected,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "by": f.by.as_ref().map_or(Value::Null, by_json),
        "warnings": f.warnings.iter().map(warning_text).collect::<Vec<_>>(),
    })
}
