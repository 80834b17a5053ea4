//! A change to the workspace as data: what a row was and what it becomes.
//!
//! Every edit the user makes is a `ChangeSet`. Keeping both sides makes undo a plain inversion,
//! lets the store refuse a change when the row no longer matches `before` (another process
//! saved first), and lets the TUI apply the same change to its copy without a reload.

use chrono::NaiveDate;

use super::item::{ItemId, WorkItem};
use super::policy::Policy;
use super::sprint::{Sprint, SprintEntry, SprintId};
use super::team::{Availability, DayOff, Holiday, Member, MemberId};
use super::workspace::Workspace;

// Items are large next to the other rows; a change set holds a handful and lives briefly, so
// boxing them would add noise for no measurable gain.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `None → Some` creates, `Some → Some` updates, `Some → None` deletes.
    Item {
        before: Option<WorkItem>,
        after: Option<WorkItem>,
    },
    /// `None → Some` adds, `Some → Some` updates (a removal sets `left_on`), `Some → None`
    /// deletes (only undoing an addition does that).
    Member {
        before: Option<Member>,
        after: Option<Member>,
    },
    /// The days off of one member in one sprint.
    DaysOff {
        member: MemberId,
        sprint: SprintId,
        before: Vec<NaiveDate>,
        after: Vec<NaiveDate>,
    },
    /// `None → Some` adds, `Some → Some` edits, `Some → None` removes.
    Holiday {
        before: Option<Holiday>,
        after: Option<Holiday>,
    },
    /// `None → Some` creates, `Some → Some` updates (dates, goal, state, actuals),
    /// `Some → None` deletes (only undoing a creation does that).
    Sprint {
        before: Option<Sprint>,
        after: Option<Sprint>,
    },
    /// The whole plan snapshot of one sprint: written when it starts, given outcomes when it
    /// closes. Compared whole, like days off.
    Entries {
        sprint: SprintId,
        before: Vec<SprintEntry>,
        after: Vec<SprintEntry>,
    },
    /// The availability one sprint keeps (written when it starts). Compared whole.
    Availability {
        sprint: SprintId,
        before: Vec<Availability>,
        after: Vec<Availability>,
    },
    Policy {
        before: Policy,
        after: Policy,
    },
}

/// Rows with a version get `before.version + 1` when updated, so an undo carries the version
/// the store will hold; an inserted row keeps its own.
fn bumped(before: i64) -> i64 {
    before.saturating_add(1)
}

impl Change {
    /// An item change whose `after` carries the version the store will give it.
    pub fn item(before: Option<WorkItem>, after: Option<WorkItem>) -> Change {
        let after = match (&before, after) {
            (Some(b), Some(mut a)) => {
                a.version = bumped(b.version);
                Some(a)
            }
            (_, after) => after,
        };
        Change::Item { before, after }
    }

    /// An update of an existing member.
    pub fn member(before: Member, mut after: Member) -> Change {
        after.version = bumped(before.version);
        Change::Member { before: Some(before), after: Some(after) }
    }

    /// A new member (id 0: the store gives it the next free one).
    pub fn new_member(member: Member) -> Change {
        Change::Member { before: None, after: Some(member) }
    }

    /// An update of an existing sprint.
    pub fn sprint(before: Sprint, mut after: Sprint) -> Change {
        after.version = bumped(before.version);
        Change::Sprint { before: Some(before), after: Some(after) }
    }

    /// A new sprint (id 0: the store gives it the next free one).
    pub fn new_sprint(sprint: Sprint) -> Change {
        Change::Sprint { before: None, after: Some(sprint) }
    }

    pub fn policy(before: Policy, mut after: Policy) -> Change {
        after.version = bumped(before.version);
        Change::Policy { before, after }
    }

