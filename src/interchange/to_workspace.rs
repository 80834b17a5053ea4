//! Document → domain, validating every record and naming the one at fault.

use std::collections::HashMap;

use crate::domain::guardrails::Rule;
use crate::domain::skills::skill_list;
use crate::domain::text::{sanitize_line, sanitize_title};
use crate::domain::{
    Agreement, Availability, DayOff, DebtCategory, DebtDetails, Deferral, DeliveryFigures, EntryOutcome, EstimateUnit,
    HalfPoints, Holiday, ItemId, Kind, KindMap, Member, MemberId, PastDrag, Policy, RiskArea, ScoringModel, Sprint,
    SprintActuals, SprintEntry, SprintId, SprintState, Status, Weights, WorkItem, Workspace,
};

use super::document::{
    ActualsDoc, DebtDoc, Document, DocumentError, ItemDoc, PolicyDoc, SprintDoc, FORMAT_NAME, FORMAT_VERSION,
};
use super::links::{parse_ref, Ref};

impl Document {
    /// Builds a workspace with ids numbered from 1 in document order.
    pub fn to_workspace(&self, source: &str) -> Result<Workspace, DocumentError> {
        let err = |at: String, msg: String| DocumentError::new(source, format!("{at}: {msg}"));
        if self.format != FORMAT_NAME {
            return Err(err("format".into(), format!("'{}' is not a flowdeck document", self.format)));
        }
        if self.version != FORMAT_VERSION {
            return Err(err(
                "version".into(),
                format!("document version {} is not supported (this flowdeck reads {FORMAT_VERSION})", self.version),
            ));
        }
        let mut ws = Workspace::default();
        if let Some(policy) = &self.policy {
            ws.policy = policy_from_doc(policy).map_err(|m| err("policy".into(), m))?;
        }

        let mut member_ids = HashMap::new();
        for (i, m) in self.members.iter().enumerate() {
            let at = format!("members[{i}] ({})", m.name);
            let name = sanitize_line(&m.name);
            if name.is_empty() {
                return Err(err(at, "name is empty".into()));
            }
            unit_range("allocation", m.allocation).map_err(|e| err(at.clone(), e))?;
            if let Some(f) = m.focus {
                unit_range("focus", f).map_err(|e| err(at.clone(), e))?;
            }
            let id = MemberId(i as i64 + 1);
            if member_ids.insert(name.clone(), id).is_some() {
                return Err(err(at, "a member with this name is listed twice".into()));
            }
            ws.members.push(Member {
                id,
                name,
                allocation: m.allocation,
                focus: m.focus,
                joined_on: m.joined_on,
                left_on: m.left_on,
                skills: skill_list(&m.skills),
                version: 1,
            });
        }

        for h in &self.holidays {
            ws.holidays.push(Holiday { date: h.date, name: sanitize_line(&h.name) });
        }

        let mut sprint_ids = HashMap::new();
        for (i, s) in self.sprints.iter().enumerate() {
            let at = format!("sprints[{i}] ({})", s.name);
            let id = SprintId(i as i64 + 1);
            let sprint = sprint_from_doc(id, s).map_err(|m| err(at.clone(), m))?;
            if sprint_ids.insert(sprint.name.clone(), id).is_some() {
                return Err(err(at, "a sprint with this name is listed twice".into()));
            }
            for off in &s.days_off {
                let member = *member_ids
                    .get(&sanitize_line(&off.member))
                    .ok_or_else(|| err(at.clone(), format!("days_off names unknown member '{}'", off.member)))?;
                for date in &off.dates {
                    if *date < s.start || *date > s.end {
                        return Err(err(at.clone(), format!("day off {date} of {} is outside the sprint", off.member)));
                    }
                    ws.days_off.push(DayOff { member, sprint: id, date: *date });
                }
            }
            for kept in &s.availability {
                let member = *member_ids
                    .get(&sanitize_line(&kept.member))
                    .ok_or_else(|| err(at.clone(), format!("availability names unknown member '{}'", kept.member)))?;
                if ws.availability.iter().any(|a| a.sprint == id && a.member == member) {
                    return Err(err(at.clone(), format!("availability lists {} twice", kept.member)));
                }
                unit_range("availability allocation", kept.allocation).map_err(|e| err(at.clone(), e))?;
                unit_range("availability focus", kept.focus).map_err(|e| err(at.clone(), e))?;
                ws.availability.push(Availability {
                    sprint: id,
                    member,
                    allocation: kept.allocation,
                    focus: kept.focus,
                });
            }
            ws.sprints.push(sprint);
        }
        ws.availability.sort_by_key(|a| (a.sprint, a.member));

        let mut keys = HashMap::new();
        for (i, doc) in self.items.iter().enumerate() {
            let at = item_place(i, doc);
            let id = ItemId(i as i64 + 1);
            let mut item = item_from_doc(id, doc, &sprint_ids).map_err(|m| err(at.clone(), m))?;
            if let Some(name) = &doc.assignee {
                let member = member_ids
                    .get(&sanitize_line(name))
                    .ok_or_else(|| err(at.clone(), format!("assignee names unknown member '{name}'")))?;
                item.assignee = Some(*member);
            }
            if let Some(key) = &item.key {
                if keys.insert(key.clone(), id).is_some() {
                    return Err(err(at, format!("key {key} is used by another item")));
                }
            }
            for (j, e) in doc.history.iter().enumerate() {
                let sprint = *sprint_ids
                    .get(&e.sprint)
                    .ok_or_else(|| err(at.clone(), format!("history[{j}] names unknown sprint '{}'", e.sprint)))?;
                let outcome = EntryOutcome::parse(&e.outcome)
                    .ok_or_else(|| err(at.clone(), format!("history[{j}] has unknown outcome '{}'", e.outcome)))?;
                let planned =
                    HalfPoints::from_points(e.planned).map_err(|m| err(at.clone(), format!("history[{j}]: {m}")))?;
                let remaining =
                    HalfPoints::from_points(e.remaining).map_err(|m| err(at.clone(), format!("history[{j}]: {m}")))?;
                ws.entries.push(SprintEntry { sprint, item: id, planned, outcome, remaining });
            }
            ws.items.push(item);
        }
        self.resolve_links(&mut ws, &keys).map_err(|(at, m)| err(at, m))?;
        Ok(ws)
    }

