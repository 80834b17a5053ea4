//! One field set on many items at once (the marked rows on Plan): one change set, one undo.

use super::change::{Change, ChangeSet};
use super::edits::label;
use super::item::{Agreement, DebtDetails, ItemId, WorkItem};
use super::kind::Kind;
use super::workspace::Workspace;

#[derive(Debug, Clone, PartialEq)]
pub enum BulkEdit {
    Kind(Kind),
    Impact(u8),
    Risk(u8),
    TimeToValue(u8),
    Excluded(bool),
    AddTag(String),
    RemoveTag(String),
}

impl BulkEdit {
    fn describe(&self) -> String {
        match self {
            BulkEdit::Kind(k) => format!("kind {k}"),
            BulkEdit::Impact(v) => format!("impact {v}"),
            BulkEdit::Risk(v) => format!("risk {v}"),
            BulkEdit::TimeToValue(v) => format!("time to value {v}"),
            BulkEdit::Excluded(true) => "excluded".into(),
            BulkEdit::Excluded(false) => "included".into(),
            BulkEdit::AddTag(t) => format!("tag +{t}"),
            BulkEdit::RemoveTag(t) => format!("tag −{t}"),
        }
    }
}

/// A debt's register entry holds something a person wrote (an agreement, a drag, deferrals):
/// a bulk edit does not throw that away by changing the kind.
fn keeps_register(d: &DebtDetails) -> bool {
    d.agreement != Agreement::default() || !d.deferrals.is_empty() || d.drag.is_some()
}

fn edited(item: &WorkItem, edit: &BulkEdit) -> Result<WorkItem, String> {
    let mut after = item.clone();
    match edit {
        BulkEdit::Kind(kind) => {
            if item.kind == Kind::Debt && *kind != Kind::Debt && item.debt.as_deref().is_some_and(keeps_register) {
                return Err(format!(
                    "{} holds a debt register entry (agreement, drag or deferrals): change its kind in its own form",
                    label(item)
                ));
            }
            after.kind = *kind;
            after.debt = match kind {
                Kind::Debt => item.debt.clone().or_else(|| Some(Box::new(DebtDetails::blank()))),
                _ => None,
            };
        }
        BulkEdit::Impact(v) => after.impact = *v,
        BulkEdit::Risk(v) => after.risk = *v,
        BulkEdit::TimeToValue(v) => after.time_to_value = *v,
        BulkEdit::Excluded(excluded) => {
            after.excluded = *excluded;
            // The store refuses an item both pinned and excluded; as `x` does, exclusion wins.
            if *excluded {
                after.pinned = false;
            }
        }
        BulkEdit::AddTag(tag) => {
            if !after.tags.contains(tag) {
                after.tags.push(tag.clone());
            }
        }
        BulkEdit::RemoveTag(tag) => after.tags.retain(|t| t != tag),
    }
    Ok(after)
}

/// `edit` on every item of `ids` that still exists; items it leaves unchanged are not written.
pub fn bulk(ws: &Workspace, ids: &[ItemId], edit: &BulkEdit) -> Result<ChangeSet, String> {
    let mut changes = Vec::new();
    for item in ids.iter().filter_map(|id| ws.item(*id)) {
        let after = edited(item, edit)?;
        if after != *item {
            changes.push(Change::item(Some(item.clone()), Some(after)));
        }
    }
    let n = changes.len();
    Ok(ChangeSet::new(format!("set {} on {n} item{}", edit.describe(), if n == 1 { "" } else { "s" }), changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::apply;
    use crate::domain::test_support::item;

    fn ws() -> Workspace {
        Workspace { items: (1..=4).map(|id| item(id, Kind::Feature, 2.0)).collect(), ..Workspace::default() }
    }

    #[test]
    fn one_set_changes_every_marked_item_and_undoes_as_one() {
        let mut w = ws();
        let before = w.clone();
        let set = bulk(&w, &[ItemId(1), ItemId(3), ItemId(99)], &BulkEdit::Kind(Kind::Debt)).expect("bulk");
        assert_eq!(set.label, "set kind debt on 2 items");
        apply(&mut w, &set);
        let kinds: Vec<Kind> = w.items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::Debt, Kind::Feature, Kind::Debt, Kind::Feature]);
        assert!(w.items[0].debt.is_some(), "a debt item gets a register entry");
        apply(&mut w, &set.inverse());
        let restored: Vec<(Kind, bool)> = w.items.iter().map(|i| (i.kind, i.debt.is_some())).collect();
        let original: Vec<(Kind, bool)> = before.items.iter().map(|i| (i.kind, i.debt.is_some())).collect();
        assert_eq!(restored, original);
    }

    #[test]
    fn unchanged_items_are_not_written_and_exclusion_lifts_pins() {
        let mut w = ws();
        w.items[1].tags = vec!["ui".into()];
        w.items[2].pinned = true;
        let set = bulk(&w, &[ItemId(2), ItemId(3)], &BulkEdit::AddTag("ui".into())).expect("bulk");
        assert_eq!(set.changes.len(), 1, "#2 already has the tag");
        let set = bulk(&w, &[ItemId(3)], &BulkEdit::Excluded(true)).expect("bulk");
        apply(&mut w, &set);
        assert!(w.items[2].excluded && !w.items[2].pinned);
    }

    #[test]
    fn a_debt_with_an_agreement_keeps_its_kind() {
        let mut w = ws();
        let set = bulk(&w, &[ItemId(1)], &BulkEdit::Kind(Kind::Debt)).expect("bulk");
        apply(&mut w, &set);
        if let Some(d) = w.items[0].debt.as_mut() {
            d.agreement.reason = "shipped before the audit".into();
        }
        let err = bulk(&w, &[ItemId(1), ItemId(2)], &BulkEdit::Kind(Kind::Feature)).expect_err("refused");
        assert!(err.contains("PAY-1") && err.contains("register"), "{err}");
    }
}
