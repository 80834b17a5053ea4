//! `flowdeck pull github` and `flowdeck push github`: gh run by flowdeck, with a preview on
//! stdout and a question on the terminal (or `--yes`) before anything changes.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use crate::service::clock::now_on;

use crate::domain::text::sanitize_line;
use crate::interchange::gh_script::{self, GhOptions};
use crate::report::import::{summary, write_text};
use crate::service::export::{sprint_of, ExportError, ExportFormat};
use crate::service::gh_cli::SystemGh;
use crate::service::github_sync::{apply, plan_push, prepare_pull, shown_title, Action, PullRequest, PushPlan};
use crate::service::import::{save, Plan};
use crate::service::planning::planned_items;

use super::args::{PullGithubArgs, PushGithubArgs};
use super::context::Context;
use super::exit::{code, Failure};

/// `pull github`: gh's issues, previewed as `import --dry-run` shows them, then saved in one
/// transaction once confirmed.
pub fn pull(ctx: &Context, args: &PullGithubArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    if !gh_script::is_repo(&args.repo) {
        return Err(Failure::new(
            code::USAGE,
            format!("--repo {:?} is not OWNER/NAME, e.g. --repo example-org/example-app", sanitize_line(&args.repo)),
        ));
    }
    let settings = ctx.settings()?;
    let mut session = ctx.open_session(&settings)?;
    let request =
        PullRequest { repo: args.repo.clone(), limit: args.limit as usize, include_closed: args.include_closed };
    let mut prepared = prepare_pull(session.workspace(), &SystemGh, &request, &settings.import, now_on(ctx.today))
        .map_err(|e| Failure::new(code::ERROR, format!("{e}; nothing was changed")))?;
    write_text(&prepared, true, out)?;
    let nothing = matches!(&prepared.plan, Plan::Merge(m) if m.created == 0 && m.updated == 0);
    if nothing {
        writeln!(out, "Nothing to change: the database already holds these issues as they are.")?;
    }
    if nothing || args.dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    out.flush()?;
    if !confirm(args.yes, "import these issues")? {
        return Ok(ExitCode::SUCCESS);
    }
    save(&mut session, &mut prepared, &mut |_| {})?;
    writeln!(out, "{}", summary(&prepared, false))?;
    Ok(ExitCode::SUCCESS)
}

