//! The PostgreSQL engine's row operations for the shared change-set logic, inside the write
//! transaction. Statements are prepared once per transaction: an import inserts thousands of
//! rows, and preparing each again would double the round trips.

use std::collections::HashMap;

use chrono::NaiveDate;
use postgres::types::ToSql;
use postgres::{Error, Statement, Transaction};

use crate::domain::{
    Availability, DayOff, Holiday, ItemId, Kind, Member, MemberId, Policy, Sprint, SprintEntry, SprintId, WorkItem,
};
use crate::storage::sqlite::{id_text, timestamp};
use crate::storage::tables::Tables;

use super::rows::{DebtRow, ItemRow};

pub struct PgTables<'t, 'c> {
    tx: &'t mut Transaction<'c>,
    /// The team every statement reads and writes.
    team: i64,
    prepared: HashMap<&'static str, Statement>,
}

type Params<'a> = [&'a (dyn ToSql + Sync)];

impl<'t, 'c> PgTables<'t, 'c> {
    pub fn new(tx: &'t mut Transaction<'c>, team: i64) -> Self {
        PgTables { tx, team, prepared: HashMap::new() }
    }

    /// A new team with the default policy; returns its id.
    pub fn create_team(&mut self, name: &str) -> Result<i64, Error> {
        use crate::storage::teams::{NEW_TEAM_COLUMNS, NEW_TEAM_VALUES};
        // Two first openers creating teams at once: the second waits here, then numbers after.
        self.tx.batch_execute("LOCK TABLE policy IN SHARE ROW EXCLUSIVE MODE")?;
        let id: i64 = self.tx.query_one("SELECT coalesce(max(team_id), 0) + 1 FROM policy", &[])?.try_get(0)?;
        self.tx.execute(
            &format!("INSERT INTO policy ({NEW_TEAM_COLUMNS}) VALUES ($1, $2, {NEW_TEAM_VALUES})"),
            &[&id, &name],
        )?;
        Ok(id)
    }

    /// Names a team.
    pub fn name_team(&mut self, id: i64, name: &str) -> Result<(), Error> {
        self.tx
            .execute("UPDATE policy SET team_name = $2, version = version + 1 WHERE team_id = $1", &[&id, &name])
            .map(drop)
    }

    fn statement(&mut self, sql: &'static str) -> Result<Statement, Error> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.prepared.insert(sql, s.clone());
        Ok(s)
    }

    fn execute(&mut self, sql: &'static str, params: &Params<'_>) -> Result<usize, Error> {
        let statement = self.statement(sql)?;
        // Row counts of one statement fit a usize on every platform flowdeck runs on.
        self.tx.execute(&statement, params).map(|n| n as usize)
    }

    /// The next id of a table: `sql` takes the team as `$1`.
    fn next_id(&mut self, sql: &'static str) -> Result<i64, Error> {
        let team = self.team;
        let statement = self.statement(sql)?;
        self.tx.query_one(&statement, &[&team])?.try_get(0)
    }
}

/// From this many new items on, COPY instead of one INSERT per row: one round trip per
/// row made a 100k-item import take 17 s on a local socket.
const COPY_FROM: usize = 32;

pub(super) fn code(c: u8) -> i64 {
    i64::from(c)
}

impl Tables for PgTables<'_, '_> {
    type Error = Error;

