//! Undo and redo across every kind of change made since the TUI opened.
//!
//! The stacks hold change sets *as committed*, so an undo carries the versions the store has
//! now; undoing is saving the inverse, which the store checks like any other change. Undoing
//! (or redoing) a step writes its rows again at new versions, so the step below it on the
//! stack is rebased onto those versions: undoing twice in a row on the same item must not look
//! like someone else's edit.

use crate::domain::change::ChangeSet;

/// Far more than a planning meeting needs; bounded so a long session cannot grow without end.
pub const LEVELS: usize = 1000;

/// Which way a change set goes through the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Do,
    Undo,
    Redo,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<ChangeSet>,
    undone: Vec<ChangeSet>,
}

impl History {
    /// What to save to undo the last change.
    pub fn next_undo(&self) -> Option<ChangeSet> {
        self.done.last().map(ChangeSet::inverse)
    }

    /// What to save to redo the last undone change.
    pub fn next_redo(&self) -> Option<ChangeSet> {
        self.undone.last().map(ChangeSet::inverse)
    }

    /// Records a committed set. For an undo, `committed` is the inverse that was saved.
    pub fn record(&mut self, committed: ChangeSet, step: Step) {
        match step {
            Step::Do => {
                self.done.push(committed);
                self.undone.clear();
            }
            Step::Undo => {
                self.done.pop();
                rebase(&mut self.done, &committed);
                self.undone.push(committed);
            }
            Step::Redo => {
                self.undone.pop();
                rebase(&mut self.undone, &committed);
                self.done.push(committed);
            }
        }
        if self.done.len() > LEVELS {
            self.done.remove(0);
        }
    }

    /// Drops the set an undo or redo could not save (someone else changed those rows), so the
    /// steps before it stay reachable.
    pub fn discard(&mut self, step: Step) {
        match step {
            Step::Undo => {
                self.done.pop();
            }
            Step::Redo => {
                self.undone.pop();
            }
            Step::Do => {}
        }
    }

    pub fn undo_depth(&self) -> usize {
        self.done.len()
    }

    pub fn redo_depth(&self) -> usize {
        self.undone.len()
    }
}

/// For each row `committed` wrote, the most recent set in `stack` that wrote the same row now
/// expects the row's new version.
fn rebase(stack: &mut [ChangeSet], committed: &ChangeSet) {
    for (row, version) in committed.changes.iter().filter_map(|c| c.written()) {
        let latest = stack
            .iter_mut()
            .rev()
            .find_map(|set| set.changes.iter_mut().rev().find(|c| c.written().is_some_and(|(r, _)| r == row)));
        if let Some(change) = latest {
            change.rebase(version);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(label: &str) -> ChangeSet {
        ChangeSet::new(label, vec![])
    }

    #[test]
    fn undo_then_redo_then_a_new_change_clears_redo() {
        let mut h = History::default();
        h.record(set("a"), Step::Do);
        h.record(set("b"), Step::Do);
        assert_eq!(h.next_undo().map(|s| s.label), Some("b".into()));
        h.record(set("b"), Step::Undo);
        assert_eq!((h.undo_depth(), h.redo_depth()), (1, 1));
        h.record(set("b"), Step::Redo);
        assert_eq!((h.undo_depth(), h.redo_depth()), (2, 0));
        h.record(set("b"), Step::Undo);
        h.record(set("c"), Step::Do);
        assert_eq!(h.redo_depth(), 0);
    }

    #[test]
    fn undoing_twice_on_one_item_expects_the_versions_the_store_holds() {
        use crate::domain::change::{apply, Change};
        use crate::domain::{Kind, Status, Workspace};
        let mut item = crate::domain::test_support::item(1, Kind::Feature, 2.0);
        let mut ws = Workspace { items: vec![item.clone()], ..Workspace::default() };
        let mut h = History::default();
        // Two edits of the same item: planned, then pinned.
        for edit in [
            |i: &mut crate::domain::WorkItem| i.status = Status::Planned,
            |i: &mut crate::domain::WorkItem| i.pinned = true,
        ] {
            let mut after = item.clone();
            edit(&mut after);
            let set = ChangeSet::new("edit", vec![Change::item(Some(item.clone()), Some(after))]);
            apply(&mut ws, &set);
            item = ws.items[0].clone();
            h.record(set, Step::Do);
        }
        for _ in 0..2 {
            let undo = h.next_undo().expect("a step to undo");
            let Change::Item { before: Some(expected), .. } = &undo.changes[0] else { panic!("an item update") };
            assert_eq!(expected.version, ws.items[0].version, "the undo expects what the store holds");
            apply(&mut ws, &undo);
            h.record(undo, Step::Undo);
        }
        assert_eq!((ws.items[0].status, ws.items[0].pinned), (Status::Backlog, false));
        let redo = h.next_redo().expect("a step to redo");
        let Change::Item { before: Some(expected), .. } = &redo.changes[0] else { panic!("an item update") };
        assert_eq!(expected.version, ws.items[0].version, "and so does the redo");
    }

    #[test]
    fn keeps_at_least_a_hundred_levels() {
        let mut h = History::default();
        for n in 0..LEVELS + 5 {
            h.record(set(&n.to_string()), Step::Do);
        }
        assert_eq!(h.undo_depth(), LEVELS);
        const { assert!(LEVELS >= 100) };
    }
}
