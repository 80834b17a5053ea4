//! Auto-fill's optional "assign" step: assignees for the chosen items nobody is assigned to,
//! so that no member ends over their share of the sprint, when that is possible.
//!
//! An item may go to a member who has every skill it needs. What counts is the excess: the sum
//! over members of (assigned − share) where positive. Small instances are solved exactly by
//! trying every assignment (at most [`EXACT_UP_TO`] open items); larger ones by a documented
//! heuristic: items largest first, each to the able member with the most room left (ties to
//! the earlier member). The heuristic never breaks a skill and reports honestly who ends over.

use super::person_load::TeamLoad;
use super::team::{Member, MemberId};

/// Open items up to this many are assigned by trying every assignment: at most
/// (members)^8 — 1.7 million for six members — which stays well under a second.
pub const EXACT_UP_TO: usize = 8;

/// Work waiting for someone: its size in half points and the skills it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenItem<Id> {
    pub id: Id,
    pub halves: u32,
    pub skills: Vec<String>,
}

/// A member who can take work: their share and what is already theirs, in half points.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub member: MemberId,
    pub name: String,
    pub skills: Vec<String>,
    /// Their share in half points (rounded down: never promise more than there is).
    pub share: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment<Id> {
    /// Each open item with its proposed member; `None` when nobody has the skills it needs.
    pub proposed: Vec<(Id, Option<MemberId>)>,
    /// Members over their share afterwards, with the excess in half points.
    pub over: Vec<(MemberId, String, u32)>,
    /// True when every assignment was tried.
    pub exact: bool,
}

/// The seats of a sprint's load: every member counted in it, with their skills.
pub fn seats(load: &TeamLoad, members: &[Member]) -> Vec<Seat> {
    load.people
        .iter()
        .filter(|p| p.share > 0.0)
        .map(|p| Seat {
            member: p.member,
            name: p.name.clone(),
            skills: members.iter().find(|m| m.id == p.member).map(|m| m.skills.clone()).unwrap_or_default(),
            share: (p.share * 2.0 + 1e-9).floor() as u32,
            assigned: (p.assigned * 2.0).round() as u32,
        })
        .collect()
}

fn able(seat: &Seat, item: &OpenItem<impl Copy>) -> bool {
    item.skills.iter().all(|s| seat.skills.contains(s))
}

fn excess(loads: &[u32], seats: &[Seat]) -> u32 {
    loads.iter().zip(seats).map(|(l, s)| l.saturating_sub(s.share)).sum()
}

/// Proposes assignees for `open` among `seats`.
pub fn assign<Id: Copy>(open: &[OpenItem<Id>], seats: &[Seat]) -> Assignment<Id> {
    let options: Vec<Vec<usize>> =
        open.iter().map(|item| (0..seats.len()).filter(|&s| able(&seats[s], item)).collect()).collect();
    let exact = open.len() <= EXACT_UP_TO;
    let choice = if exact { best(open, seats, &options) } else { greedy(open, seats, &options) };
    let mut loads: Vec<u32> = seats.iter().map(|s| s.assigned).collect();
    for (item, pick) in open.iter().zip(&choice) {
        if let Some(s) = pick {
            loads[*s] += item.halves;
        }
    }
    Assignment {
        proposed: open.iter().zip(&choice).map(|(item, pick)| (item.id, pick.map(|s| seats[s].member))).collect(),
        over: seats
            .iter()
            .zip(&loads)
            .filter(|(s, l)| **l > s.share)
            .map(|(s, l)| (s.member, s.name.clone(), l - s.share))
            .collect(),
        exact,
    }
}

/// Every assignment tried; the least excess wins, then the earliest in enumeration order
/// (so the result is deterministic).
fn best<Id>(open: &[OpenItem<Id>], seats: &[Seat], options: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut loads: Vec<u32> = seats.iter().map(|s| s.assigned).collect();
    let mut current: Vec<Option<usize>> = vec![None; open.len()];
    let mut found: Option<(u32, Vec<Option<usize>>)> = None;
    search(0, open, seats, options, &mut loads, &mut current, &mut found);
    found.map(|(_, pick)| pick).unwrap_or(current)
}

fn search<Id>(
    at: usize,
    open: &[OpenItem<Id>],
    seats: &[Seat],
    options: &[Vec<usize>],
    loads: &mut [u32],
    current: &mut Vec<Option<usize>>,
    found: &mut Option<(u32, Vec<Option<usize>>)>,
) {
    if at == open.len() {
        let cost = excess(loads, seats);
        if found.as_ref().is_none_or(|(best, _)| cost < *best) {
            *found = Some((cost, current.clone()));
        }
        return;
    }
    if options[at].is_empty() {
        current[at] = None;
        search(at + 1, open, seats, options, loads, current, found);
        return;
    }
    for &s in &options[at] {
        loads[s] += open[at].halves;
        current[at] = Some(s);
        search(at + 1, open, seats, options, loads, current, found);
        loads[s] -= open[at].halves;
    }
}

/// Largest first, each to the able member with the most room left.
fn greedy<Id>(open: &[OpenItem<Id>], seats: &[Seat], options: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut loads: Vec<u32> = seats.iter().map(|s| s.assigned).collect();
    let mut order: Vec<usize> = (0..open.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(open[i].halves));
    let mut pick = vec![None; open.len()];
    for i in order {
        let room = |s: usize| i64::from(seats[s].share) - i64::from(loads[s]);
        let chosen = options[i].iter().copied().max_by_key(|&s| (room(s), std::cmp::Reverse(s)));
        if let Some(s) = chosen {
            loads[s] += open[i].halves;
            pick[i] = Some(s);
        }
    }
    pick
}

#[cfg(test)]
#[path = "assign_tests.rs"]
mod tests;
