//! The store's open sequence against real files: new, re-opened, and every kind of wrong file.

mod common;

use std::fs;

use flowdeck::service::demo::demo_workspace;
use flowdeck::storage::{migrations, OpenMode, OpenOptions, Store, StoreError, APPLICATION_ID};
use rusqlite::Connection;

const CREATE: OpenOptions = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 200 };
const EXISTING: OpenOptions = OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 200 };

fn pragma(path: &std::path::Path, name: &str) -> i64 {
    let conn = Connection::open(path).expect("open raw");
    conn.pragma_query_value(None, name, |r| r.get(0)).expect("pragma")
}

#[test]
fn a_new_database_is_migrated_marked_and_in_wal_mode() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("nested/dir/new.sqlite");
    let store = Store::open(&path, CREATE).expect("create");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
    drop(store);
    assert_eq!(pragma(&path, "application_id"), APPLICATION_ID);
    assert_eq!(pragma(&path, "user_version"), migrations::latest_version());
    let conn = Connection::open(&path).expect("open raw");
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let strict: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name = 'items' AND strict = 1",
            [],
            |r| r.get(0),
        )
        .expect("table list");
    assert_eq!(strict, 1, "items must be a STRICT table");
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_again() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("flowdeck.sqlite");
    let ws = demo_workspace(common::today()).expect("demo");
    let mut store = Store::open(&path, CREATE).expect("create");
    store.seed(&ws, "test").expect("seed");
    drop(store);

    let mut again = Store::open(&path, EXISTING).expect("reopen");
    let loaded = again.load().expect("load");
    assert_eq!(loaded.items.len(), ws.items.len());
    assert_eq!(loaded.members, ws.members);
    assert_eq!(loaded.sprints, ws.sprints);
    assert_eq!(loaded.items, ws.items);
    assert_eq!(loaded.entries, ws.entries);
    let backups: Vec<_> = fs::read_dir(sandbox.dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert!(backups.is_empty(), "a database already at the latest schema needs no backup");
}

#[test]
fn seeding_refuses_a_database_that_holds_data() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("flowdeck.sqlite");
    let ws = demo_workspace(common::today()).expect("demo");
    let mut store = Store::open(&path, CREATE).expect("create");
    store.seed(&ws, "demo").expect("seed");
    let err = store.seed(&ws, "demo").expect_err("second seed must refuse");
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err}");
    assert_eq!(store.load().expect("load").items.len(), ws.items.len(), "nothing lost or doubled");
}

#[test]
fn a_missing_path_is_an_error_unless_creating() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("typo.sqlite");
    let err = Store::open(&path, EXISTING).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(!path.exists(), "no file may be created for a mistyped path");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_byte_for_byte() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("notes.txt");
    let content = b"These are my planning notes, not a database.\n".repeat(100);
    fs::write(&path, &content).expect("write");
    for options in [EXISTING, CREATE] {
        let err = Store::open(&path, options).err().expect("must refuse");
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
        assert!(err.to_string().contains("notes.txt"), "{err}");
    }
    assert_eq!(fs::read(&path).expect("read"), content);
    assert!(!sandbox.path("notes.txt-wal").exists());
}

#[test]
fn another_applications_sqlite_file_is_refused_untouched() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("other.sqlite");
    {
        let conn = Connection::open(&path).expect("create other");
        conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").expect("fill");
    }
    let before = fs::read(&path).expect("read");
    let err = Store::open(&path, EXISTING).err().expect("must refuse");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(fs::read(&path).expect("read"), before);

    let marked = sandbox.path("marked.sqlite");
    {
        let conn = Connection::open(&marked).expect("create other");
        conn.pragma_update(None, "application_id", 0x1234_5678).expect("mark");
    }
    let err = Store::open(&marked, EXISTING).err().expect("must refuse");
    assert!(err.to_string().contains("0x12345678"), "{err}");
}

#[test]
fn a_newer_schema_is_refused_naming_both_versions() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("future.sqlite");
    drop(Store::open(&path, CREATE).expect("create"));
    {
        let conn = Connection::open(&path).expect("raw");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let before = fs::read(&path).expect("read");
    let err = Store::open(&path, EXISTING).err().expect("must refuse");
    match &err {
        StoreError::NewerSchema { found, supported, .. } => {
            assert_eq!(*found, 99);
            assert_eq!(*supported, migrations::latest_version());
        }
        other => panic!("expected NewerSchema, got {other}"),
    }
    assert!(err.to_string().contains("99"));
    assert_eq!(fs::read(&path).expect("read"), before);
}

