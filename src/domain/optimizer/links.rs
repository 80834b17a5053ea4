//! Dependencies as auto-fill sees them: which candidates wait for which, what that rules out
//! before the search, and the smaller instance the search runs on.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Candidate;
use crate::domain::item::ItemId;

/// Each dependant's blockers that are neither done nor dropped (the caller leaves out the
/// ones that hold nothing back). A blocker that is not among the candidates — planned in a
/// later sprint, say — cannot be chosen, so neither can its dependant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    blockers: FxHashMap<ItemId, Vec<ItemId>>,
    dependants: FxHashMap<ItemId, Vec<ItemId>>,
}

impl Links {
    pub fn new(pairs: impl IntoIterator<Item = (ItemId, Vec<ItemId>)>) -> Links {
        let mut links = Links::default();
        for (dependant, blockers) in pairs {
            if blockers.is_empty() {
                continue;
            }
            for b in &blockers {
                links.dependants.entry(*b).or_default().push(dependant);
            }
            links.blockers.entry(dependant).or_default().extend(blockers);
        }
        links
    }

    pub fn is_empty(&self) -> bool {
        self.blockers.is_empty()
    }

    pub fn blockers(&self, id: ItemId) -> &[ItemId] {
        self.blockers.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn dependants(&self, id: ItemId) -> &[ItemId] {
        self.dependants.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Whether the item takes part in any link (as dependant or blocker).
    pub fn touches(&self, id: ItemId) -> bool {
        self.blockers.contains_key(&id) || self.dependants.contains_key(&id)
    }

    /// `id` and everything it waits for, directly or through others.
    pub fn needs(&self, id: ItemId) -> Vec<ItemId> {
        self.walk(id, |at| self.blockers(at), |_| true)
    }

    /// `id` and everything that waits for it, directly or through others.
    pub fn needed_by(&self, id: ItemId) -> Vec<ItemId> {
        self.walk(id, |at| self.dependants(at), |_| true)
    }

    /// Breadth first from `from` along `next`, going on from an item only when `through`
    /// says so (the items where it stops are listed, not followed).
    pub(crate) fn walk<'a>(
        &'a self,
        from: ItemId,
        next: impl Fn(ItemId) -> &'a [ItemId],
        through: impl Fn(ItemId) -> bool,
    ) -> Vec<ItemId> {
        let mut seen = FxHashSet::default();
        seen.insert(from);
        let mut out = vec![from];
        let mut at = 0;
        while let Some(&id) = out.get(at) {
            at += 1;
            if at > 1 && !through(id) {
                continue;
            }
            for &n in next(id) {
                if seen.insert(n) {
                    out.push(n);
                }
            }
        }
        out
    }
}

/// The candidates after what the links settle before any search.
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    pub candidates: Vec<Candidate>,
    /// Dependants ruled out, each with a blocker that cannot be planned (not a candidate, or
    /// excluded, or itself ruled out).
    pub blocked: Vec<(ItemId, ItemId)>,
    /// Blockers pinned because a pinned item waits for them.
    pub pulled_in: Vec<ItemId>,
    /// Pinned items that wait for a blocker that cannot be planned: kept (a pin is the
    /// manager's call) and said.
    pub pinned_waiting: Vec<(ItemId, ItemId)>,
}

/// Rules out dependants whose blockers cannot be planned, then pins what pinned items wait for.
pub fn settle(candidates: &[Candidate], links: &Links) -> Settled {
    let mut out = candidates.to_vec();
    let mut blocked = Vec::new();
    let mut pinned_waiting = Vec::new();
    if links.is_empty() {
        return Settled { candidates: out, blocked, pulled_in: Vec::new(), pinned_waiting };
    }
    let index: FxHashMap<ItemId, usize> = out.iter().enumerate().map(|(n, c)| (c.id, n)).collect();
    // Only dependants can be ruled out: the rounds visit them alone.
    let dependants: Vec<usize> = (0..out.len()).filter(|&n| !links.blockers(out[n].id).is_empty()).collect();
    // A ruled-out item rules out its dependants in turn: repeat until nothing changes (each
    // round follows every link once; chains are short).
    loop {
        let mut changed = false;
        for &n in &dependants {
            let c = out[n];
            if c.excluded || c.pinned {
                continue;
            }
            let unusable = links.blockers(c.id).iter().find(|b| index.get(b).is_none_or(|&m| out[m].excluded));
            if let Some(&b) = unusable {
                out[n].excluded = true;
                blocked.push((c.id, b));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut pulled_in = Vec::new();
    let pinned: Vec<ItemId> = out.iter().filter(|c| c.pinned && !c.excluded).map(|c| c.id).collect();
    // Pinning changes no item's usability, so it is read once.
    let usable_now: Vec<bool> = out.iter().map(|c| !c.excluded).collect();
    let usable = |id: ItemId| index.get(&id).is_some_and(|&m| usable_now[m]);
    for p in pinned {
        // Not through what cannot be planned: its own blockers are no need of the pin's.
        let needs = links.walk(p, |at| links.blockers(at), usable);
        for need in needs.into_iter().skip(1) {
            match index.get(&need).map(|&m| &mut out[m]) {
                Some(c) if !c.excluded => {
                    if !c.pinned {
                        c.pinned = true;
                        pulled_in.push(need);
                    }
                }
                _ => pinned_waiting.push((p, need)),
            }
        }
    }
    Settled { candidates: out, blocked, pulled_in, pinned_waiting }
}

/// The instance the search runs on: every linked, pinned or free item, and of the rest only
/// what can matter. Exact: a plan holds at most ⌊capacity ÷ size⌋ items of one kind and
/// size, and an unlinked item can be swapped for a better unused one of the same kind and
/// size without touching any bound, so the best ⌊capacity ÷ size⌋ of each are enough.
pub fn reduce(candidates: &[Candidate], links: &Links, capacity: u32) -> Vec<Candidate> {
    let mut kept = Vec::new();
    let mut buckets: FxHashMap<(u8, u32), Vec<Candidate>> = FxHashMap::default();
    for c in candidates.iter().filter(|c| !c.excluded) {
        if c.pinned || c.size == 0 || links.touches(c.id) {
            kept.push(*c);
        } else if c.size <= capacity {
            buckets.entry((c.kind.code(), c.size)).or_default().push(*c);
        }
    }
    let better = |a: &Candidate, b: &Candidate| b.benefit.cmp(&a.benefit).then(a.id.cmp(&b.id));
    for ((_, size), mut bucket) in buckets {
        let keep = (capacity / size) as usize;
        if bucket.len() > keep {
            bucket.select_nth_unstable_by(keep.saturating_sub(1), better);
            bucket.truncate(keep);
        }
        kept.extend(bucket);
    }
    // The solver's own tie-breaks follow candidate order: keep it independent of hashing.
    kept.sort_by_key(|c| c.id);
    kept
}
