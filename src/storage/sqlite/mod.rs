//! The SQLite engine: one planning file on one machine, the only module that uses rusqlite.
//!
//! Opening follows DESIGN.md "Storage and reliability": header check before connecting,
//! identity by `application_id`, schema by `user_version`, WAL, `synchronous=FULL`, foreign keys,
//! a busy timeout, and every write in its own `BEGIN IMMEDIATE` transaction.

mod items;
pub mod migrations;
mod open;
mod policy;
mod ranking;
mod rows;
mod sprints;
mod tables;
mod team;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::domain::change::ChangeSet;
use crate::domain::Workspace;

use super::change_set::{self, Refusal};
use super::{Engine, OpenOptions, StoreError};
pub use open::APPLICATION_ID;
pub use rows::{id_list, id_text, parse_timestamp, split_list, timestamp};
use tables::SqliteTables;

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    busy_timeout_ms: u64,
    /// The team every read and write goes to.
    team: i64,
}

impl SqliteStore {
    pub fn open(path: &Path, options: OpenOptions) -> Result<SqliteStore, StoreError> {
        let opened = open::open(path, options)?;
        Ok(SqliteStore {
            conn: opened.conn,
            path: path.to_path_buf(),
            read_only: opened.read_only,
            busy_timeout_ms: options.busy_timeout_ms,
            team: 1,
        })
    }

    fn error(&self, context: &str, err: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, context, err, self.busy_timeout_ms)
    }

    fn load_with(
        &mut self,
        load_items: fn(&rusqlite::Connection, i64) -> rusqlite::Result<Vec<crate::domain::WorkItem>>,
    ) -> Result<Workspace, StoreError> {
        let team = self.team;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        let load = |tx: &Transaction<'_>| -> rusqlite::Result<Workspace> {
            Ok(Workspace {
                policy: policy::load(tx, team)?,
                members: team::load_members(tx, team)?,
                holidays: team::load_holidays(tx, team)?,
                days_off: team::load_days_off(tx, team)?,
                sprints: sprints::load_sprints(tx, team)?,
                items: load_items(tx, team)?,
                entries: sprints::load_entries(tx, team)?,
                availability: team::load_availability(tx, team)?,
            })
        };
        let ws = load(&tx).map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        Ok(ws)
    }

    /// Runs `f` as one `BEGIN IMMEDIATE` transaction: all of it is saved, or none.
    fn write<T>(
        &mut self,
        context: &str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, context, e, timeout))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&path, context, e, timeout))?;
        Ok(value)
    }

    /// [`SqliteStore::write`] with a larger page cache for the transaction's length: for writes of
    /// thousands of rows, so that readers keep the small cache (and the small footprint).
    fn bulk_write<T>(
        &mut self,
        context: &str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        let cache = |conn: &rusqlite::Connection, kib: i64| {
            conn.pragma_update(None, "cache_size", kib)
                .map_err(|e| StoreError::from_sqlite(&path, "sizing the cache", e, timeout))
        };
        cache(&self.conn, open::BULK_CACHE_KIB)?;
        let result = self.write(context, f);
        // Back to the reading size either way; a failure to shrink is not worth a lost save.
        let _ = cache(&self.conn, open::READ_CACHE_KIB);
        result
    }
}

impl Engine for SqliteStore {
    fn team_id(&self) -> i64 {
        self.team
    }

    fn set_team(&mut self, id: i64) {
        self.team = id;
    }

    fn teams(&mut self) -> Result<Vec<crate::storage::TeamRow>, StoreError> {
        policy::teams(&self.conn).map_err(|e| self.error("listing teams", e))
    }

    fn create_team(&mut self, name: &str) -> Result<i64, StoreError> {
        let timeout = self.busy_timeout_ms;
        let path = self.path.clone();
        self.write("adding a team", |tx| {
            policy::create_team(tx, name).map_err(|e| StoreError::from_sqlite(&path, "adding a team", e, timeout))
        })
    }

    fn name_team(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        let timeout = self.busy_timeout_ms;
        let path = self.path.clone();
        self.write("naming the team", |tx| {
            policy::name_team(tx, id, name)
                .map(|_| ())
                .map_err(|e| StoreError::from_sqlite(&path, "naming the team", e, timeout))
        })
    }

