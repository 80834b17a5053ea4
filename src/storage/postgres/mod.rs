//! The PostgreSQL engine: one store shared by everyone who plans with it, on a server the
//! team already runs. The only module that uses the `postgres` crate.
//!
//! The same guarantees as the SQLite engine, by PostgreSQL's means: the schema version in a
//! `flowdeck_schema` table (migrations applied once, under an advisory lock so two first
//! openers do not race), reads in one REPEATABLE READ snapshot, every write one SERIALIZABLE
//! transaction with the shared version checks ([`super::change_set`]; a serialization
//! failure is a conflict too), and others' commits noticed by LISTEN/NOTIFY.

mod decode;
mod migrations;
mod open;
mod read;
mod rows;
mod tables;

use std::path::{Path, PathBuf};

use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, IsolationLevel, Transaction};

use crate::domain::change::ChangeSet;
use crate::domain::scoring::ScoringFields;
use crate::domain::{ItemId, Kind, Policy, WorkItem, Workspace};

use super::change_set::{self, Refusal, SeedRefusal};
use super::{Engine, OpenOptions, StoreError};
use tables::PgTables;

pub use migrations::latest_version;

/// The channel every write notifies on commit; every open store listens to it.
const CHANNEL: &str = "flowdeck_changes";

/// `Some(connection string)` when a `--db` names a PostgreSQL server rather than a file.
pub fn connection_string(db: &Path) -> Option<&str> {
    let text = db.to_str()?;
    (text.starts_with("postgres://") || text.starts_with("postgresql://")).then_some(text)
}

/// The connection string without its password, for messages and the status bar.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split_once(':').map_or(user_info, |(user, _)| user);
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    // A password may also come as a query parameter.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("password=")).collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// The database a connection string names (what follows the host, before any query).
fn database_name(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    path.split_once('/').map_or("", |(_, db)| db)
}

pub struct PgStore {
    client: Client,
    /// The redacted connection string, as a path for [`Engine::path`].
    location: PathBuf,
    schema_version: i64,
    /// Our own server process: its notifications are our own commits, which do not count as
    /// someone else's change (as SQLite's data_version ignores this connection's commits).
    own_pid: i32,
    others_commits: i64,
    /// The team every read and write goes to.
    team: i64,
}

impl PgStore {
    pub fn open(url: &str, options: OpenOptions) -> Result<PgStore, StoreError> {
        let location = PathBuf::from(redacted(url));
        let opened = open::open(url, &location, options)?;
        Ok(PgStore {
            client: opened.client,
            location,
            schema_version: opened.schema_version,
            own_pid: opened.own_pid,
            others_commits: 0,
            team: 1,
        })
    }

