//! Records meet the database: each record creates an item or updates the one with its key, as
//! one change set (saved in one transaction, so a file imports whole or not at all).
//!
//! What an import may change on an item that already exists:
//! - the tracker's facts the file states: key spelling, title, kind, status, estimate, tags,
//!   created date, and (flowdeck's own formats) impact, risk, time-to-value, outcome, excluded
//!   and the debt register's fields;
//! - never planning: an item planned into a sprint keeps its status and sprint, and no import
//!   pins, plans or un-plans anything;
//! - never a guess over a value someone set: defaults and derived values (an unknown issue
//!   type's default kind, impact from a Jira priority) are used only for new items;
//! - never the deferral log, and never a debt's register entry: an item whose register holds an
//!   agreement, deferrals or a recorded drag stays debt whatever the file says.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::domain::change::{Change, ChangeSet};
use crate::domain::text::format_points;
use crate::domain::{
    Agreement, DebtCategory, DebtDetails, HalfPoints, ItemId, Kind, RiskArea, Status, WorkItem, Workspace,
};
use crate::interchange::record::{Field, ImportError, ImportRecord, Notices, Place};

/// The tag that marks an item imported without an estimate. It is excluded from auto-fill
/// (a zero-point item would fill a sprint for free) until an import brings its estimate.
pub const UNESTIMATED: &str = "unestimated";

/// Scores a new item starts with when the file has none (the middle of 1–5).
pub const DEFAULT_SCORE: u8 = 3;

/// What happens to one record.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    Create {
        key: String,
        kind: Kind,
        estimate: Option<HalfPoints>,
        title: String,
    },
    /// The fields that change, in words ("estimate 3 → 5").
    Update {
        key: String,
        changes: Vec<String>,
    },
    Unchanged {
        key: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub set: ChangeSet,
    pub actions: Vec<RowAction>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub notices: Notices,
}

/// The register fields a debt gets when an import makes it one: the same blanks as the TUI's
/// new-item form.
pub fn blank_debt() -> DebtDetails {
    DebtDetails {
        interest: DEFAULT_SCORE,
        visibility: DEFAULT_SCORE,
        drag: None,
        category: DebtCategory::Tactical,
        risk_area: RiskArea::None,
        agreement: Agreement::default(),
        deferrals: Vec::new(),
    }
}

/// True when a debt's register entry holds something a person wrote or decided.
fn has_register_data(d: &DebtDetails) -> bool {
    d.agreement != Agreement::default() || !d.deferrals.is_empty() || d.drag.is_some()
}

fn key_label(key: Option<&str>, place: &Place) -> String {
    key.map_or_else(|| place.short(), str::to_string)
}

