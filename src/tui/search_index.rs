//! The Plan list's search text: every ranked row's lower-cased "key title", end to end in one
//! string, built the first time it is needed (the first search key, or an idle moment after
//! the first frame) rather than on every re-rank — at 100k rows building it costs about as
//! much as the ranking itself, and most re-ranks are never searched.

use crate::domain::WorkItem;

/// The bit for anything that is not an ASCII letter or digit.
const OTHER: u64 = 1 << 63;

/// One bit per ASCII letter (case already folded) and digit, one for everything else.
fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| {
        mask | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            '\n' => 0,
            _ => OTHER,
        }
    })
}

/// Appends `text` lower-cased: ASCII (nearly every key and title) byte-wise, the rest by
/// Unicode's rules.
fn push_lowercase(into: &mut String, text: &str) {
    if text.is_ascii() {
        let start = into.len();
        into.push_str(text);
        into[start..].make_ascii_lowercase();
    } else {
        into.extend(text.chars().flat_map(char::to_lowercase));
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// One row's text after another, each ended by a newline (so a query never matches across
    /// two rows); read front to back, searching 100k titles stays well under a millisecond.
    haystack: String,
    /// Where each row's text ends in `haystack`.
    ends: Vec<usize>,
    /// Which letters and digits each row's text holds: a row missing one of the query's
    /// characters is skipped without looking at its text.
    masks: Vec<u64>,
}

impl SearchIndex {
    /// The index of `rows`, in their order (position n in the index is the n-th row).
    pub fn build<'a>(rows: impl ExactSizeIterator<Item = &'a WorkItem>) -> SearchIndex {
        let mut index = SearchIndex {
            haystack: String::with_capacity(rows.len() * 48),
            ends: Vec::with_capacity(rows.len()),
            masks: Vec::with_capacity(rows.len()),
        };
        for item in rows {
            let start = index.haystack.len();
            push_lowercase(&mut index.haystack, item.key.as_deref().unwrap_or(""));
            index.haystack.push(' ');
            push_lowercase(&mut index.haystack, &item.title);
            index.haystack.push('\n');
            index.masks.push(char_mask(&index.haystack[start..]));
            index.ends.push(index.haystack.len());
        }
        index
    }

    /// Keeps the positions in `shown` whose row contains `query` (any case).
    pub fn retain_matching(&self, shown: &mut Vec<usize>, query: &str) {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() {
            return;
        }
        let want = char_mask(&needle);
        // One letter or digit: the mask alone answers it.
        let exact = needle.chars().count() == 1 && want & OTHER == 0;
        let text = |p: usize| &self.haystack[if p == 0 { 0 } else { self.ends[p - 1] }..self.ends[p]];
        shown.retain(|&p| {
            self.masks.get(p).is_some_and(|mask| mask & want == want) && (exact || text(p).contains(&needle))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::item;
    use crate::domain::Kind;

    fn index(titles: &[&str]) -> (Vec<WorkItem>, SearchIndex) {
        let items: Vec<WorkItem> = titles
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let mut i = item(n as i64 + 1, Kind::Feature, 1.0);
                i.title = (*t).into();
                i.key = Some(format!("PAY-{}", n + 1));
                i
            })
            .collect();
        let index = SearchIndex::build(items.iter());
        (items, index)
    }

    fn matching(index: &SearchIndex, n: usize, query: &str) -> Vec<usize> {
        let mut shown: Vec<usize> = (0..n).collect();
        index.retain_matching(&mut shown, query);
        shown
    }

    #[test]
    fn matches_key_and_title_in_any_case_ascii_or_not() {
        let (_, index) = index(&["Apple Pay button", "ÉCHÉANCE Rappel", "Refund wallet"]);
        assert_eq!(matching(&index, 3, "APPLE"), [0]);
        assert_eq!(matching(&index, 3, "échéance"), [1]);
        assert_eq!(matching(&index, 3, "pay-3"), [2]);
        assert_eq!(matching(&index, 3, "  "), [0, 1, 2], "a blank query keeps every row");
    }

    #[test]
    fn never_matches_across_two_rows() {
        let (_, index) = index(&["ends with foo", "bar starts"]);
        assert!(matching(&index, 2, "foo\npay").is_empty());
        assert!(matching(&index, 2, "foo pay").is_empty());
    }
}
