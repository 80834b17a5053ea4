//! The sprint lifecycle as the CLI and the TUI ask for it: which sprint is meant, whether its
//! plan may start (blocking guardrails), and a close described in words turned into outcomes.

use chrono::NaiveDate;

use crate::domain::capacity::Fallbacks;
use crate::domain::change::ChangeSet;
use crate::domain::guardrails::Severity;
use crate::domain::sprint_lifecycle::{self, Closing, ItemOutcome};
use crate::domain::{HalfPoints, Kind, Sprint, SprintState, Workspace};

use super::debt::find_item;
use super::planning::sprint_plan;

/// The sprint named, or the one the step applies to: the first in planning for `start`,
/// the running one for `close`.
pub fn sprint_for<'a>(ws: &'a Workspace, name: Option<&str>, state: SprintState) -> Result<&'a Sprint, String> {
    if let Some(name) = name {
        return super::planning::find_sprint(ws, Some(name));
    }
    ws.sprints.iter().find(|s| s.state == state).ok_or_else(|| match state {
        SprintState::Planning => "no sprint is in planning: create one with `flowdeck sprint new`".to_string(),
        SprintState::Active => "no sprint is running: start one with `flowdeck sprint start`".to_string(),
        SprintState::Closed => "no sprint is closed yet".to_string(),
    })
}

/// Starting snapshots the plan. A guardrail the policy marks as blocking (over-commitment by
/// default) stops it unless `force`: that is what "blocking" means.
pub fn start(
    ws: &Workspace,
    sprint: &Sprint,
    force: bool,
    fallbacks: &Fallbacks,
    today: NaiveDate,
) -> Result<ChangeSet, String> {
    let plan = sprint_plan(ws, sprint, fallbacks, today);
    let blocking: Vec<String> =
        plan.guardrails.iter().filter(|g| g.severity == Severity::Block).map(|g| g.message.clone()).collect();
    if !blocking.is_empty() && !force {
        return Err(format!(
            "{} cannot start while a blocking guardrail fails:\n  - {}\nFix the plan, or start anyway with --force.",
            sprint.name,
            blocking.join("\n  - ")
        ));
    }
    sprint_lifecycle::start(ws, sprint.id)
}

/// A close as typed: `carried` entries are `KEY=REMAINING`, `dropped` are keys, `unplanned`
/// entries are `KIND=POINTS`; every value may also be a comma-separated list.
#[derive(Debug, Clone, Default)]
pub struct CloseRequest {
    pub carried: Vec<String>,
    pub dropped: Vec<String>,
    pub unplanned: Vec<String>,
    pub rework: Option<f64>,
    pub delivery: crate::domain::DeliveryFigures,
}

fn parts(values: &[String]) -> impl Iterator<Item = &str> {
    values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|p| !p.is_empty())
}

fn points(text: &str, what: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("{what}: '{text}' is not a number of points (e.g. 3 or 2.5)")),
    }
}

/// The closing a `sprint close` asks for; it closes today (no `closed_on`), which the lifecycle
/// fills in, so only a date the user gives is checked against the start.
pub fn closing(ws: &Workspace, request: &CloseRequest) -> Result<Closing, String> {
    let mut closing = Closing {
        rework: request.rework.unwrap_or(0.0),
        delivery: request.delivery.clone(),
        closed_on: None,
        ..Closing::default()
    };
    for part in parts(&request.carried) {
        let (key, remaining) = part
            .split_once('=')
            .ok_or_else(|| format!("--carried {part}: say what remains, e.g. --carried {part}=3"))?;
        let id = find_item(ws, key)?;
        let remaining = HalfPoints::from_points(points(remaining, &format!("--carried {part}"))?)
            .map_err(|e| format!("--carried {part}: {e}"))?;
        if closing.outcomes.insert(id, ItemOutcome::Carried { remaining }).is_some() {
            return Err(format!("{key} is named twice"));
        }
    }
    for key in parts(&request.dropped) {
        let id = find_item(ws, key)?;
        if closing.outcomes.insert(id, ItemOutcome::Dropped).is_some() {
            return Err(format!("{key} is named twice (carried over and dropped?)"));
        }
    }
    for part in parts(&request.unplanned) {
        let (kind, value) = part
            .split_once('=')
            .ok_or_else(|| format!("--unplanned {part}: say the kind and the points, e.g. --unplanned defect=5"))?;
        let kind: Kind = kind.parse().map_err(|e| format!("--unplanned {part}: {e}"))?;
        let value = points(value, &format!("--unplanned {part}"))?;
        closing.unplanned.set(kind, closing.unplanned.get(kind) + value);
    }
    Ok(closing)
}
