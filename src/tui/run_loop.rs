//! The event loop, generic over the ratatui backend and the event source so the whole loop
//! runs headless in tests.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::Terminal;

use crate::service::Session;

use super::app::App;
use super::keymap;
use super::update::{update, Effect};
use super::view;

/// How often the loop wakes without input: to notice signals and other processes' commits.
const TICK: Duration = Duration::from_millis(250);

pub trait EventSource {
    /// The next event, or `None` when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Scripted events for tests (`None` is an idle tick); running out of them is an error, so a
/// test cannot hang.
pub struct ScriptedEvents(pub VecDeque<Option<Event>>);

impl EventSource for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        self.0.pop_front().ok_or_else(|| io::Error::other("scripted events ran out before quit"))
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(usize),
}

pub fn run_loop<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    session: &mut Session,
    events: &mut impl EventSource,
    signal: &AtomicUsize,
) -> anyhow::Result<Exit>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    loop {
        let size = terminal.size()?;
        app.page_rows = usize::from(size.height.saturating_sub(7)).max(1);
        terminal.draw(|frame| view::render(frame, app))?;

        match signal.load(Ordering::Relaxed) {
            0 => {}
            received => return Ok(Exit::Signal(received)),
        }
        match events.next(TICK)? {
            // Only presses: releases and repeats (kitty protocol, Windows) would act twice.
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                if let Some(action) = keymap::resolve(&key, app.help_open) {
                    if update(app, action).contains(&Effect::Quit) {
                        return Ok(Exit::Quit);
                    }
                }
            }
            Some(_) => {}
            None => {
                if session.refresh_if_changed()? {
                    app.workspace = session.workspace().clone();
                    app.status = Some("Reloaded: another flowdeck saved changes.".into());
                }
            }
        }
    }
}
