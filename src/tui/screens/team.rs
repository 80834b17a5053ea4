//! Team & policy: members, kind targets, tolerance, investment floor, scoring.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::Kind;
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    let [left, right] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    table::render(
        frame,
        left,
        TableSpec {
            title: format!(" Members ({}) ", ws.members.len()),
            header: &["Name", "Allocation", "Focus"],
            widths: &[Constraint::Min(16), Constraint::Length(10), Constraint::Length(12)],
        },
        ws.members.len(),
        Some(app.selected[Tab::Team.index()]),
        palette,
        |i| {
            let m = &ws.members[i];
            vec![
                Cell::from(m.name.clone()),
                Cell::from(format!("{:.0}%", m.allocation * 100.0)),
                Cell::from(m.focus.map_or_else(|| "team default".into(), |f| format!("{f:.2}"))),
            ]
        },
    );
    let p = &ws.policy;
    let w = p.weights;
    let mut lines = vec![Line::styled("Capacity split targets", palette.header())];
    for kind in Kind::ALL {
        lines.push(Line::from(format!("  {:<8} {:>3}%", kind.as_str(), p.targets.get(kind))));
    }
    lines.extend([
        Line::from(format!("  tolerance ±{} pp, investment floor {}%", p.tolerance, p.investment_floor)),
        Line::from(""),
        Line::styled("Scoring", palette.header()),
        Line::from(format!("  model {}, estimates in {}", p.model.as_str(), p.unit.as_str())),
        Line::from(format!(
            "  weights: impact {} risk {} time-to-value {} effort {}",
            w.impact, w.risk, w.time_to_value, w.effort
        )),
        Line::from(format!("  team focus factor {:.2}", p.default_focus)),
    ]);
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Policy ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), right);
}
