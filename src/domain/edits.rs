//! The edits a planner makes, built as `ChangeSet`s from the workspace as it is now.
//!
//! Pure: nothing is saved here. The session saves a set in one transaction; undo inverts it.

use std::collections::HashSet;

use super::change::{Change, ChangeSet};
use super::estimate::HalfPoints;
use super::item::{ItemId, Status, WorkItem, UNESTIMATED};
use super::sprint::{Sprint, SprintState};
use super::workspace::Workspace;

/// How an item is named in messages: its tracker key, else its number (a new item without
/// a key has no number yet: its title then).
pub fn label(item: &WorkItem) -> String {
    match (&item.key, item.id.0) {
        (Some(key), _) => key.clone(),
        (None, 0) => format!("“{}”", item.title.chars().take(40).collect::<String>()),
        (None, id) => format!("#{id}"),
    }
}

fn planned_in(item: &WorkItem, sprint: &Sprint) -> bool {
    item.status == Status::Planned && item.sprint == Some(sprint.id)
}

fn moved(item: &WorkItem, into: Option<&Sprint>) -> Change {
    let mut after = item.clone();
    after.status = if into.is_some() { Status::Planned } else { Status::Backlog };
    after.sprint = into.map(|s| s.id);
    Change::item(Some(item.clone()), Some(after))
}

/// Only a sprint in planning takes plan changes: a started sprint's plan is its commitment.
pub fn ensure_planning(sprint: &Sprint) -> Result<(), String> {
    if sprint.state == SprintState::Planning {
        Ok(())
    } else {
        Err(format!("{} is {}; only a sprint in planning can change its plan", sprint.name, sprint.state.word()))
    }
}

/// Puts the item into the sprint, or takes it out when it is already in.
pub fn toggle_planned(ws: &Workspace, sprint: &Sprint, id: ItemId) -> Result<ChangeSet, String> {
    ensure_planning(sprint)?;
    let item = ws.item(id).ok_or("that item no longer exists")?;
    if planned_in(item, sprint) {
        return Ok(ChangeSet::new(format!("removed {} from {}", label(item), sprint.name), vec![moved(item, None)]));
    }
    if item.status != Status::Backlog {
        return Err(format!("{} is {}; only backlog items can be planned", label(item), item.status.as_str()));
    }
    Ok(ChangeSet::new(format!("added {} to {}", label(item), sprint.name), vec![moved(item, Some(sprint))]))
}

/// Makes exactly `chosen` the plan of `sprint` (auto-fill's proposal, accepted).
pub fn set_plan(ws: &Workspace, sprint: &Sprint, chosen: &[ItemId], label_text: &str) -> Result<ChangeSet, String> {
    ensure_planning(sprint)?;
    let chosen: HashSet<ItemId> = chosen.iter().copied().collect();
    let changes: Vec<Change> = ws
        .items
        .iter()
        .filter_map(|i| match (planned_in(i, sprint), chosen.contains(&i.id)) {
            (false, true) if i.status == Status::Backlog => Some(moved(i, Some(sprint))),
            (true, false) => Some(moved(i, None)),
            _ => None,
        })
        .collect();
    Ok(ChangeSet::new(label_text, changes))
}

/// Takes everything but the pinned items out of the sprint.
pub fn clear(ws: &Workspace, sprint: &Sprint) -> Result<ChangeSet, String> {
    ensure_planning(sprint)?;
    let changes: Vec<Change> =
        ws.items.iter().filter(|i| planned_in(i, sprint) && !i.pinned).map(|i| moved(i, None)).collect();
    Ok(ChangeSet::new(
        format!("cleared {} ({} back to the backlog)", sprint.name, super::text::count(changes.len(), "item", "items")),
        changes,
    ))
}

/// Flips one of an item's two planning flags; setting one lifts the other (the store refuses
/// an item both pinned and excluded, and the two contradict anyway).
fn toggle_flag(ws: &Workspace, id: ItemId, pin: bool) -> Result<ChangeSet, String> {
    let item = ws.item(id).ok_or("that item no longer exists")?;
    let mut after = item.clone();
    let (set, other) =
        if pin { (&mut after.pinned, &mut after.excluded) } else { (&mut after.excluded, &mut after.pinned) };
    *set = !*set;
    if *set {
        *other = false;
    }
    let verb = match (pin, *set) {
        (true, true) => "pinned",
        (true, false) => "unpinned",
        (false, true) => "excluded",
        (false, false) => "included again",
    };
    Ok(ChangeSet::new(format!("{verb} {}", label(item)), vec![Change::item(Some(item.clone()), Some(after))]))
}

