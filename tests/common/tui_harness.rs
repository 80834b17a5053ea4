//! The whole TUI loop, headless: a real session on a temp demo database, scripted keys, and a
//! TestBackend standing in for the terminal.

use std::collections::VecDeque;
use std::sync::atomic::AtomicUsize;

use flowdeck::config::Theme;
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};
use flowdeck::tui::app::App;
use flowdeck::tui::run_loop::{run_loop, Exit, ScriptedEvents};
use flowdeck::tui::theme::Palette;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

pub fn key(code: KeyCode) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn chars(s: &str) -> Vec<Option<Event>> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

pub struct Harness {
    _sandbox: super::Sandbox,
    pub db: std::path::PathBuf,
    pub session: Session,
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn new() -> Harness {
        let sandbox = super::Sandbox::new();
        let db = sandbox.demo_db("loop.sqlite");
        Harness::on(sandbox, db)
    }

    /// On a new, empty database (`flowdeck init`), as a new user starts: the set-up is offered.
    pub fn empty() -> Harness {
        let sandbox = super::Sandbox::new();
        let db = sandbox.path("team.sqlite");
        sandbox.on(&db).arg("init").assert().success();
        let mut h = Harness::on(sandbox, db);
        h.app.offer_setup();
        h
    }

    fn on(sandbox: super::Sandbox, db: std::path::PathBuf) -> Harness {
        let mut session =
            Session::open(&db, OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 500 }).expect("open demo");
        // As the TUI does: the app keeps the only copy of the workspace.
        let app =
            App::new(session.take_workspace(), super::today(), "loop.sqlite".into(), Palette::new(Theme::Dark, false));
        let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        Harness { _sandbox: sandbox, db, session, app, terminal }
    }

    pub fn run(&mut self, events: Vec<Option<Event>>) -> anyhow::Result<Exit> {
        let mut script = ScriptedEvents(VecDeque::from(events));
        run_loop(&mut self.terminal, &mut self.app, &mut self.session, &mut script, &AtomicUsize::new(0))
    }

    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }
}

pub fn ctrl(c: char) -> Option<Event> {
    Some(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}
