//! The sprints a forecast names: the current one, those already created after it, then more
//! in the team's rhythm (same length, the first weekday after the previous one ends).

use chrono::{Duration, NaiveDate};

use crate::domain::sprint_lifecycle::{next_name, next_weekday_from};
use crate::domain::{Sprint, SprintId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FutureSprint {
    /// The stored sprint; `None` when it is only proposed.
    pub id: Option<SprintId>,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Not created yet: proposed from the rhythm of the sprints before it.
    pub proposed: bool,
}

/// `count` sprints from `current` on: `current` first, then `later` (sprints already created
/// after it, in any order), then proposed ones.
pub fn future_sprints(current: &Sprint, later: &[&Sprint], count: usize) -> Vec<FutureSprint> {
    let mut known: Vec<&Sprint> = later.iter().copied().filter(|s| s.start > current.end).collect();
    known.sort_by_key(|s| (s.start, s.id));
    let mut out: Vec<FutureSprint> = std::iter::once(current)
        .chain(known)
        .take(count)
        .map(|s| FutureSprint { id: Some(s.id), name: s.name.clone(), start: s.start, end: s.end, proposed: false })
        .collect();
    let length = current.end - current.start;
    let mut number = out.len();
    while out.len() < count {
        let Some(last) = out.last() else { break };
        let start = next_weekday_from(last.end + Duration::days(1), false);
        number += 1;
        let name = next_name(&last.name, number);
        out.push(FutureSprint { id: None, name, start, end: start + length, proposed: true });
    }
    out
}