/// Plans the import of `records` into `ws`. `label` names the change set ("import jira.csv").
pub fn merge(
    ws: &Workspace,
    records: Vec<ImportRecord>,
    now: DateTime<Utc>,
    label: &str,
) -> Result<Merge, ImportError> {
    let mut exact: HashMap<&str, &WorkItem> = HashMap::new();
    let mut folded: HashMap<String, &WorkItem> = HashMap::new();
    for item in &ws.items {
        if let Some(key) = item.key.as_deref() {
            exact.insert(key, item);
            folded.entry(key.to_lowercase()).or_insert(item);
        }
    }
    let mut next_id = ws.items.iter().map(|i| i.id.0).max().unwrap_or(0);
    let mut matched: HashMap<ItemId, Place> = HashMap::new();
    let mut m = Merge {
        set: ChangeSet::new(label, Vec::with_capacity(records.len())),
        actions: Vec::with_capacity(records.len()),
        created: 0,
        updated: 0,
        unchanged: 0,
        notices: Notices::default(),
    };
    let mut keyless = false;
    let mut new_keys: HashSet<String> = HashSet::new();
    for r in records {
        let existing =
            r.key.as_deref().and_then(|k| exact.get(k).copied().or_else(|| folded.get(&k.to_lowercase()).copied()));
        let key = key_label(r.key.as_deref(), &r.place);
        match existing {
            Some(before) => {
                if let Some(first) = matched.insert(before.id, r.place.clone()) {
                    return Err(ImportError::new(
                        r.place,
                        Some("key"),
                        format!(
                            "{key} and the key on {} are the same item in flowdeck (keys ignore case)",
                            first.short()
                        ),
                        "keep one of the two rows",
                    ));
                }
                planning_notices(&r, Some(before), &mut m.notices);
                let after = update(before, r, now, &mut m.notices);
                let changes = differences(before, &after);
                if changes.is_empty() {
                    m.unchanged += 1;
                    m.actions.push(RowAction::Unchanged { key });
                } else {
                    m.updated += 1;
                    m.actions.push(RowAction::Update { key, changes });
                    m.set.changes.push(Change::item(Some(before.clone()), Some(after)));
                }
            }
            None => {
                if let Some(k) = &r.key {
                    // Two keys differing only in case would collide in flowdeck's lookups.
                    if !new_keys.insert(k.to_lowercase()) {
                        return Err(ImportError::new(
                            r.place,
                            Some("key"),
                            format!("the key {k} is already in the file in another case"),
                            "keep one of the two rows",
                        ));
                    }
                } else {
                    keyless = true;
                }
                planning_notices(&r, None, &mut m.notices);
                next_id += 1;
                let item = create(ItemId(next_id), r, now);
                m.created += 1;
                m.actions.push(RowAction::Create {
                    key,
                    kind: item.kind,
                    estimate: (!item.tags.iter().any(|t| t == UNESTIMATED)).then_some(item.estimate),
                    title: item.title.clone(),
                });
                m.set.changes.push(Change::item(None, Some(item)));
            }
        }
    }
    let unestimated = m.actions.iter().filter(|a| matches!(a, RowAction::Create { estimate: None, .. })).count();
    if unestimated > 0 {
        m.notices.add(
            format!(
                "{unestimated} new item{} without an estimate: 0 points, tagged {UNESTIMATED} and excluded from \
                 auto-fill until estimated",
                if unestimated == 1 { "" } else { "s" }
            ),
            None,
        );
    }
    if keyless {
        m.notices
            .add("rows without a key are always created anew: importing the file again would add them again", None);
    }
    Ok(m)
}

/// Tells the user when the file plans or pins an item that flowdeck does not (imports never do).
fn planning_notices(r: &ImportRecord, existing: Option<&WorkItem>, notices: &mut Notices) {
    if r.planned_in_file && existing.is_none_or(|i| i.status != Status::Planned) {
        notices.add(
            "planned into a sprint in the file: imports never plan items, so it is not planned here",
            Some(&r.place),
        );
    }
    if r.pinned_in_file && existing.is_none_or(|i| !i.pinned) {
        notices.add("pinned in the file: imports never pin items (pin it in flowdeck)", Some(&r.place));
    }
}

fn create(id: ItemId, r: ImportRecord, now: DateTime<Utc>) -> WorkItem {
    let unestimated = !matches!(r.estimate, Field::Given(_) | Field::Initial(_));
    let kind = r.kind.for_new(Kind::Feature);
    let mut tags = r.tags.for_new(Vec::new());
    if unestimated && !tags.iter().any(|t| t == UNESTIMATED) {
        tags.push(UNESTIMATED.to_string());
    }
    let debt = (kind == Kind::Debt).then(|| r.debt.for_new(blank_debt()));
    WorkItem {
        id,
        key: r.key,
        title: r.title,
        kind,
        status: r.status.for_new(Status::Backlog),
        sprint: None,
        estimate: r.estimate.for_new(HalfPoints::ZERO),
        impact: r.impact.for_new(DEFAULT_SCORE),
        risk: r.risk.for_new(DEFAULT_SCORE),
        time_to_value: r.time_to_value.for_new(DEFAULT_SCORE),
        outcome: r.outcome.for_new(None),
        tags,
        created: r.created.for_new(now),
        updated: now,
        pinned: false,
        excluded: r.excluded.for_new(false) || unestimated,
        debt,
        version: 1,
    }
}