    /// Gives each item the blockers its `blocked_by` names (keys or `#N`), once every item has
    /// its id; an unknown name, the item itself or a cycle is refused with the items named.
    fn resolve_links(&self, ws: &mut Workspace, keys: &HashMap<String, ItemId>) -> Result<(), (String, String)> {
        let count = ws.items.len();
        for (i, doc) in self.items.iter().enumerate().filter(|(_, d)| !d.blocked_by.is_empty()) {
            let at = || item_place(i, doc);
            let mut blockers: Vec<ItemId> = Vec::with_capacity(doc.blocked_by.len());
            for name in &doc.blocked_by {
                let blocker = match parse_ref(name.trim()) {
                    Ref::Position(n) if (1..=count).contains(&n) => Some(ItemId(n as i64)),
                    Ref::Position(_) => None,
                    Ref::Key(key) => keys.get(&sanitize_line(key)).copied(),
                };
                let Some(blocker) = blocker else {
                    return Err((
                        at(),
                        format!(
                            "blocked_by names '{}', which is no item of the document (use a key or #N, the N-th item)",
                            sanitize_line(name)
                        ),
                    ));
                };
                if blocker == ItemId(i as i64 + 1) {
                    return Err((at(), format!("blocked_by names the item itself ('{}')", sanitize_line(name))));
                }
                if !blockers.contains(&blocker) {
                    blockers.push(blocker);
                }
            }
            ws.items[i].blocked_by = blockers;
        }
        if let Some(cycle) = crate::domain::dependencies::find_cycle(&ws.items) {
            let first = cycle.first().map_or(0, |id| id.0 - 1);
            return Err((
                format!("items[{first}]"),
                format!(
                    "blocked_by links make a cycle, which nothing could ever start: {}",
                    crate::domain::dependencies::cycle_text(ws, &cycle)
                ),
            ));
        }
        Ok(())
    }
}

