//! What every importer produces: plain records, where each came from, notices worth telling
//! the user, and the one error type that names file, row, column, reason and the fix.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};

use crate::domain::{DebtDetails, HalfPoints, Kind, Status};

/// A value read from a file, and how much authority it has over an item that already exists.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    /// The file says nothing: a new item takes flowdeck's default, an existing one keeps its value.
    Absent,
    /// A default or a derived guess (an unknown issue type, an impact from a priority): used
    /// when the item is created, never to overwrite what someone already set.
    Initial(T),
    /// The file states it: set on creation and on every re-import.
    Given(T),
}

impl<T> Field<T> {
    /// The value to create an item with.
    pub fn for_new(self, default: T) -> T {
        match self {
            Field::Absent => default,
            Field::Initial(v) | Field::Given(v) => v,
        }
    }

    /// The value an existing item ends up with.
    pub fn for_existing(self, current: T) -> T {
        match self {
            Field::Given(v) => v,
            Field::Absent | Field::Initial(_) => current,
        }
    }

    pub fn is_given(&self) -> bool {
        matches!(self, Field::Given(_))
    }

    pub fn given(&self) -> Option<&T> {
        match self {
            Field::Given(v) => Some(v),
            _ => None,
        }
    }
}

/// Where a record or a problem is in the file, as the user would look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole file (it cannot be read, or is not this format at all).
    File,
    /// A CSV record: `row` as a spreadsheet numbers it (the header is row 1); `line` is the
    /// file line it starts on, which differs once a quoted cell spans lines.
    Row { row: u64, line: u64 },
    /// An element of a JSON array (1-based), with what identifies it when known.
    Entry { index: usize, label: Option<String> },
    /// A position in a JSON text that does not parse.
    Text { line: usize, column: usize },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => f.write_str("the file"),
            Place::Row { row, line } if row == line => write!(f, "row {row}"),
            Place::Row { row, line } => write!(f, "row {row} (line {line} of the file)"),
            Place::Entry { index, label: Some(label) } => write!(f, "entry {index} ({label})"),
            Place::Entry { index, label: None } => write!(f, "entry {index}"),
            Place::Text { line, column } => write!(f, "line {line}, column {column}"),
        }
    }
}

impl Place {
    /// The short form used in lists of rows: "row 7", "#412".
    pub fn short(&self) -> String {
        match self {
            Place::Row { row, .. } => format!("row {row}"),
            Place::Entry { label: Some(label), .. } => label.clone(),
            other => other.to_string(),
        }
    }
}

/// A file that cannot be imported. Nothing of it was written. (Boxed: it travels through every
/// parser's `Result`, which should stay small.)
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError(Box<Problem>);

/// What is wrong with the file, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub place: Place,
    /// The column (CSV header as written in the file, or a JSON field name).
    pub column: Option<String>,
    pub reason: String,
    /// What to do about it, in words.
    pub fix: String,
}

impl ImportError {
    pub fn new(place: Place, column: Option<&str>, reason: impl Into<String>, fix: impl Into<String>) -> Self {
        ImportError(Box::new(Problem {
            file: String::new(),
            place,
            column: column.map(str::to_string),
            reason: reason.into(),
            fix: fix.into(),
        }))
    }

    pub fn in_file(mut self, file: &str) -> Self {
        self.0.file = file.to_string();
        self
    }
}

impl std::ops::Deref for ImportError {
    type Target = Problem;

    fn deref(&self) -> &Problem {
        &self.0
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        if self.place != Place::File {
            write!(f, "{}", self.place)?;
            if let Some(column) = self.column.as_deref().filter(|c| !c.is_empty()) {
                // JSON has fields where CSV has columns.
                let word = if matches!(self.place, Place::Entry { .. }) { "field" } else { "column" };
                write!(f, ", {word} \"{column}\"")?;
            }
            f.write_str(": ")?;
        } else if let Some(column) = &self.column {
            write!(f, "column \"{column}\": ")?;
        }
        write!(f, "{}\n  {}; nothing was imported", self.reason, self.fix)
    }
}

impl std::error::Error for ImportError {}

/// Things worth telling that do not stop the import, grouped by message so 10,000 rows with
/// the same unknown issue type make one line, not 10,000.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices {
    /// Per message: the first places it is about, and how many there are in all.
    groups: BTreeMap<String, (Vec<String>, usize)>,
    order: Vec<String>,
}

/// Places listed per notice before "and N more".
const PLACES_SHOWN: usize = 5;

impl Notices {
    /// Records `message` about `place` (`None` for the file as a whole).
    pub fn add(&mut self, message: impl Into<String>, place: Option<&Place>) {
        match place {
            Some(place) => self.add_at(message, place.short()),
            None => {
                let message = message.into();
                if !self.groups.contains_key(&message) {
                    self.groups.insert(message.clone(), (Vec::new(), 0));
                    self.order.push(message);
                }
            }
        }
    }

