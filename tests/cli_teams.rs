//! Several teams in one store through the binary: `--team`, FLOWDECK_TEAM and the config's
//! `storage.team` choose one; without a choice a store of several teams asks which.

mod common;

use predicates::prelude::*;

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("JSON output")
}

/// Atlas is the demo; Borealis the demo with one more item.
fn two_team_store(sandbox: &common::Sandbox) -> std::path::PathBuf {
    let db = sandbox.path("org.sqlite");
    for team in ["Atlas", "Borealis"] {
        sandbox.flowdeck().args(["--db"]).arg(&db).args(["--team", team, "demo", "--no-tui"]).assert().success();
    }
    sandbox
        .on(&db)
        .args([
            "--team",
            "Borealis",
            "item",
            "add",
            "--title",
            "Borealis-only spike",
            "--kind",
            "feature",
            "--estimate",
            "3",
        ])
        .assert()
        .success();
    db
}

fn titles(sandbox: &common::Sandbox, db: &std::path::Path, extra: &[&str], env_team: Option<&str>) -> Vec<String> {
    let mut cmd = sandbox.on(db);
    if let Some(team) = env_team {
        cmd.env("FLOWDECK_TEAM", team);
    }
    let out = cmd.args(extra).args(["rank", "--limit", "500", "--format", "json"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = json(&out.stdout);
    let rows = doc["ranked"].as_array().or_else(|| doc.as_array()).cloned().unwrap_or_default();
    rows.iter().filter_map(|r| r["title"].as_str().map(str::to_string)).collect()
}

#[test]
fn the_team_comes_from_the_flag_the_environment_or_the_config() {
    let sandbox = common::Sandbox::new();
    let db = two_team_store(&sandbox);
    sandbox
        .on(&db)
        .args(["rank"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("several teams: Atlas, Borealis").and(predicate::str::contains("--team")));

    let atlas = titles(&sandbox, &db, &["--team", "Atlas"], None);
    assert!(!atlas.is_empty() && !atlas.iter().any(|t| t == "Borealis-only spike"), "Atlas sees Borealis's item");
    let borealis = titles(&sandbox, &db, &[], Some("borealis"));
    assert!(borealis.iter().any(|t| t == "Borealis-only spike"), "FLOWDECK_TEAM chooses Borealis");
    assert_eq!(borealis.len(), atlas.len() + 1);

    let config = sandbox.path("flowdeck.toml");
    std::fs::write(&config, "[storage]\nteam = \"Borealis\"\n").expect("config");
    let from_config = titles(&sandbox, &db, &["--config", config.to_str().expect("path")], None);
    assert_eq!(from_config, borealis, "the config's storage.team");
    // The flag wins over the config.
    let flag = titles(&sandbox, &db, &["--config", config.to_str().expect("path"), "--team", "Atlas"], None);
    assert_eq!(flag, atlas);

    sandbox
        .on(&db)
        .args(["--team", "Cassini", "split"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no team named 'Cassini'").and(predicate::str::contains("Atlas, Borealis")));
}

fn split_json(sandbox: &common::Sandbox, db: &std::path::Path, team: &str) -> serde_json::Value {
    let out = sandbox.on(db).args(["--team", team, "split", "--format", "json"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    json(&out.stdout)
}

/// `flowdeck org` on both engines: each team's row is what that team's own `split` says, and
/// the totals pool them.
#[test]
fn the_organisation_view_shows_each_team_as_its_own_split_does_and_totals_them() {
    let sandbox = common::Sandbox::new();
    for engine in common::engines::fresh_stores(&sandbox, "org") {
        let db = &engine.db;
        for team in ["Atlas", "Borealis"] {
            let create = sandbox.flowdeck().arg("--db").arg(db).args(["--team", team, "demo", "--no-tui"]).output();
            let create = create.expect("run");
            assert!(create.status.success(), "{}: {}", engine.name, String::from_utf8_lossy(&create.stderr));
        }
        // Borealis fills its sprint; Atlas keeps the demo's partial plan.
        sandbox.on(db).args(["--team", "Borealis", "plan", "auto", "--apply"]).assert().success();
        let atlas = split_json(&sandbox, db, "Atlas");
        let borealis = split_json(&sandbox, db, "Borealis");
        assert_ne!(atlas["load"], borealis["load"], "{}: the plans differ", engine.name);

        let out = sandbox.on(db).args(["org", "--format", "json"]).output().expect("run");
        assert!(out.status.success(), "{}: {}", engine.name, String::from_utf8_lossy(&out.stderr));
        let org = json(&out.stdout);
        let teams = org["teams"].as_array().expect("teams");
        let names: Vec<_> = teams.iter().map(|t| t["team"].as_str().unwrap_or("")).collect();
        assert_eq!(names, ["Atlas", "Borealis"], "{}", engine.name);
        for (row, split) in teams.iter().zip([&atlas, &borealis]) {
            assert_eq!(row["load"], split["load"], "{}: {}'s load", engine.name, row["team"]);
            assert_eq!(row["plannable"], split["capacity"]["plannable"], "{}: {}'s capacity", engine.name, row["team"]);
        }
        let load = |v: &serde_json::Value| v["load"].as_f64().expect("load");
        let total = load(&org["totals"]);
        assert!((total - load(&atlas) - load(&borealis)).abs() < 1e-6, "{}: totals pool the loads", engine.name);
        assert_eq!(org["totals"]["teams"], 2);

        let text = sandbox.on(db).arg("org").output().expect("run");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Atlas") && text.contains("Borealis") && text.contains("all 2 teams"), "{text}");
    }
}