    /// The change that takes the workspace back.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Item { before, after } => match (before, after) {
                // Re-creating a deleted row: it comes back one version on, so a copy of the
                // deleted row held elsewhere cannot overwrite it.
                (Some(b), None) => {
                    let mut again = b.clone();
                    again.version = bumped(b.version);
                    Change::Item { before: None, after: Some(again) }
                }
                (b, a) => Change::item(a.clone(), b.clone()),
            },
            Change::Member { before, after } => match (before, after) {
                (Some(b), Some(a)) => Change::member(a.clone(), b.clone()),
                (Some(b), None) => {
                    let mut again = b.clone();
                    again.version = bumped(b.version);
                    Change::Member { before: None, after: Some(again) }
                }
                (b, a) => Change::Member { before: a.clone(), after: b.clone() },
            },
            Change::DaysOff { member, sprint, before, after } => {
                Change::DaysOff { member: *member, sprint: *sprint, before: after.clone(), after: before.clone() }
            }
            Change::Holiday { before, after } => Change::Holiday { before: after.clone(), after: before.clone() },
            Change::Sprint { before, after } => match (before, after) {
                (Some(b), Some(a)) => Change::sprint(a.clone(), b.clone()),
                // As for items: a re-created row comes back one version on.
                (Some(b), None) => {
                    let mut again = b.clone();
                    again.version = bumped(b.version);
                    Change::Sprint { before: None, after: Some(again) }
                }
                (b, a) => Change::Sprint { before: a.clone(), after: b.clone() },
            },
            Change::Entries { sprint, before, after } => {
                Change::Entries { sprint: *sprint, before: after.clone(), after: before.clone() }
            }
            Change::Availability { sprint, before, after } => {
                Change::Availability { sprint: *sprint, before: after.clone(), after: before.clone() }
            }
            Change::Policy { before, after } => Change::policy(after.clone(), before.clone()),
        }
    }

    /// True when saving this change would leave every row as it is: an update whose two sides
    /// differ only in the version (and an item's `updated` time). Such a change is not saved and
    /// leaves no undo step.
    pub fn changes_nothing(&self) -> bool {
        match self {
            Change::Item { before: Some(b), after: Some(a) } => {
                WorkItem { version: b.version, updated: b.updated, ..a.clone() } == *b
            }
            Change::Item { before, after } => before.is_none() && after.is_none(),
            Change::Member { before: Some(b), after: Some(a) } => Member { version: b.version, ..a.clone() } == *b,
            Change::Member { before, after } => before.is_none() && after.is_none(),
            Change::DaysOff { before, after, .. } => before == after,
            Change::Holiday { before, after } => before == after,
            Change::Sprint { before: Some(b), after: Some(a) } => Sprint { version: b.version, ..a.clone() } == *b,
            Change::Sprint { before, after } => before.is_none() && after.is_none(),
            Change::Entries { before, after, .. } => before == after,
            Change::Availability { before, after, .. } => before == after,
            Change::Policy { before, after } => Policy { version: before.version, ..after.clone() } == *before,
        }
    }

    /// The item a change is about, if any (to keep the selection on it).
    pub fn item_id(&self) -> Option<ItemId> {
        match self {
            Change::Item { before, after } => after.as_ref().or(before.as_ref()).map(|i| i.id),
            _ => None,
        }
    }

    /// True when the ranked candidates may change: the policy, an item's scoring fields, an
    /// item created or deleted, or a sprint created, deleted or moved to another state (which
    /// changes the current sprint and so the candidates).
    pub fn touches_ranking(&self) -> bool {
        match self {
            Change::Policy { .. } => true,
            Change::Sprint { before: Some(b), after: Some(a) } => b.state != a.state,
            Change::Sprint { .. } => true,
            Change::Item { before: Some(b), after: Some(a) } => {
                (b.impact, b.risk, b.time_to_value, b.estimate, b.kind)
                    != (a.impact, a.risk, a.time_to_value, a.estimate, a.kind)
                    || b.key != a.key
                    // The unestimated count Plan shows is taken while ranking.
                    || b.is_unestimated() != a.is_unestimated()
            }
            Change::Item { .. } => true,
            _ => false,
        }
    }
}

/// A row that carries a version, for matching changes to the same row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionedRow {
    Item(ItemId),
    Member(MemberId),
    Sprint(SprintId),
    Policy,
}

impl Change {
    /// The versioned row this change leaves in place, and the version it leaves it at
    /// (`None` for a deletion and for rows compared whole).
    pub fn written(&self) -> Option<(VersionedRow, i64)> {
        match self {
            Change::Item { after: Some(a), .. } => Some((VersionedRow::Item(a.id), a.version)),
            Change::Member { after: Some(a), .. } => Some((VersionedRow::Member(a.id), a.version)),
            Change::Sprint { after: Some(a), .. } => Some((VersionedRow::Sprint(a.id), a.version)),
            Change::Policy { after, .. } => Some((VersionedRow::Policy, after.version)),
            _ => None,
        }
    }

    /// Records that the row this change wrote is now at `version` (a later change wrote the
    /// same content again), so undoing this change expects what the store really holds.
    pub fn rebase(&mut self, version: i64) {
        match self {
            Change::Item { after: Some(a), .. } => a.version = version,
            Change::Member { after: Some(a), .. } => a.version = version,
            Change::Sprint { after: Some(a), .. } => a.version = version,
            Change::Policy { after, .. } => after.version = version,
            _ => {}
        }
    }
}

