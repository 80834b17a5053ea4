//! The terminal UI: the only module that uses ratatui and crossterm.
//!
//! Key → action (keymap) → `update(state, action)` → effects; rendering is a pure function of
//! the state; the loop is generic over the backend.

pub mod app;
pub mod debt_list;
pub mod forms;
pub mod history_scroll;
pub mod history_view;
mod job_control;
pub mod keymap;
mod overlays;
pub mod palette;
pub mod plan_list;
pub mod projection_view;
pub mod run_loop;
mod screens;
pub mod search_index;
pub mod summary;
mod table;
pub mod team_rows;
pub mod terminal;
pub mod theme;
pub mod triage;
mod tty_wait;
pub mod undo;
pub mod update;
pub mod view;
pub mod wrapped_entries;

use std::io::stdout;

use chrono::NaiveDate;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::config::Settings;
use crate::service::Session;

use app::App;
use run_loop::{run_loop, Exit, TerminalEvents};
use terminal::TerminalGuard;
use theme::Palette;

/// Opens the TUI on `session` until the user quits or a signal arrives.
pub fn run(session: &mut Session, settings: &Settings, today: NaiveDate) -> anyhow::Result<Exit> {
    run_from(session, settings, today, false)
}

/// [`run`], opening straight in triage when `triage` is true (`flowdeck triage`).
pub fn run_from(session: &mut Session, settings: &Settings, today: NaiveDate, triage: bool) -> anyhow::Result<Exit> {
    let signal = terminal::watch_signals()?;
    job_control::watch()?;
    let palette = Palette::new(settings.ui.theme, Palette::no_color_from_env());
    let db_label = session.store().label();
    // The app keeps the only copy of the workspace; the session applies saves to it no more.
    let mut app = App::with_settings(session.take_workspace(), today, db_label, palette, settings);
    app.read_only = session.is_read_only();
    app.offer_setup();
    if triage && app.overlay.is_none() {
        update::open_triage(&mut app);
    }

    let _guard = TerminalGuard::enter()
        .map_err(|e| anyhow::anyhow!("cannot open the terminal UI ({e}); it needs an interactive terminal — for scripts, use the subcommands (flowdeck --help)"))?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    run_loop(&mut terminal, &mut app, session, &mut TerminalEvents, &signal)
}
