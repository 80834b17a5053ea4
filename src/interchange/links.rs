//! How flowdeck's own files (the JSON document, the CSV) name an item's blockers: by key, or
//! `#N` — the N-th item of the same file — for a blocker without a key. Positions, not
//! database ids, so a file means the same thing in whichever database it is imported.

use std::collections::HashMap;

use crate::domain::{ItemId, Workspace};

/// A blocker as a file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref<'a> {
    /// `#N`: the N-th item of the file (1-based).
    Position(usize),
    Key(&'a str),
}

/// Reads one reference: `#12` is a position, anything else a key.
pub fn parse_ref(text: &str) -> Ref<'_> {
    match text.strip_prefix('#').map(str::parse::<usize>) {
        Some(Ok(n)) => Ref::Position(n),
        _ => Ref::Key(text),
    }
}

/// Longer than this is no key (a shifted column, or garbage): it is cut for the notes, and
/// can match nothing anyway.
const MAX_REF_CHARS: usize = 100;

/// The references in one cell: separated by commas or white space (keys never hold either),
/// cleaned of control characters, each once.
pub fn split(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in cell.split(|c: char| c == ',' || c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        let word: String = crate::domain::text::sanitize_line(word).chars().take(MAX_REF_CHARS).collect();
        if !word.is_empty() && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Names blockers the way a file of `ws`'s items, in `ws.items` order, does.
pub struct Namer<'w> {
    ws: &'w Workspace,
    /// `None`: keyless blockers are named by their number in the database (`#id`), as the CLI
    /// and the item form name them — for one item shown on its own.
    position: Option<HashMap<ItemId, usize>>,
}

impl<'w> Namer<'w> {
    pub fn new(ws: &'w Workspace) -> Self {
        // Only items that someone waits for need a position; most files have none.
        let wanted: std::collections::HashSet<ItemId> =
            ws.items.iter().flat_map(|i| i.blocked_by.iter().copied()).collect();
        let position =
            ws.items.iter().enumerate().filter(|(_, i)| wanted.contains(&i.id)).map(|(n, i)| (i.id, n + 1)).collect();
        Namer { ws, position: Some(position) }
    }

    /// Names keyless blockers by their number in the database, as `--blocked-by` takes them.
    pub fn by_number(ws: &'w Workspace) -> Self {
        Namer { ws, position: None }
    }

    /// The references for `blockers`: keys, else `#position`. A blocker not in the file
    /// (which the store never lets happen) is left out rather than named wrongly.
    pub fn refs(&self, blockers: &[ItemId]) -> Vec<String> {
        blockers
            .iter()
            .filter_map(|b| match self.ws.item(*b).and_then(|i| i.key.clone()) {
                Some(key) => Some(key),
                None => match &self.position {
                    Some(position) => position.get(b).map(|n| format!("#{n}")),
                    None => Some(format!("#{}", b.0)),
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_keys_are_told_apart() {
        assert_eq!(parse_ref("#12"), Ref::Position(12));
        assert_eq!(parse_ref("PAY-12"), Ref::Key("PAY-12"));
        assert_eq!(parse_ref("org/app#12"), Ref::Key("org/app#12"));
        assert_eq!(parse_ref("#x"), Ref::Key("#x"));
    }

    #[test]
    fn a_cell_splits_on_commas_and_spaces_once_each() {
        assert_eq!(split("PAY-1, PAY-2 #3,,PAY-1"), vec!["PAY-1", "PAY-2", "#3"]);
        assert!(split("  ").is_empty());
        assert_eq!(split("PAY-1\u{1b}[31m\u{7}"), vec!["PAY-1", "[31m"], "no escape reaches a terminal");
        assert_eq!(split(&"X".repeat(5000))[0].len(), 100);
    }
}
