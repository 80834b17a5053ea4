//! Forced items (overdue high-risk debt the policy plans first): which of them the capacity
//! admits, before the exact choice over everything else.

use rustc_hash::FxHashMap;

use super::{Candidate, Links};
use crate::domain::item::ItemId;

pub struct Admitted {
    /// The candidates as the solver sees them: an admitted forced item is pinned; one that
    /// does not fit is an ordinary candidate (and cannot fit beside the others either).
    pub candidates: Vec<Candidate>,
    pub forced: Vec<ItemId>,
    pub unfit: Vec<ItemId>,
    /// What admitted items wait for, pinned with them.
    pub pulled_in: Vec<ItemId>,
}

/// Admits forced items in the caller's order (most urgent first) while they fit the capacity
/// the pinned items leave, each with what it waits for (and is not in yet). Unlike a pin (the
/// user's explicit choice, kept even beyond capacity), a policy never over-commits the
/// sprint: what does not fit is reported instead.
pub fn admit(candidates: &[Candidate], capacity: u32, links: &Links) -> Admitted {
    let usable = |c: &Candidate| !c.excluded;
    let pinned: u32 = candidates.iter().filter(|c| usable(c) && c.pinned).map(|c| c.size).sum();
    let mut room = capacity.saturating_sub(pinned);
    let (mut forced, mut unfit, mut pulled_in) = (Vec::new(), Vec::new(), Vec::new());
    let mut out: Vec<Candidate> = candidates.iter().map(|c| Candidate { forced: false, ..*c }).collect();
    if !candidates.iter().any(|c| c.forced) {
        return Admitted { candidates: out, forced, unfit, pulled_in };
    }
    let index: FxHashMap<ItemId, usize> = out.iter().enumerate().map(|(n, c)| (c.id, n)).collect();
    for (n, c) in candidates.iter().enumerate() {
        if !c.forced || c.pinned || !usable(c) {
            continue;
        }
        // The item and what it waits for that is not in yet (`settle` has ruled out items
        // waiting for what cannot be planned, so every need is a usable candidate).
        let group: Vec<usize> =
            links.needs(c.id).iter().filter_map(|id| index.get(id).copied()).filter(|&m| !out[m].pinned).collect();
        let size: u32 = group.iter().map(|&m| out[m].size).sum();
        if group.contains(&n) && size <= room {
            room -= size;
            forced.push(c.id);
            for m in group {
                out[m].pinned = true;
                if m != n {
                    pulled_in.push(out[m].id);
                }
            }
            out[n].forced = true;
        } else {
            unfit.push(c.id);
        }
    }
    Admitted { candidates: out, forced, unfit, pulled_in }
}
