//! `flowdeck item add|edit|show|rm` on a real database through the real binary.

mod common;

use common::Sandbox;
use predicates::str::contains;

fn imported(sandbox: &Sandbox) -> std::path::PathBuf {
    let db = sandbox.path("items.sqlite");
    sandbox.on(&db).arg("init").assert().success();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/github-issues.json");
    sandbox.on(&db).args(["import", file]).assert().success();
    db
}

fn show_json(sandbox: &Sandbox, db: &std::path::Path, item: &str) -> serde_json::Value {
    let out = sandbox.on(db).args(["item", "show", item, "--format", "json"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn an_estimate_from_the_command_line_lifts_unestimated_and_the_exclusion() {
    let sandbox = Sandbox::new();
    let db = imported(&sandbox);
    let before = show_json(&sandbox, &db, "example-org/example-app#412");
    assert_eq!((before["unestimated"].as_bool(), before["excluded"].as_bool()), (Some(true), Some(true)));
    sandbox.on(&db).args(["item", "edit", "EXAMPLE-ORG/Example-App#412", "--estimate", "3"]).assert().success();
    let after = show_json(&sandbox, &db, "example-org/example-app#412");
    assert_eq!(after["estimate"], 3.0);
    assert_eq!(after["excluded"], false, "auto-fill may pick it now");
    assert!(!after["tags"].as_array().expect("tags").iter().any(|t| t == "unestimated"), "{after}");
    assert_eq!(after["version"], 2);
}

#[test]
fn add_show_edit_and_rm_with_every_kind_of_field() {
    let sandbox = Sandbox::new();
    let db = imported(&sandbox);
    sandbox
        .on(&db)
        .args(["item", "add", "--title", "Retire the v1 API", "--key", "OPS-7", "--kind", "debt", "--estimate", "5"])
        .args(["--interest", "4", "--risk-area", "security", "--reason", "shipped before the audit", "--tag", "api"])
        .assert()
        .success()
        .stdout(contains("created OPS-7"));
    let item = show_json(&sandbox, &db, "ops-7");
    assert_eq!((item["kind"].as_str(), item["estimate"].as_f64()), (Some("debt"), Some(5.0)));
    assert_eq!(item["debt"]["interest"], 4);
    assert_eq!(item["debt"]["risk_area"], "security");
    assert_eq!(item["debt"]["agreement"]["reason"], "shipped before the audit");
    sandbox
        .on(&db)
        .args(["item", "show", "OPS-7"])
        .assert()
        .success()
        .stdout(contains("version 1"))
        .stdout(contains("risk area      security"));

    sandbox
        .on(&db)
        .args(["item", "edit", "OPS-7", "--impact", "5", "--ttv", "2", "--untag", "api", "--status", "dropped"])
        .assert()
        .success()
        .stdout(contains("impact 3 → 5"));
    let item = show_json(&sandbox, &db, "OPS-7");
    assert_eq!((item["impact"].as_u64(), item["time_to_value"].as_u64()), (Some(5), Some(2)));
    assert_eq!(item["status"], "dropped");
    assert_eq!(item["tags"], serde_json::json!([]));

    sandbox.on(&db).args(["item", "rm", "OPS-7"]).assert().success().stdout(contains("deleted OPS-7"));
    sandbox.on(&db).args(["item", "show", "OPS-7"]).assert().code(1).stderr(contains("no item has the key"));
}

#[test]
fn add_without_an_estimate_is_unestimated_and_bad_values_name_their_flag() {
    let sandbox = Sandbox::new();
    let db = imported(&sandbox);
    sandbox.on(&db).args(["item", "add", "--title", "Spike"]).assert().success().stdout(contains("unestimated"));
    sandbox
        .on(&db)
        .args(["item", "add", "--title", "", "--estimate", "2.25", "--impact", "9"])
        .assert()
        .code(2)
        .stderr(contains("--title: required"))
        .stderr(contains("--estimate"))
        .stderr(contains("--impact: must be from 1 to 5"));
    sandbox
        .on(&db)
        .args(["item", "add", "--title", "x", "--interest", "4"])
        .assert()
        .code(2)
        .stderr(contains("--interest is a debt register field"));
    sandbox.on(&db).args(["item", "edit", "1", "--status", "planned"]).assert().code(2);
}

#[test]
fn a_stale_version_is_refused_and_nothing_is_saved() {
    let sandbox = Sandbox::new();
    let db = imported(&sandbox);
    // Someone else edits the item after we looked at version 1.
    sandbox.on(&db).args(["item", "edit", "example-org/example-app#415", "--impact", "4"]).assert().success();
    sandbox
        .on(&db)
        .args(["item", "edit", "example-org/example-app#415", "--title", "Mine", "--expect-version", "1"])
        .assert()
        .code(18)
        .stderr(contains("version 2, not 1"));
    sandbox.on(&db).args(["item", "rm", "example-org/example-app#415", "--expect-version", "1"]).assert().code(18);
    let item = show_json(&sandbox, &db, "example-org/example-app#415");
    assert_eq!((item["impact"].as_u64(), item["version"].as_u64()), (Some(4), Some(2)));
    assert_ne!(item["title"], "Mine");
    sandbox
        .on(&db)
        .args(["item", "edit", "example-org/example-app#415", "--title", "Mine", "--expect-version", "2"])
        .assert()
        .success();
}

#[test]
fn a_debt_agreement_must_link_a_known_item_and_fall_due_after_it_was_recorded() {
    let sandbox = Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let debt = ["item", "add", "--title", "Drop the v1 API", "--kind", "debt", "--estimate", "3"];
    sandbox
        .on(&db)
        .args(debt)
        .args(["--recorded", "2026-10-01", "--trigger-date", "2026-09-15"])
        .assert()
        .code(2)
        .stderr(contains("--trigger-date: 2026-09-15 is before the debt was recorded (2026-10-01)"));
    sandbox
        .on(&db)
        .args(debt)
        .args(["--linked-key", "PAY-99999"])
        .assert()
        .code(2)
        .stderr(contains("--linked-key: no item here has the key PAY-99999"));
    // Nothing was saved by the refusals; a key that exists and a later date are fine.
    sandbox
        .on(&db)
        .args(debt)
        .args([
            "--key",
            "OPS-1",
            "--recorded",
            "2026-10-01",
            "--trigger-date",
            "2026-12-15",
            "--linked-key",
            "pay-1033",
        ])
        .assert()
        .success();
    let out = sandbox.on(&db).args(["item", "show", "OPS-1", "--format", "json"]).output().expect("run");
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(shown["debt"]["agreement"]["linked_key"], "pay-1033", "{shown}");
    let count = sandbox.on(&db).args(["rank", "--format", "json"]).output().expect("run");
    let ranked = String::from_utf8_lossy(&count.stdout);
    assert_eq!(ranked.matches("Drop the v1 API").count(), 1, "only the accepted one was added");
}
