//! `flowdeck init --team`, `flowdeck team …` and `flowdeck holiday …` on the real binary.

mod common;

use predicates::prelude::*;

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("json")
}

#[test]
fn init_sets_up_a_team_without_questions_and_refuses_a_second_time() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    sandbox
        .on(&db)
        .args(["init", "--team", "Atlas", "--sprint-days", "10", "--start", "2026-11-30"])
        .args(["--member", "Ana", "--member", "Bo Li,50%", "--member", "Cy,100%,0.6"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Set up Atlas: 3 members, Sprint 1 2026-11-30 → 2026-12-11"));
    let list = sandbox.on(&db).args(["team", "list", "--format", "json"]).output().expect("run");
    let doc = json(&list.stdout);
    assert_eq!(doc["team"], "Atlas");
    assert_eq!(doc["sprint"], "Sprint 1");
    let pd: Vec<f64> =
        doc["members"].as_array().expect("members").iter().map(|m| m["person_days"].as_f64().expect("pd")).collect();
    // 10 working days × allocation × focus (default 0.8; Cy 0.6).
    assert_eq!(pd, vec![8.0, 4.0, 6.0]);
    sandbox
        .on(&db)
        .args(["init", "--team", "Atlas"])
        .assert()
        .code(19)
        .stderr(predicate::str::contains("already has a team"));
    // Another name starts a second team in the same store, which then asks which one is meant.
    sandbox
        .on(&db)
        .args(["init", "--team", "Other"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Set up Other"));
    sandbox
        .on(&db)
        .args(["team", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Atlas").and(predicate::str::contains("--team")));
    let other = sandbox.on(&db).args(["--team", "other", "team", "list", "--format", "json"]).output().expect("run");
    let doc = json(&other.stdout);
    assert_eq!((doc["team"].as_str(), doc["members"].as_array().map(Vec::len)), (Some("Other"), Some(0)));
    sandbox
        .on(&sandbox.path("bad.sqlite"))
        .args(["init", "--team", "X", "--member", "Jo,lots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--member \"Jo,lots\"").and(predicate::str::contains("allocation 'lots'")));
}

#[test]
fn team_add_edit_off_and_remove_through_change_sets() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    sandbox.on(&db).args(["init", "--team", "Atlas", "--start", "2026-11-30", "--member", "Ana"]).assert().success();
    sandbox
        .on(&db)
        .args(["team", "add", "Bo", "--allocation", "50%"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added Bo to the team").and(predicate::str::contains("Bo")));
    sandbox
        .on(&db)
        .args(["team", "add", "bo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already on the team"));
    sandbox
        .on(&db)
        .args(["team", "edit", "Bo", "--rename", "Bo Li", "--focus", "100%"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Renamed Bo to Bo Li"));
    // A range over a weekend: only its weekdays count.
    sandbox
        .on(&db)
        .args(["team", "off", "Ana", "2026-12-04..2026-12-08"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-12-04..2026-12-08"));
    let doc = json(&sandbox.on(&db).args(["team", "list", "--format", "json"]).output().expect("run").stdout);
    assert_eq!(doc["members"][0]["days_off"].as_array().map(Vec::len), Some(3));
    assert_eq!(doc["members"][0]["person_days"].as_f64(), Some(7.0 * 0.8));
    sandbox
        .on(&db)
        .args(["team", "off", "Ana", "2027-06-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint holds 2027-06-01").and(predicate::str::contains("sprint new")));
    sandbox
        .on(&db)
        .args(["team", "off", "Zed", "2026-12-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the team is Ana, Bo Li"));
    sandbox
        .on(&db)
        .args(["team", "remove", "Bo Li"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed Bo Li"));
    let doc = json(&sandbox.on(&db).args(["team", "list", "--all", "--format", "json"]).output().expect("run").stdout);
    assert_eq!(doc["members"].as_array().map(Vec::len), Some(2), "a removed member is kept");
    assert_eq!(doc["members"][1]["left_on"], common::TODAY);
    sandbox.on(&db).args(["team", "remove", "Bo Li"]).assert().code(1).stderr(predicate::str::contains("already left"));
}

#[test]
fn a_removed_member_leaves_past_sprints_as_they_were() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let history = || sandbox.on(&db).args(["history", "--format", "json"]).output().expect("run").stdout;
    let split = || json(&sandbox.on(&db).args(["split", "--format", "json"]).output().expect("run").stdout);
    let (history_before, split_before) = (history(), split());
    sandbox.on(&db).args(["team", "remove", "Priya Raghunathan"]).assert().success();
    assert_eq!(history(), history_before, "closed sprints keep every figure");
    let pd = |doc: &serde_json::Value| doc["capacity"]["person_days"].as_f64().expect("person_days");
    assert!(pd(&split()) < pd(&split_before), "the sprint in planning loses her days");
}

#[test]
fn holidays_are_listed_added_and_removed() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    sandbox.on(&db).args(["init", "--team", "Atlas", "--start", "2026-11-30", "--member", "Ana"]).assert().success();
    sandbox.on(&db).args(["holiday"]).assert().success().stdout(predicate::str::contains("No holidays"));
    sandbox
        .on(&db)
        .args(["holiday", "add", "2026-12-08", "Company day"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-12-08 Tue  Company day  (Sprint 1)"));
    let doc = json(&sandbox.on(&db).args(["team", "list", "--format", "json"]).output().expect("run").stdout);
    assert_eq!(doc["members"][0]["person_days"].as_f64(), Some(9.0 * 0.8), "a holiday is a day fewer");
    sandbox
        .on(&db)
        .args(["holiday", "add", "2026-12-08", "Again"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already a holiday"));
    sandbox.on(&db).args(["holiday", "remove", "2026-12-08"]).assert().success();
    sandbox
        .on(&db)
        .args(["holiday", "remove", "2026-12-08"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a holiday"));
}

#[test]
fn a_new_team_is_told_its_capacity_rates_are_configured_not_measured() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    sandbox.on(&db).args(["init", "--team", "Atlas", "--start", "2026-11-30", "--member", "Ana"]).assert().success();
    sandbox.on(&db).arg("split").assert().success().stdout(
        predicate::str::contains("set capacity.points_per_person_day in config.toml")
            .and(predicate::str::contains("set capacity.unplanned_reserve in config.toml")),
    );
}
