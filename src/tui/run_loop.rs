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
use crate::storage::StoreError;

use super::app::App;
use super::job_control::JobControl;
use super::keymap;
use super::undo::Step;
use super::update::{mode, update, Effect};
use super::view;

/// How often the loop wakes without input: to notice signals and other processes' commits.
const TICK: Duration = Duration::from_millis(250);

/// How long the loop waits for a key before doing work the first frame put off (see
/// `App::idle`): short, so it is done before a person has typed, long enough to let a key
/// already on its way go first.
const IDLE_AFTER: Duration = Duration::from_millis(20);

pub trait EventSource {
    /// The next event, or `None` when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        // crossterm may hold events it already read (a paste, an escape sequence): those first.
        // Every crossterm call is made only after the terminal was seen alive (see tty_wait).
        if super::tty_wait::wait(Duration::ZERO).is_ok() && event::poll(Duration::ZERO)? {
            return event::read().map(Some);
        }
        match super::tty_wait::wait(timeout)? {
            super::tty_wait::Ready::Idle => Ok(None),
            super::tty_wait::Ready::Input if event::poll(timeout)? => event::read().map(Some),
            super::tty_wait::Ready::Input => Ok(None),
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
    /// Not an exit: the loop goes on (returned by `perform`).
    Running,
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
        // Job control (flags set only when the real terminal is in use, see job_control):
        // after either, the screen is drawn from scratch, not as a diff of what was there.
        match super::job_control::pending() {
            JobControl::Nothing => {}
            JobControl::Suspend => {
                super::job_control::suspend()?;
                redraw_from_scratch(terminal)?;
            }
            JobControl::Resume => {
                super::job_control::take_again()?;
                redraw_from_scratch(terminal)?;
            }
        }
        let size = terminal.size()?;
        app.page_rows = usize::from(size.height.saturating_sub(7)).max(1);
        terminal.draw(|frame| view::render(frame, app))?;

        match signal.load(Ordering::Relaxed) {
            0 => {}
            received => return Ok(Exit::Signal(received)),
        }
        let wait = if app.has_idle_work() { IDLE_AFTER } else { TICK };
        match events.next(wait)? {
            // Only presses: releases and repeats (kitty protocol, Windows) would act twice.
            Some(Event::Key(key)) if key.kind == KeyEventKind::Press => {
                if let Some(action) = resolve_key(app, &key) {
                    let effects = update(app, action);
                    if perform(app, session, effects)? == Exit::Quit {
                        return Ok(Exit::Quit);
                    }
                }
            }
            Some(_) => {}
            None => {
                app.idle();
                match session.refresh_if_changed() {
                    Ok(true) => {
                        app.reloaded(session.take_workspace());
                        app.status = Some("Reloaded: another flowdeck saved changes.".into());
                    }
                    Ok(false) => {}
                    // A shared store's server may go away; what is on screen stays, and a
                    // save says plainly that it was not saved.
                    // Said once, not over a later message (a refused save's reason).
                    Err(err) if app.status.is_none() => {
                        let text = err.to_string();
                        app.status = Some(format!(
                            "Cannot look for others' changes: {}",
                            text.lines().next().unwrap_or("unknown error")
                        ));
                    }
                    Err(_) => {}
                }
            }
        }
    }
}

/// Clears the screen and forgets what ratatui last drew, so the next frame is drawn in full (at
/// the terminal's size now: it may have changed while stopped). `Terminal::clear` would do,
/// but it first asks the terminal where the cursor is, and a terminal that does not answer
/// makes it fail; `resize` clears the same way without asking.
fn redraw_from_scratch<B>(terminal: &mut Terminal<B>) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size()?;
    terminal.resize(size.into())?;
    Ok(())
}

/// Carries out the effects of one key: saves go through the session, one transaction each.
/// A refused save is a status message (after a conflict, with the other process's data shown),
/// never an exit: the user's work is safe and the loop goes on.
pub fn perform(app: &mut App, session: &mut Session, effects: Vec<Effect>) -> anyhow::Result<Exit> {
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(Exit::Quit),
            Effect::Command(command) => super::palette::perform(app, session, command),
            Effect::Save(set, step) => match session.apply(&set) {
                Ok(committed) => app.saved(committed, step),
                Err(StoreError::Conflict { what }) => {
                    app.reloaded(session.take_workspace());
                    if step != Step::Do {
                        app.history.discard(step);
                    }
                    app.status = Some(match &mut app.overlay {
                        // A form keeps the typing and shows the other version beside it.
                        Some(super::app::Overlay::Form(form)) => {
                            form.conflicted(&app.workspace, app.today);
                            format!(
                                "Not saved: {what} was changed by someone else meanwhile. Theirs is shown beside \
                                 yours: Enter saves yours over it, Ctrl+T takes theirs."
                            )
                        }
                        _ => format!(
                            "Not saved: {what} was changed by someone else meanwhile; showing their version now."
                        ),
                    });
                }
                Err(err) => {
                    // The first line says what happened; the rest is advice for the CLI.
                    let text = err.to_string();
                    app.status = Some(format!("Not saved: {}", text.lines().next().unwrap_or("unknown error")));
                }
            },
        }
    }
    Ok(Exit::Running)
}

/// The action a key means now. The import notes box answers to the dialog keys (Enter, Esc, y,
/// n close it; j/k scroll); any other key closes it and acts on the screen behind, so a box the
/// user did not wait for never swallows what they typed next.
fn resolve_key(app: &App, key: &event::KeyEvent) -> Option<keymap::Action> {
    if matches!(app.overlay, Some(super::app::Overlay::Notes { .. })) {
        return keymap::resolve(key, keymap::Mode::Dialog).or_else(|| keymap::resolve(key, mode(app)));
    }
    keymap::resolve(key, mode(app))
}
