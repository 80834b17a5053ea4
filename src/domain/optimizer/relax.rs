//! Relaxing bounds a full sprint cannot meet, and saying which and by how much.

use super::{Bounds, Candidate, Links, Plan, Solver};
use crate::domain::kind::{Kind, KindMap};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relaxation {
    KindMin {
        kind: Kind,
        from: f64,
        to: f64,
    },
    KindMax {
        kind: Kind,
        from: f64,
        to: f64,
        /// Whether pinned items of the kind are among the reasons (else: too little other work).
        pinned: bool,
        /// Whether overdue high-risk debt planned first by policy is among the reasons.
        forced: bool,
    },
    InvestmentFloor {
        from: f64,
        to: f64,
    },
    /// Pinned items alone need more than the capacity (half points).
    Capacity {
        from: u32,
        to: u32,
    },
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl Relaxation {
    pub fn describe(&self) -> String {
        match self {
            Relaxation::KindMin { kind, from, to } => {
                format!(
                    "{kind} minimum lowered from {} to {}: not enough {kind} candidates to fill it",
                    pct(*from),
                    pct(*to)
                )
            }
            Relaxation::KindMax { kind, from, to, pinned, forced } => {
                let why = match (pinned, forced) {
                    (true, true) => format!("pinned {kind} items and overdue high-risk debt (policy) need it"),
                    (true, false) => format!("pinned {kind} items need it"),
                    (false, true) => "overdue high-risk debt planned first (policy) needs it".to_string(),
                    (false, false) => "too little other work to fill the sprint".to_string(),
                };
                format!("{kind} maximum raised from {} to {}: {why}", pct(*from), pct(*to))
            }
            Relaxation::InvestmentFloor { from, to } => format!(
                "investment floor lowered from {} to {}: not enough debt and risk candidates",
                pct(*from),
                pct(*to)
            ),
            Relaxation::Capacity { from, to } => format!(
                "capacity exceeded: pinned items need {} points, {} more than the {} plannable",
                f64::from(*to) / 2.0,
                f64::from(to - from) / 2.0,
                f64::from(*from) / 2.0
            ),
        }
    }
}

/// One percentage point: the step by which bands widen when pre-checks were not enough.
const STEP: f64 = 0.01;

fn widen(b: &Bounds) -> Bounds {
    let mut min_share = KindMap::splat(0.0);
    let mut max_share = KindMap::splat(1.0);
    for k in Kind::ALL {
        min_share.set(k, (b.min_share.get(k) - STEP).max(0.0));
        max_share.set(k, (b.max_share.get(k) + STEP).min(1.0));
    }
    Bounds { capacity: b.capacity, min_share, max_share, investment_floor: (b.investment_floor - STEP).max(0.0) }
}

/// The relaxations as the plan found bears them out: a bound that was loosened but that the plan
/// still meets is not reported, and one it does not meet is reported at the plan's own share
/// (so "defect minimum lowered from 10% to 6%" is exactly what the sprint holds).
fn as_delivered(relaxations: Vec<Relaxation>, plan: &Plan, candidates: &[Candidate]) -> Vec<Relaxation> {
    let share = |kinds: &[Kind]| -> f64 {
        let load: u32 = kinds.iter().map(|k| plan.load_by_kind.get(*k)).sum();
        if plan.load > 0 {
            f64::from(load) / f64::from(plan.load)
        } else {
            0.0
        }
    };
    const EPS: f64 = 1e-9;
    relaxations
        .into_iter()
        .filter_map(|r| match r {
            Relaxation::KindMin { kind, from, .. } => {
                let actual = share(&[kind]);
                (actual < from - EPS).then_some(Relaxation::KindMin { kind, from, to: actual })
            }
            Relaxation::KindMax { kind, from, .. } => {
                let actual = share(&[kind]);
                // Admitted forced items reach here pinned (see `forced.rs`): tell them apart.
                let held = |by_policy: bool| {
                    candidates.iter().any(|c| c.pinned && c.forced == by_policy && !c.excluded && c.kind == kind)
                };
                let (pinned, forced) = (held(false), held(true));
                (actual > from + EPS).then_some(Relaxation::KindMax { kind, from, to: actual, pinned, forced })
            }
            Relaxation::InvestmentFloor { from, .. } => {
                let actual = share(&[Kind::Risk, Kind::Debt]);
                (actual < from - EPS).then_some(Relaxation::InvestmentFloor { from, to: actual })
            }
            capacity @ Relaxation::Capacity { .. } => Some(capacity),
        })
        .collect()
}

/// Every bound that differs between `from` and `to`, as relaxations.
fn differences(from: &Bounds, to: &Bounds) -> Vec<Relaxation> {
    let mut out = Vec::new();
    if to.capacity != from.capacity {
        out.push(Relaxation::Capacity { from: from.capacity, to: to.capacity });
    }
    for k in Kind::ALL {
        let (a, b) = (from.min_share.get(k), to.min_share.get(k));
        if (a - b).abs() > 1e-12 {
            out.push(Relaxation::KindMin { kind: k, from: a, to: b });
        }
        let (a, b) = (from.max_share.get(k), to.max_share.get(k));
        if (a - b).abs() > 1e-12 {
            out.push(Relaxation::KindMax { kind: k, from: a, to: b, pinned: false, forced: false });
        }
    }
    if (from.investment_floor - to.investment_floor).abs() > 1e-12 {
        out.push(Relaxation::InvestmentFloor { from: from.investment_floor, to: to.investment_floor });
    }
    out
}

fn empty_plan() -> Plan {
    Plan { chosen: Vec::new(), load: 0, load_by_kind: KindMap::splat(0), benefit: 0 }
}

/// Relaxes what a full sprint cannot meet, solves, and widens every band step by step if
/// that is still not enough for a non-empty plan. Returns the plan, the bounds used and the
/// relaxations (net change per bound).
pub fn solve_relaxing(candidates: &[Candidate], original: &Bounds, links: &Links) -> (Plan, Bounds, Vec<Relaxation>) {
    let mut b = *original;
    let usable = |c: &&Candidate| !c.excluded;
    let pinned: u32 = candidates.iter().filter(usable).filter(|c| c.pinned).map(|c| c.size).sum();
    if pinned > b.capacity {
        b.capacity = pinned;
    }
    let capacity = f64::from(b.capacity.max(1));
    // Per kind, in one pass: the points that could be planned, and the pinned points.
    let mut size_of = KindMap::splat(0u32);
    let mut pinned_of = KindMap::splat(0u32);
    for c in candidates.iter().filter(usable) {
        if c.pinned || c.size <= b.capacity {
            size_of.set(c.kind, size_of.get(c.kind) + c.size);
        }
        if c.pinned {
            pinned_of.set(c.kind, pinned_of.get(c.kind) + c.size);
        }
    }
    let available = |kinds: &[Kind]| -> f64 { f64::from(kinds.iter().map(|k| size_of.get(*k)).sum::<u32>()) };
    for k in Kind::ALL {
        let have = available(&[k]) / capacity;
        if have < b.min_share.get(k) {
            b.min_share.set(k, have);
        }
        // A kind must go above its maximum when its pinned items need more, or when the other
        // kinds together cannot fill the rest of a full sprint.
        let others: Vec<Kind> = Kind::ALL.into_iter().filter(|o| *o != k).collect();
        let need = (f64::from(pinned_of.get(k)) / capacity).max(1.0 - available(&others) / capacity);
        if need > b.max_share.get(k) {
            b.max_share.set(k, need.min(1.0));
        }
    }
    let investment = available(&[Kind::Risk, Kind::Debt]) / capacity;
    if investment < b.investment_floor {
        b.investment_floor = investment;
    }

    let fits = candidates.iter().any(|c| !c.excluded && c.size > 0 && c.size <= b.capacity);
    let solver = Solver::new(candidates, links, b.capacity);
    let mut last = None;
    for _ in 0..=100 {
        match solver.solve(&b) {
            Some(plan) if plan.load > 0 || !fits => {
                let relaxations = as_delivered(differences(original, &b), &plan, candidates);
                return (plan, b, relaxations);
            }
            found => {
                last = found.or(last);
                b = widen(&b);
            }
        }
    }
    // After 100 steps every band is 0–100% and the floor 0: only capacity binds, so the loop
    // has returned unless nothing with a load can be planned (nothing fits, or what fits waits
    // for what does not): then the best empty-load plan, pinned free items and all.
    let plan = last.unwrap_or_else(empty_plan);
    let relaxations = as_delivered(differences(original, &b), &plan, candidates);
    (plan, b, relaxations)
}
