//! The `blocked by` links a file states, turned into item ids once every record knows the
//! item it creates or updates: a link may name an item of the same file (by key, or `#N` for
//! the N-th record) or one already in the database. Jira states each link at both ends
//! (inward on the blocked issue, outward on the blocker); both ends are merged into the
//! blocked item's list. A link that would close a cycle refuses the whole import, naming the
//! items, since nothing in a cycle could ever be started.

use std::collections::HashMap;

use crate::domain::dependencies::{chain_text, cycle_through};
use crate::domain::edits::label;
use crate::domain::{ItemId, Workspace};
use crate::interchange::links::{parse_ref, Ref};
use crate::interchange::record::{Field, ImportError, ImportRecord, Notices};

use super::import_merge::Folded;

/// Per record, the blockers it ends up with (`None`: the file says nothing, the item keeps
/// its own). `ids[i]` is the item record `i` creates or updates.
pub fn resolve(
    ws: &Workspace,
    records: &[ImportRecord],
    ids: &[ItemId],
    notices: &mut Notices,
) -> Result<Vec<Option<Vec<ItemId>>>, ImportError> {
    let mut out: Vec<Option<Vec<ItemId>>> =
        records.iter().map(|r| matches!(r.blocked_by, Field::Given(_)).then(Vec::new)).collect();
    if records.iter().all(|r| !r.blocked_by.is_given() && r.blocks.is_empty()) {
        return Ok(out);
    }
    let finder = Finder::new(ws, records, ids);
    let at = |i: usize| records[i].key.clone().unwrap_or_else(|| records[i].place.short());
    for (i, r) in records.iter().enumerate() {
        let Field::Given(names) = &r.blocked_by else { continue };
        for name in names {
            match finder.find(name) {
                Some(b) if b == ids[i] => notices.add_at(SELF, at(i)),
                Some(b) => push(&mut out[i], b),
                None => notices.add_at(UNKNOWN, format!("{} → {name}", at(i))),
            }
        }
    }
    // Outward links: record `i` blocks the item named, which must be a record of the file to
    // take the link (an item only in the database keeps the links it has).
    let record_of: HashMap<ItemId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    for (i, r) in records.iter().enumerate() {
        for name in &r.blocks {
            let target = finder.find(name);
            match target.and_then(|t| record_of.get(&t).copied()) {
                Some(j) if j == i => notices.add_at(SELF, at(i)),
                Some(j) => match &mut out[j] {
                    Some(list) if !list.contains(&ids[i]) => list.push(ids[i]),
                    Some(_) => {}
                    None => out[j] = Some(vec![ids[i]]),
                },
                None if target.is_some() => notices.add_at(OUTSIDE, format!("{} → {name}", at(i))),
                None => notices.add_at(UNKNOWN, format!("{} → {name}", at(i))),
            }
        }
    }
    if let Some(cycle) = find_cycle(ws, ids, &out) {
        let name = |id: &ItemId| match record_of.get(id) {
            Some(&i) => at(i),
            None => ws.item(*id).map_or_else(|| format!("#{}", id.0), label),
        };
        let names: Vec<String> = cycle.iter().map(name).collect();
        let first = cycle.first().and_then(|id| record_of.get(id)).map_or(0, |i| *i);
        return Err(ImportError::new(
            records[first].place.clone(),
            None,
            format!("the blocked-by links make a cycle, which nothing could ever start: {}", chain_text(&names)),
            "remove one of these links in the tracker (or the file) and export again",
        ));
    }
    Ok(out)
}

const SELF: &str = "a link from an item to itself was left out (an item cannot wait for itself)";
const UNKNOWN: &str = "links to items neither in the file nor in the database were left out";
const OUTSIDE: &str =
    "\"blocks\" links to items that are in the database but not in this file were left out (import those items too)";

fn push(list: &mut Option<Vec<ItemId>>, id: ItemId) {
    let list = list.get_or_insert_with(Vec::new);
    if !list.contains(&id) {
        list.push(id);
    }
}

/// Finds the item a file's reference means: a record of the file first (by key, ignoring
/// case as the merge does, or `#N`), then an item of the database by key.
struct Finder<'a> {
    in_file: HashMap<Folded<'a>, ItemId>,
    in_database: HashMap<Folded<'a>, ItemId>,
    ids: &'a [ItemId],
}

impl<'a> Finder<'a> {
    fn new(ws: &'a Workspace, records: &'a [ImportRecord], ids: &'a [ItemId]) -> Self {
        let in_file =
            records.iter().zip(ids).filter_map(|(r, id)| r.key.as_deref().map(|k| (Folded(k), *id))).collect();
        let in_database = ws.items.iter().filter_map(|i| i.key.as_deref().map(|k| (Folded(k), i.id))).collect();
        Finder { in_file, in_database, ids }
    }

    fn find(&self, name: &str) -> Option<ItemId> {
        match parse_ref(name) {
            Ref::Position(n) => n.checked_sub(1).and_then(|i| self.ids.get(i)).copied(),
            Ref::Key(key) => self.in_file.get(&Folded(key)).or_else(|| self.in_database.get(&Folded(key))).copied(),
        }
    }
}

/// A cycle the links would have after the import, if any. The database had none, so any
/// cycle runs through an item whose links the file sets: only those are searched from.
fn find_cycle(ws: &Workspace, ids: &[ItemId], links: &[Option<Vec<ItemId>>]) -> Option<Vec<ItemId>> {
    let mut after: HashMap<ItemId, &[ItemId]> =
        ws.items.iter().filter(|i| !i.blocked_by.is_empty()).map(|i| (i.id, i.blocked_by.as_slice())).collect();
    for (id, list) in ids.iter().zip(links) {
        if let Some(list) = list {
            after.insert(*id, list.as_slice());
        }
    }
    let links_of = |id: ItemId| after.get(&id).copied();
    ids.iter()
        .zip(links)
        .filter_map(|(id, list)| list.as_ref().filter(|l| !l.is_empty()).map(|l| (*id, l)))
        .find_map(|(id, list)| cycle_through(id, list, links_of))
}
