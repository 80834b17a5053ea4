//! "Will we finish this sprint?" and "when will these be done?" for the current sprint and a
//! selection of work: the domain's Monte Carlo fed with this workspace's history and capacity.

use crate::config::Settings;
use crate::domain::capacity::capacity;
use crate::domain::forecast::{
    capacities, future_sprints, p_finish, warnings, when_done, FutureSprint, Warning, WhenDone,
};
use crate::domain::forecast::{done_by, relative, usable, Amounts, MAX_HORIZON};
use crate::domain::history::completion_ratios;
use crate::domain::{Kind, SprintState, Status, WorkItem, Workspace};
use chrono::NaiveDate;

use super::forecast_order::work_order;
use super::planning::{fallbacks, ranking};

/// Items forecast when none are named: the best-ranked ones not yet planned.
pub const DEFAULT_TOP: usize = 10;
/// The default seed, so two runs over the same data print the same percentages.
pub const DEFAULT_SEED: u64 = 42;

/// What to forecast: named items, the best `n` not yet planned, or the open work (sprint plan
/// and backlog, in rank order) with a tag and/or of a kind, at most `top` of it.
pub enum Selection<'a> {
    Keys(&'a [String]),
    Top(usize),
    Matching { tag: Option<&'a str>, kind: Option<Kind>, top: Option<usize> },
}

/// The sprint by which work is done at P50, P85 and P95; `None`: beyond the horizon.
pub type Dates = [Option<FutureSprint>; 3];

pub struct ItemForecast {
    pub key: String,
    pub title: String,
    pub points: f64,
    /// Already planned into the current sprint.
    pub in_sprint: bool,
    pub done: Dates,
}

/// One sprint of the roadmap at P50: the work a median run finishes in it.
pub struct RoadmapSprint {
    pub sprint: FutureSprint,
    /// Its own plannable points.
    pub capacity: f64,
    /// Queue items (rank order) whose P50 is this sprint; `selected`: asked for.
    pub items: Vec<RoadmapItem>,
}

pub struct RoadmapItem {
    pub key: String,
    pub title: String,
    pub points: f64,
    pub selected: bool,
}

/// What the team has done by a date: whole sprints ending on or before it count.
pub struct ByDate {
    pub date: NaiveDate,
    /// The last sprint that counts; `None` when none ends by the date.
    pub last: Option<FutureSprint>,
    pub kinds: Vec<(Kind, Amounts)>,
    pub total: Amounts,
}

pub struct Forecast {
    pub sprint: String,
    pub load: f64,
    pub plannable: f64,
    /// `None` without history.
    pub p_finish: Option<f64>,
    /// Closed sprints whose say/do is resampled.
    pub history: usize,
    pub warnings: Vec<Warning>,
    pub items: Vec<ItemForecast>,
    /// When all the selected items are done (the last of them in rank order).
    pub all: Dates,
    /// From the current sprint to the last one a selected item's P50 reaches.
    pub roadmap: Vec<RoadmapSprint>,
    /// With `--by`: how much is done by that date.
    pub by: Option<ByDate>,
    pub trials: usize,
    pub seed: u64,
}

fn key_of(item: &WorkItem) -> String {
    item.key.clone().unwrap_or_else(|| format!("#{}", item.id.0))
}

/// Why a named key cannot be forecast, in words that say what to do.
fn not_forecastable(ws: &Workspace, key: &str) -> String {
    match ws.items.iter().find(|i| i.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key))) {
        None => format!("no item with key '{key}' (`flowdeck rank` lists the open ones)"),
        Some(i) => format!("{key} is not open work ({:?}); forecast backlog items or the current sprint's", i.status),
    }
}

/// Why a tag/kind selection is empty, in words that say what to do.
fn nothing_matches(tag: Option<&str>, kind: Option<Kind>) -> String {
    let what = match (tag, kind) {
        (Some(t), Some(k)) => format!("tagged '{t}' of kind {}", k.as_str()),
        (Some(t), None) => format!("tagged '{t}'"),
        (None, Some(k)) => format!("of kind {}", k.as_str()),
        (None, None) => String::new(),
    };
    format!("no open work {what} in the sprint or the backlog (`flowdeck rank` lists the open items)")
}

