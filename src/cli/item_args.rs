//! The grammar of `flowdeck item`: every field of the TUI's item form as a flag.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    /// Create an item. Without --estimate it is unestimated: 0 points, tagged `unestimated`
    /// and excluded from auto-fill until it gets one (`flowdeck triage` walks such items).
    Add {
        #[command(flatten)]
        fields: ItemFields,
        /// Print the new item (as `item show` does) instead of one line.
        #[arg(long, value_enum)]
        format: Option<ShowFormat>,
    },
    /// Change the fields given; the others stay. Refused (exit 18) when --expect-version is
    /// given and the item is no longer at that version: someone saved it since you looked.
    Edit {
        /// The item's tracker key (PAY-1301) or number (#12 or 12).
        item: String,
        #[command(flatten)]
        fields: ItemFields,
        /// The version `item show` printed: refuse the edit if the item moved on since.
        #[arg(long, value_name = "N")]
        expect_version: Option<i64>,
    },
    /// Every field of one item, its score and its version.
    Show {
        /// The item's tracker key or number.
        item: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Delete an item (one change set, as `D` in the TUI). Items in a sprint's history cannot
    /// be deleted: exclude them, or mark them dropped.
    Rm {
        /// The item's tracker key or number.
        item: String,
        /// Refuse (exit 18) if the item is no longer at this version.
        #[arg(long, value_name = "N")]
        expect_version: Option<i64>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// The item form's fields. Text is checked exactly as the form checks it; an empty value
/// clears an optional field (`--outcome ""`).
#[derive(Debug, Clone, Default, Args)]
pub struct ItemFields {
    /// Tracker key, e.g. PAY-1400 (unique; "" removes it).
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// What it is, in one line (required for `item add`).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// feature, defect, risk or debt (default for `item add`: feature).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Points (or days), in halves: 0.5, 1, 2.5 … Lifts the `unestimated` tag and its exclusion.
    #[arg(long, value_name = "POINTS")]
    pub estimate: Option<String>,
    /// 1–5: value when done (default 3).
    #[arg(long, value_name = "1-5")]
    pub impact: Option<String>,
    /// 1–5: risk it removes (for debt: its interest to the business; default 3).
    #[arg(long, value_name = "1-5")]
    pub risk: Option<String>,
    /// 1–5: how soon it pays (default 3).
    #[arg(long = "ttv", visible_alias = "time-to-value", value_name = "1-5")]
    pub time_to_value: Option<String>,
    /// The result it should bring ("" removes it).
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// All the tags, comma-separated (replaces them; "" removes every tag).
    #[arg(long, value_name = "A,B")]
    pub tags: Option<String>,
    /// Add a tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    /// Remove a tag (repeatable).
    #[arg(long = "untag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
    /// The team member who does it, by name (any case; "" unassigns).
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Skills the work needs, comma-separated, e.g. ios,payments-db (replaces them; "" removes them).
    #[arg(long, value_name = "A,B")]
    pub skills: Option<String>,
    /// Items that must be done first, by key or #number, comma-separated (replaces them; "" removes them).
    #[arg(long, value_name = "KEYS")]
    pub blocked_by: Option<String>,
    /// backlog, done or dropped (planning into a sprint is done on Plan or with `plan auto`).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Never let auto-fill pick it.
    #[arg(long, conflicts_with = "include")]
    pub exclude: bool,
    /// Let auto-fill pick it again.
    #[arg(long)]
    pub include: bool,
    /// Debt: 1–5, what living with it costs each sprint.
    #[arg(long, value_name = "1-5", help_heading = "Debt register")]
    pub interest: Option<String>,
    /// Debt: 1–5, how often the team touches it.
    #[arg(long, value_name = "1-5", help_heading = "Debt register")]
    pub visibility: Option<String>,
    /// Debt: points lost per sprint ("" = 0.1 × interest × visibility).
    #[arg(long, value_name = "POINTS", help_heading = "Debt register")]
    pub drag: Option<String>,
    /// Debt: strategic, tactical or accidental.
    #[arg(long, value_name = "CATEGORY", help_heading = "Debt register")]
    pub category: Option<String>,
    /// Debt: none, security, performance or compliance (anything but none is high-risk).
    #[arg(long, value_name = "AREA", help_heading = "Debt register")]
    pub risk_area: Option<String>,
    /// Debt: why the shortcut was taken.
    #[arg(long, value_name = "TEXT", help_heading = "Debt register")]
    pub reason: Option<String>,
    /// Debt: what it does to us while it stays.
    #[arg(long, value_name = "TEXT", help_heading = "Debt register")]
    pub cost: Option<String>,
    /// Debt: repay by this date ("" removes it).
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Debt register")]
    pub trigger_date: Option<String>,
    /// Debt: repay when … happens.
    #[arg(long, value_name = "TEXT", help_heading = "Debt register")]
    pub trigger_if: Option<String>,
    /// Debt: who holds the agreement.
    #[arg(long, value_name = "NAME", help_heading = "Debt register")]
    pub owner: Option<String>,
    /// Debt: a related ticket.
    #[arg(long, value_name = "KEY", help_heading = "Debt register")]
    pub linked_key: Option<String>,
    /// Debt: the day it was taken on (interest runs from it).
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Debt register")]
    pub recorded: Option<String>,
}

impl ItemFields {
    /// (flag, form label, value) of every form field given.
    pub fn form_values(&self) -> Vec<(&'static str, &'static str, &str)> {
        let all: [(&'static str, &'static str, &Option<String>); 23] = [
            ("--key", "Key", &self.key),
            ("--title", "Title", &self.title),
            ("--kind", "Kind", &self.kind),
            ("--estimate", "Estimate", &self.estimate),
            ("--impact", "Impact", &self.impact),
            ("--risk", "Risk", &self.risk),
            ("--ttv", "Time to value", &self.time_to_value),
            ("--outcome", "Outcome", &self.outcome),
            ("--tags", "Tags", &self.tags),
            ("--assignee", "Assignee", &self.assignee),
            ("--skills", "Skills", &self.skills),
            ("--blocked-by", "Blocked by", &self.blocked_by),
            ("--interest", "Interest", &self.interest),
            ("--visibility", "Visibility", &self.visibility),
            ("--drag", "Drag", &self.drag),
            ("--category", "Category", &self.category),
            ("--risk-area", "Risk area", &self.risk_area),
            ("--reason", "Reason", &self.reason),
            ("--cost", "Cost", &self.cost),
            ("--trigger-date", "Trigger date", &self.trigger_date),
            ("--trigger-if", "Trigger if", &self.trigger_if),
            ("--owner", "Owner", &self.owner),
            ("--linked-key", "Linked key", &self.linked_key),
        ];
        let mut given: Vec<_> = all.into_iter().filter_map(|(f, l, v)| v.as_deref().map(|v| (f, l, v))).collect();
        if let Some(recorded) = self.recorded.as_deref() {
            given.push(("--recorded", "Recorded", recorded));
        }
        given
    }
}
