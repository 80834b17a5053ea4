//! `split` and `rank` on the demo database through the real binary.

mod common;

use predicates::prelude::*;
use serde_json::Value;

fn json(sandbox: &common::Sandbox, args: &[&str]) -> Value {
    let out = sandbox.flowdeck().args(args).output().expect("run");
    assert!(out.status.success() || out.status.code() == Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn split_explains_capacity_step_by_step_and_lists_guardrails() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox.flowdeck().arg("--db").arg(&db).arg("split").assert().success().stdout(
        predicate::str::contains("10 weekdays − 1 holiday (2026-11-26 Thanksgiving) = 9")
            .and(predicate::str::contains("median unplanned share over Sprint 47, Sprint 46, Sprint 45"))
            .and(predicate::str::contains("plannable"))
            .and(predicate::str::contains("PAY-1033"))
            .and(predicate::str::contains("[warn]")),
    );
}

#[test]
fn split_json_is_the_documented_contract_and_adds_up() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let v = json(&sandbox, &["--db", db.to_str().expect("utf-8"), "split", "--format", "json"]);
    let c = &v["capacity"];
    for field in ["person_days", "points", "reserve_share", "plannable"] {
        assert!(c[field].is_f64(), "capacity.{field} missing: {c}");
    }
    let expected = c["points"].as_f64().unwrap_or_default() * (1.0 - c["reserve_share"].as_f64().unwrap_or_default());
    assert!((c["plannable"].as_f64().unwrap_or_default() - expected).abs() < 0.05, "rounded to 3 decimals");
    assert_eq!(v["load"].as_f64(), Some(10.0), "the demo has 10 points planned");
    for kind in ["feature", "defect", "risk", "debt"] {
        for field in ["planned", "share", "target", "min", "max"] {
            assert!(v["kinds"][kind][field].is_number(), "kinds.{kind}.{field} missing");
        }
    }
    assert_eq!(v["kinds"]["feature"]["planned"].as_f64(), Some(8.0));
    assert_eq!(v["kinds"]["feature"]["target"].as_f64(), Some(0.6));
    let guardrails = v["guardrails"].as_array().expect("guardrails array");
    assert!(!guardrails.is_empty());
    for g in guardrails {
        assert!(g["id"].is_string() && g["severity"].is_string() && g["message"].is_string(), "{g}");
    }
    assert!(guardrails.iter().any(|g| g["id"] == "kind-share:debt"));
}

#[test]
fn split_check_fails_with_code_3_when_a_guardrail_fails() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox.flowdeck().arg("--db").arg(&db).args(["split", "--check"]).assert().code(3);
}

#[test]
fn split_of_a_closed_sprint_uses_its_plan_snapshot_and_markdown_reads_well() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&db)
        .args(["split", "--sprint", "sprint 47", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Sprint 47").and(predicate::str::contains("| **Plannable** |")));
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&db)
        .args(["split", "--sprint", "Sprint 99"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint named 'Sprint 99'").and(predicate::str::contains("Sprint 42")));
}

#[test]
fn rank_filters_limits_and_orders_by_score() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let db = db.to_str().expect("utf-8");
    let rows = json(&sandbox, &["--db", db, "rank", "--format", "json"]);
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 64, "62 backlog candidates + 2 planned into the current sprint");
    let scores: Vec<f64> = rows.iter().filter_map(|r| r["score"].as_f64()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");

    let debt = json(&sandbox, &["--db", db, "rank", "--kind", "debt", "--limit", "5", "--format", "json"]);
    let debt = debt.as_array().expect("array");
    assert_eq!(debt.len(), 5);
    assert!(debt.iter().all(|r| r["kind"] == "debt"));

    let out = sandbox.flowdeck().args(["--db", db, "rank", "--format", "csv", "--limit", "3"]).output().expect("run");
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(reader.headers().expect("header").get(3), Some("title"));
    assert_eq!(reader.records().count(), 3);

    sandbox
        .flowdeck()
        .args(["--db", db, "rank", "--kind", "story"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind 'story'"));
}
