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

mod combine;
mod explain;
mod forced;
mod knapsack;
mod relax;
#[cfg(test)]
mod tests;

use super::item::ItemId;
use super::kind::{Kind, KindMap};

pub use explain::CutReason;
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

/// The best plan under `bounds` exactly as given (forced items in as far as they fit), or
/// `None` when no plan meets them.
pub fn solve_exact(candidates: &[Candidate], bounds: &Bounds) -> Option<Plan> {
    let admitted = forced::admit(candidates, bounds.capacity);
    Tables::new(&admitted.candidates, bounds.capacity).solve(bounds)
}

/// Always returns a plan: plans forced items first, relaxes bounds a full sprint cannot meet,
/// and explains every cut.
pub fn auto_fill(candidates: &[Candidate], bounds: &Bounds) -> AutoFill {
    let admitted = forced::admit(candidates, bounds.capacity);
    let (plan, used, relaxations) = relax::solve_relaxing(&admitted.candidates, bounds);
    let cut = explain::cuts(candidates, &plan, &used, &admitted.unfit);
    AutoFill { plan, bounds: used, relaxations, cut, forced: admitted.forced, forced_unfit: admitted.unfit }
}
