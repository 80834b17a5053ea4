//! Reading a CSV file as a spreadsheet user sees it: a header row (columns found by name,
//! repeated names kept in order), then rows numbered as a spreadsheet numbers them.
//!
//! Cells are checked for UTF-8 one by one, so text in another encoding is reported with its
//! row and column instead of being stored garbled. A UTF-8 byte-order mark is skipped; CRLF and
//! quoted line breaks are the `csv` crate's business.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read};

use csv::{ByteRecord, ReaderBuilder};

use super::record::{ImportError, Place};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header row: names as written (trimmed), and where each (case-insensitive) name occurs.
#[derive(Debug, Clone, Default)]
pub struct Header {
    pub names: Vec<String>,
    positions: HashMap<String, Vec<usize>>,
}

fn normalise(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Header {
    fn new(names: Vec<String>) -> Header {
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            positions.entry(normalise(name)).or_default().push(i);
        }
        Header { names, positions }
    }

    /// The first column with any of `names` (tried in order), case-insensitive.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.positions.get(&normalise(n)).and_then(|p| p.first().copied()))
    }

    /// Every column named `name`: Jira repeats `Labels`, `Sprint` and `Comment` once per value.
    pub fn all(&self, name: &str) -> Vec<usize> {
        self.positions.get(&normalise(name)).cloned().unwrap_or_default()
    }

    /// Columns whose name appears more than once, each named once (for "duplicate column" errors).
    pub fn repeated(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .names
            .iter()
            .enumerate()
            .filter(|(i, n)| self.positions.get(&normalise(n)).is_some_and(|p| p.len() > 1 && p[0] == *i))
            .map(|(_, n)| n.as_str())
            .collect();
        names.dedup();
        names
    }

    pub fn name(&self, column: usize) -> &str {
        self.names.get(column).map_or("", String::as_str)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Where the lines of the file begin, kept for the stretch the CSV reader has read ahead:
/// the `csv` crate's own line numbers are off after CRLF line ends and blank lines.
struct Lines<R> {
    inner: R,
    offset: u64,
    last_was_cr: bool,
    /// Offsets of the `\n`s not yet passed, each with whether a `\r` precedes it.
    ahead: VecDeque<(u64, bool)>,
    /// `\n`s passed so far.
    passed: u64,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                let cr = if i > 0 { buf[i - 1] == b'\r' } else { self.last_was_cr };
                self.ahead.push_back((self.offset + i as u64, cr));
            }
        }
        if n > 0 {
            self.last_was_cr = buf[n - 1] == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R> Lines<R> {
    /// For a record the CSV reader says starts at file offset `start` (just after the previous
    /// record's `\r`, or after its `\n`): the blank lines it skipped, and the line the record's
    /// text begins on.
    fn locate(&mut self, start: u64) -> (u64, u64) {
        while self.ahead.front().is_some_and(|(at, _)| *at < start) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        let (mut pos, mut blank) = (start, 0);
        while let Some(&(at, cr)) = self.ahead.front() {
            if !(at == pos || (cr && at == pos + 1)) {
                break;
            }
            // The `\n` of the previous record's CRLF is no blank line.
            if !(at == start && cr) {
                blank += 1;
            }
            self.ahead.pop_front();
            self.passed += 1;
            pos = at + 1;
        }
        (blank, self.passed + 1)
    }
}

/// A CSV file read one row at a time.
pub struct Table<R: Read> {
    reader: csv::Reader<BufReader<Lines<R>>>,
    /// Bytes of the byte-order mark skipped before the reader's offsets begin.
    skipped: u64,
    pub header: Header,
    record: ByteRecord,
    /// The current row as a spreadsheet numbers it (header = 1; blank lines count).
    row: u64,
    line: u64,
}

fn utf8_error(place: Place, column: Option<&str>, bytes: &[u8], e: std::str::Utf8Error) -> ImportError {
    let at = e.valid_up_to();
    let bad = bytes.get(at).map_or(String::new(), |b| format!(" (byte {b:#04X} after \"{}\")", tail(bytes, at)));
    ImportError::new(
        place,
        column,
        format!("the text is not UTF-8{bad}"),
        "save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: character set \"Unicode (UTF-8)\") and import it again",
    )
}

/// Up to 20 characters of valid text before byte `at`, to help find the cell's bad spot.
fn tail(bytes: &[u8], at: usize) -> String {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let chars: Vec<char> = valid.chars().collect();
    let start = chars.len().saturating_sub(20);
    crate::domain::text::sanitize_line(&chars[start..].iter().collect::<String>())
}

fn csv_error(e: csv::Error, row: u64) -> ImportError {
    let line = e.position().map_or(row, |p| p.line());
    let place = Place::Row { row: row.max(1), line };
    match e.kind() {
        csv::ErrorKind::Io(io) => ImportError::new(Place::File, None, format!("cannot read: {io}"), "check the file"),
        _ => ImportError::new(place, None, format!("not valid CSV: {e}"), "check the quoting of that row"),
    }
}

impl<R: Read> Table<R> {
    /// Reads the header row. An empty file is an error: there is nothing to import.
    pub fn open(input: R) -> Result<Table<R>, ImportError> {
        let lines = Lines { inner: input, offset: 0, last_was_cr: false, ahead: VecDeque::new(), passed: 0 };
        let mut buffered = BufReader::with_capacity(64 * 1024, lines);
        let start = buffered
            .fill_buf()
            .map_err(|e| ImportError::new(Place::File, None, format!("cannot read: {e}"), "check the file"))?;
        let skipped = if start.starts_with(UTF8_BOM) { UTF8_BOM.len() } else { 0 };
        let separator = delimiter(&start[skipped..]);
        buffered.consume(skipped);
        let reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(buffered);
        let mut table = Table {
            reader,
            skipped: skipped as u64,
            header: Header::default(),
            record: ByteRecord::new(),
            row: 0,
            line: 0,
        };
        if !table.read_record()? {
            return Err(ImportError::new(
                Place::File,
                None,
                "the file is empty",
                "export the issues again; the first row must name the columns",
            ));
        }
        let place = table.place();
        let mut names = Vec::with_capacity(table.record.len());
        for (i, bytes) in table.record.iter().enumerate() {
            let name = std::str::from_utf8(bytes).map_err(|e| {
                utf8_error(place.clone(), Some(&format!("{} (column {})", column_letter(i), i + 1)), bytes, e)
            })?;
            names.push(crate::domain::text::sanitize_line(name));
        }
        table.header = Header::new(names);
        Ok(table)
    }

    fn read_record(&mut self) -> Result<bool, ImportError> {
        let next = self.row + 1;
        let more = self.reader.read_byte_record(&mut self.record).map_err(|e| csv_error(e, next))?;
        if more {
            let start = self.record.position().map_or(0, |p| p.byte()) + self.skipped;
            let (blank, line) = self.reader.get_mut().get_mut().locate(start);
            self.row = next + blank;
            self.line = line;
        }
        Ok(more)
    }

    /// Moves to the next row that has any content; false at the end of the file. A row with
    /// more cells than the header has is refused unless the extra cells are empty.
    pub fn next_row(&mut self) -> Result<bool, ImportError> {
        loop {
            if !self.read_record()? {
                return Ok(false);
            }
            if self.record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let width = self.header.len();
            if let Some(extra) = self.record.iter().skip(width).position(|c| !c.iter().all(u8::is_ascii_whitespace)) {
                return Err(ImportError::new(
                    self.place(),
                    None,
                    format!(
                        "this row has a value in column {} but the header names only {width} columns",
                        width + extra + 1
                    ),
                    "check the row's quotes (an unclosed quote swallows the separators) or add the column's name to the header",
                ));
            }
            return Ok(true);
        }
    }

    pub fn place(&self) -> Place {
        Place::Row { row: self.row, line: self.line }
    }

    /// The cell of the current row in `column` (empty when the row is short), as UTF-8.
    pub fn cell(&self, column: usize) -> Result<&str, ImportError> {
        let bytes = self.record.get(column).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|e| utf8_error(self.place(), Some(self.header.name(column)), bytes, e))
    }

    /// The cell in `column` if the header has it, trimmed; "" otherwise.
    pub fn get(&self, column: Option<usize>) -> Result<&str, ImportError> {
        match column {
            Some(c) => self.cell(c).map(str::trim),
            None => Ok(""),
        }
    }

    /// The non-empty cells of every column in `columns`, trimmed, in order.
    pub fn list(&self, columns: &[usize]) -> Result<Vec<&str>, ImportError> {
        let mut values = Vec::new();
        for c in columns {
            let value = self.cell(*c)?.trim();
            if !value.is_empty() {
                values.push(value);
            }
        }
        Ok(values)
    }

    /// An error about the current row's `column`.
    pub fn error(&self, column: usize, reason: impl Into<String>, fix: impl Into<String>) -> ImportError {
        ImportError::new(self.place(), Some(self.header.name(column)), reason, fix)
    }
}