    fn error(&self, context: &str) -> impl Fn(postgres::Error) -> StoreError + '_ {
        let context = context.to_string();
        move |e| StoreError::from_postgres(&self.location, &context, e)
    }

    /// Runs `f` in one read-only snapshot.
    fn read<T>(
        &mut self,
        f: impl FnOnce(&mut Transaction<'_>, &Path) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let location = self.location.clone();
        let err = |e| StoreError::from_postgres(&location, "loading", e);
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(err)?;
        let value = f(&mut tx, &location)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }

    /// Runs `f` as one SERIALIZABLE transaction that tells every listener on commit.
    fn write<T>(
        &mut self,
        context: &str,
        f: impl FnOnce(&mut PgTables<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let location = self.location.clone();
        let err = |e| StoreError::from_postgres(&location, context, e);
        let mut tx =
            self.client.build_transaction().isolation_level(IsolationLevel::Serializable).start().map_err(err)?;
        let value = f(&mut PgTables::new(&mut tx, self.team))?;
        tx.execute("SELECT pg_notify($1, '')", &[&CHANNEL]).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }
}

/// A refused change set as the user's message (the transaction it came from rolls back).
fn refusal_error(location: &Path, refusal: Refusal<postgres::Error>) -> StoreError {
    match refusal {
        Refusal::Conflict(what) => StoreError::Conflict { what },
        Refusal::NotFinite(what) => {
            StoreError::Invalid { path: location.to_path_buf(), detail: format!("{what}: not a finite number") }
        }
        Refusal::Sql(e) => StoreError::from_postgres(location, "saving", e),
    }
}

impl Engine for PgStore {
    fn team_id(&self) -> i64 {
        self.team
    }

    fn set_team(&mut self, id: i64) {
        self.team = id;
    }

    fn teams(&mut self) -> Result<Vec<crate::storage::TeamRow>, StoreError> {
        self.read(read::teams)
    }

    fn create_team(&mut self, name: &str) -> Result<i64, StoreError> {
        let location = self.location.clone();
        self.write("adding a team", |t| {
            t.create_team(name).map_err(|e| StoreError::from_postgres(&location, "adding a team", e))
        })
    }

    fn name_team(&mut self, id: i64, name: &str) -> Result<(), StoreError> {
        let location = self.location.clone();
        self.write("naming the team", |t| {
            t.name_team(id, name).map_err(|e| StoreError::from_postgres(&location, "naming the team", e))
        })
    }

    fn path(&self) -> &Path {
        &self.location
    }

    fn label(&self) -> String {
        format!("postgres {}", database_name(&self.location.to_string_lossy()))
    }

    fn is_read_only(&self) -> bool {
        false
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.schema_version)
    }

    fn data_version(&mut self) -> Result<i64, StoreError> {
        let own = self.own_pid;
        let err = |e| StoreError::from_postgres(&self.location, "polling", e);
        // A round trip first: the client reads what the server has sent only while it waits
        // for an answer (its non-blocking poll never turns the socket's reactor), and the
        // server sends pending notifications before it answers.
        self.client.batch_execute("").map_err(err)?;
        let mut seen = 0;
        let mut pending = self.client.notifications();
        let mut pending = pending.iter();
        while let Some(n) = pending.next().map_err(err)? {
            if n.process_id() != own {
                seen += 1;
            }
        }
        self.others_commits += seen;
        Ok(self.others_commits)
    }

    fn load(&mut self) -> Result<Workspace, StoreError> {
        let team = self.team;
        self.read(|tx, at| read::workspace(tx, at, team, read::Items::All))
    }

    fn load_for_sprint(&mut self) -> Result<Workspace, StoreError> {
        let team = self.team;
        self.read(|tx, at| read::workspace(tx, at, team, read::Items::SprintFigures))
    }

    fn seed(&mut self, ws: &Workspace, action: &str) -> Result<(), StoreError> {
        let location = self.location.clone();
        self.write("seeding", |t| {
            change_set::seed(t, ws).map_err(|r| match r {
                SeedRefusal::NotEmpty => StoreError::NotEmpty { path: location.clone(), action: action.to_string() },
                SeedRefusal::Sql(e) => StoreError::from_postgres(&location, "writing", e),
            })
        })
    }

    fn apply(&mut self, set: &ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError> {
        let location = self.location.clone();
        self.write("saving", |t| change_set::apply(t, set, now).map_err(|r| refusal_error(&location, r)))
    }

    fn apply_owned(&mut self, mut set: ChangeSet, now: chrono::DateTime<chrono::Utc>) -> Result<ChangeSet, StoreError> {
        let location = self.location.clone();
        self.write("saving", |t| {
            change_set::apply_in_place(t, &mut set, now).map_err(|r| refusal_error(&location, r))
        })?;
        Ok(set)
    }

    fn ranking_inputs(&mut self, kind: Option<Kind>) -> Result<(Policy, Vec<ScoringFields>), StoreError> {
        let team = self.team;
        self.read(|tx, at| read::ranking_inputs(tx, at, team, kind))
    }

    fn items_by_ids(&mut self, ids: &[ItemId]) -> Result<Vec<WorkItem>, StoreError> {
        let team = self.team;
        self.read(|tx, at| read::items_by_ids(tx, at, team, ids))
    }

    fn quick_check(&mut self) -> Result<Vec<String>, StoreError> {
        // The server keeps its own files whole; what flowdeck can check is that its tables
        // answer and the schema is the one this build knows.
        self.client.query_one("SELECT count(*) FROM items", &[]).map_err(self.error("checking"))?;
        Ok(vec!["ok".to_string()])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_left_out_and_the_database_is_named() {
        for (url, shown, db) in [
            ("postgresql://ana:s3cret@db.example:5433/plans", "postgresql://ana@db.example:5433/plans", "plans"),
            ("postgres://ana@localhost/p?host=/run/pg&password=x", "postgres://ana@localhost/p?host=/run/pg", "p"),
            ("postgresql://localhost/team_a?password=x", "postgresql://localhost/team_a", "team_a"),
            ("postgresql://b:p@w@h/d", "postgresql://b@h/d", "d"),
        ] {
            assert_eq!(super::redacted(url), shown);
            assert_eq!(super::database_name(&super::redacted(url)), db);
        }
    }
}
