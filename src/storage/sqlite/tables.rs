//! The SQLite engine's row operations for the shared change-set logic.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::{
    Availability, DayOff, Holiday, ItemId, Member, MemberId, Policy, Sprint, SprintEntry, SprintId, WorkItem,
};
use crate::storage::tables::Tables;

use super::{items, policy, sprints, team};

/// A connection inside the caller's write transaction, and the team it writes.
pub struct SqliteTables<'c>(pub &'c Connection, pub i64);

impl Tables for SqliteTables<'_> {
    type Error = rusqlite::Error;

    fn is_unique_violation(e: &rusqlite::Error) -> bool {
        matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
    }

    fn row_count(&mut self) -> rusqlite::Result<i64> {
        self.0.query_row(
            "SELECT (SELECT count(*) FROM items WHERE team_id = ?1) + (SELECT count(*) FROM members WHERE team_id = ?1)
                    + (SELECT count(*) FROM sprints WHERE team_id = ?1)",
            [self.1],
            |r| r.get(0),
        )
    }

    fn team_name(&mut self) -> rusqlite::Result<String> {
        Ok(policy::load(self.0, self.1)?.team_name)
    }

    fn next_item_id(&mut self) -> rusqlite::Result<ItemId> {
        items::next_id(self.0, self.1)
    }
    fn insert_item(&mut self, item: &WorkItem) -> rusqlite::Result<()> {
        items::insert_item(self.0, self.1, item)
    }
    fn update_item(&mut self, version: i64, after: &WorkItem) -> rusqlite::Result<usize> {
        items::update_item(self.0, self.1, version, after)
    }
    fn delete_item(&mut self, id: ItemId, version: i64) -> rusqlite::Result<usize> {
        items::delete_item(self.0, self.1, id, version)
    }

    fn next_member_id(&mut self) -> rusqlite::Result<MemberId> {
        team::next_member_id(self.0, self.1)
    }
    fn insert_member(&mut self, member: &Member) -> rusqlite::Result<()> {
        team::insert_member(self.0, self.1, member)
    }
    fn update_member(&mut self, version: i64, after: &Member) -> rusqlite::Result<usize> {
        team::update_member(self.0, self.1, version, after)
    }
    fn delete_member(&mut self, id: MemberId, version: i64) -> rusqlite::Result<usize> {
        team::delete_member(self.0, self.1, id, version)
    }

    fn insert_holiday(&mut self, holiday: &Holiday) -> rusqlite::Result<()> {
        team::insert_holiday(self.0, self.1, holiday)
    }
    fn delete_holiday(&mut self, holiday: &Holiday) -> rusqlite::Result<usize> {
        team::delete_holiday(self.0, self.1, holiday)
    }

    fn insert_day_off(&mut self, day: &DayOff) -> rusqlite::Result<()> {
        team::insert_day_off(self.0, self.1, day)
    }
    fn days_off_of(&mut self, member: MemberId, sprint: SprintId) -> rusqlite::Result<Vec<NaiveDate>> {
        team::days_off_of(self.0, self.1, member, sprint)
    }
    fn replace_days_off(&mut self, member: MemberId, sprint: SprintId, dates: &[NaiveDate]) -> rusqlite::Result<()> {
        team::replace_days_off(self.0, self.1, member, sprint, dates)
    }

    fn next_sprint_id(&mut self) -> rusqlite::Result<SprintId> {
        sprints::next_id(self.0, self.1)
    }
    fn insert_sprint(&mut self, sprint: &Sprint) -> rusqlite::Result<()> {
        sprints::insert_sprint(self.0, self.1, sprint)
    }
    fn update_sprint(&mut self, version: i64, after: &Sprint) -> rusqlite::Result<usize> {
        sprints::update_sprint(self.0, self.1, version, after)
    }
    fn replace_actuals(&mut self, sprint: &Sprint) -> rusqlite::Result<()> {
        sprints::replace_actuals(self.0, self.1, sprint)
    }
    fn delete_sprint(&mut self, id: SprintId, version: i64) -> rusqlite::Result<usize> {
        sprints::delete_sprint(self.0, self.1, id, version)
    }

    fn insert_entry(&mut self, entry: &SprintEntry) -> rusqlite::Result<()> {
        sprints::insert_entry(self.0, self.1, entry)
    }
    fn entries_of(&mut self, sprint: SprintId) -> rusqlite::Result<Vec<SprintEntry>> {
        sprints::entries_of(self.0, self.1, sprint)
    }
    fn replace_entries(&mut self, sprint: SprintId, entries: &[SprintEntry]) -> rusqlite::Result<()> {
        sprints::replace_entries(self.0, self.1, sprint, entries)
    }

    fn insert_availability(&mut self, availability: &Availability) -> rusqlite::Result<()> {
        team::insert_availability(self.0, self.1, availability)
    }
    fn availability_of(&mut self, sprint: SprintId) -> rusqlite::Result<Vec<Availability>> {
        team::availability_of(self.0, self.1, sprint)
    }
    fn replace_availability(&mut self, sprint: SprintId, rows: &[Availability]) -> rusqlite::Result<()> {
        team::replace_availability(self.0, self.1, sprint, rows)
    }

    fn policy_version(&mut self) -> rusqlite::Result<i64> {
        Ok(policy::load(self.0, self.1)?.version)
    }
    fn save_policy(&mut self, p: &Policy) -> rusqlite::Result<usize> {
        policy::save(self.0, self.1, p)
    }
}
