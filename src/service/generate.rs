//! Generated workspaces of any size, deterministic for a seed: for benchmarks and load tests.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use crate::domain::{
    Agreement, DebtCategory, DebtDetails, DeliveryFigures, EntryOutcome, HalfPoints, ItemId, Kind, KindMap, Member,
    MemberId, Policy, RiskArea, Sprint, SprintActuals, SprintEntry, SprintId, SprintState, Status, WorkItem, Workspace,
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
            joined_on: None,
            left_on: None,
            skills: Vec::new(),
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
                drag_history: vec![],
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
                debt: debt.map(Box::new),
                assignee: None,
                skills: Vec::new(),
                blocked_by: Vec::new(),
                version: 1,
            }
        })
        .collect();
    let mut ws = Workspace { policy: Policy::default(), members, sprints, items, ..Workspace::default() };
    add_history(&mut ws, &mut rng);
    add_agreements(&mut ws, &mut rng, start);
    ws
}

/// Makes `percent` of the items wait for one or two others (earlier items nearby, as work in
/// one area tends to be, so the links never form a cycle).
pub fn add_dependencies(ws: &mut Workspace, percent: u64, seed: u64) {
    let mut rng = Rng(seed.max(1) ^ 0x9E37_79B9_7F4A_7C15);
    for n in 1..ws.items.len() {
        if rng.below(100) >= percent {
            continue;
        }
        let count = 1 + rng.below(2) as usize;
        let blockers: Vec<ItemId> =
            (0..count).map(|_| ws.items[n - 1 - rng.below(n.min(500) as u64) as usize].id).collect();
        let item = &mut ws.items[n];
        for b in blockers {
            if !item.blocked_by.contains(&b) {
                item.blocked_by.push(b);
            }
        }
    }
}

/// Gives the six closed sprints a plan snapshot (about 40 points of the first items each,
/// mostly done, some carried over or dropped) and actuals, so capacity calibration, history
/// and the projection's bands have something real to work on.
fn add_history(ws: &mut Workspace, rng: &mut Rng) {
    let mut next = 0;
    for sprint in 0..6 {
        let id = SprintId(sprint + 1);
        let mut load = 0;
        while load < 80 && next < ws.items.len() {
            let item = &mut ws.items[next];
            next += 1;
            let outcome = match rng.below(20) {
                0 => EntryOutcome::Dropped,
                1 | 2 => EntryOutcome::CarriedOver,
                _ => EntryOutcome::Done,
            };
            let remaining = match outcome {
                EntryOutcome::CarriedOver => HalfPoints((item.estimate.0 / 2).max(1)),
                _ => HalfPoints::ZERO,
            };
            load += item.estimate.0;
            ws.entries.push(SprintEntry { sprint: id, item: item.id, planned: item.estimate, outcome, remaining });
            if outcome == EntryOutcome::Done {
                item.status = Status::Done;
                item.sprint = Some(id);
                item.pinned = false;
            } else if outcome == EntryOutcome::CarriedOver {
                item.estimate = remaining;
            }
        }
        let unplanned = |rng: &mut Rng, max: u64| rng.below(max * 2) as f64 / 2.0;
        ws.sprints[sprint as usize].actuals = Some(SprintActuals {
            closed_on: Some(ws.sprints[sprint as usize].end),
            unplanned: KindMap::new(unplanned(rng, 3), unplanned(rng, 5), unplanned(rng, 2), unplanned(rng, 2)),
            rework: unplanned(rng, 2),
            delivery: DeliveryFigures::default(),
        });
    }
}

/// A quarter of the debts carry an agreement with a trigger date, some already past.
fn add_agreements(ws: &mut Workspace, rng: &mut Rng, start: NaiveDate) {
    for item in ws.items.iter_mut() {
        if let Some(debt) = item.debt.as_mut() {
            if rng.below(4) == 0 {
                debt.agreement = Agreement {
                    reason: "shipped before the holiday freeze".into(),
                    impact: "slows every change to this area".into(),
                    trigger_date: Some(start + Duration::days(rng.below(200) as i64)),
                    trigger_condition: String::new(),
                    owner: format!("Member {}", 1 + rng.below(6)),
                    linked_key: None,
                };
            }
        }
    }
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

    #[test]
    fn closed_sprints_have_history_that_calibrates() {
        let ws = generated_workspace(1000, 3);
        let ratios = crate::domain::history::completion_ratios(&ws, 12);
        assert_eq!(ratios.len(), 6, "every closed sprint has a plan and an outcome");
        assert!(ratios.iter().all(|r| (0.5..=1.0).contains(r)), "{ratios:?}");
        assert!(ws.items.iter().any(|i| i.debt.as_ref().is_some_and(|d| d.agreement.trigger_date.is_some())));
    }
}
