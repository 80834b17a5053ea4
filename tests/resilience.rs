//! The resilience suite: every fault a manager's machine can throw at flowdeck, through the
//! real binary (and the real terminal where it matters). Each test says what must hold.

mod common;

use std::path::Path;

use common::pty::Tty;
use common::tui_harness::{chars, ctrl, key, Harness};
use predicates::prelude::*;
use ratatui::crossterm::event::KeyCode;

fn title_of(db: &Path, key: &str) -> String {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT title FROM items WHERE external_key = ?1", [key], |r| r.get(0)).expect("title")
}

/// Two flowdecks, one item: the TUI opens the item's form, the other process saves the same
/// item, and the TUI's save is refused and explained — the other process's title survives.
#[test]
fn a_form_saved_over_a_row_someone_else_changed_is_refused_not_silently_applied() {
    let mut h = Harness::new();
    let first = h.app.plan.row(0).map(|r| r.id).expect("a candidate");
    let item_key = h.app.workspace.item(first).and_then(|i| i.key.clone()).expect("a key");
    // The other process saves the item; this TUI has not looked yet.
    let other = rusqlite::Connection::open(&h.db).expect("second connection");
    other
        .execute(
            "UPDATE items SET title = 'Renamed by the other process', version = version + 1 WHERE external_key = ?1",
            [&item_key],
        )
        .expect("the other edit");
    // e: the form opens on the item as this TUI knew it; an idle tick then reloads (the other
    // commit is noticed); typing and Enter save the form.
    let mut events = vec![key(KeyCode::Char('e')), None];
    events.extend(chars(" (mine)"));
    events.push(key(KeyCode::Enter));
    // Ctrl+C in a form asks before quitting (the typing would be lost); y quits.
    events.extend([ctrl('c'), key(KeyCode::Char('y'))]);
    h.run(events).expect("loop");
    assert_eq!(title_of(&h.db, &item_key), "Renamed by the other process", "nothing of theirs is lost");
    let screen = h.screen();
    assert!(screen.contains("was changed by someone else meanwhile"), "the user is told: {screen}");
}

/// A hostile title (terminal escapes, a bidi override) stored by some other tool never reaches
/// the terminal: not through the reports, not through the TUI.
#[test]
fn escape_sequences_in_titles_never_reach_the_terminal() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let evil = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mred\u{202e}txt.exe";
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute("UPDATE items SET title = ?1 WHERE external_key = 'PAY-1117'", [evil]).expect("plant");
    drop(conn);
    for args in [
        vec!["rank", "--limit", "5"],
        vec!["rank", "--limit", "5", "--format", "csv"],
        vec!["rank", "--format", "json"],
        vec!["split", "--format", "md"],
        vec!["history"],
    ] {
        let out = sandbox.on(&db).args(&args).output().expect("run");
        assert!(out.status.success(), "{args:?}");
        assert!(!out.stdout.contains(&0x1b), "{args:?} printed an escape byte");
        assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{202e}'), "{args:?} printed a bidi override");
    }
    let text = sandbox.on(&db).args(["rank", "--limit", "5"]).output().expect("run");
    assert!(String::from_utf8_lossy(&text.stdout).contains("Evil]0;pwned[2J[31mredtxt.exe"), "shown, defused");

    let mut tty = Tty::spawn(&sandbox, &["--db", db.to_str().expect("utf-8")], 120, 40);
    // Had the escapes reached the terminal, it would have swallowed "]0;pwned" as a window
    // title and cleared the screen: the defused text on an intact screen shows they did not.
    tty.wait_for("Evil]0;pwned");
    assert!(tty.screen().contains("Candidates"), "the screen was not cleared");
    tty.press("q");
    assert!(tty.wait_exit().success());
}

