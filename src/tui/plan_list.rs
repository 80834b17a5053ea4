//! The Plan screen's candidate list, kept between key presses so that moving, adding and
//! removing never re-rank or re-scan 100,000 items. It is rebuilt only when a score can have
//! changed (an item edited, created or deleted, the policy changed) or the data was reloaded.

use crate::domain::scoring::{score, sort_key, Ranked};
use crate::domain::workspace::is_candidate;
use crate::domain::{ItemId, Kind, Status, Workspace};

use super::search_index::SearchIndex;

/// Which candidates the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    InSprint,
    Kind(Kind),
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::InSprint,
            Filter::InSprint => Filter::Kind(Kind::Feature),
            Filter::Kind(Kind::Feature) => Filter::Kind(Kind::Defect),
            Filter::Kind(Kind::Defect) => Filter::Kind(Kind::Risk),
            Filter::Kind(Kind::Risk) => Filter::Kind(Kind::Debt),
            Filter::Kind(Kind::Debt) => Filter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::InSprint => "in sprint",
            Filter::Kind(k) => k.as_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// The ranking: score, then benefit, then the older item.
    #[default]
    Score,
    /// Smallest first: what fits in the gaps.
    Estimate,
    /// Oldest first.
    Age,
    Key,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Score => SortBy::Estimate,
            SortBy::Estimate => SortBy::Age,
            SortBy::Age => SortBy::Key,
            SortBy::Key => SortBy::Score,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Score => "score",
            SortBy::Estimate => "estimate",
            SortBy::Age => "age",
            SortBy::Key => "key",
        }
    }
}

/// One ranked candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub id: ItemId,
    /// Position in `Workspace::items` (valid until items are created or deleted: then the
    /// list is rebuilt).
    pub index: usize,
    /// 1 for the best candidate.
    pub rank: usize,
    pub score: f64,
}

#[derive(Debug, Clone, Default)]
pub struct PlanList {
    /// Every candidate, best first.
    ranked: Vec<Row>,
    /// The search text of `ranked`, in its order; `None` until a search or an idle moment
    /// needs it, and again after every re-rank.
    search: Option<SearchIndex>,
    /// Positions in `ranked` that pass the filter and search, in the chosen order.
    shown: Vec<usize>,
    pub filter: Filter,
    pub query: String,
    pub sort: SortBy,
    /// The query `shown` was computed for: a longer query only narrows it.
    shown_query: String,
    /// Candidates tagged unestimated (counted while ranking, so Plan can offer triage).
    unestimated: usize,
    /// Candidates with an assignee (counted while ranking): Plan gives the "Who" column only
    /// when there is someone to show.
    assigned: usize,
}

impl PlanList {
    pub fn new(ws: &Workspace) -> PlanList {
        let mut list = PlanList::default();
        list.rebuild(ws);
        list
    }

