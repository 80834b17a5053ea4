//! Split: who is available in the sprint being planned, and the policy it is checked against.

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
    let sprint = ws.current_sprint();
    table::render(
        frame,
        left,
        TableSpec {
            title: format!(" Availability — {} ", sprint.map_or("no sprint", |s| s.name.as_str())),
            header: &["Member", "Alloc", "Focus", "Off"],
            widths: &[Constraint::Min(12), Constraint::Length(5), Constraint::Length(9), Constraint::Length(3)],
        },
        ws.members.len(),
        Some(app.selected[Tab::Split.index()]),
        palette,
        |i| {
            let m = &ws.members[i];
            let off = sprint.map_or(0, |s| ws.days_off_in(s.id).filter(|d| d.member == m.id).count());
            vec![
                Cell::from(m.name.clone()),
                Cell::from(format!("{:.0}%", m.allocation * 100.0)),
                Cell::from(
                    m.focus.map_or_else(|| format!("team {:.2}", ws.policy.default_focus), |f| format!("{f:.2}")),
                ),
                Cell::from(off.to_string()),
            ]
        },
    );

    let p = &ws.policy;
    let mut lines = Vec::new();
    if let Some(s) = sprint {
        lines.push(Line::styled(format!("{}: {} → {}", s.name, s.start, s.end), palette.title()));
        for h in ws.holidays_between(s.start, s.end) {
            lines.push(Line::from(format!("Holiday {}: {}", h.date, h.name)));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled("Policy", palette.header()));
    for kind in Kind::ALL {
        lines.push(Line::from(format!(
            "  {:<8} target {:>3}%  band {}–{}%",
            kind.as_str(),
            p.targets.get(kind),
            p.targets.get(kind).saturating_sub(p.tolerance),
            p.targets.get(kind).saturating_add(p.tolerance).min(100)
        )));
    }
    lines.push(Line::from(format!("  technical investment (debt + risk) ≥ {}%", p.investment_floor)));
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Sprint and policy ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), right);
}
