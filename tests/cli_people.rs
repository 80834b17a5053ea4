//! Who does what (issue 17) through the real binary: assignees and skills from the command
//! line and from tracker files, and each member's load in `split`.

mod common;

use std::fs;

use predicates::prelude::*;
use serde_json::Value;

fn ok(sandbox: &common::Sandbox, db: &std::path::Path, args: &[&str]) -> String {
    let out = sandbox.on(db).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(sandbox: &common::Sandbox, db: &std::path::Path, args: &[&str]) -> Value {
    let out = sandbox.on(db).args(args).output().expect("run");
    assert!(out.status.success() || out.status.code() == Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A team of two in its first sprint: Dana (iOS) full time, Eli half time.
fn team(sandbox: &common::Sandbox) -> std::path::PathBuf {
    let db = sandbox.path("team.sqlite");
    ok(sandbox, &db, &["init", "--team", "Lyra"]);
    ok(sandbox, &db, &["team", "add", "Dana Scully", "--skills", "iOS, payments-db"]);
    ok(sandbox, &db, &["team", "add", "Eli", "--allocation", "50%"]);
    db
}

#[test]
fn assignees_and_skills_are_set_shown_and_checked() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    let listed = ok(&sandbox, &db, &["team", "list"]);
    assert!(listed.contains("ios, payments-db"), "skills are kept lower-case, once: {listed}");

    ok(&sandbox, &db, &["item", "add", "--key", "APP-1", "--title", "Apple Pay sheet", "--estimate", "3"]);
    ok(&sandbox, &db, &["item", "edit", "APP-1", "--assignee", "dana scully", "--skills", "ios"]);
    let shown = ok(&sandbox, &db, &["item", "show", "APP-1"]);
    assert!(shown.contains("assignee       Dana Scully") && shown.contains("skills         ios"), "{shown}");
    let doc = json(&sandbox, &db, &["item", "show", "APP-1", "--format", "json"]);
    assert_eq!((doc["assignee"].as_str(), doc["skills"][0].as_str()), (Some("Dana Scully"), Some("ios")));

    // Someone not on the team is refused with the names that are.
    sandbox
        .on(&db)
        .args(["item", "edit", "APP-1", "--assignee", "Zed"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--assignee: no member named Zed; the team: Dana Scully, Eli"));
    // "" unassigns.
    ok(&sandbox, &db, &["item", "edit", "APP-1", "--assignee", ""]);
    assert!(ok(&sandbox, &db, &["item", "show", "APP-1"]).contains("assignee       —"));
}

#[test]
fn split_shows_each_members_share_and_who_is_over() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    // Work for Eli beyond a half-timer's share, planned into the sprint.
    for (key, points, who) in [("W-1", "5", "Eli"), ("W-2", "3", "Eli"), ("W-3", "2", "Dana Scully"), ("W-4", "1", "")]
    {
        ok(&sandbox, &db, &["item", "add", "--key", key, "--title", key, "--estimate", points, "--assignee", who]);
    }
    let split = json(&sandbox, &db, &["split", "--format", "json"]);
    let plannable = split["capacity"]["plannable"].as_f64().expect("plannable");
    assert!(split["people"]["members"].as_array().is_some_and(|m| m.iter().all(|p| p["assigned"] == 0.0)));

    ok(&sandbox, &db, &["plan", "auto", "--apply"]);
    let split = json(&sandbox, &db, &["split", "--format", "json"]);
    let people = split["people"]["members"].as_array().expect("members");
    let share = |name: &str| people.iter().find(|p| p["name"] == name).and_then(|p| p["share"].as_f64());
    // Shares follow person-days: Dana works twice Eli's days, so gets two thirds.
    let (dana, eli) = (share("Dana Scully").expect("Dana"), share("Eli").expect("Eli"));
    assert!((dana + eli - plannable).abs() < 0.01 && (dana - 2.0 * eli).abs() < 0.01, "{dana} {eli} of {plannable}");
    let planned: Vec<&str> =
        split["guardrails"].as_array().expect("list").iter().filter_map(|g| g["id"].as_str()).collect();
    let eli_load = people.iter().find(|p| p["name"] == "Eli").and_then(|p| p["assigned"].as_f64()).expect("load");
    assert_eq!(eli_load > eli, planned.contains(&"person-over:Eli"), "{planned:?}: Eli {eli_load} of {eli}");

    let text = ok(&sandbox, &db, &["split"]);
    assert!(text.contains("Who does what") && text.contains("unassigned"), "{text}");
    let md = ok(&sandbox, &db, &["split", "--format", "md"]);
    assert!(md.contains("### Who does what") && md.contains("| Dana Scully |"), "{md}");
    // The brief: who does each planned item, and the same load table under the split.
    let brief = ok(&sandbox, &db, &["export", "--format", "md"]);
    assert!(brief.contains("| Item | Kind | Who |") && brief.contains("| Eli |"), "{brief}");
    assert!(brief.contains("### Who does what"), "{brief}");
}

#[test]
fn a_skill_nobody_in_the_sprint_has_is_flagged() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    ok(
        &sandbox,
        &db,
        &["item", "add", "--key", "A-1", "--title", "Android widget", "--estimate", "2", "--skills", "android"],
    );
    ok(
        &sandbox,
        &db,
        &[
            "item",
            "add",
            "--key",
            "A-2",
            "--title",
            "iOS widget",
            "--estimate",
            "2",
            "--skills",
            "ios",
            "--assignee",
            "Eli",
        ],
    );
    ok(&sandbox, &db, &["plan", "auto", "--apply"]);
    let text = ok(&sandbox, &db, &["split"]);
    assert!(text.contains("A-1 needs android and nobody working in this sprint has it."), "{text}");
    assert!(text.contains("A-2 needs ios, which Eli (assigned) does not have."), "{text}");
}

#[test]
fn tracker_assignees_become_members_by_name_or_by_the_people_table() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    let jira = sandbox.path("jira.csv");
    fs::write(
        &jira,
        "Summary,Issue key,Issue Type,Status,Assignee,Custom field (Story Points)\n\
         Apple Pay sheet,PAY-1,Story,To Do,Dana Scully,3\n\
         Refund bug,PAY-2,Bug,To Do,Zed Zee,2\n\
         Ledger bug,PAY-3,Bug,To Do,,1\n",
    )
    .expect("write");
    let out = sandbox.on(&db).args(["import"]).arg(&jira).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("assignees not on the team, left unassigned: Zed Zee (1 item)"), "{report}");
    let who = |key: &str| json(&sandbox, &db, &["item", "show", key, "--format", "json"])["assignee"].clone();
    assert_eq!(who("PAY-1"), "Dana Scully");
    assert_eq!(who("PAY-2"), Value::Null);

    // A GitHub login mapped in [import.people]; an empty cell later never unassigns.
    ok(&sandbox, &db, &["item", "edit", "PAY-3", "--assignee", "Eli"]);
    let config = sandbox.path("config.toml");
    fs::write(&config, "[import.people]\n\"zzee\" = \"Eli\"\n").expect("write");
    let gh = sandbox.path("issues.json");
    fs::write(
        &gh,
        r#"[{"number": 7, "title": "Dark mode", "state": "OPEN", "labels": [],
             "url": "https://github.com/acme/shop/issues/7",
             "assignees": [{"login": "zzee", "name": "Zed Zee"}, {"login": "dana"}]}]"#,
    )
    .expect("write");
    let out = sandbox.on(&db).arg("--config").arg(&config).arg("import").arg(&gh).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("several assignees: flowdeck keeps the first, not dana"), "{report}");
    assert_eq!(who("acme/shop#7"), "Eli");
    ok(&sandbox, &db, &["import", jira.to_str().expect("utf-8")]);
    assert_eq!(who("PAY-3"), "Eli", "an empty Assignee cell keeps the one set in flowdeck");
}

