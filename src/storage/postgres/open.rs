//! Connecting: reach the server, tell a flowdeck store from another application's database,
//! refuse a newer schema, migrate once (under an advisory lock), listen for others' commits.

use std::path::Path;

use postgres::{Client, NoTls};

use super::migrations::{apply_pending, latest_version, SCHEMA_TABLE};
use super::CHANNEL;
use crate::storage::{OpenMode, OpenOptions, StoreError, APPLICATION_ID};

pub struct Opened {
    pub client: Client,
    pub schema_version: i64,
    pub own_pid: i32,
}

pub fn open(url: &str, location: &Path, options: OpenOptions) -> Result<Opened, StoreError> {
    let err = |context: &'static str| move |e| StoreError::from_postgres(location, context, e);
    // Connections over the network should use TLS; a local socket or a loopback address
    // (what the README describes) is the supported setup for now.
    let mut client = Client::connect(url, NoTls).map_err(err("connecting"))?;
    // A write that waits this long for another writer's row locks gives up as "locked".
    client
        .batch_execute(&format!("SET lock_timeout = {}", options.busy_timeout_ms))
        .map_err(err("setting the lock timeout"))?;

    let mut tx = client.transaction().map_err(err("opening"))?;
    // One opener at a time creates or migrates the schema; the others wait, then see it done.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&APPLICATION_ID]).map_err(err("locking the schema"))?;
    let has_schema_table: bool = tx
        .query_one("SELECT to_regclass('flowdeck_schema') IS NOT NULL", &[])
        .and_then(|r| r.try_get(0))
        .map_err(err("reading the schema"))?;
    let found = if has_schema_table {
        tx.query_one("SELECT coalesce(max(version), 0) FROM flowdeck_schema", &[])
            .and_then(|r| r.try_get::<_, i64>(0))
            .map_err(err("reading the schema version"))?
    } else {
        let tables: i64 = tx
            .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", &[])
            .and_then(|r| r.try_get(0))
            .map_err(err("reading the schema"))?;
        if tables > 0 {
            return Err(StoreError::ForeignTables { path: location.to_path_buf() });
        }
        if options.mode == OpenMode::Existing {
            return Err(StoreError::NotFound { path: location.to_path_buf() });
        }
        tx.batch_execute(SCHEMA_TABLE).map_err(err("creating the schema"))?;
        0
    };
    if found > latest_version() {
        return Err(StoreError::NewerSchema { path: location.to_path_buf(), found, supported: latest_version() });
    }
    apply_pending(&mut tx, found).map_err(err("migrating"))?;
    tx.commit().map_err(err("migrating"))?;

    client.batch_execute(&format!("LISTEN {CHANNEL}")).map_err(err("listening"))?;
    let own_pid: i32 =
        client.query_one("SELECT pg_backend_pid()", &[]).and_then(|r| r.try_get(0)).map_err(err("connecting"))?;
    Ok(Opened { client, schema_version: latest_version(), own_pid })
}