pub fn forecast(
    ws: &Workspace,
    settings: &Settings,
    selection: Selection,
    by: Option<NaiveDate>,
    seed: u64,
) -> Result<Forecast, String> {
    let current = ws.current_sprint().ok_or_else(|| {
        "no sprint in planning or running to forecast from (`flowdeck sprint new` creates one)".to_string()
    })?;
    let plannable = capacity(ws, current, &fallbacks(settings)).plannable;
    // Ranked: the current sprint's plan first, then the backlog by rank (the order of work is
    // decided below, from this).
    let (in_sprint, backlog): (Vec<&WorkItem>, Vec<&WorkItem>) =
        ranking(ws, None).into_iter().map(|(_, i)| i).partition(|i| i.status == Status::Planned);
    let load: f64 = in_sprint.iter().map(|i| i.estimate.points()).sum();
    let mut ranked = in_sprint.clone();
    ranked.extend(backlog.iter().copied());
    let later: Vec<_> = ws.sprints.iter().filter(|s| s.state == SprintState::Planning && s.id != current.id).collect();
    let calendar = future_sprints(current, &later, MAX_HORIZON);
    // Each sprint its own capacity: its holidays, days off and members (the first is `plannable`).
    let sprint_capacities = capacities(ws, &calendar, &fallbacks(settings));
    let selected = select(ws, &ranked, in_sprint.len(), selection)?;
    // The order the work is done in: sprint by sprint under the policy and the links.
    // Far enough for the selection and, with `--by`, the sprints up to the date and one more
    // (a lucky run reaches into it); beyond that the order is rank order.
    let sprints_by = by.map_or(0, |date| calendar.iter().take_while(|s| s.end <= date).count() + 1);
    let order = work_order(ws, &ranked, in_sprint.len(), &sprint_capacities, plannable, (&selected, sprints_by));
    let mut queue: Vec<&WorkItem> = order.iter().map(|&at| ranked[at]).collect();
    let mut position = vec![0; ranked.len()];
    for (p, &at) in order.iter().enumerate() {
        position[at] = p;
    }
    let selected: Vec<usize> = selected.into_iter().map(|at| position[at]).collect();
    let whole: Vec<(Kind, f64)> = queue.iter().map(|i| (i.kind, i.estimate.points())).collect();
    // Everything up to the last selected item is simulated; what comes after cannot delay it.
    queue.truncate(selected.iter().max().map_or(0, |m| m + 1));
    let ratios = usable(&completion_ratios(ws, settings.projection.history_sprints));
    // What the runs draw (see `relative`); the warnings judge the raw say/do.
    let draws = relative(&ratios);
    let trials = settings.projection.trials;
    let points: Vec<f64> = queue.iter().map(|i| i.estimate.points()).collect();
    let done = when_done(&points, &sprint_capacities, &draws, trials, seed).unwrap_or_default();
    let dates = |w: Option<&WhenDone>| -> Dates {
        let at = |s: Option<usize>| s.and_then(|s| calendar.get(s).cloned());
        w.map_or([None, None, None], |w| [at(w.p50), at(w.p85), at(w.p95)])
    };
    let items: Vec<ItemForecast> = selected
        .iter()
        .map(|&at| ItemForecast {
            key: key_of(queue[at]),
            title: queue[at].title.clone(),
            points: queue[at].estimate.points(),
            in_sprint: at < in_sprint.len(),
            done: dates(done.get(at)),
        })
        .collect();
    let by = by.and_then(|date| {
        let counted = calendar.iter().take_while(|s| s.end <= date).count();
        let (kinds, total) = done_by(&whole, &sprint_capacities[..counted], &draws, trials, seed)?;
        Some(ByDate { date, last: counted.checked_sub(1).map(|i| calendar[i].clone()), kinds, total })
    });
    let roadmap = roadmap(&queue, &selected, &done, &calendar, &sprint_capacities);
    Ok(Forecast {
        sprint: current.name.clone(),
        load,
        plannable,
        p_finish: p_finish(load, plannable, &draws, trials, seed),
        history: ratios.len(),
        warnings: warnings(&ratios, plannable),
        all: dates(selected.iter().max().and_then(|m| done.get(*m))),
        items,
        roadmap,
        by,
        trials,
        seed,
    })
}

/// The positions in `ranked` (sprint plan first, then the backlog by rank) of the work
/// `selection` names, each once, in the order named.
fn select(ws: &Workspace, queue: &[&WorkItem], planned: usize, selection: Selection) -> Result<Vec<usize>, String> {
    let selected: Vec<usize> = match selection {
        Selection::Top(n) => (planned..queue.len()).take(n).collect(),
        Selection::Keys(keys) => keys
            .iter()
            .map(|k| {
                queue
                    .iter()
                    .position(|i| i.key.as_deref().is_some_and(|key| key.eq_ignore_ascii_case(k.trim())))
                    .ok_or_else(|| not_forecastable(ws, k.trim()))
            })
            .collect::<Result<_, _>>()?,
        Selection::Matching { tag, kind, top } => {
            let tag = tag.map(str::trim);
            let matching: Vec<usize> = (0..queue.len())
                .filter(|&at| {
                    let item = queue[at];
                    kind.is_none_or(|k| item.kind == k)
                        && tag.is_none_or(|t| item.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
                })
                .take(top.unwrap_or(usize::MAX))
                .collect();
            if matching.is_empty() {
                return Err(nothing_matches(tag, kind));
            }
            matching
        }
    };
    // A key named twice is forecast once, where it was first named.
    let mut seen = std::collections::HashSet::new();
    let selected: Vec<usize> = selected.into_iter().filter(|at| seen.insert(*at)).collect();
    Ok(selected)
}

/// The plan per sprint at P50: every queued item (the selected ones and the work before them in
/// the order of work) under the sprint its median run finishes it in, up to the last sprint
/// that has one.
fn roadmap(
    queue: &[&WorkItem],
    selected: &[usize],
    done: &[WhenDone],
    calendar: &[FutureSprint],
    capacities: &[f64],
) -> Vec<RoadmapSprint> {
    let last = done.iter().filter_map(|d| d.p50).max();
    let Some(last) = last else { return Vec::new() };
    let mut out: Vec<RoadmapSprint> = calendar
        .iter()
        .zip(capacities)
        .take(last + 1)
        .map(|(s, c)| RoadmapSprint { sprint: s.clone(), capacity: *c, items: Vec::new() })
        .collect();
    for (at, d) in done.iter().enumerate() {
        if let (Some(k), Some(item)) = (d.p50, queue.get(at)) {
            if let Some(sprint) = out.get_mut(k) {
                sprint.items.push(RoadmapItem {
                    key: key_of(item),
                    title: item.title.clone(),
                    points: item.estimate.points(),
                    selected: selected.contains(&at),
                });
            }
        }
    }
    out
}
