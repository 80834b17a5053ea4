//! The command palette, through the whole headless loop on a real demo database: `:` opens it,
//! an import lands in the file and is undone by `u`, an export writes the file, and a mistake
//! is a status line, never a crash.

mod common;

use common::tui_harness::{chars, key, Harness};
use flowdeck::tui::app::Overlay;
use ratatui::crossterm::event::{Event, KeyCode};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Keys that type `command` into the palette and run it.
fn command(command: &str) -> Vec<Option<Event>> {
    let mut events = chars(":");
    events.extend(chars(command));
    events.push(key(KeyCode::Enter));
    events
}

fn count_items(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0)).expect("count")
}

#[test]
fn an_import_from_the_palette_is_saved_and_undone_like_any_change() {
    let mut h = Harness::new();
    let before = count_items(&h.db);
    let mut events = command(&format!("import {} --dry-run", fixture("jira-export.csv")));
    events.extend(command(&format!("import '{}'", fixture("jira-export.csv"))));
    events.extend(chars("q"));
    h.run(events).expect("loop");
    assert_eq!(count_items(&h.db), before + 12);
    let status = h.app.status.clone().unwrap_or_default();
    assert!(status.contains("12 items created") && status.contains("u undoes it"), "{status}");
    assert!(h.screen().contains("Imported"), "{}", h.screen());

    h.run(chars("uq")).expect("loop");
    assert_eq!(count_items(&h.db), before, "one undo takes the whole import back");
    assert!(h.app.status.clone().unwrap_or_default().contains("undone: import jira-export.csv"));
}

#[test]
fn a_bad_file_or_a_typo_is_a_status_line_and_changes_nothing() {
    let mut h = Harness::new();
    let before = count_items(&h.db);
    let mut events = command(&format!("import {}", fixture("bad-number.csv")));
    events.push(key(KeyCode::Char('q')));
    h.run(events).expect("loop");
    let status = h.app.status.clone().unwrap_or_default();
    assert!(status.starts_with("Not imported:") && status.contains("row 4"), "{status}");
    assert_eq!(count_items(&h.db), before);

    assert!(h.run(command("imprt x")).is_err(), "the palette stays open");
    let status = h.app.status.clone().unwrap_or_default();
    assert!(status.contains("unknown command \"imprt\"") && status.contains("import FILE"), "{status}");
    h.run(vec![key(KeyCode::Esc), key(KeyCode::Char('q'))]).expect("loop");
    assert!(h.app.overlay.is_none(), "Esc closed the palette");
}

#[test]
fn a_wrong_command_keeps_the_line_open_to_fix_it() {
    let mut h = Harness::new();
    // No quit in the script: the loop runs out of keys with the palette still open.
    assert!(h.run(command("export")).is_err());
    let status = h.app.status.clone().unwrap_or_default();
    assert!(status.contains("export needs a file"), "{status}");
    assert!(h.screen().contains(" : export   ✗ export needs a file"), "{}", h.screen());
    assert!(h.run(chars("q")).is_err(), "q is typed into the line, it does not quit");
    let Some(Overlay::Palette(input)) = &h.app.overlay else { panic!("the palette closed") };
    assert_eq!(input.value(), "exportq");
    assert!(!h.screen().contains("✗"), "typing clears the complaint: {}", h.screen());
}

#[test]
fn an_export_from_the_palette_writes_the_brief() {
    let mut h = Harness::new();
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("brief.md");
    let mut events = command(&format!("export {}", out.display()));
    events.extend(chars("q"));
    h.run(events).expect("loop");
    let brief = std::fs::read_to_string(&out).expect("written");
    assert!(brief.starts_with("# Sprint 48: planning brief"), "{brief}");
    assert!(h.app.status.clone().unwrap_or_default().contains("Wrote the planning brief"));
}

#[test]
fn an_export_from_the_palette_to_a_sh_file_writes_the_gh_script() {
    let mut h = Harness::new();
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("plan.sh");
    let mut events = command(&format!("export {}", out.display()));
    events.extend(chars("q"));
    h.run(events).expect("loop");
    let script = std::fs::read_to_string(&out).expect("written");
    assert!(script.starts_with("#!/bin/sh\n# The plan of sprint Sprint 48 onto GitHub"), "{script}");
    // The demo is keyed for Jira: every planned item is listed as not on GitHub, none edited.
    assert!(script.contains("# Not on GitHub, create them first (skipped):\n#   PAY-"), "{script}");
    assert!(!script.contains("gh issue edit '"), "{script}");
    assert!(h.app.status.clone().unwrap_or_default().contains("Wrote the sprint's plan as a gh script"));
}

#[test]
fn the_palette_line_draws_at_every_size_without_panic() {
    let mut h = Harness::new();
    h.app.overlay = Some(Overlay::Palette(tui_input::Input::new("import ~/exports/支払い 🚀.csv --dry-run".into())));
    for width in (1..=200).step_by(7) {
        for height in (1..=60).step_by(5) {
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
            terminal.draw(|frame| flowdeck::tui::view::render(frame, &h.app)).expect("draw");
        }
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|frame| flowdeck::tui::view::render(frame, &h.app)).expect("draw");
    let screen = terminal.backend().to_string();
    assert!(screen.contains(" : import ~/exports/支払い"), "{screen}");
    assert!(screen.contains("Enter run"), "the hints follow the palette: {screen}");
}
