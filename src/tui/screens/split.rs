//! Split: every capacity step, the split against policy and every guardrail — the same text
//! as `flowdeck split`, so the screen and the command can never disagree. j/k scroll.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::tui::app::{App, Tab};
use crate::tui::theme::Palette;

/// Colours a report line by what it says; the words stay, so nothing depends on colour.
fn style_of(line: &str, palette: Palette) -> Style {
    let t = line.trim_start();
    if t.starts_with("[block]") {
        palette.error()
    } else if t.starts_with("[warn]") || t.ends_with(" above") || t.ends_with(" below") {
        palette.warn()
    } else if !line.starts_with(' ') && !line.is_empty() {
        palette.title()
    } else {
        Style::default()
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lines = &app.summary.split_report;
    let inner = usize::from(area.height.saturating_sub(2));
    // Long lines wrap on narrow terminals, so scrolling may run past the last report line.
    let scroll = app.selected[Tab::Split.index()].min(lines.len().saturating_sub(1));
    let shown: Vec<Line> =
        lines.iter().skip(scroll).map(|l| Line::from(Span::styled(l.clone(), style_of(l, app.palette)))).collect();
    let more =
        if lines.len() > inner { format!(" · line {} of {} (j/k) ", scroll + 1, lines.len()) } else { " ".into() };
    let block = Block::default().borders(Borders::ALL).title(Line::styled(
        format!(" Capacity, split and guardrails — as `flowdeck split`{more}"),
        app.palette.title(),
    ));
    frame.render_widget(Paragraph::new(shown).block(block).wrap(Wrap { trim: false }), area);
}
