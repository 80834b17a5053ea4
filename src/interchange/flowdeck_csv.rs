//! flowdeck's own CSV: one row per item, for spreadsheets. Written with every column below;
//! read back liberally: only `title` is required, columns may come in any order and case,
//! unknown columns (such as `rank` and `score` from `flowdeck rank --format csv`) are ignored.
//!
//! A cell a spreadsheet would run as a formula (starting with `= + - @`, a tab or a carriage
//! return) is written with a leading `'`, as is a cell that starts with `'` itself; reading
//! removes exactly that one quote, so export → import gives the text back unchanged.

use std::collections::HashMap;
use std::io::{self, Read, Write};

use crate::domain::text::{sanitize_line, sanitize_title};
use crate::domain::{Agreement, DebtCategory, DebtDetails, Kind, RiskArea, Status, WorkItem, Workspace};

use super::cells;
use super::links::{self, Namer};
use super::record::{title_cut, Field, ImportError, ImportRecord, Notices, Parsed, Place};
use super::table::Table;

/// The columns, in the order they are written.
pub const COLUMNS: [&str; 29] = [
    "key",
    "title",
    "kind",
    "status",
    "sprint",
    "estimate",
    "impact",
    "risk",
    "time_to_value",
    "outcome",
    "tags",
    "created",
    "updated",
    "pinned",
    "excluded",
    "debt_interest",
    "debt_visibility",
    "debt_drag",
    "debt_category",
    "debt_risk_area",
    "agreement_reason",
    "agreement_impact",
    "agreement_trigger_date",
    "agreement_trigger_condition",
    "agreement_owner",
    "agreement_linked_key",
    // Last, so files written before them keep their column positions.
    "assignee",
    "skills",
    "blocked_by",
];

/// Where the register's columns are in [`COLUMNS`]: a row with any of them filled in describes
/// a debt.
const DEBT_COLUMNS: std::ops::Range<usize> = 15..26;

fn needs_quote(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
}

/// A text cell a spreadsheet will show as text, never run.
pub fn neutralise(cell: &str) -> String {
    if needs_quote(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The inverse of [`neutralise`].
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// The I/O error inside a CSV error, so a closed pipe stays a closed pipe (and exits quietly).
/// A csv error as the I/O error it wraps, so a closed pipe stays a closed pipe (csv's own
/// conversion turns every error into `Other`, and `flowdeck rank --format csv | head -1` would
/// then complain instead of ending quietly).
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes every item of `ws`, in id order.
pub fn write(ws: &Workspace, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(io_error)?;
    let namer = Namer::new(ws);
    for item in &ws.items {
        w.write_record(row(ws, item, &namer)).map_err(io_error)?;
    }
    w.flush()
}

fn row(ws: &Workspace, i: &WorkItem, namer: &Namer<'_>) -> Vec<String> {
    let text = |s: &str| neutralise(s);
    let sprint = i.sprint.and_then(|id| ws.sprint(id)).map(|s| s.name.as_str()).unwrap_or("");
    let mut cells = vec![
        text(i.key.as_deref().unwrap_or("")),
        text(&i.title),
        i.kind.as_str().to_string(),
        i.status.as_str().to_string(),
        text(sprint),
        i.estimate.to_string(),
        i.impact.to_string(),
        i.risk.to_string(),
        i.time_to_value.to_string(),
        text(i.outcome.as_deref().unwrap_or("")),
        text(&i.tags.join(", ")),
        i.created.to_rfc3339(),
        i.updated.to_rfc3339(),
        i.pinned.to_string(),
        i.excluded.to_string(),
    ];
    match &i.debt {
        Some(d) => {
            let a = &d.agreement;
            cells.extend([
                d.interest.to_string(),
                d.visibility.to_string(),
                d.drag.map(|v| v.to_string()).unwrap_or_default(),
                d.category.as_str().to_string(),
                d.risk_area.as_str().to_string(),
                text(&a.reason),
                text(&a.impact),
                a.trigger_date.map(|t| t.to_string()).unwrap_or_default(),
                text(&a.trigger_condition),
                text(&a.owner),
                text(a.linked_key.as_deref().unwrap_or("")),
            ]);
        }
        None => cells.extend(std::iter::repeat_n(String::new(), 11)),
    }
    let assignee = i.assignee.and_then(|a| ws.members.iter().find(|m| m.id == a)).map_or("", |m| m.name.as_str());
    cells.push(text(assignee));
    cells.push(text(&i.skills.join(", ")));
    cells.push(text(&namer.refs(&i.blocked_by).join(", ")));
    cells
}

/// Reads flowdeck's CSV; a row with no kind takes `default_kind`. `sprint`, `updated` and
/// `pinned` are written for the reader's information and not imported: planning state belongs
/// to flowdeck, and `updated` is the time of the save.
pub fn read(input: impl Read, default_kind: Kind) -> Result<Parsed, ImportError> {
    let mut t = Table::open(input)?;
    let mut columns: HashMap<&str, usize> = HashMap::new();
    for name in COLUMNS {
        if let Some(c) = t.header.find(&[name]) {
            columns.insert(name, c);
        }
    }
    if !columns.contains_key("title") {
        return Err(ImportError::new(
            Place::Row { row: 1, line: 1 },
            None,
            format!("the header has no \"title\" column (it has: {})", t.header.names.join(", ")),
            "name the columns in the first row (key, title, kind, estimate, …), or name the format with --from",
        ));
    }
    let mut notices = Notices::default();
    let ignored: Vec<&str> = t
        .header
        .names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty() && !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(n)))
        .collect();
    if !ignored.is_empty() {
        notices.add(format!("columns not imported (not flowdeck columns): {}", ignored.join(", ")), None);
    }
    if let Some(repeated) = t.header.repeated().first() {
        return Err(ImportError::new(
            Place::Row { row: 1, line: 1 },
            Some(repeated),
            "this column is named twice",
            "keep one column of each name",
        ));
    }
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut records = Vec::new();
    while t.next_row()? {
        let r = Reader { t: &t, columns: &columns };
        let record = r.record(default_kind, &mut notices)?;
        if let Some(key) = &record.key {
            if let Some(first) = seen.get(key) {
                return Err(r.error(
                    "key",
                    format!("the key {key} is also on {}", first.short()),
                    "each item may appear once; remove one of the two rows",
                ));
            }
            seen.insert(key.clone(), t.place());
        }
        records.push(record);
    }
    let key_column = columns.get("key").map_or("key", |c| t.header.name(*c)).to_string();
    Ok(Parsed { records, notices, key_column })
}

