//! `flowdeck import` of an Azure DevOps "Export to CSV" through the real binary: detected by
//! its header, work item types and states mapped, `AB#ID` keys that make a second import an
//! update, and bad rows named.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn empty_db(sandbox: &Sandbox, name: &str) -> PathBuf {
    let db = sandbox.path(name);
    sandbox.flowdeck().args(["init", "--db"]).arg(&db).assert().success();
    db
}

fn items(sandbox: &Sandbox, db: &Path) -> Vec<Value> {
    let out = sandbox.on(db).args(["export", "--format", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    doc["items"].as_array().cloned().unwrap_or_default()
}

fn item(all: &[Value], key: &str) -> Value {
    all.iter().find(|i| i["key"] == key).cloned().unwrap_or_else(|| panic!("no item {key}"))
}

#[test]
fn an_azure_export_is_detected_and_its_types_states_estimates_and_dates_kept() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("azure-boards.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("(azure): 9 items created, 0 updated, 0 unchanged."))
        .stdout(predicate::str::contains("1 work item in state \"Removed\" imported as dropped"))
        .stdout(predicate::str::contains("had no created date").not());
    let all = items(&sandbox, &db);
    assert_eq!(all.len(), 9);
    // (key, kind, status, estimate, created)
    let expected = [
        ("AB#1201", "feature", "backlog", 5.0, "2026-10-01T09:10:00Z"),
        ("AB#1202", "defect", "backlog", 3.0, "2026-10-02T09:11:05Z"),
        ("AB#1203", "feature", "backlog", 8.0, "2026-11-03T14:15:07Z"),
        ("AB#1204", "feature", "done", 1.0, "2026-10-05T11:00:00Z"),
        ("AB#1205", "risk", "backlog", 0.0, "2026-10-06T08:45:30Z"),
        ("AB#1206", "feature", "dropped", 13.0, "2026-09-12T16:20:00Z"),
        ("AB#1207", "risk", "backlog", 0.0, "2026-11-16T07:05:00Z"),
        ("AB#1208", "feature", "backlog", 0.0, "2026-11-17T10:00:00Z"),
        ("AB#1209", "feature", "done", 2.0, "2026-08-30T13:30:00Z"),
    ];
    for (key, kind, status, estimate, created) in expected {
        let i = item(&all, key);
        assert_eq!(
            (i["kind"].as_str(), i["status"].as_str(), i["estimate"].as_f64(), i["created"].as_str()),
            (Some(kind), Some(status), Some(estimate), Some(created)),
            "{key}"
        );
    }
    let story = item(&all, "AB#1201");
    assert_eq!(story["title"], "Checkout: save card for later");
    assert_eq!(story["tags"], serde_json::json!(["payments", "q3-okr"]), "Tags split on ';'");
    assert_eq!(story["impact"], 4, "priority 2 starts impact at 4");
    assert_eq!(item(&all, "AB#1202")["impact"], 5, "priority 1");
    assert_eq!(item(&all, "AB#1203")["title"], "Export invoices, monthly", "Effort when Story Points is empty");
    // No estimate and an explicit 0 are told apart, both kept out of auto-fill.
    let risk = item(&all, "AB#1205");
    assert!(risk["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "unestimated")), "{risk}");
    assert_eq!(risk["excluded"], true);
    let zero = item(&all, "AB#1208");
    assert!(zero["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "zero-points")), "{zero}");
    assert!(!zero["tags"].as_array().is_some_and(|t| t.iter().any(|t| t == "unestimated")), "{zero}");
    assert_eq!(zero["excluded"], true);
    assert_eq!(zero["title"], "Show \"last paid\" date");
}

#[test]
fn importing_the_same_azure_file_again_updates_and_never_duplicates() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let file = sandbox.path("azure.csv");
    fs::copy(fixture("azure-boards.csv"), &file).expect("copy");
    sandbox.on(&db).arg("import").arg(&file).assert().success();
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated, 9 unchanged"));
    let changed = fs::read_to_string(&file)
        .expect("read")
        .replace("1202,Bug,Refund emails go out twice,Active,", "1202,Bug,Refund emails go out twice,Closed,");
    fs::write(&file, changed).expect("write");
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 items created, 1 updated, 8 unchanged"));
    let all = items(&sandbox, &db);
    assert_eq!(all.len(), 9, "no duplicates");
    assert_eq!(item(&all, "AB#1202")["status"], "done");
}

#[test]
fn a_bad_azure_row_names_its_row_and_field_and_nothing_is_imported() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let file = sandbox.path("bad.csv");
    fs::write(&file, "ID,Work Item Type,Title,State,Effort\n1,Bug,A,New,2\n2,Bug,B,New,lots\n").expect("write");
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("row 3, column \"Effort\": \"lots\" is not a number"))
        .stderr(predicate::str::contains("nothing was imported"));
    fs::write(&file, "ID,Work Item Type,Title,State\nAB-7,Bug,A,New\n").expect("write");
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("row 2, column \"ID\": \"AB-7\" is not a work item ID"));
    assert!(items(&sandbox, &db).is_empty());
}

#[test]
fn azure_types_and_states_follow_the_config_and_unknown_ones_name_the_key() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "db.sqlite");
    let config = sandbox.path("config.toml");
    fs::write(&config, "[import.azure.kinds]\nTask = \"debt\"\n\n[import.azure.states]\nParked = \"dropped\"\n")
        .expect("write");
    let file = sandbox.path("azure.csv");
    fs::write(&file, "ID,Work Item Type,Title,State\n1,Task,A,Parked\n2,Spike,B,Blocked\n").expect("write");
    sandbox
        .on(&db)
        .arg("--config")
        .arg(&config)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("work item type \"Spike\" is not in [import.azure.kinds]"))
        .stdout(predicate::str::contains("state \"Blocked\" is not in [import.azure.states]"))
        .stdout(predicate::str::contains("2 new items had no created date: dated today ("));
    let all = items(&sandbox, &db);
    assert_eq!(
        (item(&all, "AB#1")["kind"].as_str(), item(&all, "AB#1")["status"].as_str()),
        (Some("debt"), Some("dropped"))
    );
    assert_eq!(
        (item(&all, "AB#2")["kind"].as_str(), item(&all, "AB#2")["status"].as_str()),
        (Some("feature"), Some("backlog"))
    );
}

#[test]
fn an_azure_export_in_another_language_says_which_setting_to_switch_and_imports_nothing() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "team.sqlite");
    let file = fixture("azure-not-english.csv");
    for args in [vec!["import"], vec!["import", "--from", "azure"]] {
        sandbox
            .on(&db)
            .args(&args)
            .arg(&file)
            .assert()
            .code(5)
            .stderr(predicate::str::contains("Time and Locale → Preferred language → English"))
            .stderr(predicate::str::contains("nothing was imported"));
    }
    assert!(items(&sandbox, &db).is_empty());
}
