//! flowdeck's own JSON document: read and write.

use std::io::{Read, Write};

use super::document::{Document, DocumentError};

/// Parses a document, naming the line and column of a syntax or shape error.
pub fn read_document(mut input: impl Read, source: &str) -> Result<Document, DocumentError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| DocumentError::new(source, format!("cannot read: {e}")))?;
    parse_document(&text, source)
}

pub fn parse_document(text: &str, source: &str) -> Result<Document, DocumentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| DocumentError::new(source, e.to_string()))
}

pub fn write_document(doc: &Document, mut out: impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, doc)?;
    out.write_all(b"\n")
}
