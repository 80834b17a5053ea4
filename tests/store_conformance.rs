//! One conformance suite, both engines: every test runs against a fresh SQLite file and a
//! fresh PostgreSQL database (when FLOWDECK_TEST_PG names a server; see tests/common/engines.rs)
//! and asserts the same behaviour — the workspace saved is the workspace read, a stale change is
//! refused whole, others' commits are noticed and our own are not.

mod common;

use flowdeck::domain::change::{Change, ChangeSet};
use flowdeck::domain::{edits, Holiday, Workspace};
use flowdeck::service::demo::demo_workspace;
use flowdeck::storage::{OpenMode, OpenOptions, Store, StoreError};

const CREATE: OpenOptions = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 2_000 };
const EXISTING: OpenOptions = OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 2_000 };

fn demo() -> Workspace {
    demo_workspace(common::today()).expect("demo workspace")
}

/// A fresh store of each engine, seeded with the demo team.
fn seeded(sandbox: &common::Sandbox, test: &str) -> Vec<(common::engines::Engine, Store)> {
    common::engines::fresh_stores(sandbox, test)
        .into_iter()
        .map(|engine| {
            let mut store = Store::open(&engine.db, CREATE).unwrap_or_else(|e| panic!("{}: open: {e}", engine.name));
            store.seed(&demo(), "seed").unwrap_or_else(|e| panic!("{}: seed: {e}", engine.name));
            (engine, store)
        })
        .collect()
}

#[test]
fn a_new_store_is_empty_at_the_latest_schema_and_must_be_created_first() {
    let sandbox = common::Sandbox::new();
    for engine in common::engines::fresh_stores(&sandbox, "new-store") {
        match Store::open(&engine.db, EXISTING) {
            Err(StoreError::NotFound { .. }) => {}
            Err(other) => panic!("{}: expected NotFound, got {other}", engine.name),
            Ok(_) => panic!("{}: an empty store opened without being created", engine.name),
        }
        let mut store = Store::open(&engine.db, CREATE).expect("create");
        assert!(store.schema_version().expect("version") >= 1, "{}", engine.name);
        let ws = store.load().expect("load");
        assert!(ws.items.is_empty() && ws.members.is_empty() && ws.sprints.is_empty(), "{}", engine.name);
        assert_eq!(ws.policy.targets, Workspace::default().policy.targets, "{}: default policy", engine.name);
        // Opening again finds it created, without migrating twice.
        let again = Store::open(&engine.db, EXISTING).expect("reopen");
        assert_eq!(again.schema_version().expect("version"), store.schema_version().expect("version"));
    }
}

#[test]
fn the_workspace_seeded_is_the_workspace_loaded_and_a_second_seed_is_refused() {
    let sandbox = common::Sandbox::new();
    let mut expected = demo();
    // Stores hand days off back by sprint, member and date.
    expected.days_off.sort_by_key(|d| (d.sprint, d.member, d.date));
    let mut loaded = Vec::new();
    for (engine, mut store) in seeded(&sandbox, "seed") {
        let mut ws = Store::open(&engine.db, EXISTING).expect("reopen").load().expect("load");
        // The policy row keeps the store's own version counter.
        ws.policy.version = expected.policy.version;
        assert_eq!(ws.items, expected.items, "{}: items", engine.name);
        assert_eq!(ws.members, expected.members, "{}: members", engine.name);
        assert_eq!(ws.sprints, expected.sprints, "{}: sprints", engine.name);
        assert_eq!(ws.entries, expected.entries, "{}: plan snapshots", engine.name);
        assert_eq!(ws.holidays, expected.holidays, "{}: holidays", engine.name);
        assert_eq!(ws.days_off, expected.days_off, "{}: days off", engine.name);
        assert_eq!(ws.policy, expected.policy, "{}: policy", engine.name);
        match store.seed(&expected, "restore") {
            Err(StoreError::NotEmpty { action, .. }) => assert_eq!(action, "restore"),
            other => panic!("{}: expected NotEmpty, got {:?}", engine.name, other.err()),
        }
        loaded.push((engine.name, ws));
    }
    // Both engines hold the same workspace, availability snapshots included.
    if let [(_, sqlite), (_, pg)] = &loaded[..] {
        assert_eq!(sqlite, pg, "the engines disagree about the same seed");
    }
}

