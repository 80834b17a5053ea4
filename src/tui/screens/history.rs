//! History: every sprint with what was planned and what was done.

use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::Cell;
use ratatui::Frame;

use crate::domain::history::sprint_totals;
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};

use super::points;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    table::render(
        frame,
        area,
        TableSpec {
            title: format!(" Sprints ({}) ", ws.sprints.len()),
            header: &["Sprint", "Dates", "State", "Plan", "Done", "Carry", "Unpl.", "Goal"],
            widths: &[
                Constraint::Length(10),
                Constraint::Length(15),
                Constraint::Length(8),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Min(10),
            ],
        },
        ws.sprints.len(),
        Some(app.selected[Tab::History.index()]),
        app.palette,
        |i| {
            let s = &ws.sprints[i];
            let t = sprint_totals(ws, s.id);
            vec![
                Cell::from(s.name.clone()),
                Cell::from(format!("{} → {}", s.start.format("%b %d"), s.end.format("%b %d"))),
                Cell::from(s.state.as_str()),
                Cell::from(points(t.planned)),
                Cell::from(points(t.completed)),
                Cell::from(points(t.carried)),
                Cell::from(points(t.unplanned)),
                Cell::from(s.goal.clone()),
            ]
        },
    );
}
