//! Auto-fill: the exact choice of items that maximises total benefit under plannable capacity,
//! the per-kind bands and the investment floor, with pinned, forced and excluded items.
//!
//! Forced items (overdue high-risk debt, by policy) go in before anything else, like pins, as
//! far as the capacity left by the pins allows (`forced.rs`); the choice over the rest stays
//! exact.
//!
//! Exact by construction: a 0/1 knapsack per kind over exact loads (`knapsack.rs`), then for
//! every possible sprint load a max-plus combination of the kinds under that load's bands
//! (`combine.rs`). Bounds a full sprint cannot meet are relaxed first (`relax.rs`), and every
//! item left out gets a reason (`explain.rs`).
//!
//! Dependencies (`links.rs`): an item is never chosen without the blockers it waits for; a
//! blocker may be chosen for its dependant's sake. The choice stays exact by branch and bound
//! over the dependency-free optimum (`search.rs`).

mod combine;
mod explain;
mod forced;
mod knapsack;
mod links;
#[cfg(test)]
mod links_tests;
mod relax;
mod search;
#[cfg(test)]
mod tests;

use super::item::ItemId;
use super::kind::{Kind, KindMap};

pub use explain::CutReason;
pub use links::Links;
pub use relax::Relaxation;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub id: ItemId,
    pub kind: Kind,
    /// Estimate in half points.
    pub size: u32,
    /// Benefit in thousandths (integers keep sums and ties exact).
    pub benefit: i64,
    pub pinned: bool,
    /// Planned first by policy (overdue high-risk debt): in like a pinned item when it fits
    /// the capacity the pinned items leave, else reported as not fitting.
    pub forced: bool,
    pub excluded: bool,
    /// Has no estimate yet (0 points, tagged `unestimated`): said so when it is left out.
    pub unestimated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Plannable capacity in half points.
    pub capacity: u32,
    /// Per kind, the minimum and maximum fraction of the sprint's load.
    pub min_share: KindMap<f64>,
    pub max_share: KindMap<f64>,
    /// Minimum fraction of the load that is risk + debt.
    pub investment_floor: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Sorted ascending.
    pub chosen: Vec<ItemId>,
    pub load: u32,
    pub load_by_kind: KindMap<u32>,
    pub benefit: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub id: ItemId,
    pub reason: CutReason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AutoFill {
    pub plan: Plan,
    /// The bounds actually used, after any relaxation.
    pub bounds: Bounds,
    pub relaxations: Vec<Relaxation>,
    pub cut: Vec<Cut>,
    /// Forced items planned first (policy), in the order they were admitted.
    pub forced: Vec<ItemId>,
    /// Forced items that did not fit the capacity left by pins and earlier forced items.
    pub forced_unfit: Vec<ItemId>,
    /// Chosen blockers and the chosen items that wait for them (in for their sake, or both
    /// worth it on their own: either way they go together).
    pub unblocks: Vec<(ItemId, Vec<ItemId>)>,
    /// Blockers pinned because a pinned item (or debt planned first) waits for them.
    pub pulled_in: Vec<ItemId>,
    /// Pinned items that wait for a blocker that cannot be planned, with that blocker.
    pub pinned_waiting: Vec<(ItemId, ItemId)>,
}

/// Shares are compared with this slack so 0.15 × 20 is 3, not 2.9999999.
const EPS: f64 = 1e-9;

/// The integer load limits of one kind for a sprint of load `load`.
fn kind_limits(bounds: &Bounds, kind: Kind, load: u32) -> (u32, u32) {
    let l = f64::from(load);
    let lo = (bounds.min_share.get(kind) * l - EPS).ceil().max(0.0);
    let hi = (bounds.max_share.get(kind) * l + EPS).floor().max(0.0);
    (lo.min(l) as u32, hi.min(l) as u32)
}

fn floor_limit(bounds: &Bounds, load: u32) -> u32 {
    let l = f64::from(load);
    (bounds.investment_floor * l - EPS).ceil().clamp(0.0, l) as u32
}

/// True when a plan with these per-kind loads meets every bound (capacity included).
pub fn satisfies(bounds: &Bounds, load_by_kind: &KindMap<u32>) -> bool {
    let load: u32 = load_by_kind.iter().map(|(_, l)| l).sum();
    if load > bounds.capacity {
        return false;
    }
    let bands = Kind::ALL.into_iter().all(|k| {
        let (lo, hi) = kind_limits(bounds, k, load);
        (lo..=hi).contains(&load_by_kind.get(k))
    });
    let investment = load_by_kind.get(Kind::Risk) + load_by_kind.get(Kind::Debt);
    bands && investment >= floor_limit(bounds, load)
}

/// The per-kind knapsack tables for one capacity: they do not depend on the bands, so
/// relaxation can try many bands against the same tables.
pub(crate) struct Tables(Vec<knapsack::KindTable>);

