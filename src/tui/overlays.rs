//! Overlays drawn over a screen: forms, questions and the auto-fill preview.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::forms::{Form, Value};
use super::theme::Palette;

/// A centred box of at most `width`×`height` inside `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    Rect {
        x: area.x.saturating_add(area.width.saturating_sub(width) / 2),
        y: area.y.saturating_add(area.height.saturating_sub(height) / 2),
        width,
        height,
    }
}

fn boxed(frame: &mut Frame, rect: Rect, title: String, palette: Palette) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Display columns of `text` (CJK and emoji are two wide).
fn columns(text: &str) -> usize {
    Span::raw(text).width()
}

/// The part of `text` from display column `skip` on.
fn from_column(text: &str, skip: usize) -> String {
    let mut seen = 0;
    text.chars()
        .skip_while(|c| {
            let before = seen;
            seen += columns(c.encode_utf8(&mut [0; 4]));
            before < skip
        })
        .collect()
}

const LABEL_WIDTH: usize = 18;

pub fn render_form(frame: &mut Frame, area: Rect, form: &Form, palette: Palette) {
    let visible: Vec<_> = form.visible().collect();
    let rect = popup(area, 76, visible.len() as u16 + 5);
    // The set-up's Enter walks the fields, so its title says so instead.
    let keys = if form.target == crate::tui::forms::Target::Setup {
        "Enter next · Enter on the last sets up · Esc later"
    } else {
        "Tab next · Enter save · Esc cancel"
    };
    let title = match &form.conflict {
        Some(c) if c.gone => format!(" {} — deleted by someone else · Esc close ", form.title),
        Some(_) => format!(" {} — changed meanwhile: Enter keeps yours · Ctrl+T theirs ", form.title),
        None => format!(" {} — {keys} ", form.title),
    };
    let inner = boxed(frame, rect, title, palette);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    // Two lines below the fields: the focused field's hint, and its error.
    let rows = usize::from(inner.height).saturating_sub(2);
    let at = visible.iter().position(|(n, _)| *n == form.focus).unwrap_or(0);
    let first = at.saturating_sub(rows.saturating_sub(1));
    let value_width = usize::from(inner.width).saturating_sub(LABEL_WIDTH + 1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (row, (n, field)) in visible.iter().enumerate().skip(first).take(rows) {
        let focused = *n == form.focus;
        let label_style = if focused {
            palette.selected()
        } else if field.error.is_some() {
            palette.error()
        } else {
            palette.header().remove_modifier(ratatui::style::Modifier::UNDERLINED)
        };
        let mut spans =
            vec![Span::styled(format!("{:<w$}", field.label, w = LABEL_WIDTH), label_style), Span::raw(" ")];
        match &field.value {
            Value::Text(input) => {
                let scroll = if focused { input.visual_scroll(value_width.saturating_sub(1)) } else { 0 };
                spans.push(Span::raw(from_column(input.value(), scroll)));
                if focused {
                    let x = LABEL_WIDTH + 1 + input.visual_cursor().saturating_sub(scroll);
                    cursor = Some((x, row - first));
                }
            }
            Value::Choice { options, index } => {
                let text = options.get(*index).copied().unwrap_or("");
                if focused {
                    // On the choice itself, so the cursor shows where a refused save sent it.
                    cursor = Some((LABEL_WIDTH + 1, row - first));
                }
                spans.push(Span::styled(format!("‹ {text} ›"), if focused { palette.title() } else { palette.ok() }));
            }
        }
        if let Some(theirs) = form.theirs(*n) {
            spans.push(Span::styled(format!("  ⇄ theirs: {theirs}"), palette.warn()));
        }
        // The mark stays on the focused field too; its message is on the line below the fields.
        match (&field.error, focused) {
            (Some(err), false) => spans.push(Span::styled(format!("  ✗ {err}"), palette.error())),
            (Some(_), true) => spans.push(Span::styled("  ✗", palette.error())),
            (None, _) => {}
        }
        lines.push(Line::from(spans));
    }
    while lines.len() < rows {
        lines.push(Line::from(""));
    }
    if let Some(field) = form.focused() {
        lines.push(Line::styled(field.hint.to_string(), palette.muted()));
        lines.push(summary_line(form, field, palette));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor {
        let x = inner.x.saturating_add(x as u16).min(inner.right().saturating_sub(1));
        frame.set_cursor_position((x, inner.y.saturating_add(y as u16)));
    }
}

/// The form's bottom line: the focused field's error, else how many other fields still have
/// one, and "✓" only when no field shown has an error.
fn summary_line(form: &Form, focused: &crate::tui::forms::Field, palette: Palette) -> Line<'static> {
    let others: Vec<&str> =
        form.visible().filter(|(n, f)| *n != form.focus && f.error.is_some()).map(|(_, f)| f.label.as_ref()).collect();
    let more = match others.len() {
        0 => String::new(),
        n => {
            format!(" · {} to fix: {}", crate::domain::text::count(n, "other field", "other fields"), others.join(", "))
        }
    };
    match &focused.error {
        Some(err) => Line::styled(format!("✗ {}: {err}{more}", focused.label), palette.error()),
        None if !others.is_empty() => Line::styled(
            format!(
                "✗ {} to fix: {} (Tab to reach)",
                crate::domain::text::count(others.len(), "field", "fields"),
                others.join(", ")
            ),
            palette.error(),
        ),
        None => Line::styled("✓ every field is valid", palette.ok()),
    }
}

pub fn render_confirm(frame: &mut Frame, area: Rect, question: &str, palette: Palette) {
    // As tall as the question needs, so the keys to answer it never fall off the box.
    let width = 64u16.min(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = crate::domain::text::wrap_words(question, usize::from(width.saturating_sub(2)))
        .into_iter()
        .map(Line::from)
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled("y / Enter: yes    n / Esc: no", palette.muted()));
    let rect = popup(area, width, u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let inner = boxed(frame, rect, " Are you sure? ".into(), palette);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A command's result, line by line (wrapped), with how to scroll and close it.
pub fn render_notes(frame: &mut Frame, area: Rect, title: &str, lines: &[String], scroll: usize, palette: Palette) {
    let height = (lines.len() as u16).saturating_add(4).min(area.height.saturating_sub(4));
    let rect = popup(area, area.width.saturating_sub(6).min(100), height.max(6));
    let inner = boxed(frame, rect, format!(" {title} — j/k scroll · Enter/Esc close "), palette);
    let text: Vec<Line> = lines.iter().skip(scroll).map(|l| Line::from(l.clone())).collect();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

pub fn render_proposal(frame: &mut Frame, area: Rect, lines: &[String], label: &str, scroll: usize, palette: Palette) {
    let rect = popup(area, area.width.saturating_sub(6), area.height.saturating_sub(4));
    let inner =
        boxed(frame, rect, format!(" Auto-fill proposal: {label} — y accept · n reject · j/k scroll "), palette);
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .map(|l| {
            if l.starts_with("Auto-fill") || l.starts_with("Optimal") {
                Line::styled(l.clone(), palette.title())
            } else if l.starts_with("Relaxed") || l.contains("relaxed") {
                Line::styled(l.clone(), palette.warn())
            } else {
                Line::from(l.clone())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}
