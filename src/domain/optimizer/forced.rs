//! Forced items (overdue high-risk debt the policy plans first): which of them the capacity
//! admits, before the exact choice over everything else.

use super::Candidate;
use crate::domain::item::ItemId;

pub struct Admitted {
    /// The candidates as the solver sees them: an admitted forced item is pinned; one that
    /// does not fit is an ordinary candidate (and cannot fit beside the others either).
    pub candidates: Vec<Candidate>,
    pub forced: Vec<ItemId>,
    pub unfit: Vec<ItemId>,
}

/// Admits forced items in the caller's order (most urgent first) while they fit the capacity
/// the pinned items leave. Unlike a pin (the user's explicit choice, kept even beyond capacity),
/// a policy never over-commits the sprint: what does not fit is reported instead.
pub fn admit(candidates: &[Candidate], capacity: u32) -> Admitted {
    let usable = |c: &Candidate| !c.excluded;
    let pinned: u32 = candidates.iter().filter(|c| usable(c) && c.pinned).map(|c| c.size).sum();
    let mut room = capacity.saturating_sub(pinned);
    let (mut forced, mut unfit) = (Vec::new(), Vec::new());
    let candidates = candidates
        .iter()
        .map(|c| {
            if !c.forced || c.pinned || !usable(c) {
                return Candidate { forced: false, ..*c };
            }
            if c.size <= room {
                room -= c.size;
                forced.push(c.id);
                Candidate { pinned: true, ..*c }
            } else {
                unfit.push(c.id);
                Candidate { forced: false, ..*c }
            }
        })
        .collect();
    Admitted { candidates, forced, unfit }
}
