//! `[import]`: how trackers' words become flowdeck's. Each table given in the config file adds
//! to the defaults below or overrides single entries (names compare case-insensitively), so a
//! team with one custom issue type writes one line, not the whole table.

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

use crate::domain::{Kind, Status};
use crate::interchange::jira_locale;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ImportSettings {
    /// The kind of an issue whose type or labels no table names.
    #[serde(deserialize_with = "kind")]
    pub default_kind: Kind,
    pub jira: JiraSettings,
    pub github: GithubSettings,
    /// A tracker's name for a person (GitHub login, Jira display name) → the team member's
    /// name, for when they differ (`"octocat" = "Dana Scully"`). Names that are the same need
    /// no entry.
    pub people: BTreeMap<String, String>,
    pub azure: AzureSettings,
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings {
            default_kind: Kind::Feature,
            jira: JiraSettings::default(),
            github: GithubSettings::default(),
            people: BTreeMap::new(),
            azure: AzureSettings::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JiraSettings {
    /// Issue type → kind.
    #[serde(deserialize_with = "jira_kinds")]
    pub kinds: BTreeMap<String, Kind>,
    /// Status → backlog, done or dropped; statuses not listed follow their Status Category
    /// (Done → done, anything else backlog).
    #[serde(deserialize_with = "jira_statuses")]
    pub statuses: BTreeMap<String, Status>,
    /// Resolution → backlog, done or dropped; a listed resolution decides the status.
    #[serde(deserialize_with = "jira_resolutions")]
    pub resolutions: BTreeMap<String, Status>,
    /// Priority → the impact (1–5) a new item starts with; priorities not listed give 3.
    #[serde(deserialize_with = "jira_impact")]
    pub impact: BTreeMap<String, u8>,
}

impl Default for JiraSettings {
    fn default() -> Self {
        JiraSettings {
            kinds: table(&jira_kinds_defaults()),
            statuses: table(&jira_statuses_defaults()),
            resolutions: table(&jira_resolutions_defaults()),
            impact: table(&with_locale(DEFAULT_JIRA_IMPACT, jira_locale::IMPACT)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GithubSettings {
    /// Label → kind.
    #[serde(deserialize_with = "github_labels")]
    pub labels: BTreeMap<String, Kind>,
}

impl Default for GithubSettings {
    fn default() -> Self {
        GithubSettings { labels: table(DEFAULT_GITHUB_LABELS) }
    }
}

/// `[import.azure]`: Azure DevOps (Boards) work items exported with "Export to CSV".
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AzureSettings {
    /// Work Item Type → kind.
    #[serde(deserialize_with = "azure_kinds")]
    pub kinds: BTreeMap<String, Kind>,
    /// State → backlog, done or dropped; states not listed are backlog, with a note.
    #[serde(deserialize_with = "azure_states")]
    pub states: BTreeMap<String, Status>,
}

impl Default for AzureSettings {
    fn default() -> Self {
        AzureSettings { kinds: table(DEFAULT_AZURE_KINDS), states: table(DEFAULT_AZURE_STATES) }
    }
}

/// The work item types of Azure Boards' Agile, Scrum, CMMI and Basic processes.
pub const DEFAULT_AZURE_KINDS: &[(&str, Kind)] = &[
    ("Bug", Kind::Defect),
    ("Issue", Kind::Risk),
    ("Risk", Kind::Risk),
    ("Impediment", Kind::Risk),
    ("User Story", Kind::Feature),
    ("Product Backlog Item", Kind::Feature),
    ("Requirement", Kind::Feature),
    ("Feature", Kind::Feature),
    ("Epic", Kind::Feature),
    ("Task", Kind::Feature),
    ("Change Request", Kind::Feature),
    ("Review", Kind::Feature),
    ("Tech Debt", Kind::Debt),
    ("Technical Debt", Kind::Debt),
];

/// The states of the same processes. Work under way (Active, Committed, In Progress,
/// Resolved) is backlog: imports never plan items into a sprint.
pub const DEFAULT_AZURE_STATES: &[(&str, Status)] = &[
    ("New", Status::Backlog),
    ("Proposed", Status::Backlog),
    ("Approved", Status::Backlog),
    ("To Do", Status::Backlog),
    ("Active", Status::Backlog),
    ("Committed", Status::Backlog),
    ("In Progress", Status::Backlog),
    ("Doing", Status::Backlog),
    ("Resolved", Status::Backlog),
    ("Done", Status::Done),
    ("Closed", Status::Done),
    ("Completed", Status::Done),
    ("Removed", Status::Dropped),
    ("Cut", Status::Dropped),
];

pub const DEFAULT_JIRA_KINDS: &[(&str, Kind)] = &[
    ("Bug", Kind::Defect),
    ("Defect", Kind::Defect),
    ("Story", Kind::Feature),
    ("Task", Kind::Feature),
    ("Sub-task", Kind::Feature),
    ("Subtask", Kind::Feature),
    ("Improvement", Kind::Feature),
    ("New Feature", Kind::Feature),
    ("Epic", Kind::Feature),
    ("Tech Debt", Kind::Debt),
    ("Technical Debt", Kind::Debt),
    ("Security", Kind::Risk),
    ("Vulnerability", Kind::Risk),
    ("Risk", Kind::Risk),
];

pub const DEFAULT_JIRA_STATUSES: &[(&str, Status)] = &[
    ("Done", Status::Done),
    ("Closed", Status::Done),
    ("Resolved", Status::Done),
    ("Won't Do", Status::Dropped),
    ("Won't Fix", Status::Dropped),
    ("Cancelled", Status::Dropped),
    ("Canceled", Status::Dropped),
    ("Rejected", Status::Dropped),
    ("Duplicate", Status::Dropped),
];

/// Jira's stock resolutions (Cloud and Server). Work closed without being done is dropped,
/// so it never counts as delivered.
pub const DEFAULT_JIRA_RESOLUTIONS: &[(&str, Status)] = &[
    ("Done", Status::Done),
    ("Fixed", Status::Done),
    ("Won't Do", Status::Dropped),
    ("Won't Fix", Status::Dropped),
    ("Duplicate", Status::Dropped),
    ("Cannot Reproduce", Status::Dropped),
    ("Incomplete", Status::Dropped),
    ("Aborted", Status::Dropped),
    ("Declined", Status::Dropped),
    ("Obsolete", Status::Dropped),
];

pub const DEFAULT_JIRA_IMPACT: &[(&str, u8)] = &[
    ("Highest", 5),
    ("Blocker", 5),
    ("Critical", 5),
    ("High", 4),
    ("Major", 4),
    ("Medium", 3),
    ("Low", 2),
    ("Minor", 2),
    ("Lowest", 1),
    ("Trivial", 1),
];

pub const DEFAULT_GITHUB_LABELS: &[(&str, Kind)] = &[
    ("bug", Kind::Defect),
    ("defect", Kind::Defect),
    ("regression", Kind::Defect),
    ("performance", Kind::Defect),
    ("enhancement", Kind::Feature),
    ("feature", Kind::Feature),
    ("security", Kind::Risk),
    ("vulnerability", Kind::Risk),
    ("compliance", Kind::Risk),
    ("risk", Kind::Risk),
    ("tech-debt", Kind::Debt),
    ("technical debt", Kind::Debt),
    ("debt", Kind::Debt),
    ("refactor", Kind::Debt),
    ("refactoring", Kind::Debt),
    ("dependencies", Kind::Debt),
];

/// The English defaults, then the stock names of the other languages Jira exports in
/// (`interchange::jira_locale`).
fn with_locale<T: Copy>(english: &[(&'static str, T)], localised: &[(&'static str, T)]) -> Vec<(&'static str, T)> {
    english.iter().chain(localised).copied().collect()
}

fn jira_kinds_defaults() -> Vec<(&'static str, Kind)> {
    with_locale(DEFAULT_JIRA_KINDS, jira_locale::KINDS)
}

fn jira_statuses_defaults() -> Vec<(&'static str, Status)> {
    with_locale(DEFAULT_JIRA_STATUSES, jira_locale::STATUSES)
}

fn jira_resolutions_defaults() -> Vec<(&'static str, Status)> {
    with_locale(DEFAULT_JIRA_RESOLUTIONS, jira_locale::RESOLUTIONS)
}

fn table<T: Copy>(pairs: &[(&str, T)]) -> BTreeMap<String, T> {
    pairs.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
}

fn kind<'de, D: Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
    String::deserialize(d)?.parse().map_err(D::Error::custom)
}

/// The defaults with the file's entries laid over them, each value checked by `parse`.
fn merged<'de, D, T, V>(
    d: D,
    defaults: &[(&str, T)],
    parse: impl Fn(V) -> Result<T, String>,
) -> Result<BTreeMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
    V: Deserialize<'de>,
{
    let mut merged = table(defaults);
    for (name, value) in BTreeMap::<String, V>::deserialize(d)? {
        let value = parse(value).map_err(|e| D::Error::custom(format!("\"{name}\": {e}")))?;
        merged.insert(name.trim().to_lowercase(), value);
    }
    Ok(merged)
}

fn parse_kind(s: String) -> Result<Kind, String> {
    s.parse()
}

fn jira_kinds<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Kind>, D::Error> {
    merged(d, &jira_kinds_defaults(), parse_kind)
}

fn github_labels<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Kind>, D::Error> {
    merged(d, DEFAULT_GITHUB_LABELS, parse_kind)
}

fn azure_kinds<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Kind>, D::Error> {
    merged(d, DEFAULT_AZURE_KINDS, parse_kind)
}

fn azure_states<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Status>, D::Error> {
    merged(d, DEFAULT_AZURE_STATES, import_status)
}

fn import_status(s: String) -> Result<Status, String> {
    match Status::parse(&s) {
        Some(Status::Planned) => Err("imports never plan items: use backlog, done or dropped".into()),
        Some(status) => Ok(status),
        None => Err(format!("unknown status '{s}' (expected backlog, done or dropped)")),
    }
}

fn jira_statuses<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Status>, D::Error> {
    merged(d, &jira_statuses_defaults(), import_status)
}

fn jira_resolutions<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Status>, D::Error> {
    merged(d, &jira_resolutions_defaults(), import_status)
}

fn jira_impact<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, u8>, D::Error> {
    merged(d, &with_locale(DEFAULT_JIRA_IMPACT, jira_locale::IMPACT), |v: i64| match u8::try_from(v) {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(format!("impact {v} is outside 1–5")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Wrapper {
        import: ImportSettings,
    }

    fn parse(text: &str) -> Result<ImportSettings, String> {
        toml::from_str::<Wrapper>(text).map(|w| w.import).map_err(|e| e.to_string())
    }

    #[test]
    fn a_table_in_the_file_adds_to_the_defaults() {
        let s = parse("[import.jira.kinds]\nSpike = \"feature\"\nBug = \"risk\"\n").expect("parses");
        assert_eq!(s.jira.kinds.get("spike"), Some(&Kind::Feature));
        assert_eq!(s.jira.kinds.get("bug"), Some(&Kind::Risk), "overridden");
        assert_eq!(s.jira.kinds.get("story"), Some(&Kind::Feature), "defaults kept");
        let s = parse("[import.jira.resolutions]\n\"Won't Do\" = \"backlog\"\n").expect("parses");
        assert_eq!(s.jira.resolutions.get("won't do"), Some(&Status::Backlog), "overridden");
        assert_eq!(s.jira.resolutions.get("duplicate"), Some(&Status::Dropped), "defaults kept");
        let s = parse("[import.azure.kinds]\nTask = \"debt\"\n").expect("parses");
        assert_eq!(s.azure.kinds.get("task"), Some(&Kind::Debt), "overridden");
        assert_eq!(s.azure.kinds.get("user story"), Some(&Kind::Feature), "defaults kept");
    }

    #[test]
    fn bad_values_are_named() {
        let e = parse("[import.github.labels]\nbug = \"story\"\n").expect_err("bad kind");
        assert!(e.contains("\"bug\"") && e.contains("'story'"), "{e}");
        let e = parse("[import.jira.statuses]\nReady = \"planned\"\n").expect_err("planned");
        assert!(e.contains("never plan"), "{e}");
        let e = parse("[import.jira.resolutions]\nShipped = \"planned\"\n").expect_err("planned");
        assert!(e.contains("\"Shipped\"") && e.contains("never plan"), "{e}");
        let e = parse("[import.azure.states]\nActive = \"planned\"\n").expect_err("planned");
        assert!(e.contains("\"Active\"") && e.contains("never plan"), "{e}");
        let e = parse("[import.jira.impact]\nP0 = 9\n").expect_err("impact 9");
        assert!(e.contains("outside 1–5"), "{e}");
        let e = parse("[import]\ndefault_kinds = \"debt\"\n").expect_err("typo");
        assert!(e.contains("default_kinds"), "{e}");
    }
}
