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
    if let Some(path) = file {
        writeln!(out, "Wrote {} to {}.", describe(ws, format), path.display())?;
    }
    if let Some(path) = svg {
        writeln!(out, "Wrote the projection chart to {} (linked from the brief).", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The gh script's flags: only with its format, a repository as `OWNER/REPO`, and a
/// milestone and label that are one line of text.
fn check_gh(format: ExportFormat, gh: &GhOptions) -> Result<(), Failure> {
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

/// Draws the projection chart into `path` and returns how the brief links it: the file name
/// when the chart sits beside the brief, else the path as given.
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
    std::fs::write(path, svg)
        .map_err(|e| Failure::new(code::ERROR, format!("cannot write the chart to {}: {e}", path.display())))?;
    let beside = brief.and_then(Path::parent).map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
    let chart_dir = path.parent().map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
    Ok(match (beside, chart_dir, path.file_name()) {
        (Some(a), Some(b), Some(name)) if a == b => name.to_string_lossy().into_owned(),
        _ => path.display().to_string(),
    })
}
