//! The shared PostgreSQL store through the real binary: a team moved from its SQLite file by
//! `export --format json` → `import` comes back whole and reports the same figures, and two
//! TUIs on one store see each other's saves, a save made from a stale copy being refused.
//! Needs a server (FLOWDECK_TEST_PG, started by .ci/run); without one each test says SKIPPED.

mod common;

use common::engines::{fresh_postgres, postgres_server};
use common::pty::Tty;

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn a_team_moved_from_sqlite_comes_back_whole_with_the_same_figures() {
    let Some(server) = postgres_server("move-to-postgres") else { return };
    let sandbox = common::Sandbox::new();
    let file = sandbox.demo_db("team.sqlite");
    let document = sandbox.path("team.json");
    std::fs::write(&document, stdout(sandbox.on(&file).args(["export", "--format", "json"]))).expect("write");

    let pg = fresh_postgres(&server);
    sandbox.on(&pg).arg("init").assert().success();
    sandbox.on(&pg).arg("import").arg(&document).assert().success();

    let again = stdout(sandbox.on(&pg).args(["export", "--format", "json"]));
    assert_eq!(again, std::fs::read_to_string(&document).expect("read"), "the document changed on the way");
    for report in [
        &["split", "--format", "json"][..],
        &["rank", "--format", "json"],
        &["debt", "--format", "json"],
        &["history", "--format", "json"],
        &["project", "--format", "json"],
        &["plan", "auto", "--format", "json"],
        &["export", "--format", "md"],
    ] {
        assert_eq!(
            stdout(sandbox.on(&pg).args(report)),
            stdout(sandbox.on(&file).args(report)),
            "`{}` differs between the engines",
            report.join(" ")
        );
    }
}

/// The plan's pinned items, read from the store.
fn pinned(url: &str) -> Vec<String> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client
        .query("SELECT title FROM items WHERE pinned ORDER BY id", &[])
        .expect("query")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn two_terminals_on_one_store_see_each_others_saves_and_a_stale_save_is_refused() {
    let Some(server) = postgres_server("two-terminals") else { return };
    let sandbox = common::Sandbox::new();
    let pg = fresh_postgres(&server);
    let url = pg.to_str().expect("utf-8").to_string();
    sandbox.on(&pg).args(["demo", "--no-tui"]).assert().success();

    let mut ana = Tty::spawn(&sandbox, &["--db", &url], 120, 40);
    let mut ben = Tty::spawn(&sandbox, &["--db", &url], 120, 40);
    ana.wait_for("Candidates");
    ben.wait_for("Candidates");
    let before = pinned(&url);

    // Ana pins the row under her cursor; Ben's screen reloads on its own.
    ana.press("p");
    ana.wait_for("Saved");
    // The store holds it by the time the status says so; read until then on a busy machine.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut after = pinned(&url);
    while after.len() == before.len() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        after = pinned(&url);
    }
    let anas: Vec<&String> = after.iter().filter(|t| !before.contains(t)).collect();
    assert_eq!(anas.len(), 1, "Ana's pin is in the store: {after:?}\n{}", ana.screen());
    ben.wait_for("Reloaded: another flowdeck saved changes.");

    // A write Ben has not heard of (its notification not yet delivered): the row under his
    // cursor, Ana's, moves on underneath him. His change to it from the stale copy is refused,
    // nothing of it is written, and his screen shows the row as the store has it.
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let moved = client
        .execute("UPDATE items SET version = version + 1, pinned = FALSE WHERE title = $1", &[anas[0]])
        .expect("their change");
    assert_eq!(moved, 1);
    ben.press("p");
    ben.wait_for("was changed by someone else meanwhile");
    assert_eq!(pinned(&url), before, "the refused save wrote nothing");

    for tty in [&mut ana, &mut ben] {
        tty.press("q");
        assert!(tty.wait_exit().success());
        tty.assert_restored();
    }
}
