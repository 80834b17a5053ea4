//! Weighted scoring: benefit from impact, risk and time-to-value; the score divides (wsjf) or
//! subtracts (weighted-sum) effort. Every term is kept for the breakdown.

use std::cmp::Ordering;

use super::item::{ItemId, WorkItem};
use super::policy::{Policy, ScoringModel, Weights};

/// Estimates below this count as this for wsjf (a 0 estimate is "unestimated" and has no score).
pub const MIN_WSJF_ESTIMATE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreBreakdown {
    pub impact_term: f64,
    pub risk_term: f64,
    pub ttv_term: f64,
    /// impact_term + risk_term + ttv_term.
    pub benefit: f64,
    /// wsjf: estimate^w_effort (the divisor); weighted-sum: w_effort × effort_scale (subtracted).
    pub effort_term: f64,
    /// 0 for an unestimated item: without a cost there is no ratio, and pretending it costs half
    /// a point would rank every untriaged import above real work.
    pub score: f64,
    /// False for a 0-point (unestimated) item: it ranks after every estimated one, by benefit.
    pub estimated: bool,
}

/// Maps an estimate to 1–5 for the weighted-sum model (points: ≤1, ≤3, ≤5, ≤8, more).
pub fn effort_scale(estimate: f64) -> f64 {
    match estimate {
        e if e <= 1.0 => 1.0,
        e if e <= 3.0 => 2.0,
        e if e <= 5.0 => 3.0,
        e if e <= 8.0 => 4.0,
        _ => 5.0,
    }
}

/// w_impact·impact + w_risk·risk + w_ttv·time_to_value: what the optimizer maximises.
pub fn benefit(item: &WorkItem, w: &Weights) -> f64 {
    w.impact * f64::from(item.impact) + w.risk * f64::from(item.risk) + w.time_to_value * f64::from(item.time_to_value)
}

pub fn breakdown(item: &WorkItem, model: ScoringModel, w: &Weights) -> ScoreBreakdown {
    breakdown_of(&ScoringFields::of(item), model, w)
}

/// The fields a score is made of: all a ranking reads from the store when it does not need
/// whole items (`flowdeck rank --limit N` at 100,000 items).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoringFields {
    pub id: ItemId,
    pub impact: u8,
    pub risk: u8,
    pub time_to_value: u8,
    pub estimate: super::estimate::HalfPoints,
}

impl ScoringFields {
    pub fn of(item: &WorkItem) -> ScoringFields {
        ScoringFields {
            id: item.id,
            impact: item.impact,
            risk: item.risk,
            time_to_value: item.time_to_value,
            estimate: item.estimate,
        }
    }
}

pub fn breakdown_of(item: &ScoringFields, model: ScoringModel, w: &Weights) -> ScoreBreakdown {
    let impact_term = w.impact * f64::from(item.impact);
    let risk_term = w.risk * f64::from(item.risk);
    let ttv_term = w.time_to_value * f64::from(item.time_to_value);
    let benefit = impact_term + risk_term + ttv_term;
    let estimate = item.estimate.points();
    let estimated = item.estimate.0 > 0;
    let (effort_term, score) = match model {
        _ if !estimated => (0.0, 0.0),
        ScoringModel::Wsjf => {
            let size = estimate.max(MIN_WSJF_ESTIMATE);
            // The default exponent is 1: skip powf, which dominates ranking 100k items.
            let divisor = if w.effort == 1.0 { size } else { size.powf(w.effort) };
            (divisor, benefit / divisor)
        }
        ScoringModel::WeightedSum => {
            let penalty = w.effort * effort_scale(estimate);
            (penalty, benefit - penalty)
        }
    };
    ScoreBreakdown { impact_term, risk_term, ttv_term, benefit, effort_term, score, estimated }
}

pub fn score(item: &WorkItem, policy: &Policy) -> ScoreBreakdown {
    breakdown(item, policy.model, &policy.weights)
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub id: ItemId,
    pub score: f64,
    pub benefit: f64,
    /// Unestimated items rank apart, after every estimated one.
    pub estimated: bool,
}

impl Ranked {
    pub fn of(id: ItemId, s: &ScoreBreakdown) -> Ranked {
        Ranked { id, score: s.score, benefit: s.benefit, estimated: s.estimated }
    }
}

/// Best first: estimated before unestimated, then score, then benefit, then the older item
/// (lower id) — a total, stable order.
pub fn compare(a: &Ranked, b: &Ranked) -> Ordering {
    b.estimated
        .cmp(&a.estimated)
        .then(b.score.total_cmp(&a.score))
        .then(b.benefit.total_cmp(&a.benefit))
        .then(a.id.cmp(&b.id))
}

/// An integer key that sorts exactly like [`compare`]: integer comparisons sort 100k items
/// noticeably faster than chained float comparisons.
pub fn sort_key(r: &Ranked) -> (bool, u64, u64, i64) {
    // Maps f64 to u64 preserving total order, then inverts it for "largest first".
    fn descending(x: f64) -> u64 {
        let bits = x.to_bits();
        let ordered = if bits >> 63 == 1 { !bits } else { bits | (1 << 63) };
        !ordered
    }
    (!r.estimated, descending(r.score), descending(r.benefit), r.id.0)
}

/// Items scored and sorted best first, each with its item.
pub fn rank<'a>(items: impl IntoIterator<Item = &'a WorkItem>, policy: &Policy) -> Vec<(Ranked, &'a WorkItem)> {
    let mut ranked: Vec<(Ranked, &WorkItem)> = items
        .into_iter()
        .map(|i| {
            let s = score(i, policy);
            (Ranked::of(i.id, &s), i)
        })
        .collect();
    // The order is total (ids break ties), so an unstable sort gives the same result, faster.
    ranked.sort_unstable_by_key(|(r, _)| sort_key(r));
    ranked
}

