//! Jira's "Export CSV (all fields)": columns found by name wherever they are, repeated columns
//! (`Labels`, `Sprint`, `Comment`) read as lists, issue types mapped to kinds by the
//! configured table.
//!
//! What Jira has no column for: impact comes from `Priority` (as a starting value the manager
//! may tune; a re-import does not overwrite it), risk and time-to-value start at 3.

use std::io::Read;

use crate::domain::text::sanitize_title;
use crate::domain::{HalfPoints, Kind, Status};

use super::cells;
use super::links;
use super::mapping::Mappings;
use super::record::{title_cut, Field, ImportError, ImportRecord, Notices, Parsed, Place};
use super::table::Table;

/// Keys longer than this are not tracker keys (a shifted column, most likely).
pub const MAX_KEY_CHARS: usize = 100;

use super::jira_locale::{self, ASSIGNEE, CREATED, KEY, PRIORITY, RESOLUTION, STATUS, STATUS_CATEGORY, SUMMARY, TYPE};

struct Columns {
    key: usize,
    summary: usize,
    kind: Option<usize>,
    status: Option<usize>,
    status_category: Option<usize>,
    resolution: Option<usize>,
    priority: Option<usize>,
    created: Option<usize>,
    estimates: Vec<usize>,
    labels: Vec<usize>,
    assignee: Option<usize>,
    /// `Inward issue link (Blocks)`: the issues this one is blocked by (repeated per link).
    blocked_by: Vec<usize>,
    /// `Outward issue link (Blocks)`: the issues this one blocks.
    blocks: Vec<usize>,
}

/// Jira's columns for the "Blocks" link type, one per link, as "Export CSV (all fields)"
/// names them in English. (Exports in other languages name these columns in their own words,
/// which flowdeck does not know yet: their links are not read.)
const BLOCKED_BY: &str = "Inward issue link (Blocks)";
const BLOCKS: &str = "Outward issue link (Blocks)";

fn missing_column(names: &[&str], header: &[String]) -> ImportError {
    let shown: Vec<&str> = header.iter().take(12).map(String::as_str).collect();
    let more = if header.len() > 12 { ", …" } else { "" };
    // Names outside ASCII and none flowdeck knows: an export in a language it does not read.
    let fix = if header.iter().any(|n| !n.is_ascii()) {
        jira_locale::SWITCH_TO_ENGLISH.to_string()
    } else {
        format!(
            "export from Jira with \"Export CSV (all fields)\", or name the format with --from (csv for flowdeck's own \
             columns); if the export is in another language: {}",
            jira_locale::SWITCH_TO_ENGLISH
        )
    };
    ImportError::new(
        Place::Row { row: 1, line: 1 },
        None,
        format!("the header has no \"{}\" column (it has: {}{more})", names[0], shown.join(", ")),
        fix,
    )
}

fn columns<R: Read>(t: &Table<R>) -> Result<Columns, ImportError> {
    let h = &t.header;
    let key = h.find(KEY).ok_or_else(|| missing_column(KEY, &h.names))?;
    let summary = h.find(SUMMARY).ok_or_else(|| missing_column(SUMMARY, &h.names))?;
    Ok(Columns {
        key,
        summary,
        kind: h.find(TYPE),
        status: h.find(STATUS),
        status_category: h.find(STATUS_CATEGORY),
        resolution: h.find(RESOLUTION),
        priority: h.find(PRIORITY),
        created: h.find(CREATED),
        estimates: jira_locale::estimate_names().iter().filter_map(|n| h.find(&[n.as_str()])).collect(),
        labels: labels(h),
        assignee: h.find(ASSIGNEE),
        blocked_by: h.all(BLOCKED_BY),
        blocks: h.all(BLOCKS),
    })
}

/// Every label column, whatever language names it, in the file's order.
fn labels(h: &super::table::Header) -> Vec<usize> {
    let mut columns: Vec<usize> = jira_locale::LABELS.iter().flat_map(|n| h.all(n)).collect();
    columns.sort_unstable();
    columns.dedup();
    columns
}

