//! Text made safe for a Markdown table cell or paragraph.

use crate::domain::text::sanitize_line;

/// One line, no control characters, and no `|` to break a table row.
pub fn cell(text: &str) -> String {
    sanitize_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_and_escapes_cannot_break_a_table() {
        assert_eq!(super::cell("a|b\u{1b}[31m"), "a\\|b[31m");
    }
}
