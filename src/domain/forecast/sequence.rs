//! The order the team is expected to work through the backlog: sprint by sprint, by rank,
//! under each sprint's capacity, the policy's split and investment floor, and dependencies.
//!
//! Each future sprint is filled the way a manager following the policy would fill it:
//! 1. debt and risk by rank until the investment floor is met;
//! 2. everything by rank, each kind up to its maximum share;
//! 3. if room is left (too little of the other kinds), by rank regardless of the maximums, as
//!    auto-fill relaxes a band a full sprint cannot meet.
//!
//! An item is taken only once every blocker is taken before it (in an earlier sprint or
//! earlier in the same one), so the order never puts a dependant ahead of what it waits for.
//! The simulations then run through this order; the sprint each item lands in here is only
//! the nominal plan, the draws decide when it is really done.

use std::collections::HashMap;

use crate::domain::kind::{Kind, KindMap};

/// One piece of open work, in rank order.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    pub kind: Kind,
    pub points: f64,
    /// Positions (in the same list) of the open blockers it waits for.
    pub blockers: Vec<usize>,
    /// It waits for something that is in no list (excluded, or planned into another sprint):
    /// it goes last, after everything that can be sequenced.
    pub stuck: bool,
}

/// The policy as the sequence follows it: shares of each sprint's capacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    pub max_share: KindMap<f64>,
    pub investment_floor: f64,
}

impl Split {
    /// No split at all: the order is rank order, dependencies aside.
    pub fn none() -> Split {
        Split { max_share: KindMap::splat(1.0), investment_floor: 0.0 }
    }
}

const EPSILON: f64 = 1e-9;

/// When the sprint-by-sprint fill may stop: every item of `items` is placed and at least
/// `sprints` sprints are filled. What comes after cannot change when those items are done, so
/// it follows in rank order (blockers still first) at no cost.
#[derive(Debug, Clone, Copy)]
pub struct Enough<'a> {
    pub items: &'a [usize],
    pub sprints: usize,
}

impl Enough<'_> {
    /// Fill every sprint given.
    pub const ALL: Enough<'static> = Enough { items: &[], sprints: usize::MAX };

    /// Fill until every item of `items` is placed.
    pub fn placed(items: &[usize]) -> Enough<'_> {
        Enough { items, sprints: 0 }
    }
}

/// The order of `work` (positions into it): the first `fixed` items (the current sprint's
/// plan) first as they are, then sprint after sprint of `capacities` (the first being the
/// current sprint, whose plan counts against it) until `enough`, and whatever is left in
/// rank order, blockers still first.
pub fn sequence(work: &[Work], fixed: usize, capacities: &[f64], split: &Split, enough: Enough<'_>) -> Vec<usize> {
    let fixed = fixed.min(work.len());
    let mut taken = vec![false; work.len()];
    let mut order: Vec<usize> = (0..fixed).collect();
    for t in &mut taken[..fixed] {
        *t = true;
    }
    let open: Vec<usize> = (fixed..work.len()).filter(|&i| !work[i].stuck).collect();
    // Below the smallest estimate a sprint can take nothing more (0-point items aside, which
    // need no room and are taken wherever a scan meets them).
    let smallest = open.iter().map(|&i| work[i].points).filter(|p| *p > 0.0).fold(f64::INFINITY, f64::min);
    // Taken items cluster at the front of `open`: scans start past them.
    let mut head = 0;
    for (sprint, &capacity) in capacities.iter().enumerate() {
        while head < open.len() && taken[open[head]] {
            head += 1;
        }
        if head == open.len() || (sprint >= enough.sprints && enough.items.iter().all(|&i| taken[i])) {
            break;
        }
        let mut fill = Fill::new(capacity.max(0.0), smallest, split);
        if sprint == 0 {
            for w in &work[..fixed] {
                fill.count(w);
            }
        }
        let open = &open[head..];
        let investment = |w: &Work| matches!(w.kind, Kind::Debt | Kind::Risk);
        if split.investment_floor > 0.0 {
            fill.pass(work, open, &mut taken, &mut order, |f, w| investment(w) && f.below_floor() && f.within_max(w));
        }
        fill.pass(work, open, &mut taken, &mut order, |f, w| f.within_max(w));
        fill.pass(work, open, &mut taken, &mut order, |_, _| true);
    }
    // After the filled sprints: rank order, each item after its blockers.
    let mut rest = Fill::new(f64::INFINITY, smallest, &Split::none());
    rest.pass(work, &open[head.min(open.len())..], &mut taken, &mut order, |_, _| true);
    // Stuck items, and any that wait for them, at the very end in rank order.
    order.extend((0..work.len()).filter(|&i| !taken[i]));
    order
}