/// Reads a Jira CSV export. The first bad row stops the reading with an error naming it.
pub fn read(input: impl Read, m: &Mappings) -> Result<Parsed, ImportError> {
    let mut t = Table::open(input)?;
    let c = columns(&t)?;
    let mut notices = Notices::default();
    if c.kind.is_none() {
        notices.add(format!("no \"Issue Type\" column: every issue imported as {}", m.default_kind), None);
    }
    if c.created.is_none() {
        notices.add("no \"Created\" column: every issue is dated today, the import date", None);
    }
    if c.estimates.is_empty() {
        notices.add("no story-point column (\"Custom field (Story Points)\"): every issue imported unestimated", None);
    }
    // Two rows with one key are refused when the records meet the database (`import_merge`),
    // which compares keys as flowdeck does, ignoring case.
    let mut records = Vec::new();
    let mut dates = cells::Timestamps::default();
    while t.next_row()? {
        records.push(row(&t, &c, m, &mut dates, &mut notices)?);
    }
    Ok(Parsed { records, notices, key_column: t.header.name(c.key).to_string() })
}

fn row<R: Read>(
    t: &Table<R>,
    c: &Columns,
    m: &Mappings,
    dates: &mut cells::Timestamps,
    notices: &mut Notices,
) -> Result<ImportRecord, ImportError> {
    let place = t.place();
    let key = crate::domain::text::sanitize_line(t.cell(c.key)?);
    if key.is_empty() {
        return Err(t.error(c.key, "the issue key is empty", "every issue needs its key (e.g. PAY-123)"));
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(t.error(
            c.key,
            format!("the issue key is {} characters long", key.chars().count()),
            "check that the columns line up (an unclosed quote shifts them)",
        ));
    }
    let (title, cut) = sanitize_title(t.cell(c.summary)?);
    if title.is_empty() {
        return Err(t.error(c.summary, "the summary is empty", "give the issue a summary in Jira and export again"));
    }
    if cut {
        notices.add(title_cut(), Some(&place));
    }
    let mut r = ImportRecord::new(place.clone(), Some(key), title);

    let issue_type = t.get(c.kind)?;
    r.kind = match m.jira_kind(issue_type) {
        Some(kind) => Field::Given(kind),
        None if c.kind.is_none() => Field::Initial(m.default_kind),
        None => {
            notices.add(unknown_type(issue_type, m.default_kind), Some(&place));
            Field::Initial(m.default_kind)
        }
    };
    let (status, category, resolution) = (t.get(c.status)?, t.get(c.status_category)?, t.get(c.resolution)?);
    if let Some(decided) = status_of(m, status, category, resolution, &place, notices) {
        r.status = Field::Given(decided);
    }
    let priority = t.get(c.priority)?;
    if let Some(impact) = m.jira_impact(priority) {
        r.impact = Field::Initial(impact);
    } else if !priority.is_empty() {
        notices.add(
            format!(
                "priority \"{}\" is not in [import.jira.impact]: impact starts at 3",
                crate::domain::text::sanitize_line(priority)
            ),
            Some(&place),
        );
    }
    for column in &c.estimates {
        let text = t.cell(*column)?;
        let value = cells::estimate(text).map_err(|reason| {
            t.error(*column, reason, "write the story points as a number (3 or 2.5), or leave the cell empty")
        })?;
        if let Some((estimate, rounded)) = value {
            if rounded {
                notices.add("story points between halves rounded up to the next half point", Some(&place));
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
            None => notices.add("\"Created\" date not understood: the item is dated today", Some(&place)),
        }
    }
    if !c.labels.is_empty() {
        let mut tags: Vec<String> = Vec::new();
        for label in t.list(&c.labels)?.into_iter().filter_map(cells::tag) {
            if !tags.contains(&label) {
                tags.push(label);
            }
        }
        r.tags = Field::Given(tags);
    }
    if let Some(column) = c.assignee {
        let name = crate::domain::text::sanitize_line(t.cell(column)?);
        if !name.is_empty() {
            r.assignee.push(name);
        }
    }
    if !c.blocked_by.is_empty() || !c.blocks.is_empty() {
        // The file has link columns: it states every issue's links, none included.
        let keys = |columns: &[usize]| -> Result<Vec<String>, ImportError> {
            Ok(t.list(columns)?.into_iter().flat_map(links::split).collect())
        };
        r.blocked_by = Field::Given(keys(&c.blocked_by)?);
        r.blocks = keys(&c.blocks)?;
    }
    debug_assert!(!matches!(r.status, Field::Given(Status::Planned)));
    Ok(r)
}

/// Jira's three status categories; only Done means finished (To Do and In Progress are backlog:
/// imports never plan).
fn category_status(category: &str) -> Option<Status> {
    match category.trim() {
        "" => None,
        c if jira_locale::is_done_category(c) => Some(Status::Done),
        _ => Some(Status::Backlog),
    }
}

/// An issue's status: a resolution in `[import.jira.resolutions]` decides (Won't Do is dropped
/// even though its status is Closed); otherwise the status name in `[import.jira.statuses]`;
/// otherwise its Status Category; otherwise backlog. `None` when the row says nothing.
fn status_of(
    m: &Mappings,
    status: &str,
    category: &str,
    resolution: &str,
    place: &Place,
    notices: &mut Notices,
) -> Option<Status> {
    let resolution = resolution.trim();
    if let Some(decided) = m.jira_resolution(resolution) {
        return Some(decided);
    }
    // Jira's UI says "Unresolved" where the export usually leaves the cell empty.
    if !resolution.is_empty() && !jira_locale::is_unresolved(resolution) {
        notices.add(
            format!(
                "resolution \"{}\" is not in [import.jira.resolutions]: the status decides \
                 (add \"{0}\" = \"dropped\" or \"done\" to the config to choose)",
                crate::domain::text::sanitize_line(resolution)
            ),
            Some(place),
        );
    }
    if let Some(mapped) = m.jira_status(status) {
        return Some(mapped);
    }
    match category_status(category) {
        Some(from_category) => Some(from_category),
        None if status.trim().is_empty() => None,
        None => Some(Status::Backlog),
    }
}

fn unknown_type(issue_type: &str, default: Kind) -> String {
    if issue_type.is_empty() {
        return format!("no issue type: imported as {default}, the default kind");
    }
    let name = crate::domain::text::sanitize_line(issue_type);
    format!(
        "issue type \"{name}\" is not in [import.jira.kinds]: imported as {default}, the default kind \
         (add \"{name}\" = \"…\" to the config to choose)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::mapping::tests::mappings;

    const HEADER: &str =
        "Summary,Issue key,Issue Type,Status,Priority,Created,Labels,Labels,Sprint,Custom field (Story Points)\n";

    fn parse(body: &str) -> Result<Parsed, ImportError> {
        read(format!("{HEADER}{body}").as_bytes(), &mappings())
    }

    #[test]
    fn a_row_becomes_a_record() {
        let p = parse("Fix login,PAY-1,Bug,Done,High,01/Oct/26 09:10 AM,auth,urgent,S1,3\n").expect("parses");
        let r = &p.records[0];
        assert_eq!(r.key.as_deref(), Some("PAY-1"));
        assert_eq!(r.title, "Fix login");
        assert_eq!(r.kind, Field::Given(Kind::Defect));
        assert_eq!(r.status, Field::Given(Status::Done));
        assert_eq!(r.impact, Field::Initial(4));
        assert_eq!(r.estimate, Field::Given(HalfPoints(6)));
        assert_eq!(r.tags, Field::Given(vec!["auth".to_string(), "urgent".to_string()]));
        assert!(matches!(r.created, Field::Given(_)));
        assert!(p.notices.is_empty(), "{:?}", p.notices.lines());
    }

    #[test]
    fn unknown_types_take_the_default_and_are_reported_once_with_their_rows() {
        let p = parse("A,P-1,Spike,,,,,,,1\nB,P-2,Spike,,,,,,,1\n").expect("parses");
        assert_eq!(p.records[0].kind, Field::Initial(Kind::Feature));
        let lines = p.notices.lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("\"Spike\"") && lines[0].contains("— row 2, row 3"), "{}", lines[0]);
    }

    #[test]
    fn a_missing_estimate_is_absent_and_a_bad_one_names_row_and_column() {
        let p = parse("A,P-1,Story,,,,,,,\nB,P-2,Story,,,,,,,0\nC,P-3,Story,,,,,,,0.5\n").expect("parses");
        assert_eq!(p.records[0].estimate, Field::Absent);
        assert!(!p.records[0].zero_estimate);
        assert_eq!(p.records[1].estimate, Field::Given(HalfPoints::ZERO));
        assert!(p.records[1].zero_estimate, "an explicit 0 is told apart from no estimate");
        assert!(!p.records[2].zero_estimate);
        let e = parse("A,P-1,Story,,,,,,,1\nB,P-2,Story,,,,,,,lots\n").expect_err("bad number");
        assert_eq!(e.place, Place::Row { row: 3, line: 3 });
        assert_eq!(e.column.as_deref(), Some("Custom field (Story Points)"));
        assert!(e.reason.contains("\"lots\" is not a number"), "{e}");
    }

    #[test]
    fn the_estimate_is_found_under_any_of_its_names() {
        let text = "Issue key,Summary,Story point estimate\nP-1,A,5\n";
        let p = read(text.as_bytes(), &mappings()).expect("parses");
        assert_eq!(p.records[0].estimate, Field::Given(HalfPoints(10)));
        assert!(p.notices.lines()[0].contains("Issue Type"), "no type column is reported");
    }

    #[test]
    fn resolution_decides_then_status_then_status_category() {
        let text = "Issue key,Summary,Status,Status Category,Resolution\n\
                    P-1,A,Closed,Done,Won't Do\n\
                    P-2,B,Done,Done,Duplicate\n\
                    P-3,C,Shipped,Done,\n\
                    P-4,D,Triage,In Progress,\n\
                    P-5,E,Done,Done,Done\n\
                    P-6,F,Closed,Done,Mystery\n\
                    P-7,G,,,\n";
        let p = read(text.as_bytes(), &mappings()).expect("parses");
        let statuses: Vec<_> = p.records.iter().map(|r| r.status.clone()).collect();
        assert_eq!(
            statuses,
            vec![
                Field::Given(Status::Dropped),
                Field::Given(Status::Dropped),
                Field::Given(Status::Done),
                Field::Given(Status::Backlog),
                Field::Given(Status::Done),
                Field::Given(Status::Done),
                Field::Absent,
            ]
        );
        let lines = p.notices.lines();
        assert!(lines.iter().any(|l| l.contains("\"Mystery\"") && l.ends_with("— row 7")), "{lines:?}");
    }

    #[test]
    fn a_file_without_issue_keys_is_not_taken_for_jira() {
        let e = read(&b"Title,Kind\nA,feature\n"[..], &mappings()).expect_err("not jira");
        assert!(e.reason.contains("\"Issue key\"") && e.reason.contains("Title, Kind"), "{e}");
        assert!(e.fix.contains("--from"), "{e}");
    }

    #[test]
    fn escape_sequences_and_bidi_controls_never_reach_the_title() {
        let p = parse("\"\u{1b}[2J\u{202E}Wipe\u{7}\",P-1,Story,,,,,,,1\n").expect("parses");
        assert_eq!(p.records[0].title, "[2JWipe");
    }
}
