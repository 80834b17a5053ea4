//! Azure DevOps (Boards) work items, as a query's "Export to CSV" writes them: columns found
//! by name, `Work Item Type` and `State` mapped by the configured tables (`[import.azure]`).
//!
//! The key is `AB#ID` (`AB#123`), the spelling Azure Boards itself uses to link a work item
//! from GitHub commits and pull requests: a plain number would clash with flowdeck's own CSV
//! keys and with other trackers' numbers in one database, and the `AB#` form is what a team
//! already types. A tree query exports its titles as `Title 1`, `Title 2`, … (one per
//! level); the first filled-in one is the title.
//!
//! What Azure has no column for: impact starts from `Priority` (1 → 5, 2 → 4, 3 → 3, 4 → 2,
//! a starting value a re-import does not overwrite); risk and time-to-value start at 3.

use std::collections::BTreeMap;
use std::io::Read;

use crate::domain::text::{sanitize_line, sanitize_title};
use crate::domain::{HalfPoints, Status};

use super::cells;
use super::mapping::Mappings;
use super::record::{title_cut, Field, ImportError, ImportRecord, Notices, Parsed, Place};
use super::table::{Header, Table};

/// The prefix of every key this reader makes.
pub const KEY_PREFIX: &str = "AB#";

const ID: &[&str] = &["ID"];
const TYPE: &[&str] = &["Work Item Type"];
const STATE: &[&str] = &["State"];
const PRIORITY: &[&str] = &["Priority"];
const CREATED: &[&str] = &["Created Date"];
const TAGS: &[&str] = &["Tags"];
/// Tried in this order, the first non-empty cell counts: Agile's `Story Points`, Scrum's and
/// Basic's `Effort`, CMMI's `Size`.
const ESTIMATES: &[&str] = &["Story Points", "Effort", "Size"];

/// True for a header Azure DevOps wrote: an `ID` and a `Work Item Type` column.
pub fn is_azure_header(names: &[String]) -> bool {
    let has = |wanted: &str| names.iter().any(|n| n.trim().eq_ignore_ascii_case(wanted));
    has(ID[0]) && has(TYPE[0])
}

struct Columns {
    id: usize,
    titles: Vec<usize>,
    kind: Option<usize>,
    state: Option<usize>,
    priority: Option<usize>,
    created: Option<usize>,
    tags: Option<usize>,
    estimates: Vec<usize>,
    assigned_to: Option<usize>,
}

/// `Title`, then a tree query's `Title 1`, `Title 2`, … in the file's order.
fn title_columns(h: &Header) -> Vec<usize> {
    let mut found: Vec<usize> = h.find(&["Title"]).into_iter().collect();
    for (i, name) in h.names.iter().enumerate() {
        let lower = name.trim().to_ascii_lowercase();
        let level =
            lower.strip_prefix("title ").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if level {
            found.push(i);
        }
    }
    found
}

/// What to do with an Azure DevOps export whose columns are not in English (flowdeck reads
/// Azure's English column names only).
pub const TO_ENGLISH: &str = "switch Azure DevOps to English (User settings → Time and Locale → Preferred \
     language → English) and export the query again";

fn missing_column(name: &str, header: &[String]) -> ImportError {
    let shown: Vec<&str> = header.iter().take(12).map(String::as_str).collect();
    let more = if header.len() > 12 { ", …" } else { "" };
    ImportError::new(
        Place::Row { row: 1, line: 1 },
        None,
        format!("the header has no \"{name}\" column (it has: {}{more})", shown.join(", ")),
        format!(
            "in Azure DevOps, add the column to the query (Column options) and use \"Export to CSV\" again; if the \
             columns are in another language, {TO_ENGLISH}"
        ),
    )
}

fn columns<R: Read>(t: &Table<R>) -> Result<Columns, ImportError> {
    let h = &t.header;
    let id = h.find(ID).ok_or_else(|| missing_column(ID[0], &h.names))?;
    let titles = title_columns(h);
    if titles.is_empty() {
        return Err(missing_column("Title", &h.names));
    }
    Ok(Columns {
        id,
        titles,
        kind: h.find(TYPE),
        state: h.find(STATE),
        priority: h.find(PRIORITY),
        created: h.find(CREATED),
        tags: h.find(TAGS),
        estimates: ESTIMATES.iter().filter_map(|n| h.find(&[n])).collect(),
        assigned_to: h.find(&["Assigned To"]),
    })
}

