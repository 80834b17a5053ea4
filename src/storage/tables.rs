//! The row operations a store engine offers to the change-set logic ([`super::change_set`]):
//! one implementation per engine (SQLite, PostgreSQL), written inside that engine's
//! transaction, so both engines check versions and refuse conflicts by the same code. Every
//! operation reads and writes one team's rows only (the team the store was opened on).
//!
//! Updates and deletes take the version the change was made from and return how many rows
//! they touched: 0 means the row moved on (or went) since it was read.

use chrono::NaiveDate;

use crate::domain::{
    Availability, DayOff, Holiday, ItemId, Member, MemberId, Policy, Sprint, SprintEntry, SprintId, WorkItem,
};

pub trait Tables {
    type Error;

    /// An insert refused by a UNIQUE key or primary key: someone else created the row first.
    fn is_unique_violation(error: &Self::Error) -> bool;

    /// The team's items, members and sprints, together (seeding needs an empty team).
    fn row_count(&mut self) -> Result<i64, Self::Error>;

    /// The team's name as stored (empty for a store's first team before it is set up).
    fn team_name(&mut self) -> Result<String, Self::Error>;

    fn next_item_id(&mut self) -> Result<ItemId, Self::Error>;
    fn insert_item(&mut self, item: &WorkItem) -> Result<(), Self::Error>;
    /// Many new items at once (an import, a restore), ids given. An engine with a faster bulk
    /// path than one insert per row (PostgreSQL's COPY) overrides this.
    fn insert_items(&mut self, items: &[&WorkItem]) -> Result<(), Self::Error> {
        items.iter().try_for_each(|i| self.insert_item(i))
    }
    fn update_item(&mut self, version: i64, after: &WorkItem) -> Result<usize, Self::Error>;
    fn delete_item(&mut self, id: ItemId, version: i64) -> Result<usize, Self::Error>;

    fn next_member_id(&mut self) -> Result<MemberId, Self::Error>;
    fn insert_member(&mut self, member: &Member) -> Result<(), Self::Error>;
    fn update_member(&mut self, version: i64, after: &Member) -> Result<usize, Self::Error>;
    fn delete_member(&mut self, id: MemberId, version: i64) -> Result<usize, Self::Error>;

    fn insert_holiday(&mut self, holiday: &Holiday) -> Result<(), Self::Error>;
    /// Removes the holiday only if it is still as it was read.
    fn delete_holiday(&mut self, holiday: &Holiday) -> Result<usize, Self::Error>;

    fn insert_day_off(&mut self, day: &DayOff) -> Result<(), Self::Error>;
    /// One member's days off in one sprint, in date order.
    fn days_off_of(&mut self, member: MemberId, sprint: SprintId) -> Result<Vec<NaiveDate>, Self::Error>;
    fn replace_days_off(&mut self, member: MemberId, sprint: SprintId, dates: &[NaiveDate]) -> Result<(), Self::Error>;

    fn next_sprint_id(&mut self) -> Result<SprintId, Self::Error>;
    /// A sprint with its actuals, if it has them.
    fn insert_sprint(&mut self, sprint: &Sprint) -> Result<(), Self::Error>;
    /// Name, dates, goal and state (not the actuals).
    fn update_sprint(&mut self, version: i64, after: &Sprint) -> Result<usize, Self::Error>;
    fn replace_actuals(&mut self, sprint: &Sprint) -> Result<(), Self::Error>;
    fn delete_sprint(&mut self, id: SprintId, version: i64) -> Result<usize, Self::Error>;

    fn insert_entry(&mut self, entry: &SprintEntry) -> Result<(), Self::Error>;
    /// One sprint's plan snapshot, in item order.
    fn entries_of(&mut self, sprint: SprintId) -> Result<Vec<SprintEntry>, Self::Error>;
    fn replace_entries(&mut self, sprint: SprintId, entries: &[SprintEntry]) -> Result<(), Self::Error>;

    fn insert_availability(&mut self, availability: &Availability) -> Result<(), Self::Error>;
    /// One sprint's kept availability, in member order.
    fn availability_of(&mut self, sprint: SprintId) -> Result<Vec<Availability>, Self::Error>;
    fn replace_availability(&mut self, sprint: SprintId, rows: &[Availability]) -> Result<(), Self::Error>;

    /// The policy's stored version.
    fn policy_version(&mut self) -> Result<i64, Self::Error>;
    /// Writes `policy` if the stored one is still at `policy.version`, bumping the version.
    fn save_policy(&mut self, policy: &Policy) -> Result<usize, Self::Error>;
}
