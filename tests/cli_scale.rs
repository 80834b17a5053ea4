//! Generated data through the real binary: `flowdeck dev gen` builds a realistic database (and
//! the same items for Taskwarrior), and the short ranking that reads only what it shows gives
//! exactly the order of the full ranking.

mod common;

use serde_json::Value;

#[test]
fn a_generated_database_ranks_the_same_through_the_lean_and_the_full_path() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("gen.sqlite");
    let tasks = sandbox.path("tasks.json");
    sandbox
        .on(&db)
        .args(["dev", "gen", "--items", "3000", "--seed", "5", "--taskwarrior"])
        .arg(&tasks)
        .assert()
        .success();
    let rank = |extra: &[&str]| -> Vec<Value> {
        let out = sandbox.on(&db).args(["rank", "--format", "json"]).args(extra).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("json")
    };
    let full = rank(&[]);
    assert!(full.len() > 2900, "almost every generated item is a candidate");
    let lean = rank(&["--limit", "25"]);
    assert_eq!(lean[..], full[..25], "the lean path keeps the exact order and every field");
    let debts = rank(&["--limit", "5", "--kind", "debt"]);
    let all_debts = rank(&["--kind", "debt"]);
    assert_eq!(debts[..], all_debts[..5]);
    assert!(debts.iter().all(|d| d["kind"] == "debt"));

    // History for calibration: the split takes points per person-day from the closed sprints.
    let split = sandbox.on(&db).args(["split", "--format", "json"]).output().expect("split");
    let split: Value = serde_json::from_slice(&split.stdout).expect("json");
    assert_eq!(split["capacity"]["points_per_person_day_source"]["kind"], "history");

    // A big backlog's auto-fill names a hundred of what it left out per reason, and the JSON
    // every one of them.
    let text = sandbox.on(&db).args(["plan", "auto"]).output().expect("plan");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let line = text.lines().find(|l| l.contains("no room left in the capacity")).expect("a no-room line");
    assert!(line.ends_with("more (--format json lists every one)"), "{line}");
    assert_eq!(line.matches("GEN-").count(), 100, "{line}");
    let json = sandbox.on(&db).args(["plan", "auto", "--format", "json"]).output().expect("plan json");
    let json: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(json["cut"].as_array().is_some_and(|c| c.len() > 2800));

    let tasks: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&tasks).expect("tasks")).expect("array");
    assert!(tasks.len() > 2900 && tasks.iter().all(|t| t["uuid"].as_str().is_some_and(|u| u.len() == 36)));
}

#[test]
fn dev_gen_needs_a_database_path_and_refuses_one_with_data() {
    let sandbox = common::Sandbox::new();
    sandbox.flowdeck().args(["dev", "gen", "--items", "10"]).assert().code(2);
    let db = sandbox.demo_db("demo.sqlite");
    sandbox.on(&db).args(["dev", "gen", "--items", "10"]).assert().code(19);
}