/// Reads an Azure DevOps CSV export. The first bad row stops the reading with an error naming it.
pub fn read(input: impl Read, m: &Mappings) -> Result<Parsed, ImportError> {
    let mut t = Table::open(input)?;
    let c = columns(&t)?;
    let mut notices = Notices::default();
    if c.kind.is_none() {
        notices.add(format!("no \"Work Item Type\" column: every work item imported as {}", m.default_kind), None);
    }
    if c.created.is_none() {
        notices.add(
            "no \"Created Date\" column: every work item is dated today, the import date (add Created Date to the \
             query's columns to keep the real dates)",
            None,
        );
    }
    if c.estimates.is_empty() {
        notices.add("no \"Story Points\", \"Effort\" or \"Size\" column: every work item imported unestimated", None);
    }
    let mut records = Vec::new();
    let mut dates = cells::Timestamps::default();
    // Work items a state dropped, per state as the file spells it: one line with the count.
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    while t.next_row()? {
        let r = row(&t, &c, m, &mut dates, &mut notices)?;
        if r.status == Field::Given(Status::Dropped) {
            *dropped.entry(sanitize_line(t.get(c.state)?)).or_default() += 1;
        }
        records.push(r);
    }
    for (state, n) in dropped {
        let items = if n == 1 { "work item" } else { "work items" };
        notices.add(format!("{n} {items} in state \"{state}\" imported as dropped"), None);
    }
    Ok(Parsed { records, notices, key_column: t.header.name(c.id).to_string() })
}

