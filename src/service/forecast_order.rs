//! The order the team works through the forecast's work, from the workspace: the sprint's
//! plan, the pins with what they wait for, then `domain::forecast::sequence` over the rest
//! with the policy's split and floor and the items' open blockers.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::domain::dependencies::open_blockers;
use crate::domain::forecast::{sequence, Enough, Split, Work};
use crate::domain::{ItemId, WorkItem, Workspace};

use super::autofill::bounds;

/// The work order of `ranked` (the sprint's `planned` items, then the backlog by rank), as
/// positions into it. `selected` and `sprints` say how far it must be sequenced (`Enough`).
/// The order: the sprint's plan, then what is pinned for it (each after its blockers, which
/// it pulls in as auto-fill does), then sprint after sprint under the policy's split and
/// floor, never a dependant before its blockers.
pub fn work_order(
    ws: &Workspace,
    ranked: &[&WorkItem],
    planned: usize,
    capacities: &[f64],
    plannable: f64,
    (selected, sprints): (&[usize], usize),
) -> Vec<usize> {
    let open: Vec<Vec<ItemId>> = ranked
        .iter()
        .map(|i| if i.blocked_by.is_empty() { Vec::new() } else { open_blockers(i, |id| ws.item(id)) })
        .collect();
    // Positions of the items someone waits for (most backlogs have few links: a small map).
    let wanted: FxHashSet<ItemId> = open.iter().flatten().copied().collect();
    let at: FxHashMap<ItemId, usize> =
        ranked.iter().enumerate().filter(|(_, i)| wanted.contains(&i.id)).map(|(n, i)| (i.id, n)).collect();
    let blockers = |n: usize| open[n].iter().filter_map(|b| at.get(b).copied()).collect::<Vec<usize>>();
    // The plan, then the pins: pinned backlog items in rank order, each after what it waits for.
    let mut arranged: Vec<usize> = (0..planned).collect();
    let mut placed = vec![false; ranked.len()];
    for p in &mut placed[..planned] {
        *p = true;
    }
    fn place(n: usize, blockers: &dyn Fn(usize) -> Vec<usize>, placed: &mut [bool], out: &mut Vec<usize>) {
        if placed[n] {
            return;
        }
        placed[n] = true;
        for b in blockers(n) {
            place(b, blockers, placed, out);
        }
        out.push(n);
    }
    for (n, item) in ranked.iter().enumerate().skip(planned) {
        if item.pinned {
            place(n, &blockers, &mut placed, &mut arranged);
        }
    }
    let fixed = arranged.len();
    arranged.extend((planned..ranked.len()).filter(|&n| !placed[n]));
    let position: Vec<usize> = {
        let mut position = vec![0; ranked.len()];
        for (p, &n) in arranged.iter().enumerate() {
            position[n] = p;
        }
        position
    };
    let work: Vec<Work> = arranged
        .iter()
        .map(|&n| {
            let before: Vec<usize> = blockers(n).into_iter().map(|b| position[b]).collect();
            let item = ranked[n];
            Work {
                kind: item.kind,
                points: item.estimate.points(),
                stuck: before.len() < open[n].len(),
                blockers: before,
            }
        })
        .collect();
    let bounds = bounds(ws, plannable);
    let split = Split { max_share: bounds.max_share, investment_floor: bounds.investment_floor };
    let needed: Vec<usize> = selected.iter().map(|&n| position[n]).collect();
    let enough = Enough { items: &needed, sprints };
    sequence(&work, fixed, capacities, &split, enough).into_iter().map(|p| arranged[p]).collect()
}