    fn label(&self) -> String {
        self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.error("reading version", e))
    }

    /// Changes whenever another connection commits; polled to notice a second flowdeck.
    fn data_version(&mut self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| self.error("polling", e))
    }

    /// Loads everything in one read transaction so the parts are consistent with each other.
    fn load(&mut self) -> Result<Workspace, StoreError> {
        self.load_with(items::load_items)
    }

    /// The workspace a sprint's figures need (`split`, `history`, `project`, the debt
    /// register), without the backlog items nothing of a sprint refers to
    /// ([`items::load_sprint_items`]). Read-only use: a change made against it would be wrong
    /// about the items it leaves out.
    fn load_for_sprint(&mut self) -> Result<Workspace, StoreError> {
        self.load_with(items::load_sprint_items)
    }

    /// Writes a whole workspace, ids included, into an empty database (demo data, restores).
    fn seed(&mut self, ws: &Workspace, action: &str) -> Result<(), StoreError> {
        let (path, timeout, team) = (self.path.clone(), self.busy_timeout_ms, self.team);
        self.bulk_write("seeding", |tx| {
            change_set::seed(&mut SqliteTables(tx, team), ws).map_err(|r| match r {
                change_set::SeedRefusal::NotEmpty => StoreError::NotEmpty { path: path.clone(), action: action.into() },
                change_set::SeedRefusal::Sql(e) => StoreError::from_sqlite(&path, "writing", e, timeout),
            })
        })
    }

    /// Saves one user action in one transaction. A change made from a stale copy of a row is
    /// refused with `Conflict` and nothing of the set is written. Returns the set as committed.
    fn apply(&mut self, set: &ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError> {
        let (path, timeout, team) = (self.path.clone(), self.busy_timeout_ms, self.team);
        self.write("saving", |tx| {
            change_set::apply(&mut SqliteTables(tx, team), set, now).map_err(|r| refusal_error(r, &path, timeout))
        })
    }

    /// [`Store::apply`] for a set the caller gives up (a large import): it is written and
    /// handed back as committed, without a copy.
    fn apply_owned(&mut self, mut set: ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError> {
        let (path, timeout, team) = (self.path.clone(), self.busy_timeout_ms, self.team);
        self.bulk_write("saving", |tx| {
            change_set::apply_in_place(&mut SqliteTables(tx, team), &mut set, now)
                .map_err(|r| refusal_error(r, &path, timeout))
        })?;
        Ok(set)
    }

    /// The policy and the scoring fields of the candidates of the current sprint (found from
    /// the sprints, which are few), optionally of one kind: what a ranking needs, without
    /// loading items.
    fn ranking_inputs(
        &mut self,
        kind: Option<crate::domain::Kind>,
    ) -> Result<(crate::domain::Policy, Vec<crate::domain::scoring::ScoringFields>), StoreError> {
        let (path, timeout, team) = (self.path.clone(), self.busy_timeout_ms, self.team);
        let sql = |e| StoreError::from_sqlite(&path, "loading", e, timeout);
        let tx = self.conn.transaction().map_err(&sql)?;
        let policy = policy::load(&tx, team).map_err(&sql)?;
        let sprints = sprints::load_sprints(&tx, team).map_err(&sql)?;
        let current = crate::domain::workspace::current_sprint(&sprints).map(|s| s.id);
        let fields = ranking::candidate_fields(&tx, team, current, kind).map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok((policy, fields))
    }

    /// The items with these ids, whole, in one read transaction.
    fn items_by_ids(&mut self, ids: &[crate::domain::ItemId]) -> Result<Vec<crate::domain::WorkItem>, StoreError> {
        let (path, timeout, team) = (self.path.clone(), self.busy_timeout_ms, self.team);
        let sql = |e| StoreError::from_sqlite(&path, "loading", e, timeout);
        let tx = self.conn.transaction().map_err(&sql)?;
        let items = ranking::items_by_ids(&tx, team, ids).map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(items)
    }

    /// `PRAGMA quick_check`: "ok", or the problems SQLite found.
    fn quick_check(&mut self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check").map_err(|e| self.error("checking", e))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| self.error("checking", e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.error("checking", e))
    }
}

fn refusal_error(refusal: Refusal<rusqlite::Error>, path: &Path, timeout: u64) -> StoreError {
    match refusal {
        Refusal::Conflict(what) => StoreError::Conflict { what },
        Refusal::NotFinite(what) => StoreError::Sqlite {
            path: path.to_path_buf(),
            context: format!("saving {what}"),
            source: rusqlite::Error::ToSqlConversionFailure("not a finite number".into()),
        },
        Refusal::Sql(e) => StoreError::from_sqlite(path, "saving", e, timeout),
    }
}
