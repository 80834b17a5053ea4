//! Messages wrapped to a box's width before drawing, so a box knows how many lines each takes:
//! the guardrail boxes on Plan and Split, which must never cut a guardrail without saying so.

use ratatui::text::{Line, Span};

use crate::tui::theme::Palette;

/// One message of the guardrail box, wrapped to the box's width.
pub struct Entry {
    pub lines: Vec<Line<'static>>,
    /// A guardrail (counted in the "more" cue), not the goal or a notice.
    is_guardrail: bool,
}

impl Entry {
    /// `mark` then `text`; continuation lines are indented under the text.
    pub fn guardrail(mark: Span<'static>, text: &str, width: usize) -> Entry {
        let indent = mark.content.chars().count();
        let mut lines = Vec::new();
        for (n, part) in
            crate::domain::text::wrap_words(text, width.saturating_sub(indent).max(1)).into_iter().enumerate()
        {
            let lead = if n == 0 { mark.clone() } else { Span::raw(" ".repeat(indent)) };
            lines.push(Line::from(vec![lead, Span::raw(part)]));
        }
        Entry { lines, is_guardrail: true }
    }

    /// A styled `head` followed by `text`, wrapped as one paragraph.
    pub fn text(head: Span<'static>, text: &str, width: usize) -> Entry {
        let head_len = head.content.chars().count();
        let joined = format!("{}{text}", head.content);
        let mut lines = Vec::new();
        for (n, part) in crate::domain::text::wrap_words(&joined, width).into_iter().enumerate() {
            if n == 0 && part.chars().count() >= head_len {
                let rest: String = part.chars().skip(head_len).collect();
                lines.push(Line::from(vec![head.clone(), Span::raw(rest)]));
            } else {
                lines.push(Line::from(part));
            }
        }
        Entry { lines, is_guardrail: false }
    }
}

/// Whole entries, in order, as far as `rows` allow; when some do not fit, the last row says how
/// many guardrails are left out and where they all are. A first entry taller than the box is
/// cut (ending in "…") rather than left out, so a blocking guardrail always shows.
pub fn fit_entries(entries: Vec<Entry>, rows: usize, palette: Palette) -> Vec<Line<'static>> {
    let total: usize = entries.iter().map(|e| e.lines.len()).sum();
    if total <= rows {
        return entries.into_iter().flat_map(|e| e.lines).collect();
    }
    let room = rows.saturating_sub(1);
    let mut lines = Vec::new();
    let mut hidden = 0;
    let mut stopped = false;
    for (n, entry) in entries.into_iter().enumerate() {
        if !stopped && lines.len() + entry.lines.len() <= room {
            lines.extend(entry.lines);
            continue;
        }
        if !stopped && n == 0 {
            lines.extend(entry.lines.into_iter().take(room));
            if let Some(last) = lines.last_mut() {
                last.spans.push(Span::raw("…"));
            }
        } else {
            hidden += usize::from(entry.is_guardrail);
        }
        stopped = true;
    }
    if rows > 0 {
        let more =
            if hidden == 0 { "… more on 3 Split".to_string() } else { format!("… {hidden} more on 3 Split") };
        lines.push(Line::styled(more, palette.muted()));
    }
    lines
}