/// `push github`: the gh script's plan, listed, confirmed and run edit by edit; exit 1 when
/// any edit failed, after naming what changed and what did not.
pub fn push(ctx: &Context, args: &PushGithubArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let options = GhOptions { milestone: args.milestone.clone(), label: args.label.clone(), repo: args.repo.clone() };
    super::export::check_gh(ExportFormat::GhScript, &options)?;
    let settings = ctx.settings()?;
    let session = ctx.open_session(&settings)?;
    let ws = session.workspace();
    let sprint = sprint_of(ws, args.sprint.as_deref()).map_err(|e| match e {
        ExportError::NoSprint(m) => Failure::new(code::ERROR, m),
        ExportError::Io(e) => e.into(),
    })?;
    let items = planned_items(ws, sprint);
    let targets = gh_script::targets(&items, &sprint.name, &options);
    for item in &targets.not_on_github {
        let name = item.key.clone().unwrap_or_else(|| format!("item {}", item.id.0));
        writeln!(out, "  skip    {}: not on GitHub ({})", sanitize_line(&name), sanitize_line(&item.title))?;
    }
    for (item, why) in &targets.repo_unknown {
        let name = item.key.as_deref().map(sanitize_line).unwrap_or_default();
        writeln!(out, "  skip    {name}: repository unknown, {}", sanitize_line(why))?;
    }
    if targets.issues.is_empty() {
        writeln!(out, "No GitHub issue is planned in {}: nothing to push.", sanitize_line(&sprint.name))?;
        return Ok(ExitCode::SUCCESS);
    }
    let title = |key: &str| {
        ws.items.iter().find(|i| i.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key))).map(|i| i.title.clone())
    };
    let plan = plan_push(&targets, args.label.as_deref(), &title, &SystemGh)
        .map_err(|e| Failure::new(code::ERROR, format!("{e}; nothing was changed")))?;
    write_plan(&plan, &sprint.name, out)?;
    if plan.edits.is_empty() {
        writeln!(out, "Nothing to change on GitHub.")?;
    }
    if plan.edits.is_empty() || args.dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    out.flush()?;
    if !confirm(args.yes, "edit these issues on GitHub")? {
        return Ok(ExitCode::SUCCESS);
    }
    let mut shown = Ok(());
    let outcome = apply(&plan, &SystemGh, &mut |edit, failed| {
        let line = match failed {
            None => format!("  done    {}", edit.key()),
            Some(why) => format!("  FAILED  {}: {why}", edit.key()),
        };
        if shown.is_ok() {
            shown = writeln!(out, "{line}").and_then(|_| out.flush());
        }
    });
    shown?;
    let keys = |edits: &mut dyn Iterator<Item = String>| edits.collect::<Vec<_>>().join(", ");
    let total = plan.edits.len();
    writeln!(out, "{} of {total} issues changed on GitHub.", outcome.changed.len())?;
    if !outcome.changed.is_empty() {
        writeln!(out, "Changed: {}.", keys(&mut outcome.changed.iter().map(|e| e.key())))?;
    }
    if outcome.failed.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let failed = keys(&mut outcome.failed.iter().map(|(e, why)| format!("{} ({why})", e.key())));
    Err(Failure::new(code::ERROR, format!("not changed: {failed}; run `flowdeck push github` again to retry them")))
}

/// The push as a list: one line per edit, what is left alone, what is created.
fn write_plan(plan: &PushPlan, sprint: &str, out: &mut impl Write) -> io::Result<()> {
    let milestone = sanitize_line(&plan.milestone);
    let label = plan.label.as_deref().map(|l| format!(" and label '{}'", sanitize_line(l))).unwrap_or_default();
    writeln!(
        out,
        "Push of {} to GitHub: milestone '{milestone}'{label}, {} edit{}.",
        sanitize_line(sprint),
        plan.edits.len(),
        if plan.edits.len() == 1 { "" } else { "s" }
    )?;
    for repo in &plan.new_milestone {
        writeln!(out, "  create  milestone '{milestone}' in {repo} (it does not exist yet)")?;
    }
    let width = plan.edits.iter().map(|e| e.key().chars().count()).max().unwrap_or(0);
    for edit in &plan.edits {
        let what = match edit.action {
            Action::Set => format!("milestone '{milestone}'{label}"),
            Action::Remove => "remove the milestone (taken out of the sprint)".to_string(),
        };
        let verb = match edit.action {
            Action::Set => "set   ",
            Action::Remove => "remove",
        };
        writeln!(out, "  {verb}  {:<width$}  {what}  {}", edit.key(), shown_title(edit))?;
    }
    if !plan.already.is_empty() {
        writeln!(out, "Already in the milestone (left alone): {}.", plan.already.join(", "))?;
    }
    Ok(())
}

/// Whether to go on: `yes`, or the person at the terminal answers y (any other answer says
/// so on stderr). Refused (exit 2) when stdin is not a terminal, since nobody could say yes.
fn confirm(yes: bool, what: &str) -> Result<bool, Failure> {
    if yes {
        return Ok(true);
    }
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure::new(
            code::USAGE,
            format!("not applied: stdin is not a terminal, so flowdeck cannot ask; pass --yes to {what} (or --dry-run to only look). Nothing was changed"),
        ));
    }
    let mut err = io::stderr();
    write!(err, "Apply? [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let go = matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes");
    if !go {
        writeln!(err, "Not applied: nothing was changed.")?;
    }
    Ok(go)
}
