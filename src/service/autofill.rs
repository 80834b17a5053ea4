//! Auto-fill: the optimizer's proposal for a sprint, and saving it.

use chrono::NaiveDate;

use crate::domain::assign::{assign, seats, Assignment, OpenItem};
use crate::domain::capacity::{capacity, CapacityBreakdown, Fallbacks};
use crate::domain::change::{Change, ChangeSet};
use crate::domain::debt::cadence_days;
use crate::domain::debt::deferral::window_start;
use crate::domain::debt::first::overdue_high_risk;
use crate::domain::dependencies::open_blockers;
use crate::domain::guardrails::band;
use crate::domain::optimizer::{auto_fill_linked, AutoFill, Bounds, Candidate, Links};
use crate::domain::person_load::team_load;
use crate::domain::scoring::benefit;
use crate::domain::{ItemId, Kind, KindMap, Sprint, SprintState, WorkItem, Workspace};

/// Benefits go to the optimizer as integers (thousandths) so sums and ties are exact.
pub const BENEFIT_SCALE: f64 = 1000.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub sprint: Sprint,
    pub capacity: CapacityBreakdown,
    pub result: AutoFill,
    /// The chosen items, best benefit first.
    pub chosen: Vec<WorkItem>,
}

impl Proposal {
    pub fn total_benefit(&self) -> f64 {
        self.result.plan.benefit as f64 / BENEFIT_SCALE
    }
}

/// Every candidate as the optimizer sees it, nothing forced.
pub fn candidates(ws: &Workspace) -> Vec<Candidate> {
    ws.candidates()
        .map(|i| Candidate {
            id: i.id,
            kind: i.kind,
            size: i.estimate.0,
            benefit: (benefit(i, &ws.policy.weights) * BENEFIT_SCALE).round().max(0.0) as i64,
            pinned: i.pinned,
            forced: false,
            excluded: i.excluded,
            unestimated: i.is_unestimated(),
        })
        .collect()
}

/// Which candidates wait for which: their blockers that are neither done nor dropped.
pub fn links(ws: &Workspace) -> Links {
    Links::new(ws.candidates().filter(|i| !i.blocked_by.is_empty()).map(|i| (i.id, open_blockers(i, |id| ws.item(id)))))
}

/// The candidates with `first` forced in, in that order (the optimizer admits forced items in
/// candidate order while they fit, so the most urgent goes first).
pub fn with_planned_first(candidates: Vec<Candidate>, first: &[ItemId]) -> Vec<Candidate> {
    if first.is_empty() {
        return candidates;
    }
    // One pass, not a sort keyed by a search of `first` (which cost a quarter of `plan auto`
    // at 100k): the forced ones into their slots, the rest in their order after them.
    let rank: rustc_hash::FxHashMap<ItemId, usize> = first.iter().enumerate().map(|(n, id)| (*id, n)).collect();
    let mut forced: Vec<Option<Candidate>> = vec![None; first.len()];
    let mut rest = Vec::with_capacity(candidates.len());
    for mut c in candidates {
        match rank.get(&c.id) {
            Some(&n) => {
                c.forced = true;
                forced[n] = Some(c);
            }
            None => {
                c.forced = false;
                rest.push(c);
            }
        }
    }
    let mut out: Vec<Candidate> = forced.into_iter().flatten().collect();
    out.append(&mut rest);
    out
}

/// The debts the policy plans first for `sprint` (empty when the option is off).
pub fn planned_first(ws: &Workspace, sprint: &Sprint, today: NaiveDate) -> Vec<ItemId> {
    if !ws.policy.plan_overdue_high_risk_debt_first {
        return Vec::new();
    }
    overdue_high_risk(ws.candidates(), today, window_start(ws, sprint, cadence_days(ws)))
}

pub fn bounds(ws: &Workspace, plannable_points: f64) -> Bounds {
    let mut min_share = KindMap::splat(0.0);
    let mut max_share = KindMap::splat(1.0);
    for kind in Kind::ALL {
        let (min, max) = band(&ws.policy, kind);
        min_share.set(kind, min);
        max_share.set(kind, max);
    }
    Bounds {
        // Plannable capacity in whole half points, rounded down: never plan beyond it.
        capacity: (plannable_points.max(0.0) * 2.0).floor() as u32,
        min_share,
        max_share,
        investment_floor: f64::from(ws.policy.investment_floor) / 100.0,
    }
}