/// One sprint being filled.
struct Fill {
    capacity: f64,
    smallest: f64,
    load: f64,
    by_kind: KindMap<f64>,
    split: Split,
}

impl Fill {
    fn new(capacity: f64, smallest: f64, split: &Split) -> Fill {
        Fill { capacity, smallest, load: 0.0, by_kind: KindMap::splat(0.0), split: *split }
    }

    fn count(&mut self, w: &Work) {
        self.load += w.points;
        self.by_kind.set(w.kind, self.by_kind.get(w.kind) + w.points);
    }

    /// Room for `w`, or `w` alone is bigger than a whole sprint and the sprint is empty: it
    /// takes the sprint (and runs over into the next, as the simulations let it), or it
    /// would be pushed behind all smaller work.
    fn fits(&self, w: &Work) -> bool {
        self.load + w.points <= self.capacity + EPSILON || self.alone(w)
    }

    fn alone(&self, w: &Work) -> bool {
        self.load == 0.0 && self.capacity > 0.0 && w.points > self.capacity
    }

    fn within_max(&self, w: &Work) -> bool {
        self.by_kind.get(w.kind) + w.points <= self.split.max_share.get(w.kind) * self.capacity + EPSILON
            || self.alone(w)
    }

    fn below_floor(&self) -> bool {
        let investment = self.by_kind.get(Kind::Debt) + self.by_kind.get(Kind::Risk);
        investment + EPSILON < self.split.investment_floor * self.capacity
    }

    fn full(&self) -> bool {
        self.capacity - self.load < self.smallest.min(self.capacity) - EPSILON || self.capacity - self.load < EPSILON
    }

    /// Takes, in rank order, every open item that fits, passes `wanted` and has its blockers
    /// taken; an item skipped for a blocker is taken right after that blocker, when it still
    /// fits. Stops as soon as the sprint is full. Taken items stay in `open`, marked, until
    /// the sprint is done.
    fn pass(
        &mut self,
        work: &[Work],
        open: &[usize],
        taken: &mut [bool],
        order: &mut Vec<usize>,
        wanted: impl Fn(&Fill, &Work) -> bool,
    ) {
        // Skipped items, under the first blocker of theirs not taken yet.
        let mut waiting: HashMap<usize, Vec<usize>> = HashMap::new();
        for &i in open {
            if self.full() {
                return;
            }
            let w = &work[i];
            if taken[i] || !self.fits(w) || !wanted(self, w) {
                continue;
            }
            if let Some(&b) = w.blockers.iter().find(|&&b| !taken[b]) {
                waiting.entry(b).or_default().push(i);
                continue;
            }
            // This item, then what it frees in rank order, and what that frees in turn.
            let mut ready = vec![i];
            while let Some(next) = ready.pop() {
                if taken[next] || !self.fits(&work[next]) || !wanted(self, &work[next]) {
                    continue;
                }
                self.take(next, work, taken, order);
                let mut freed = waiting.remove(&next).unwrap_or_default();
                freed.retain(|&d| match work[d].blockers.iter().find(|&&b| !taken[b]) {
                    Some(&b) => {
                        waiting.entry(b).or_default().push(d);
                        false
                    }
                    None => true,
                });
                // Popped from the end: best-ranked last in, first out.
                freed.sort_unstable_by(|a, b| b.cmp(a));
                ready.extend(freed);
            }
        }
    }

    fn take(&mut self, i: usize, work: &[Work], taken: &mut [bool], order: &mut Vec<usize>) {
        taken[i] = true;
        order.push(i);
        self.count(&work[i]);
    }
}

#[cfg(test)]
#[path = "sequence_tests.rs"]
mod tests;