#[test]
fn an_empty_file_is_initialised_like_a_new_one() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("empty.sqlite");
    fs::write(&path, b"").expect("touch");
    let store = Store::open(&path, EXISTING).expect("empty file opens");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
}

#[test]
fn a_damaged_database_is_reported_as_corrupt() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("damaged.sqlite");
    {
        let mut store = Store::open(&path, CREATE).expect("create");
        store.seed(&demo_workspace(common::today()).expect("demo"), "test").expect("seed");
    }
    // Fold the WAL into the file, then scribble over everything after the 100-byte header.
    Connection::open(&path).expect("raw").pragma_update(None, "journal_mode", "DELETE").expect("checkpoint");
    let mut bytes = fs::read(&path).expect("read");
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path, EXISTING).and_then(|mut s| s.load().map(|_| ())).expect_err("must fail");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn a_second_connection_sees_data_version_change() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("shared.sqlite");
    let mut watcher = Store::open(&path, CREATE).expect("create");
    let before = watcher.data_version().expect("version");
    let mut writer = Store::open(&path, EXISTING).expect("second");
    writer.seed(&demo_workspace(common::today()).expect("demo"), "test").expect("seed");
    assert_ne!(watcher.data_version().expect("version"), before);
}

#[test]
fn migrating_an_older_flowdeck_file_leaves_a_backup_first() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("old.sqlite");
    {
        // A flowdeck file from before schema v1 (version 0, marked, not empty).
        let conn = Connection::open(&path).expect("raw");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("mark");
        conn.execute_batch("CREATE TABLE scratch (note TEXT); INSERT INTO scratch VALUES ('keep me');").expect("fill");
    }
    let store = Store::open(&path, EXISTING).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
    let backup = fs::read_dir(sandbox.dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("old.sqlite.v0-") && p.to_string_lossy().ends_with(".bak"))
        .expect("a backup beside the database");
    let conn = Connection::open(&backup).expect("open backup");
    let note: String = conn.query_row("SELECT note FROM scratch", [], |r| r.get(0)).expect("backup holds the data");
    assert_eq!(note, "keep me");
}

#[test]
fn a_write_blocked_by_another_writer_reports_locked_after_the_timeout() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("busy.sqlite");
    let mut store = Store::open(&path, CREATE).expect("create");
    let other = Connection::open(&path).expect("second writer");
    other.execute_batch("BEGIN IMMEDIATE; UPDATE policy SET tolerance = 6;").expect("hold the write lock");
    let err = store.seed(&demo_workspace(common::today()).expect("demo"), "test").expect_err("must be locked");
    assert!(matches!(err, StoreError::Locked { waited_ms: 200, .. }), "{err}");
    other.execute_batch("ROLLBACK").expect("release");
    assert!(store.load().expect("load").items.is_empty(), "the refused write left nothing behind");
}

#[test]
fn upgrading_from_v3_gives_every_started_sprint_the_availability_of_todays_members() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("v3.sqlite");
    let kept = {
        let mut store = Store::open(&path, CREATE).expect("create");
        store.seed(&demo_workspace(common::today()).expect("demo"), "seed").expect("seed");
        store.load().expect("load").availability
    };
    assert!(!kept.is_empty(), "the demo's closed sprints keep their team");
    {
        // The same file as schema v3 wrote it: no per-sprint availability yet (nor v5's
        // deferral columns).
        let conn = Connection::open(&path).expect("raw");
        // (and none of the later policy columns either).
        conn.execute_batch(
            "DROP TABLE sprint_availability; DROP TABLE debt_drag_history; \
             ALTER TABLE deferrals DROP COLUMN repay_by_before; \
             ALTER TABLE deferrals DROP COLUMN repay_by_after; \
             ALTER TABLE policy DROP COLUMN plan_overdue_high_risk_debt_first; \
             DROP INDEX items_by_assignee; ALTER TABLE items DROP COLUMN assignee_id; \
             ALTER TABLE items DROP COLUMN skills; ALTER TABLE members DROP COLUMN skills; \
             ALTER TABLE items DROP COLUMN blocked_by; \
             PRAGMA user_version = 3;",
        )
        .expect("downgrade");
    }
    let mut store = Store::open(&path, EXISTING).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
    let upgraded = store.load().expect("load");
    assert_eq!(upgraded.availability, kept, "the migration fills the past as seeding does");
    // v5: the deferrals from before it keep their rationale and moved no repay-by date.
    let log: Vec<_> = upgraded.items.iter().filter_map(|i| i.debt.as_ref()).flat_map(|d| &d.deferrals).collect();
    assert!(!log.is_empty() && log.iter().all(|f| f.moved.is_none() && !f.rationale.is_empty()), "{log:?}");
}

