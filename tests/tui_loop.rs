//! The whole TUI loop, headless: scripted keys, a real session on a temp SQLite file, and a
//! TestBackend standing in for the terminal.

mod common;

use std::collections::VecDeque;
use std::sync::atomic::AtomicUsize;

use flowdeck::config::Theme;
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};
use flowdeck::tui::app::{App, Tab};
use flowdeck::tui::run_loop::{run_loop, Exit, ScriptedEvents};
use flowdeck::tui::theme::Palette;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::Terminal;

fn key(code: KeyCode) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn chars(s: &str) -> Vec<Option<Event>> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

struct Harness {
    _sandbox: common::Sandbox,
    db: std::path::PathBuf,
    session: Session,
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Harness {
    fn new() -> Harness {
        let sandbox = common::Sandbox::new();
        let db = sandbox.demo_db("loop.sqlite");
        let session =
            Session::open(&db, OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 500 }).expect("open demo");
        let app = App::new(
            session.workspace().clone(),
            common::today(),
            "loop.sqlite".into(),
            Palette::new(Theme::Dark, false),
        );
        let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        Harness { _sandbox: sandbox, db, session, app, terminal }
    }

    fn run(&mut self, events: Vec<Option<Event>>) -> anyhow::Result<Exit> {
        let mut script = ScriptedEvents(VecDeque::from(events));
        run_loop(&mut self.terminal, &mut self.app, &mut self.session, &mut script, &AtomicUsize::new(0))
    }

    fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }
}

#[test]
fn keys_drive_tabs_selection_and_help_then_quit() {
    let mut h = Harness::new();
    let mut events = chars("2jj?");
    events.push(key(KeyCode::Esc));
    events.extend(chars("5Gq"));
    assert_eq!(h.run(events).expect("loop"), Exit::Quit);
    assert_eq!(h.app.tab, Tab::History);
    assert_eq!(h.app.selected[Tab::Debt.index()], 2);
    assert_eq!(h.app.selected[Tab::History.index()], 6, "G went to the last of 7 sprints");
    assert!(!h.app.help_open);
    let screen = h.screen();
    assert!(screen.contains("Sprints (7)"), "{screen}");
    assert!(screen.contains("▶ Sprint 48"), "{screen}");
}

#[test]
fn key_releases_and_repeats_do_not_act_twice() {
    let mut h = Harness::new();
    let release = KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    let events = vec![key(KeyCode::Char('j')), Some(Event::Key(release)), key(KeyCode::Char('q'))];
    h.run(events).expect("loop");
    assert_eq!(h.app.selected[Tab::Plan.index()], 1);
}

#[test]
fn another_process_commit_is_noticed_and_shown() {
    let mut h = Harness::new();
    let other = rusqlite::Connection::open(&h.db).expect("second connection");
    other
        .execute("UPDATE members SET name = 'Renamed Elsewhere', version = version + 1 WHERE id = 1", [])
        .expect("edit");
    let mut events = chars("6");
    events.push(None); // an idle tick: the loop polls data_version
    events.extend(chars("q"));
    h.run(events).expect("loop");
    let screen = h.screen();
    assert!(screen.contains("Renamed Elsewhere"), "{screen}");
    assert!(screen.contains("another flowdeck saved changes"), "{screen}");
}

#[test]
fn running_out_of_script_is_an_error_not_a_hang() {
    let mut h = Harness::new();
    assert!(h.run(chars("2")).is_err());
}