fn update(before: &WorkItem, r: ImportRecord, now: DateTime<Utc>, notices: &mut Notices) -> WorkItem {
    let mut after = before.clone();
    after.updated = now;
    if let Some(key) = r.key {
        after.key = Some(key);
    }
    after.title = r.title;

    let kind = r.kind.for_existing(before.kind);
    let keeps_register = before.debt.as_ref().is_some_and(has_register_data);
    if before.kind == Kind::Debt && kind != Kind::Debt && keeps_register {
        notices.add(
            format!("kept as debt, not {kind}: its register entry holds an agreement, deferrals or a drag (change the kind in flowdeck if you mean it)"),
            Some(&r.place),
        );
    } else {
        after.kind = kind;
    }
    after.debt = match (after.kind, r.debt) {
        (Kind::Debt, Field::Given(mut d)) => {
            // The deferral log is history, never rewritten by a file.
            d.deferrals = before.debt.as_ref().map(|b| b.deferrals.clone()).unwrap_or_default();
            Some(d)
        }
        (Kind::Debt, _) => before.debt.clone().or_else(|| Some(blank_debt())),
        _ => None,
    };

    if before.status == Status::Planned {
        if matches!(r.status, Field::Given(Status::Done | Status::Dropped)) {
            notices.add(
                "planned into a sprint: the status in the file was not applied (imports never take work out of a sprint)",
                Some(&r.place),
            );
        }
    } else {
        after.status = r.status.for_existing(before.status);
        if after.status == Status::Backlog && before.status != Status::Backlog {
            after.sprint = None;
        }
    }

    let was_unestimated = before.tags.iter().any(|t| t == UNESTIMATED);
    let estimated = r.estimate.is_given();
    after.estimate = r.estimate.for_existing(before.estimate);
    after.impact = r.impact.for_existing(before.impact);
    after.risk = r.risk.for_existing(before.risk);
    after.time_to_value = r.time_to_value.for_existing(before.time_to_value);
    after.outcome = r.outcome.for_existing(before.outcome.clone());
    after.created = r.created.for_existing(before.created);
    after.tags = r.tags.for_existing(before.tags.clone());
    let file_excludes = r.excluded.given().copied();
    after.excluded = r.excluded.for_existing(before.excluded);
    if was_unestimated && estimated {
        after.tags.retain(|t| t != UNESTIMATED);
        // The exclusion was the import's own doing; the estimate lifts it (unless the file asks).
        if file_excludes != Some(true) {
            after.excluded = false;
        }
    } else if was_unestimated && !after.tags.iter().any(|t| t == UNESTIMATED) {
        after.tags.push(UNESTIMATED.to_string());
    }
    // The store refuses pinned and excluded together; a pin is the planner's newer decision.
    if after.pinned && after.excluded {
        after.excluded = false;
    }
    after
}

/// The fields that differ, in words, for the dry run.
pub fn differences(before: &WorkItem, after: &WorkItem) -> Vec<String> {
    let mut out = Vec::new();
    let mut scalar = |name: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{name} {a} → {b}"));
        }
    };
    scalar("kind", before.kind.to_string(), after.kind.to_string());
    scalar("status", before.status.as_str().into(), after.status.as_str().into());
    scalar("estimate", format_points(before.estimate.points()), format_points(after.estimate.points()));
    scalar("impact", before.impact.to_string(), after.impact.to_string());
    scalar("risk", before.risk.to_string(), after.risk.to_string());
    scalar("time-to-value", before.time_to_value.to_string(), after.time_to_value.to_string());
    scalar("excluded", before.excluded.to_string(), after.excluded.to_string());
    for (name, changed) in [
        ("key", before.key != after.key),
        ("title", before.title != after.title),
        ("tags", before.tags != after.tags),
        ("outcome", before.outcome != after.outcome),
        ("created", before.created != after.created),
        ("register fields", before.debt != after.debt),
    ] {
        if changed {
            out.push(name.to_string());
        }
    }
    out
}