/// Pinned items must be in the sprint: pinning a backlog item also plans it into `sprint`
/// (when one is in planning), in the same change; unpinning leaves it where it is.
pub fn toggle_pinned(ws: &Workspace, sprint: Option<&Sprint>, id: ItemId) -> Result<ChangeSet, String> {
    let mut set = toggle_flag(ws, id, true)?;
    let into = sprint.filter(|s| s.state == SprintState::Planning);
    if let (Some(s), Some(Change::Item { after: Some(after), .. })) = (into, set.changes.first_mut()) {
        if after.pinned && after.status == Status::Backlog {
            after.status = Status::Planned;
            after.sprint = Some(s.id);
            set.label = format!("{} into {}", set.label, s.name);
        }
    }
    Ok(set)
}

/// Excluded items are never chosen by auto-fill.
pub fn toggle_excluded(ws: &Workspace, id: ItemId) -> Result<ChangeSet, String> {
    toggle_flag(ws, id, false)
}

/// Deletes an item that no sprint history refers to (history is kept whole).
pub fn delete(ws: &Workspace, id: ItemId) -> Result<ChangeSet, String> {
    let item = ws.item(id).ok_or("that item no longer exists")?;
    if let Some(entry) = ws.entries.iter().find(|e| e.item == id) {
        let sprint = ws.sprint(entry.sprint).map(|s| s.name.as_str()).unwrap_or("a past sprint");
        return Err(format!("{} is part of {sprint}'s history and cannot be deleted; exclude it instead", label(item)));
    }
    Ok(ChangeSet::new(format!("deleted {}", label(item)), vec![Change::item(Some(item.clone()), None)]))
}

/// Giving an unestimated item an estimate makes it an ordinary candidate: the `unestimated`
/// tag goes, and so does the exclusion from auto-fill that came with it — unless this same
/// edit set the exclusion itself (then it is the planner's decision, kept).
pub fn lift_unestimated(before: &WorkItem, after: &mut WorkItem) {
    let estimated = after.estimate != HalfPoints::ZERO && after.estimate != before.estimate;
    if !before.is_unestimated() || !estimated {
        return;
    }
    after.tags.retain(|t| t != UNESTIMATED);
    if after.excluded == before.excluded {
        after.excluded = false;
    }
}

/// Saves an edited item (`before` is `None` for a new one, whose id the store assigns); an
/// estimate given to an unestimated item lifts its tag and exclusion ([`lift_unestimated`]).
pub fn save_item(ws: &Workspace, mut after: WorkItem) -> ChangeSet {
    if let Some(before) = ws.item(after.id).filter(|_| after.id.0 != 0) {
        lift_unestimated(before, &mut after);
    }
    save_item_as_given(ws, after)
}

