//! The exact choice when items wait for others: branch and bound over the dependency-free
//! optimum.
//!
//! Dropping the links gives a plan at least as good as any that respects them (an upper
//! bound), computed exactly by the per-kind tables. When that plan chooses an item without a
//! blocker, every plan that respects the links either contains the blocker (pin it, and all
//! it waits for) or does not (rule it out, and all that waits for it): two smaller problems,
//! searched depth first, a branch dropped as soon as its bound is no better than the best plan
//! found. Usually the first plan already respects the links, or a few branches settle it.

use rustc_hash::FxHashSet;

use super::links::{reduce, Links};
use super::{Bounds, Candidate, Plan, Tables};
use crate::domain::item::ItemId;

/// Beyond this many branches the best plan found so far is returned (never reached on real
/// backlogs: each branch settles one link the unconstrained optimum broke).
const BRANCH_LIMIT: usize = 20_000;

pub struct Search<'a> {
    base: Vec<Candidate>,
    links: &'a Links,
}

/// What a branch adds to the base instance.
#[derive(Clone, Default)]
struct Branch {
    pinned: FxHashSet<ItemId>,
    out: FxHashSet<ItemId>,
}

impl Branch {
    /// This branch with `id` and all it needs pinned; `None` when one of them is ruled out
    /// (or cannot be planned at all). What items pinned before the search need is settled.
    fn with_in(&self, id: ItemId, links: &Links, base: &[Candidate]) -> Option<Branch> {
        let at = |n: ItemId| base.binary_search_by_key(&n, |c| c.id).ok().map(|at| &base[at]);
        let pinned_in_base = |n: ItemId| at(n).is_some_and(|c| c.pinned);
        let mut next = self.clone();
        for n in links.walk(id, |at| links.blockers(at), |n| !pinned_in_base(n)) {
            if pinned_in_base(n) {
                continue;
            }
            if next.out.contains(&n) || at(n).is_none_or(|c| c.excluded) {
                return None;
            }
            next.pinned.insert(n);
        }
        Some(next)
    }

    /// This branch with `id` and all that needs it ruled out; `None` when `id` is pinned.
    /// Items pinned before the search are in whatever they wait for, so they, and what
    /// waits for them, stay.
    fn with_out(&self, id: ItemId, links: &Links, base: &[Candidate]) -> Option<Branch> {
        let pinned_in_base = |n: ItemId| base.binary_search_by_key(&n, |c| c.id).is_ok_and(|at| base[at].pinned);
        let mut next = self.clone();
        for n in links.walk(id, |at| links.dependants(at), |n| !pinned_in_base(n)) {
            if pinned_in_base(n) && n != id {
                continue;
            }
            if next.pinned.contains(&n) || pinned_in_base(n) {
                return None;
            }
            next.out.insert(n);
        }
        Some(next)
    }
}

impl<'a> Search<'a> {
    /// `capacity` must be at least every capacity `solve` will be asked for (the reduction
    /// keeps what any smaller capacity could use too).
    pub fn new(candidates: &[Candidate], links: &'a Links, capacity: u32) -> Search<'a> {
        Search { base: reduce(candidates, links, capacity), links }
    }

    fn instance(&self, branch: &Branch) -> Vec<Candidate> {
        self.base
            .iter()
            .map(|c| Candidate {
                pinned: c.pinned || branch.pinned.contains(&c.id),
                excluded: c.excluded || branch.out.contains(&c.id),
                ..*c
            })
            .collect()
    }

    /// The first chosen item with a blocker left out, and that blocker. Items pinned before
    /// the search are in whatever they wait for: their blockers that can be planned are
    /// pinned with them, the rest is said apart (`Settled::pinned_waiting`).
    fn broken_link(&self, plan: &Plan) -> Option<(ItemId, ItemId)> {
        let pinned = |id: &ItemId| self.base.binary_search_by_key(id, |c| c.id).is_ok_and(|at| self.base[at].pinned);
        plan.chosen.iter().filter(|d| !pinned(d)).find_map(|&d| {
            self.links.blockers(d).iter().find(|b| plan.chosen.binary_search(b).is_err()).map(|&b| (d, b))
        })
    }

    pub fn solve(&self, bounds: &Bounds) -> Option<Plan> {
        let mut best: Option<Plan> = None;
        let mut stack = vec![Branch::default()];
        let mut branches = 0;
        while let Some(branch) = stack.pop() {
            branches += 1;
            if branches > BRANCH_LIMIT {
                break;
            }
            let Some(bound) = Tables::new(&self.instance(&branch), bounds.capacity).solve(bounds) else { continue };
            // Ties as the tables break them: higher benefit, then the smaller load.
            let promising = best.as_ref().is_none_or(|b| (bound.benefit, b.load) > (b.benefit, bound.load));
            if !promising {
                continue;
            }
            match self.broken_link(&bound) {
                None => best = Some(bound),
                Some((_, blocker)) => {
                    // Depth first, "with the blocker" on top: it is what the bound wanted.
                    stack.extend(branch.with_out(blocker, self.links, &self.base));
                    stack.extend(branch.with_in(blocker, self.links, &self.base));
                }
            }
        }
        best
    }
}
