//! A scrolling table that builds only the rows it shows (fast at 100k rows) and marks the
//! selected row with "▶" as well as reverse video, so the cue survives NO_COLOR.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Row, Table};
use ratatui::Frame;

use super::theme::Palette;

/// The first row to show so that `selected` is visible in `height` rows.
pub fn first_visible(selected: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        selected.saturating_sub(height - 1)
    }
}

pub struct TableSpec<'a> {
    pub title: String,
    pub header: &'a [&'a str],
    pub widths: &'a [Constraint],
}

/// Renders rows `cells(i)` for the visible window of `0..total`.
pub fn render<'a>(
    frame: &mut Frame,
    area: Rect,
    spec: TableSpec<'_>,
    total: usize,
    selected: Option<usize>,
    palette: Palette,
    cells: impl Fn(usize) -> Vec<Cell<'a>>,
) {
    let block = Block::default().borders(Borders::ALL).title(Line::styled(spec.title, palette.title()));
    let inner_rows = usize::from(area.height.saturating_sub(3)); // borders + header
    let selected = selected.map(|s| s.min(total.saturating_sub(1)));
    let first = first_visible(selected.unwrap_or(0), inner_rows);
    let last = first.saturating_add(inner_rows).min(total);
    let rows = (first..last).map(|i| {
        let is_selected = selected == Some(i);
        let mut row_cells = vec![Cell::from(if is_selected { "▶" } else { " " })];
        row_cells.extend(cells(i));
        let row = Row::new(row_cells);
        if is_selected {
            row.style(palette.selected())
        } else {
            row
        }
    });
    let mut widths = vec![Constraint::Length(1)];
    widths.extend_from_slice(spec.widths);
    let mut header = vec![Cell::from("")];
    header.extend(spec.header.iter().map(|h| Cell::from(*h)));
    let table =
        Table::new(rows, widths).header(Row::new(header).style(palette.header())).block(block).column_spacing(1);
    frame.render_widget(table, area);
}

#[cfg(test)]
mod tests {
    use super::first_visible;

    #[test]
    fn window_follows_the_selection() {
        assert_eq!(first_visible(0, 10), 0);
        assert_eq!(first_visible(9, 10), 0);
        assert_eq!(first_visible(10, 10), 1);
        assert_eq!(first_visible(5, 0), 0);
    }
}
