//! Records meet the database: each record creates an item or updates the one with its key, as
//! one change set (saved in one transaction, so a file imports whole or not at all).
//!
//! What an import may change on an item that already exists:
//! - the tracker's facts the file states: key spelling, title, kind, status, estimate, tags,
//!   created date, blocked-by links (when the file has link columns; see `import_links`), and (flowdeck's own formats) impact, risk, time-to-value, outcome, excluded
//!   and the debt register's fields;
//! - never planning: an item planned into a sprint keeps its status and sprint, and no import
//!   pins, plans or un-plans anything;
//! - never a guess over a value someone set: defaults and derived values (an unknown issue
//!   type's default kind, impact from a Jira priority) are used only for new items;
//! - never the deferral log, and never a debt's register entry: an item whose register holds an
//!   agreement, deferrals or a recorded drag stays debt whatever the file says.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::change::{Change, ChangeSet};
use crate::domain::text::format_points;
use crate::domain::{
    Agreement, DebtCategory, DebtDetails, HalfPoints, ItemId, Kind, RiskArea, Status, WorkItem, Workspace,
};
use crate::interchange::record::{Field, ImportError, ImportRecord, Notices, Parsed, Place};

use super::import_links;

/// The tag that marks an item imported without an estimate; excluded from auto-fill until an
/// estimate comes (from a re-import, the item form, `flowdeck item edit` or triage).
pub use crate::domain::item::UNESTIMATED;

/// The tag that marks an item a tracker gave an explicit 0: excluded from auto-fill like an
/// unestimated one until an import brings a real estimate.
pub const ZERO_POINTS: &str = "zero-points";

fn has_tag(item: &WorkItem, tag: &str) -> bool {
    item.tags.iter().any(|t| t == tag)
}

/// True for an item an import created without an estimate (and no estimate came since).
pub fn is_unestimated(item: &WorkItem) -> bool {
    item.is_unestimated()
}

/// Scores a new item starts with when the file has none (the middle of 1–5).
pub const DEFAULT_SCORE: u8 = 3;

/// What happens to one record.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    /// A new item: the change at index `change` of the set (listed from there, so 100,000 new
    /// items are not copied twice). `place` names a row that has no key.
    Create {
        change: usize,
        place: Option<String>,
    },
    /// The fields that change, in words ("estimate 3 → 5").
    Update {
        key: String,
        changes: Vec<String>,
    },
    Unchanged,
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
        drag_history: Vec::new(),
    }
}

/// True when a debt's register entry holds something a person wrote or decided.
fn has_register_data(d: &DebtDetails) -> bool {
    d.agreement != Agreement::default() || !d.deferrals.is_empty() || d.drag.is_some()
}

fn key_label(key: Option<&str>, place: &Place) -> String {
    key.map_or_else(|| place.short(), str::to_string)
}

/// A key as flowdeck compares keys: ignoring case. Borrowed, so checking 100,000 keys
/// allocates nothing.
#[derive(Clone, Copy)]
pub(super) struct Folded<'a>(pub(super) &'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            self.0.eq_ignore_ascii_case(other.0)
        } else {
            self.0.chars().flat_map(char::to_lowercase).eq(other.0.chars().flat_map(char::to_lowercase))
        }
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The UTF-8 of the lower-cased text, fed in chunks: equal under `eq`, equal hashes.
        let mut buf = [0u8; 64];
        let mut n = 0;
        for c in self.0.chars().flat_map(char::to_lowercase) {
            if n + 4 > buf.len() {
                state.write(&buf[..n]);
                n = 0;
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        state.write(&buf[..n]);
        state.write_u8(0xff);
    }
}

