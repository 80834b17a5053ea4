//! Split: every capacity step, the split against policy and every guardrail — the same text
//! as `flowdeck split`, so the screen and the command can never disagree. j/k scroll.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::guardrails::Severity;
use crate::tui::app::{App, Tab};
use crate::tui::theme::Palette;
use crate::tui::wrapped_entries::Entry;

/// Colours a report line by what it says; the words stay, so nothing depends on colour.
fn style_of(line: &str, palette: Palette) -> Style {
    let t = line.trim_start();
    if t.starts_with("[BLOCK]") {
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
    // What blocks the plan stays on top, whatever the scroll: the report lists it last.
    let blocking: Vec<&str> = app
        .summary
        .plan
        .iter()
        .flat_map(|p| &p.guardrails)
        .filter(|g| g.severity == Severity::Block)
        .map(|g| g.message.as_str())
        .collect();
    let area = if blocking.is_empty() { area } else { render_blocking(frame, area, &blocking, app.palette) };
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

/// The blocking guardrails in a box of their own above the report (at most a third of the
/// screen; the rest are counted). Returns the area left for the report.
fn render_blocking(frame: &mut Frame, area: Rect, blocking: &[&str], palette: Palette) -> Rect {
    let width = usize::from(area.width.saturating_sub(2)).max(4);
    let room = usize::from(area.height / 3).saturating_sub(2).max(1);
    let mut lines = Vec::new();
    let mut shown = 0;
    for message in blocking {
        let entry = Entry::guardrail(Span::styled("✗ ", palette.error()), message, width);
        if lines.len() + entry.lines.len() > room && shown > 0 {
            break;
        }
        lines.extend(entry.lines.into_iter().take(room));
        shown += 1;
    }
    let left = blocking.len() - shown;
    let title = if left == 0 {
        format!(" Blocking the plan ({}) ", blocking.len())
    } else {
        format!(" Blocking the plan ({}) · {} more in the report below ", blocking.len(), left)
    };
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(area.height);
    let [top, rest] = Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(area);
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.error()));
    frame.render_widget(Paragraph::new(lines).block(block), top);
    rest
}
