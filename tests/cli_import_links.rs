//! `blocked by` links in and out of files (issue 17) through the real binary: Jira's "Blocks"
//! issue-link columns, both ends merged; a cycle refused naming the items with nothing
//! imported; flowdeck's own CSV and JSON carrying links (keys, or `#N` for keyless items)
//! into a database that already holds data.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn ok(sandbox: &Sandbox, db: &Path, args: &[&str]) -> String {
    let out = sandbox.on(db).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn empty_db(sandbox: &Sandbox, name: &str) -> PathBuf {
    let db = sandbox.path(name);
    ok(sandbox, &db, &["init", "--team", "Vega"]);
    db
}

/// What `item show --format json` says `key` waits for.
fn blockers(sandbox: &Sandbox, db: &Path, key: &str) -> Vec<String> {
    let shown: Value =
        serde_json::from_str(&ok(sandbox, db, &["item", "show", key, "--format", "json"])).expect("json");
    shown["blocked_by"]
        .as_array()
        .map_or_else(Vec::new, |a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
}

#[test]
fn jira_blocks_links_arrive_from_both_ends_and_a_link_removed_in_jira_goes() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "team.sqlite");
    let out = ok(&sandbox, &db, &["import", fixture("jira-links.csv").to_str().expect("path")]);
    assert!(out.contains("PAY-204 → OPS-9"), "a link to an issue flowdeck does not have is said: {out}");

    // PAY-202 says inward PAY-201 and PAY-201 outward PAY-202: one link, not two.
    assert_eq!(blockers(&sandbox, &db, "PAY-202"), ["PAY-201"]);
    // Inward PAY-201, PAY-202 on the row itself, and PAY-202's outward link agrees.
    assert_eq!(blockers(&sandbox, &db, "PAY-203"), ["PAY-201", "PAY-202"]);
    assert!(blockers(&sandbox, &db, "PAY-201").is_empty());
    assert!(blockers(&sandbox, &db, "PAY-204").is_empty(), "OPS-9 is not here");
    assert!(blockers(&sandbox, &db, "PAY-205").is_empty(), "a Relates link is not a dependency");

    // The card vault link is removed in Jira (at both ends) and exported again.
    let text = fs::read_to_string(fixture("jira-links.csv")).expect("fixture");
    let edited = text
        .replace(",PAY-202,PAY-203,\n", ",PAY-203,,\n")
        .replace(",PAY-201,PAY-202,,,\n", ",PAY-201,,,,\n")
        .replace(",5,PAY-201,,PAY-203,,\n", ",5,PAY-201,,,,\n");
    assert_ne!(edited, text, "the fixture changed shape");
    let again = sandbox.path("jira-again.csv");
    fs::write(&again, edited).expect("write");
    let dry = ok(&sandbox, &db, &["import", "--dry-run", again.to_str().expect("path")]);
    assert!(dry.contains("PAY-203") && dry.contains("blocked by"), "{dry}");
    ok(&sandbox, &db, &["import", again.to_str().expect("path")]);
    assert_eq!(blockers(&sandbox, &db, "PAY-203"), ["PAY-201"]);
    assert_eq!(blockers(&sandbox, &db, "PAY-202"), ["PAY-201"], "unchanged links stay");
}

#[test]
fn a_cycle_in_a_jira_export_imports_nothing_and_names_the_items() {
    let sandbox = Sandbox::new();
    let db = empty_db(&sandbox, "team.sqlite");
    sandbox
        .on(&db)
        .arg("import")
        .arg(fixture("jira-link-cycle.csv"))
        .assert()
        .code(5)
        .stderr(predicate::str::contains("make a cycle"))
        .stderr(predicate::str::contains("LED-1 waits for"))
        .stderr(predicate::str::contains("nothing was imported"));
    let listed = ok(&sandbox, &db, &["rank", "--format", "json"]);
    assert!(!listed.contains("LED-"), "nothing was imported: {listed}");
}

/// A team whose links include keyless items: `#N` in files.
fn linked_team(sandbox: &Sandbox) -> PathBuf {
    let db = empty_db(sandbox, "linked.sqlite");
    ok(sandbox, &db, &["item", "add", "--key", "APP-1", "--title", "Schema", "--estimate", "3"]);
    ok(sandbox, &db, &["item", "add", "--title", "Untracked spike", "--estimate", "2", "--blocked-by", "APP-1"]);
    ok(
        sandbox,
        &db,
        &["item", "add", "--key", "APP-3", "--title", "Feature", "--estimate", "5", "--blocked-by", "#2, APP-1"],
    );
    db
}

#[test]
fn flowdeck_csv_and_json_carry_links_into_a_database_that_holds_data() {
    let sandbox = Sandbox::new();
    let db = linked_team(&sandbox);
    for format in ["csv", "json"] {
        let file = sandbox.path(&format!("team.{format}"));
        ok(&sandbox, &db, &["export", "--format", format, "--out", file.to_str().expect("path")]);
        let written = fs::read_to_string(&file).expect("export");
        assert!(written.contains("#2"), "the keyless blocker is named by its place in the file: {written}");

        // Into a database with an item already: merged by key, new ids on top of it.
        let other = empty_db(&sandbox, &format!("other-{format}.sqlite"));
        ok(&sandbox, &other, &["item", "add", "--key", "OLD-1", "--title", "Already here", "--estimate", "1"]);
        ok(&sandbox, &other, &["import", file.to_str().expect("path")]);
        let spike = blockers(&sandbox, &other, "APP-3");
        assert_eq!(spike.len(), 2, "{format}: {spike:?}");
        assert!(spike.contains(&"APP-1".to_string()), "{format}: {spike:?}");
        // The keyless blocker is the spike, whatever number it got here.
        let number = spike.iter().find(|b| b.starts_with('#')).expect("keyless blocker");
        let shown = ok(&sandbox, &other, &["item", "show", number]);
        assert!(shown.contains("Untracked spike") && shown.contains("blocked by     APP-1"), "{format}: {shown}");
    }
}