struct Reader<'a, R: Read> {
    t: &'a Table<R>,
    columns: &'a HashMap<&'static str, usize>,
}

impl<R: Read> Reader<'_, R> {
    fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }

    /// The cell, trimmed and without the formula guard; "" when the column is missing.
    fn text(&self, name: &str) -> Result<&str, ImportError> {
        Ok(unneutralise(self.t.get(self.columns.get(name).copied())?))
    }

    fn error(&self, name: &str, reason: impl Into<String>, fix: impl Into<String>) -> ImportError {
        match self.columns.get(name) {
            Some(c) => self.t.error(*c, reason, fix),
            None => ImportError::new(self.t.place(), Some(name), reason, fix),
        }
    }

    fn parse<T>(&self, name: &str, parse: impl Fn(&str) -> Result<T, String>, fix: &str) -> Result<T, ImportError> {
        parse(self.text(name)?).map_err(|reason| self.error(name, reason, fix))
    }

    /// `Given` when the column is there (an empty cell gives `empty`), `Absent` otherwise.
    fn field<T>(&self, name: &str, value: Option<T>) -> Field<T> {
        match value {
            Some(v) => Field::Given(v),
            None => Field::Absent,
        }
        .only_if(self.has(name))
    }

    fn record(&self, default_kind: Kind, notices: &mut Notices) -> Result<ImportRecord, ImportError> {
        let place = self.t.place();
        let key = sanitize_line(self.text("key")?);
        let (title, cut) = sanitize_title(self.text("title")?);
        if title.is_empty() {
            return Err(self.error("title", "the title is empty", "every item needs a title"));
        }
        if cut {
            notices.add(title_cut(), Some(&place));
        }
        let mut r = ImportRecord::new(place.clone(), (!key.is_empty()).then_some(key), title);
        let kind = self.text("kind")?;
        r.kind = if kind.is_empty() {
            notices.add(format!("no kind: imported as {default_kind}, the default kind"), Some(&place));
            Field::Initial(default_kind)
        } else {
            Field::Given(kind.parse::<Kind>().map_err(|reason| self.error("kind", reason, "fix the kind"))?)
        };
        let status = self.text("status")?;
        r.status = match Status::parse(status) {
            _ if status.is_empty() => Field::Absent,
            Some(Status::Planned) => {
                r.planned_in_file = true;
                Field::Absent
            }
            Some(s) => Field::Given(s),
            None => {
                return Err(self.error(
                    "status",
                    format!("\"{}\" is not a status", sanitize_line(status)),
                    "use backlog, planned, done or dropped",
                ))
            }
        };
        let estimate =
            self.parse("estimate", cells::estimate, "write points as a number (3 or 2.5), or leave it empty")?;
        if estimate.is_some_and(|(_, rounded)| rounded) {
            notices.add("estimates between halves rounded up to the next half point", Some(&place));
        }
        r.estimate = self.field("estimate", estimate.map(|(e, _)| e));
        let score_fix = "use a whole number from 1 to 5, or leave it empty";
        r.impact = self.field("impact", self.parse("impact", cells::score, score_fix)?);
        r.risk = self.field("risk", self.parse("risk", cells::score, score_fix)?);
        r.time_to_value = self.field("time_to_value", self.parse("time_to_value", cells::score, score_fix)?);
        let outcome = sanitize_line(self.text("outcome")?);
        r.outcome = Field::Given((!outcome.is_empty()).then_some(outcome)).only_if(self.has("outcome"));
        r.tags = Field::Given(cells::tag_list(self.text("tags")?)).only_if(self.has("tags"));
        let created = self.text("created")?;
        if !created.is_empty() {
            let t = cells::timestamp(created).ok_or_else(|| {
                self.error(
                    "created",
                    format!("\"{}\" is not a date", sanitize_line(created)),
                    "write it like 2026-10-01T09:10:00Z or 2026-10-01",
                )
            })?;
            r.created = Field::Given(t);
        }
        r.excluded = self.field("excluded", self.parse("excluded", cells::flag, "write true or false")?);
        r.pinned_in_file = self.parse("pinned", cells::flag, "write true or false")? == Some(true);
        let assignee = sanitize_line(self.text("assignee")?);
        if !assignee.is_empty() {
            r.assignee.push(assignee);
        }
        r.skills = Field::Given(crate::domain::skills::skill_list([self.text("skills")?])).only_if(self.has("skills"));
        r.blocked_by = Field::Given(links::split(self.text("blocked_by")?)).only_if(self.has("blocked_by"));
        let debt = self.debt()?;
        match (&r.kind, debt) {
            (Field::Given(Kind::Debt), Some(d)) => r.debt = Field::Given(Box::new(d)),
            (_, Some(_)) => {
                notices.add("debt columns filled in for an item that is not debt: not imported", Some(&place))
            }
            _ => {}
        }
        Ok(r)
    }

    /// The register fields, when any debt or agreement cell is filled in.
    fn debt(&self) -> Result<Option<DebtDetails>, ImportError> {
        let any = COLUMNS[DEBT_COLUMNS].iter().map(|c| self.text(c)).collect::<Result<Vec<_>, _>>()?;
        if any.iter().all(|c| c.is_empty()) {
            return Ok(None);
        }
        let score_fix = "use a whole number from 1 to 5, or leave it empty";
        let drag = self.parse(
            "debt_drag",
            |t| if t.is_empty() { Ok(None) } else { cells::number(t).map(Some) },
            "write points a sprint as a number, or leave it empty to derive it",
        )?;
        if drag.is_some_and(|d| !(0.0..=crate::domain::estimate::MAX_ESTIMATE).contains(&d)) {
            return Err(self.error(
                "debt_drag",
                "the drag must be between 0 and 1000 points a sprint",
                "fix the number",
            ));
        }
        let category = self.text("debt_category")?;
        let category = if category.is_empty() {
            DebtCategory::Tactical
        } else {
            DebtCategory::parse(category).ok_or_else(|| {
                self.error(
                    "debt_category",
                    format!("\"{}\" is not a category", sanitize_line(category)),
                    "use strategic, tactical or accidental",
                )
            })?
        };
        let area = self.text("debt_risk_area")?;
        let risk_area = if area.is_empty() {
            RiskArea::None
        } else {
            RiskArea::parse(area).ok_or_else(|| {
                self.error(
                    "debt_risk_area",
                    format!("\"{}\" is not a risk area", sanitize_line(area)),
                    "use none, security, performance or compliance",
                )
            })?
        };
        let line = |name: &str| self.text(name).map(sanitize_line);
        let linked = line("agreement_linked_key")?;
        Ok(Some(DebtDetails {
            interest: self.parse("debt_interest", cells::score, score_fix)?.unwrap_or(3),
            visibility: self.parse("debt_visibility", cells::score, score_fix)?.unwrap_or(3),
            drag,
            category,
            risk_area,
            agreement: Agreement {
                reason: line("agreement_reason")?,
                impact: line("agreement_impact")?,
                trigger_date: self.parse("agreement_trigger_date", cells::date, "write the date like 2026-11-30")?,
                trigger_condition: line("agreement_trigger_condition")?,
                owner: line("agreement_owner")?,
                linked_key: (!linked.is_empty()).then_some(linked),
            },
            deferrals: Vec::new(),
            drag_history: Vec::new(),
        }))
    }
}

