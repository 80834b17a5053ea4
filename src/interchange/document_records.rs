//! A flowdeck JSON document merged into a database that already holds data: its items become
//! records (every field the document states is given); its policy, team, sprints and history
//! stay out, because they would overwrite the team's own. Into an empty database a document
//! is restored whole instead (`Document::to_workspace`).

use super::document::{Document, DocumentError};
use super::links::Namer;
use super::record::{Field, ImportRecord, Notices, Parsed, Place};
use crate::domain::Status;

/// The document's items as records, validated by `to_workspace` first so every problem is
/// named exactly as a restore would name it.
pub fn records(doc: &Document, source: &str) -> Result<Parsed, DocumentError> {
    let ws = doc.to_workspace(source)?;
    let mut notices = Notices::default();
    let left_out = [
        (doc.policy.is_some(), "policy"),
        (!doc.members.is_empty(), "members"),
        (!doc.holidays.is_empty(), "holidays"),
        (!doc.sprints.is_empty(), "sprints"),
        (doc.items.iter().any(|i| !i.history.is_empty()), "sprint history"),
    ];
    let mut names: Vec<&str> = left_out.iter().filter(|(there, _)| *there).map(|(_, name)| *name).collect();
    if let Some(last) = names.pop() {
        let list = if names.is_empty() { last.to_string() } else { format!("{} and {last}", names.join(", ")) };
        notices.add(
            format!(
                "the database already holds data: only the document's items were merged by key; its {list} were \
                 left out (import into an empty database to restore everything)"
            ),
            None,
        );
    }
    // Blockers named as the document names them: keys, or `#N` for the N-th record.
    let blockers: Vec<Vec<String>> = {
        let namer = Namer::new(&ws);
        ws.items.iter().map(|i| namer.refs(&i.blocked_by)).collect()
    };
    let mut out = Vec::with_capacity(ws.items.len());
    for ((index, item), blocked_by) in ws.items.into_iter().enumerate().zip(blockers) {
        let place = Place::Entry { index: index + 1, label: item.key.clone() };
        let mut r = ImportRecord::new(place.clone(), item.key, item.title);
        r.kind = Field::Given(item.kind);
        r.status = match item.status {
            Status::Planned => Field::Absent,
            other => Field::Given(other),
        };
        r.planned_in_file = item.status == Status::Planned;
        r.pinned_in_file = item.pinned;
        r.estimate = Field::Given(item.estimate);
        r.impact = Field::Given(item.impact);
        r.risk = Field::Given(item.risk);
        r.time_to_value = Field::Given(item.time_to_value);
        r.outcome = Field::Given(item.outcome);
        r.tags = Field::Given(item.tags);
        r.created = Field::Given(item.created);
        r.excluded = Field::Given(item.excluded);
        r.skills = Field::Given(item.skills);
        r.blocked_by = Field::Given(blocked_by);
        let assignee = item.assignee.and_then(|a| ws.members.iter().find(|m| m.id == a));
        r.assignee = assignee.map(|m| m.name.clone()).into_iter().collect();
        r.debt = match item.debt {
            Some(d) => Field::Given(d),
            None => Field::Absent,
        };
        out.push(r);
    }
    Ok(Parsed { records: out, notices, key_column: "key".into() })
}
