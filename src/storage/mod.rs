//! The SQLite store: the only module that uses rusqlite.
//!
//! Opening follows DESIGN.md "Storage and reliability": header check before connecting,
//! identity by `application_id`, schema by `user_version`, WAL, `synchronous=FULL`, foreign keys,
//! a busy timeout, and every write in its own `BEGIN IMMEDIATE` transaction.

mod changes;
mod error;
mod items;
pub mod migrations;
mod open;
mod policy;
mod ranking;
mod rows;
mod sprints;
mod team;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::domain::change::ChangeSet;
use crate::domain::Workspace;

pub use error::StoreError;
pub use open::{OpenMode, OpenOptions, APPLICATION_ID};

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    busy_timeout_ms: u64,
}

impl Store {
    pub fn open(path: &Path, options: OpenOptions) -> Result<Store, StoreError> {
        let opened = open::open(path, options)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            read_only: opened.read_only,
            busy_timeout_ms: options.busy_timeout_ms,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn error(&self, context: &str, err: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, context, err, self.busy_timeout_ms)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.error("reading version", e))
    }

    /// Changes whenever another connection commits; polled to notice a second flowdeck.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| self.error("polling", e))
    }

    /// Loads everything in one read transaction so the parts are consistent with each other.
    pub fn load(&mut self) -> Result<Workspace, StoreError> {
        self.load_with(items::load_items)
    }

    /// The workspace a sprint's figures need (`split`, `history`, `project`, the debt
    /// register), without the backlog items nothing of a sprint refers to
    /// ([`items::load_sprint_items`]). Read-only use: a change made against it would be wrong
    /// about the items it leaves out.
    pub fn load_for_sprint(&mut self) -> Result<Workspace, StoreError> {
        self.load_with(items::load_sprint_items)
    }

    fn load_with(
        &mut self,
        load_items: fn(&rusqlite::Connection) -> rusqlite::Result<Vec<crate::domain::WorkItem>>,
    ) -> Result<Workspace, StoreError> {
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        let load = |tx: &Transaction<'_>| -> rusqlite::Result<Workspace> {
            Ok(Workspace {
                policy: policy::load(tx)?,
                members: team::load_members(tx)?,
                holidays: team::load_holidays(tx)?,
                days_off: team::load_days_off(tx)?,
                sprints: sprints::load_sprints(tx)?,
                items: load_items(tx)?,
                entries: sprints::load_entries(tx)?,
                availability: team::load_availability(tx)?,
            })
        };
        let ws = load(&tx).map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        tx.commit().map_err(|e| StoreError::from_sqlite(&self.path, "loading", e, self.busy_timeout_ms))?;
        Ok(ws)
    }

    /// Runs `f` as one `BEGIN IMMEDIATE` transaction: all of it is saved, or none.
    pub fn write<T>(
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

    /// [`Store::write`] with a larger page cache for the transaction's length: for writes of
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

    /// Writes a whole workspace, ids included, into an empty database (demo data, restores).
    pub fn seed(&mut self, ws: &Workspace, action: &str) -> Result<(), StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        let sql = move |e| StoreError::from_sqlite(&path, "writing", e, timeout);
        let not_empty = StoreError::NotEmpty { path: self.path.clone(), action: action.to_string() };
        self.bulk_write("seeding", |tx| {
            let rows: i64 = tx
                .query_row("SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM members) + (SELECT count(*) FROM sprints)", [], |r| r.get(0))
                .map_err(&sql)?;
            if rows > 0 {
                return Err(not_empty);
            }
            let mut policy = ws.policy.clone();
            policy.version = policy::load(tx).map_err(&sql)?.version;
            policy::save(tx, &policy).map_err(&sql)?;
            for m in &ws.members {
                team::insert_member(tx, m).map_err(&sql)?;
            }
            for h in &ws.holidays {
                team::insert_holiday(tx, h).map_err(&sql)?;
            }
            for s in &ws.sprints {
                sprints::insert_sprint(tx, s).map_err(&sql)?;
            }
            for d in &ws.days_off {
                team::insert_day_off(tx, d).map_err(&sql)?;
            }
            for i in &ws.items {
                items::insert_item(tx, i).map_err(&sql)?;
            }
            for e in &ws.entries {
                sprints::insert_entry(tx, e).map_err(&sql)?;
            }
            // A document without snapshots (older backups, the demo's closed sprints) keeps
            // today's members for its started sprints, as the schema migration did.
            for a in ws.availability.iter().chain(&crate::domain::availability::missing(ws)) {
                team::insert_availability(tx, a).map_err(&sql)?;
            }
            Ok(())
        })
    }

    /// Saves one user action in one transaction. A change made from a stale copy of a row is
    /// refused with `Conflict` and nothing of the set is written. Returns the set as committed.
    pub fn apply(&mut self, set: &ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        self.write("saving", |tx| changes::apply(tx, set, now).map_err(|r| refusal_error(r, &path, timeout)))
    }

    /// [`Store::apply`] for a set the caller gives up (a large import): it is written and
    /// handed back as committed, without a copy.
    pub fn apply_owned(
        &mut self,
        mut set: ChangeSet,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<ChangeSet, StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        self.bulk_write("saving", |tx| {
            changes::apply_in_place(tx, &mut set, now).map_err(|r| refusal_error(r, &path, timeout))
        })?;
        Ok(set)
    }

    /// The policy and the scoring fields of the candidates of the current sprint (found from
    /// the sprints, which are few), optionally of one kind: what a ranking needs, without
    /// loading items.
    pub fn ranking_inputs(
        &mut self,
        kind: Option<crate::domain::Kind>,
    ) -> Result<(crate::domain::Policy, Vec<crate::domain::scoring::ScoringFields>), StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        let sql = |e| StoreError::from_sqlite(&path, "loading", e, timeout);
        let tx = self.conn.transaction().map_err(&sql)?;
        let policy = policy::load(&tx).map_err(&sql)?;
        let sprints = sprints::load_sprints(&tx).map_err(&sql)?;
        let current = crate::domain::workspace::current_sprint(&sprints).map(|s| s.id);
        let fields = ranking::candidate_fields(&tx, current, kind).map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok((policy, fields))
    }

    /// The items with these ids, whole, in one read transaction.
    pub fn items_by_ids(&mut self, ids: &[crate::domain::ItemId]) -> Result<Vec<crate::domain::WorkItem>, StoreError> {
        let (path, timeout) = (self.path.clone(), self.busy_timeout_ms);
        let sql = |e| StoreError::from_sqlite(&path, "loading", e, timeout);
        let tx = self.conn.transaction().map_err(&sql)?;
        let items = ranking::items_by_ids(&tx, ids).map_err(&sql)?;
        tx.commit().map_err(&sql)?;
        Ok(items)
    }

    /// `PRAGMA quick_check`: "ok", or the problems SQLite found.
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check").map_err(|e| self.error("checking", e))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(|e| self.error("checking", e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.error("checking", e))
    }
}

fn refusal_error(refusal: changes::Refusal, path: &Path, timeout: u64) -> StoreError {
    match refusal {
        changes::Refusal::Conflict(what) => StoreError::Conflict { what },
        changes::Refusal::NotFinite(what) => StoreError::Sqlite {
            path: path.to_path_buf(),
            context: format!("saving {what}"),
            source: rusqlite::Error::ToSqlConversionFailure("not a finite number".into()),
        },
        changes::Refusal::Sql(e) => StoreError::from_sqlite(path, "saving", e, timeout),
    }
}
