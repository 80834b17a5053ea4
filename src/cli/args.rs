//! The command-line grammar.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::debt::SortKey;
use crate::domain::{DebtCategory, Kind};

/// flowdeck — plan a sprint from the keyboard: capacity, weighted scoring, the tech-debt
/// register and what technical investment buys, in one local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "flowdeck", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// The database file (default: flowdeck.sqlite in the platform data directory).
    #[arg(long, global = true, env = "FLOWDECK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The team to work on, in a store that holds several (default: the store's only team, or
    /// `storage.team` in the config). `init`, `import`, `demo` and `dev gen` create it when
    /// the store has no team of that name yet.
    #[arg(long, global = true, env = "FLOWDECK_TEAM", value_name = "NAME")]
    pub team: Option<String>,

    /// The config file (default: config.toml in the platform config directory).
    #[arg(long, global = true, env = "FLOWDECK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Pretend today is this date (for reproducible reports and demos).
    #[arg(long, global = true, env = "FLOWDECK_TODAY", value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXIT_CODES: &str = "Exit codes: 0 ok, 1 error, 2 usage, 3 check failed, 4 config, 5 import file rejected, \
10 not a database, \
11 another application's database, 12 newer schema, 13 corrupt, 14 read-only, 15 locked, 16 disk full, \
17 database not found, 18 edit conflict, 19 database not empty.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a fresh demo database (a 6-person team, history, backlog, debt register) and open it.
    Demo {
        /// Build the database and exit instead of opening the TUI.
        #[arg(long)]
        no_tui: bool,
    },
    /// Create the database (at --db, or the default path) and set up the team: on a terminal
    /// without --team it opens the set-up form; with --team NAME it sets up the team NAME without
    /// questions (a new team beside the others in a store that has some).
    Init(InitArgs),
    /// The team's members: list, add, edit, remove, and days off (`team off NAME 2026-12-21..2026-12-24`).
    Team {
        #[command(subcommand)]
        command: Option<TeamCommand>,
    },
    /// Team-wide days off (public holidays, company days): list, add, remove.
    Holiday {
        #[command(subcommand)]
        command: Option<HolidayCommand>,
    },
    /// Configuration helpers.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Check the config and the database (integrity, schema, contents); repairs nothing.
    Doctor,
    /// Capacity step by step, the split per kind against policy, and the guardrails.
    Split {
        /// The sprint to check (default: the one running or being planned).
        #[arg(long, value_name = "NAME")]
        sprint: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Exit with code 3 when any guardrail fails (for scripts and CI).
        #[arg(long)]
        check: bool,
    },
    /// Will the current sprint finish (P(finish)), and by which sprint are these items done at
    /// P50/P85/P95: Monte Carlo over the team's own say/do history.
    Forecast {
        /// Item keys to forecast (default: the best-ranked items not yet planned).
        keys: Vec<String>,
        /// Forecast the best N items not yet planned (with --tag/--kind: at most N of those).
        #[arg(long, value_name = "N", conflicts_with = "keys")]
        top: Option<usize>,
        /// Forecast the open work (sprint plan and backlog) with this tag.
        #[arg(long, value_name = "T", conflicts_with = "keys")]
        tag: Option<String>,
        /// Forecast the open work of this kind: feature, defect, risk or debt.
        #[arg(long, value_parser = parse_kind, conflicts_with = "keys")]
        kind: Option<Kind>,
        /// Also: points and items of each kind done by this date (whole sprints ending by it).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        by: Option<NaiveDate>,
        /// Seed of the simulation (default 42: the same data gives the same figures).
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Candidates ranked by score, best first.
    Rank {
        /// Only this kind: feature, defect, risk or debt.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// Show at most N items.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
    },
    /// The tech-debt register: economics, agreements and deferrals (`debt defer` puts one off).
    #[command(args_conflicts_with_subcommands = true)]
    Debt {
        #[command(subcommand)]
        command: Option<DebtCommand>,
        #[command(flatten)]
        view: DebtView,
    },
    /// The sprint lifecycle: create the next sprint, start it (snapshots the plan), close it
    /// (records what happened).
    Sprint {
        #[command(subcommand)]
        command: SprintCommand,
    },
    /// Past sprints: velocity, real velocity, say/do, carry-over, unplanned work, the actual
    /// split against policy, delivery figures, and their trends.
    History {
        /// How many of the most recent closed sprints to show.
        #[arg(long, value_name = "N", default_value_t = crate::service::history::DEFAULT_LAST as u32,
              value_parser = clap::value_parser!(u32).range(1..=100))]
        last: u32,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Every team of the store side by side: capacity, load, the split against each team's
    /// policy, investment against its floor, debt drag, overdue high-risk debts, say/do; totals.
    Org {
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// What technical investment buys: cumulative feature output per investment share over
    /// the coming sprints, crossovers, the best share, and Monte Carlo bands from history.
    Project {
        /// Investment shares to compare, in percent (default: projection.scenarios, 10,20,30,50).
        /// The current plan's share is always added.
        #[arg(long, value_name = "PERCENT,…", value_delimiter = ',', value_parser = clap::value_parser!(u8).range(0..=100))]
        invest: Option<Vec<u8>>,
        /// Sprints to look ahead (default: projection.horizon_sprints, 26).
        #[arg(long, value_name = "SPRINTS", value_parser = clap::value_parser!(u32).range(1..=104))]
        horizon: Option<u32>,
        /// Seed of the Monte Carlo draws: the same seed gives the same bands.
        #[arg(long, value_name = "N", default_value_t = crate::service::projection::DEFAULT_SEED)]
        seed: u64,
        /// Monte Carlo trials (default: projection.trials, 10000).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(100..=1_000_000))]
        trials: Option<u32>,
        /// α: health lost per sprint-equivalent of feature work (default: projection.alpha, 0.06).
        #[arg(long, value_name = "A", value_parser = parse_rate)]
        alpha: Option<f64>,
        /// ρ: health regained per sprint-equivalent invested (default: from the debt register).
        #[arg(long, value_name = "R", value_parser = parse_rate)]
        rho: Option<f64>,
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
        /// Also write the chart as an SVG file (title, axes, legend, bands) for a slide deck.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Plan the sprint.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Developer tools: generated data for benchmarks and load tests.
    #[command(hide = true)]
    Dev {
        #[command(subcommand)]
        command: DevCommand,
    },
    /// Import issues from a Jira CSV export or `gh issue list --json`, or flowdeck's own CSV or
    /// JSON. All or nothing: a bad row imports nothing and says where and why. Re-importing
    /// updates items by key; imports never plan items into a sprint.
    Import {
        /// The file to import.
        file: PathBuf,
        /// Its format: jira, azure, github, csv or json (default: told from the file's contents).
        #[arg(long, value_name = "FORMAT", value_parser = super::import::parse_format)]
        from: Option<crate::interchange::detect::Format>,
        /// Show what would be created and updated, and save nothing.
        #[arg(long)]
        dry_run: bool,
        /// GitHub: import closed issues too (as done, or dropped when closed as not planned).
        #[arg(long)]
        include_closed: bool,
        /// GitHub: the repository in keys (OWNER/NAME#412) when the issues carry no url.
        #[arg(long, value_name = "NAME")]
        repo: Option<String>,
    },
    /// Import a tracker's issues live through its CLI, already logged in: `pull github --repo
    /// OWNER/NAME` runs `gh issue list` (every page) and imports the result as `import` does.
    /// Shows what it will create and update, then asks (or --yes).
    Pull {
        #[command(subcommand)]
        source: PullSource,
    },
    /// Put the sprint's plan onto the tracker through its CLI: `push github` runs the plan of
    /// `export --format gh-script` with `gh issue edit`. Shows what it will change, then asks
    /// (or --yes); a failed edit does not stop the others, and the end names both.
    Push {
        #[command(subcommand)]
        target: PushTarget,
    },
    /// Export the items as CSV, the database as a JSON document, the sprint's planning brief
    /// as Markdown for stakeholders, or the sprint's plan back to Jira (CSV) or to GitHub (a sh
    /// script of `gh` commands: review it, then run it with `sh plan.sh`).
    Export {
        /// csv, json, md, jira-csv or gh-script (default: from --out's extension, else json).
        #[arg(long, value_name = "FORMAT", value_parser = super::export::parse_format)]
        format: Option<crate::service::export::ExportFormat>,
        /// Write to this file instead of stdout (replaced whole, never left half-written).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The sprint of the brief, the Jira CSV or the gh script (default, or `current`: the
        /// one running or being planned).
        #[arg(long, value_name = "NAME")]
        sprint: Option<String>,
        /// With --format md: also draw the projection chart into FILE (SVG) and link it from the brief.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// With --format gh-script: the milestone the issues are put in (default: the sprint's name).
        #[arg(long, value_name = "NAME")]
        milestone: Option<String>,
        /// With --format gh-script: also add this label to each issue (default: none).
        #[arg(long, value_name = "LABEL")]
        label: Option<String>,
        /// With --format gh-script: the repository of issues keyed without an owner (`app#12`,
        /// imported with --repo NAME).
        #[arg(long, value_name = "OWNER/REPO")]
        repo: Option<String>,
    },
    /// Work items one at a time: add, edit, show or remove, by tracker key or number, with
    /// every field of the TUI's item form (checked the same way).
    Item {
        // Boxed: the item flags make this variant far larger than the others.
        #[command(subcommand)]
        command: Box<super::item_args::ItemCommand>,
    },
    /// Open the TUI in triage: the unestimated and unscored items one at a time, single keys
    /// for the estimate (triage.scale) and impact, risk and time-to-value.
    Triage,
    /// Print every key of the TUI (generated from the keymap).
    Keys {
        #[arg(long, value_enum, default_value_t = KeysFormat::Text)]
        format: KeysFormat,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

#[derive(Debug, Subcommand)]
pub enum PullSource {
    /// The issues of one GitHub repository, with `gh issue list --json` (gh logged in).
    Github(PullGithubArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct PullGithubArgs {
    /// The repository, OWNER/NAME (keys become OWNER/NAME#412).
    #[arg(long, value_name = "OWNER/NAME")]
    pub repo: String,
    /// At most N issues (default 10000: every issue; gh fetches them page by page).
    #[arg(long, value_name = "N", default_value_t = crate::service::github_sync::PULL_LIMIT as u32,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub limit: u32,
    /// Closed issues too (as done, or dropped when closed as not planned).
    #[arg(long)]
    pub include_closed: bool,
    /// Show what would be created and updated, and save nothing.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Apply without asking (needed when stdin is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum PushTarget {
    /// The sprint's plan onto GitHub milestones, with `gh issue edit` (gh logged in).
    Github(PushGithubArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct PushGithubArgs {
    /// The sprint (default, or `current`: the one running or being planned).
    #[arg(long, value_name = "NAME")]
    pub sprint: Option<String>,
    /// The milestone the planned issues are put in (default: the sprint's name).
    #[arg(long, value_name = "NAME")]
    pub milestone: Option<String>,
    /// Also add this label to each planned issue (default: none).
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    /// The repository of issues keyed without an owner (`app#12`, imported with --repo NAME).
    #[arg(long, value_name = "OWNER/REPO")]
    pub repo: Option<String>,
    /// Show what would change on GitHub, and change nothing.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
    /// Apply without asking (needed when stdin is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// Working days per sprint (10 = two weeks).
    #[arg(long, value_name = "DAYS", default_value_t = crate::domain::setup::DEFAULT_SPRINT_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=crate::domain::setup::MAX_SPRINT_DAYS as i64))]
    pub sprint_days: u32,
    /// The first sprint's first day (default: next Monday).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<NaiveDate>,
    /// What estimates count: points or days.
    #[arg(long, value_enum, default_value_t = UnitArg::Points)]
    pub unit: UnitArg,
    /// A member, as NAME[,ALLOCATION[,FOCUS]] (e.g. "Priya Raman,80%"); repeat for each.
    #[arg(long = "member", value_name = "NAME[,ALLOCATION[,FOCUS]]")]
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    Points,
    Days,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Every current member with allocation, focus, and days off and person-days in the
    /// current sprint (former members with --all).
    List {
        /// Also former members, with the day they left.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
        format: PlanFormat,
    },
    /// Add a member (they count from the sprints that end after today).
    Add {
        name: String,
        /// Share of the person on this team: 80% or 0.8 (default 100%).
        #[arg(long, value_name = "SHARE", default_value = "100%")]
        allocation: String,
        /// Share of their time on sprint work (default: the team's default focus).
        #[arg(long, value_name = "SHARE")]
        focus: Option<String>,
        /// What they can take on that not everyone can, comma-separated: ios,payments-db.
        #[arg(long, value_name = "A,B")]
        skills: Option<String>,
    },
    /// Change a member's name, allocation, focus (`--focus default` for the team's) or skills.
    Edit {
        name: String,
        #[arg(long, value_name = "NEW NAME")]
        rename: Option<String>,
        #[arg(long, value_name = "SHARE")]
        allocation: Option<String>,
        #[arg(long, value_name = "SHARE")]
        focus: Option<String>,
        /// Replaces their skills, comma-separated ("" removes them).
        #[arg(long, value_name = "A,B")]
        skills: Option<String>,
    },
    /// Take a member off the team from today; the sprints they worked in keep their figures.
    Remove { name: String },
    /// Days a member is away, as dates or ranges: `2026-12-21..2026-12-24,2027-01-04`
    /// (weekdays only; each day lands in the sprint that holds it).
    Off {
        name: String,
        #[arg(value_name = "DATE[..DATE][,…]")]
        days: String,
        /// Take these days off the list again instead of adding them.
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HolidayCommand {
    /// Every holiday, with the sprint it falls in.
    List,
    /// Add a day nobody on the team works.
    Add {
        #[arg(value_name = "YYYY-MM-DD")]
        date: NaiveDate,
        /// Its name, e.g. "Christmas Eve".
        name: String,
    },
    /// Remove the holiday on that day.
    Remove {
        #[arg(value_name = "YYYY-MM-DD")]
        date: NaiveDate,
    },
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Generate a database of N items (a team of six, six closed sprints with history, one in
    /// planning, a debt register) into --db, which must be new or empty; deterministic per seed.
    Gen {
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
        items: u32,
        #[arg(long, value_name = "S", default_value_t = 42)]
        seed: u64,
        /// Also write the same items as a Taskwarrior import file (JSON), for comparisons.
        #[arg(long, value_name = "FILE")]
        taskwarrior: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SprintCommand {
    /// Create the next sprint in planning. Left out, the name, dates and length follow the
    /// latest sprint (its number + 1, the first weekday after it ends, the same length).
    New {
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<NaiveDate>,
        /// Default: as long as the previous sprint (two weeks when --start is given).
        #[arg(long, value_name = "YYYY-MM-DD")]
        end: Option<NaiveDate>,
        /// The outcome the sprint is for, in one sentence.
        #[arg(long, value_name = "TEXT", default_value = "")]
        goal: String,
    },
    /// Start a sprint in planning: its plan is snapshotted as the commitment. Refused while a
    /// blocking guardrail fails, unless --force.
    Start {
        /// The sprint (default: the first one in planning).
        sprint: Option<String>,
        #[arg(long)]
        force: bool,
    },
    /// Close the running sprint. Every committed item is done unless named with --carried or
    /// --dropped; carried-over items go back to the backlog with their remaining points.
    Close {
        /// The sprint (default: the running one).
        sprint: Option<String>,
        /// KEY=POINTS still remaining, e.g. --carried PAY-12=3 (repeat, or separate with commas).
        #[arg(long, value_name = "KEY=POINTS")]
        carried: Vec<String>,
        /// Items taken out of the sprint unfinished (back to the backlog as they were).
        #[arg(long, value_name = "KEY")]
        dropped: Vec<String>,
        /// Unplanned work that came in, KIND=POINTS, e.g. --unplanned defect=5,risk=1.
        #[arg(long, value_name = "KIND=POINTS")]
        unplanned: Vec<String>,
        /// Points spent redoing work already counted as done.
        #[arg(long, value_name = "POINTS")]
        rework: Option<f64>,
        /// Deployments to production during the sprint.
        #[arg(long, value_name = "N")]
        deployments: Option<u32>,
        /// Median lead time for changes, in days.
        #[arg(long, value_name = "DAYS")]
        lead_time: Option<f64>,
        /// Deployments that caused a failure in production.
        #[arg(long, value_name = "N")]
        change_failures: Option<u32>,
        #[arg(long, value_name = "N")]
        incidents: Option<u32>,
        /// Median time to restore service, in hours.
        #[arg(long, value_name = "HOURS")]
        recovery: Option<f64>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Propose the best sprint (an exact optimizer) under capacity and policy; --apply saves it.
    Auto {
        /// Save the proposal as the sprint's plan (otherwise nothing changes).
        #[arg(long)]
        apply: bool,
        /// Also propose assignees for the chosen items nobody is assigned to, within each
        /// member's share when possible (saved with --apply).
        #[arg(long)]
        assign: bool,
        #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
        format: PlanFormat,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct DebtView {
    /// Only debts whose agreement's trigger date has passed.
    #[arg(long)]
    pub overdue: bool,
    /// Only high-risk debts (security, performance, compliance).
    #[arg(long)]
    pub high_risk: bool,
    /// Only this category: strategic, tactical or accidental.
    #[arg(long, value_parser = parse_category)]
    pub category: Option<DebtCategory>,
    /// payback (default: shortest first), interest, drag, principal, paid, return, age or trigger.
    #[arg(long, value_parser = parse_sort, default_value = "payback", value_name = "KEY")]
    pub sort: SortKey,
    /// Show at most N debts (the Markdown review shows 10 unless told otherwise).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Sprints the return of repaying is computed over (default: debt.horizon_sprints, 26).
    #[arg(long, value_name = "SPRINTS", value_parser = clap::value_parser!(u32).range(1..=104))]
    pub horizon: Option<u32>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Subcommand)]
pub enum DebtCommand {
    /// Put a debt off: logged with today's date and the rationale, and taken out of a sprint
    /// in planning. High-risk debt that is overdue or in the top of the register needs --reason.
    Defer {
        /// The debt's tracker key (PAY-1033) or number.
        item: String,
        /// Why it waits, in words (at least 10 characters when required).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// Move the debt's repay-by (trigger) date to this later day; the log keeps the old one.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        until: Option<NaiveDate>,
    },
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date: use YYYY-MM-DD"))
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a rate from 0 to 1 (e.g. 0.06)")),
    }
}

fn parse_category(s: &str) -> Result<DebtCategory, String> {
    DebtCategory::parse(s).ok_or_else(|| format!("{s:?} is not a category: strategic, tactical or accidental"))
}

fn parse_sort(s: &str) -> Result<SortKey, String> {
    SortKey::parse(s).ok_or_else(|| {
        let keys: Vec<&str> = SortKey::ALL.iter().map(|k| k.as_str()).collect();
        format!("{s:?} is not a sort key: {}", keys.join(", "))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Json,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the commented default config file.
    Default,
    /// Print where flowdeck looks for its config and database.
    Path,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeysFormat {
    Text,
    Md,
}