/// The existing item each record updates (`None`: it creates one). Two rows whose keys differ
/// only in case are one item to flowdeck, so they are refused.
fn match_keys<'w>(
    ws: &'w Workspace,
    records: &[ImportRecord],
    key_column: &str,
) -> Result<Vec<Option<&'w WorkItem>>, ImportError> {
    let mut exact: HashMap<&str, &WorkItem> = HashMap::with_capacity(ws.items.len());
    let mut folded: HashMap<Folded<'_>, &WorkItem> = HashMap::with_capacity(ws.items.len());
    for item in &ws.items {
        if let Some(key) = item.key.as_deref() {
            exact.insert(key, item);
            folded.entry(Folded(key)).or_insert(item);
        }
    }
    let mut in_file: HashMap<Folded<'_>, &ImportRecord> = HashMap::with_capacity(records.len());
    let mut matches = Vec::with_capacity(records.len());
    for r in records {
        let Some(key) = r.key.as_deref() else {
            matches.push(None);
            continue;
        };
        if let Some(first) = in_file.insert(Folded(key), r) {
            let case = if first.key.as_deref() == Some(key) { "" } else { " (keys ignore case)" };
            return Err(ImportError::new(
                r.place.clone(),
                Some(key_column),
                format!("the key {key} is also on {}{case}", first.place.short()),
                "each item may appear once; keep one of the two rows",
            ));
        }
        let found = |k: &str| exact.get(k).or_else(|| folded.get(&Folded(k))).copied();
        // GitHub keys once left out the owner: `owner/repo#N` still finds `repo#N`.
        matches.push(found(key).or_else(|| crate::interchange::github::legacy_key(key).and_then(found)));
    }
    Ok(matches)
}

