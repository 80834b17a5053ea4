//! `flowdeck project` through the real binary on the demo database: the model's figures,
//! reproducible bands, the SVG chart, CSV, and what happens without history or a sprint.

mod common;

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

fn json(sandbox: &common::Sandbox, db: &Path, extra: &[&str]) -> Value {
    let out = sandbox.on(db).args(["project", "--format", "json"]).args(extra).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn scenario(v: &Value, share: f64) -> &Value {
    v["scenarios"]
        .as_array()
        .and_then(|all| all.iter().find(|s| (f(&s["share"]) - share).abs() < 1e-9))
        .unwrap_or_else(|| panic!("no {share} scenario in {v}"))
}

#[test]
fn the_model_is_calibrated_from_the_register_and_follows_its_formulas() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let v = json(&sandbox, &db, &[]);
    let (c0, drag, principal) = (f(&v["params"]["c0"]), f(&v["register"]["drag"]), f(&v["register"]["principal"]));
    assert!((f(&v["params"]["h0"]) - (1.0 - drag / c0)).abs() < 0.001, "h0 = 1 − drag ÷ C0: {v}");
    assert!((f(&v["params"]["rho"]) - drag / principal).abs() < 0.001, "ρ = drag ÷ principal");
    assert_eq!(v["params"]["rho_source"], "register");
    assert_eq!(v["horizon"], 26);
    // The configured shares plus the plan's (it equals 20% in the demo) and the best one.
    let labels: Vec<&str> =
        v["scenarios"].as_array().expect("scenarios").iter().filter_map(|s| s["label"].as_str()).collect();
    assert!(labels.contains(&"20% (plan)"), "{labels:?}");
    let best = f(&v["best"]["share"]);
    assert!((0.2..=0.4).contains(&best), "best share {best}");
    // One sprint of the model, by hand: F1 = (1 − f)·C0·h0; h2 = h0 − α·F1/C0 + ρ·I1/C0.
    let s30 = scenario(&v, 0.3);
    let (h0, alpha, rho) = (f(&v["params"]["h0"]), f(&v["params"]["alpha"]), f(&v["params"]["rho"]));
    let f1 = 0.7 * c0 * h0;
    assert!((f(&s30["feature"][0]) - f1).abs() < 0.01);
    let h2 = h0 - alpha * f1 / c0 + rho * 0.3 * c0 * h0 / c0;
    assert!((f(&s30["health"][1]) - h2).abs() < 0.002);
    // 20–30% beats 10% within the year: 30% is ahead of 10% at the horizon, from a crossover.
    let crossing = v["crossovers"]
        .as_array()
        .and_then(|all| all.iter().find(|c| f(&c["lower"]) == 0.1 && f(&c["higher"]) == 0.3).cloned())
        .expect("30% overtakes 10%");
    assert!(crossing["sprint"].as_u64().is_some_and(|s| s <= 26) && crossing["ahead_at_horizon"] == true);
    assert!(f(&scenario(&v, 0.3)["total"]) > f(&scenario(&v, 0.1)["total"]));
}

#[test]
fn bands_come_from_history_and_the_same_seed_gives_the_same_bands() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let a = json(&sandbox, &db, &["--seed", "7", "--trials", "2000"]);
    let b = json(&sandbox, &db, &["--seed", "7", "--trials", "2000"]);
    let c = json(&sandbox, &db, &["--seed", "8", "--trials", "2000"]);
    assert_eq!(a["scenarios"], b["scenarios"]);
    assert_ne!(a["scenarios"], c["scenarios"]);
    assert_eq!(a["monte_carlo"]["samples"].as_array().map(Vec::len), Some(6), "six closed sprints resampled");
    let bands = &scenario(&a, 0.1)["bands"];
    for t in 0..26 {
        assert!(f(&bands["p10"][t]) <= f(&bands["p50"][t]) && f(&bands["p50"][t]) <= f(&bands["p90"][t]));
    }
}

