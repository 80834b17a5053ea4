//! Why each candidate was left out of the plan.

use super::{floor_limit, kind_limits, Bounds, Candidate, Cut, Links, Plan};
use crate::domain::item::ItemId;
use crate::domain::kind::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutReason {
    Excluded,
    /// Excluded because it has no estimate yet (0 points, tagged `unestimated`).
    Unestimated,
    /// Overdue high-risk debt the policy plans first, but larger than the capacity left by
    /// pinned items and more urgent such debt.
    ForcedNoRoom,
    /// Larger than the whole plannable capacity.
    Oversized,
    /// Does not fit in the capacity left by the plan.
    NoRoom,
    /// Would put its kind above its maximum share.
    KindAboveMax(Kind),
    /// Would push a kind below its minimum share.
    WouldBreakMin(Kind),
    /// Would push technical investment below the floor.
    WouldBreakFloor,
    /// Fits every bound but adds no benefit.
    NoBenefit,
    /// Waits for this item, which cannot be planned (not a candidate, excluded, or blocked
    /// itself).
    Blocked(ItemId),
    /// Waits for this item, which is not in the plan.
    WaitsFor(ItemId),
}

impl CutReason {
    /// The reason in words, items named `#id`; see [`CutReason::describe_with`].
    pub fn describe(&self) -> String {
        self.describe_with(&|id| format!("#{}", id.0))
    }

    /// The reason in words, items named by `label` (their tracker key, where there is one).
    pub fn describe_with(&self, label: &dyn Fn(ItemId) -> String) -> String {
        match self {
            CutReason::Blocked(b) => {
                format!("blocked by {}, which cannot be planned now (done first elsewhere, or excluded)", label(*b))
            }
            CutReason::WaitsFor(b) => format!("waits for {}, which is not in the plan", label(*b)),
            CutReason::Excluded => "excluded from planning".into(),
            CutReason::Unestimated => "unestimated: estimate it to plan it".into(),
            CutReason::ForcedNoRoom => {
                "overdue high-risk debt (policy) that does not fit the capacity: make room or defer it".into()
            }
            CutReason::Oversized => "larger than the whole plannable capacity".into(),
            CutReason::NoRoom => "no room left in the capacity".into(),
            CutReason::KindAboveMax(k) => format!("{k} would go above its maximum share"),
            CutReason::WouldBreakMin(k) => format!("{k} would fall below its minimum share"),
            CutReason::WouldBreakFloor => "technical investment would fall below the floor".into(),
            CutReason::NoBenefit => "adds no benefit".into(),
        }
    }
}

/// What the links say about items left out.
pub struct Waits<'a> {
    pub links: &'a Links,
    /// Dependants ruled out before the search, with the blocker that cannot be planned.
    pub blocked: &'a [(ItemId, ItemId)],
}

fn reason(c: &Candidate, plan: &Plan, b: &Bounds, unfit: &[ItemId], links: &Links) -> CutReason {
    if c.excluded {
        return if c.unestimated { CutReason::Unestimated } else { CutReason::Excluded };
    }
    if unfit.contains(&c.id) {
        return CutReason::ForcedNoRoom;
    }
    if c.size > b.capacity {
        return CutReason::Oversized;
    }
    if let Some(&blocker) = links.blockers(c.id).iter().find(|x| plan.chosen.binary_search(x).is_err()) {
        return CutReason::WaitsFor(blocker);
    }
    if c.size > b.capacity - plan.load.min(b.capacity) {
        return CutReason::NoRoom;
    }
    let load = plan.load + c.size;
    let mut loads = plan.load_by_kind;
    loads.set(c.kind, loads.get(c.kind) + c.size);
    if loads.get(c.kind) > kind_limits(b, c.kind, load).1 {
        return CutReason::KindAboveMax(c.kind);
    }
    if let Some(k) = Kind::ALL.into_iter().find(|k| loads.get(*k) < kind_limits(b, *k, load).0) {
        return CutReason::WouldBreakMin(k);
    }
    if loads.get(Kind::Risk) + loads.get(Kind::Debt) < floor_limit(b, load) {
        return CutReason::WouldBreakFloor;
    }
    // Otherwise adding it would be a feasible plan at least as good: only a zero benefit
    // (and the smaller-load tie-break) explains leaving it out.
    debug_assert!(c.benefit <= 0, "an optimal plan left out a feasible item with benefit {}", c.benefit);
    CutReason::NoBenefit
}

pub fn cuts(candidates: &[Candidate], plan: &Plan, bounds: &Bounds, unfit: &[ItemId], waits: &Waits<'_>) -> Vec<Cut> {
    // Indexed: at 100k candidates a scan of the list per cut would be quadratic.
    let blocked: rustc_hash::FxHashMap<ItemId, ItemId> = waits.blocked.iter().copied().collect();
    candidates
        .iter()
        .filter(|c| plan.chosen.binary_search(&c.id).is_err())
        .map(|c| {
            let reason = match blocked.get(&c.id) {
                Some(b) if !c.excluded && !unfit.contains(&c.id) => CutReason::Blocked(*b),
                _ => reason(c, plan, bounds, unfit, waits.links),
            };
            Cut { id: c.id, reason }
        })
        .collect()
}
