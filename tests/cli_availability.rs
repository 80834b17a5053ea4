//! Availability belongs to the sprint: editing a member today changes the sprint being planned
//! and never the closed sprints that calibrate points per person-day.

mod common;

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("json")
}

fn num(doc: &serde_json::Value, path: &[&str]) -> f64 {
    path.iter().fold(doc, |v, k| &v[*k]).as_f64().unwrap_or_else(|| panic!("{path:?} in {doc}"))
}

fn member_person_days(split: &serde_json::Value, name: &str) -> f64 {
    split["capacity"]["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["name"] == name)
        .and_then(|m| m["person_days"].as_f64())
        .unwrap_or_else(|| panic!("{name} in {split}"))
}

#[test]
fn lowering_a_members_focus_lowers_plannable_capacity_and_leaves_the_past() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    let history = || sandbox.on(&db).args(["history", "--format", "json"]).output().expect("run").stdout;
    let split = || json(&sandbox.on(&db).args(["split", "--format", "json"]).output().expect("run").stdout);
    let (history_before, before) = (history(), split());
    let priya = member_person_days(&before, "Priya Raghunathan");
    assert!(priya > 0.0, "Priya works in the sprint being planned");

    sandbox.on(&db).args(["team", "edit", "Priya Raghunathan", "--focus", "0"]).assert().success();
    let after = split();

    assert_eq!(history(), history_before, "closed sprints keep every figure");
    let rate = num(&before, &["capacity", "points_per_person_day"]);
    assert_eq!(num(&after, &["capacity", "points_per_person_day"]), rate, "calibration reads the past as it was");
    assert_eq!(member_person_days(&after, "Priya Raghunathan"), 0.0);
    let reserve = num(&before, &["capacity", "reserve_share"]);
    let lost = num(&before, &["capacity", "plannable"]) - num(&after, &["capacity", "plannable"]);
    // split rounds to 3 decimals.
    let expected = priya * rate * (1.0 - reserve);
    assert!(
        (lost - expected).abs() < 0.01,
        "plannable fell by {lost}, expected {priya} pd × {rate} × (1 − {reserve}) = {expected}"
    );
}

#[test]
fn a_started_sprint_keeps_its_team_when_members_change_later() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    sandbox
        .on(&db)
        .args(["init", "--team", "Atlas", "--start", "2026-11-30", "--member", "Ana", "--member", "Bo,50%"])
        .assert()
        .success();
    sandbox.on(&db).args(["item", "add", "--title", "First slice", "--estimate", "3"]).assert().success();
    sandbox.on(&db).args(["plan", "auto", "--apply"]).assert().success();
    sandbox.on(&db).args(["sprint", "start"]).assert().success();
    let split = || json(&sandbox.on(&db).args(["split", "--format", "json"]).output().expect("run").stdout);
    let running = split();
    sandbox.on(&db).args(["team", "edit", "Ana", "--allocation", "20%"]).assert().success();
    sandbox.on(&db).args(["team", "add", "Cy"]).assert().success();
    let later = split();
    assert_eq!(later["capacity"]["members"], running["capacity"]["members"], "the running sprint kept its team");
    assert_eq!(num(&later, &["capacity", "person_days"]), num(&running, &["capacity", "person_days"]));
}
