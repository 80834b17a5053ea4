//! Why each candidate was left out of the plan.

use super::{floor_limit, kind_limits, Bounds, Candidate, Cut, Plan};
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
}

impl CutReason {
    pub fn describe(&self) -> String {
        match self {
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

fn reason(c: &Candidate, plan: &Plan, b: &Bounds, unfit: &[ItemId]) -> CutReason {
    if c.excluded {
        return if c.unestimated { CutReason::Unestimated } else { CutReason::Excluded };
    }
    if unfit.contains(&c.id) {
        return CutReason::ForcedNoRoom;
    }
    if c.size > b.capacity {
        return CutReason::Oversized;
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

pub fn cuts(candidates: &[Candidate], plan: &Plan, bounds: &Bounds, unfit: &[ItemId]) -> Vec<Cut> {
    candidates
        .iter()
        .filter(|c| plan.chosen.binary_search(&c.id).is_err())
        .map(|c| Cut { id: c.id, reason: reason(c, plan, bounds, unfit) })
        .collect()
}
