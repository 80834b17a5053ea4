//! `ui.theme = "auto"`: asks the terminal for its background colour (OSC 11) and picks the
//! light or dark palette. Terminals that do not answer within a short wait get the dark one.

use std::time::Duration;

use crate::config::Theme;

/// How long to wait for the terminal's answer: local terminals answer in a few milliseconds;
/// one that does not answer at all must not delay start-up noticeably.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(150);

/// The theme to draw with: `Auto` resolved by asking the terminal (in raw mode, before the
/// first frame), the others as configured.
pub fn resolve(theme: Theme) -> Theme {
    match theme {
        Theme::Auto => match query_background(QUERY_TIMEOUT).and_then(|answer| is_light(&answer)) {
            Some(true) => Theme::Light,
            _ => Theme::Dark,
        },
        other => other,
    }
}

/// True for a light background in an OSC 11 answer (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by
/// BEL or ST; each channel 1–4 hex digits); `None` when it is not one.
pub fn is_light(answer: &[u8]) -> Option<bool> {
    let text = std::str::from_utf8(answer).ok()?;
    let rgb = &text[text.find("rgb:")? + 4..];
    let end = rgb.find(['\u{7}', '\u{1b}']).unwrap_or(rgb.len());
    let mut channels = rgb[..end].split('/').map(|hex| {
        let digits = u32::try_from(hex.len()).ok().filter(|n| (1..=4).contains(n))?;
        let value = u32::from_str_radix(hex, 16).ok()?;
        Some(f64::from(value) / f64::from(16u32.pow(digits) - 1))
    });
    let (r, g, b) = (channels.next()??, channels.next()??, channels.next()??);
    // Relative luminance (Rec. 709 weights) on the channels as given.
    Some(0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5)
}

/// Writes the OSC 11 query to the terminal and reads its answer, waiting at most `timeout`.
/// Needs raw mode (the answer arrives as input, without Enter).
#[cfg(unix)]
fn query_background(timeout: Duration) -> Option<Vec<u8>> {
    use std::io::{IsTerminal, Write};
    use std::time::Instant;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return None;
    }
    let mut out = std::io::stdout();
    out.write_all(b"\x1b]11;?\x1b\\").ok()?;
    out.flush().ok()?;
    let deadline = Instant::now() + timeout;
    let mut answer = Vec::new();
    while answer.len() < 64 {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || super::tty_wait::wait(left).ok()? != super::tty_wait::Ready::Input {
            break;
        }
        let mut byte = [0u8; 1];
        // SAFETY: reads at most one byte into a one-byte buffer that lives across the call.
        let read = unsafe { libc::read(libc::STDIN_FILENO, byte.as_mut_ptr().cast(), 1) };
        if read != 1 {
            break;
        }
        answer.push(byte[0]);
        if byte[0] == 0x07 || answer.ends_with(b"\x1b\\") {
            return Some(answer);
        }
    }
    None
}

#[cfg(not(unix))]
fn query_background(_timeout: Duration) -> Option<Vec<u8>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_background_from_an_osc_11_answer() {
        // Solarized light (fdf6e3), a white xterm, Solarized dark (002b36), black.
        assert_eq!(is_light(b"\x1b]11;rgb:fdfd/f6f6/e3e3\x1b\\"), Some(true));
        assert_eq!(is_light(b"\x1b]11;rgb:ffff/ffff/ffff\x07"), Some(true));
        assert_eq!(is_light(b"\x1b]11;rgb:0000/2b2b/3636\x1b\\"), Some(false));
        assert_eq!(is_light(b"\x1b]11;rgb:00/00/00\x07"), Some(false));
        assert_eq!(is_light(b"\x1b]11;rgb:f/f/f\x07"), Some(true));
    }

    #[test]
    fn anything_else_is_no_answer() {
        assert_eq!(is_light(b""), None);
        assert_eq!(is_light(b"\x1b]11;rgb:zz/00/00\x07"), None);
        assert_eq!(is_light(b"\x1b]11;rgb:ffff/ffff\x07"), None);
        assert_eq!(is_light(b"\x1b]11;rgb:fffff/0/0\x07"), None);
    }

    #[test]
    fn only_auto_asks() {
        assert_eq!(resolve(Theme::Light), Theme::Light);
        assert_eq!(resolve(Theme::Dark), Theme::Dark);
    }
}
