//! The triage card: one item (key, kind, tags, title), its estimate on the team's scale and
//! its three scores, the keys, and what comes next. Chosen values are in brackets and the
//! focused row carries ▶, so the card reads without colour.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::config::TriageScale;
use crate::domain::edits::label;
use crate::domain::scoring::score;
use crate::domain::text::sanitize_line;
use crate::domain::HalfPoints;
use crate::tui::app::App;
use crate::tui::theme::Palette;
use crate::tui::triage::{Draft, Row, Triage};

pub fn render(frame: &mut Frame, area: Rect, app: &App, t: &Triage) {
    let palette = app.palette;
    frame.render_widget(Clear, area);
    let shown = (t.at + 1).min(t.queue.len());
    let title = format!(
        " Triage · item {shown} of {} · {} saved · {} skipped · scale {} ",
        t.queue.len(),
        t.saved,
        t.skipped,
        scale_name(t.scale)
    );
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()));
    let lines = match (t.current().and_then(|id| app.workspace.item(id)), t.draft_of(&app.workspace)) {
        (Some(item), Some(draft)) => {
            let mut lines = Vec::new();
            let tags: Vec<String> = item.tags.iter().map(|t| sanitize_line(t)).collect();
            let tags = if tags.is_empty() { "no tags".to_string() } else { format!("tags: {}", tags.join(", ")) };
            lines.push(Line::from(vec![
                Span::styled(label(item), palette.title()),
                Span::raw(" · "),
                Span::styled(item.kind.as_str(), palette.kind(item.kind)),
                Span::raw(format!(" · {} · {tags}", item.status.as_str())),
            ]));
            lines.push(Line::from(format!("“{}”", sanitize_line(&item.title))));
            lines.push(Line::raw(""));
            for row in Row::ALL {
                lines.push(row_line(t, row, &draft, palette));
            }
            lines.push(Line::raw(""));
            let was = score(item, &app.workspace.policy).score;
            let now = t.edited(&app.workspace).ok().flatten().map(|after| score(&after, &app.workspace.policy).score);
            let estimated = draft.estimate.is_some() || !t.typed.is_empty();
            let note = if estimated { "" } else { "  (no estimate yet: it stays unestimated and out of auto-fill)" };
            lines.push(Line::from(match now {
                Some(now) => format!("score {was:.2} → {now:.2}{note}"),
                None => format!("score {was:.2}{note}"),
            }));
            lines.push(Line::raw(""));
            lines.push(Line::styled(keys_line(t), palette.muted()));
            let next: Vec<String> = t.queue[t.at + 1..]
                .iter()
                .filter_map(|id| app.workspace.item(*id))
                .take(3)
                .map(|i| format!("{} “{}”", label(i), i.title.chars().take(30).collect::<String>()))
                .collect();
            if !next.is_empty() {
                lines.push(Line::styled(format!("next: {}", next.join(" · ")), palette.muted()));
            }
            lines
        }
        _ => vec![
            Line::styled(format!("✓ All {} items seen.", t.queue.len()), palette.ok()),
            Line::from(t.summary(&app.workspace)),
            Line::raw(""),
            Line::styled("u undoes the last save · Esc goes back to Plan (a auto-fills the sprint)", palette.muted()),
        ],
    };
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}

fn scale_name(scale: TriageScale) -> &'static str {
    match scale {
        TriageScale::Fibonacci => "fibonacci",
        TriageScale::Tshirt => "t-shirt",
        TriageScale::Typed => "typed",
    }
}

fn keys_line(t: &Triage) -> String {
    let estimate = match t.scale {
        TriageScale::Typed => "type the estimate (. for halves), Tab to the scores".to_string(),
        _ => format!("1–{} estimate", t.steps.len()),
    };
    format!("{estimate} · 1–5 scores · Tab/↑↓ row · Enter save & next · s skip · u undo · Esc leave")
}

/// "▶ Estimate       1:1  2:2  [3:3]  4:5 …" — the chosen option in brackets.
fn row_line(t: &Triage, row: Row, draft: &Draft, palette: Palette) -> Line<'static> {
    let focused = t.row == row;
    let mut spans = vec![
        Span::raw(if focused { "▶ " } else { "  " }),
        Span::styled(format!("{:<14}", row.label()), if focused { palette.title() } else { palette.header() }),
    ];
    let option = |text: String, chosen: bool| {
        if chosen {
            Span::styled(format!("[{text}] "), palette.ok())
        } else {
            Span::raw(format!(" {text}  "))
        }
    };
    match row {
        Row::Estimate if t.scale == TriageScale::Typed => {
            let value = if t.typed.is_empty() {
                draft.estimate.map_or("—".to_string(), |e| e.to_string())
            } else {
                format!("{}▏", t.typed)
            };
            spans.push(Span::styled(format!("points: {value}"), if focused { palette.title() } else { palette.ok() }));
        }
        Row::Estimate => {
            for (n, (name, points)) in t.steps.iter().enumerate() {
                let chosen = draft.estimate.is_some() && draft.estimate == HalfPoints::from_points(*points).ok();
                let text = if name == &points.to_string() {
                    format!("{}:{name}", n + 1)
                } else {
                    format!("{}:{name}={points}", n + 1)
                };
                spans.push(option(text, chosen));
            }
            if draft.estimate.is_none() {
                spans.push(Span::styled("—", palette.warn()));
            }
        }
        _ => {
            let value = draft.score(row).unwrap_or(0);
            for v in 1..=5u8 {
                spans.push(option(v.to_string(), v == value));
            }
        }
    }
    Line::from(spans)
}
