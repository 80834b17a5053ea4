//! Job control from outside the TUI's own keys: `kill -TSTP <pid>` (or any SIGTSTP that is not
//! a key — in raw mode the tty sends Ctrl+Z to us as a key, and it stays undo) and SIGCONT.
//!
//! The handlers only set flags; the run loop looks at them between frames. On SIGTSTP it gives
//! the terminal back (main screen, cooked mode, cursor shown), stops for real, and once
//! continued takes the terminal again and redraws everything. A SIGCONT after a stop it did not
//! see coming (`kill -STOP`, which cannot be caught) also takes the terminal again: whoever had
//! it meanwhile (a shell) may have put it back in cooked mode.

use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use ratatui::crossterm::cursor::Hide;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen};

static SUSPEND_REQUESTED: AtomicBool = AtomicBool::new(false);
static CONTINUED: AtomicBool = AtomicBool::new(false);

/// What the run loop must do about job control since it last looked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobControl {
    Nothing,
    /// SIGTSTP: give the terminal back, then stop until SIGCONT.
    Suspend,
    /// SIGCONT after a stop by someone else: take the terminal again and redraw it all.
    Resume,
}

/// Starts listening for SIGTSTP and SIGCONT (once per process; only the real terminal does).
#[cfg(unix)]
pub fn watch() -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    static ONCE: Once = Once::new();
    let mut result = Ok(());
    ONCE.call_once(|| {
        // SAFETY: the handlers only store to an atomic, which is async-signal-safe.
        result = unsafe {
            signal_hook::low_level::register(SIGTSTP, || SUSPEND_REQUESTED.store(true, Ordering::SeqCst))
                .and_then(|_| signal_hook::low_level::register(SIGCONT, || CONTINUED.store(true, Ordering::SeqCst)))
                .map(|_| ())
        };
    });
    result
}

#[cfg(not(unix))]
pub fn watch() -> io::Result<()> {
    Ok(())
}

/// What happened since the last look (a suspend wins over a bare continue).
pub fn pending() -> JobControl {
    if SUSPEND_REQUESTED.swap(false, Ordering::SeqCst) {
        JobControl::Suspend
    } else if CONTINUED.swap(false, Ordering::SeqCst) {
        JobControl::Resume
    } else {
        JobControl::Nothing
    }
}

/// Gives the terminal back and stops the process as SIGTSTP's default would; returns once it is
/// continued, with the terminal taken again. The caller redraws everything.
pub fn suspend() -> io::Result<()> {
    super::terminal::restore();
    // SIGTSTP's default is to stop; signal-hook emulates it with SIGSTOP, which also stops a
    // process group the kernel considers orphaned (where a re-raised SIGTSTP would be dropped).
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // The SIGCONT that woke us is this very resume.
    CONTINUED.store(false, Ordering::SeqCst);
    take_again()
}

/// Raw mode and the alternate screen again. crossterm remembers it set raw mode and would do
/// nothing, but a shell may have reset the tty meanwhile, so raw mode is left and entered anew.
pub fn take_again() -> io::Result<()> {
    disable_raw_mode()?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, Clear(ClearType::All), Hide)
}
