//! One item, every field: `flowdeck item show` as text or JSON.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::edits::label;
use crate::domain::scoring::score;
use crate::domain::text::{format_points, sanitize_line};
use crate::domain::{WorkItem, Workspace};
use crate::interchange::from_workspace::item_doc;
use crate::interchange::links::Namer;

/// Where the item stands in the ranking of the candidates, if it is one.
pub struct Standing {
    pub rank: Option<usize>,
    pub of: usize,
}

pub fn write_text(ws: &Workspace, item: &WorkItem, standing: &Standing, out: &mut impl Write) -> io::Result<()> {
    let s = score(item, &ws.policy);
    let yes = |b: bool| if b { "yes" } else { "no" };
    let sprint = item.sprint.and_then(|id| ws.sprint(id)).map(|s| format!(" in {}", s.name)).unwrap_or_default();
    writeln!(out, "{} (#{}) · version {}", label(item), item.id.0, item.version)?;
    let row = |out: &mut dyn Write, name: &str, value: String| writeln!(out, "  {name:<14} {value}");
    row(out, "title", sanitize_line(&item.title))?;
    row(out, "kind", item.kind.as_str().to_string())?;
    row(out, "status", format!("{}{sprint}", item.status.as_str()))?;
    let estimate = if item.is_unestimated() { "unestimated (0)".to_string() } else { item.estimate.to_string() };
    row(out, "estimate", estimate)?;
    row(out, "impact", item.impact.to_string())?;
    row(out, "risk", item.risk.to_string())?;
    row(out, "time to value", item.time_to_value.to_string())?;
    let rank = match standing.rank {
        Some(r) => format!(", rank {r} of {}", standing.of),
        None => ", not a candidate".to_string(),
    };
    row(out, "score", format!("{:.2} ({}; benefit {:.2}){rank}", s.score, ws.policy.model.as_str(), s.benefit))?;
    let tags: Vec<String> = item.tags.iter().map(|t| sanitize_line(t)).collect();
    row(out, "tags", if tags.is_empty() { "—".into() } else { tags.join(", ") })?;
    row(out, "outcome", item.outcome.as_deref().map_or("—".into(), sanitize_line))?;
    let assignee = item.assignee.and_then(|a| ws.members.iter().find(|m| m.id == a));
    row(out, "assignee", assignee.map_or("—".into(), |m| sanitize_line(&m.name)))?;
    row(out, "skills", if item.skills.is_empty() { "—".into() } else { item.skills.join(", ") })?;
    let blockers = crate::domain::dependencies::blockers_text(ws, item);
    row(out, "blocked by", if blockers.is_empty() { "—".into() } else { sanitize_line(&blockers) })?;
    row(out, "pinned", yes(item.pinned).into())?;
    row(out, "excluded", yes(item.excluded).into())?;
    row(out, "created", item.created.date_naive().to_string())?;
    row(out, "updated", item.updated.format("%Y-%m-%d %H:%M UTC").to_string())?;
    if let Some(d) = &item.debt {
        let a = &d.agreement;
        let text = |t: &str| if t.is_empty() { "—".to_string() } else { sanitize_line(t) };
        writeln!(out, "  debt register")?;
        row(out, "interest", d.interest.to_string())?;
        row(out, "visibility", d.visibility.to_string())?;
        let drag = match d.drag {
            Some(v) => format_points(v),
            None => format!("{} (0.1 × interest × visibility)", format_points(d.effective_drag())),
        };
        row(out, "drag", drag)?;
        row(out, "category", d.category.as_str().into())?;
        row(out, "risk area", d.risk_area.as_str().into())?;
        row(out, "reason", text(&a.reason))?;
        row(out, "cost", text(&a.impact))?;
        row(out, "trigger date", a.trigger_date.map_or("—".into(), |d| d.to_string()))?;
        row(out, "trigger if", text(&a.trigger_condition))?;
        row(out, "owner", text(&a.owner))?;
        row(out, "linked key", a.linked_key.as_deref().map_or("—".into(), sanitize_line))?;
        row(out, "deferrals", d.deferrals.len().to_string())?;
    }
    Ok(())
}

/// The export's item record, plus what identifies this row now: number, version, score, rank.
pub fn to_json(ws: &Workspace, item: &WorkItem, standing: &Standing) -> Value {
    let s = score(item, &ws.policy);
    let mut value = serde_json::to_value(item_doc(ws, item, &Namer::by_number(ws))).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("number".into(), json!(item.id.0));
        map.insert("version".into(), json!(item.version));
        map.insert("unestimated".into(), json!(item.is_unestimated()));
        map.insert("score".into(), json!((s.score * 100.0).round() / 100.0));
        map.insert("rank".into(), json!(standing.rank));
    }
    value
}