/// The best sprint for `sprint` under its capacity and the policy. Only a sprint still in
/// planning can be auto-filled: a started sprint's plan is its commitment.
pub fn propose(ws: &Workspace, sprint: &Sprint, fallbacks: &Fallbacks, today: NaiveDate) -> Result<Proposal, String> {
    if sprint.state != SprintState::Planning {
        return Err(format!(
            "{} is {}; only a sprint in planning can be auto-filled",
            sprint.name,
            sprint.state.word()
        ));
    }
    let capacity = capacity(ws, sprint, fallbacks);
    let candidates = with_planned_first(candidates(ws), &planned_first(ws, sprint, today));
    let result = auto_fill_linked(&candidates, &links(ws), &bounds(ws, capacity.plannable));
    let mut chosen: Vec<WorkItem> = result.plan.chosen.iter().filter_map(|id| ws.item(*id)).cloned().collect();
    let w = &ws.policy.weights;
    chosen.sort_by(|a, b| benefit(b, w).total_cmp(&benefit(a, w)).then(a.id.cmp(&b.id)));
    Ok(Proposal { sprint: sprint.clone(), capacity, result, chosen })
}

/// The "assign" step over a proposal: assignees for its chosen items that nobody is assigned
/// to, within each member's share when possible (see `domain::assign`).
pub fn propose_assignees(ws: &Workspace, proposal: &Proposal) -> Assignment<ItemId> {
    let c = &proposal.capacity;
    let load = team_load(&c.members, c.plannable, &proposal.chosen, &ws.members);
    let open: Vec<OpenItem<ItemId>> = proposal
        .chosen
        .iter()
        .filter(|i| i.assignee.is_none())
        .map(|i| OpenItem { id: i.id, halves: i.estimate.0, skills: i.skills.clone() })
        .collect();
    assign(&open, &seats(&load, &ws.members))
}

/// The proposed assignees as one change set over `ws` (items already assigned are left).
pub fn assignment_changes(ws: &Workspace, a: &Assignment<ItemId>) -> ChangeSet {
    let changes = a
        .proposed
        .iter()
        .filter_map(|(id, member)| {
            let before = ws.item(*id)?;
            let member = (*member)?;
            (before.assignee.is_none()).then(|| {
                let mut after = before.clone();
                after.assignee = Some(member);
                Change::item(Some(before.clone()), Some(after))
            })
        })
        .collect();
    ChangeSet::new("auto-fill: assignees", changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::{DebtDetails, Deferral, RiskArea};
    use crate::domain::test_support::{item, sprint};
    use crate::domain::SprintState;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
    }

    /// Sprint 2 in planning after Sprint 1 started on 11-09: deferrals from 11-10 count for it.
    fn workspace(deferred: Option<NaiveDate>) -> Workspace {
        let mut debt = item(2, Kind::Debt, 3.0);
        let mut d = DebtDetails::blank();
        d.risk_area = RiskArea::Security;
        d.agreement.trigger_date = Some(day(11, 1));
        d.deferrals =
            deferred.map(|on| Deferral { on, rationale: "after the audit".into(), moved: None }).into_iter().collect();
        debt.debt = Some(Box::new(d));
        Workspace {
            sprints: vec![sprint(1, day(11, 9), SprintState::Active), sprint(2, day(11, 23), SprintState::Planning)],
            items: vec![item(1, Kind::Feature, 5.0), debt],
            ..Workspace::default()
        }
    }

    #[test]
    fn planned_first_items_lead_in_the_order_given_and_the_rest_keep_theirs() {
        let ws = workspace(None);
        let all = candidates(&ws);
        let ids: Vec<ItemId> = all.iter().map(|c| c.id).collect();
        let first = [ids[ids.len() - 1], ids[0], ItemId(999)];
        let out = with_planned_first(all, &first);
        let order: Vec<ItemId> = out.iter().map(|c| c.id).collect();
        let mut expected = vec![first[0], first[1]];
        expected.extend(ids[1..ids.len() - 1].iter().copied());
        assert_eq!(order, expected);
        assert!(out.iter().all(|c| c.forced == (c.id == first[0] || c.id == first[1])));
    }

    #[test]
    fn the_policy_forces_overdue_high_risk_debt_unless_off_or_deferred_for_the_sprint() {
        let today = day(11, 21);
        let ws = workspace(None);
        // The current sprint is the running one; auto-fill targets the one in planning.
        let target = ws.sprints[1].clone();
        assert_eq!(planned_first(&ws, &target, today), vec![ItemId(2)]);
        let forced = with_planned_first(candidates(&ws), &planned_first(&ws, &target, today));
        assert_eq!(forced.iter().filter(|c| c.forced).map(|c| c.id).collect::<Vec<_>>(), vec![ItemId(2)]);
        assert_eq!(forced[0].id, ItemId(2), "forced items lead, in priority order");

        let mut off = workspace(None);
        off.policy.plan_overdue_high_risk_debt_first = false;
        assert!(planned_first(&off, &target, today).is_empty());

        assert!(planned_first(&workspace(Some(day(11, 12))), &target, today).is_empty(), "deferred for this sprint");
        assert_eq!(planned_first(&workspace(Some(day(11, 5))), &target, today), vec![ItemId(2)], "an older deferral");
    }
}
