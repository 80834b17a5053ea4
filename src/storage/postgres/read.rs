//! Reading one team's workspace, or the parts a ranking needs, inside one snapshot. The team
//! id is an integer, written into the statements as it is (like item ids in SQLite's reads).

use std::collections::HashMap;
use std::path::Path;

use postgres::fallible_iterator::FallibleIterator;
use postgres::Transaction;

use crate::domain::guardrails::Rule;
use crate::domain::scoring::ScoringFields;
use crate::domain::{
    Agreement, Availability, DayOff, DebtCategory, DebtDetails, Deferral, DeliveryFigures, EntryOutcome, EstimateUnit,
    HalfPoints, Holiday, ItemId, Kind, KindMap, Member, MemberId, PastDrag, Policy, RiskArea, ScoringModel, Sprint,
    SprintActuals, SprintEntry, SprintId, SprintState, Status, Weights, WorkItem, Workspace,
};
use crate::storage::sqlite::{id_list, split_list};
use crate::storage::{sprint_scope, StoreError};

use super::decode::Decode;

/// Which items a load reads (see `Engine::load_for_sprint`).
#[derive(Clone, Copy)]
pub enum Items {
    All,
    SprintFigures,
}

fn sql<'a>(at: &'a Path, what: &'static str) -> impl Fn(postgres::Error) -> StoreError + 'a {
    move |e| StoreError::from_postgres(at, what, e)
}

pub fn workspace(tx: &mut Transaction<'_>, at: &Path, team: i64, which: Items) -> Result<Workspace, StoreError> {
    let filter = match which {
        Items::All => "TRUE".to_string(),
        Items::SprintFigures => sprint_scope::items_filter(),
    };
    let mut items = items_where(tx, at, team, &filter, &[])?;
    if let Items::SprintFigures = which {
        let missing = sprint_scope::blockers_left_out(&items);
        if !missing.is_empty() {
            items.extend(items_by_ids(tx, at, team, &missing)?);
            items.sort_by_key(|i| i.id);
        }
    }
    Ok(Workspace {
        policy: policy(tx, at, team)?,
        members: members(tx, at, team)?,
        holidays: holidays(tx, at, team)?,
        days_off: days_off(tx, at, team)?,
        sprints: sprints(tx, at, team)?,
        items,
        entries: entries(tx, at, team)?,
        availability: availability(tx, at, team)?,
    })
}

pub fn policy(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Policy, StoreError> {
    let r = tx
        .query_one(
            "SELECT target_feature, target_defect, target_risk, target_debt, tolerance, investment_floor, model,
                    weight_impact, weight_risk, weight_ttv, weight_effort, unit, default_focus, version,
                    min_commitment, blocking, team_name, plan_overdue_high_risk_debt_first
             FROM policy WHERE team_id = $1",
            &[&team],
        )
        .map_err(sql(at, "loading the policy"))?;
    let d = Decode { at, table: "policy" };
    let blocking: &str = d.get(&r, 15)?;
    Ok(Policy {
        targets: KindMap::new(d.int(&r, 0)?, d.int(&r, 1)?, d.int(&r, 2)?, d.int(&r, 3)?),
        tolerance: d.int(&r, 4)?,
        investment_floor: d.int(&r, 5)?,
        model: d.code(&r, 6, ScoringModel::from_code)?,
        weights: Weights {
            impact: d.get(&r, 7)?,
            risk: d.get(&r, 8)?,
            time_to_value: d.get(&r, 9)?,
            effort: d.get(&r, 10)?,
        },
        unit: d.code(&r, 11, |c| match c {
            0 => Some(EstimateUnit::Points),
            1 => Some(EstimateUnit::Days),
            _ => None,
        })?,
        default_focus: d.get(&r, 12)?,
        version: d.get(&r, 13)?,
        min_commitment: d.int(&r, 14)?,
        blocking: blocking
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                Rule::parse(s).ok_or_else(|| StoreError::Corrupt {
                    path: at.to_path_buf(),
                    detail: format!("policy: unknown guardrail '{s}'"),
                })
            })
            .collect::<Result<_, _>>()?,
        team_name: d.get(&r, 16)?,
        plan_overdue_high_risk_debt_first: d.get(&r, 17)?,
    })
}

