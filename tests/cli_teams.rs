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