impl Tables {
    pub(crate) fn new(candidates: &[Candidate], capacity: u32) -> Tables {
        let mut by_kind: [Vec<&Candidate>; 4] = Default::default();
        for c in candidates.iter().filter(|c| !c.excluded) {
            by_kind[usize::from(c.kind.code())].push(c);
        }
        Tables(by_kind.iter().map(|of_kind| knapsack::KindTable::solve(of_kind, capacity)).collect())
    }

    /// The best plan under `bounds` (whose capacity must be the tables' capacity).
    pub(crate) fn solve(&self, bounds: &Bounds) -> Option<Plan> {
        let loads = combine::best_loads(&self.0, bounds)?;
        let mut chosen = Vec::new();
        let mut load_by_kind = KindMap::splat(0);
        let mut benefit = 0;
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            let (ids, b) = self.0[i].items_at(loads[i])?;
            chosen.extend(ids);
            benefit += b;
            load_by_kind.set(kind, loads[i]);
        }
        chosen.sort();
        Some(Plan { chosen, load: loads.iter().sum(), load_by_kind, benefit })
    }
}

/// The exact solver for one capacity: the per-kind tables alone, or the search over them
/// when items wait for others.
pub(crate) enum Solver<'a> {
    Plain(Tables),
    Linked(search::Search<'a>),
}

impl<'a> Solver<'a> {
    pub(crate) fn new(candidates: &[Candidate], links: &'a Links, capacity: u32) -> Solver<'a> {
        if links.is_empty() {
            Solver::Plain(Tables::new(candidates, capacity))
        } else {
            Solver::Linked(search::Search::new(candidates, links, capacity))
        }
    }

    pub(crate) fn solve(&self, bounds: &Bounds) -> Option<Plan> {
        match self {
            Solver::Plain(tables) => tables.solve(bounds),
            Solver::Linked(search) => search.solve(bounds),
        }
    }
}

/// The candidates the solver sees: dependants of blockers that cannot be planned ruled out,
/// forced items admitted as far as they fit, and what pinned and admitted items wait for
/// pinned too.
struct Prepared {
    candidates: Vec<Candidate>,
    admitted: forced::Admitted,
    settled: links::Settled,
    pulled_in: Vec<ItemId>,
}

fn prepare(candidates: &[Candidate], links: &Links, capacity: u32) -> Prepared {
    let settled = links::settle(candidates, links);
    let mut admitted = forced::admit(&settled.candidates, capacity, links);
    let mut pulled_in = settled.pulled_in.clone();
    pulled_in.append(&mut admitted.pulled_in);
    Prepared { candidates: std::mem::take(&mut admitted.candidates), admitted, settled, pulled_in }
}

/// The best plan under `bounds` exactly as given (forced items in as far as they fit), or
/// `None` when no plan meets them.
pub fn solve_exact(candidates: &[Candidate], bounds: &Bounds) -> Option<Plan> {
    solve_exact_linked(candidates, &Links::default(), bounds)
}

/// [`solve_exact`] where items wait for others: no item is chosen without its blockers.
pub fn solve_exact_linked(candidates: &[Candidate], links: &Links, bounds: &Bounds) -> Option<Plan> {
    let prepared = prepare(candidates, links, bounds.capacity);
    Solver::new(&prepared.candidates, links, bounds.capacity).solve(bounds)
}

/// Always returns a plan: plans forced items first, relaxes bounds a full sprint cannot meet,
/// and explains every cut.
pub fn auto_fill(candidates: &[Candidate], bounds: &Bounds) -> AutoFill {
    auto_fill_linked(candidates, &Links::default(), bounds)
}

/// [`auto_fill`] where items wait for others.
pub fn auto_fill_linked(candidates: &[Candidate], links: &Links, bounds: &Bounds) -> AutoFill {
    let Prepared { candidates: solvable, admitted, settled, pulled_in } = prepare(candidates, links, bounds.capacity);
    let (plan, used, relaxations) = relax::solve_relaxing(&solvable, bounds, links);
    let waits = explain::Waits { links, blocked: &settled.blocked };
    let cut = explain::cuts(candidates, &plan, &used, &admitted.unfit, &waits);
    let unblocks = plan
        .chosen
        .iter()
        .filter_map(|&b| {
            let waiting: Vec<ItemId> =
                links.dependants(b).iter().copied().filter(|d| plan.chosen.binary_search(d).is_ok()).collect();
            (!waiting.is_empty()).then_some((b, waiting))
        })
        .collect();
    AutoFill {
        plan,
        bounds: used,
        relaxations,
        cut,
        forced: admitted.forced,
        forced_unfit: admitted.unfit,
        unblocks,
        pulled_in,
        pinned_waiting: settled.pinned_waiting,
    }
}