fn members(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<Member>, StoreError> {
    let d = Decode { at, table: "members" };
    tx.query(
        "SELECT id, name, allocation, focus, version, joined_on, left_on, skills FROM members WHERE team_id = $1
         ORDER BY id",
        &[&team],
    )
    .map_err(sql(at, "loading members"))?
    .iter()
    .map(|r| {
        Ok(Member {
            id: MemberId(d.get(r, 0)?),
            name: d.get(r, 1)?,
            allocation: d.get(r, 2)?,
            focus: d.get(r, 3)?,
            version: d.get(r, 4)?,
            joined_on: d.get(r, 5)?,
            left_on: d.get(r, 6)?,
            skills: split_list(d.get(r, 7)?),
        })
    })
    .collect()
}

fn holidays(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<Holiday>, StoreError> {
    let d = Decode { at, table: "holidays" };
    tx.query("SELECT date, name FROM holidays WHERE team_id = $1 ORDER BY date", &[&team])
        .map_err(sql(at, "loading holidays"))?
        .iter()
        .map(|r| Ok(Holiday { date: d.get(r, 0)?, name: d.get(r, 1)? }))
        .collect()
}

fn days_off(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<DayOff>, StoreError> {
    let d = Decode { at, table: "days_off" };
    tx.query(
        "SELECT member_id, sprint_id, date FROM days_off WHERE team_id = $1 ORDER BY sprint_id, member_id, date",
        &[&team],
    )
    .map_err(sql(at, "loading days off"))?
    .iter()
    .map(|r| Ok(DayOff { member: MemberId(d.get(r, 0)?), sprint: SprintId(d.get(r, 1)?), date: d.get(r, 2)? }))
    .collect()
}

pub fn sprints(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<Sprint>, StoreError> {
    let mut actuals = actuals(tx, at, team)?;
    let d = Decode { at, table: "sprints" };
    tx.query(
        "SELECT id, name, start_date, end_date, goal, state, version FROM sprints WHERE team_id = $1
         ORDER BY start_date, id",
        &[&team],
    )
    .map_err(sql(at, "loading sprints"))?
    .iter()
    .map(|r| {
        let id = SprintId(d.get(r, 0)?);
        Ok(Sprint {
            id,
            name: d.get(r, 1)?,
            start: d.get(r, 2)?,
            end: d.get(r, 3)?,
            goal: d.get(r, 4)?,
            state: d.code(r, 5, SprintState::from_code)?,
            actuals: actuals.remove(&id),
            version: d.get(r, 6)?,
        })
    })
    .collect()
}

fn actuals(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<HashMap<SprintId, SprintActuals>, StoreError> {
    let d = Decode { at, table: "sprint_actuals" };
    tx.query(
        "SELECT sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk, unplanned_debt, rework,
                deployments, lead_time_days, change_failures, incidents, recovery_hours
         FROM sprint_actuals WHERE team_id = $1",
        &[&team],
    )
    .map_err(sql(at, "loading sprint actuals"))?
    .iter()
    .map(|r| {
        Ok((
            SprintId(d.get(r, 0)?),
            SprintActuals {
                closed_on: d.get(r, 1)?,
                unplanned: KindMap::new(d.get(r, 2)?, d.get(r, 3)?, d.get(r, 4)?, d.get(r, 5)?),
                rework: d.get(r, 6)?,
                delivery: DeliveryFigures {
                    deployments: d.opt_int(r, 7)?,
                    lead_time_days: d.get(r, 8)?,
                    change_failures: d.opt_int(r, 9)?,
                    incidents: d.opt_int(r, 10)?,
                    recovery_hours: d.get(r, 11)?,
                },
            },
        ))
    })
    .collect()
}

pub const ENTRY_COLUMNS: &str = "sprint_id, item_id, planned_halves, outcome, remaining_halves";

pub fn entry_from_row(at: &Path, r: &postgres::Row) -> Result<SprintEntry, StoreError> {
    let d = Decode { at, table: "sprint_entries" };
    Ok(SprintEntry {
        sprint: SprintId(d.get(r, 0)?),
        item: ItemId(d.get(r, 1)?),
        planned: HalfPoints(d.int(r, 2)?),
        outcome: d.code(r, 3, EntryOutcome::from_code)?,
        remaining: HalfPoints(d.int(r, 4)?),
    })
}

fn entries(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<SprintEntry>, StoreError> {
    tx.query(
        &format!("SELECT {ENTRY_COLUMNS} FROM sprint_entries WHERE team_id = $1 ORDER BY sprint_id, item_id"),
        &[&team],
    )
    .map_err(sql(at, "loading plan snapshots"))?
    .iter()
    .map(|r| entry_from_row(at, r))
    .collect()
}

pub fn availability_from_row(at: &Path, r: &postgres::Row) -> Result<Availability, StoreError> {
    let d = Decode { at, table: "sprint_availability" };
    Ok(Availability {
        sprint: SprintId(d.get(r, 0)?),
        member: MemberId(d.get(r, 1)?),
        allocation: d.get(r, 2)?,
        focus: d.get(r, 3)?,
    })
}

fn availability(tx: &mut Transaction<'_>, at: &Path, team: i64) -> Result<Vec<Availability>, StoreError> {
    tx.query(
        "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability WHERE team_id = $1
         ORDER BY sprint_id, member_id",
        &[&team],
    )
    .map_err(sql(at, "loading availability"))?
    .iter()
    .map(|r| availability_from_row(at, r))
    .collect()
}

const ITEM_COLUMNS: &str = "i.id, i.external_key, i.title, i.kind, i.status, i.sprint_id, i.estimate_halves,
    i.impact, i.risk, i.time_to_value, i.outcome, i.tags, i.created_at, i.updated_at, i.pinned, i.excluded,
    i.version, d.interest, d.visibility, d.drag, d.category, d.risk_area, d.reason, d.impact, d.trigger_date,
    d.trigger_condition, d.owner, d.linked_key, i.assignee_id, i.skills, i.blocked_by";

fn item_from_row(at: &Path, r: &postgres::Row) -> Result<WorkItem, StoreError> {
    let d = Decode { at, table: "items" };
    let debt = match d.get::<Option<i64>>(r, 17)? {
        Some(_) => Some(Box::new(DebtDetails {
            interest: d.int(r, 17)?,
            visibility: d.int(r, 18)?,
            drag: d.get(r, 19)?,
            category: d.code(r, 20, DebtCategory::from_code)?,
            risk_area: d.code(r, 21, RiskArea::from_code)?,
            agreement: Agreement {
                reason: d.get(r, 22)?,
                impact: d.get(r, 23)?,
                trigger_date: d.get(r, 24)?,
                trigger_condition: d.get(r, 25)?,
                owner: d.get(r, 26)?,
                linked_key: d.get(r, 27)?,
            },
            deferrals: Vec::new(),
            drag_history: Vec::new(),
        })),
        None => None,
    };
    Ok(WorkItem {
        id: ItemId(d.get(r, 0)?),
        key: d.get(r, 1)?,
        title: d.get(r, 2)?,
        kind: d.code(r, 3, Kind::from_code)?,
        status: d.code(r, 4, Status::from_code)?,
        sprint: d.get::<Option<i64>>(r, 5)?.map(SprintId),
        estimate: HalfPoints(d.int(r, 6)?),
        impact: d.int(r, 7)?,
        risk: d.int(r, 8)?,
        time_to_value: d.int(r, 9)?,
        outcome: d.get(r, 10)?,
        tags: split_list(d.get(r, 11)?),
        created: d.timestamp(r, 12)?,
        updated: d.timestamp(r, 13)?,
        pinned: d.get(r, 14)?,
        excluded: d.get(r, 15)?,
        version: d.get(r, 16)?,
        debt,
        assignee: d.get::<Option<i64>>(r, 28)?.map(MemberId),
        skills: split_list(d.get(r, 29)?),
        blocked_by: id_list(d.get(r, 30)?),
    })
}

/// The team's items `filter` (an SQL condition on `items i`, parameters `params`) selects,
/// whole (register fields, deferral log, drag history), in id order.
fn items_where(
    tx: &mut Transaction<'_>,
    at: &Path,
    team: i64,
    filter: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<Vec<WorkItem>, StoreError> {
    // Streamed: each row becomes an item as it arrives, so 100k rows are never held twice
    // (once as the server sent them, once as items).
    let filter = format!("i.team_id = {team} AND ({filter})");
    let sql_text = format!(
        "SELECT {ITEM_COLUMNS} FROM items i LEFT JOIN debts d ON d.team_id = i.team_id AND d.item_id = i.id
         WHERE {filter} ORDER BY i.id"
    );
    let mut rows = tx.query_raw(&sql_text, params.iter().copied()).map_err(sql(at, "loading items"))?;
    let mut items: Vec<WorkItem> = Vec::new();
    while let Some(r) = rows.next().map_err(sql(at, "loading items"))? {
        items.push(item_from_row(at, &r)?);
    }
    drop(rows);
    let debt_filter = format!("team_id = {team} AND item_id IN (SELECT i.id FROM items i WHERE {filter})");
    let mut deferrals: HashMap<ItemId, Vec<Deferral>> = HashMap::new();
    let d = Decode { at, table: "deferrals" };
    for r in tx
        .query(
            &format!(
                "SELECT item_id, deferred_on, rationale, repay_by_before, repay_by_after FROM deferrals
                 WHERE {debt_filter} ORDER BY item_id, deferred_on, id"
            ),
            params,
        )
        .map_err(sql(at, "loading deferrals"))?
    {
        let moved = Deferral::moved_from_columns(d.get(&r, 3)?, d.get(&r, 4)?);
        let deferral = Deferral { on: d.get(&r, 1)?, rationale: d.get(&r, 2)?, moved };
        deferrals.entry(ItemId(d.get(&r, 0)?)).or_default().push(deferral);
    }
    let mut drags: HashMap<ItemId, Vec<PastDrag>> = HashMap::new();
    let d = Decode { at, table: "debt_drag_history" };
    for r in tx
        .query(
            &format!(
                "SELECT item_id, until, drag FROM debt_drag_history WHERE {debt_filter} ORDER BY item_id, until, id"
            ),
            params,
        )
        .map_err(sql(at, "loading drag history"))?
    {
        drags.entry(ItemId(d.get(&r, 0)?)).or_default().push(PastDrag { until: d.get(&r, 1)?, drag: d.get(&r, 2)? });
    }
    for item in &mut items {
        if let Some(debt) = item.debt.as_mut() {
            debt.deferrals = deferrals.remove(&item.id).unwrap_or_default();
            debt.drag_history = drags.remove(&item.id).unwrap_or_default();
        }
    }
    Ok(items)
}

/// The items with these ids, whole, in id order.
pub fn items_by_ids(
    tx: &mut Transaction<'_>,
    at: &Path,
    team: i64,
    ids: &[ItemId],
) -> Result<Vec<WorkItem>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = ids.iter().map(|i| i.0).collect();
    items_where(tx, at, team, "i.id = ANY($1)", &[&ids])
}

/// The policy and the candidates' scoring fields (backlog, and planned into the current
/// sprint), optionally of one kind.
pub fn ranking_inputs(
    tx: &mut Transaction<'_>,
    at: &Path,
    team: i64,
    kind: Option<Kind>,
) -> Result<(Policy, Vec<ScoringFields>), StoreError> {
    let policy = policy(tx, at, team)?;
    let sprints = sprints(tx, at, team)?;
    let current = crate::domain::workspace::current_sprint(&sprints).map(|s| s.id.0);
    let kind = kind.map(|k| i64::from(k.code()));
    let d = Decode { at, table: "items" };
    let fields = tx
        .query(
            "SELECT id, impact, risk, time_to_value, estimate_halves FROM items
             WHERE team_id = $3 AND (status = 0 OR (status = 1 AND sprint_id = $1))
               AND ($2::BIGINT IS NULL OR kind = $2)",
            &[&current, &kind, &team],
        )
        .map_err(sql(at, "loading candidates"))?
        .iter()
        .map(|r| {
            Ok(ScoringFields {
                id: ItemId(d.get(r, 0)?),
                impact: d.int(r, 1)?,
                risk: d.int(r, 2)?,
                time_to_value: d.int(r, 3)?,
                estimate: HalfPoints(d.int(r, 4)?),
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok((policy, fields))
}

/// Every team in the store, in id order.
pub fn teams(tx: &mut Transaction<'_>, at: &Path) -> Result<Vec<crate::storage::TeamRow>, StoreError> {
    let d = Decode { at, table: "policy" };
    tx.query(
        "SELECT p.team_id, p.team_name,
                EXISTS (SELECT 1 FROM items WHERE team_id = p.team_id)
                OR EXISTS (SELECT 1 FROM members WHERE team_id = p.team_id)
                OR EXISTS (SELECT 1 FROM sprints WHERE team_id = p.team_id)
         FROM policy p ORDER BY p.team_id",
        &[],
    )
    .map_err(sql(at, "listing teams"))?
    .iter()
    .map(|r| Ok(crate::storage::TeamRow { id: d.get(r, 0)?, name: d.get(r, 1)?, has_rows: d.get(r, 2)? }))
    .collect()
}
