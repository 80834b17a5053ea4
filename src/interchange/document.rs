//! The flowdeck JSON document (format version 1): the shape of demo data, exports and imports.
//!
//! References between records are by name (sprint names, member names), so a document is
//! readable and writable by hand. Conversion to and from the domain lives in
//! `to_workspace.rs` and `from_workspace.rs`.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const FORMAT_NAME: &str = "flowdeck";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always "flowdeck".
    pub format: String,
    /// Document format version; this build reads version 1.
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyDoc>,
    #[serde(default)]
    pub members: Vec<MemberDoc>,
    #[serde(default)]
    pub holidays: Vec<HolidayDoc>,
    #[serde(default)]
    pub sprints: Vec<SprintDoc>,
    #[serde(default)]
    pub items: Vec<ItemDoc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerKind<T> {
    pub feature: T,
    pub defect: T,
    pub risk: T,
    pub debt: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDoc {
    /// Percent per kind; must add up to 100.
    pub targets: PerKind<u8>,
    pub tolerance: u8,
    pub investment_floor: u8,
    /// "wsjf" or "weighted-sum".
    pub model: String,
    pub weights: WeightsDoc,
    /// "points" or "days".
    pub unit: String,
    pub default_focus: f64,
    /// Percent of plannable capacity below which a sprint is under-committed (default 85).
    #[serde(default = "default_min_commitment")]
    pub min_commitment: u8,
    /// Guardrail rules that block instead of warn (default: over-commitment).
    #[serde(default = "default_blocking")]
    pub blocking: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team_name: String,
    /// Auto-fill plans overdue high-risk debt first unless deferred for the sprint (default
    /// true, so documents from before the option load with it on).
    #[serde(default = "default_true")]
    pub plan_overdue_high_risk_debt_first: bool,
}

fn default_true() -> bool {
    true
}

fn default_min_commitment() -> u8 {
    85
}

fn default_blocking() -> Vec<String> {
    vec!["over-commitment".into()]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsDoc {
    pub impact: f64,
    pub risk: f64,
    pub time_to_value: f64,
    pub effort: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDoc {
    pub name: String,
    pub allocation: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_on: Option<NaiveDate>,
    /// Set for a former member: they count in the sprints before this day only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<NaiveDate>,
    /// What they can take on that not everyone can, e.g. `ios`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayDoc {
    pub date: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SprintDoc {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(default)]
    pub goal: String,
    /// "planning", "active" or "closed".
    pub state: String,
    #[serde(default)]
    pub days_off: Vec<DaysOffDoc>,
    /// What a started sprint kept of each member; absent for sprints in planning and in
    /// documents from before snapshots (then today's members are taken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<AvailabilityDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuals: Option<ActualsDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityDoc {
    pub member: String,
    pub allocation: f64,
    pub focus: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaysOffDoc {
    pub member: String,
    pub dates: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActualsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// Unplanned work that arrived during the sprint, points per kind.
    pub unplanned: PerKind<f64>,
    #[serde(default)]
    pub rework: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<DeliveryDoc>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployments: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_failures: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_hours: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub title: String,
    /// "feature", "defect", "risk" or "debt".
    pub kind: String,
    /// "backlog", "planned", "done" or "dropped".
    pub status: String,
    /// Sprint name, for planned and done items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sprint: Option<String>,
    pub estimate: f64,
    pub impact: u8,
    pub risk: u8,
    pub time_to_value: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub created: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub excluded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt: Option<DebtDoc>,
    /// The member (by name) who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Skills the work needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// The items that must be done first: their keys, or `#N` for the N-th item of this
    /// document when the blocker has no key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<String>,
    /// This item's rows in sprint plan snapshots.
    #[serde(default)]
    pub history: Vec<EntryDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DebtDoc {
    pub interest: u8,
    pub visibility: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drag: Option<f64>,
    /// "strategic", "tactical" or "accidental".
    pub category: String,
    /// "none", "security", "performance" or "compliance".
    pub risk_area: String,
    #[serde(default)]
    pub agreement: AgreementDoc,
    #[serde(default)]
    pub deferrals: Vec<DeferralDoc>,
    /// The drag before each change, oldest first (absent: it never changed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drag_history: Vec<PastDragDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastDragDoc {
    pub until: NaiveDate,
    pub drag: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementDoc {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub impact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_date: Option<NaiveDate>,
    #[serde(default)]
    pub trigger_condition: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeferralDoc {
    pub on: NaiveDate,
    pub rationale: String,
    /// The repay-by date the deferral moved, as it was (absent: none was set) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repay_by_before: Option<NaiveDate>,
    /// … and the date it was given (absent: the deferral left the date as it was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repay_by_after: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    pub sprint: String,
    pub planned: f64,
    /// "planned", "done", "carried-over" or "dropped".
    pub outcome: String,
    #[serde(default)]
    pub remaining: f64,
}

/// A document that cannot be used, with where (source and record) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentError {
    pub source: String,
    pub message: String,
}

impl DocumentError {
    pub fn new(source: &str, message: impl Into<String>) -> Self {
        DocumentError { source: source.to_string(), message: message.into() }
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for DocumentError {}
