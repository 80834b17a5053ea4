//! A new user's whole first session in a real terminal: `flowdeck init` on a new file opens the
//! set-up, the palette imports a `gh issue list --json` file, triage keys estimate and score
//! every issue, auto-fill plans the sprint and the palette exports the Markdown brief — then the
//! rows in SQLite and the brief on disk are checked against what the screen said.

mod common;

use common::pty::Tty;
use rusqlite::Connection;

fn one(db: &std::path::Path, sql: &str) -> i64 {
    Connection::open(db).expect("open").query_row(sql, [], |r| r.get(0)).expect("query")
}

#[test]
fn from_an_empty_database_to_a_planned_sprint_and_a_brief() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("team.sqlite");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/github-issues.json");
    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8"), "init"], 120, 40);

    tty.wait_for("Set up your team");
    // Team name typed; sprint length, start and unit accepted with Enter; five members; no file.
    tty.press("Atlas\r\r\r\r");
    tty.press("Ana Diaz\rBen Ode, 50%\rCai Wu\rDee Fox\rEli Moss, 80%, 0.7\r");
    tty.press("\r\r\r\r");
    tty.wait_for("Saved — set up Atlas: 5 members");

    tty.press(&format!(":import {fixture}\r"));
    tty.wait_for("7 unestimated: t triage");

    tty.press("t");
    tty.wait_for("Triage");
    // Each issue: estimate key, impact, risk, time-to-value, Enter.
    for n in 1..=7 {
        tty.wait_for(&format!("item {n} of 7"));
        tty.press(if n % 2 == 0 { "3432\r" } else { "2543\r" });
    }
    tty.press("\x1b");
    tty.wait_for("7 saved, 0 skipped; 0 still unestimated");

    tty.press("a");
    tty.wait_for("Auto-fill proposal");
    tty.press("y");
    tty.wait_for("Saved — auto-fill");

    tty.press(":export brief.md\r");
    tty.wait_for("brief.md");
    tty.press("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();

    assert_eq!(one(&db, "SELECT count(*) FROM members WHERE left_on IS NULL"), 5);
    assert_eq!(one(&db, "SELECT count(*) FROM policy WHERE team_name = 'Atlas'"), 1);
    assert_eq!(one(&db, "SELECT count(*) FROM items"), 7);
    assert_eq!(one(&db, "SELECT count(*) FROM items WHERE estimate_halves = 0"), 0, "every issue estimated");
    let planned = one(&db, "SELECT count(*) FROM items WHERE status = 1");
    assert!(planned >= 3, "auto-fill planned the sprint: {planned} items");
    let brief = std::fs::read_to_string(sandbox.path("brief.md")).expect("the brief was written");
    assert!(brief.starts_with("# "), "a Markdown brief: {}", &brief[..brief.len().min(200)]);
    assert!(brief.contains("Sprint 1"), "{brief}");
}