/// [`save_item`] without lifting anything: `after` is exactly what is saved.
pub fn save_item_as_given(ws: &Workspace, after: WorkItem) -> ChangeSet {
    let before = ws.item(after.id).filter(|_| after.id.0 != 0).cloned();
    let verb = if before.is_some() { "edited" } else { "created" };
    ChangeSet::new(format!("{verb} {}", label(&after)), vec![Change::item(before, Some(after))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::test_support::item;
    use crate::domain::{Kind, SprintEntry, SprintId};
    use chrono::NaiveDate;

    fn sprint(state: SprintState) -> Sprint {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        Sprint {
            id: SprintId(1),
            name: "Sprint 48".into(),
            start: day,
            end: day,
            goal: String::new(),
            state,
            actuals: None,
            version: 1,
        }
    }

    fn ws() -> Workspace {
        Workspace {
            items: (1..=4).map(|id| item(id, Kind::Feature, 2.0)).collect(),
            sprints: vec![sprint(SprintState::Planning)],
            ..Workspace::default()
        }
    }

    fn planned_ids(ws: &Workspace) -> Vec<i64> {
        ws.items.iter().filter(|i| i.status == Status::Planned).map(|i| i.id.0).collect()
    }

    #[test]
    fn toggling_adds_then_removes() {
        let mut w = ws();
        let s = w.sprints[0].clone();
        let add = toggle_planned(&w, &s, ItemId(2)).expect("add");
        assert_eq!(add.label, "added PAY-2 to Sprint 48");
        apply(&mut w, &add);
        assert_eq!(planned_ids(&w), [2]);
        let remove = toggle_planned(&w, &s, ItemId(2)).expect("remove");
        apply(&mut w, &remove);
        assert!(planned_ids(&w).is_empty());
    }

    #[test]
    fn a_started_sprint_refuses_plan_changes() {
        let w = ws();
        let err = toggle_planned(&w, &sprint(SprintState::Active), ItemId(1)).expect_err("active");
        assert!(err.contains("only a sprint in planning"), "{err}");
    }

    #[test]
    fn set_plan_moves_only_the_difference_and_clear_keeps_pins() {
        let mut w = ws();
        let s = w.sprints[0].clone();
        let set = set_plan(&w, &s, &[ItemId(1), ItemId(2)], "auto").expect("plan");
        apply(&mut w, &set);
        let again = set_plan(&w, &s, &[ItemId(2), ItemId(3)], "auto").expect("plan");
        assert_eq!(again.changes.len(), 2, "1 out, 3 in; 2 untouched");
        apply(&mut w, &again);
        assert_eq!(planned_ids(&w), [2, 3]);
        let set = toggle_pinned(&w, Some(&s), ItemId(3)).expect("pin");
        apply(&mut w, &set);
        let set = clear(&w, &s).expect("clear");
        apply(&mut w, &set);
        assert_eq!(planned_ids(&w), [3]);
    }

    #[test]
    fn pinning_puts_the_item_into_the_sprint_in_one_undoable_step() {
        let mut w = ws();
        let s = w.sprints[0].clone();
        let set = toggle_pinned(&w, Some(&s), ItemId(2)).expect("pin");
        assert_eq!(set.label, "pinned PAY-2 into Sprint 48");
        let before = w.clone();
        apply(&mut w, &set);
        assert_eq!(planned_ids(&w), [2], "a pinned item is in the sprint");
        assert!(w.item(ItemId(2)).is_some_and(|i| i.pinned));
        let unpin = toggle_pinned(&w, Some(&s), ItemId(2)).expect("unpin");
        apply(&mut w, &unpin);
        assert_eq!(planned_ids(&w), [2], "unpinning keeps it planned");
        apply(&mut w, &unpin.inverse());
        apply(&mut w, &set.inverse());
        let flags = |ws: &Workspace| ws.items.iter().map(|i| (i.status, i.sprint, i.pinned)).collect::<Vec<_>>();
        assert_eq!(flags(&w), flags(&before), "undo takes it out again");
        let started = sprint(SprintState::Active);
        let set = toggle_pinned(&w, Some(&started), ItemId(3)).expect("pin only");
        apply(&mut w, &set);
        assert_eq!(planned_ids(&w), Vec::<i64>::new(), "a started sprint's plan is not changed");
    }

    #[test]
    fn pin_and_exclude_lift_each_other() {
        let mut w = ws();
        let set = toggle_pinned(&w, None, ItemId(1)).expect("pin");
        apply(&mut w, &set);
        let set = toggle_excluded(&w, ItemId(1)).expect("exclude");
        apply(&mut w, &set);
        let i = w.item(ItemId(1)).expect("item");
        assert!(i.excluded && !i.pinned);
    }

    #[test]
    fn an_estimate_lifts_the_unestimated_tag_and_exclusion() {
        let mut w = ws();
        let imported = &mut w.items[0];
        imported.estimate = HalfPoints::ZERO;
        imported.tags = vec!["ui".into(), UNESTIMATED.into()];
        imported.excluded = true;
        let before = w.items[0].clone();

        let mut still_zero = before.clone();
        still_zero.title = "renamed".into();
        let set = save_item(&w, still_zero);
        let Change::Item { after: Some(a), .. } = &set.changes[0] else { panic!("an item update") };
        assert!(a.is_unestimated() && a.excluded, "a title edit is not an estimate");

        let mut estimated = before.clone();
        estimated.estimate = HalfPoints(6);
        let set = save_item(&w, estimated);
        let Change::Item { after: Some(a), .. } = &set.changes[0] else { panic!("an item update") };
        assert_eq!(a.tags, ["ui"]);
        assert!(!a.excluded, "the exclusion came with the tag and goes with it");

        let mut chose_to_exclude = before.clone();
        chose_to_exclude.estimate = HalfPoints(6);
        chose_to_exclude.excluded = false;
        let mut b2 = before.clone();
        b2.excluded = false;
        w.items[0] = b2;
        chose_to_exclude.excluded = true;
        let set = save_item(&w, chose_to_exclude);
        let Change::Item { after: Some(a), .. } = &set.changes[0] else { panic!("an item update") };
        assert!(!a.is_unestimated() && a.excluded, "an exclusion set in the same edit stays");
    }

    #[test]
    fn items_with_history_cannot_be_deleted() {
        let mut w = ws();
        w.entries.push(SprintEntry {
            sprint: SprintId(1),
            item: ItemId(4),
            planned: crate::domain::HalfPoints(4),
            outcome: crate::domain::EntryOutcome::Done,
            remaining: crate::domain::HalfPoints(0),
        });
        assert!(delete(&w, ItemId(4)).is_err());
        let set = delete(&w, ItemId(3)).expect("delete");
        apply(&mut w, &set);
        assert!(w.item(ItemId(3)).is_none());
    }
}