/// The separator of a CSV file from its first line: a comma, or the semicolon (or tab) a
/// spreadsheet in many European locales saves with, whichever separates more names outside
/// quotes. Ties go to the comma.
pub fn delimiter(start: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in start {
        match b {
            b'\n' | b'\r' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], std::cmp::Reverse(*i))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// "A", "B", … "AA": how a spreadsheet names column `index` (0-based).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> Result<Vec<(Place, Vec<String>)>, ImportError> {
        let mut t = Table::open(text)?;
        let mut out = Vec::new();
        while t.next_row()? {
            let cells = (0..t.header.len()).map(|c| t.cell(c).map(str::to_string)).collect::<Result<_, _>>()?;
            out.push((t.place(), cells));
        }
        Ok(out)
    }

    #[test]
    fn bom_crlf_and_quoted_newlines() {
        let text = b"\xEF\xBB\xBFKey,Title\r\nA-1,\"two\r\nlines\"\r\nA-2,plain\r\n";
        let got = rows(text).expect("parses");
        assert_eq!(got[0].0, Place::Row { row: 2, line: 2 });
        assert_eq!(got[0].1, vec!["A-1", "two\r\nlines"]);
        assert_eq!(got[1].0, Place::Row { row: 3, line: 4 }, "the second record starts on line 4");
        let t = Table::open(&text[..]).expect("header");
        assert_eq!(t.header.find(&["key"]), Some(0), "the BOM is not part of the first name");
    }

    #[test]
    fn repeated_columns_are_found_in_order() {
        let t = Table::open(&b"Summary,Labels,Labels,Sprint,labels\n"[..]).expect("header");
        assert_eq!(t.header.all("Labels"), vec![1, 2, 4]);
        assert_eq!(t.header.repeated(), vec!["Labels"]);
    }

    #[test]
    fn short_rows_read_as_empty_cells_but_long_rows_are_refused() {
        let got = rows(b"a,b,c\n1\n").expect("short row is fine");
        assert_eq!(got[0].1, vec!["1", "", ""]);
        let err = rows(b"a,b\n1,2,3\n").expect_err("long row");
        assert!(err.reason.contains("column 3"), "{err}");
        assert_eq!(err.place, Place::Row { row: 2, line: 2 });
    }

    #[test]
    fn text_in_another_encoding_names_row_and_column() {
        let err = rows(b"Key,Summary\nA-1,Caf\xE9 cr\xE8me\n").expect_err("latin-1");
        assert_eq!(err.place, Place::Row { row: 2, line: 2 });
        assert_eq!(err.column.as_deref(), Some("Summary"));
        assert!(err.reason.contains("0xE9") && err.reason.contains("Caf"), "{err}");
    }

    #[test]
    fn blank_rows_are_skipped_and_an_empty_file_is_an_error() {
        assert_eq!(rows(b"a\n,\n\n1\n").expect("parses").len(), 1);
        assert!(rows(b"").is_err());
    }

    #[test]
    fn rows_and_lines_count_blank_lines_and_quoted_breaks_as_a_spreadsheet_and_an_editor_do() {
        for text in [&b"K,T\nA,\"x\ny\"\n\nB,c\n"[..], &b"K,T\r\nA,\"x\r\ny\"\r\n\r\nB,c\r\n"[..]] {
            let got = rows(text).expect("parses");
            assert_eq!(got[0].0, Place::Row { row: 2, line: 2 });
            assert_eq!(got[1].0, Place::Row { row: 4, line: 5 }, "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn a_semicolon_file_from_a_european_spreadsheet_reads_the_same() {
        let got = rows(b"Key;Title;Points\nA-1;\"Caf\xC3\xA9; cr\xC3\xA8me\";2,5\n").expect("parses");
        assert_eq!(got[0].1, vec!["A-1", "Café; crème", "2,5"]);
        assert_eq!(delimiter(b"a,b;c,d"), b',');
        assert_eq!(delimiter(b"\"a,b\";c"), b';', "commas inside quotes do not count");
        assert_eq!(delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(delimiter(b"title"), b',');
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
