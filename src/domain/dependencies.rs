//! `Blocked by` links between items: which blockers still hold an item back, and refusing a
//! link that would close a cycle (an item that waits, through others, for itself can never
//! be planned, so the edit that would make one is refused with the items named).

use std::collections::HashMap;

use super::edits::label;
use super::guardrails::{Guardrail, Rule, Severity};
use super::item::{ItemId, Status, WorkItem};
use super::policy::Policy;
use super::workspace::Workspace;

/// Whether `blocker` still holds its dependants back: it exists and is neither done nor
/// dropped (a dropped blocker will never be done, and nothing should wait for it).
pub fn holds_back(blocker: Option<&WorkItem>) -> bool {
    blocker.is_some_and(|b| !matches!(b.status, Status::Done | Status::Dropped))
}

/// The blockers of `item` that still hold it back, by looking them up with `find`.
pub fn open_blockers<'a>(item: &WorkItem, find: impl Fn(ItemId) -> Option<&'a WorkItem>) -> Vec<ItemId> {
    item.blocked_by.iter().copied().filter(|b| holds_back(find(*b))).collect()
}

/// A cycle the links would form if `item`'s blockers were `blockers`: the items in order,
/// starting and ending with `item` (`[a, b, a]`: a waits for b, which waits for a). Links of
/// other items come from `links_of`.
pub fn cycle_through<'a, F>(item: ItemId, blockers: &[ItemId], links_of: F) -> Option<Vec<ItemId>>
where
    F: Fn(ItemId) -> Option<&'a [ItemId]>,
{
    // Depth-first from each new blocker, following blocked-by links, looking for `item`.
    // `parent` doubles as the visited set and gives the path back.
    let mut parent: HashMap<ItemId, ItemId> = HashMap::new();
    let mut stack: Vec<ItemId> = Vec::new();
    for &b in blockers {
        if b == item {
            return Some(vec![item, item]);
        }
        if parent.insert(b, item).is_none() {
            stack.push(b);
        }
    }
    while let Some(at) = stack.pop() {
        for &next in links_of(at).unwrap_or(&[]) {
            if next == item {
                // Back from `at` to the blocker `item` itself waits for, then turned round:
                // item waits for the first, each for the next, and `at` for item.
                let mut chain = vec![at];
                let mut step = at;
                while let Some(&p) = parent.get(&step).filter(|p| **p != item) {
                    chain.push(p);
                    step = p;
                }
                chain.reverse();
                let mut path = vec![item];
                path.extend(chain);
                path.push(item);
                return Some(path);
            }
            if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(next) {
                e.insert(at);
                stack.push(next);
            }
        }
    }
    None
}

/// The first cycle among `items`' links, as [`cycle_through`] names it; `None` when the links
/// form no cycle. Used to check a whole imported document.
pub fn find_cycle(items: &[WorkItem]) -> Option<Vec<ItemId>> {
    let index: HashMap<ItemId, &WorkItem> = items.iter().map(|i| (i.id, i)).collect();
    let links_of = |id: ItemId| index.get(&id).map(|i| i.blocked_by.as_slice());
    items.iter().filter(|i| !i.blocked_by.is_empty()).find_map(|i| cycle_through(i.id, &i.blocked_by, links_of))
}

/// `waits-for` for each planned item with a blocker that is neither done nor in the sprint
/// (`in_sprint` says which are): it cannot be finished in the sprint as planned.
pub fn guardrails<'a>(
    planned: &[WorkItem],
    in_sprint: impl Fn(ItemId) -> bool,
    find: impl Fn(ItemId) -> Option<&'a WorkItem>,
    policy: &Policy,
) -> Vec<Guardrail> {
    let severity = if policy.blocking.contains(&Rule::WaitsFor) { Severity::Block } else { Severity::Warn };
    planned
        .iter()
        .filter(|i| !i.blocked_by.is_empty())
        .filter_map(|item| {
            let waiting: Vec<String> = open_blockers(item, &find)
                .into_iter()
                .filter(|b| !in_sprint(*b))
                .filter_map(|b| find(b).map(label))
                .collect();
            (!waiting.is_empty()).then(|| Guardrail {
                id: format!("waits-for:{}", label(item)),
                rule: Rule::WaitsFor,
                severity,
                message: format!(
                    "{} waits for {}, neither done nor in this sprint: plan {} too, or take it out.",
                    label(item),
                    waiting.join(", "),
                    if waiting.len() == 1 { "it" } else { "them" }
                ),
            })
        })
        .collect()
}

