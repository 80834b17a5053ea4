//! `flowdeck plan auto`: the proposal, what was relaxed, and what was cut and why.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::domain::assign::Assignment;
use crate::domain::optimizer::{AutoFill, Relaxation};
use crate::domain::scoring::benefit;
use crate::domain::text::sanitize_line;
use crate::domain::{ItemId, WorkItem, Workspace};

use super::numbers::{percent, points, round3};

fn label(ws: &Workspace, id: ItemId) -> String {
    ws.item(id).and_then(|i| i.key.as_deref().map(sanitize_line)).unwrap_or_else(|| format!("#{}", id.0))
}

fn reason_text(ws: &Workspace, reason: &crate::domain::optimizer::CutReason) -> String {
    reason.describe_with(&|id| label(ws, id))
}

/// The chosen items that wait for `id`, by label, when there are any.
fn unblocks(v: &PlanView<'_>, id: ItemId) -> Option<String> {
    let (_, waiting) = v.result.unblocks.iter().find(|(b, _)| *b == id)?;
    Some(waiting.iter().map(|d| label(v.ws, *d)).collect::<Vec<_>>().join(", "))
}

pub struct PlanView<'a> {
    pub ws: &'a Workspace,
    pub sprint: &'a str,
    pub plannable: f64,
    pub chosen: &'a [WorkItem],
    pub result: &'a AutoFill,
    pub total_benefit: f64,
    pub applied: bool,
    /// The "assign" step's proposal, when asked for (`plan auto --assign`).
    pub assign: Option<&'a Assignment<ItemId>>,
}

/// The proposal without the closing line (the TUI shows it in its preview).
pub fn write_body(v: &PlanView<'_>, out: &mut impl Write) -> io::Result<()> {
    let load = f64::from(v.result.plan.load) / 2.0;
    writeln!(
        out,
        "Auto-fill for {}: {}, {} of {} plannable points, total benefit {:.2}",
        sanitize_line(v.sprint),
        crate::domain::text::count(v.chosen.len(), "item", "items"),
        points(load),
        points(v.plannable),
        v.total_benefit
    )?;
    writeln!(out, "Optimal: no other choice of items within these bounds has a higher total benefit.\n")?;
    for item in v.chosen {
        let mut marks = String::new();
        if item.pinned {
            marks.push_str(" [pinned]");
        } else if v.result.forced.contains(&item.id) {
            marks.push_str(" [planned first]");
        } else if v.result.pulled_in.contains(&item.id) {
            marks.push_str(" [needed by a pinned item]");
        }
        if let Some(waiting) = unblocks(v, item.id) {
            marks.push_str(&format!(" [unblocks {waiting}]"));
        }
        writeln!(
            out,
            "  {:<10} {:<7} {:>4}  benefit {:>5.2}  {}{marks}",
            label(v.ws, item.id),
            item.kind.as_str(),
            item.estimate.to_string(),
            benefit(item, &v.ws.policy.weights),
            sanitize_line(&item.title),
        )?;
    }
    write_planned_first(v, out)?;
    for (pinned, blocker) in &v.result.pinned_waiting {
        writeln!(
            out,
            "\nPinned but waiting: {} waits for {}, which cannot be planned now; it stays pinned.",
            label(v.ws, *pinned),
            label(v.ws, *blocker)
        )?;
    }
    writeln!(out, "\nBy kind")?;
    for (kind, halves) in v.result.plan.load_by_kind.iter() {
        let share = if v.result.plan.load > 0 { f64::from(halves) / f64::from(v.result.plan.load) } else { 0.0 };
        writeln!(out, "  {:<8} {:>5} points  {:>4}", kind.as_str(), points(f64::from(halves) / 2.0), percent(share))?;
    }
    if !v.result.relaxations.is_empty() {
        writeln!(out, "\nRelaxed to make a full sprint possible")?;
        for r in &v.result.relaxations {
            writeln!(out, "  {}", r.describe())?;
        }
    }
    if !v.result.cut.is_empty() {
        writeln!(out, "\nLeft out ({}), by reason", v.result.cut.len())?;
        // Grouped: fifty lines of "no room left" would bury the interesting reasons; each
        // group names its first KEYS_SHOWN items (a backlog of 100k would print a megabyte).
        let mut groups: std::collections::BTreeMap<String, Vec<ItemId>> = std::collections::BTreeMap::new();
        for c in &v.result.cut {
            groups.entry(reason_text(v.ws, &c.reason)).or_default().push(c.id);
        }
        for (reason, ids) in groups {
            let keys: Vec<String> = ids.iter().take(KEYS_SHOWN).map(|id| label(v.ws, *id)).collect();
            let more = match ids.len().saturating_sub(KEYS_SHOWN) {
                0 => String::new(),
                n => format!(" and {n} more (--format json lists every one)"),
            };
            writeln!(out, "  {reason} ({}): {}{more}", ids.len(), keys.join(", "))?;
        }
    }
    Ok(())
}

/// Items named per reason in "Left out"; the JSON lists them all.
const KEYS_SHOWN: usize = 100;

/// The policy's part: which overdue high-risk debts went in before anything else, and which
/// would have but do not fit (said, never silently dropped).
fn write_planned_first(v: &PlanView<'_>, out: &mut impl Write) -> io::Result<()> {
    let keys = |ids: &[ItemId]| ids.iter().map(|id| label(v.ws, *id)).collect::<Vec<_>>().join(", ");
    if !v.result.forced.is_empty() {
        writeln!(out, "\nPlanned first: overdue high-risk debt (policy): {}", keys(&v.result.forced))?;
    }
    if !v.result.forced_unfit.is_empty() {
        let need: f64 = v.result.forced_unfit.iter().filter_map(|id| v.ws.item(*id)).map(|i| i.estimate.points()).sum();
        writeln!(
            out,
            "{}Does not fit: overdue high-risk debt (policy) {} needs {} points beyond what pinned items \
             and the debt above leave; make room (unpin, or raise capacity) or defer it with a rationale.",
            if v.result.forced.is_empty() { "\n" } else { "" },
            keys(&v.result.forced_unfit),
            points(need)
        )?;
    }
    Ok(())
}

