//! The terminal UI: the only module that uses ratatui and crossterm.
//!
//! Key → action (keymap) → `update(state, action)` → effects; rendering is a pure function of
//! the state; the loop is generic over the backend.

pub mod app;
pub mod background;
pub mod debt_list;
pub mod forms;
pub mod history_view;
pub mod keymap;
mod overlays;
pub mod palette;
pub mod plan_list;
pub mod projection_view;
pub mod run_loop;
mod screens;
pub mod summary;
mod table;
pub mod team_rows;
pub mod terminal;
pub mod theme;
mod tty_wait;
pub mod undo;
pub mod update;
pub mod view;

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
    let signal = terminal::watch_signals()?;
    let db_label = session
        .store()
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| session.store().path().display().to_string());
    let _guard = TerminalGuard::enter()
        .map_err(|e| anyhow::anyhow!("cannot open the terminal UI ({e}); it needs an interactive terminal — for scripts, use the subcommands (flowdeck --help)"))?;
    // In raw mode now, so an `auto` theme can ask the terminal for its background.
    let palette = Palette::new(background::resolve(settings.ui.theme), Palette::no_color_from_env());
    let mut app = App::with_settings(session.workspace().clone(), today, db_label, palette, settings);
    app.read_only = session.is_read_only();

    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    run_loop(&mut terminal, &mut app, session, &mut TerminalEvents, &signal)
}