/// One user action: saved in one transaction, undone in one step.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSet {
    /// What the user did, in words ("add PAY-1301 to Sprint 48"), for the status line.
    pub label: String,
    pub changes: Vec<Change>,
}

impl ChangeSet {
    pub fn new(label: impl Into<String>, changes: Vec<Change>) -> ChangeSet {
        ChangeSet { label: label.into(), changes }
    }

    /// Undoes `self`: each change inverted, last first.
    pub fn inverse(&self) -> ChangeSet {
        ChangeSet { label: self.label.clone(), changes: self.changes.iter().rev().map(Change::inverse).collect() }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Nothing to save: no change, or only changes that leave their rows as they are.
    pub fn changes_nothing(&self) -> bool {
        self.changes.iter().all(Change::changes_nothing)
    }

    /// Makes the first change of `row` expect it at `version` (what the user saw), so the
    /// store refuses the set if the row has moved on since.
    pub fn expect_version(&mut self, row: VersionedRow, version: i64) {
        for change in &mut self.changes {
            let before_version = match change {
                Change::Item { before: Some(b), .. } if row == VersionedRow::Item(b.id) => &mut b.version,
                Change::Member { before: Some(b), .. } if row == VersionedRow::Member(b.id) => &mut b.version,
                Change::Sprint { before: Some(b), .. } if row == VersionedRow::Sprint(b.id) => &mut b.version,
                Change::Policy { before, .. } if row == VersionedRow::Policy => &mut before.version,
                _ => continue,
            };
            *before_version = version;
            return;
        }
    }
}

/// Applies a change set that the store has committed to an in-memory workspace.
pub fn apply(ws: &mut Workspace, set: &ChangeSet) {
    for change in &set.changes {
        apply_one(ws, change);
    }
}

/// [`apply`] for a committed set nobody needs afterwards (a large import): its items move
/// into the workspace instead of being copied.
pub fn absorb(ws: &mut Workspace, set: ChangeSet) {
    for change in set.changes {
        match change {
            Change::Item { after: Some(item), .. } => match ws.items.binary_search_by_key(&item.id, |i| i.id) {
                Ok(index) => ws.items[index] = item,
                Err(index) => ws.items.insert(index, item),
            },
            other => apply_one(ws, &other),
        }
    }
}

fn apply_one(ws: &mut Workspace, change: &Change) {
    match change {
        Change::Item { before, after } => {
            let id = after.as_ref().or(before.as_ref()).map(|i| i.id);
            let Some(id) = id else { return };
            let found = ws.items.binary_search_by_key(&id, |i| i.id);
            match (found, after) {
                (Ok(index), Some(item)) => ws.items[index] = item.clone(),
                (Ok(index), None) => {
                    ws.items.remove(index);
                }
                // Insert at its place so the list stays in id order (`Workspace::item` relies on it).
                (Err(index), Some(item)) => ws.items.insert(index, item.clone()),
                (Err(_), None) => {}
            }
        }
        Change::Member { before, after } => {
            let id = after.as_ref().or(before.as_ref()).map(|m| m.id);
            ws.members.retain(|m| Some(m.id) != id);
            if let Some(member) = after {
                ws.members.push(member.clone());
            }
            ws.members.sort_by_key(|m| m.id);
        }
        Change::DaysOff { member, sprint, after, .. } => {
            ws.days_off.retain(|d| !(d.member == *member && d.sprint == *sprint));
            ws.days_off.extend(after.iter().map(|date| DayOff { member: *member, sprint: *sprint, date: *date }));
        }
        Change::Holiday { before, after } => {
            if let Some(b) = before {
                ws.holidays.retain(|h| h.date != b.date);
            }
            if let Some(a) = after {
                ws.holidays.retain(|h| h.date != a.date);
                ws.holidays.push(a.clone());
                ws.holidays.sort_by_key(|h| h.date);
            }
        }
        Change::Sprint { before, after } => {
            let id = after.as_ref().or(before.as_ref()).map(|s| s.id);
            ws.sprints.retain(|s| Some(s.id) != id);
            if let Some(sprint) = after {
                ws.sprints.push(sprint.clone());
            }
            ws.sprints.sort_by_key(|s| (s.start, s.id));
        }
        Change::Entries { sprint, after, .. } => {
            ws.entries.retain(|e| e.sprint != *sprint);
            ws.entries.extend(after.iter().cloned());
            ws.entries.sort_by_key(|e| (e.sprint, e.item));
        }
        Change::Availability { sprint, after, .. } => {
            ws.availability.retain(|a| a.sprint != *sprint);
            ws.availability.extend(after.iter().copied());
            ws.availability.sort_by_key(|a| (a.sprint, a.member));
        }
        Change::Policy { after, .. } => ws.policy = after.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;
    use crate::domain::{Kind, Status};

    fn ws_with(items: Vec<WorkItem>) -> Workspace {
        Workspace { items, ..Workspace::default() }
    }

    #[test]
    fn an_update_bumps_the_version_and_its_inverse_restores_the_fields() {
        let before = item(1, Kind::Feature, 3.0);
        let mut after = before.clone();
        after.status = Status::Planned;
        let change = Change::item(Some(before.clone()), Some(after));
        let Change::Item { after: Some(a), .. } = &change else { panic!("not an item update") };
        assert_eq!(a.version, before.version + 1);

        let mut ws = ws_with(vec![before.clone()]);
        apply(&mut ws, &ChangeSet::new("plan", vec![change.clone()]));
        apply(&mut ws, &ChangeSet::new("plan", vec![change]).inverse());
        let back = &ws.items[0];
        assert_eq!(back.status, before.status);
        assert_eq!(back.version, before.version + 2, "undo is a new version, not a rewind");
    }

    #[test]
    fn create_delete_and_undo_keep_items_in_id_order() {
        let mut ws = ws_with(vec![item(1, Kind::Feature, 1.0), item(5, Kind::Feature, 1.0)]);
        let created = ChangeSet::new("new", vec![Change::item(None, Some(item(3, Kind::Debt, 2.0)))]);
        apply(&mut ws, &created);
        assert_eq!(ws.items.iter().map(|i| i.id.0).collect::<Vec<_>>(), [1, 3, 5]);
        apply(&mut ws, &created.inverse());
        assert_eq!(ws.items.iter().map(|i| i.id.0).collect::<Vec<_>>(), [1, 5]);

        let deleted = ChangeSet::new("delete", vec![Change::item(Some(ws.items[0].clone()), None)]);
        apply(&mut ws, &deleted);
        apply(&mut ws, &deleted.inverse());
        assert_eq!(ws.items.iter().map(|i| i.id.0).collect::<Vec<_>>(), [1, 5]);
        assert_eq!(ws.items[0].version, 2, "a restored row is a new version");
    }

    #[test]
    fn a_set_is_undone_last_change_first() {
        let a = item(1, Kind::Feature, 1.0);
        let mut a2 = a.clone();
        a2.pinned = true;
        let mut a3 = a2.clone();
        a3.status = Status::Planned;
        let set = ChangeSet::new(
            "two steps",
            vec![Change::item(Some(a.clone()), Some(a2.clone())), {
                let mut a2v = a2.clone();
                a2v.version += 1;
                Change::item(Some(a2v), Some(a3))
            }],
        );
        let mut ws = ws_with(vec![a.clone()]);
        apply(&mut ws, &set);
        apply(&mut ws, &set.inverse());
        assert!(!ws.items[0].pinned);
        assert_eq!(ws.items[0].status, Status::Backlog);
    }

    #[test]
    fn absorbing_a_set_leaves_the_workspace_as_applying_it_does() {
        let mut by_apply = ws_with(vec![item(1, Kind::Feature, 1.0), item(5, Kind::Feature, 1.0)]);
        let mut changed = by_apply.items[1].clone();
        changed.title = "renamed".into();
        let set = ChangeSet::new(
            "import",
            vec![
                Change::item(None, Some(item(3, Kind::Debt, 2.0))),
                Change::item(Some(by_apply.items[1].clone()), Some(changed)),
                Change::item(None, Some(item(9, Kind::Risk, 1.0))),
            ],
        );
        let mut by_absorb = by_apply.clone();
        apply(&mut by_apply, &set);
        absorb(&mut by_absorb, set);
        assert_eq!(by_absorb, by_apply);
    }

    #[test]
    fn holidays_and_days_off_round_trip() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        let mut ws = Workspace::default();
        let add = ChangeSet::new(
            "holiday",
            vec![
                Change::Holiday { before: None, after: Some(Holiday { date: day(26), name: "Thanksgiving".into() }) },
                Change::DaysOff { member: MemberId(1), sprint: SprintId(1), before: vec![], after: vec![day(27)] },
            ],
        );
        apply(&mut ws, &add);
        assert_eq!(ws.holidays.len(), 1);
        assert_eq!(ws.days_off.len(), 1);
        apply(&mut ws, &add.inverse());
        assert!(ws.holidays.is_empty() && ws.days_off.is_empty());
    }
}
