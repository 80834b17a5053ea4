//! The Debt screen's rows: the register filtered and sorted, kept as item ids with their
//! register rank. Rebuilt only when a change could move it (a debt edited, the team or policy
//! changed) and only while the Debt screen is shown; otherwise marked stale.

use chrono::NaiveDate;

use crate::config::DebtSettings;
use crate::domain::change::Change;
use crate::domain::debt::{flow, register, totals, Filter, HasFacts, RowFacts, SortKey, SprintFlow, Terms, Totals};
use crate::domain::{DebtCategory, ItemId, Kind, Workspace};
use crate::service::debt::{terms, FLOW_SPRINTS};

#[derive(Debug, Clone)]
pub struct DebtList {
    pub filter: Filter,
    pub sort: SortKey,
    pub settings: DebtSettings,
    /// Shown rows: item id and register rank.
    rows: Vec<(ItemId, usize)>,
    /// The whole register's filter and sort facts, in the current sort's order: a filter or
    /// sort key works on these instead of recomputing 20,000 debts' economics.
    facts: Vec<RowFacts>,
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
            facts: Vec::new(),
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
        self.facts = all.iter().map(HasFacts::facts).collect();
        self.relist();
    }

    /// Only the shown rows, after a filter or sort key (the data, totals and flow are as they
    /// were): the kept facts re-sorted (a stable sort from the register's order, so ties fall
    /// as they would from scratch) and filtered.
    pub fn relist(&mut self) {
        self.facts.sort_by_key(|f| f.rank);
        crate::domain::debt::register::sort(&mut self.facts, self.sort);
        self.rows = self.facts.iter().filter(|f| self.filter.admits(*f)).map(|f| (f.id, f.rank)).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::debt::view;
    use crate::domain::DebtCategory;

    /// Whatever sequence of sort and filter keys came before, the shown rows are the
    /// register's view computed from scratch.
    #[test]
    fn relisting_from_kept_facts_gives_the_view_from_scratch() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
        let ws = crate::service::demo::demo_workspace(today).expect("demo");
        let mut list = DebtList::new(DebtSettings::default(), today);
        list.rebuild(&ws, today, Some(30.0));
        let filters = [
            Filter::default(),
            Filter { overdue: true, ..Filter::default() },
            Filter { high_risk: true, ..Filter::default() },
            Filter { category: Some(DebtCategory::Tactical), ..Filter::default() },
            Filter { overdue: true, high_risk: true, category: Some(DebtCategory::Accidental) },
        ];
        // Sorts in reverse then forward, so each key starts from another key's order.
        for key in SortKey::ALL.iter().rev().chain(SortKey::ALL.iter()) {
            for filter in &filters {
                list.sort = *key;
                list.filter = *filter;
                list.relist();
                let expected: Vec<(ItemId, usize)> =
                    view(&ws, &list.terms, filter, *key).iter().map(|r| (r.item.id, r.rank)).collect();
                let shown: Vec<(ItemId, usize)> = (0..list.len()).filter_map(|n| list.row(n)).collect();
                assert_eq!(shown, expected, "{key:?} {filter:?}");
            }
        }
        assert!(!list.is_empty());
    }
}
