//! Domain → document: the exact inverse of `to_workspace` for anything it accepts.

use crate::domain::{Kind, KindMap, Policy, Sprint, Workspace};

use super::document::{
    ActualsDoc, AgreementDoc, AvailabilityDoc, DaysOffDoc, DebtDoc, DeferralDoc, DeliveryDoc, Document, EntryDoc,
    HolidayDoc, ItemDoc, MemberDoc, PastDragDoc, PerKind, PolicyDoc, SprintDoc, WeightsDoc, FORMAT_NAME,
    FORMAT_VERSION,
};
use super::links::Namer;

fn per_kind<T: Copy>(map: &KindMap<T>) -> PerKind<T> {
    PerKind {
        feature: map.get(Kind::Feature),
        defect: map.get(Kind::Defect),
        risk: map.get(Kind::Risk),
        debt: map.get(Kind::Debt),
    }
}

fn policy_doc(p: &Policy) -> PolicyDoc {
    PolicyDoc {
        targets: per_kind(&p.targets),
        tolerance: p.tolerance,
        investment_floor: p.investment_floor,
        model: p.model.as_str().to_string(),
        weights: WeightsDoc {
            impact: p.weights.impact,
            risk: p.weights.risk,
            time_to_value: p.weights.time_to_value,
            effort: p.weights.effort,
        },
        unit: p.unit.as_str().to_string(),
        default_focus: p.default_focus,
        min_commitment: p.min_commitment,
        blocking: p.blocking.iter().map(|r| r.as_str().to_string()).collect(),
        team_name: p.team_name.clone(),
        plan_overdue_high_risk_debt_first: p.plan_overdue_high_risk_debt_first,
    }
}

fn sprint_doc(ws: &Workspace, s: &Sprint) -> SprintDoc {
    let mut days_off: Vec<DaysOffDoc> = Vec::new();
    for member in &ws.members {
        let dates: Vec<_> = ws.days_off_in(s.id).filter(|d| d.member == member.id).map(|d| d.date).collect();
        if !dates.is_empty() {
            days_off.push(DaysOffDoc { member: member.name.clone(), dates });
        }
    }
    SprintDoc {
        name: s.name.clone(),
        start: s.start,
        end: s.end,
        goal: s.goal.clone(),
        state: s.state.as_str().to_string(),
        days_off,
        availability: ws
            .availability_of(s.id)
            .filter_map(|a| {
                let member = ws.members.iter().find(|m| m.id == a.member)?;
                Some(AvailabilityDoc { member: member.name.clone(), allocation: a.allocation, focus: a.focus })
            })
            .collect(),
        actuals: s.actuals.as_ref().map(|a| ActualsDoc {
            closed_on: a.closed_on,
            unplanned: per_kind(&a.unplanned),
            rework: a.rework,
            delivery: Some(DeliveryDoc {
                deployments: a.delivery.deployments,
                lead_time_days: a.delivery.lead_time_days,
                change_failures: a.delivery.change_failures,
                incidents: a.delivery.incidents,
                recovery_hours: a.delivery.recovery_hours,
            })
            .filter(|d| *d != DeliveryDoc::default()),
        }),
    }
}

/// An item's plan-snapshot rows in sprint order (not id order), so a restored copy, whose
/// sprints are numbered afresh, exports the same document.
fn history_of(ws: &Workspace, item: crate::domain::ItemId) -> Vec<&crate::domain::SprintEntry> {
    let mut rows: Vec<_> = ws.entries.iter().filter(|e| e.item == item).collect();
    rows.sort_by_key(|e| ws.sprints.iter().position(|s| s.id == e.sprint));
    rows
}

/// One item as the JSON document writes it (also `flowdeck item show --format json`), its
/// blockers named by `namer`.
pub fn item_doc(ws: &Workspace, i: &crate::domain::WorkItem, namer: &Namer<'_>) -> ItemDoc {
    let sprint_name = |id| ws.sprint(id).map(|s| s.name.clone()).unwrap_or_default();
    ItemDoc {
        key: i.key.clone(),
        title: i.title.clone(),
        kind: i.kind.as_str().to_string(),
        status: i.status.as_str().to_string(),
        sprint: i.sprint.map(sprint_name),
        estimate: i.estimate.points(),
        impact: i.impact,
        risk: i.risk,
        time_to_value: i.time_to_value,
        outcome: i.outcome.clone(),
        tags: i.tags.clone(),
        created: i.created,
        updated: Some(i.updated),
        pinned: i.pinned,
        excluded: i.excluded,
        debt: i.debt.as_ref().map(|d| DebtDoc {
            interest: d.interest,
            visibility: d.visibility,
            drag: d.drag,
            category: d.category.as_str().to_string(),
            risk_area: d.risk_area.as_str().to_string(),
            agreement: AgreementDoc {
                reason: d.agreement.reason.clone(),
                impact: d.agreement.impact.clone(),
                trigger_date: d.agreement.trigger_date,
                trigger_condition: d.agreement.trigger_condition.clone(),
                owner: d.agreement.owner.clone(),
                linked_key: d.agreement.linked_key.clone(),
            },
            deferrals: d
                .deferrals
                .iter()
                .map(|f| {
                    let (repay_by_before, repay_by_after) = f.repay_by_columns();
                    DeferralDoc { on: f.on, rationale: f.rationale.clone(), repay_by_before, repay_by_after }
                })
                .collect(),
            drag_history: d.drag_history.iter().map(|p| PastDragDoc { until: p.until, drag: p.drag }).collect(),
        }),
        assignee: i.assignee.and_then(|a| ws.members.iter().find(|m| m.id == a)).map(|m| m.name.clone()),
        skills: i.skills.clone(),
        blocked_by: namer.refs(&i.blocked_by),
        history: history_of(ws, i.id)
            .into_iter()
            .map(|e| EntryDoc {
                sprint: sprint_name(e.sprint),
                planned: e.planned.points(),
                outcome: e.outcome.as_str().to_string(),
                remaining: e.remaining.points(),
            })
            .collect(),
    }
}

impl Document {
    pub fn from_workspace(ws: &Workspace) -> Document {
        let namer = Namer::new(ws);
        Document {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            policy: Some(policy_doc(&ws.policy)),
            members: ws
                .members
                .iter()
                .map(|m| MemberDoc {
                    name: m.name.clone(),
                    allocation: m.allocation,
                    focus: m.focus,
                    joined_on: m.joined_on,
                    left_on: m.left_on,
                    skills: m.skills.clone(),
                })
                .collect(),
            holidays: ws.holidays.iter().map(|h| HolidayDoc { date: h.date, name: h.name.clone() }).collect(),
            sprints: ws.sprints.iter().map(|s| sprint_doc(ws, s)).collect(),
            items: ws.items.iter().map(|i| item_doc(ws, i, &namer)).collect(),
        }
    }
}