#[test]
fn the_svg_is_a_readable_chart_and_csv_has_a_row_per_scenario_and_sprint() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let svg = sandbox.path("projection.svg");
    sandbox
        .on(&db)
        .args(["project", "--invest", "10,30,50", "--svg"])
        .arg(&svg)
        .assert()
        .success()
        .stdout(predicate::str::contains("Chart written to"))
        .stdout(predicate::str::contains("Best share for 26 sprints"));
    let text = std::fs::read_to_string(&svg).expect("the chart was written");
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"), "a whole SVG document");
    for expected in [
        "Cumulative feature output by technical-investment share",
        "Sprint",
        "Feature output so far (points)",
        "invest 10%",
        "invest 20% (plan)",
        "Best share for 26 sprints",
        "P10–P90",
        "not a prediction",
    ] {
        assert!(text.contains(expected), "the chart lacks {expected:?}");
    }
    assert!(text.matches("<polygon").count() >= 4, "a shaded band per scenario");
    // The answer is the title, and the bands read at slide size: a clear tint with dashed edges.
    let title = text.find("Your plan (20%) gives ").expect("the answer is on the chart");
    assert!(title < text.find("invest 10%").unwrap_or(usize::MAX), "the answer comes first (the title)");
    assert!(text.contains("against the best "), "plan against best");
    assert!(text.contains("opacity=\"0.22\""), "the band tint is visible, not 0.12");
    let segments = text.matches("<polyline").count();
    assert!(segments > 200, "dashed P10 and P90 edges are drawn as many short strokes ({segments})");

    let out = sandbox.on(&db).args(["project", "--invest", "10,50", "--format", "csv"]).output().expect("run");
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("scenario,share,sprint,health,capacity,feature,cumulative,p10,p50,p90"));
    let rows: Vec<&str> = lines.collect();
    // 10%, 50%, the plan's 20% and the best share, 26 sprints each.
    assert_eq!(rows.len(), 4 * 26, "{csv}");
}

#[test]
fn without_history_there_is_only_the_line_and_it_says_why() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    // Forget the history: the demo's closed sprints lose their snapshots.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("DELETE FROM sprint_entries", []).expect("forget history");
    drop(conn);
    let v = json(&sandbox, &db, &[]);
    assert_eq!(scenario(&v, 0.1)["bands"], Value::Null);
    assert!(v["monte_carlo"]["note"].as_str().is_some_and(|n| n.contains("no closed sprint")), "{v}");
    sandbox
        .on(&db)
        .arg("project")
        .assert()
        .success()
        .stdout(predicate::str::contains("no bands: no closed sprint with a plan yet"));
}

#[test]
fn bad_flags_and_a_missing_sprint_are_explained() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox
        .on(&db)
        .args(["project", "--alpha", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a rate from 0 to 1"));
    sandbox.on(&db).args(["project", "--invest", "10,120"]).assert().code(2).stderr(predicate::str::contains("120"));
    let empty = sandbox.path("empty.sqlite");
    sandbox.flowdeck().args(["init", "--db"]).arg(&empty).assert().success();
    sandbox
        .on(&empty)
        .arg("project")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("create one with `flowdeck sprint new`"));
    sandbox
        .on(&db)
        .args(["project", "--svg", "/nonexistent-dir/chart.svg"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write the chart to /nonexistent-dir/chart.svg"));
}

#[test]
fn the_markdown_brief_carries_the_projection_and_links_its_chart() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let brief = sandbox.path("brief.md");
    let chart = sandbox.path("chart.svg");
    sandbox
        .on(&db)
        .args(["export", "--format", "md", "--out"])
        .arg(&brief)
        .arg("--svg")
        .arg(&chart)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote the projection chart to"));
    let text = std::fs::read_to_string(&brief).expect("the brief");
    assert!(text.contains("## What investing in debt and risk buys"), "{text}");
    assert!(text.contains("| 30% |") && text.contains("Best share for 26 sprints: 40%"), "{text}");
    assert!(text.contains("](chart.svg)"), "the chart beside the brief is linked by name: {text}");
    assert!(text.contains("not a prediction"));
    assert!(std::fs::read_to_string(&chart).expect("the chart").contains("</svg>"));
    sandbox
        .on(&db)
        .args(["export", "--format", "csv", "--svg"])
        .arg(&chart)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use it with --format md"));
}

#[test]
fn the_brief_links_its_chart_from_its_own_folder_and_stdout_holds_only_the_brief() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    for dir in ["docs", "img"] {
        std::fs::create_dir_all(sandbox.path(dir)).expect("folder");
    }
    let brief = sandbox.path("docs/brief.md");
    sandbox
        .on(&db)
        .args(["export", "--format", "md", "--out"])
        .arg(&brief)
        .arg("--svg")
        .arg(sandbox.path("img/chart.svg"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&brief).expect("the brief");
    assert!(text.contains("](../img/chart.svg)"), "linked from the brief's folder: {text}");
    // Written whole: no temporary file is left beside either.
    for dir in ["docs", "img"] {
        let names: Vec<String> = std::fs::read_dir(sandbox.path(dir))
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        assert!(names.iter().all(|n| !n.contains("flowdeck-tmp")), "{names:?}");
    }

    // The brief on stdout (redirected to a file by the shell): the status lines go to stderr.
    let out = sandbox
        .on(&db)
        .args(["export", "--format", "md", "--svg"])
        .arg(sandbox.path("img/chart.svg"))
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.starts_with('#') && !stdout.contains("Wrote the projection chart"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Wrote the projection chart to"));
}
