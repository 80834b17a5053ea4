//! The real binary: subcommands, exit codes and messages a user sees.

mod common;

use std::fs;
use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;

#[test]
fn demo_builds_a_database_that_doctor_passes() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&db)
        .arg("doctor")
        .assert()
        .success()
        .stdout(predicate::str::contains("quick_check: ok").and(predicate::str::contains("6 members")));
}

#[test]
fn demo_never_overwrites_a_database_the_user_named() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("mine.sqlite");
    let before = fs::read(&db).expect("read");
    sandbox
        .flowdeck()
        .args(["demo", "--no-tui", "--db"])
        .arg(&db)
        .assert()
        .code(19)
        .stderr(predicate::str::contains("already holds data"));
    assert_eq!(fs::read(&db).expect("read"), before);
}

#[test]
fn demo_without_db_uses_and_replaces_its_own_file_in_the_data_dir() {
    let sandbox = common::Sandbox::new();
    for _ in 0..2 {
        sandbox
            .flowdeck()
            .args(["demo", "--no-tui"])
            .assert()
            .success()
            .stdout(predicate::str::contains("demo.sqlite"));
    }
    assert!(sandbox.path("data/flowdeck/demo.sqlite").exists());
}

#[test]
fn the_default_database_is_created_on_first_run_but_a_named_one_must_exist() {
    let sandbox = common::Sandbox::new();
    sandbox.flowdeck().arg("init").assert().success().stdout(predicate::str::contains("Created"));
    assert!(sandbox.path("data/flowdeck/flowdeck.sqlite").exists());
    // Again, without a team yet and without a terminal: it says how to set the team up.
    sandbox
        .flowdeck()
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("is a flowdeck database").and(predicate::str::contains("init --team NAME")));

    let typo = sandbox.path("plannig.sqlite");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&typo)
        .arg("doctor")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no flowdeck database at"));
    sandbox.flowdeck().env("FLOWDECK_DB", &typo).assert().code(17).stderr(predicate::str::contains("flowdeck init"));
    assert!(!typo.exists());
}

#[test]
fn wrong_files_get_distinct_exit_codes_and_say_so() {
    let sandbox = common::Sandbox::new();
    let text = sandbox.path("notes.txt");
    fs::write(&text, "not a database at all, just text that is long enough").expect("write");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&text)
        .arg("init")
        .assert()
        .code(10)
        .stderr(predicate::str::contains("not an SQLite database"));

    let foreign = sandbox.path("other.sqlite");
    rusqlite::Connection::open(&foreign).expect("create").execute_batch("CREATE TABLE t (x INTEGER);").expect("table");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&foreign)
        .arg("init")
        .assert()
        .code(11)
        .stderr(predicate::str::contains("another application"));

    let future = sandbox.demo_db("future.sqlite");
    rusqlite::Connection::open(&future).expect("open").pragma_update(None, "user_version", 70).expect("bump");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&future)
        .arg("init")
        .assert()
        .code(12)
        .stderr(predicate::str::contains("schema version 70").and(predicate::str::contains("upgrade flowdeck")));

    let damaged = sandbox.demo_db("damaged.sqlite");
    rusqlite::Connection::open(&damaged)
        .expect("open")
        .pragma_update(None, "journal_mode", "DELETE")
        .expect("fold WAL");
    let mut bytes = fs::read(&damaged).expect("read");
    bytes.iter_mut().skip(100).for_each(|b| *b = 0x5A);
    fs::write(&damaged, &bytes).expect("write");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&damaged)
        .arg("init")
        .assert()
        .code(13)
        .stderr(predicate::str::contains("is damaged").and(predicate::str::contains("does not repair silently")));
    assert_eq!(fs::read(&damaged).expect("read"), bytes, "a damaged file is not touched");
}

#[test]
fn keys_lists_every_binding_from_the_keymap() {
    let sandbox = common::Sandbox::new();
    let out = sandbox.flowdeck().arg("keys").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("utf8");
    for binding in flowdeck::tui::keymap::KEYMAP {
        assert!(text.contains(binding.help), "missing '{}'", binding.help);
    }
}

#[test]
fn the_readme_key_table_is_the_generated_one() {
    let sandbox = common::Sandbox::new();
    let out = sandbox.flowdeck().args(["keys", "--format", "md"]).output().expect("run");
    let generated = String::from_utf8(out.stdout).expect("utf8");
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let section = readme
        .split("<!-- keys:start -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- keys:end -->").next())
        .expect("README has a keys section");
    assert_eq!(section.trim(), generated.trim(), "regenerate with: cargo run -- keys --format md");
}

#[test]
fn completions_and_man_page_are_printed() {
    let sandbox = common::Sandbox::new();
    sandbox.flowdeck().args(["completions", "bash"]).assert().success().stdout(predicate::str::contains("_flowdeck"));
    sandbox
        .flowdeck()
        .args(["completions", "zsh"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#compdef flowdeck"));
    sandbox.flowdeck().arg("man").assert().success().stdout(predicate::str::contains(".TH flowdeck"));
    sandbox.flowdeck().args(["config", "default"]).assert().success().stdout(predicate::str::contains("[capacity]"));
}

#[test]
fn a_closed_stdout_pipe_exits_quietly() {
    let demo = common::Sandbox::new();
    let db = demo.demo_db("d.sqlite");
    let db = db.to_str().expect("utf-8");
    let reports = [
        &["man"][..],
        &["completions", "bash"],
        &["keys"],
        &["config", "default"],
        // Reports written through the csv crate, whose errors would hide the closed pipe.
        &["--db", db, "rank", "--format", "csv"],
        &["--db", db, "project", "--format", "csv", "--trials", "100"],
        &["--db", db, "export", "--format", "csv"],
    ];
    for args in reports {
        let sandbox = common::Sandbox::new();
        let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_flowdeck"));
        cmd.args(args).env("HOME", sandbox.dir.path()).env("XDG_CONFIG_HOME", sandbox.path("c"));
        cmd.env("FLOWDECK_TODAY", common::TODAY);
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
        // Close our end before the child writes anything: every write it makes hits EPIPE.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
        let status = child.wait().expect("wait");
        assert!(status.success(), "{args:?}: {status}, stderr: {stderr}");
        assert_eq!(stderr, "", "{args:?} must say nothing");
    }
}

#[test]
fn the_tui_refuses_politely_without_a_terminal() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    sandbox
        .flowdeck()
        .arg("--db")
        .arg(&db)
        .write_stdin("")
        .assert()
        .failure()
        .stderr(predicate::str::contains("interactive terminal"));
}
