//! The planning brief's figures, gathered once: the sprint's plan, the chosen items with their
//! score breakdowns, and the top of the debt register. `report::brief` renders it.

use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::debt::{Filter, SortKey};
use crate::domain::scoring::{score, ScoreBreakdown};
use crate::domain::{Policy, WorkItem, Workspace};

use super::debt::{register_report, RegisterReport};
use super::forecast::{forecast, Forecast, Selection};
use super::planning::{fallbacks, find_sprint, sprint_plan, SprintPlan};
use super::projection::{project, Overrides, Projection, DEFAULT_SEED};

/// A planned item and why it scores what it scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    pub item: WorkItem,
    pub breakdown: ScoreBreakdown,
}

/// Everything the brief shows. Each section of `report::brief` reads one part, so a section
/// can be added from a new field without touching the others.
pub struct Brief<'a> {
    pub prepared_on: NaiveDate,
    pub plan: SprintPlan,
    pub policy: &'a Policy,
    /// The sprint's items, best score first.
    pub chosen: Vec<Chosen>,
    /// The register's totals and its top rows (by payback).
    pub debt: RegisterReport<'a>,
    /// What technical investment buys over the coming sprints (none without a sprint to start from).
    pub projection: Option<Projection>,
    /// Where the projection's SVG chart was written, to link from the brief.
    pub chart: Option<String>,
    /// P(finish) and when the top items are done; only for the current sprint (the one a
    /// forecast starts from), and `None` without one.
    pub forecast: Option<Forecast>,
}

/// Items the brief's forecast dates: the best-ranked ones not yet planned.
pub const FORECAST_TOP: usize = 5;

/// The brief for the sprint named `sprint`, or the one being planned or run.
pub fn brief<'a>(
    ws: &'a Workspace,
    settings: &Settings,
    sprint: Option<&str>,
    chart: Option<&str>,
    today: NaiveDate,
) -> Result<Brief<'a>, String> {
    let sprint = find_sprint(ws, sprint)?;
    let fallbacks = fallbacks(settings);
    let plan = sprint_plan(ws, sprint, &fallbacks, today);
    let mut chosen: Vec<Chosen> =
        plan.planned.iter().map(|i| Chosen { item: i.clone(), breakdown: score(i, &ws.policy) }).collect();
    chosen.sort_by(|a, b| b.breakdown.score.total_cmp(&a.breakdown.score).then(a.item.id.cmp(&b.item.id)));
    let mut debt = register_report(ws, today, &settings.debt, &fallbacks, Filter::default(), SortKey::Payback);
    debt.rows.truncate(settings.debt.top);
    let projection = project(ws, &fallbacks, &settings.projection, &Overrides::default(), DEFAULT_SEED).ok();
    let current = ws.current_sprint().is_some_and(|c| c.id == sprint.id);
    let forecast = current
        .then(|| forecast(ws, settings, Selection::Top(FORECAST_TOP), None, super::forecast::DEFAULT_SEED).ok())
        .flatten();
    Ok(Brief {
        prepared_on: today,
        plan,
        policy: &ws.policy,
        chosen,
        debt,
        projection,
        chart: chart.map(str::to_string),
        forecast,
    })
}
