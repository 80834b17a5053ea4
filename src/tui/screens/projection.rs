//! Projection: what the debt register costs now; the scenario chart builds on these inputs.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::tui::app::App;

use super::points;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    let totals = ws.debt_totals();
    let lines = vec![
        Line::styled("Inputs from the debt register", palette.header()),
        Line::from(format!("  open debts: {}", totals.count)),
        Line::from(format!("  total drag: {} points lost every sprint", points(totals.drag))),
        Line::from(format!("  total principal: {} points to repay everything", points(totals.principal))),
        Line::from(""),
        Line::styled(
            "The scenario chart (10/20/30/50% investment, crossovers, best share) is not built yet.",
            palette.muted(),
        ),
    ];
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Projection ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
