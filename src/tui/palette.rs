//! The command palette (`:`): one line to import or export a file without leaving the TUI.
//!
//! ```text
//! import PATH [--from jira|azure|github|csv|json] [--dry-run] [--include-closed] [--repo NAME]
//! export PATH [--format csv|json|md] [--sprint NAME]
//! ```
//!
//! An import is saved as one change set, so `u` undoes it like any other change. The result,
//! or why nothing happened, goes to the status line.

use std::path::PathBuf;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_input::Input;

use crate::interchange::detect::Format;
use crate::report::import::{notes, summary};
use crate::service::export::{describe, export_to_file, ExportError, ExportFormat, ExportOptions};
use crate::service::import::{prepare, save_undoable, ImportRequest, Plan};
use crate::service::Session;
use crate::storage::StoreError;

use super::app::App;
use super::undo::Step;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Import(ImportRequest),
    Export { path: PathBuf, format: Option<ExportFormat>, sprint: Option<String> },
}

impl Command {
    /// True when running it would change the database.
    pub fn writes(&self) -> bool {
        matches!(self, Command::Import(r) if !r.dry_run)
    }
}

pub const USAGE: &str = "commands: import FILE [--from jira|azure|github|csv|json] [--dry-run] [--include-closed] \
[--repo NAME] · export FILE [--format csv|json|md] [--sprint NAME]";

/// Splits a command line into words; double or single quotes keep spaces in a word.
pub fn words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                current.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(current.take()),
            (None, c) => current.get_or_insert_with(String::new).push(c),
        }
    }
    if quote.is_some() {
        return Err("a quote is not closed".into());
    }
    words.extend(current);
    Ok(words)
}

/// `~/x` is the home folder's `x`, as in a shell.
fn path(word: &str) -> PathBuf {
    match (word.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(word),
    }
}

pub fn parse(line: &str) -> Result<Command, String> {
    let words = words(line)?;
    let mut it = words.iter().map(String::as_str);
    let verb = it.next().unwrap_or("");
    let mut file: Option<&str> = None;
    let mut options: Vec<(&str, Option<&str>)> = Vec::new();
    while let Some(word) = it.next() {
        match word {
            "--from" | "--repo" | "--format" | "--sprint" => {
                let value = it.next().ok_or_else(|| format!("{word} needs a value"))?;
                options.push((word, Some(value)));
            }
            "--dry-run" | "--include-closed" => options.push((word, None)),
            w if w.starts_with("--") => return Err(format!("unknown option {w}; {USAGE}")),
            w if file.is_none() => file = Some(w),
            w => return Err(format!("one file at a time (also got {w})")),
        }
    }
    let value = |name: &str| options.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v);
    let flag = |name: &str| options.iter().any(|(n, _)| *n == name);
    let allowed: &[&str] = match verb {
        "import" => &["--from", "--repo", "--dry-run", "--include-closed"],
        "export" => &["--format", "--sprint"],
        "" => return Err(USAGE.into()),
        other => return Err(format!("unknown command \"{other}\"; {USAGE}")),
    };
    if let Some((name, _)) = options.iter().find(|(n, _)| !allowed.contains(n)) {
        return Err(format!("{verb} takes no {name}; {USAGE}"));
    }
    let file = path(file.ok_or_else(|| format!("{verb} needs a file: {verb} FILE"))?);
    match verb {
        "import" => {
            let format = value("--from")
                .map(|f| {
                    Format::parse(f).ok_or(format!("\"{f}\" is not a format: {}", crate::interchange::detect::FORMATS))
                })
                .transpose()?;
            Ok(Command::Import(ImportRequest {
                path: file,
                format,
                dry_run: flag("--dry-run"),
                github: crate::interchange::github::GithubOptions {
                    include_closed: flag("--include-closed"),
                    repo: value("--repo").map(str::to_string),
                },
            }))
        }
        _ => {
            let format = value("--format")
                .map(|f| {
                    ExportFormat::parse(f)
                        .ok_or(format!("\"{f}\" is not a format: csv, json, md, jira-csv or gh-script"))
                })
                .transpose()?;
            Ok(Command::Export { path: file, format, sprint: value("--sprint").map(str::to_string) })
        }
    }
}

/// Runs a command against the session and reports in the status line. Nothing here ends the
/// TUI: a file that cannot be imported or written is a message, and the data is as it was.
pub fn perform(app: &mut App, session: &mut Session, command: Command) {
    app.status = Some(match command {
        Command::Import(request) => import(app, session, &request),
        Command::Export { path, format, sprint } => {
            let format = format.or_else(|| ExportFormat::from_extension(&path)).unwrap_or(ExportFormat::Json);
            let options = ExportOptions { sprint: sprint.as_deref(), ..ExportOptions::default() };
            match export_to_file(&app.workspace, &app.settings, format, &options, app.today, &path) {
                Ok(()) => format!("Wrote {} to {}.", describe(&app.workspace, format), path.display()),
                Err(ExportError::NoSprint(m)) => format!("Not exported: {m}"),
                Err(ExportError::Io(e)) => format!("Not exported: cannot write {}: {e}", path.display()),
            }
        }
    });
}

