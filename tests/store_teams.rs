//! Several teams in one store, both engines: each team has its own ids, names and keys, and
//! nothing one team reads or writes touches another's rows.

mod common;

use flowdeck::domain::{edits, Workspace};
use flowdeck::service::demo::demo_workspace;
use flowdeck::storage::{OpenMode, OpenOptions, Store, StoreError, TeamChoice};

const CREATE: OpenOptions = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 2_000 };
const EXISTING: OpenOptions = OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 2_000 };

fn demo() -> Workspace {
    demo_workspace(common::today()).expect("demo workspace")
}

fn named(name: &str) -> TeamChoice {
    TeamChoice::Named(name.to_string())
}

/// A store holding Atlas (the demo) and Borealis (the demo with its first title changed):
/// the same ids, member names and keys in both.
fn two_teams(db: &std::path::Path, engine: &str) {
    let mut atlas = Store::open_team(db, CREATE, &TeamChoice::NamedOrNew("Atlas".into()))
        .unwrap_or_else(|e| panic!("{engine}: open Atlas: {e}"));
    atlas.seed(&demo(), "seed").unwrap_or_else(|e| panic!("{engine}: seed Atlas: {e}"));
    let mut ws = demo();
    ws.items[0].title = "Borealis only".into();
    let mut borealis = Store::open_team(db, EXISTING, &TeamChoice::NamedOrNew("Borealis".into()))
        .unwrap_or_else(|e| panic!("{engine}: open Borealis: {e}"));
    borealis.seed(&ws, "seed").unwrap_or_else(|e| panic!("{engine}: seed Borealis: {e}"));
}

#[test]
fn two_teams_keep_their_own_rows_with_the_same_ids_names_and_keys() {
    let sandbox = common::Sandbox::new();
    for engine in common::engines::fresh_stores(&sandbox, "two-teams") {
        two_teams(&engine.db, engine.name);
        let mut atlas = Store::open_team(&engine.db, EXISTING, &named("Atlas")).expect("Atlas");
        let mut borealis = Store::open_team(&engine.db, EXISTING, &named("Borealis")).expect("Borealis");
        let teams: Vec<_> = atlas.teams().expect("teams").into_iter().map(|t| t.name).collect();
        assert_eq!(teams, ["Atlas", "Borealis"], "{}", engine.name);

        let a = atlas.load().expect("load Atlas");
        let b = borealis.load().expect("load Borealis");
        assert_eq!(a.items.len(), demo().items.len(), "{}: Atlas holds only its own items", engine.name);
        assert_eq!(b.items.len(), a.items.len(), "{}", engine.name);
        assert!(a.items.iter().all(|i| i.title != "Borealis only"), "{}: Borealis's title leaked", engine.name);
        assert_eq!(b.items[0].title, "Borealis only", "{}", engine.name);
        assert_eq!(a.members, b.members, "{}: the same names in both teams", engine.name);

        // The partial reads stay inside the team too.
        let (_, fields) = atlas.ranking_inputs(None).expect("ranking inputs");
        assert_eq!(fields.len(), a.candidates().count(), "{}", engine.name);
        let read = atlas.items_by_ids(&[a.items[0].id]).expect("by id");
        assert_eq!(read, vec![a.items[0].clone()], "{}: Atlas's item, not Borealis's", engine.name);
        assert_eq!(atlas.load_for_sprint().expect("sprint view").sprints, a.sprints, "{}", engine.name);
    }
}

#[test]
fn a_change_to_one_team_leaves_the_other_as_it_was() {
    let sandbox = common::Sandbox::new();
    for engine in common::engines::fresh_stores(&sandbox, "team-writes") {
        two_teams(&engine.db, engine.name);
        let mut atlas = Store::open_team(&engine.db, EXISTING, &named("Atlas")).expect("Atlas");
        let mut borealis = Store::open_team(&engine.db, EXISTING, &named("Borealis")).expect("Borealis");
        let before = atlas.load().expect("load Atlas");
        let start = atlas.data_version().expect("version");

        let ws = borealis.load().expect("load Borealis");
        let sprint = ws.current_sprint().cloned().expect("current sprint");
        let ids: Vec<_> = ws.candidates().filter(|i| !i.excluded && i.sprint.is_none()).take(3).map(|i| i.id).collect();
        let set = edits::set_plan(&ws, &sprint, &ids, "plan three").expect("set");
        let committed = borealis.apply(&set, chrono::Utc::now()).expect("save in Borealis");

        let after = atlas.load().expect("reload Atlas");
        assert_eq!(after, before, "{}: Borealis's plan changed Atlas", engine.name);
        let planned = borealis.load().expect("reload Borealis");
        for id in &ids {
            let item = planned.items.iter().find(|i| i.id == *id).expect("item");
            assert_eq!(item.sprint, Some(sprint.id), "{}: planned in Borealis", engine.name);
        }
        borealis.apply(&committed.inverse(), chrono::Utc::now()).expect("undo in Borealis");
        assert_eq!(atlas.load().expect("reload"), before, "{}: Borealis's undo changed Atlas", engine.name);
        // The store as a whole moved on, so a TUI on either team looks again.
        assert_ne!(atlas.data_version().expect("version"), start, "{}", engine.name);
    }
}

#[test]
fn a_store_of_several_teams_asks_which_and_names_them() {
    let sandbox = common::Sandbox::new();
    for engine in common::engines::fresh_stores(&sandbox, "which-team") {
        two_teams(&engine.db, engine.name);
        match Store::open_team(&engine.db, EXISTING, &TeamChoice::Only) {
            Err(e @ StoreError::TeamNeeded { .. }) => {
                let message = e.to_string();
                assert!(message.contains("Atlas") && message.contains("Borealis"), "{}: {message}", engine.name);
                assert!(message.contains("--team"), "{}: says what to do: {message}", engine.name);
            }
            other => panic!("{}: expected TeamNeeded, got {:?}", engine.name, other.err()),
        }
        match Store::open_team(&engine.db, EXISTING, &named("Cassini")) {
            Err(e @ StoreError::NoSuchTeam { .. }) => {
                assert!(e.to_string().contains("Cassini"), "{}: {e}", engine.name)
            }
            other => panic!("{}: expected NoSuchTeam, got {:?}", engine.name, other.err()),
        }
        // Case does not matter when only one team matches.
        let mut store = Store::open_team(&engine.db, EXISTING, &named("borealis")).expect("borealis");
        assert_eq!(store.load().expect("load").items[0].title, "Borealis only", "{}", engine.name);
        // A second NamedOrNew of an existing name uses it rather than making a twin.
        Store::open_team(&engine.db, EXISTING, &TeamChoice::NamedOrNew("Atlas".into())).expect("Atlas again");
        assert_eq!(store.teams().expect("teams").len(), 2, "{}", engine.name);
    }
}
