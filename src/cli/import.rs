//! `flowdeck import FILE`: Jira CSV, GitHub issues, or flowdeck's own CSV and JSON, all or
//! nothing. Progress goes to stderr, and only to a terminal (or when FLOWDECK_PROGRESS=always).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::interchange::detect::Format;
use crate::interchange::github::GithubOptions;
use crate::report::import::write_text;
use crate::service::import::{run as import, ImportFailure, ImportRequest, Progress};

use super::context::Context;
use super::exit::{code, Failure};

pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("{s:?} is not an import format: {}", crate::interchange::detect::FORMATS))
}

pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub from: Option<Format>,
    pub dry_run: bool,
    pub include_closed: bool,
    pub repo: Option<String>,
}

pub fn run(ctx: &Context, args: ImportArgs<'_>, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    // Importing into a team not in the store yet starts that team (moving a team between stores).
    let mut session = ctx.open_session_creating(&settings)?;
    let request = ImportRequest {
        path: args.file.to_path_buf(),
        format: args.from,
        dry_run: args.dry_run,
        github: GithubOptions { include_closed: args.include_closed, repo: args.repo },
    };
    let mut progress = ProgressLine::new(args.file);
    let now = crate::service::clock::now_on(ctx.today);
    let result = import(&mut session, &request, &settings.import, now, &mut |p| progress.show(p));
    progress.finish();
    match result {
        Ok(prepared) => {
            write_text(&prepared, args.dry_run, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportFailure::File(e)) => Err(Failure::new(code::IMPORT_FILE, e.to_string())),
        Err(ImportFailure::Store(e)) => Err(e.into()),
    }
}

/// Progress of a large import on stderr: overwritten in place on a terminal, one line per
/// update when forced, nothing at all when stderr is a pipe or a file.
struct ProgressLine {
    name: String,
    /// `None`: off. `Some(true)`: a terminal, updates overwrite each other.
    mode: Option<bool>,
    shown: bool,
    last: Option<Instant>,
}

/// Updates closer together than this are skipped on a terminal.
const EVERY: Duration = Duration::from_millis(100);

impl ProgressLine {
    fn new(file: &Path) -> ProgressLine {
        let mode = match std::env::var("FLOWDECK_PROGRESS").as_deref() {
            Ok("always") => Some(io::stderr().is_terminal()),
            Ok("never") => None,
            _ => io::stderr().is_terminal().then_some(true),
        };
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        ProgressLine { name: crate::domain::text::sanitize_line(&name), mode, shown: false, last: None }
    }

    fn show(&mut self, p: Progress) {
        let Some(terminal) = self.mode else { return };
        let text = match p {
            Progress::Reading { done, total } if total > 0 => {
                let mb = |b: u64| b as f64 / 1_048_576.0;
                format!(
                    "reading {}: {:.1} of {:.1} MB ({:.0}%)",
                    self.name,
                    mb(done),
                    mb(total),
                    done as f64 * 100.0 / total as f64
                )
            }
            Progress::Reading { done, .. } => format!("reading {}: {:.1} MB", self.name, done as f64 / 1_048_576.0),
            // A save is one transaction: no steps to count, so it is only announced when large.
            Progress::Saving { items } if items >= 10_000 || self.shown => format!("saving {items} items…"),
            Progress::Saving { .. } => return,
        };
        let now = Instant::now();
        if terminal && self.last.is_some_and(|t| now - t < EVERY) && !matches!(p, Progress::Saving { .. }) {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let mut err = io::stderr().lock();
        // Progress is a courtesy: a stderr that cannot be written to never fails the import.
        let _ = if terminal { write!(err, "\r\x1b[2K{text}") } else { writeln!(err, "{text}") };
        let _ = err.flush();
    }

    fn finish(&mut self) {
        if self.shown && self.mode == Some(true) {
            let _ = write!(io::stderr(), "\r\x1b[2K");
        }
    }
}