/// How errors name an item of the document: `items[3] (PAY-12)`.
fn item_place(i: usize, doc: &ItemDoc) -> String {
    format!("items[{i}]{}", doc.key.as_ref().map(|k| format!(" ({k})")).unwrap_or_default())
}

fn unit_range(name: &str, value: f64) -> Result<(), String> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("{name} {value} is outside 0–1"))
    }
}

fn score_range(name: &str, value: u8) -> Result<u8, String> {
    if (1..=5).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{name} {value} is outside 1–5"))
    }
}

fn non_negative(name: &str, value: f64) -> Result<f64, String> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(format!("{name} {value} must be a number ≥ 0"))
    }
}

fn policy_from_doc(p: &PolicyDoc) -> Result<Policy, String> {
    let policy = Policy {
        targets: KindMap::new(p.targets.feature, p.targets.defect, p.targets.risk, p.targets.debt),
        tolerance: p.tolerance,
        investment_floor: p.investment_floor,
        model: ScoringModel::parse(&p.model).ok_or_else(|| format!("unknown scoring model '{}'", p.model))?,
        weights: Weights {
            impact: p.weights.impact,
            risk: p.weights.risk,
            time_to_value: p.weights.time_to_value,
            effort: p.weights.effort,
        },
        unit: EstimateUnit::parse(&p.unit).ok_or_else(|| format!("unknown unit '{}' (points or days)", p.unit))?,
        default_focus: p.default_focus,
        min_commitment: p.min_commitment,
        blocking: p
            .blocking
            .iter()
            .map(|r| Rule::parse(r).ok_or_else(|| format!("unknown guardrail '{r}' in blocking")))
            .collect::<Result<_, _>>()?,
        team_name: sanitize_line(&p.team_name).trim().to_string(),
        plan_overdue_high_risk_debt_first: p.plan_overdue_high_risk_debt_first,
        version: 1,
    };
    match policy.problems().first() {
        Some(problem) => Err(problem.clone()),
        None => Ok(policy),
    }
}

fn sprint_from_doc(id: SprintId, s: &SprintDoc) -> Result<Sprint, String> {
    let name = sanitize_line(&s.name);
    if name.is_empty() {
        return Err("name is empty".into());
    }
    if s.end < s.start {
        return Err(format!("ends ({}) before it starts ({})", s.end, s.start));
    }
    let state = SprintState::parse(&s.state).ok_or_else(|| format!("unknown state '{}'", s.state))?;
    let actuals = s.actuals.as_ref().map(actuals_from_doc).transpose()?;
    Ok(Sprint { id, name, start: s.start, end: s.end, goal: sanitize_line(&s.goal), state, actuals, version: 1 })
}

fn actuals_from_doc(a: &ActualsDoc) -> Result<SprintActuals, String> {
    let u = &a.unplanned;
    let mut unplanned = KindMap::splat(0.0);
    for (kind, value) in
        [(Kind::Feature, u.feature), (Kind::Defect, u.defect), (Kind::Risk, u.risk), (Kind::Debt, u.debt)]
    {
        unplanned.set(kind, non_negative(&format!("unplanned {kind}"), value)?);
    }
    let d = a.delivery.clone().unwrap_or_default();
    let optional = |name: &str, v: Option<f64>| v.map(|x| non_negative(name, x)).transpose();
    Ok(SprintActuals {
        closed_on: a.closed_on,
        unplanned,
        rework: non_negative("rework", a.rework)?,
        delivery: DeliveryFigures {
            deployments: d.deployments,
            lead_time_days: optional("lead_time_days", d.lead_time_days)?,
            change_failures: d.change_failures,
            incidents: d.incidents,
            recovery_hours: optional("recovery_hours", d.recovery_hours)?,
        },
    })
}