/// How an item names its blockers in a form or a list: keys, else `#id`, comma-separated.
pub fn blockers_text(ws: &Workspace, item: &WorkItem) -> String {
    item.blocked_by
        .iter()
        .map(|b| ws.item(*b).map_or_else(|| format!("#{}", b.0), label))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The blockers typed for item `id` (`None` for a new item): keys or `#id`, separated by
/// commas or spaces. Refused: an unknown reference, the item itself, or a link that would
/// close a cycle (with the items named in order).
pub fn parse_blockers(ws: &Workspace, typed: &str, id: Option<ItemId>) -> Result<Vec<ItemId>, String> {
    let mut out: Vec<ItemId> = Vec::new();
    for word in typed.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()) {
        let found = match word.strip_prefix('#').map(str::parse::<i64>) {
            Some(Ok(n)) => ws.item(ItemId(n)),
            _ => ws.items.iter().find(|i| i.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(word))),
        };
        let Some(blocker) = found else {
            return Err(format!("no item {word}: name blockers by key (PAY-12) or number (#12)"));
        };
        if Some(blocker.id) == id {
            return Err(format!("{word} is this item: an item cannot wait for itself"));
        }
        if !out.contains(&blocker.id) {
            out.push(blocker.id);
        }
    }
    if let Some(id) = id {
        let links_of = |at: ItemId| ws.item(at).map(|i| i.blocked_by.as_slice());
        if let Some(cycle) = cycle_through(id, &out, links_of) {
            return Err(format!("that would make a cycle, which nothing could ever start: {}", cycle_text(ws, &cycle)));
        }
    }
    Ok(out)
}

/// `A waits for B, which waits for A`.
pub fn cycle_text(ws: &Workspace, cycle: &[ItemId]) -> String {
    let names: Vec<String> = cycle.iter().map(|id| ws.item(*id).map_or_else(|| format!("#{}", id.0), label)).collect();
    chain_text(&names)
}

