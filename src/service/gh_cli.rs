//! Running GitHub's `gh` CLI: the one place flowdeck starts another program. `pull github` and
//! `push github` use whatever `gh auth login` set up, so flowdeck itself holds no token. Behind
//! a trait, so the sync logic can be tested without a process.

use std::fmt;
use std::io::ErrorKind;
use std::process::{Command, Stdio};

use crate::domain::text::sanitize_line;

/// Why a `gh` call gave no usable output.
#[derive(Debug, Clone, PartialEq)]
pub enum GhError {
    /// `gh` is not on PATH.
    Missing,
    /// gh ran and exited non-zero (not logged in, no such repository, GitHub refused).
    Failed {
        /// The command as typed, for the message.
        command: String,
        code: Option<i32>,
        /// gh's stderr, trimmed (its own reason).
        stderr: String,
    },
    /// gh could not be started for another reason.
    Start(String),
}

impl GhError {
    /// gh's first stderr line (or what went wrong), for one line per failed issue.
    pub fn first_line(&self) -> String {
        match self {
            GhError::Failed { stderr, code, .. } => match stderr.lines().map(str::trim).find(|l| !l.is_empty()) {
                Some(line) => sanitize_line(line),
                None => format!("gh exited with {}", code.map_or("a signal".to_string(), |c| format!("code {c}"))),
            },
            other => other.to_string(),
        }
    }

    /// gh's message looks like a missing or expired login.
    fn is_auth(&self) -> bool {
        let GhError::Failed { stderr, .. } = self else { return false };
        let s = stderr.to_ascii_lowercase();
        ["gh auth login", "not logged", "authentication", "bad credentials", "http 401", "gh_token"]
            .iter()
            .any(|w| s.contains(w))
    }
}

impl fmt::Display for GhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GhError::Missing => f.write_str(
                "gh (GitHub CLI) is not installed or not on PATH: install it from https://cli.github.com \
                 and log in with `gh auth login`",
            ),
            GhError::Failed { command, code, stderr } => {
                let how = code.map_or("was ended by a signal".to_string(), |c| format!("exited with {c}"));
                write!(f, "`{command}` {how}")?;
                let said: Vec<String> =
                    stderr.lines().map(sanitize_line).filter(|l| !l.trim().is_empty()).take(5).collect();
                if !said.is_empty() {
                    write!(f, ": {}", said.join(" / "))?;
                }
                if self.is_auth() {
                    f.write_str(" — log in with `gh auth login` (or set GH_TOKEN), then try again")?;
                }
                Ok(())
            }
            GhError::Start(why) => write!(f, "cannot run gh: {why}"),
        }
    }
}

/// Something that runs `gh ARGS…` and returns its stdout.
pub trait Gh {
    fn run(&self, args: &[String]) -> Result<Vec<u8>, GhError>;
}

/// The `gh` on PATH. Its stdin is closed and prompts are off, so it never waits for an answer
/// flowdeck cannot give; its stderr is kept for the message.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemGh;

impl Gh for SystemGh {
    fn run(&self, args: &[String]) -> Result<Vec<u8>, GhError> {
        let output =
            Command::new("gh").args(args).env("GH_PROMPT_DISABLED", "1").stdin(Stdio::null()).output().map_err(
                |e| match e.kind() {
                    ErrorKind::NotFound => GhError::Missing,
                    _ => GhError::Start(e.to_string()),
                },
            )?;
        if output.status.success() {
            return Ok(output.stdout);
        }
        Err(GhError::Failed {
            command: command_line(args),
            code: output.status.code(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}

/// `gh ARGS…` as a person would type it, for messages (arguments with spaces quoted).
pub fn command_line(args: &[String]) -> String {
    let mut line = String::from("gh");
    for a in args {
        line.push(' ');
        if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
            line.push_str(&crate::interchange::gh_script::sh_quote(a));
        } else {
            line.push_str(a);
        }
    }
    sanitize_line(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(stderr: &str) -> GhError {
        GhError::Failed { command: "gh issue list".into(), code: Some(4), stderr: stderr.into() }
    }

    #[test]
    fn a_missing_login_says_to_log_in() {
        let e = failed("To get started with GitHub CLI, please run:  gh auth login");
        assert!(e.to_string().contains("log in with `gh auth login`"), "{e}");
        assert!(!failed("HTTP 404: Not Found").to_string().contains("log in"));
    }

    #[test]
    fn the_first_line_is_gh_s_own_reason() {
        assert_eq!(failed("\nHTTP 422: Validation Failed\nmore").first_line(), "HTTP 422: Validation Failed");
        assert_eq!(failed("").first_line(), "gh exited with code 4");
    }

    #[test]
    fn command_lines_quote_what_needs_it() {
        let args: Vec<String> = ["issue", "edit", "5", "--milestone", "Sprint 7"].map(String::from).to_vec();
        assert_eq!(command_line(&args), "gh issue edit 5 --milestone 'Sprint 7'");
    }
}
