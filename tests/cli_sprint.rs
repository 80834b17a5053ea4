//! The sprint lifecycle (`flowdeck sprint new|start|close`) and `flowdeck history` through the
//! real binary on the demo database.

mod common;

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

fn json(sandbox: &common::Sandbox, db: &Path, args: &[&str]) -> Value {
    let out = sandbox.on(db).args(args).args(["--format", "json"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The demo's planned items (the sprint in planning holds two).
fn planned_keys(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare("SELECT external_key FROM items WHERE status = 1 ORDER BY id").expect("prepare");
    let keys = stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<Vec<String>, _>>();
    keys.expect("keys")
}

fn item_row(db: &Path, key: &str) -> (i64, Option<i64>, i64) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT status, sprint_id, estimate_halves FROM items WHERE external_key = ?1", [key], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .expect("item")
}

#[test]
fn history_figures_follow_their_formulas() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let v = json(&sandbox, &db, &["history"]);
    let sprints = v["sprints"].as_array().expect("sprints");
    assert_eq!(sprints.len(), 6, "the demo closed six sprints");
    for s in sprints {
        let (planned, velocity) = (f(&s["planned"]), f(&s["velocity"]));
        assert!((f(&s["say_do"]) - velocity / planned).abs() < 0.001, "say/do = done ÷ planned: {s}");
        let unplanned: f64 = ["feature", "defect", "risk", "debt"].iter().map(|k| f(&s["unplanned"][k])).sum();
        let real = (velocity - f(&s["rework"]) - f(&s["unplanned"]["defect"])).max(0.0);
        assert!((f(&s["real_velocity"]) - real).abs() < 0.001, "{s}");
        assert!((f(&s["unplanned_share"]) - unplanned / (velocity + unplanned)).abs() < 0.001, "{s}");
        let split: f64 = ["feature", "defect", "risk", "debt"].iter().map(|k| f(&s["actual_split"][k])).sum();
        assert!((split - 1.0).abs() < 0.01, "the split adds up to 100%: {s}");
        let invest = f(&s["actual_split"]["risk"]) + f(&s["actual_split"]["debt"]);
        assert!((f(&s["investment_share"]) - invest).abs() < 0.002, "{s}");
    }
    let trend = v["trends"]["velocity"]["values"].as_array().expect("values");
    let velocities: Vec<f64> = sprints.iter().map(|s| f(&s["velocity"])).collect();
    assert_eq!(trend.iter().map(f).collect::<Vec<_>>(), velocities);
    assert_eq!(v["current"]["state"], "planning");

    let three = json(&sandbox, &db, &["history", "--last", "3"]);
    assert_eq!(three["sprints"].as_array().map(Vec::len), Some(3));
    assert_eq!(three["sprints"][2]["name"], sprints[5]["name"], "the most recent last");

    let text = sandbox.on(&db).arg("history").assert().success();
    let out = String::from_utf8_lossy(&text.get_output().stdout).to_string();
    assert!(out.starts_with("History: the last 6 of 6 closed sprints, oldest first"), "{out}");
    assert!(out.contains("say/do") && out.contains("▁") && out.contains("Delivery, where recorded"), "{out}");
    let md = sandbox.on(&db).args(["history", "--format", "md"]).assert().success();
    assert!(String::from_utf8_lossy(&md.get_output().stdout).contains("| Sprint | Dates | Planned | Done | Say/do |"));
}

#[test]
fn closing_a_sprint_records_it_moves_items_and_recalibrates_the_next_sprint() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let keys = planned_keys(&db);
    assert_eq!(keys.len(), 2, "{keys:?}");
    let (carried, dropped) = (&keys[0], &keys[1]);

    sandbox.on(&db).args(["sprint", "start"]).assert().success().stdout(predicate::str::contains("Started Sprint 48"));
    sandbox
        .on(&db)
        .args(["sprint", "new", "--goal", "Refunds without a support ticket"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Created Sprint 49"));
    let before = json(&sandbox, &db, &["split", "--sprint", "Sprint 49"]);

    let carried_arg = format!("{carried}=2");
    sandbox
        .on(&db)
        .args(["sprint", "close", "--carried", &carried_arg, "--dropped", dropped])
        .args(["--unplanned", "defect=4,risk=1", "--rework", "1", "--deployments", "8", "--lead-time", "2.5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Closed Sprint 48 (0 done, 1 carried over, 1 dropped)"))
        .stdout(predicate::str::contains("carried over, 2 remaining"))
        .stdout(predicate::str::contains("Sprint 49's plannable capacity, recalibrated from history"));

    // Carried over: back in the backlog with the rest as its estimate; dropped: back unchanged.
    assert_eq!(item_row(&db, carried), (0, None, 4));
    assert_eq!(item_row(&db, dropped).0, 0);

    let history = json(&sandbox, &db, &["history", "--last", "3"]);
    let last = &history["sprints"][2];
    assert_eq!(last["name"], "Sprint 48");
    assert_eq!(last["carried_items"], 1);
    assert_eq!(last["dropped_items"], 1);
    assert_eq!(last["delivery"]["deployments"], 8);
    assert_eq!(f(&last["unplanned"]["defect"]), 4.0);

    // The next sprint's capacity is recalibrated over the three most recent closed sprints.
    let after = json(&sandbox, &db, &["split", "--sprint", "Sprint 49"]);
    let sources = &after["capacity"]["reserve_source"]["sprints"];
    assert_eq!(sources, &serde_json::json!(["Sprint 48", "Sprint 47", "Sprint 46"]));
    let mut shares: Vec<f64> = (0..3).map(|i| f(&history["sprints"][i]["unplanned_share"])).collect();
    shares.sort_by(f64::total_cmp);
    assert!((f(&after["capacity"]["reserve_share"]) - shares[1]).abs() < 0.001, "reserve = median unplanned share");
    assert_ne!(before["capacity"]["plannable"], after["capacity"]["plannable"]);
}

#[test]
fn lifecycle_mistakes_are_refused_with_what_to_do() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox
        .on(&db)
        .args(["sprint", "close"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no sprint is running: start one with `flowdeck sprint start`"));
    sandbox
        .on(&db)
        .args(["sprint", "new", "--start", "2026-11-25"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("overlaps Sprint"));
    sandbox.on(&db).args(["sprint", "start"]).assert().success();
    sandbox
        .on(&db)
        .args(["sprint", "close", "--carried", "PAY-1282"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("say what remains, e.g. --carried PAY-1282=3"));
    sandbox
        .on(&db)
        .args(["sprint", "close", "--unplanned", "bug=3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown kind 'bug'"));
    sandbox
        .on(&db)
        .args(["sprint", "close", "--dropped", "PAY-1221"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was not part of Sprint 48's plan"));
    sandbox
        .on(&db)
        .args(["sprint", "close", "--rework", "NaN"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("rework must be a number"));
}

#[test]
fn a_blocking_guardrail_stops_the_start_unless_forced() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox.on(&db).args(["plan", "auto", "--apply"]).assert().success();
    // Over-commit the sprint: plan every remaining feature candidate straight in the database.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("UPDATE items SET status = 1, sprint_id = 7 WHERE status = 0 AND kind = 0", []).expect("plan all");
    drop(conn);
    sandbox
        .on(&db)
        .args(["sprint", "start"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot start while a blocking guardrail fails"))
        .stderr(predicate::str::contains("--force"));
    sandbox.on(&db).args(["sprint", "start", "--force"]).assert().success();
}
