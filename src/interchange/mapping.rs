//! The tables that turn a tracker's words into flowdeck's: Jira issue types, statuses and
//! priorities, GitHub labels, Azure DevOps work item types and states. Plain data: the service builds it from the config file
//! (`[import]`, see `config::import`), tests build it by hand.

use std::collections::BTreeMap;

use crate::domain::{Kind, Status};

#[derive(Debug, Clone, PartialEq)]
pub struct Mappings {
    /// The kind for an issue whose type or labels no table names.
    pub default_kind: Kind,
    /// Jira issue type → kind (keys lower-case).
    pub jira_kinds: BTreeMap<String, Kind>,
    /// Jira status → flowdeck status (keys lower-case); any other status falls back on the
    /// status category, then `backlog`.
    pub jira_statuses: BTreeMap<String, Status>,
    /// Jira resolution → flowdeck status (keys lower-case): a resolution listed here decides
    /// the status whatever the Status column says (Won't Do is dropped even when closed).
    pub jira_resolutions: BTreeMap<String, Status>,
    /// Jira priority → impact 1–5 (keys lower-case); any other priority leaves impact at 3.
    pub jira_impact: BTreeMap<String, u8>,
    /// GitHub label → kind (keys lower-case).
    pub github_labels: BTreeMap<String, Kind>,
    /// Azure DevOps work item type → kind (keys lower-case).
    pub azure_kinds: BTreeMap<String, Kind>,
    /// Azure DevOps state → flowdeck status (keys lower-case).
    pub azure_states: BTreeMap<String, Status>,
}

/// When an issue's labels map to different kinds, the first of these wins: the kind that
/// most needs attention (a security bug is a risk before it is a defect).
pub const KIND_PRECEDENCE: [Kind; 4] = [Kind::Risk, Kind::Defect, Kind::Debt, Kind::Feature];

fn lookup<T: Copy>(table: &BTreeMap<String, T>, name: &str) -> Option<T> {
    let name = name.trim();
    // The tables are short and the names mostly ASCII: comparing beats lower-casing a copy of
    // the name on every row.
    if name.is_ascii() {
        table.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    } else {
        table.get(&name.to_lowercase()).copied()
    }
}

impl Mappings {
    pub fn jira_kind(&self, issue_type: &str) -> Option<Kind> {
        lookup(&self.jira_kinds, issue_type)
    }

    /// The status a Jira status name maps to; `None` when the table does not name it.
    pub fn jira_status(&self, status: &str) -> Option<Status> {
        lookup(&self.jira_statuses, status)
    }

    /// The status a Jira resolution decides; `None` when the table does not name it.
    pub fn jira_resolution(&self, resolution: &str) -> Option<Status> {
        lookup(&self.jira_resolutions, resolution)
    }

    pub fn jira_impact(&self, priority: &str) -> Option<u8> {
        lookup(&self.jira_impact, priority)
    }

    pub fn azure_kind(&self, work_item_type: &str) -> Option<Kind> {
        lookup(&self.azure_kinds, work_item_type)
    }

    pub fn azure_state(&self, state: &str) -> Option<Status> {
        lookup(&self.azure_states, state)
    }

    /// The kind the labels say, by [`KIND_PRECEDENCE`]; `None` when no label is in the table.
    pub fn github_kind<'a>(&self, labels: impl IntoIterator<Item = &'a str>) -> Option<Kind> {
        let kinds: Vec<Kind> = labels.into_iter().filter_map(|l| lookup(&self.github_labels, l)).collect();
        KIND_PRECEDENCE.into_iter().find(|k| kinds.contains(k))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small table for the parsers' tests (the real defaults live in `config::import`).
    pub fn mappings() -> Mappings {
        let kinds = |pairs: &[(&str, Kind)]| pairs.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect();
        Mappings {
            default_kind: Kind::Feature,
            jira_kinds: kinds(&[
                ("Bug", Kind::Defect),
                ("Story", Kind::Feature),
                ("Task", Kind::Feature),
                ("Tech Debt", Kind::Debt),
                ("Security", Kind::Risk),
                ("Risk", Kind::Risk),
            ]),
            jira_statuses: [("done", Status::Done), ("won't do", Status::Dropped)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            jira_resolutions: [("done", Status::Done), ("won't do", Status::Dropped), ("duplicate", Status::Dropped)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            jira_impact: [("highest", 5), ("high", 4), ("medium", 3), ("low", 2)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            github_labels: kinds(&[
                ("bug", Kind::Defect),
                ("enhancement", Kind::Feature),
                ("security", Kind::Risk),
                ("tech-debt", Kind::Debt),
                ("dependencies", Kind::Debt),
            ]),
            azure_kinds: kinds(&[
                ("Bug", Kind::Defect),
                ("User Story", Kind::Feature),
                ("Product Backlog Item", Kind::Feature),
                ("Task", Kind::Feature),
                ("Risk", Kind::Risk),
                ("Impediment", Kind::Risk),
            ]),
            azure_states: [
                ("new", Status::Backlog),
                ("active", Status::Backlog),
                ("closed", Status::Done),
                ("done", Status::Done),
                ("removed", Status::Dropped),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        }
    }

    #[test]
    fn lookups_ignore_case_and_unknown_names_are_none() {
        let m = mappings();
        assert_eq!(m.jira_kind(" bug "), Some(Kind::Defect));
        assert_eq!(m.jira_kind("Spike"), None);
        assert_eq!(m.jira_status("DONE"), Some(Status::Done));
        assert_eq!(m.jira_status("In Review"), None);
        assert_eq!(m.jira_resolution("DUPLICATE"), Some(Status::Dropped));
        assert_eq!(m.jira_resolution("Unresolved"), None);
    }

    #[test]
    fn the_most_urgent_label_wins() {
        let m = mappings();
        assert_eq!(m.github_kind(["dependencies", "security"]), Some(Kind::Risk));
        assert_eq!(m.github_kind(["enhancement", "bug"]), Some(Kind::Defect));
        assert_eq!(m.github_kind(["good first issue"]), None);
    }
}