/// The error's lines as one: "file: row 3, column …: reason — fix; nothing was imported".
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" — ")
}

fn import(app: &mut App, session: &mut Session, request: &ImportRequest) -> String {
    let now = crate::service::clock::now_on(app.today);
    let mut prepared = match prepare(&app.workspace, request, &app.settings.import, now, &mut |_| {}) {
        Ok(p) => p,
        Err(e) => return format!("Not imported: {}", one_line(&e.to_string())),
    };
    let mut message = summary(&prepared, request.dry_run);
    // The first note goes to the status line; all of them, as the CLI prints them, open in a
    // box to read (the status line alone would cut them off).
    let notes = notes(&prepared);
    let title = format!("Import notes: {}", crate::domain::text::count(notes.len(), "note", "notes"));
    let shown = |message: &str| {
        let mut lines = vec![message.to_string(), String::new()];
        lines.extend(notes.iter().map(|n| format!("• {n}")));
        lines
    };
    let note = notes.first().map(|first| match notes.len() {
        1 => format!(" Note: {first}"),
        n => format!(" Note: {first} (and {} more notes)", n - 1),
    });
    if request.dry_run {
        if !notes.is_empty() {
            app.overlay = Some(super::app::Overlay::Notes { title, lines: shown(&message), scroll: 0 });
        }
        return message + &note.unwrap_or_default();
    }
    let restore = matches!(prepared.plan, Plan::Restore { .. });
    let saved = save_undoable(session, &mut prepared, &mut |_| {}).map(|committed| match committed {
        Some(committed) => {
            app.saved(committed, Step::Do);
            message.push_str(" u undoes it.");
        }
        None if restore => app.reloaded(session.take_workspace()),
        None => {}
    });
    match saved {
        Ok(()) => {
            if !notes.is_empty() {
                app.overlay = Some(super::app::Overlay::Notes { title, lines: shown(&message), scroll: 0 });
            }
            message + &note.unwrap_or_default()
        }
        Err(StoreError::Conflict { what }) => {
            app.reloaded(session.take_workspace());
            format!("Not imported: {what} was changed by someone else meanwhile; nothing was saved, try again.")
        }
        Err(e) => format!("Not imported: {}", e.to_string().lines().next().unwrap_or("unknown error")),
    }
}

/// The palette's line, drawn over the status bar's message while it is open (the key hints
/// stay beside it).
pub fn render(frame: &mut Frame, area: Rect, input: &Input, app: &App) {
    frame.render_widget(ratatui::widgets::Clear, area);
    let prefix = " : ";
    let width = usize::from(area.width).saturating_sub(prefix.len() + 1);
    let scroll = input.visual_scroll(width);
    let shown: String = input.value().chars().skip(scroll).collect();
    let hint = if input.value().is_empty() { "import FILE [--dry-run] · export FILE [--format md]" } else { "" };
    let mut spans =
        vec![Span::styled(prefix, app.palette.title()), Span::raw(shown), Span::styled(hint, app.palette.muted())];
    // Why the last Enter did not run: the status bar's message is under this line.
    if let Some(problem) = &app.status {
        let used: usize = spans.iter().map(Span::width).sum();
        let room = usize::from(area.width).saturating_sub(used + 2);
        spans.push(Span::styled(super::view::fit(&format!("   ✗ {problem}"), room), app.palette.warn()));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line).style(app.palette.status_bar()), area);
    let x = area.x.saturating_add((prefix.len() + input.visual_cursor().saturating_sub(scroll)) as u16);
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_quoted_spaces() {
        assert_eq!(words("import 'my file.csv' --dry-run").expect("words"), vec!["import", "my file.csv", "--dry-run"]);
        assert_eq!(words("export \"\"").expect("words"), vec!["export", ""]);
        assert!(words("import \"open").is_err());
    }

    #[test]
    fn commands_parse_with_their_options() {
        let Command::Import(r) = parse("import issues.json --from github --include-closed --repo web").expect("parses")
        else {
            panic!("not an import")
        };
        assert_eq!((r.format, r.dry_run, r.github.include_closed), (Some(Format::Github), false, true));
        assert_eq!(r.github.repo.as_deref(), Some("web"));
        assert_eq!(
            parse("export brief.md --sprint 'Sprint 48'"),
            Ok(Command::Export { path: "brief.md".into(), format: None, sprint: Some("Sprint 48".into()) })
        );
    }

    #[test]
    fn mistakes_say_what_is_accepted() {
        assert!(parse("").unwrap_err().contains("import FILE"));
        assert!(parse("imprt x").unwrap_err().contains("unknown command"));
        assert!(parse("import").unwrap_err().contains("needs a file"));
        assert!(parse("export x --dry-run").unwrap_err().contains("takes no --dry-run"));
        assert!(parse("import x --from excel").unwrap_err().contains("not a format"));
        assert!(parse("import x --from").unwrap_err().contains("needs a value"));
    }
}