#[test]
fn a_saved_set_reads_back_and_its_inverse_restores_the_store() {
    let sandbox = common::Sandbox::new();
    for (engine, mut store) in seeded(&sandbox, "apply") {
        let ws = store.load().expect("load");
        let sprint = ws.current_sprint().cloned().expect("current sprint");
        let ids: Vec<_> = ws.candidates().filter(|i| !i.excluded).take(5).map(|i| i.id).collect();
        let set = edits::set_plan(&ws, &sprint, &ids, "plan five").expect("set");
        let committed = store.apply(&set, chrono::Utc::now()).expect("save");
        let after = Store::open(&engine.db, EXISTING).expect("reopen").load().expect("load");
        for id in &ids {
            let item = after.items.iter().find(|i| i.id == *id).expect("item");
            assert_eq!(item.sprint, Some(sprint.id), "{}: item {id:?} planned", engine.name);
        }
        store.apply(&committed.inverse(), chrono::Utc::now()).expect("undo");
        let restored = store.load().expect("load");
        for id in &ids {
            let before = ws.items.iter().find(|i| i.id == *id).expect("item");
            let now = restored.items.iter().find(|i| i.id == *id).expect("item");
            assert_eq!((now.status, now.sprint), (before.status, before.sprint), "{}: undone", engine.name);
        }
    }
}

