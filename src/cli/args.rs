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
    /// Create the database (at --db, or the default path) if it does not exist yet.
    Init,
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
    /// Plan the sprint.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Import issues from a Jira CSV export or `gh issue list --json`, or flowdeck's own CSV or
    /// JSON. All or nothing: a bad row imports nothing and says where and why. Re-importing
    /// updates items by key; imports never plan items into a sprint.
    Import {
        /// The file to import.
        file: PathBuf,
        /// Its format: jira, github, csv or json (default: told from the file's contents).
        #[arg(long, value_name = "FORMAT", value_parser = super::import::parse_format)]
        from: Option<crate::interchange::detect::Format>,
        /// Show what would be created and updated, and save nothing.
        #[arg(long)]
        dry_run: bool,
        /// GitHub: import closed issues too (as done, or dropped when closed as not planned).
        #[arg(long)]
        include_closed: bool,
        /// GitHub: the repository name in keys (NAME#412) when the issues carry no url.
        #[arg(long, value_name = "NAME")]
        repo: Option<String>,
    },
    /// Export the items as CSV, the database as a JSON document, or the sprint's planning brief
    /// as Markdown for stakeholders.
    Export {
        /// csv, json or md (default: from --out's extension, else json).
        #[arg(long, value_name = "FORMAT", value_parser = super::export::parse_format)]
        format: Option<crate::service::export::ExportFormat>,
        /// Write to this file instead of stdout (replaced whole, never left half-written).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The brief's sprint (default: the one running or being planned).
        #[arg(long, value_name = "NAME")]
        sprint: Option<String>,
    },
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
pub enum PlanCommand {
    /// Propose the best sprint (an exact optimizer) under capacity and policy; --apply saves it.
    Auto {
        /// Save the proposal as the sprint's plan (otherwise nothing changes).
        #[arg(long)]
        apply: bool,
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
        /// Why it waits (at least 10 characters when required).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
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