/// [`cycle_text`] over names already at hand (an import names items it has not created yet).
pub fn chain_text(names: &[String]) -> String {
    let mut text = String::new();
    for (n, name) in names.iter().enumerate() {
        text.push_str(match n {
            0 => "",
            1 => " waits for ",
            _ => ", which waits for ",
        });
        text.push_str(name);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;
    use crate::domain::Kind;

    fn linked(id: i64, blockers: &[i64]) -> WorkItem {
        let mut i = item(id, Kind::Feature, 1.0);
        i.blocked_by = blockers.iter().map(|b| ItemId(*b)).collect();
        i
    }

    fn ids(v: &[i64]) -> Vec<ItemId> {
        v.iter().map(|i| ItemId(*i)).collect()
    }

    #[test]
    fn a_chain_is_no_cycle_and_closing_it_names_every_item_in_waiting_order() {
        // 1 waits for 2, 2 for 3.
        let items = vec![linked(1, &[2]), linked(2, &[3]), linked(3, &[])];
        assert_eq!(find_cycle(&items), None);
        let links_of = |id: ItemId| items.iter().find(|i| i.id == id).map(|i| i.blocked_by.as_slice());
        // 3 waiting for 1 would close 3 → 1 → 2 → 3.
        assert_eq!(cycle_through(ItemId(3), &ids(&[1]), links_of), Some(ids(&[3, 1, 2, 3])));
        assert_eq!(cycle_through(ItemId(3), &ids(&[3]), links_of), Some(ids(&[3, 3])), "waits for itself");
        assert_eq!(cycle_through(ItemId(1), &ids(&[3]), links_of), None, "a second path is no cycle");
    }

    #[test]
    fn a_diamond_is_no_cycle_but_a_loop_in_a_document_is_found() {
        let diamond = vec![linked(1, &[2, 3]), linked(2, &[4]), linked(3, &[4]), linked(4, &[])];
        assert_eq!(find_cycle(&diamond), None);
        let looped = vec![linked(1, &[2]), linked(2, &[3]), linked(3, &[1])];
        let cycle = find_cycle(&looped).expect("a cycle");
        assert_eq!(cycle.first(), cycle.last());
        assert_eq!(cycle.len(), 4, "{cycle:?}");
    }

    #[test]
    fn typed_blockers_are_found_by_key_or_number_and_a_cycle_is_refused_with_its_items() {
        let mut a = linked(1, &[]);
        a.key = Some("PAY-1".into());
        let mut b = linked(2, &[1]);
        b.key = Some("PAY-2".into());
        let ws = Workspace { items: vec![a, b, linked(3, &[])], ..Workspace::default() };
        assert_eq!(parse_blockers(&ws, "pay-2, #3 #3", Some(ItemId(4))), Ok(ids(&[2, 3])));
        assert_eq!(parse_blockers(&ws, "", Some(ItemId(1))), Ok(vec![]));
        let cycle = parse_blockers(&ws, "PAY-2", Some(ItemId(1))).expect_err("a cycle");
        assert!(cycle.ends_with("PAY-1 waits for PAY-2, which waits for PAY-1"), "{cycle}");
        assert!(parse_blockers(&ws, "PAY-9", None).expect_err("unknown").starts_with("no item PAY-9"));
        assert!(parse_blockers(&ws, "#1", Some(ItemId(1))).expect_err("itself").contains("itself"));
        assert_eq!(blockers_text(&ws, &ws.items[1]), "PAY-1");
    }

    #[test]
    fn a_planned_item_waiting_for_work_outside_the_sprint_is_warned_about_and_can_block() {
        let mut a = linked(1, &[2, 3, 4]);
        a.key = Some("APP-1".into());
        let mut done = linked(3, &[]);
        done.status = Status::Done;
        let all = [a.clone(), linked(2, &[]), done, linked(4, &[])];
        let find = |id: ItemId| all.iter().find(|i| i.id == id);
        let mut policy = Policy::default();
        // 4 is planned alongside; 3 is done; 2 is neither.
        let warned = guardrails(std::slice::from_ref(&a), |id| id == ItemId(4), find, &policy);
        assert_eq!(warned.len(), 1);
        assert_eq!(
            warned[0].message,
            "APP-1 waits for PAY-2, neither done nor in this sprint: plan it too, or take it out."
        );
        assert_eq!(warned[0].severity, Severity::Warn);
        policy.blocking.push(Rule::WaitsFor);
        assert_eq!(guardrails(std::slice::from_ref(&a), |_| false, find, &policy)[0].severity, Severity::Block);
        assert!(guardrails(std::slice::from_ref(&a), |id| id != ItemId(3), find, &policy).is_empty());
    }

    #[test]
    fn done_dropped_and_missing_blockers_hold_nothing_back() {
        let mut done = linked(2, &[]);
        done.status = Status::Done;
        let mut dropped = linked(3, &[]);
        dropped.status = Status::Dropped;
        let open = linked(4, &[]);
        let waiting = linked(1, &[2, 3, 4, 99]);
        let all = [done, dropped, open];
        assert_eq!(open_blockers(&waiting, |id| all.iter().find(|i| i.id == id)), ids(&[4]));
    }
}
