//! Which format a file is in, told from its first bytes when the user does not say.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Jira's "Export CSV (all fields)", in any language `jira_locale` knows.
    Jira,
    /// Azure DevOps' "Export to CSV" of a work item query.
    Azure,
    /// `gh issue list --json …`.
    Github,
    /// flowdeck's own CSV.
    Csv,
    /// flowdeck's own JSON document.
    Json,
}

/// The formats' names as messages list them.
pub const FORMATS: &str = "jira, azure, github, csv or json";

impl Format {
    pub const ALL: [Format; 5] = [Format::Jira, Format::Azure, Format::Github, Format::Csv, Format::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jira => "jira",
            Format::Azure => "azure",
            Format::Github => "github",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s.trim().to_ascii_lowercase())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The format of a file starting with `start` (a few kilobytes are plenty), or `None`.
///
/// A JSON array is GitHub's issue list; a JSON object is a flowdeck document; a CSV whose
/// header names an `Issue key` column (in any language `jira_locale` knows) is Jira's; one
/// with `ID` and `Work Item Type` columns is Azure DevOps'; one with a `title` column is
/// flowdeck's (tried last: Azure's export has a `Title` too).
pub fn sniff(start: &[u8]) -> Option<Format> {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let first = start.iter().position(|b| !b.is_ascii_whitespace())?;
    match start[first] {
        b'[' => return Some(Format::Github),
        b'{' => return Some(Format::Json),
        _ => {}
    }
    let header = header_names(&start[first..]);
    if header.iter().any(|n| super::jira_locale::is_key_header(n)) {
        Some(Format::Jira)
    } else if super::azure_csv::is_azure_header(&header) {
        Some(Format::Azure)
    } else if header.iter().any(|n| n == "title") {
        Some(Format::Csv)
    } else {
        None
    }
}

/// True when the start of a file is a CSV header (two names or more) that names no format
/// flowdeck knows: a tracker export, perhaps in a language flowdeck does not read.
pub fn is_csv_header(start: &[u8]) -> bool {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    header_names(start).len() >= 2
}

/// A CSV header with an `ID` column and neither Jira's key nor flowdeck's title: the shape of
/// an Azure DevOps query export whose other columns are in a language flowdeck does not read.
pub fn looks_like_azure(start: &[u8]) -> bool {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    header_names(start).iter().any(|n| n == "id")
}

/// The names in the first CSV record, lower-case (quotes handled, so a quoted newline or
/// comma in a name does not end it early).
fn header_names(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(super::table::delimiter(bytes))
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().map(|n| String::from_utf8_lossy(n).trim().to_lowercase()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"\xEF\xBB\xBFSummary,Issue key,Issue Type\r\n"), Some(Format::Jira));
        assert_eq!(sniff(b"  [\n {\"number\": 1}"), Some(Format::Github));
        assert_eq!(sniff(b"{\"format\": \"flowdeck\"}"), Some(Format::Json));
        assert_eq!(sniff(b"key,title,kind\n"), Some(Format::Csv));
        assert_eq!(sniff(b"Issue key;Summary\n"), Some(Format::Jira));
        assert_eq!(sniff("Тема,Ключ проблемы,Тип задачи\n".as_bytes()), Some(Format::Jira));
        assert_eq!(sniff(b"ID,Work Item Type,Title,State\n"), Some(Format::Azure));
        assert_eq!(sniff(b"\"ID\",\"Work Item Type\",\"Title 1\"\n"), Some(Format::Azure));
        assert_eq!(sniff(b"a,b,c\n"), None);
        assert_eq!(sniff(b""), None);
    }
}