/// The best `limit` of `candidates`, best first, in exactly the order [`rank`] gives them,
/// without sorting the rest.
pub fn top(candidates: &[ScoringFields], policy: &Policy, limit: usize) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = candidates
        .iter()
        .map(|f| {
            let s = breakdown_of(f, policy.model, &policy.weights);
            Ranked::of(f.id, &s)
        })
        .collect();
    if limit < ranked.len() {
        ranked.select_nth_unstable_by_key(limit, sort_key);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by_key(sort_key);
    ranked
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightName {
    Impact,
    Risk,
    TimeToValue,
    Effort,
}

impl WeightName {
    pub const ALL: [WeightName; 4] =
        [WeightName::Impact, WeightName::Risk, WeightName::TimeToValue, WeightName::Effort];

    pub fn as_str(self) -> &'static str {
        match self {
            WeightName::Impact => "impact",
            WeightName::Risk => "risk",
            WeightName::TimeToValue => "time-to-value",
            WeightName::Effort => "effort",
        }
    }

    fn get(self, w: &Weights) -> f64 {
        match self {
            WeightName::Impact => w.impact,
            WeightName::Risk => w.risk,
            WeightName::TimeToValue => w.time_to_value,
            WeightName::Effort => w.effort,
        }
    }

    fn with(self, w: &Weights, value: f64) -> Weights {
        let mut w = *w;
        match self {
            WeightName::Impact => w.impact = value,
            WeightName::Risk => w.risk = value,
            WeightName::TimeToValue => w.time_to_value = value,
            WeightName::Effort => w.effort = value,
        }
        w
    }
}

/// The smallest change of one weight that swaps an item with its neighbour in the ranking.
/// `to` is a two-decimal value at which the pair really has swapped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityHint {
    pub weight: WeightName,
    pub from: f64,
    pub to: f64,
}

/// Weights stay within this range (the policy's own limits).
const WEIGHT_RANGE: (f64, f64) = (0.0, 10.0);
const SCAN_STEP: f64 = 0.01;

/// Hints print weights with two decimals: hundredths.
const SHOWN_PER_UNIT: f64 = 100.0;

/// The two-decimal value a hint prints for a swap at `threshold`: rounded away from the current
/// weight (toward the side where the swap really happens), and checked — a weight that only
/// ties, or lies just short, moves one more step. `None` when that leaves the weights' range.
fn shown_value(threshold: f64, direction: f64, swaps: impl Fn(f64) -> bool) -> Option<f64> {
    let steps = threshold * SHOWN_PER_UNIT;
    // The tiny slack keeps 0.11 (stored as 10.999999… hundredths) from rounding to 0.12.
    let mut steps = if direction > 0.0 { (steps - 1e-9).ceil() } else { (steps + 1e-9).floor() };
    for _ in 0..3 {
        // Division gives the very number "0.95" reads back as (0.95 × … would not).
        let value = steps / SHOWN_PER_UNIT;
        if value < WEIGHT_RANGE.0 - 1e-12 || value > WEIGHT_RANGE.1 + 1e-12 {
            return None;
        }
        if swaps(value) {
            return Some(value);
        }
        steps += direction;
    }
    None
}

/// Finds the smallest single-weight change (within 0–10) after which `item` and `neighbour`
/// trade places; `None` when no single weight can do it.
pub fn sensitivity(item: &WorkItem, neighbour: &WorkItem, policy: &Policy) -> Option<SensitivityHint> {
    let margin = |w: &Weights| breakdown(item, policy.model, w).score - breakdown(neighbour, policy.model, w).score;
    let base = margin(&policy.weights);
    if base.abs() < 1e-12 {
        // Already tied on score: the order comes from the tie-break, not from the weights.
        return None;
    }
    let mut best: Option<SensitivityHint> = None;
    for name in WeightName::ALL {
        let from = name.get(&policy.weights);
        for direction in [1.0, -1.0] {
            // Scan outwards for a sign change, then bisect: scores are smooth in each weight.
            let mut previous = from;
            let mut step = 1;
            loop {
                let candidate = from + direction * SCAN_STEP * f64::from(step);
                if candidate < WEIGHT_RANGE.0 - 1e-12 || candidate > WEIGHT_RANGE.1 + 1e-12 {
                    break;
                }
                let m = margin(&name.with(&policy.weights, candidate));
                if m.signum() != base.signum() || m == 0.0 {
                    let (mut lo, mut hi) = (previous, candidate);
                    for _ in 0..40 {
                        let mid = (lo + hi) / 2.0;
                        let mm = margin(&name.with(&policy.weights, mid));
                        if mm.signum() == base.signum() && mm != 0.0 {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    let Some(to) = shown_value(hi, direction, |v| {
                        let m = margin(&name.with(&policy.weights, v));
                        m.signum() != base.signum() && m != 0.0
                    }) else {
                        break;
                    };
                    let hint = SensitivityHint { weight: name, from, to };
                    if best.is_none_or(|b| (hint.to - hint.from).abs() < (b.to - b.from).abs()) {
                        best = Some(hint);
                    }
                    break;
                }
                previous = candidate;
                step += 1;
            }
        }
    }
    best
}

#[cfg(test)]
#[path = "scoring_tests.rs"]
mod tests;
