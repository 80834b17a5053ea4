//! P(finish) beside the plan (issue 21): `split` gives the chance of finishing the planned load,
//! the same figure `flowdeck forecast` gives, and it falls as the sprint fills.

mod common;

use serde_json::Value;

fn json(sandbox: &common::Sandbox, db: &std::path::Path, args: &[&str]) -> Value {
    let out = sandbox.on(db).args(args).output().expect("run");
    assert!(out.status.success() || out.status.code() == Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn split_gives_the_chance_of_finishing_and_it_falls_as_the_sprint_fills() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let light = json(&sandbox, &db, &["split", "--format", "json"])["p_finish"].as_f64().expect("a chance");
    assert_eq!(
        light,
        json(&sandbox, &db, &["forecast", "--format", "json"])["sprint"]["p_finish"].as_f64().expect("p")
    );

    let out = sandbox.on(&db).args(["plan", "auto", "--apply"]).output().expect("run");
    assert!(out.status.success());
    let full = json(&sandbox, &db, &["split", "--format", "json"])["p_finish"].as_f64().expect("a chance");
    assert!(full < light, "a full sprint is less sure than a light one: {full} vs {light}");
    // The demo team finishes 82–94% of its plans, and plannable capacity is calibrated on what
    // it delivered: a sprint auto-filled to capacity is a coin toss or better, not hopeless
    // (drawing raw say/do charged the shortfall twice and gave 0%).
    assert!(full > 0.3, "a sprint at capacity: {full}");
    assert_eq!(full, json(&sandbox, &db, &["forecast", "--format", "json"])["sprint"]["p_finish"].as_f64().expect("p"));

    let text = String::from_utf8(sandbox.on(&db).arg("split").output().expect("run").stdout).expect("utf-8");
    assert!(text.contains(&format!("P(finish) {:.0}%", full * 100.0)), "{text}");
}

#[test]
fn without_history_there_is_no_chance_to_give() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("new.sqlite");
    let out = sandbox.on(&db).args(["init", "--team", "New", "--member", "Ana"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&sandbox, &db, &["split", "--format", "json"])["p_finish"], Value::Null);
    let text = String::from_utf8(sandbox.on(&db).arg("split").output().expect("run").stdout).expect("utf-8");
    assert!(!text.contains("P(finish)"), "{text}");
}