fn row<R: Read>(
    t: &Table<R>,
    c: &Columns,
    m: &Mappings,
    dates: &mut cells::Timestamps,
    notices: &mut Notices,
) -> Result<ImportRecord, ImportError> {
    let place = t.place();
    let id = t.cell(c.id)?.trim();
    if id.is_empty() {
        return Err(t.error(
            c.id,
            "the work item ID is empty",
            "every work item needs its ID (the number Azure DevOps gives it)",
        ));
    }
    let number = match id.parse::<u64>() {
        Ok(n) if n > 0 => n,
        _ => {
            return Err(t.error(
                c.id,
                format!("\"{}\" is not a work item ID", sanitize_line(id)),
                "IDs are whole numbers (123); check that the columns line up (an unclosed quote shifts them)",
            ))
        }
    };
    let mut raw_title = "";
    for column in &c.titles {
        let text = t.cell(*column)?;
        if !text.trim().is_empty() {
            raw_title = text;
            break;
        }
    }
    let (title, cut) = sanitize_title(raw_title);
    if title.is_empty() {
        return Err(t.error(
            c.titles[0],
            "the title is empty",
            "give the work item a title in Azure DevOps and export again",
        ));
    }
    if cut {
        notices.add(title_cut(), Some(&place));
    }
    let mut r = ImportRecord::new(place.clone(), Some(format!("{KEY_PREFIX}{number}")), title);

    let work_item_type = t.get(c.kind)?;
    r.kind = match m.azure_kind(work_item_type) {
        Some(kind) => Field::Given(kind),
        None if c.kind.is_none() => Field::Initial(m.default_kind),
        None if work_item_type.is_empty() => {
            notices.add(format!("no work item type: imported as {}, the default kind", m.default_kind), Some(&place));
            Field::Initial(m.default_kind)
        }
        None => {
            let name = sanitize_line(work_item_type);
            notices.add(
                format!(
                    "work item type \"{name}\" is not in [import.azure.kinds]: imported as {}, the default kind \
                     (add \"{name}\" = \"…\" to the config to choose)",
                    m.default_kind
                ),
                Some(&place),
            );
            Field::Initial(m.default_kind)
        }
    };
    let state = t.get(c.state)?;
    if !state.is_empty() {
        r.status = Field::Given(m.azure_state(state).unwrap_or_else(|| {
            notices.add(
                format!(
                    "state \"{}\" is not in [import.azure.states]: imported as backlog (add \"{0}\" = \"backlog\", \
                     \"done\" or \"dropped\" to the config to choose)",
                    sanitize_line(state)
                ),
                Some(&place),
            );
            Status::Backlog
        }));
    }
    // Azure's priorities run 1 (most urgent) to 4.
    match t.get(c.priority)? {
        "" => {}
        "1" => r.impact = Field::Initial(5),
        "2" => r.impact = Field::Initial(4),
        "3" => r.impact = Field::Initial(3),
        "4" => r.impact = Field::Initial(2),
        other => {
            notices.add(format!("priority \"{}\" is not 1–4: impact starts at 3", sanitize_line(other)), Some(&place))
        }
    }
    for column in &c.estimates {
        let text = t.cell(*column)?;
        let value = cells::estimate(text).map_err(|reason| {
            t.error(*column, reason, "write the estimate as a number (3 or 2.5), or leave the cell empty")
        })?;
        if let Some((estimate, rounded)) = value {
            if rounded {
                notices.add("estimates between halves rounded up to the next half point", Some(&place));
            }
            r.zero_estimate = estimate == HalfPoints::ZERO;
            r.estimate = Field::Given(estimate);
            break;
        }
    }
    if let Some(column) = c.created {
        let text = t.cell(column)?;
        match dates.read(text) {
            Some(created) => r.created = Field::Given(created),
            None if text.trim().is_empty() => {}
            None => notices.add("\"Created Date\" not understood: the item is dated today", Some(&place)),
        }
    }
    if c.tags.is_some() {
        r.tags = Field::Given(cells::tag_list(t.get(c.tags)?));
    }
    // "Ana Souza <ana@fabrikam.com>": the display name, then the address, either may match.
    if c.assigned_to.is_some() {
        let text = crate::domain::text::sanitize_line(t.get(c.assigned_to)?);
        let (name, address) = match text.split_once('<') {
            Some((name, rest)) => (name.trim().to_string(), rest.trim_end_matches('>').trim().to_string()),
            None => (text.trim().to_string(), String::new()),
        };
        r.assignee = [name, address].into_iter().filter(|n| !n.is_empty()).collect();
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;
    use crate::interchange::mapping::tests::mappings;

    const HEADER: &str = "ID,Work Item Type,Title,State,Effort,Story Points,Tags,Created Date,Priority\n";

    fn parse(body: &str) -> Result<Parsed, ImportError> {
        read(format!("{HEADER}{body}").as_bytes(), &mappings())
    }

    #[test]
    fn a_row_becomes_a_record_keyed_ab_id() {
        let p = parse("123,Bug,Fix login,Closed,,3,auth; urgent,11/3/2026 2:15:07 PM,1\n").expect("parses");
        let r = &p.records[0];
        assert_eq!(r.key.as_deref(), Some("AB#123"));
        assert_eq!((r.kind.clone(), r.status.clone()), (Field::Given(Kind::Defect), Field::Given(Status::Done)));
        assert_eq!(r.estimate, Field::Given(HalfPoints(6)), "Story Points when Effort is empty");
        assert_eq!(r.tags, Field::Given(vec!["auth".to_string(), "urgent".to_string()]));
        assert_eq!(r.impact, Field::Initial(5));
        assert_eq!(r.created.given().map(|d| d.to_rfc3339()).as_deref(), Some("2026-11-03T14:15:07+00:00"));
        assert!(p.notices.is_empty(), "{:?}", p.notices.lines());
    }

    #[test]
    fn an_empty_estimate_is_absent_and_an_explicit_zero_is_told_apart() {
        let p = parse("1,Task,A,New,,,,,\n2,Task,B,New,0,,,,\n").expect("parses");
        assert_eq!(p.records[0].estimate, Field::Absent);
        assert!(!p.records[0].zero_estimate);
        assert_eq!(p.records[1].estimate, Field::Given(HalfPoints::ZERO));
        assert!(p.records[1].zero_estimate);
    }

    #[test]
    fn removed_work_items_are_dropped_and_counted_unknowns_are_named_with_their_config_key() {
        let p = parse("1,Bug,A,Removed,,,,,\n2,Bug,B,Removed,,,,,\n3,Spike,C,Blocked,,,,,\n").expect("parses");
        assert_eq!(p.records[0].status, Field::Given(Status::Dropped));
        assert_eq!(p.records[2].status, Field::Given(Status::Backlog));
        assert_eq!(p.records[2].kind, Field::Initial(Kind::Feature));
        let lines = p.notices.lines();
        assert!(lines.iter().any(|l| l == "2 work items in state \"Removed\" imported as dropped"), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("[import.azure.kinds]") && l.ends_with("— row 4")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("[import.azure.states]") && l.contains("\"Blocked\"")), "{lines:?}");
    }

    #[test]
    fn bad_rows_name_their_row_and_column() {
        let e = parse("1,Bug,A,New,,,,,\nxx,Bug,B,New,,,,,\n").expect_err("bad id");
        assert_eq!(e.place, Place::Row { row: 3, line: 3 });
        assert_eq!(e.column.as_deref(), Some("ID"));
        assert!(e.reason.contains("\"xx\" is not a work item ID"), "{e}");
        let e = parse("1,Bug,A,New,lots,,,,\n").expect_err("bad effort");
        assert_eq!(e.column.as_deref(), Some("Effort"));
        let e = parse("1,Bug,,New,,,,,\n").expect_err("no title");
        assert_eq!(e.column.as_deref(), Some("Title"));
    }

    #[test]
    fn a_tree_query_s_title_levels_are_read() {
        let text = "ID,Work Item Type,Title 1,Title 2,State\n1,Epic,Payments,,New\n2,User Story,,Save card,Active\n";
        let p = read(text.as_bytes(), &mappings()).expect("parses");
        assert_eq!(p.records[1].title, "Save card");
        assert_eq!(p.records[1].status, Field::Given(Status::Backlog));
        assert!(p.notices.lines().iter().any(|l| l.contains("Created Date")), "no date column is reported");
    }

    #[test]
    fn the_header_tells_azure_from_flowdeck_csv() {
        let names = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert!(is_azure_header(&names("ID,Work Item Type,Title,State")));
        assert!(!is_azure_header(&names("key,title,kind")));
        assert!(!is_azure_header(&names("ID,Title")));
    }
}
