//! `flowdeck export`: items as CSV, the whole database as a JSON document, the planning
//! brief as Markdown, or a sprint's plan as Jira CSV or a gh script; to stdout, or to a file
//! written whole (see `service::export`).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::interchange::gh_script::{self, GhOptions};
use crate::service::export::{describe, export, export_to_file, ExportError, ExportFormat, ExportOptions};

use super::context::Context;
use super::exit::{code, Failure};

pub fn parse_format(s: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(s).ok_or_else(|| format!("{s:?} is not an export format: csv, json, md, jira-csv or gh-script"))
}

pub fn run(
    ctx: &Context,
    format: Option<ExportFormat>,
    file: Option<&Path>,
    sprint: Option<&str>,
    svg: Option<&Path>,
    gh: GhOptions,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let format = format.or_else(|| file.and_then(ExportFormat::from_extension)).unwrap_or(ExportFormat::Json);
    let chart = match svg {
        Some(_) if format != ExportFormat::Md => {
            return Err(Failure::new(
                code::USAGE,
                "--svg draws the projection chart for the brief: use it with --format md",
            ))
        }
        Some(path) => Some(write_chart(ws, &settings, path, file)?),
        None => None,
    };
    check_gh(format, &gh)?;
    let options = ExportOptions { sprint, chart: chart.as_deref(), gh };
    let result = match file {
        None => export(ws, &settings, format, &options, ctx.today, out),
        Some(path) => export_to_file(ws, &settings, format, &options, ctx.today, path),
    };
    match result {
        Ok(()) => {}
        Err(ExportError::NoSprint(message)) => return Err(Failure::new(code::ERROR, message)),
        Err(ExportError::Io(io)) => match file {
            Some(path) => return Err(Failure::new(code::ERROR, format!("cannot write {}: {io}", path.display()))),
            None => return Err(io.into()),
        },
    }
    // Status lines never go into a document written to stdout: there they go to stderr.
    let mut status: Box<dyn Write> = if file.is_some() { Box::new(&mut *out) } else { Box::new(std::io::stderr()) };
    if let Some(path) = file {
        writeln!(status, "Wrote {} to {}.", describe(ws, format), path.display())?;
    }
    if let Some(path) = svg {
        writeln!(status, "Wrote the projection chart to {} (linked from the brief).", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The gh script's flags: only with its format, a repository as `OWNER/REPO`, and a
/// milestone and label that are one line of text.
pub(super) fn check_gh(format: ExportFormat, gh: &GhOptions) -> Result<(), Failure> {
    let usage = |m: String| Err(Failure::new(code::USAGE, m));
    let given = [("--milestone", &gh.milestone), ("--label", &gh.label), ("--repo", &gh.repo)];
    if format != ExportFormat::GhScript {
        if let Some((flag, _)) = given.iter().find(|(_, v)| v.is_some()) {
            return usage(format!("{flag} is for the GitHub script: use it with --format gh-script"));
        }
        return Ok(());
    }
    for (flag, value) in given {
        match value.as_deref() {
            Some(v) if v.trim().is_empty() => {
                return usage(format!("{flag} is empty: give it a value, or leave it out"))
            }
            Some(v) if v.chars().any(char::is_control) => {
                return usage(format!("{flag} holds a line break or control character: give it one line of text"))
            }
            _ => {}
        }
    }
    match gh.repo.as_deref() {
        Some(repo) if !gh_script::is_repo(repo) => usage(format!(
            "--repo {:?} is not OWNER/REPO (letters, digits, '-', '_' and '.'), e.g. --repo example-org/example-app",
            crate::domain::text::sanitize_line(repo)
        )),
        _ => Ok(()),
    }
}

/// Draws the projection chart into `path` (whole, or not at all) and returns how the brief
/// links it: relative to the brief's folder when the brief is a file, else the path as given.
fn write_chart(
    ws: &crate::domain::Workspace,
    settings: &crate::config::Settings,
    path: &Path,
    brief: Option<&Path>,
) -> Result<String, Failure> {
    let projection = crate::service::projection::project(
        ws,
        &crate::service::planning::fallbacks(settings),
        &settings.projection,
        &crate::service::projection::Overrides::default(),
        crate::service::projection::DEFAULT_SEED,
    )
    .map_err(|m| Failure::new(code::ERROR, m))?;
    let svg = crate::report::projection::to_svg(&projection).map_err(|m| Failure::new(code::ERROR, m))?;
    crate::service::export::write_atomically(path, |w| w.write_all(svg.as_bytes()))
        .map_err(|e| Failure::new(code::ERROR, format!("cannot write the chart to {}: {e}", path.display())))?;
    let link = brief.and_then(|b| relative_link(b, path));
    Ok(link.unwrap_or_else(|| path.display().to_string()))
}

/// `chart` as a link from the Markdown file `brief`: a relative path with `/` separators (a
/// Markdown viewer resolves links from the file's folder). `None` when either cannot be resolved.
fn relative_link(brief: &Path, chart: &Path) -> Option<String> {
    let dir = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        parent.canonicalize().ok()
    };
    let (from, to_dir) = (dir(brief)?, dir(chart)?);
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to_dir.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.push(chart.file_name()?.to_string_lossy().into_owned());
    Some(parts.join("/"))
}