/// A database on read-only storage opens in read-only mode: the banner says so, reports work,
/// and an edit is refused with a reason instead of failing later.
#[test]
fn read_only_storage_opens_read_only_with_a_banner() {
    let sandbox = common::Sandbox::new();
    let dir = sandbox.path("ro");
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("d.sqlite");
    sandbox.flowdeck().args(["demo", "--no-tui", "--db"]).arg(&db).assert().success();
    let db_text = db.to_str().expect("utf-8").to_string();
    let dir_text = dir.to_str().expect("utf-8").to_string();
    // Root ignores file permissions, so as root the folder becomes a read-only mount in a
    // private mount namespace; otherwise the file is simply made read-only.
    let root = unsafe { libc::geteuid() } == 0;
    let flowdeck = env!("CARGO_BIN_EXE_flowdeck");
    let script = format!(
        "mount --bind '{dir_text}' '{dir_text}' && mount -o remount,ro,bind '{dir_text}' && exec '{flowdeck}' --db '{db_text}' \"$@\""
    );
    let run = |args: &[&str]| -> std::process::Output {
        let mut cmd = if root {
            let mut c = std::process::Command::new("unshare");
            c.args(["--mount", "sh", "-c", &script, "sh"]).args(args);
            c
        } else {
            let mut c = std::process::Command::new(flowdeck);
            c.arg("--db").arg(&db).args(args);
            c
        };
        cmd.env("FLOWDECK_TODAY", common::TODAY).env("XDG_CONFIG_HOME", sandbox.path("config"));
        cmd.output().expect("run")
    };
    if root {
        let probe = run(&["doctor"]);
        if String::from_utf8_lossy(&probe.stderr).contains("unshare") {
            eprintln!("skipped: this machine allows no private mounts (unshare failed)");
            return;
        }
    } else {
        let mut perms = std::fs::metadata(&db).expect("meta").permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&db, perms).expect("chmod");
    }
    let doctor = run(&["doctor"]);
    assert!(doctor.status.success(), "{}", String::from_utf8_lossy(&doctor.stderr));
    assert!(String::from_utf8_lossy(&doctor.stdout).contains("read-only"));
    assert!(run(&["rank", "--limit", "3"]).status.success(), "reports still work");
    let write = run(&["sprint", "start"]);
    assert_eq!(write.status.code(), Some(14), "{}", String::from_utf8_lossy(&write.stderr));
    assert!(String::from_utf8_lossy(&write.stderr).contains("is read-only"));

    let mut tty = if root {
        Tty::spawn_program(&sandbox, "unshare", &["--mount", "sh", "-c", &script, "sh"], 120, 40)
    } else {
        Tty::spawn(&sandbox, &["--db", &db_text], 120, 40)
    };
    tty.wait_for("READ-ONLY");
    tty.press(" ");
    tty.wait_for("Read-only database: nothing can be changed");
    tty.press("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
}

/// Another program holds the write lock: flowdeck waits for the configured time, then says
/// what happened and exits 15; nothing is half-written.
#[test]
fn a_locked_database_is_reported_after_the_busy_timeout() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("d.sqlite");
    let config = sandbox.path("fast.toml");
    std::fs::write(&config, "[storage]\nbusy_timeout_ms = 300\n").expect("config");
    let holder = rusqlite::Connection::open(&db).expect("open");
    holder.execute_batch("BEGIN IMMEDIATE").expect("take the write lock");
    sandbox
        .on(&db)
        .arg("--config")
        .arg(&config)
        .args(["sprint", "new"])
        .assert()
        .code(15)
        .stderr(predicate::str::contains("locked"))
        .stderr(predicate::str::contains("300 ms"));
    holder.execute_batch("ROLLBACK").expect("release");
    let sprints: i64 = holder.query_row("SELECT count(*) FROM sprints", [], |r| r.get(0)).expect("count");
    assert_eq!(sprints, 7, "no sprint was added");
    sandbox.on(&db).args(["sprint", "new"]).assert().success();
}

