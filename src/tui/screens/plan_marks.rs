//! What Plan's list adds for multi-select and triage: a ● before marked rows' keys, and in the
//! list's title how many rows are marked and how many candidates are still unestimated; and
//! for the selected item, what it waits for.

use ratatui::text::{Line, Span};

use crate::domain::edits::label;
use crate::domain::{Status, WorkItem, Workspace};
use crate::tui::app::App;
use crate::tui::theme::Palette;

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

/// "waits for PAY-1006 (not planned), PAY-1282 (in the sprint)": each blocker and where it
/// stands, in the warning colour while one is neither done nor planned (`None`: no blockers).
pub fn blockers_line(ws: &Workspace, item: &WorkItem, palette: Palette) -> Option<Line<'static>> {
    if item.blocked_by.is_empty() {
        return None;
    }
    let mut stuck = false;
    let named: Vec<String> = item
        .blocked_by
        .iter()
        .filter_map(|b| ws.item(*b))
        .map(|b| {
            let state = match b.status {
                Status::Done => "done",
                Status::Dropped => "dropped",
                Status::Planned => "in the sprint",
                Status::Backlog => {
                    stuck = true;
                    "not planned"
                }
            };
            format!("{} ({state})", label(b))
        })
        .collect();
    let style = if stuck { palette.warn() } else { palette.muted() };
    Some(Line::styled(format!("waits for {}", named.join(", ")), style))
}
