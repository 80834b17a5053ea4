//! Combining the kinds: for every total load L, the best split of L between the kinds that
//! keeps each kind in its band and investment above the floor; then the best L.

use super::knapsack::KindTable;
use super::{floor_limit, kind_limits, Bounds};
use crate::domain::kind::Kind;

/// Max-plus convolution of two kinds restricted to their limits, for sums 0..=total.
/// `out[s]` = best value with exact sum s and the first kind's load that achieves it.
fn convolve(
    a: &KindTable,
    (a_lo, a_hi): (u32, u32),
    b: &KindTable,
    (b_lo, b_hi): (u32, u32),
    total: u32,
    out: &mut Vec<Option<(i64, u32)>>,
) {
    out.clear();
    out.resize(total as usize + 1, None);
    for la in a_lo..=a_hi.min(total) {
        let Some(va) = a.value(la) else { continue };
        for lb in b_lo..=b_hi.min(total - la) {
            let Some(vb) = b.value(lb) else { continue };
            let slot = &mut out[(la + lb) as usize];
            let v = va + vb;
            // Strictly better only, scanning loads upwards: ties keep the smaller first load.
            if slot.is_none_or(|(cur, _)| v > cur) {
                *slot = Some((v, la));
            }
        }
    }
}

/// The per-kind loads (in `Kind::ALL` order) of the best feasible plan, or `None`.
/// Ties: higher benefit, then the smaller total load.
pub fn best_loads(tables: &[KindTable], bounds: &Bounds) -> Option<[u32; 4]> {
    let table = |k: Kind| &tables[usize::from(k.code())];
    let mut investment = Vec::new();
    let mut delivery = Vec::new();
    let mut best: Option<(i64, [u32; 4])> = None;
    for load in 0..=bounds.capacity {
        let limits = |k: Kind| kind_limits(bounds, k, load);
        convolve(table(Kind::Risk), limits(Kind::Risk), table(Kind::Debt), limits(Kind::Debt), load, &mut investment);
        convolve(
            table(Kind::Feature),
            limits(Kind::Feature),
            table(Kind::Defect),
            limits(Kind::Defect),
            load,
            &mut delivery,
        );
        for inv in floor_limit(bounds, load)..=load {
            let (Some((vi, risk)), Some((vd, feature))) = (investment[inv as usize], delivery[(load - inv) as usize])
            else {
                continue;
            };
            let value = vi + vd;
            if best.is_none_or(|(cur, _)| value > cur) {
                best = Some((value, [feature, load - inv - feature, risk, inv - risk]));
            }
        }
    }
    best.map(|(_, loads)| loads)
}