    /// Re-ranks every candidate (after score-changing edits or a reload). The same order as
    /// `scoring::rank`, built for 100k rows: each sort key computed once and each row's position
    /// in the workspace kept from the scan. The search text waits until it is needed.
    pub fn rebuild(&mut self, ws: &Workspace) {
        let current = ws.current_sprint().map(|s| s.id);
        type Keyed = ((bool, u64, u64, i64), usize, f64);
        let mut ranked: Vec<Keyed> = ws
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| is_candidate(item, current))
            .map(|(index, item)| {
                let s = score(item, &ws.policy);
                (sort_key(&Ranked::of(item.id, &s)), index, s.score)
            })
            .collect();
        ranked.sort_unstable_by_key(|(key, _, _)| *key);
        self.unestimated = ranked.iter().filter(|(_, index, _)| ws.items[*index].is_unestimated()).count();
        self.assigned = ranked.iter().filter(|(_, index, _)| ws.items[*index].assignee.is_some()).count();
        self.search = None;
        self.ranked = ranked
            .iter()
            .enumerate()
            .map(|(n, (_, index, score))| Row { id: ws.items[*index].id, index: *index, rank: n + 1, score: *score })
            .collect();
        self.refilter(ws);
    }

    /// Applies the filter, search and sort from scratch.
    pub fn refilter(&mut self, ws: &Workspace) {
        self.shown = (0..self.ranked.len()).filter(|&p| self.passes_filter(ws, p)).collect();
        self.shown_query.clear();
        self.narrow(ws);
        self.apply_sort(ws);
    }

    /// After the query changed: a query that extends the previous one only narrows the list
    /// already shown, so typing stays fast on a long backlog.
    pub fn search_changed(&mut self, ws: &Workspace) {
        if self.query.starts_with(&self.shown_query) {
            self.narrow(ws);
        } else {
            self.refilter(ws);
        }
    }

    /// Builds the search text if it is not there yet: done after the first frame, while the
    /// user has not typed, so the first search key does not pay for it.
    pub fn prepare_search(&mut self, ws: &Workspace) {
        if self.search.is_none() {
            self.search = Some(SearchIndex::build(self.ranked.iter().map(|row| &ws.items[row.index])));
        }
    }

    /// True while the search text is still to be built.
    pub fn search_pending(&self) -> bool {
        self.search.is_none()
    }

    fn narrow(&mut self, ws: &Workspace) {
        if !self.query.trim().is_empty() {
            self.prepare_search(ws);
            if let Some(index) = &self.search {
                index.retain_matching(&mut self.shown, &self.query);
            }
        }
        self.shown_query = self.query.clone();
    }

    fn passes_filter(&self, ws: &Workspace, position: usize) -> bool {
        if self.filter == Filter::All {
            // No item is read: this is the common case, and it stays cheap at 100k.
            return true;
        }
        let item = &ws.items[self.ranked[position].index];
        match self.filter {
            Filter::All => true,
            Filter::InSprint => item.status == Status::Planned,
            Filter::Kind(k) => item.kind == k,
        }
    }

    fn apply_sort(&mut self, ws: &Workspace) {
        let ranked = &self.ranked;
        let item = |p: &usize| &ws.items[ranked[*p].index];
        match self.sort {
            SortBy::Score => self.shown.sort_unstable(),
            SortBy::Estimate => self.shown.sort_by_key(|p| (item(p).estimate, *p)),
            SortBy::Age => self.shown.sort_by_key(|p| (item(p).created, *p)),
            SortBy::Key => self.shown.sort_by(|a, b| {
                let (ia, ib) = (item(a), item(b));
                ia.key.as_deref().unwrap_or("").cmp(ib.key.as_deref().unwrap_or("")).then(ia.id.cmp(&ib.id))
            }),
        }
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The row shown at `n` (0-based).
    pub fn row(&self, n: usize) -> Option<&Row> {
        self.shown.get(n).map(|&p| &self.ranked[p])
    }

    /// Where the item is shown, if it is.
    pub fn position_of(&self, id: ItemId) -> Option<usize> {
        self.shown.iter().position(|&p| self.ranked[p].id == id)
    }

    /// How many candidates name an assignee.
    pub fn assigned(&self) -> usize {
        self.assigned
    }

    /// How many candidates are tagged unestimated.
    pub fn unestimated(&self) -> usize {
        self.unestimated
    }

    /// How many candidates there are before filtering.
    pub fn total(&self) -> usize {
        self.ranked.len()
    }

    /// The candidate ranked just above `row` (or just below, for the best), for the
    /// sensitivity hint.
    pub fn neighbour(&self, row: &Row) -> Option<&Row> {
        let at = row.rank - 1;
        if at > 0 {
            self.ranked.get(at - 1)
        } else {
            self.ranked.get(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;

    fn ws() -> Workspace {
        let mut items: Vec<_> = (1..=6).map(|id| item(id, Kind::ALL[(id % 4) as usize], id as f64)).collect();
        items[0].title = "Apple Pay button".into();
        items[3].title = "apple wallet refunds".into();
        items[5].status = Status::Done;
        Workspace { items, ..Workspace::default() }
    }

    fn shown_ids(list: &PlanList) -> Vec<i64> {
        (0..list.len()).filter_map(|n| list.row(n)).map(|r| r.id.0).collect()
    }

    #[test]
    fn ranks_open_candidates_best_first() {
        let list = PlanList::new(&ws());
        // Same benefit everywhere, so smaller estimates score higher; done items are not candidates.
        assert_eq!(shown_ids(&list), [1, 2, 3, 4, 5]);
        assert_eq!(list.row(0).map(|r| r.rank), Some(1));
    }

    #[test]
    fn search_narrows_case_insensitively_and_widens_again() {
        let w = ws();
        let mut list = PlanList::new(&w);
        list.query = "app".into();
        list.search_changed(&w);
        assert_eq!(shown_ids(&list), [1, 4]);
        list.query = "apple p".into();
        list.search_changed(&w);
        assert_eq!(shown_ids(&list), [1]);
        list.query = "p".into();
        list.search_changed(&w);
        assert_eq!(shown_ids(&list).len(), 5, "one letter: every key has a p");
        list.query = "wallet 退款".into();
        list.search_changed(&w);
        assert!(shown_ids(&list).is_empty());
        list.query = "pay-".into();
        list.search_changed(&w);
        assert_eq!(shown_ids(&list).len(), 5, "a different query starts from the whole list");
    }

    #[test]
    fn filter_and_sort_compose() {
        let w = ws();
        let mut list = PlanList::new(&w);
        list.filter = Filter::Kind(Kind::Defect);
        list.refilter(&w);
        assert_eq!(shown_ids(&list), [1, 5]);
        list.sort = SortBy::Key;
        list.filter = Filter::All;
        list.refilter(&w);
        assert_eq!(shown_ids(&list), [1, 2, 3, 4, 5]);
    }
}
