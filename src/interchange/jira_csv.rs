//! The plan back to Jira: a CSV for Jira's "Import issues from CSV" that updates the issues
//! already there (matched by `Issue key`) with the sprint, story points and labels flowdeck
//! planned, and creates the items that have no Jira key yet (an empty key is a new issue).
//!
//! Its columns are the ones `jira::read` reads, so importing the file back into flowdeck
//! changes nothing.

use std::io::{self, Write};

use crate::domain::{Kind, WorkItem};

use super::flowdeck_csv::io_error;
use super::mapping::Mappings;

pub const COLUMNS: [&str; 5] = ["Issue key", "Summary", "Issue Type", "Custom field (Story Points)", "Sprint"];

/// The issue types tried first when turning a kind back into a Jira issue type: the types
/// every Jira project has, so an update never names a type the project lacks.
const PREFERRED_TYPES: [&str; 6] = ["Story", "Bug", "Task", "Tech Debt", "Risk", "Security"];

/// A Jira issue key (`PAY-123`): a project key (a letter, then letters, digits or `_`), a
/// dash and a number. GitHub keys (`owner/repo#12`) and flowdeck's own are not.
pub fn is_jira_key(key: &str) -> bool {
    let Some((project, number)) = key.rsplit_once('-') else { return false };
    let mut chars = project.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// The Jira issue type for `kind`: the first of [`PREFERRED_TYPES`] the import table maps back
/// to `kind`, else any type it maps to `kind`, so a re-import keeps the kind. `None` when the
/// table names no type for it.
pub fn issue_type(m: &Mappings, kind: Kind) -> Option<String> {
    PREFERRED_TYPES
        .iter()
        .find(|t| m.jira_kind(t) == Some(kind))
        .map(|t| t.to_string())
        .or_else(|| m.jira_kinds.iter().find(|(_, k)| **k == kind).map(|(name, _)| name.clone()))
}

/// Jira labels cannot hold spaces: a tag's spaces become underscores.
fn label(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Writes `items` as Jira CSV, all in `sprint`. Labels go in repeated `Labels` columns, one
/// label each, as Jira's importer reads them.
pub fn write<'a>(
    items: impl IntoIterator<Item = &'a WorkItem>,
    sprint: &str,
    m: &Mappings,
    out: impl Write,
) -> io::Result<()> {
    let items: Vec<&WorkItem> = items.into_iter().collect();
    let label_columns = items.iter().map(|i| i.tags.len()).max().unwrap_or(0).max(1);
    let mut w = csv::Writer::from_writer(out);
    let header = COLUMNS.iter().copied().chain(std::iter::repeat_n("Labels", label_columns));
    w.write_record(header).map_err(io_error)?;
    for i in items {
        let key = i.key.as_deref().filter(|k| is_jira_key(k)).unwrap_or("");
        let kind = issue_type(m, i.kind).unwrap_or_else(|| "Task".to_string());
        let mut row = vec![key.to_string(), i.title.clone(), kind, i.estimate.to_string(), sprint.to_string()];
        let mut labels: Vec<String> = i.tags.iter().map(|t| label(t)).collect();
        labels.resize(label_columns, String::new());
        row.extend(labels);
        w.write_record(&row).map_err(io_error)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::mapping::tests::mappings;

    #[test]
    fn jira_keys_are_told_from_github_and_flowdeck_keys() {
        assert!(is_jira_key("PAY-101"));
        assert!(is_jira_key("AB_2-7"));
        assert!(!is_jira_key("example-org/example-app#412"));
        assert!(!is_jira_key("PAY-"));
        assert!(!is_jira_key("-12"));
        assert!(!is_jira_key("pay 1-2"));
    }

    #[test]
    fn every_kind_goes_back_as_a_type_that_imports_as_that_kind() {
        let m = mappings();
        for kind in [Kind::Feature, Kind::Defect, Kind::Debt, Kind::Risk] {
            let t = issue_type(&m, kind).expect("a type");
            assert_eq!(m.jira_kind(&t), Some(kind), "{t}");
        }
        assert_eq!(issue_type(&m, Kind::Feature).as_deref(), Some("Story"));
        assert_eq!(issue_type(&m, Kind::Defect).as_deref(), Some("Bug"));
    }

    #[test]
    fn labels_lose_their_spaces() {
        assert_eq!(label("needs review"), "needs_review");
    }
}