    fn is_unique_violation(e: &Error) -> bool {
        e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION)
    }

    fn row_count(&mut self) -> Result<i64, Error> {
        let team = self.team;
        self.tx
            .query_one(
                "SELECT (SELECT count(*) FROM items WHERE team_id = $1) + (SELECT count(*) FROM members WHERE team_id = $1)
                        + (SELECT count(*) FROM sprints WHERE team_id = $1)",
                &[&team],
            )?
            .try_get(0)
    }

    fn team_name(&mut self) -> Result<String, Error> {
        let team = self.team;
        self.tx.query_one("SELECT team_name FROM policy WHERE team_id = $1", &[&team])?.try_get(0)
    }

    fn next_item_id(&mut self) -> Result<ItemId, Error> {
        self.next_id("SELECT coalesce(max(id), 0) + 1 FROM items WHERE team_id = $1").map(ItemId)
    }

    fn insert_item(&mut self, i: &WorkItem) -> Result<(), Error> {
        let row = ItemRow::new(self.team, i);
        self.execute(
            "INSERT INTO items (id, external_key, title, kind, status, sprint_id, estimate_halves, impact, risk,
                 time_to_value, outcome, tags, created_at, updated_at, pinned, excluded, version, assignee_id, skills,
                 blocked_by, team_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
            &row.values(),
        )?;
        self.insert_debt(i)
    }

    fn insert_items(&mut self, items: &[&WorkItem]) -> Result<(), Error> {
        if items.len() < COPY_FROM {
            return items.iter().try_for_each(|i| self.insert_item(i));
        }
        self.copy_items(items)
    }

    fn update_item(&mut self, version: i64, a: &WorkItem) -> Result<usize, Error> {
        let team = self.team;
        let changed = self.execute(
            "UPDATE items SET external_key = $2, title = $3, kind = $4, status = $5, sprint_id = $6,
                 estimate_halves = $7, impact = $8, risk = $9, time_to_value = $10, outcome = $11, tags = $12,
                 updated_at = $13, pinned = $14, excluded = $15, version = $16, created_at = $18,
                 assignee_id = $19, skills = $20, blocked_by = $21
             WHERE id = $1 AND version = $17 AND team_id = $22",
            &[
                &a.id.0,
                &a.key,
                &a.title,
                &code(a.kind.code()),
                &code(a.status.code()),
                &a.sprint.map(|s| s.0),
                &i64::from(a.estimate.0),
                &code(a.impact),
                &code(a.risk),
                &code(a.time_to_value),
                &a.outcome,
                &a.tags.join(","),
                &timestamp(&a.updated),
                &a.pinned,
                &a.excluded,
                &a.version,
                &version,
                &timestamp(&a.created),
                &a.assignee.map(|m| m.0),
                &a.skills.join(","),
                &id_text(&a.blocked_by),
                &team,
            ],
        )?;
        if changed > 0 {
            // The register fields are rewritten whole (the deferral log cascades with them).
            self.execute("DELETE FROM debts WHERE item_id = $1 AND team_id = $2", &[&a.id.0, &team])?;
            self.insert_debt(a)?;
        }
        Ok(changed)
    }

    fn delete_item(&mut self, id: ItemId, version: i64) -> Result<usize, Error> {
        let team = self.team;
        self.execute("DELETE FROM items WHERE id = $1 AND version = $2 AND team_id = $3", &[&id.0, &version, &team])
    }

    fn next_member_id(&mut self) -> Result<MemberId, Error> {
        self.next_id("SELECT coalesce(max(id), 0) + 1 FROM members WHERE team_id = $1").map(MemberId)
    }

    fn insert_member(&mut self, m: &Member) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "INSERT INTO members (id, name, allocation, focus, version, joined_on, left_on, skills, team_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &m.id.0,
                &m.name,
                &m.allocation,
                &m.focus,
                &m.version,
                &m.joined_on,
                &m.left_on,
                &m.skills.join(","),
                &team,
            ],
        )
        .map(drop)
    }

    fn update_member(&mut self, version: i64, m: &Member) -> Result<usize, Error> {
        let team = self.team;
        self.execute(
            "UPDATE members SET name = $2, allocation = $3, focus = $4, version = $5, joined_on = $7, left_on = $8,
                 skills = $9
             WHERE id = $1 AND version = $6 AND team_id = $10",
            &[
                &m.id.0,
                &m.name,
                &m.allocation,
                &m.focus,
                &m.version,
                &version,
                &m.joined_on,
                &m.left_on,
                &m.skills.join(","),
                &team,
            ],
        )
    }

    fn delete_member(&mut self, id: MemberId, version: i64) -> Result<usize, Error> {
        let team = self.team;
        self.execute("DELETE FROM members WHERE id = $1 AND version = $2 AND team_id = $3", &[&id.0, &version, &team])
    }

    fn insert_holiday(&mut self, h: &Holiday) -> Result<(), Error> {
        let team = self.team;
        self.execute("INSERT INTO holidays (date, name, team_id) VALUES ($1, $2, $3)", &[&h.date, &h.name, &team])
            .map(drop)
    }

    fn delete_holiday(&mut self, h: &Holiday) -> Result<usize, Error> {
        let team = self.team;
        self.execute("DELETE FROM holidays WHERE date = $1 AND name = $2 AND team_id = $3", &[&h.date, &h.name, &team])
    }

    fn insert_day_off(&mut self, d: &DayOff) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "INSERT INTO days_off (member_id, sprint_id, date, team_id) VALUES ($1, $2, $3, $4)",
            &[&d.member.0, &d.sprint.0, &d.date, &team],
        )
        .map(drop)
    }

    fn days_off_of(&mut self, member: MemberId, sprint: SprintId) -> Result<Vec<NaiveDate>, Error> {
        let team = self.team;
        let rows = self.tx.query(
            "SELECT date FROM days_off WHERE member_id = $1 AND sprint_id = $2 AND team_id = $3 ORDER BY date",
            &[&member.0, &sprint.0, &team],
        )?;
        rows.iter().map(|r| r.try_get(0)).collect()
    }

    fn replace_days_off(&mut self, member: MemberId, sprint: SprintId, dates: &[NaiveDate]) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "DELETE FROM days_off WHERE member_id = $1 AND sprint_id = $2 AND team_id = $3",
            &[&member.0, &sprint.0, &team],
        )?;
        for date in dates {
            self.insert_day_off(&DayOff { member, sprint, date: *date })?;
        }
        Ok(())
    }

    fn next_sprint_id(&mut self) -> Result<SprintId, Error> {
        self.next_id("SELECT coalesce(max(id), 0) + 1 FROM sprints WHERE team_id = $1").map(SprintId)
    }

    fn insert_sprint(&mut self, s: &Sprint) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "INSERT INTO sprints (id, name, start_date, end_date, goal, state, version, team_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[&s.id.0, &s.name, &s.start, &s.end, &s.goal, &code(s.state.code()), &s.version, &team],
        )?;
        self.insert_actuals(s)
    }

    fn update_sprint(&mut self, version: i64, s: &Sprint) -> Result<usize, Error> {
        let team = self.team;
        self.execute(
            "UPDATE sprints SET name = $2, start_date = $3, end_date = $4, goal = $5, state = $6, version = $7
             WHERE id = $1 AND version = $8 AND team_id = $9",
            &[&s.id.0, &s.name, &s.start, &s.end, &s.goal, &code(s.state.code()), &s.version, &version, &team],
        )
    }

    fn replace_actuals(&mut self, s: &Sprint) -> Result<(), Error> {
        let team = self.team;
        self.execute("DELETE FROM sprint_actuals WHERE sprint_id = $1 AND team_id = $2", &[&s.id.0, &team])?;
        self.insert_actuals(s)
    }

    fn delete_sprint(&mut self, id: SprintId, version: i64) -> Result<usize, Error> {
        let team = self.team;
        self.execute("DELETE FROM sprints WHERE id = $1 AND version = $2 AND team_id = $3", &[&id.0, &version, &team])
    }

    fn insert_entry(&mut self, e: &SprintEntry) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "INSERT INTO sprint_entries (sprint_id, item_id, planned_halves, outcome, remaining_halves, team_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &e.sprint.0,
                &e.item.0,
                &i64::from(e.planned.0),
                &code(e.outcome.code()),
                &i64::from(e.remaining.0),
                &team,
            ],
        )
        .map(drop)
    }

    fn entries_of(&mut self, sprint: SprintId) -> Result<Vec<SprintEntry>, Error> {
        let team = self.team;
        let rows = self.tx.query(
            "SELECT sprint_id, item_id, planned_halves, outcome, remaining_halves FROM sprint_entries
             WHERE sprint_id = $1 AND team_id = $2 ORDER BY item_id",
            &[&sprint.0, &team],
        )?;
        // Read back what this engine wrote; a value it could not have written compares unequal
        // and refuses the change as a conflict rather than guessing.
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(SprintEntry {
                    sprint: SprintId(r.try_get(0).ok()?),
                    item: ItemId(r.try_get(1).ok()?),
                    planned: crate::domain::HalfPoints(u32::try_from(r.try_get::<_, i64>(2).ok()?).ok()?),
                    outcome: crate::domain::EntryOutcome::from_code(r.try_get(3).ok()?)?,
                    remaining: crate::domain::HalfPoints(u32::try_from(r.try_get::<_, i64>(4).ok()?).ok()?),
                })
            })
            .collect())
    }

    fn replace_entries(&mut self, sprint: SprintId, entries: &[SprintEntry]) -> Result<(), Error> {
        let team = self.team;
        self.execute("DELETE FROM sprint_entries WHERE sprint_id = $1 AND team_id = $2", &[&sprint.0, &team])?;
        for e in entries {
            self.insert_entry(e)?;
        }
        Ok(())
    }

    fn insert_availability(&mut self, a: &Availability) -> Result<(), Error> {
        let team = self.team;
        self.execute(
            "INSERT INTO sprint_availability (sprint_id, member_id, allocation, focus, team_id)
             VALUES ($1, $2, $3, $4, $5)",
            &[&a.sprint.0, &a.member.0, &a.allocation, &a.focus, &team],
        )
        .map(drop)
    }

    fn availability_of(&mut self, sprint: SprintId) -> Result<Vec<Availability>, Error> {
        let team = self.team;
        let rows = self.tx.query(
            "SELECT sprint_id, member_id, allocation, focus FROM sprint_availability
             WHERE sprint_id = $1 AND team_id = $2 ORDER BY member_id",
            &[&sprint.0, &team],
        )?;
        rows.iter()
            .map(|r| {
                Ok(Availability {
                    sprint: SprintId(r.try_get(0)?),
                    member: MemberId(r.try_get(1)?),
                    allocation: r.try_get(2)?,
                    focus: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn replace_availability(&mut self, sprint: SprintId, rows: &[Availability]) -> Result<(), Error> {
        let team = self.team;
        self.execute("DELETE FROM sprint_availability WHERE sprint_id = $1 AND team_id = $2", &[&sprint.0, &team])?;
        for a in rows {
            self.insert_availability(&Availability { sprint, ..*a })?;
        }
        Ok(())
    }

    fn policy_version(&mut self) -> Result<i64, Error> {
        let team = self.team;
        self.tx.query_one("SELECT version FROM policy WHERE team_id = $1", &[&team])?.try_get(0)
    }

    fn save_policy(&mut self, p: &Policy) -> Result<usize, Error> {
        let team = self.team;
        let unit: i64 = match p.unit {
            crate::domain::EstimateUnit::Points => 0,
            crate::domain::EstimateUnit::Days => 1,
        };
        let blocking = p.blocking.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",");
        self.execute(
            "UPDATE policy SET target_feature = $1, target_defect = $2, target_risk = $3, target_debt = $4,
                 tolerance = $5, investment_floor = $6, model = $7, weight_impact = $8, weight_risk = $9,
                 weight_ttv = $10, weight_effort = $11, unit = $12, default_focus = $13, min_commitment = $15,
                 blocking = $16, team_name = $17, plan_overdue_high_risk_debt_first = $18,
                 version = version + 1
             WHERE team_id = $19 AND version = $14",
            &[
                &code(p.targets.get(Kind::Feature)),
                &code(p.targets.get(Kind::Defect)),
                &code(p.targets.get(Kind::Risk)),
                &code(p.targets.get(Kind::Debt)),
                &code(p.tolerance),
                &code(p.investment_floor),
                &code(p.model.code()),
                &p.weights.impact,
                &p.weights.risk,
                &p.weights.time_to_value,
                &p.weights.effort,
                &unit,
                &p.default_focus,
                &p.version,
                &code(p.min_commitment),
                &blocking,
                &p.team_name,
                &p.plan_overdue_high_risk_debt_first,
                &team,
            ],
        )
    }
}

impl PgTables<'_, '_> {
    /// New items, their register fields, deferral logs and drag histories, by binary COPY.
    fn copy_items(&mut self, items: &[&WorkItem]) -> Result<(), Error> {
        use postgres::binary_copy::BinaryCopyInWriter;
        use postgres::types::Type;
        let sink = self.tx.copy_in(
            "COPY items (id, external_key, title, kind, status, sprint_id, estimate_halves, impact, risk,
                 time_to_value, outcome, tags, created_at, updated_at, pinned, excluded, version, assignee_id, skills,
                 blocked_by, team_id) FROM STDIN BINARY",
        )?;
        let (int, text, bool) = (Type::INT8, Type::TEXT, Type::BOOL);
        let types = [
            int.clone(),
            text.clone(),
            text.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            int.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            text.clone(),
            bool.clone(),
            bool,
            int.clone(),
            int.clone(),
            text.clone(),
            text,
            int,
        ];
        let mut rows = BinaryCopyInWriter::new(sink, &types);
        for i in items {
            rows.write(&ItemRow::new(self.team, i).values())?;
        }
        rows.finish()?;

        let sink = self.tx.copy_in(
            "COPY debts (item_id, interest, visibility, drag, category, risk_area, reason, impact, trigger_date,
                 trigger_condition, owner, linked_key, team_id) FROM STDIN BINARY",
        )?;
        let (int, text, real, date) = (Type::INT8, Type::TEXT, Type::FLOAT8, Type::DATE);
        let types = [
            int.clone(),
            int.clone(),
            int.clone(),
            real,
            int.clone(),
            int,
            text.clone(),
            text.clone(),
            date,
            text.clone(),
            text.clone(),
            text,
            Type::INT8,
        ];
        let mut rows = BinaryCopyInWriter::new(sink, &types);
        let team = self.team;
        for row in items.iter().filter_map(|i| DebtRow::new(team, i)) {
            rows.write(&row.values())?;
        }
        rows.finish()?;
        // Deferral logs and drag histories are few (a handful per debt at most).
        for i in items {
            self.insert_debt_logs(i)?;
        }
        Ok(())
    }

    /// The register fields, deferral log and drag history of a debt item (nothing otherwise).
    fn insert_debt(&mut self, i: &WorkItem) -> Result<(), Error> {
        let Some(row) = DebtRow::new(self.team, i) else { return Ok(()) };
        self.execute(
            "INSERT INTO debts (item_id, interest, visibility, drag, category, risk_area, reason, impact,
                 trigger_date, trigger_condition, owner, linked_key, team_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &row.values(),
        )?;
        self.insert_debt_logs(i)
    }

    /// A debt's deferral log and drag history (nothing for other kinds).
    fn insert_debt_logs(&mut self, i: &WorkItem) -> Result<(), Error> {
        let team = self.team;
        let Some(d) = &i.debt else { return Ok(()) };
        for f in &d.deferrals {
            let (before, after) = f.repay_by_columns();
            self.execute(
                "INSERT INTO deferrals (item_id, deferred_on, rationale, repay_by_before, repay_by_after, team_id)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&i.id.0, &f.on, &f.rationale, &before, &after, &team],
            )?;
        }
        for p in &d.drag_history {
            self.execute(
                "INSERT INTO debt_drag_history (item_id, until, drag, team_id) VALUES ($1, $2, $3, $4)",
                &[&i.id.0, &p.until, &p.drag, &team],
            )?;
        }
        Ok(())
    }

    fn insert_actuals(&mut self, s: &Sprint) -> Result<(), Error> {
        let team = self.team;
        let Some(a) = &s.actuals else { return Ok(()) };
        let count = |v: Option<u32>| v.map(i64::from);
        self.execute(
            "INSERT INTO sprint_actuals (sprint_id, closed_on, unplanned_feature, unplanned_defect, unplanned_risk,
                 unplanned_debt, rework, deployments, lead_time_days, change_failures, incidents, recovery_hours,
                 team_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            &[
                &s.id.0,
                &a.closed_on,
                &a.unplanned.get(Kind::Feature),
                &a.unplanned.get(Kind::Defect),
                &a.unplanned.get(Kind::Risk),
                &a.unplanned.get(Kind::Debt),
                &a.rework,
                &count(a.delivery.deployments),
                &a.delivery.lead_time_days,
                &count(a.delivery.change_failures),
                &count(a.delivery.incidents),
                &a.delivery.recovery_hours,
                &team,
            ],
        )
        .map(drop)
    }
}
