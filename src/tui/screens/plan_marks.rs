//! What Plan's list adds for multi-select and triage: a ● before marked rows' keys, and in the
//! list's title how many rows are marked and how many candidates are still unestimated.

use ratatui::text::Span;

use crate::domain::edits::label;
use crate::domain::WorkItem;
use crate::tui::app::App;

pub fn key_cell(app: &App, item: &WorkItem) -> Span<'static> {
    if app.marks.contains(&item.id) {
        Span::styled(format!("●{}", label(item)), app.palette.title())
    } else {
        Span::raw(label(item))
    }
}

/// "· 3 marked: b bulk edit · 35 unestimated: t triage " (empty when neither applies).
pub fn title_note(app: &App) -> String {
    let mut note = String::new();
    if !app.marks.is_empty() {
        note.push_str(&format!("· {} marked: b bulk edit ", app.marks.len()));
    }
    let unestimated = app.plan.unestimated();
    if unestimated > 0 {
        note.push_str(&format!("· {unestimated} unestimated: t triage "));
    }
    note
}
