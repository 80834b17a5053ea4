//! Generated workspaces of any size, deterministic for a seed: for benchmarks and load tests.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use crate::domain::{
    Agreement, DebtCategory, DebtDetails, HalfPoints, ItemId, Kind, Member, MemberId, Policy, RiskArea, Sprint,
    SprintId, SprintState, Status, WorkItem, Workspace,
};

/// A small, fast, seedable generator (xorshift64*): benchmarks need repeatability, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const VERBS: &[&str] =
    &["Add", "Fix", "Replace", "Migrate", "Speed up", "Remove", "Harden", "Split", "Document", "Audit"];
const OBJECTS: &[&str] =
    &["refund flow", "card vault", "ledger client", "checkout form", "webhook handler", "PSP adapter", "fraud rules"];
const AREAS: &[&str] = &["mobile web", "the admin", "EU storefronts", "the API", "the nightly batch", "checkout"];
const ESTIMATES: &[u32] = &[1, 2, 4, 6, 10, 16, 26]; // half points: 0.5 1 2 3 5 8 13

/// `n` candidate items with a team of six, six closed sprints and one in planning.
pub fn generated_workspace(n: usize, seed: u64) -> Workspace {
    let mut rng = Rng(seed.max(1));
    let start = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap_or_default();
    let sprints: Vec<Sprint> = (0..7)
        .map(|i| Sprint {
            id: SprintId(i + 1),
            name: format!("Sprint {}", 42 + i),
            start: start + Duration::days(14 * i),
            end: start + Duration::days(14 * i + 11),
            goal: String::new(),
            state: if i < 6 { SprintState::Closed } else { SprintState::Planning },
            actuals: None,
            version: 1,
        })
        .collect();
    let members = (0..6)
        .map(|i| Member {
            id: MemberId(i + 1),
            name: format!("Member {}", i + 1),
            allocation: if i == 5 { 0.5 } else { 1.0 },
            focus: None,
            version: 1,
        })
        .collect();
    let created = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).single().unwrap_or_default();
    let items = (0..n)
        .map(|i| {
            let kind = match rng.below(100) {
                0..=54 => Kind::Feature,
                55..=69 => Kind::Defect,
                70..=79 => Kind::Risk,
                _ => Kind::Debt,
            };
            let debt = (kind == Kind::Debt).then(|| DebtDetails {
                interest: 1 + rng.below(5) as u8,
                visibility: 1 + rng.below(5) as u8,
                drag: None,
                category: *rng.pick(&DebtCategory::ALL),
                risk_area: if rng.below(5) == 0 { *rng.pick(&RiskArea::ALL) } else { RiskArea::None },
                agreement: Agreement::default(),
                deferrals: vec![],
            });
            let at = created + Duration::minutes(i as i64);
            WorkItem {
                id: ItemId(i as i64 + 1),
                key: Some(format!("GEN-{}", i + 1)),
                title: format!("{} {} in {}", rng.pick(VERBS), rng.pick(OBJECTS), rng.pick(AREAS)),
                kind,
                status: Status::Backlog,
                sprint: None,
                // The few pinned items are small, as carried-over remainders usually are.
                estimate: if i % 20_000 == 7 { HalfPoints(4) } else { HalfPoints(*rng.pick(ESTIMATES)) },
                impact: 1 + rng.below(5) as u8,
                risk: 1 + rng.below(5) as u8,
                time_to_value: 1 + rng.below(5) as u8,
                outcome: None,
                tags: vec![],
                created: at,
                updated: at,
                pinned: i % 20_000 == 7,
                excluded: rng.below(100) == 0,
                debt,
                version: 1,
            }
        })
        .collect();
    Workspace { policy: Policy::default(), members, sprints, items, ..Workspace::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_workspace() {
        assert_eq!(generated_workspace(200, 7), generated_workspace(200, 7));
        assert_ne!(generated_workspace(200, 7).items, generated_workspace(200, 8).items);
    }

    #[test]
    fn every_kind_appears_and_debt_has_register_fields() {
        let ws = generated_workspace(1000, 1);
        for kind in Kind::ALL {
            assert!(ws.items.iter().any(|i| i.kind == kind), "{kind}");
        }
        assert!(ws.items.iter().filter(|i| i.kind == Kind::Debt).all(|i| i.debt.is_some()));
    }
}
