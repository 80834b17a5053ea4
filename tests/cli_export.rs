//! `flowdeck export --format jira-csv`: a planned sprint back to Jira, through the real binary
//! on a real SQLite file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// The Jira sample imported, a three-person team and `plan auto` on a new sprint.
fn planned_jira_db(sandbox: &Sandbox) -> PathBuf {
    let db = sandbox.path("db.sqlite");
    sandbox.flowdeck().args(["init", "--db"]).arg(&db).assert().success();
    sandbox.on(&db).arg("import").arg(fixture("jira-export.csv")).assert().success();
    for name in ["Ana", "Ben", "Chen"] {
        sandbox.on(&db).args(["team", "add", name]).assert().success();
    }
    sandbox.on(&db).args(["sprint", "new"]).assert().success();
    sandbox.on(&db).args(["plan", "auto", "--apply"]).assert().success();
    db
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("utf-8")
}

#[test]
fn a_planned_sprint_goes_back_as_jira_csv_and_re_imports_unchanged() {
    let sandbox = Sandbox::new();
    let db = planned_jira_db(&sandbox);
    let out = sandbox.on(&db).args(["export", "--format", "jira-csv", "--sprint", "current"]).assert().success();
    let text = stdout(&out);

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(
        header[..5],
        ["Issue key", "Summary", "Issue Type", "Custom field (Story Points)", "Sprint"].map(String::from)
    );
    assert!(header[5..].iter().all(|h| h == "Labels") && header.len() == 7, "{header:?}");
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("row").iter().map(str::to_string).collect()).collect();
    let row = |key: &str| rows.iter().find(|r| r[0] == key).unwrap_or_else(|| panic!("no {key} in\n{text}"));
    // What `plan auto` chose for three people: the keys, types and points Jira will get.
    let mut keys: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["PAY-101", "PAY-103", "PAY-104", "PAY-108", "PAY-112"], "{text}");
    assert_eq!(row("PAY-101")[1..], ["Checkout: save card for later", "Story", "5", "Sprint 1", "payments", "q3-okr"]);
    assert_eq!((row("PAY-103")[2].as_str(), row("PAY-103")[3].as_str()), ("Tech Debt", "8"));
    assert_eq!(row("PAY-112")[2], "Bug");
    assert!(rows.iter().all(|r| r[4] == "Sprint 1"), "{text}");

    let by_name = sandbox.on(&db).args(["export", "--format", "jira-csv", "--sprint", "sprint 1"]).assert().success();
    assert_eq!(stdout(&by_name), text, "current is the sprint being planned");

    let file = sandbox.path("back.csv");
    fs::write(&file, &text).expect("write");
    sandbox
        .on(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 items created, 0 updated, 5 unchanged"));
}

#[test]
fn a_sprint_that_does_not_exist_is_an_error_naming_the_sprints() {
    let sandbox = Sandbox::new();
    let db = planned_jira_db(&sandbox);
    sandbox
        .on(&db)
        .args(["export", "--format", "jira-csv", "--sprint", "Sprint 9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint named 'Sprint 9'").and(predicate::str::contains("Sprint 1")));
}
