//! The Debt screen's rows: the register filtered and sorted, kept as item ids with their
//! register rank. Rebuilt only when a change could move it (a debt edited, the team or policy
//! changed) and only while the Debt screen is shown; otherwise marked stale.

use chrono::NaiveDate;

use crate::config::DebtSettings;
use crate::domain::change::Change;
use crate::domain::debt::{flow, register, totals, Filter, SortKey, SprintFlow, Terms, Totals};
use crate::domain::{DebtCategory, ItemId, Kind, Workspace};
use crate::service::debt::{terms, FLOW_SPRINTS};

#[derive(Debug, Clone)]
pub struct DebtList {
    pub filter: Filter,
    pub sort: SortKey,
    pub settings: DebtSettings,
    /// Shown rows: item id and register rank.
    rows: Vec<(ItemId, usize)>,
    /// Of the whole register, whatever the filter.
    pub totals: Totals,
    pub flow: Vec<SprintFlow>,
    pub terms: Terms,
    stale: bool,
}

impl DebtList {
    pub fn new(settings: DebtSettings, today: NaiveDate) -> DebtList {
        DebtList {
            filter: Filter::default(),
            sort: SortKey::default(),
            settings,
            rows: Vec::new(),
            totals: Totals::default(),
            flow: Vec::new(),
            terms: Terms { today, cadence_days: 14, horizon: settings.horizon_sprints },
            stale: true,
        }
    }

    /// Recomputes everything after the data changed; `plannable` is the current sprint's
    /// capacity drag is compared with.
    pub fn rebuild(&mut self, ws: &Workspace, today: NaiveDate, plannable: Option<f64>) {
        self.terms = terms(ws, today, &self.settings);
        let all = register(ws, &self.terms);
        self.totals = totals(&all, plannable);
        self.flow = flow(ws, FLOW_SPRINTS);
        self.keep_shown(all);
    }

    /// Only the shown rows, after a filter or sort key (the data, totals and flow are as they were).
    pub fn relist(&mut self, ws: &Workspace) {
        let all = register(ws, &self.terms);
        self.keep_shown(all);
    }

    fn keep_shown(&mut self, mut all: Vec<crate::domain::debt::Row<'_>>) {
        all.retain(|r| self.filter.admits(r));
        crate::domain::debt::register::sort(&mut all, self.sort);
        self.rows = all.iter().map(|r| (r.item.id, r.rank)).collect();
        self.stale = false;
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Item id and register rank of row `n`.
    pub fn row(&self, n: usize) -> Option<(ItemId, usize)> {
        self.rows.get(n).copied()
    }

    pub fn position_of(&self, id: ItemId) -> Option<usize> {
        self.rows.iter().position(|(i, _)| *i == id)
    }

    /// Category filter: all → strategic → tactical → accidental → all.
    pub fn cycle_category(&mut self) {
        self.filter.category = match self.filter.category {
            None => Some(DebtCategory::Strategic),
            Some(c) => DebtCategory::ALL.iter().skip_while(|x| **x != c).nth(1).copied(),
        };
    }
}

/// Whether a committed change can move the register: any debt item (before or after), and
/// anything that changes capacity or the sprint cadence. Other items never do.
pub fn affects_register(change: &Change) -> bool {
    match change {
        Change::Item { before, after } => before.iter().chain(after.iter()).any(|i| i.kind == Kind::Debt),
        _ => true,
    }
}
