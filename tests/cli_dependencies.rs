//! Dependencies (issue 17) through the real binary: `blocked by` set and refused from the
//! command line, and auto-fill choosing a blocker for its dependant's sake.

mod common;

use predicates::prelude::*;
use serde_json::Value;

fn ok(sandbox: &common::Sandbox, db: &std::path::Path, args: &[&str]) -> String {
    let out = sandbox.on(db).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A team of one with 8 plannable points-ish and three items: the best (APP-3) waits for a
/// refactor (APP-2) worth little on its own; APP-1 is the runner-up.
fn team(sandbox: &common::Sandbox) -> std::path::PathBuf {
    let db = sandbox.path("team.sqlite");
    ok(sandbox, &db, &["init", "--team", "Lyra"]);
    ok(sandbox, &db, &["team", "add", "Dana"]);
    let add = |key: &str, kind: &str, estimate: &str, impact: &str| {
        ok(
            sandbox,
            &db,
            &[
                "item",
                "add",
                "--key",
                key,
                "--title",
                key,
                "--kind",
                kind,
                "--estimate",
                estimate,
                "--impact",
                impact,
                "--risk",
                "1",
                "--ttv",
                "3",
            ],
        );
    };
    add("APP-1", "debt", "3", "3");
    add("APP-2", "debt", "3", "1");
    add("APP-3", "feature", "3", "5");
    db
}

#[test]
fn blockers_are_set_by_key_shown_and_a_cycle_is_refused_naming_the_items() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    ok(&sandbox, &db, &["item", "edit", "APP-3", "--blocked-by", "app-2"]);
    let shown = ok(&sandbox, &db, &["item", "show", "APP-3"]);
    assert!(shown.contains("blocked by     APP-2"), "{shown}");

    sandbox
        .on(&db)
        .args(["item", "edit", "APP-2", "--blocked-by", "APP-3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("APP-2 waits for APP-3, which waits for APP-2"));
    sandbox
        .on(&db)
        .args(["item", "edit", "APP-2", "--blocked-by", "APP-9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no item APP-9"));
    assert!(ok(&sandbox, &db, &["item", "show", "APP-2"]).contains("blocked by     —"), "nothing saved");

    // "" removes them.
    ok(&sandbox, &db, &["item", "edit", "APP-3", "--blocked-by", ""]);
    assert!(ok(&sandbox, &db, &["item", "show", "APP-3"]).contains("blocked by     —"));
}

#[test]
fn auto_fill_brings_the_blocker_for_its_dependants_sake_and_says_so() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    let plan = |sandbox: &common::Sandbox| -> Value {
        let out = sandbox.on(&db).args(["plan", "auto", "--format", "json"]).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let keys = |doc: &Value| -> Vec<String> {
        let mut k: Vec<String> =
            doc["chosen"].as_array().expect("chosen").iter().map(|c| c["key"].as_str().unwrap_or("").into()).collect();
        k.sort();
        k
    };
    let capacity = plan(&sandbox)["capacity_points"].as_f64().expect("capacity");
    assert!((6.0..9.0).contains(&capacity), "two 3-point items fit, three do not: {capacity}");
    assert_eq!(keys(&plan(&sandbox)), ["APP-1", "APP-3"], "without links: the two best");

    ok(&sandbox, &db, &["item", "edit", "APP-3", "--blocked-by", "APP-2"]);
    let linked = plan(&sandbox);
    assert_eq!(keys(&linked), ["APP-2", "APP-3"], "APP-3 and what it waits for beat APP-1");
    let blocker = linked["chosen"].as_array().expect("chosen").iter().find(|c| c["key"] == "APP-2").expect("APP-2");
    assert_eq!(blocker["unblocks"][0], "APP-3");
    let text = ok(&sandbox, &db, &["plan", "auto"]);
    assert!(text.contains("[unblocks APP-3]"), "{text}");

    // When the blocker is out of reach (excluded), the dependant says what it waits for.
    ok(&sandbox, &db, &["item", "edit", "APP-2", "--exclude"]);
    let text = ok(&sandbox, &db, &["plan", "auto"]);
    assert!(text.contains("blocked by APP-2, which cannot be planned now"), "{text}");
    assert!(!text.contains("  APP-3 "), "APP-3 is not chosen: {text}");
}