fn item_from_doc(id: ItemId, d: &ItemDoc, sprints: &HashMap<String, SprintId>) -> Result<WorkItem, String> {
    let (title, _) = sanitize_title(&d.title);
    if title.is_empty() {
        return Err("title is empty".into());
    }
    let kind: Kind = d.kind.parse()?;
    let status = Status::parse(&d.status).ok_or_else(|| format!("unknown status '{}'", d.status))?;
    let sprint = match &d.sprint {
        Some(name) => Some(*sprints.get(name).ok_or_else(|| format!("names unknown sprint '{name}'"))?),
        None => None,
    };
    if status == Status::Planned && sprint.is_none() {
        return Err("is planned but names no sprint".into());
    }
    let debt = match (&d.debt, kind) {
        (Some(debt), Kind::Debt) => Some(Box::new(debt_from_doc(debt)?)),
        (Some(_), _) => return Err(format!("has debt fields but is a {kind}")),
        (None, Kind::Debt) => return Err("is a debt item without debt fields".into()),
        (None, _) => None,
    };
    let key = d.key.as_deref().map(sanitize_line).filter(|k| !k.is_empty());
    Ok(WorkItem {
        id,
        key,
        title,
        kind,
        status,
        sprint,
        estimate: HalfPoints::from_points(d.estimate)?,
        impact: score_range("impact", d.impact)?,
        risk: score_range("risk", d.risk)?,
        time_to_value: score_range("time_to_value", d.time_to_value)?,
        outcome: d.outcome.as_deref().map(sanitize_line).filter(|o| !o.is_empty()),
        tags: d.tags.iter().map(|t| sanitize_line(&t.replace(',', " "))).filter(|t| !t.is_empty()).collect(),
        created: d.created,
        updated: d.updated.unwrap_or(d.created),
        pinned: d.pinned,
        excluded: d.excluded,
        assignee: None,
        skills: skill_list(&d.skills),
        blocked_by: Vec::new(),
        debt,
        version: 1,
    })
}

fn debt_from_doc(d: &DebtDoc) -> Result<DebtDetails, String> {
    let a = &d.agreement;
    Ok(DebtDetails {
        interest: score_range("interest", d.interest)?,
        visibility: score_range("visibility", d.visibility)?,
        drag: d.drag.map(|v| non_negative("drag", v)).transpose()?,
        category: DebtCategory::parse(&d.category).ok_or_else(|| format!("unknown debt category '{}'", d.category))?,
        risk_area: RiskArea::parse(&d.risk_area).ok_or_else(|| format!("unknown risk area '{}'", d.risk_area))?,
        agreement: Agreement {
            reason: sanitize_line(&a.reason),
            impact: sanitize_line(&a.impact),
            trigger_date: a.trigger_date,
            trigger_condition: sanitize_line(&a.trigger_condition),
            owner: sanitize_line(&a.owner),
            linked_key: a.linked_key.as_deref().map(sanitize_line).filter(|k| !k.is_empty()),
        },
        deferrals: d
            .deferrals
            .iter()
            .map(|f| Deferral {
                on: f.on,
                rationale: sanitize_line(&f.rationale),
                moved: Deferral::moved_from_columns(f.repay_by_before, f.repay_by_after),
            })
            .collect(),
        drag_history: d
            .drag_history
            .iter()
            .map(|p| Ok(PastDrag { until: p.until, drag: non_negative("drag_history drag", p.drag)? }))
            .collect::<Result<_, String>>()?,
    })
}
