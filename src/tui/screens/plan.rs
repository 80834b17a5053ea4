//! Plan: the candidates beside the sprint being planned.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::{HalfPoints, Status, WorkItem, Workspace};
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};

/// Backlog items not excluded from planning, pinned first, then in backlog order.
pub fn candidates(ws: &Workspace) -> Vec<&WorkItem> {
    let mut list: Vec<&WorkItem> = ws.candidates().filter(|i| i.status == Status::Backlog).collect();
    list.sort_by_key(|i| (!i.pinned, i.id));
    list
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let [left, right] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
    let list = candidates(ws);
    let palette = app.palette;
    table::render(
        frame,
        left,
        TableSpec {
            title: format!(" Candidates ({}) ", list.len()),
            header: &["Key", "Kind", "Title", "Est", "I R T"],
            widths: &[
                Constraint::Length(9),
                Constraint::Length(7),
                Constraint::Min(10),
                Constraint::Length(4),
                Constraint::Length(5),
            ],
        },
        list.len(),
        Some(app.selected[Tab::Plan.index()]),
        palette,
        |i| {
            let item = list[i];
            let marker = if item.pinned {
                "◆ "
            } else if item.excluded {
                "✗ "
            } else {
                ""
            };
            vec![
                Cell::from(item.key.clone().unwrap_or_default()),
                Cell::from(Span::styled(item.kind.as_str(), palette.kind(item.kind))),
                Cell::from(format!("{marker}{}", item.title)),
                Cell::from(item.estimate.to_string()),
                Cell::from(format!("{} {} {}", item.impact, item.risk, item.time_to_value)),
            ]
        },
    );

    let sprint = ws.current_sprint();
    let planned: Vec<&WorkItem> = match sprint {
        Some(s) => ws.items.iter().filter(|i| i.status == Status::Planned && i.sprint == Some(s.id)).collect(),
        None => Vec::new(),
    };
    let load = HalfPoints(planned.iter().map(|i| i.estimate.0).sum());
    let mut lines = Vec::new();
    match sprint {
        Some(s) => {
            lines.push(Line::styled(format!("{}  {} → {}", s.name, s.start, s.end), palette.title()));
            lines.push(Line::from(format!("Goal: {}", s.goal)));
            lines.push(Line::from(format!("Planned: {} items, {load} points", planned.len())));
            lines.push(Line::from(""));
            for item in &planned {
                lines.push(Line::from(vec![
                    Span::styled(format!("{:<8}", item.kind.as_str()), palette.kind(item.kind)),
                    Span::raw(format!("{:>4}  {}", item.estimate.to_string(), item.title)),
                ]));
            }
        }
        None => lines.push(Line::styled("No sprint is being planned.", palette.muted())),
    }
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Sprint ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), right);
}
