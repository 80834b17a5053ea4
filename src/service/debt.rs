//! The register as reports and screens show it: the view asked for, the totals of the whole
//! register against the sprint's capacity, debt added vs repaid, and the deferral rule.

use chrono::NaiveDate;

use crate::config::DebtSettings;
use crate::domain::capacity::{capacity, Fallbacks};
use crate::domain::change::ChangeSet;
use crate::domain::debt::deferral::{self, rationale_needed};
use crate::domain::debt::{cadence_days, flow, register, totals, Filter, Row, SortKey, SprintFlow, Terms, Totals};
use crate::domain::{ItemId, Workspace};

/// How many closed sprints the added-vs-repaid figures cover.
pub const FLOW_SPRINTS: usize = 6;

/// The terms every debt figure is computed on.
pub fn terms(ws: &Workspace, today: NaiveDate, settings: &DebtSettings) -> Terms {
    Terms { today, cadence_days: cadence_days(ws), horizon: settings.horizon_sprints }
}

/// The sprint capacity drag is compared with: the plannable points of the sprint being
/// planned or run, with its name.
pub fn plannable(ws: &Workspace, fallbacks: &Fallbacks) -> Option<(String, f64)> {
    let sprint = ws.current_sprint()?;
    Some((sprint.name.clone(), capacity(ws, sprint, fallbacks).plannable))
}

pub struct RegisterReport<'a> {
    pub terms: Terms,
    pub top: usize,
    pub filter: Filter,
    pub sort: SortKey,
    /// The sprint and its plannable points, when there is one.
    pub capacity: Option<(String, f64)>,
    /// Of the whole register, whatever the filter.
    pub totals: Totals,
    /// The rows shown: filtered, sorted, each with why deferring it needs a rationale.
    pub rows: Vec<(Row<'a>, Option<String>)>,
    pub flow: Vec<SprintFlow>,
}

pub fn register_report<'a>(
    ws: &'a Workspace,
    today: NaiveDate,
    settings: &DebtSettings,
    fallbacks: &Fallbacks,
    filter: Filter,
    sort: SortKey,
) -> RegisterReport<'a> {
    let terms = terms(ws, today, settings);
    let all = register(ws, &terms);
    let capacity = plannable(ws, fallbacks);
    let totals = totals(&all, capacity.as_ref().map(|(_, p)| *p));
    let mut rows: Vec<Row<'a>> = all.into_iter().filter(|r| filter.admits(r)).collect();
    crate::domain::debt::register::sort(&mut rows, sort);
    let rows = rows
        .into_iter()
        .map(|r| {
            let need = rationale_needed(r.debt, r.rank, settings.top, today);
            (r, need)
        })
        .collect();
    RegisterReport { terms, top: settings.top, filter, sort, capacity, totals, rows, flow: flow(ws, FLOW_SPRINTS) }
}

/// Finds an item by tracker key (any case) or number (`42` or `#42`).
pub fn find_item(ws: &Workspace, reference: &str) -> Result<ItemId, String> {
    let r = reference.trim();
    if let Some(item) = ws.items.iter().find(|i| i.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(r))) {
        return Ok(item.id);
    }
    match r.trim_start_matches('#').parse::<i64>().ok().and_then(|n| ws.item(ItemId(n))) {
        Some(item) => Ok(item.id),
        None => Err(format!("no item has the key or number {r:?} (`flowdeck rank` lists the candidates)")),
    }
}

/// The deferral of `id` with `rationale`, under the configured rule.
pub fn defer(
    ws: &Workspace,
    id: ItemId,
    rationale: &str,
    repay_by: Option<NaiveDate>,
    today: NaiveDate,
    settings: &DebtSettings,
) -> Result<ChangeSet, String> {
    let rank = deferral::rank_of(ws, id, &terms(ws, today, settings));
    deferral::defer(ws, id, rationale, repay_by, today, rank, settings.top)
}