fn member_name(ws: &Workspace, id: crate::domain::MemberId) -> String {
    ws.members.iter().find(|m| m.id == id).map_or_else(|| format!("#{}", id.0), |m| sanitize_line(&m.name))
}

fn write_assignment(ws: &Workspace, a: &Assignment<ItemId>, out: &mut impl Write) -> io::Result<()> {
    let how = if a.exact { "every assignment tried" } else { "largest first, to whoever has most room" };
    writeln!(out, "\nAssignees for the unassigned chosen items ({how}):")?;
    if a.proposed.is_empty() {
        writeln!(out, "  every chosen item already has an assignee")?;
    }
    for (item, member) in &a.proposed {
        let who =
            member.map_or_else(|| "nobody: no member has the skills it needs".to_string(), |m| member_name(ws, m));
        writeln!(out, "  {:<12} → {who}", label(ws, *item))?;
    }
    if a.over.is_empty() {
        writeln!(out, "  nobody ends over their share")?;
    }
    for (_, name, halves) in &a.over {
        writeln!(out, "  {} ends {} points over their share", sanitize_line(name), points(f64::from(*halves) / 2.0))?;
    }
    Ok(())
}

pub fn write_text(v: &PlanView<'_>, out: &mut impl Write) -> io::Result<()> {
    write_body(v, out)?;
    if let Some(a) = v.assign {
        write_assignment(v.ws, a, out)?;
    }
    if v.applied {
        writeln!(out, "\nSaved as the plan of {}.", sanitize_line(v.sprint))?;
    } else {
        let flags = if v.assign.is_some() { "--apply --assign" } else { "--apply" };
        writeln!(out, "\nNothing was changed. Run `flowdeck plan auto {flags}` to save this plan.")?;
    }
    Ok(())
}

fn relaxation_json(r: &Relaxation) -> Value {
    let (bound, from, to) = match r {
        Relaxation::KindMin { kind, from, to } => (format!("min-share:{}", kind.as_str()), *from, *to),
        Relaxation::KindMax { kind, from, to, .. } => (format!("max-share:{}", kind.as_str()), *from, *to),
        Relaxation::InvestmentFloor { from, to } => ("investment-floor".to_string(), *from, *to),
        Relaxation::Capacity { from, to } => ("capacity".to_string(), f64::from(*from) / 2.0, f64::from(*to) / 2.0),
    };
    json!({ "bound": bound, "from": round3(from), "to": round3(to), "message": r.describe() })
}

pub fn to_json(v: &PlanView<'_>) -> Value {
    let load_by_kind: serde_json::Map<String, Value> = v
        .result
        .plan
        .load_by_kind
        .iter()
        .map(|(k, halves)| (k.as_str().to_string(), json!(f64::from(halves) / 2.0)))
        .collect();
    json!({
        "sprint": v.sprint,
        "capacity_points": round3(v.plannable),
        "total_benefit": round3(v.total_benefit),
        "load": f64::from(v.result.plan.load) / 2.0,
        "load_by_kind": load_by_kind,
        "chosen": v.chosen.iter().map(|i| json!({
            "id": i.id.0, "key": i.key, "title": sanitize_line(&i.title), "kind": i.kind.as_str(),
            "estimate": i.estimate.points(), "benefit": round3(benefit(i, &v.ws.policy.weights)), "pinned": i.pinned,
            "planned_first": v.result.forced.contains(&i.id),
            "unblocks": v.result.unblocks.iter().find(|(b, _)| *b == i.id)
                .map_or_else(Vec::new, |(_, ds)| ds.iter().map(|d| label(v.ws, *d)).collect::<Vec<_>>()),
        })).collect::<Vec<_>>(),
        "pulled_in": v.result.pulled_in.iter().map(|id| label(v.ws, *id)).collect::<Vec<_>>(),
        "pinned_waiting": v.result.pinned_waiting.iter()
            .map(|(p, b)| json!({ "pinned": label(v.ws, *p), "waits_for": label(v.ws, *b) })).collect::<Vec<_>>(),
        "planned_first": v.result.forced.iter().map(|id| label(v.ws, *id)).collect::<Vec<_>>(),
        "planned_first_unfit": v.result.forced_unfit.iter().map(|id| label(v.ws, *id)).collect::<Vec<_>>(),
        "relaxations": v.result.relaxations.iter().map(relaxation_json).collect::<Vec<_>>(),
        "cut": v.result.cut.iter().map(|c| json!({
            "id": c.id.0, "key": v.ws.item(c.id).and_then(|i| i.key.clone()), "reason": reason_text(v.ws, &c.reason),
        })).collect::<Vec<_>>(),
        "applied": v.applied,
        "assign": v.assign.map(|a| json!({
            "exact": a.exact,
            "proposed": a.proposed.iter().map(|(item, member)| json!({
                "key": label(v.ws, *item),
                "assignee": member.map(|m| member_name(v.ws, m)),
            })).collect::<Vec<_>>(),
            "over": a.over.iter().map(|(_, name, halves)| json!({ "name": name, "points": f64::from(*halves) / 2.0 })).collect::<Vec<_>>(),
        })),
    })
}
