use proptest::prelude::*;

use super::*;

fn seat(id: i64, share: u32, assigned: u32, skills: &[&str]) -> Seat {
    Seat {
        member: MemberId(id),
        name: format!("M{id}"),
        skills: skills.iter().map(|s| s.to_string()).collect(),
        share,
        assigned,
    }
}

fn open(id: u32, halves: u32, skills: &[&str]) -> OpenItem<u32> {
    OpenItem { id, halves, skills: skills.iter().map(|s| s.to_string()).collect() }
}

#[test]
fn work_goes_where_it_fits_and_skills_decide_who_may_take_it() {
    // Ana has 6 half points of room and iOS, Ben 4 and nothing special.
    let seats = [seat(1, 10, 4, &["ios"]), seat(2, 4, 0, &[])];
    let found = assign(&[open(1, 4, &["ios"]), open(2, 4, &[]), open(3, 2, &[])], &seats);
    assert!(found.exact);
    assert!(found.over.is_empty(), "{found:?}");
    assert_eq!(found.proposed[0], (1, Some(MemberId(1))), "only Ana has iOS");
    let ana: u32 =
        found.proposed.iter().filter(|(_, m)| *m == Some(MemberId(1))).map(|(i, _)| [4, 4, 2][*i as usize - 1]).sum();
    assert!(ana <= 6, "Ana keeps within her room: {found:?}");

    // Nobody has Android: left unassigned, said so by None.
    assert_eq!(assign(&[open(1, 2, &["android"])], &seats).proposed, vec![(1, None)]);
}

#[test]
fn when_nobody_can_stay_within_their_share_the_excess_is_named() {
    let seats = [seat(1, 4, 0, &[]), seat(2, 4, 0, &[])];
    let found = assign(&[open(1, 6, &[]), open(2, 6, &[])], &seats);
    assert_eq!(
        found.over.iter().map(|(_, _, h)| *h).sum::<u32>(),
        4,
        "2 half points over each, or 4 on one: {found:?}"
    );
}

#[test]
fn above_the_exact_size_the_heuristic_places_largest_first() {
    let seats = [seat(1, 20, 0, &[]), seat(2, 20, 0, &[])];
    let items: Vec<_> = (0..(EXACT_UP_TO as u32 + 2)).map(|i| open(i, 2 + i % 3, &[])).collect();
    let found = assign(&items, &seats);
    assert!(!found.exact);
    assert!(found.over.is_empty(), "{found:?}");
}

fn instance() -> impl Strategy<Value = (Vec<Seat>, Vec<OpenItem<u32>>)> {
    let skills = proptest::sample::subsequence(vec!["ios", "db"], 0..=2);
    let seats = proptest::collection::vec((0u32..12, 0u32..6, skills.clone()), 1..4).prop_map(|v| {
        v.into_iter().enumerate().map(|(i, (share, assigned, sk))| seat(i as i64 + 1, share, assigned, &sk)).collect()
    });
    let items = proptest::collection::vec((1u32..8, proptest::sample::subsequence(vec!["ios", "db"], 0..=1)), 0..7)
        .prop_map(|v| v.into_iter().enumerate().map(|(i, (h, sk))| open(i as u32, h, &sk)).collect());
    (seats, items)
}

fn cost(seats: &[Seat], items: &[OpenItem<u32>], picks: &[Option<usize>]) -> u32 {
    let mut loads: Vec<u32> = seats.iter().map(|s| s.assigned).collect();
    for (item, pick) in items.iter().zip(picks) {
        if let Some(s) = pick {
            loads[*s] += item.halves;
        }
    }
    excess(&loads, seats)
}

proptest! {
    /// Exact on small instances: no assignment respecting skills has less excess (checked
    /// against a second, independent enumeration of all of them), skills are never broken, and
    /// the reported excess is the real one.
    #[test]
    fn the_exact_step_is_optimal((seats, items) in instance()) {
        let found = assign(&items, &seats);
        let index = |m: MemberId| seats.iter().position(|s| s.member == m);
        let picks: Vec<Option<usize>> = found.proposed.iter().map(|(_, m)| m.and_then(index)).collect();
        for (item, pick) in items.iter().zip(&picks) {
            match pick {
                Some(s) => prop_assert!(able(&seats[*s], item)),
                None => prop_assert!(seats.iter().all(|s| !able(s, item))),
            }
        }
        let got = cost(&seats, &items, &picks);
        prop_assert_eq!(got, found.over.iter().map(|(_, _, h)| *h).sum::<u32>());
        // Every assignment, counted in base (seats + 1), the extra digit meaning "nobody".
        let base = seats.len() + 1;
        let mut best = u32::MAX;
        for code in 0..base.pow(items.len() as u32) {
            let mut c = code;
            let mut all: Vec<Option<usize>> = Vec::new();
            let mut valid = true;
            for item in &items {
                let digit = c % base;
                c /= base;
                let pick = (digit < seats.len()).then_some(digit);
                let can = seats.iter().any(|s| able(s, item));
                valid &= match pick { Some(s) => able(&seats[s], item), None => !can };
                all.push(pick);
            }
            if valid {
                best = best.min(cost(&seats, &items, &all));
            }
        }
        prop_assert_eq!(got, best);
    }
}
