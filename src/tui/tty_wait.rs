//! Waiting for the terminal without spinning when it goes away.
//!
//! crossterm 0.29 busy-loops inside `event::poll` once its tty has hung up (read returns 0 for
//! ever; crossterm#793, fix pending in crossterm#1067), and never returns even with a timeout:
//! a closed terminal window would leave flowdeck burning a core. So the loop waits on the
//! terminal itself with poll(2) and only asks crossterm to read when there is input — and a
//! hang-up becomes an error that ends the loop and restores what can be restored.

use std::io;
use std::time::Duration;

/// What the terminal has for us after waiting up to `timeout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ready {
    /// Bytes to read (or a signal interrupted the wait: the caller looks again).
    Input,
    /// Nothing within the timeout.
    Idle,
}

/// Waits on standard input when it is the terminal crossterm reads. `Err(UnexpectedEof)` when
/// it has hung up. Elsewhere (not a tty, not unix) it says `Input` and leaves it to crossterm.
#[cfg(unix)]
pub fn wait(timeout: Duration) -> io::Result<Ready> {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() {
        return Ok(Ready::Input);
    }
    let mut fds = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, its count is 1, and it lives across the call.
    let found = unsafe { libc::poll(&mut fds, 1, millis) };
    if found < 0 {
        let err = io::Error::last_os_error();
        return if err.kind() == io::ErrorKind::Interrupted { Ok(Ready::Input) } else { Err(err) };
    }
    if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal hung up"));
    }
    Ok(if found == 0 { Ready::Idle } else { Ready::Input })
}

#[cfg(not(unix))]
pub fn wait(_timeout: Duration) -> io::Result<Ready> {
    Ok(Ready::Input)
}
