//! One kind's exact 0/1 knapsack: the best benefit for every exact load, with the items.

use super::Candidate;
use crate::domain::item::ItemId;

pub struct KindTable {
    /// Pinned items (and free items of size 0, always worth taking): in whenever the kind is.
    base_items: Vec<ItemId>,
    base_load: u32,
    base_benefit: i64,
    /// Free items after pruning, in preference order (benefit desc, id asc).
    items: Vec<(ItemId, u32, i64)>,
    /// best[l] = best benefit of free items with load exactly l; None when unreachable.
    best: Vec<Option<i64>>,
    /// taken[i * width + l]: item i was taken to reach best load l (for reconstruction).
    taken: Vec<bool>,
    width: usize,
}

impl KindTable {
    pub fn solve(candidates: &[&Candidate], capacity: u32) -> KindTable {
        let mut base_items = Vec::new();
        let (mut base_load, mut base_benefit) = (0u32, 0i64);
        let mut free: Vec<&Candidate> = Vec::new();
        for c in candidates {
            if c.pinned || (c.size == 0 && c.benefit >= 0) {
                base_items.push(c.id);
                base_load = base_load.saturating_add(c.size);
                base_benefit += c.benefit;
            } else {
                free.push(c);
            }
        }
        let room = capacity.saturating_sub(base_load);
        // Exact pruning: of the free items of one size, at most ⌊room/size⌋ fit, and swapping a
        // chosen one for a better unchosen one of the same size never hurts, so keep the best.
        // Bucketing by size and selecting (not sorting) keeps this linear in the candidates.
        let better = |a: &&Candidate, b: &&Candidate| b.benefit.cmp(&a.benefit).then(a.id.cmp(&b.id));
        let mut buckets: Vec<Vec<&Candidate>> = vec![Vec::new(); room as usize + 1];
        for c in free.into_iter().filter(|c| c.size <= room) {
            buckets[c.size as usize].push(c);
        }
        let mut items: Vec<(ItemId, u32, i64)> = Vec::new();
        for (size, mut bucket) in buckets.into_iter().enumerate() {
            let keep = (room as usize) / size.max(1);
            if bucket.len() > keep {
                if keep > 0 {
                    bucket.select_nth_unstable_by(keep - 1, better);
                }
                bucket.truncate(keep);
            }
            items.extend(bucket.iter().map(|c| (c.id, c.size, c.benefit)));
        }
        items.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));

        let width = room as usize + 1;
        let mut best: Vec<Option<i64>> = vec![None; width];
        best[0] = Some(0);
        let mut taken = vec![false; items.len() * width];
        for (n, &(_, size, benefit)) in items.iter().enumerate() {
            let size = size as usize;
            for l in (size..width).rev() {
                if let Some(prev) = best[l - size] {
                    let candidate = prev + benefit;
                    // Strictly better only: on ties the earlier (preferred) items stay.
                    if best[l].is_none_or(|cur| candidate > cur) {
                        best[l] = Some(candidate);
                        taken[n * width + l] = true;
                    }
                }
            }
        }
        if base_load > capacity {
            best.iter_mut().for_each(|b| *b = None);
        }
        KindTable { base_items, base_load, base_benefit, items, best, taken, width }
    }

    /// Best benefit with the kind's total load exactly `load` (pinned items included).
    pub fn value(&self, load: u32) -> Option<i64> {
        let free = load.checked_sub(self.base_load)? as usize;
        self.best.get(free).copied().flatten().map(|b| b + self.base_benefit)
    }

    /// The items behind `value(load)`.
    pub fn items_at(&self, load: u32) -> Option<(Vec<ItemId>, i64)> {
        let value = self.value(load)?;
        let mut l = (load - self.base_load) as usize;
        let mut ids = self.base_items.clone();
        for n in (0..self.items.len()).rev() {
            if l > 0 && self.taken[n * self.width + l] {
                ids.push(self.items[n].0);
                l -= self.items[n].1 as usize;
            }
        }
        Some((ids, value))
    }
}
