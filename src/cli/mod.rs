//! The command line (clap derive). One file per subcommand; each writes to `&mut impl Write`
//! so its output can be tested in-process.

mod args;
mod context;
mod debt;
mod demo;
mod dev;
mod doctor;
pub mod exit;
mod export;
mod forecast;
mod github;
mod history;
mod holiday;
mod import;
mod init;
mod item;
mod item_args;
mod keys;
mod meta;
mod org;
mod plan;
mod project;
mod rank;
mod split;
mod sprint;
mod team;
mod tui;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

pub use args::{
    Cli, Command, ConfigCommand, DebtCommand, DebtView, DevCommand, HolidayCommand, InitArgs, KeysFormat, PlanCommand,
    PlanFormat, PullSource, PushTarget, ReportFormat, SprintCommand, TableFormat, TeamCommand, UnitArg,
};
use context::Context;
use exit::{code, Failure};

/// Parses the arguments, runs the command, prints any error and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version land here too; a closed pipe while printing them is not an error.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(code::USAGE));
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = run(cli, &mut out).and_then(|exit| out.flush().map(|_| exit).map_err(Failure::from));
    match result {
        Ok(exit) => exit,
        Err(failure) if failure.quiet => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(io::stderr(), "flowdeck: {failure}");
            failure.exit_code()
        }
    }
}

/// Runs one parsed command line, writing its report to `out`.
pub fn run(cli: Cli, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let today = cli.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let ctx = Context { db: cli.db, team: cli.team, config: cli.config, today };
    match cli.command {
        None => tui::open(&ctx),
        Some(Command::Demo { no_tui }) => demo::run(&ctx, no_tui, out),
        Some(Command::Init(args)) => init::run(&ctx, &args, out),
        Some(Command::Team { command }) => {
            team::run(&ctx, command.unwrap_or(TeamCommand::List { all: false, format: PlanFormat::Text }), out)
        }
        Some(Command::Holiday { command }) => holiday::run(&ctx, command.unwrap_or(HolidayCommand::List), out),
        Some(Command::Config { command }) => meta::config(&ctx, command, out),
        Some(Command::Doctor) => doctor::run(&ctx, out),
        Some(Command::Split { sprint, format, check }) => split::run(&ctx, sprint.as_deref(), format, check, out),
        Some(Command::Forecast { keys, top, tag, kind, by, seed, format }) => {
            forecast::run(&ctx, &keys, forecast::Pick { top, tag: tag.as_deref(), kind, by }, seed, format, out)
        }
        Some(Command::Rank { kind, limit, format }) => rank::run(&ctx, kind, limit, format, out),
        Some(Command::Debt { command: None, view }) => debt::report(&ctx, &view, out),
        Some(Command::Debt { command: Some(DebtCommand::Defer { item, reason, until }), .. }) => {
            debt::defer(&ctx, &item, reason.as_deref().unwrap_or(""), until, out)
        }
        Some(Command::Plan { command: PlanCommand::Auto { apply, assign, format } }) => {
            plan::auto(&ctx, apply, assign, format, out)
        }
        Some(Command::Sprint { command }) => sprint::run(&ctx, command, out),
        Some(Command::Project { invest, horizon, seed, trials, alpha, rho, format, svg }) => {
            let overrides = crate::service::projection::Overrides {
                scenarios: invest,
                horizon: horizon.map(|h| h as usize),
                alpha,
                rho,
                trials: trials.map(|t| t as usize),
                plan_share: None,
            };
            project::run(&ctx, &overrides, seed, format, svg.as_deref(), out)
        }
        Some(Command::History { last, format }) => history::run(&ctx, last as usize, format, out),
        Some(Command::Org { format }) => org::run(&ctx, format, out),
        Some(Command::Dev { command: DevCommand::Gen { items, seed, taskwarrior } }) => {
            dev::generate(&ctx, items as usize, seed, taskwarrior.as_deref(), out)
        }
        Some(Command::Import { file, from, dry_run, include_closed, repo }) => {
            import::run(&ctx, import::ImportArgs { file: &file, from, dry_run, include_closed, repo }, out)
        }
        Some(Command::Export { format, out: file, sprint, svg, milestone, label, repo }) => {
            let gh = crate::interchange::gh_script::GhOptions { milestone, label, repo };
            export::run(&ctx, format, file.as_deref(), sprint.as_deref(), svg.as_deref(), gh, out)
        }
        Some(Command::Pull { source: PullSource::Github(args) }) => github::pull(&ctx, &args, out),
        Some(Command::Push { target: PushTarget::Github(args) }) => github::push(&ctx, &args, out),
        Some(Command::Item { command }) => item::run(&ctx, *command, out),
        Some(Command::Triage) => tui::open_triage(&ctx),
        Some(Command::Keys { format }) => keys::run(format, out),
        Some(Command::Completions { shell }) => meta::completions(shell, out),
        Some(Command::Man) => meta::man(out),
    }
}