    /// Records `message` about the item called `label` (its key, where rows would say less).
    pub fn add_at(&mut self, message: impl Into<String>, label: impl Into<String>) {
        let message = message.into();
        let (places, count) = self.groups.entry(message.clone()).or_insert_with(|| {
            self.order.push(message);
            (Vec::new(), 0)
        });
        // Only the places a line shows are kept: a notice about 100,000 rows stays small.
        if places.len() < PLACES_SHOWN {
            places.push(label.into());
        }
        *count += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn extend(&mut self, other: Notices) {
        for message in other.order {
            let (places, count) = other.groups.get(&message).cloned().unwrap_or_default();
            let (mine, total) = self.groups.entry(message.clone()).or_insert_with(|| {
                self.order.push(message);
                (Vec::new(), 0)
            });
            let room = PLACES_SHOWN.saturating_sub(mine.len());
            mine.extend(places.into_iter().take(room));
            *total += count;
        }
    }

    /// One line per message, in the order first seen: "message — row 4, row 9 and 12 more".
    pub fn lines(&self) -> Vec<String> {
        self.order
            .iter()
            .map(|message| {
                let Some((places, count)) = self.groups.get(message).filter(|(p, _)| !p.is_empty()) else {
                    return message.clone();
                };
                let shown = places.join(", ");
                let more = count.saturating_sub(places.len());
                if more > 0 {
                    format!("{message} — {shown} and {more} more")
                } else {
                    format!("{message} — {shown}")
                }
            })
            .collect()
    }
}

/// One item as a file describes it, already checked and cleaned, before it meets the database.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    pub place: Place,
    /// The external key, unique within the file; `None` only in flowdeck's own formats.
    pub key: Option<String>,
    /// Sanitised and capped (see `domain::text::sanitize_title`).
    pub title: String,
    pub kind: Field<Kind>,
    /// Never `Planned`: imports do not plan work into sprints.
    pub status: Field<Status>,
    /// `Absent` when the file has no estimate for the item ("unestimated").
    pub estimate: Field<HalfPoints>,
    pub impact: Field<u8>,
    pub risk: Field<u8>,
    pub time_to_value: Field<u8>,
    pub outcome: Field<Option<String>>,
    pub tags: Field<Vec<String>>,
    pub created: Field<DateTime<Utc>>,
    pub excluded: Field<bool>,
    /// Register fields, from flowdeck's own formats (the deferral log is used on creation only).
    /// Boxed: records are many and most have none.
    pub debt: Field<Box<DebtDetails>>,
    /// The file says the item is planned into a sprint / pinned. Imports never plan or pin;
    /// the merge tells the user when that leaves an item other than the file says.
    pub planned_in_file: bool,
    pub pinned_in_file: bool,
    /// A tracker states 0 points (not "no estimate"): kept out of auto-fill like an
    /// unestimated item, since a zero would fill a sprint for free. flowdeck's own formats
    /// never set it (their zeros carry their own exclusion).
    pub zero_estimate: bool,
    /// The names the file gives for whoever does it (GitHub: login, then display name; Jira:
    /// the display name); the first that names a team member is the assignee. Empty: the file
    /// names nobody, which never unassigns an item (the plan in flowdeck may be newer).
    pub assignee: Vec<String>,
    /// Skills the work needs (flowdeck's own formats).
    pub skills: Field<Vec<String>>,
    /// The items this one waits for, as the file names them: keys, or `#N` for the N-th
    /// record of the same file (flowdeck's own formats, for items without a key). `Given`
    /// whenever the file has link columns at all, so a link removed in the tracker goes.
    pub blocked_by: Field<Vec<String>>,
    /// The keys of items this one blocks (Jira's outward "Blocks" links): the same link seen
    /// from the other end, merged into those items' `blocked_by`.
    pub blocks: Vec<String>,
}

impl ImportRecord {
    /// A record with only a title: every other field absent.
    pub fn new(place: Place, key: Option<String>, title: String) -> ImportRecord {
        ImportRecord {
            place,
            key,
            title,
            kind: Field::Absent,
            status: Field::Absent,
            estimate: Field::Absent,
            impact: Field::Absent,
            risk: Field::Absent,
            time_to_value: Field::Absent,
            outcome: Field::Absent,
            tags: Field::Absent,
            created: Field::Absent,
            excluded: Field::Absent,
            debt: Field::Absent,
            planned_in_file: false,
            pinned_in_file: false,
            zero_estimate: false,
            assignee: Vec::new(),
            skills: Field::Absent,
            blocked_by: Field::Absent,
            blocks: Vec::new(),
        }
    }
}

/// The notice for a title cut to the longest flowdeck keeps.
pub fn title_cut() -> String {
    let max = crate::domain::text::MAX_TITLE_CHARS;
    format!("titles longer than {max} characters were cut to {max}")
}

/// What a parser hands on: the records in file order and what it noticed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub records: Vec<ImportRecord>,
    pub notices: Notices,
    /// The key's column or field as the file names it, for messages about keys.
    pub key_column: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_names_its_file_line_only_when_it_differs() {
        assert_eq!(Place::Row { row: 4, line: 4 }.to_string(), "row 4");
        assert_eq!(Place::Row { row: 4, line: 6 }.to_string(), "row 4 (line 6 of the file)");
    }

    #[test]
    fn errors_read_as_one_sentence_and_a_fix() {
        let e =
            ImportError::new(Place::Row { row: 7, line: 7 }, Some("Story Points"), "\"abc\" is not a number", "fix it")
                .in_file("jira.csv");
        assert_eq!(
            e.to_string(),
            "jira.csv: row 7, column \"Story Points\": \"abc\" is not a number\n  fix it; nothing was imported"
        );
    }

    #[test]
    fn notices_group_places_under_one_message() {
        let mut n = Notices::default();
        for row in 2..10 {
            n.add("type Spike mapped to feature", Some(&Place::Row { row, line: row }));
        }
        n.add("30 issues", None);
        assert_eq!(
            n.lines(),
            vec![
                "type Spike mapped to feature — row 2, row 3, row 4, row 5, row 6 and 3 more".to_string(),
                "30 issues".to_string()
            ]
        );
    }

    #[test]
    fn fields_decide_what_an_existing_item_keeps() {
        assert_eq!(Field::Given(5).for_existing(1), 5);
        assert_eq!(Field::Initial(5).for_existing(1), 1);
        assert_eq!(Field::Initial(5).for_new(1), 5);
        assert_eq!(Field::<u8>::Absent.for_new(3), 3);
    }
}