#[test]
fn auto_fill_can_propose_assignees_within_each_share_and_save_them() {
    let sandbox = common::Sandbox::new();
    let db = team(&sandbox);
    // Small items a team of two can share out without anyone over; one needs iOS (Dana only).
    for (key, points, skills) in [("S-1", "2", "ios"), ("S-2", "2", ""), ("S-3", "1", ""), ("S-4", "1", "")] {
        ok(&sandbox, &db, &["item", "add", "--key", key, "--title", key, "--estimate", points, "--skills", skills]);
    }
    let proposal = json(&sandbox, &db, &["plan", "auto", "--assign", "--format", "json"]);
    let assign = &proposal["assign"];
    assert_eq!(assign["exact"], true);
    assert_eq!(assign["over"].as_array().map(Vec::len), Some(0), "{assign}");
    let proposed = assign["proposed"].as_array().expect("proposed");
    assert_eq!(proposed.len(), 4, "{assign}");
    let s1 = proposed.iter().find(|p| p["key"] == "S-1").expect("S-1");
    assert_eq!(s1["assignee"], "Dana Scully", "only Dana has ios");
    // Nothing saved without --apply; with it, plan and assignees both.
    assert_eq!(json(&sandbox, &db, &["item", "show", "S-1", "--format", "json"])["assignee"], Value::Null);
    ok(&sandbox, &db, &["plan", "auto", "--assign", "--apply"]);
    assert_eq!(json(&sandbox, &db, &["item", "show", "S-1", "--format", "json"])["assignee"], "Dana Scully");
    let split = json(&sandbox, &db, &["split", "--format", "json"]);
    assert_eq!(split["people"]["unassigned"]["items"], 0, "{}", split["people"]);
    assert!(!split["guardrails"].as_array().expect("list").iter().any(|g| g["rule"] == "person-over"));
}