trait OnlyIf {
    fn only_if(self, present: bool) -> Self;
}

impl<T> OnlyIf for Field<T> {
    /// A column the file does not have says nothing.
    fn only_if(self, present: bool) -> Self {
        if present {
            self
        } else {
            Field::Absent
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HalfPoints;

    #[test]
    fn formula_guards_round_trip() {
        for text in ["=SUM(A1)", "+1", "-x", "@me", "'quoted", "''twice", "plain", "", "'"] {
            assert_eq!(unneutralise(&neutralise(text)), text);
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(unneutralise("'hello"), "'hello", "a quote a spreadsheet user typed stays");
    }

    #[test]
    fn only_title_is_required_and_absent_columns_say_nothing() {
        let p = read(&b"Title,Estimate\nWrite docs,2\n"[..], Kind::Feature).expect("parses");
        let r = &p.records[0];
        assert_eq!(r.key, None);
        assert_eq!(r.estimate, Field::Given(HalfPoints(4)));
        assert_eq!(r.impact, Field::Absent);
        assert_eq!(r.tags, Field::Absent);
        assert_eq!(r.kind, Field::Initial(Kind::Feature));
    }

    #[test]
    fn rank_output_imports_with_its_extra_columns_ignored() {
        let text = "rank,id,key,title,kind,status,estimate,impact,risk,time_to_value,benefit,score,pinned,excluded\n\
                    1,4,PAY-1,Fix it,defect,planned,3,4,3,2,3.2,1.07,true,false\n";
        let p = read(text.as_bytes(), Kind::Feature).expect("parses");
        assert_eq!(p.records[0].status, Field::Absent, "planned is not imported");
        assert!(p.records[0].planned_in_file && p.records[0].pinned_in_file);
        let lines = p.notices.lines().join("\n");
        assert!(lines.contains("rank, id, benefit, score"), "{lines}");
    }

    #[test]
    fn bad_cells_name_their_column() {
        let e = read(&b"title,impact\nA,9\n"[..], Kind::Feature).expect_err("impact 9");
        assert_eq!(e.column.as_deref(), Some("impact"));
        let e = read(&b"title,kind\nA,story\n"[..], Kind::Feature).expect_err("kind");
        assert!(e.reason.contains("'story'"), "{e}");
        let e = read(&b"title,title\nA,B\n"[..], Kind::Feature).expect_err("twice");
        assert!(e.reason.contains("named twice"), "{e}");
    }

    #[test]
    fn debt_columns_make_register_fields() {
        let text =
            "title,kind,debt_interest,debt_category,agreement_trigger_date\nOld ORM,debt,5,strategic,2026-12-01\n";
        let p = read(text.as_bytes(), Kind::Feature).expect("parses");
        let Field::Given(d) = &p.records[0].debt else { panic!("no debt fields") };
        assert_eq!((d.interest, d.visibility, d.category), (5, 3, DebtCategory::Strategic));
        assert!(d.agreement.trigger_date.is_some());
    }

    #[test]
    fn who_does_it_and_what_it_waits_for_are_not_debt_columns() {
        let text = "key,title,kind,assignee,skills,blocked_by\nA-2,Checkout,feature,Dana,ios,\"A-1, #3\"\n";
        let p = read(text.as_bytes(), Kind::Feature).expect("parses");
        assert!(p.notices.is_empty(), "{:?}", p.notices.lines());
        assert_eq!(p.records[0].blocked_by, Field::Given(vec!["A-1".to_string(), "#3".to_string()]));
        assert_eq!(p.records[0].assignee, ["Dana"]);
    }
}
