//! Who carries what: each member's assigned points in a sprint against their share of its
//! plannable capacity, and the guardrails that name a person (over their share, or an item
//! needing a skill nobody with room has).
//!
//! A member's share is the plannable capacity split in proportion to person-days, so someone
//! at 50% allocation or with three days off gets a smaller share, exactly as the team total
//! counts them.

use super::capacity::MemberCapacity;
use super::guardrails::{Guardrail, Rule, Severity};
use super::item::WorkItem;
use super::policy::Policy;
use super::team::{Member, MemberId};
use super::text::format_points as pts;

/// Shares are compared with this slack so rounding never makes someone "0.0 points over".
const EPS: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    pub member: MemberId,
    pub name: String,
    /// Points of the sprint's items assigned to them.
    pub assigned: f64,
    pub items: usize,
    /// Their part of the plannable capacity: plannable × their person-days ÷ the team's.
    /// 0 for an assignee who does not work in the sprint (left, or not joined yet).
    pub share: f64,
}

impl PersonLoad {
    /// Points assigned beyond their share; 0 when within it.
    pub fn over(&self) -> f64 {
        if self.assigned > self.share + EPS {
            self.assigned - self.share
        } else {
            0.0
        }
    }

    /// Their share not yet taken by assigned work.
    pub fn room(&self) -> f64 {
        (self.share - self.assigned).max(0.0)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TeamLoad {
    /// Every member counted in the sprint, in the capacity's order, then any assignee who is
    /// not counted (their share is 0).
    pub people: Vec<PersonLoad>,
    /// Points of the sprint's items nobody is assigned to.
    pub unassigned: f64,
    pub unassigned_items: usize,
}

impl TeamLoad {
    /// True when no planned item names anyone: the per-person view has nothing to say yet.
    pub fn nobody_assigned(&self) -> bool {
        self.people.iter().all(|p| p.items == 0)
    }
}

/// The load of each member in a sprint whose members have `capacities` and whose plannable
/// capacity is `plannable`, with `planned` its items; `members` names assignees not counted.
pub fn team_load<'a>(
    capacities: &[MemberCapacity],
    plannable: f64,
    planned: impl IntoIterator<Item = &'a WorkItem>,
    members: &[Member],
) -> TeamLoad {
    let person_days: f64 = capacities.iter().map(|c| c.person_days).sum();
    let share_of = |c: &MemberCapacity| if person_days > 0.0 { plannable * c.person_days / person_days } else { 0.0 };
    let mut load = TeamLoad {
        people: capacities
            .iter()
            .map(|c| PersonLoad { member: c.member, name: c.name.clone(), assigned: 0.0, items: 0, share: share_of(c) })
            .collect(),
        unassigned: 0.0,
        unassigned_items: 0,
    };
    for item in planned {
        let points = item.estimate.points();
        let Some(who) = item.assignee else {
            load.unassigned += points;
            load.unassigned_items += 1;
            continue;
        };
        let at = match load.people.iter().position(|p| p.member == who) {
            Some(at) => at,
            None => {
                let name =
                    members.iter().find(|m| m.id == who).map_or_else(|| format!("#{}", who.0), |m| m.name.clone());
                load.people.push(PersonLoad { member: who, name, assigned: 0.0, items: 0, share: 0.0 });
                load.people.len() - 1
            }
        };
        load.people[at].assigned += points;
        load.people[at].items += 1;
    }
    load
}

/// `person-over` for each member assigned more than their share, and `skill-gap` for each
/// planned item whose needed skills its assignee lacks, or — unassigned — that no member
/// counted in the sprint with those skills has room for.
pub fn guardrails<'a>(
    load: &TeamLoad,
    planned: impl IntoIterator<Item = &'a WorkItem>,
    members: &[Member],
    policy: &Policy,
) -> Vec<Guardrail> {
    let severity = |rule| if policy.blocking.contains(&rule) { Severity::Block } else { Severity::Warn };
    let mut out = Vec::new();
    for p in load.people.iter().filter(|p| p.over() > 0.0) {
        let message = if p.share <= EPS {
            format!(
                "{} has {} points assigned but does not work in this sprint: reassign them.",
                p.name,
                pts(p.assigned)
            )
        } else {
            format!(
                "{} has {} points assigned against a share of {}: {} points over.",
                p.name,
                pts(p.assigned),
                pts(p.share),
                pts(p.over())
            )
        };
        out.push(Guardrail {
            id: format!("person-over:{}", p.name),
            rule: Rule::PersonOver,
            severity: severity(Rule::PersonOver),
            message,
        });
    }
    for item in planned.into_iter().filter(|i| !i.skills.is_empty()) {
        let Some(message) = skill_gap(item, load, members) else { continue };
        let label = super::edits::label(item);
        out.push(Guardrail {
            id: format!("skill-gap:{label}"),
            rule: Rule::SkillGap,
            severity: severity(Rule::SkillGap),
            message,
        });
    }
    out
}

fn skill_gap(item: &WorkItem, load: &TeamLoad, members: &[Member]) -> Option<String> {
    let label = super::edits::label(item);
    let needs = item.skills.join(", ");
    let member = |id: MemberId| members.iter().find(|m| m.id == id);
    if let Some(who) = item.assignee.and_then(member) {
        let missing = super::skills::missing(who, &item.skills);
        return (!missing.is_empty())
            .then(|| format!("{label} needs {}, which {} (assigned) does not have.", missing.join(", "), who.name));
    }
    // Unassigned: someone counted in the sprint with every needed skill and room left. Room for
    // the whole estimate is not required: big items are often shared, and a flag on every item
    // larger than one person's sprint would drown the ones that matter.
    let able: Vec<&PersonLoad> = load
        .people
        .iter()
        .filter(|p| {
            p.share > EPS && member(p.member).is_some_and(|m| super::skills::missing(m, &item.skills).is_empty())
        })
        .collect();
    if able.is_empty() {
        return Some(format!("{label} needs {needs} and nobody working in this sprint has it."));
    }
    if able.iter().any(|p| p.room() > EPS) {
        return None;
    }
    let names: Vec<String> =
        able.iter()
            .map(|p| {
                if p.over() > 0.0 {
                    format!("{} ({} over)", p.name, pts(p.over()))
                } else {
                    format!("{} (full)", p.name)
                }
            })
            .collect();
    Some(format!("{label} needs {needs} and everyone with it is at or over their share: {}.", names.join(", ")))
}

#[cfg(test)]
#[path = "person_load_tests.rs"]
mod tests;