/// Items and integrity of a database file, read with a plain SQLite connection.
fn count_and_check(db: &Path) -> (i64, String) {
    let conn = rusqlite::Connection::open(db).expect("open after the fault");
    let count = conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0)).expect("count");
    let check = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).expect("quick_check");
    (count, check)
}

/// A big flowdeck CSV of generated items (made by the real binary: dev gen, then export).
fn generated_csv(sandbox: &common::Sandbox, items: &str) -> std::path::PathBuf {
    let gen = sandbox.path("gen.sqlite");
    let csv = sandbox.path("items.csv");
    sandbox.on(&gen).args(["dev", "gen", "--items", items]).assert().success();
    sandbox.on(&gen).args(["export", "--format", "csv", "--out"]).arg(&csv).assert().success();
    csv
}

/// `flowdeck import` killed with SIGKILL at 24 points spread over its run: every time the file
/// passes `quick_check` and holds all the imported rows or none of them.
#[test]
fn an_import_killed_at_any_point_leaves_all_rows_or_none() {
    use std::time::{Duration, Instant};
    let sandbox = common::Sandbox::new();
    let csv = generated_csv(&sandbox, "20000");
    let pristine = sandbox.demo_db("pristine.sqlite");
    let (base, _) = count_and_check(&pristine);
    let import = |db: &Path| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_flowdeck"));
        cmd.arg("--db").arg(db).arg("import").arg(&csv);
        cmd.env("FLOWDECK_TODAY", common::TODAY).env("XDG_CONFIG_HOME", sandbox.path("config"));
        cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        cmd.spawn().expect("spawn import")
    };
    // One whole run sets the spread of the kill points.
    let whole = sandbox.path("whole.sqlite");
    std::fs::copy(&pristine, &whole).expect("copy");
    let started = Instant::now();
    assert!(import(&whole).wait().expect("wait").success());
    let span = started.elapsed().as_millis().max(50) as u64;
    assert_eq!(count_and_check(&whole), (base + 20_000, "ok".to_string()));

    let (mut none, mut all, mut killed) = (0, 0, 0);
    for trial in 0..24u64 {
        let db = sandbox.path(&format!("kill-{trial}.sqlite"));
        std::fs::copy(&pristine, &db).expect("copy");
        let mut child = import(&db);
        // Spread over 110% of a whole run, in a scrambled order.
        std::thread::sleep(Duration::from_millis((trial * 7 % 24) * span * 110 / 100 / 24));
        if child.try_wait().expect("try_wait").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reap");
        let (count, check) = count_and_check(&db);
        assert_eq!(check, "ok", "trial {trial}: the file is damaged");
        match count - base {
            0 => none += 1,
            20_000 => all += 1,
            partial => panic!("trial {trial}: {partial} of 20000 rows landed"),
        }
    }
    eprintln!("24 kills over {span} ms: {killed} during the import; {none} left no rows, {all} all rows");
    assert!(killed >= 12, "most kills must land while the import runs ({killed} of 24; none {none}, all {all})");
}

/// The disk fills up during an import (the file capped a few pages above its size): a clear
/// message, exit 16, and the database exactly as it was.
#[test]
fn a_full_disk_during_an_import_is_reported_and_loses_nothing() {
    let sandbox = common::Sandbox::new();
    let csv = generated_csv(&sandbox, "5000");
    let db = sandbox.demo_db("d.sqlite");
    let (before, _) = count_and_check(&db);
    let pages: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("PRAGMA page_count", [], |r| r.get(0)))
        .expect("page count");
    sandbox
        .on(&db)
        .env("FLOWDECK_MAX_PAGE_COUNT", (pages + 5).to_string())
        .arg("import")
        .arg(&csv)
        .assert()
        .code(16)
        .stderr(predicate::str::contains("is full; nothing was saved"));
    assert_eq!(count_and_check(&db), (before, "ok".to_string()));
    // With room again, the same import goes through.
    sandbox.on(&db).arg("import").arg(&csv).assert().success();
    assert_eq!(count_and_check(&db).0, before + 5000);
}
