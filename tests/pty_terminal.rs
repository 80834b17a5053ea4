//! The real binary in a pseudo-terminal, read back through a vt100 parser: what a user sees,
//! and whether the terminal is given back in the state it was found.

mod common;

use std::io::Read;
use std::num::NonZeroU16;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::{Tty, PATIENCE};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};

#[test]
fn demo_opens_switches_tabs_shows_help_and_quits_cleanly() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("demo.sqlite");
    let db = db.to_str().expect("utf-8 path");
    let mut tty = Tty::spawn(&sandbox, &["demo", "--db", db], 120, 40);
    tty.wait_for("Candidates");
    tty.wait_for("Sprint 48");
    assert!(tty.parser.lock().expect("parser").screen().alternate_screen(), "the TUI uses the alternate screen");

    tty.press("2");
    tty.wait_for("Register 15 of 15");
    tty.press("5");
    tty.wait_for("Sprint 42");
    tty.press("\t");
    tty.wait_for("Capacity split targets");

    tty.press("?");
    tty.wait_for("Esc closes");
    tty.press("?");
    tty.wait_until_gone("Esc closes");

    tty.press("q");
    let status = tty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tty.assert_restored();
}

/// Counts and points of the items planned into the demo's sprint, read from the file.
fn planned_in_db(db: &std::path::Path) -> (i64, f64) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.query_row("SELECT count(*), coalesce(sum(estimate_halves), 0) / 2.0 FROM items WHERE status = 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .expect("query")
}

#[test]
fn plans_a_sprint_with_auto_fill_and_undo_in_a_real_terminal() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("plan.sqlite");
    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8")], 120, 40);
    tty.wait_for("Candidates");
    assert_eq!(planned_in_db(&db).0, 2, "the demo starts with two items planned");

    tty.press("a");
    tty.wait_for("Auto-fill proposal");
    tty.press("y");
    tty.wait_for("Saved — auto-fill");
    let filled = planned_in_db(&db);
    assert!(filled.0 > 2 && filled.1 <= 34.5, "auto-fill saved a plan within capacity: {filled:?}");

    tty.press("u");
    tty.wait_for("undone: auto-fill");
    assert_eq!(planned_in_db(&db).0, 2, "undo put the sprint back");

    tty.press("\x12"); // Ctrl+R
    tty.wait_for("redone: auto-fill");
    assert_eq!(planned_in_db(&db), filled);

    tty.press("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
    assert_eq!(planned_in_db(&db), filled, "what the screen said is what the file holds");
}

fn signal_restores_the_terminal(signal: &str, number: u32) {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8")], 100, 30);
    tty.wait_for("Candidates");
    let pid = tty.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill").args([signal, &pid.to_string()]).status().expect("kill");
    assert!(killed.success());
    let status = tty.wait_exit();
    assert_eq!(status.exit_code(), 128 + number, "conventional exit code after {signal}");
    tty.assert_restored();
}

/// Waits until the vt100 screen is (or is no longer) the alternate one.
#[cfg(unix)]
fn wait_alternate(tty: &Tty, on: bool) {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if tty.parser.lock().expect("parser").screen().alternate_screen() == on {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("alternate screen never became {on}; the screen was:\n{}", tty.screen());
}

/// `kill -TSTP` from outside (Ctrl+Z is undo in raw mode, so only a signal suspends): the
/// terminal is given back while stopped, and `kill -CONT` brings the whole screen back, keys
/// acting at once (raw mode) and q still restoring the terminal.
#[cfg(unix)]
#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8")], 80, 24);
    tty.wait_for("Candidates");
    let pid = tty.child.process_id().expect("pid").to_string();
    let kill = |signal: &str| {
        let status = std::process::Command::new("kill").args([signal, &pid]).status().expect("kill");
        assert!(status.success(), "kill {signal} {pid}");
    };

    kill("-TSTP");
    wait_alternate(&tty, false);
    assert!(!tty.parser.lock().expect("parser").screen().hide_cursor(), "the cursor is shown while stopped");
    assert!(!tty.screen().contains("Candidates"), "the main screen is back, not the TUI");
    // Stopped, not ended: it is still there to continue.
    assert!(tty.child.try_wait().expect("try_wait").is_none(), "flowdeck ended instead of stopping");

    kill("-CONT");
    wait_alternate(&tty, true);
    // Redrawn in full: the alternate screen was cleared on the way in, so a diff-only draw
    // would leave it blank.
    tty.wait_for("Candidates");
    tty.wait_for("Sprint 48");
    // Raw mode again: a single key acts without Enter.
    tty.press("2");
    tty.wait_for("Register");
    tty.press("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("-TERM", 15);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("-HUP", 1);
}

#[test]
fn a_tiny_terminal_shows_a_notice_and_still_quits() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8")], 40, 12);
    tty.wait_for("Terminal too small");
    tty.press("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
}

#[test]
fn closing_the_terminal_ends_flowdeck_instead_of_leaving_it_spinning() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("demo.sqlite");
    let pair = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_flowdeck"));
    cmd.args(["demo", "--db", db.to_str().expect("utf-8 path")]);
    cmd.cwd(sandbox.dir.path());
    cmd.env("XDG_CONFIG_HOME", sandbox.path("config"));
    cmd.env("XDG_DATA_HOME", sandbox.path("data"));
    cmd.env("FLOWDECK_TODAY", common::TODAY);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn flowdeck");
    drop(pair.slave);
    // Read in this thread (no clone left behind) until the TUI is up.
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut parser = vt100::Parser::new(NonZeroU16::MIN.saturating_add(23), NonZeroU16::MIN.saturating_add(79), 0);
    let mut buf = [0u8; 8192];
    while !parser.screen().contents().contains("Candidates") {
        let n = reader.read(&mut buf).expect("read the screen");
        assert!(n > 0, "flowdeck closed the terminal early");
        parser.process(&buf[..n]);
    }
    // The window closes: every handle on the pty's master side goes away.
    drop(reader);
    drop(pair.master);
    let start = Instant::now();
    let exited = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break Some(status);
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            break None;
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert!(exited.is_some(), "flowdeck kept running after its terminal closed");
    let conn = rusqlite::Connection::open(&db).expect("the database is still there");
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).expect("quick_check");
    assert_eq!(ok, "ok");
}
