//! Change sets against the real store: one transaction each, refused whole when another
//! process changed a row first, and undone by their inverse.

mod common;

use flowdeck::domain::change::{Change, ChangeSet};
use flowdeck::domain::edits;
use flowdeck::domain::Holiday;
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions, StoreError};

fn open(db: &std::path::Path) -> Session {
    Session::open(db, OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 500 }).expect("open")
}

#[test]
fn a_set_is_saved_whole_and_its_inverse_restores_the_file() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("changes.sqlite");
    let mut session = open(&db);
    let ws = session.workspace().clone();
    let sprint = ws.current_sprint().cloned().expect("sprint");
    let ids: Vec<_> = ws.candidates().filter(|i| !i.excluded).take(5).map(|i| i.id).collect();
    let set = edits::set_plan(&ws, &sprint, &ids, "plan five").expect("set");
    let committed = session.apply(&set).expect("save");

    let reopened = open(&db);
    assert_eq!(reopened.workspace(), session.workspace(), "memory and file agree after a save");

    session.apply(&committed.inverse()).expect("undo");
    let mut restored = open(&db).workspace().clone();
    let mut original = ws.clone();
    // Versions and timestamps move on; everything a user sees is back.
    for w in [&mut restored, &mut original] {
        for i in &mut w.items {
            i.version = 0;
            i.updated = i.created;
        }
    }
    assert_eq!(restored, original);
}

#[test]
fn a_stale_change_is_refused_and_nothing_of_its_set_is_written() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("stale.sqlite");
    let mut ours = open(&db);
    let mut theirs = open(&db);
    let ws = ours.workspace().clone();
    let member = ws.members[0].clone();

    // They rename the member first.
    let mut renamed = member.clone();
    renamed.name = "Their Name".into();
    theirs.apply(&ChangeSet::new("rename", vec![Change::member(member.clone(), renamed)])).expect("theirs");

    // Our set adds a holiday and changes the same member from the stale copy.
    let mut ours_member = member.clone();
    ours_member.allocation = 0.5;
    let holiday = Holiday { date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"), name: "Eve".into() };
    let set = ChangeSet::new(
        "ours",
        vec![Change::Holiday { before: None, after: Some(holiday) }, Change::member(member, ours_member)],
    );
    let err = ours.apply(&set).expect_err("stale member");
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert!(err.to_string().contains("Priya Raghunathan"), "names what changed: {err}");

    let now = open(&db).workspace().clone();
    assert_eq!(now.members[0].name, "Their Name", "their change stands");
    assert!((now.members[0].allocation - 1.0).abs() < 1e-9, "ours was not written");
    assert!(!now.holidays.iter().any(|h| h.name == "Eve"), "and neither was the rest of our set");
    assert_eq!(ours.workspace().members[0].name, "Their Name", "the refused session reloaded");
}

#[test]
fn days_off_and_policy_are_checked_against_what_the_file_holds() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("daysoff.sqlite");
    let mut ours = open(&db);
    let mut theirs = open(&db);
    let ws = ours.workspace().clone();
    let sprint = ws.current_sprint().expect("sprint").id;
    let member = ws.members[1].id;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let add = |before: Vec<chrono::NaiveDate>| {
        ChangeSet::new("days off", vec![Change::DaysOff { member, sprint, before, after: vec![day] }])
    };
    theirs.apply(&add(vec![])).expect("theirs");
    assert!(matches!(ours.apply(&add(vec![])), Err(StoreError::Conflict { .. })));

    let mut policy = ws.policy.clone();
    policy.tolerance = 10;
    let change = ChangeSet::new("policy", vec![Change::policy(ws.policy.clone(), policy)]);
    theirs.apply(&change).expect("theirs");
    assert!(matches!(ours.apply(&change), Err(StoreError::Conflict { .. })));
}

#[test]
fn new_items_get_the_next_id_and_deleting_them_undoes_cleanly() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("new.sqlite");
    let mut session = open(&db);
    let ws = session.workspace().clone();
    let mut item = ws.items[0].clone();
    item.id = flowdeck::domain::ItemId(0);
    item.key = Some("PAY-9999".into());
    item.title = "Brand new".into();
    let committed = session.apply(&edits::save_item(&ws, item)).expect("create");
    let max = ws.items.iter().map(|i| i.id.0).max().unwrap_or(0);
    let created = committed.changes[0].item_id().expect("an item");
    assert_eq!(created.0, max + 1);
    assert!(open(&db).workspace().item(created).is_some());
    session.apply(&committed.inverse()).expect("undo create");
    assert!(open(&db).workspace().item(created).is_none());
}