#[test]
fn a_stale_change_is_refused_and_nothing_of_its_set_is_written() {
    let sandbox = common::Sandbox::new();
    for (engine, mut theirs) in seeded(&sandbox, "stale") {
        let mut ours = Store::open(&engine.db, EXISTING).expect("second connection");
        let ws = ours.load().expect("load");
        let member = ws.members[0].clone();

        let mut renamed = member.clone();
        renamed.name = "Their Name".into();
        theirs
            .apply(&ChangeSet::new("rename", vec![Change::member(member.clone(), renamed)]), chrono::Utc::now())
            .expect("theirs");

        // Ours adds a holiday and changes the same member from the stale copy.
        let mut stale = member.clone();
        stale.allocation = 0.5;
        let holiday =
            Holiday { date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"), name: "Eve".into() };
        let set = ChangeSet::new(
            "ours",
            vec![Change::Holiday { before: None, after: Some(holiday.clone()) }, Change::member(member, stale)],
        );
        match ours.apply(&set, chrono::Utc::now()) {
            Err(StoreError::Conflict { .. }) => {}
            other => panic!("{}: expected a conflict, got {:?}", engine.name, other.err()),
        }
        let now = ours.load().expect("load");
        assert!(!now.holidays.contains(&holiday), "{}: half a set was written", engine.name);
        assert_eq!(now.members[0].name, "Their Name", "{}: their change stands", engine.name);
        assert_eq!(now.members[0].allocation, ws.members[0].allocation, "{}", engine.name);
    }
}

#[test]
fn another_connections_commit_is_noticed_and_our_own_is_not() {
    let sandbox = common::Sandbox::new();
    for (engine, mut writer) in seeded(&sandbox, "notice") {
        let mut watcher = Store::open(&engine.db, EXISTING).expect("watcher");
        let start = watcher.data_version().expect("version");
        assert_eq!(watcher.data_version().expect("version"), start, "{}: nothing happened", engine.name);

        let ws = writer.load().expect("load");
        let item = ws.items.iter().find(|i| !i.excluded && i.debt.is_none()).expect("item").clone();
        let set = edits::toggle_excluded(&ws, item.id).expect("set");
        writer.apply(&set, chrono::Utc::now()).expect("save");
        let own = writer.data_version().expect("writer's version");
        assert!(noticed(&mut watcher, start), "{}: a commit went unnoticed", engine.name);

        // The writer's own commit does not look like someone else's.
        let ws = writer.load().expect("load");
        writer.apply(&edits::toggle_excluded(&ws, item.id).expect("set"), chrono::Utc::now()).expect("save");
        assert_eq!(writer.data_version().expect("writer's version"), own, "{}: own commit noticed", engine.name);
    }
}

/// Whether `store`'s data version moves past `start` within five seconds: PostgreSQL delivers
/// a notification to other sessions a moment after the commit returns, and the TUI polls on
/// every tick, so "soon" is what a user sees.
fn noticed(store: &mut Store, start: i64) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        if store.data_version().expect("version") != start {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

#[test]
fn the_partial_reads_agree_with_the_whole_load() {
    let sandbox = common::Sandbox::new();
    for (engine, mut store) in seeded(&sandbox, "partial") {
        let whole = store.load().expect("load");
        let (policy, fields) = store.ranking_inputs(None).expect("ranking inputs");
        assert_eq!(policy.weights, whole.policy.weights, "{}", engine.name);
        let mut ids: Vec<_> = fields.iter().map(|f| f.id).collect();
        ids.sort();
        let mut candidates: Vec<_> = whole.candidates().map(|i| i.id).collect();
        candidates.sort();
        assert_eq!(ids, candidates, "{}: the ranking reads the candidates", engine.name);

        let some: Vec<_> = whole.items.iter().filter(|i| i.debt.is_some()).take(3).map(|i| i.id).collect();
        let read = store.items_by_ids(&some).expect("items by id");
        let expected: Vec<_> = whole.items.iter().filter(|i| some.contains(&i.id)).cloned().collect();
        assert_eq!(read, expected, "{}: items read by id, debt details and all", engine.name);

        let sprint_view = store.load_for_sprint().expect("sprint load");
        assert_eq!(sprint_view.sprints, whole.sprints, "{}", engine.name);
        assert!(sprint_view.items.iter().all(|i| whole.items.contains(i)), "{}", engine.name);
        assert_eq!(store.quick_check().expect("check"), vec!["ok".to_string()], "{}", engine.name);
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let Some(server) = common::engines::postgres_server("newer-schema") else { return };
    let db = common::engines::fresh_postgres(&server);
    drop(Store::open(&db, CREATE).expect("create"));
    let url = db.to_str().expect("utf-8");
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client.batch_execute("INSERT INTO flowdeck_schema (version, name) VALUES (999, 'from the future')").expect("bump");
    match Store::open(&db, EXISTING) {
        Err(StoreError::NewerSchema { found: 999, .. }) => {}
        other => panic!("expected NewerSchema, got {:?}", other.err()),
    }
}

#[test]
fn another_applications_tables_are_left_alone() {
    let Some(server) = common::engines::postgres_server("foreign-tables") else { return };
    let db = common::engines::fresh_postgres(&server);
    let url = db.to_str().expect("utf-8");
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client.batch_execute("CREATE TABLE invoices (id BIGINT PRIMARY KEY)").expect("their table");
    match Store::open(&db, CREATE) {
        Err(StoreError::ForeignTables { .. }) => {}
        other => panic!("expected ForeignTables, got {:?}", other.err()),
    }
    let tables: i64 = client
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", &[])
        .and_then(|r| r.try_get(0))
        .expect("count");
    assert_eq!(tables, 1, "flowdeck created tables beside another application's");
}

#[test]
fn an_unreachable_server_is_named_with_what_to_do() {
    // Port 1 on loopback: nothing listens there.
    let db = std::path::PathBuf::from("postgresql://someone:secret@127.0.0.1:1/flowdeck");
    let message = match Store::open(&db, EXISTING) {
        Err(e @ StoreError::Server { .. }) => e.to_string(),
        other => panic!("expected Server, got {:?}", other.err()),
    };
    assert!(message.contains("postgresql://someone@127.0.0.1:1/flowdeck"), "{message}");
    assert!(!message.contains("secret"), "the password is shown: {message}");
    assert!(message.contains("FLOWDECK_DB"), "{message}");
}

#[test]
fn a_batch_of_new_items_with_a_taken_key_is_refused_whole() {
    let sandbox = common::Sandbox::new();
    for (engine, mut store) in seeded(&sandbox, "batch") {
        let ws = store.load().expect("load");
        let taken = ws.items.iter().find_map(|i| i.key.clone()).expect("an item with a key");
        // Forty new items (a batch: PostgreSQL writes it by COPY), the last with a taken key.
        let template = ws.items.iter().find(|i| i.debt.is_none()).expect("item").clone();
        let changes: Vec<Change> = (0..40)
            .map(|n| {
                let mut item = template.clone();
                item.id = flowdeck::domain::ItemId(0);
                item.key = Some(if n == 39 { taken.clone() } else { format!("NEW-{n}") });
                item.title = format!("New item {n}");
                Change::item(None, Some(item))
            })
            .collect();
        match store.apply_owned(ChangeSet::new("import", changes.clone()), chrono::Utc::now()) {
            Err(StoreError::Conflict { .. }) => {}
            other => panic!("{}: expected a conflict, got {:?}", engine.name, other.err()),
        }
        assert_eq!(store.load().expect("load").items.len(), ws.items.len(), "{}: half a batch", engine.name);

        // Without the taken key the batch goes in whole, with ids past every existing one.
        let mut changes = changes;
        changes.pop();
        let committed = store.apply_owned(ChangeSet::new("import", changes), chrono::Utc::now()).expect("save");
        let top = ws.items.iter().map(|i| i.id.0).max().unwrap_or(0);
        let ids: Vec<i64> = committed
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Item { after: Some(a), .. } => Some(a.id.0),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ((top + 1)..=(top + 39)).collect::<Vec<_>>(), "{}: consecutive new ids", engine.name);
        let after = Store::open(&engine.db, EXISTING).expect("reopen").load().expect("load");
        assert_eq!(after.items.len(), ws.items.len() + 39, "{}", engine.name);
        let stored = after.items.iter().find(|i| i.key.as_deref() == Some("NEW-7")).expect("stored");
        let expected = committed
            .changes
            .iter()
            .find_map(|c| match c {
                Change::Item { after: Some(a), .. } if a.key.as_deref() == Some("NEW-7") => Some(a.clone()),
                _ => None,
            })
            .expect("committed");
        assert_eq!(stored, &expected, "{}: the stored item is the committed one", engine.name);
    }
}