/// A database from before the "overdue high-risk debt first" option gets it on.
#[test]
fn upgrading_to_the_debt_first_policy_turns_it_on_for_existing_databases() {
    let sandbox = common::Sandbox::new();
    let path = sandbox.path("before.sqlite");
    {
        let mut store = Store::open(&path, CREATE).expect("create");
        store.seed(&demo_workspace(common::today()).expect("demo"), "seed").expect("seed");
    }
    {
        let conn = Connection::open(&path).expect("raw");
        conn.execute_batch(
            "ALTER TABLE policy DROP COLUMN plan_overdue_high_risk_debt_first; \
             DROP INDEX items_by_assignee; ALTER TABLE items DROP COLUMN assignee_id; \
             ALTER TABLE items DROP COLUMN skills; ALTER TABLE members DROP COLUMN skills; \
             ALTER TABLE items DROP COLUMN blocked_by;",
        )
        .expect("downgrade");
        conn.pragma_update(None, "user_version", 5).expect("version");
    }
    let mut store = Store::open(&path, EXISTING).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
    assert!(store.load().expect("load").policy.plan_overdue_high_risk_debt_first);
}

/// A v8 file (one team, no team columns) holding the demo: upgrading to teams keeps every
/// row, as the one team the store then has.
#[test]
fn upgrading_a_one_team_file_to_teams_keeps_every_row() {
    let sandbox = common::Sandbox::new();
    let now = sandbox.path("v9.sqlite");
    let expected = {
        let mut store = Store::open(&now, CREATE).expect("create");
        store.seed(&demo_workspace(common::today()).expect("demo"), "seed").expect("seed");
        store.load().expect("load")
    };
    // The same rows in a file built by the migrations up to v8, column by column.
    let old = sandbox.path("v8.sqlite");
    {
        let conn = Connection::open(&old).expect("raw");
        conn.pragma_update(None, "foreign_keys", false).expect("fk off");
        conn.pragma_update(None, "application_id", APPLICATION_ID).expect("mark");
        for m in &migrations::MIGRATIONS[..8] {
            conn.execute_batch(m.sql).expect(m.name);
        }
        conn.pragma_update(None, "user_version", 8).expect("version");
        conn.execute("ATTACH DATABASE ?1 AS now", [now.to_string_lossy()]).expect("attach");
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .expect("tables")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("names");
        for table in tables {
            let columns = |schema: &str| -> Vec<String> {
                conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}', '{schema}')"))
                    .expect("columns")
                    .query_map([], |r| r.get(0))
                    .expect("query")
                    .collect::<Result<_, _>>()
                    .expect("names")
            };
            let theirs = columns("now");
            let shared: Vec<String> = columns("main").into_iter().filter(|c| theirs.contains(c)).collect();
            conn.execute_batch(&format!("DELETE FROM main.{table}")).expect("empty");
            let list = shared.join(", ");
            conn.execute_batch(&format!("INSERT INTO main.{table} ({list}) SELECT {list} FROM now.{table}"))
                .unwrap_or_else(|e| panic!("copy {table}: {e}"));
        }
        conn.execute_batch("DETACH DATABASE now").expect("detach");
    }
    let mut store = Store::open(&old, EXISTING).expect("migrate");
    assert_eq!(store.schema_version().expect("version"), migrations::latest_version());
    let mut upgraded = store.load().expect("load");
    upgraded.policy.version = expected.policy.version;
    assert_eq!(upgraded, expected, "the v9 migration keeps every row");
    assert_eq!(store.teams().expect("teams").len(), 1);
    assert_eq!(store.quick_check().expect("check"), vec!["ok".to_string()]);
}