/// Plans the import of `parsed` into `ws`. `label` names the change set ("import jira.csv").
pub fn merge(ws: &Workspace, parsed: Parsed, now: DateTime<Utc>, label: &str) -> Result<Merge, ImportError> {
    let Parsed { records, notices, key_column } = parsed;
    let matches = match_keys(ws, &records, &key_column)?;
    let mut next_id = ws.items.iter().map(|i| i.id.0).max().unwrap_or(0);
    let mut m = Merge {
        set: ChangeSet::new(label, Vec::with_capacity(records.len())),
        actions: Vec::with_capacity(records.len()),
        created: 0,
        updated: 0,
        unchanged: 0,
        notices,
    };
    // The item each record ends up as (new ones numbered on from the largest id, in file
    // order, as below), so links can name items the import is about to create.
    let ids: Vec<ItemId> = {
        let mut new_id = next_id;
        matches
            .iter()
            .map(|existing| match existing {
                Some(item) => item.id,
                None => {
                    new_id += 1;
                    ItemId(new_id)
                }
            })
            .collect()
    };
    let links = import_links::resolve(ws, &records, &ids, &mut m.notices)?;
    let mut keyless = false;
    let mut unestimated = 0;
    let mut zero = 0;
    let mut strangers = Strangers::default();
    let mut undated = 0;
    for ((r, existing), blockers) in records.into_iter().zip(matches).zip(links) {
        let assignee = assignee_of(ws, &r.assignee, &mut strangers);
        match existing {
            Some(before) => {
                planning_notices(&r, Some(before), &mut m.notices);
                let key = key_label(r.key.as_deref(), &r.place);
                let mut after = update(before, r, now, &mut m.notices);
                // A name the file gives moves the item to that member; no name keeps the one
                // chosen in flowdeck (the plan may be newer than the tracker).
                if assignee.is_some() {
                    after.assignee = assignee;
                }
                if let Some(blockers) = blockers {
                    after.blocked_by = blockers;
                }
                let changes = differences(before, &after);
                if changes.is_empty() {
                    m.unchanged += 1;
                    m.actions.push(RowAction::Unchanged);
                } else {
                    m.updated += 1;
                    m.actions.push(RowAction::Update { key, changes });
                    m.set.changes.push(Change::item(Some(before.clone()), Some(after)));
                }
            }
            None => {
                keyless |= r.key.is_none();
                planning_notices(&r, None, &mut m.notices);
                let place = r.key.is_none().then(|| r.place.short());
                undated += usize::from(matches!(r.created, Field::Absent));
                next_id += 1;
                let mut item = create(ItemId(next_id), r, now);
                item.assignee = assignee;
                item.blocked_by = blockers.unwrap_or_default();
                unestimated += usize::from(is_unestimated(&item));
                zero += usize::from(has_tag(&item, ZERO_POINTS));
                m.created += 1;
                m.actions.push(RowAction::Create { change: m.set.changes.len(), place });
                m.set.changes.push(Change::item(None, Some(item)));
            }
        }
    }
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
    if zero > 0 {
        m.notices.add(
            format!(
                "{zero} new item{} with an explicit 0 estimate: tagged {ZERO_POINTS} and excluded from auto-fill \
                 until estimated",
                if zero == 1 { "" } else { "s" }
            ),
            None,
        );
    }
    strangers.notice(&mut m.notices);
    if undated > 0 {
        // Whatever the format: a created date flowdeck made up is always said, with the date.
        m.notices.add(
            format!(
                "{undated} new item{} had no created date: dated today ({})",
                if undated == 1 { "" } else { "s" },
                now.date_naive()
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

/// Names in the file that are nobody on the team, with how many items each was given, in the
/// order first seen (indexed, so a 100,000-row file with many such names stays linear).
#[derive(Default)]
struct Strangers {
    seen: Vec<(String, usize)>,
    at: HashMap<String, usize>,
}

impl Strangers {
    fn count(&mut self, name: &str) {
        match self.at.get(name) {
            Some(&i) => self.seen[i].1 += 1,
            None => {
                self.at.insert(name.to_string(), self.seen.len());
                self.seen.push((name.to_string(), 1));
            }
        }
    }

    fn notice(&self, notices: &mut Notices) {
        if self.seen.is_empty() {
            return;
        }
        let named: Vec<String> = self
            .seen
            .iter()
            .take(8)
            .map(|(n, c)| format!("{n} ({})", crate::domain::text::count(*c, "item", "items")))
            .collect();
        let more = if self.seen.len() > 8 { format!(" and {} more", self.seen.len() - 8) } else { String::new() };
        notices.add(
            format!(
                "assignees not on the team, left unassigned: {}{more}. Add them (flowdeck team add NAME) or map a \
                 tracker name to a member in [import.people], then import again",
                named.join(", ")
            ),
            None,
        );
    }
}

/// The current member the file's names mean (the first name that is one, ignoring case).
fn assignee_of(ws: &Workspace, names: &[String], strangers: &mut Strangers) -> Option<crate::domain::MemberId> {
    let first = names.first()?;
    let found = names.iter().find_map(|n| {
        ws.members.iter().find(|m| m.is_current() && m.name.trim().eq_ignore_ascii_case(n.trim())).map(|m| m.id)
    });
    if found.is_none() {
        strangers.count(first);
    }
    found
}

/// Tells the user when the file plans or pins an item that flowdeck does not (imports never do).
fn planning_notices(r: &ImportRecord, existing: Option<&WorkItem>, notices: &mut Notices) {
    let at = || key_label(r.key.as_deref(), &r.place);
    if r.planned_in_file && existing.is_none_or(|i| i.status != Status::Planned) {
        notices.add_at("planned into a sprint in the file: imports never plan items, so it is not planned here", at());
    }
    if r.pinned_in_file && existing.is_none_or(|i| !i.pinned) {
        notices.add_at("pinned in the file: imports never pin items (pin it in flowdeck)", at());
    }
}

fn create(id: ItemId, r: ImportRecord, now: DateTime<Utc>) -> WorkItem {
    let unestimated = !matches!(r.estimate, Field::Given(_) | Field::Initial(_));
    let zero = r.zero_estimate;
    let kind = r.kind.for_new(Kind::Feature);
    let mut tags = r.tags.for_new(Vec::new());
    if unestimated && !tags.iter().any(|t| t == UNESTIMATED) {
        tags.push(UNESTIMATED.to_string());
    }
    if zero && !tags.iter().any(|t| t == ZERO_POINTS) {
        tags.push(ZERO_POINTS.to_string());
    }
    let debt = (kind == Kind::Debt).then(|| r.debt.for_new(Box::new(blank_debt())));
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
        excluded: r.excluded.for_new(false) || unestimated || zero,
        debt,
        assignee: None,
        skills: r.skills.for_new(Vec::new()),
        blocked_by: Vec::new(),
        version: 1,
    }
}

fn update(before: &WorkItem, r: ImportRecord, now: DateTime<Utc>, notices: &mut Notices) -> WorkItem {
    let label = key_label(r.key.as_deref(), &r.place);
    let mut after = before.clone();
    after.updated = now;
    if let Some(key) = r.key {
        after.key = Some(key);
    }
    after.title = r.title;

    let kind = r.kind.for_existing(before.kind);
    let keeps_register = before.debt.as_deref().is_some_and(has_register_data);
    if before.kind == Kind::Debt && kind != Kind::Debt && keeps_register {
        notices.add_at(
            format!("kept as debt, not {kind}: its register entry holds an agreement, deferrals or a drag (change the kind in flowdeck if you mean it)"),
            label.clone(),
        );
    } else {
        after.kind = kind;
    }
    after.debt = match (after.kind, r.debt) {
        (Kind::Debt, Field::Given(mut d)) => {
            // The deferral log and the drag history are history, never rewritten by a file; a
            // drag the file changes is a change from today on.
            d.deferrals = before.debt.as_ref().map(|b| b.deferrals.clone()).unwrap_or_default();
            d.keep_drag_history(before.debt.as_deref(), now.date_naive());
            Some(d)
        }
        (Kind::Debt, _) => before.debt.clone().or_else(|| Some(Box::new(blank_debt()))),
        _ => None,
    };

    if before.status == Status::Planned {
        if matches!(r.status, Field::Given(Status::Done | Status::Dropped)) {
            notices.add_at(
                "planned into a sprint: the status in the file was not applied (imports never take work out of a sprint)",
                label,
            );
        }
    } else {
        after.status = r.status.for_existing(before.status);
        if after.status == Status::Backlog && before.status != Status::Backlog {
            after.sprint = None;
        }
    }

    let was_unestimated = before.tags.iter().any(|t| t == UNESTIMATED);
    // A flowdeck file that still tags the item unestimated carries its 0 as "not estimated".
    let file_says_unestimated = r.tags.given().is_some_and(|t| t.iter().any(|t| t == UNESTIMATED));
    let estimated = r.estimate.is_given() && !file_says_unestimated;
    after.estimate = r.estimate.for_existing(before.estimate);
    after.impact = r.impact.for_existing(before.impact);
    after.risk = r.risk.for_existing(before.risk);
    after.time_to_value = r.time_to_value.for_existing(before.time_to_value);
    after.outcome = r.outcome.for_existing(before.outcome.clone());
    after.created = r.created.for_existing(before.created);
    after.tags = r.tags.for_existing(before.tags.clone());
    after.skills = r.skills.for_existing(before.skills.clone());
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
    let was_zero = has_tag(before, ZERO_POINTS);
    if r.zero_estimate {
        if !has_tag(&after, ZERO_POINTS) {
            after.tags.push(ZERO_POINTS.to_string());
        }
        after.excluded = true;
    } else if was_zero && estimated {
        after.tags.retain(|t| t != ZERO_POINTS);
        if file_excludes != Some(true) {
            after.excluded = false;
        }
    } else if was_zero && !has_tag(&after, ZERO_POINTS) {
        after.tags.push(ZERO_POINTS.to_string());
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
        ("assignee", before.assignee != after.assignee),
        ("skills", before.skills != after.skills),
        ("blocked by", before.blocked_by != after.blocked_by),
    ] {
        if changed {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
#[path = "import_merge_tests.rs"]
mod tests;
