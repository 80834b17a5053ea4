//! Entering and leaving the full-screen terminal, on every path out: normal exit, `?` errors
//! (the guard's Drop), panics (a hook installed before raw mode) and SIGTERM/SIGHUP (a flag the
//! run loop checks, so the guard still drops).

use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::Duration;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// `restore` for the watchdog thread. The main thread holds stdout's lock for as long as a
/// command runs (the CLI writes through a `StdoutLock`), so this writes to a duplicate of the
/// descriptor instead of waiting for a lock that is never released.
fn restore_from_another_thread() {
    let _ = disable_raw_mode();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = stdout().as_fd().try_clone_to_owned() {
            let mut tty = std::fs::File::from(fd);
            let _ = execute!(tty, LeaveAlternateScreen, Show);
        }
    }
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Holds the terminal in raw mode on the alternate screen until dropped.
pub struct TerminalGuard {
    _private: (),
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let guard = TerminalGuard { _private: () };
        execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All), Hide)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Set by SIGTSTP (`kill -TSTP`, or a shell's suspend outside the TUI's own keys: Ctrl+Z is
/// undo, as raw mode sends it as a key) and SIGCONT; the run loop acts on them.
static SUSPEND_REQUESTED: AtomicBool = AtomicBool::new(false);
static RESUMED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
fn watch_job_control() -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    // SAFETY: the handlers only store to an atomic, which is async-signal-safe.
    unsafe {
        signal_hook::low_level::register(SIGTSTP, || SUSPEND_REQUESTED.store(true, Ordering::SeqCst))?;
        signal_hook::low_level::register(SIGCONT, || RESUMED.store(true, Ordering::SeqCst))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn watch_job_control() -> io::Result<()> {
    Ok(())
}

/// What the run loop must do about job control since it last looked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobControl {
    Nothing,
    /// SIGTSTP: give the terminal back, then stop until SIGCONT.
    Suspend,
    /// SIGCONT (after a stop by anyone): take the terminal again and redraw it all.
    Resume,
}

pub fn job_control() -> JobControl {
    if SUSPEND_REQUESTED.swap(false, Ordering::SeqCst) {
        JobControl::Suspend
    } else if RESUMED.swap(false, Ordering::SeqCst) {
        JobControl::Resume
    } else {
        JobControl::Nothing
    }
}

/// Restores the terminal (main screen, cooked mode, cursor) and stops the process as SIGTSTP
/// would have; returns once it is continued, with the terminal taken again.
pub fn suspend() -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    RESUMED.store(false, Ordering::SeqCst);
    take_again()
}

/// Raw mode and the alternate screen again (after SIGCONT); the caller redraws everything.
pub fn take_again() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All), Hide)
}

/// How long the run loop has to notice a signal and end cleanly before the watchdog ends the
/// process itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// Records SIGTERM or SIGHUP (their numbers) instead of dying on them, so the loop can end
/// cleanly and the guard can restore the terminal.
///
/// A watchdog thread backs the flag up: when a hung-up terminal traps the loop inside
/// crossterm's `poll` (it spins on a dead tty, crossterm#793, whatever the timeout) the flag is
/// never read, so after a grace period the watchdog restores the terminal and exits with
/// 128 + n itself. Every write is its own SQLite transaction, so ending there loses nothing.
pub fn watch_signals() -> io::Result<Arc<AtomicUsize>> {
    watch_job_control()?;
    let received = Arc::new(AtomicUsize::new(0));
    let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
    for signal in signals {
        signal_hook::flag::register_usize(signal, Arc::clone(&received), signal as usize)?;
    }
    let mut watched = signal_hook::iterator::Signals::new(signals)?;
    std::thread::Builder::new().name("signal-watchdog".into()).spawn(move || {
        if let Some(signal) = watched.forever().next() {
            std::thread::sleep(SIGNAL_GRACE);
            restore_from_another_thread();
            std::process::exit(128 + signal);
        }
    })?;
    Ok(received)
}
