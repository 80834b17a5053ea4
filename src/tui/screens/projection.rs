//! Projection: cumulative feature output per investment share as a chart (the what-if share's
//! P10/P90 band dotted around it, crossovers with the lowest share marked), beside the
//! parameters the keys adjust, the best share, the crossovers and where each input came from.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, LegendPosition, Paragraph, Wrap};
use ratatui::Frame;

use crate::report::projection::{answer_sentence, crossover_sentence, parameter_lines, CAVEAT};
use crate::service::projection::Projection;
use crate::tui::app::{App, Tab};
use crate::tui::projection_view::{Knob, ProjectionView};
use crate::tui::theme::Palette;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    // Computed by `App::refresh_views` when the screen comes to the front, never here: a frame
    // must stay cheap. Until then (or after a change, until the next key) the last result shows.
    let view = &app.projection;
    let palette = app.palette;
    let p = match &view.result {
        Ok(p) => p,
        Err(why) if why.is_empty() => {
            let text = Line::styled("Computing the projection…", palette.muted());
            frame.render_widget(Paragraph::new(text).block(Block::default().borders(Borders::ALL)), area);
            return;
        }
        Err(why) => {
            let block = Block::default().borders(Borders::ALL).title(Line::styled(" Projection ", palette.title()));
            let mut text = vec![Line::styled("Nothing to project yet.", palette.title()), Line::from(why.clone())];
            if app.workspace.current_sprint().is_none() {
                text.push(Line::from(""));
                text.push(Line::styled("N creates the next sprint, in planning.", palette.title()));
            }
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
            return;
        }
    };
    let side = if area.width >= 110 { 46 } else { 34 };
    let [chart, panel] = Layout::horizontal([Constraint::Min(30), Constraint::Length(side)]).areas(area);
    render_chart(frame, chart, palette, p);
    render_panel(frame, panel, app, view, p);
}

/// The glyph a line is drawn with, as the panel's legend shows it.
fn legend_mark(palette: Palette, n: usize) -> &'static str {
    match marker(palette, n) {
        Marker::Dot => "•",
        Marker::Block => "█",
        Marker::Bar => "▄",
        Marker::HalfBlock => "▀",
        _ if palette.color => "━",
        _ => "⣿",
    }
}

/// Without colour the lines differ by their dots instead.
fn marker(palette: Palette, n: usize) -> Marker {
    if palette.color {
        Marker::Braille
    } else {
        [Marker::Dot, Marker::Braille, Marker::Block, Marker::Bar, Marker::HalfBlock][n % 5]
    }
}

fn render_chart(frame: &mut Frame, area: Rect, palette: Palette, p: &Projection) {
    let horizon = p.calibration.params.horizon;
    let lines: Vec<Vec<(f64, f64)>> = p
        .scenarios
        .iter()
        .map(|s| {
            std::iter::once((0.0, 0.0))
                .chain(s.path.cumulative.iter().enumerate().map(|(t, v)| ((t + 1) as f64, *v)))
                .collect()
        })
        .collect();
    // Only the band of the share in focus (what-if, else plan): five bands would hide the lines.
    let plan = p.focus_index();
    let band = |pick: fn(&crate::domain::projection::Bands) -> &Vec<f64>| -> Vec<(f64, f64)> {
        plan.and_then(|i| p.scenarios[i].bands.as_ref())
            .map(|b| pick(b).iter().enumerate().map(|(t, v)| ((t + 1) as f64, *v)).collect())
            .unwrap_or_default()
    };
    let (p10, p90) = (band(|b| &b.p10), band(|b| &b.p90));
    let crossings: Vec<(f64, f64)> = p
        .crossovers
        .iter()
        .filter(|c| c.lower == 0)
        .filter_map(|c| p.scenarios.get(c.higher).map(|s| (c.sprint as f64, s.path.cumulative[c.sprint - 1])))
        .collect();
    let top = p
        .scenarios
        .iter()
        .flat_map(|s| s.bands.as_ref().map_or(&s.path.cumulative, |b| &b.p90).iter())
        .fold(1.0f64, |m, v| m.max(*v))
        * 1.05;

    let mut datasets = Vec::new();
    if let Some(i) = plan {
        for (name, data) in [("P90", &p90), ("P10", &p10)] {
            if !data.is_empty() {
                datasets.push(
                    Dataset::default()
                        .name(format!("{name} {}", p.scenarios[i].label.split(' ').next().unwrap_or("")))
                        .marker(Marker::Dot)
                        .graph_type(GraphType::Scatter)
                        .style(palette.muted())
                        .data(data),
                );
            }
        }
    }
    for (i, (s, data)) in p.scenarios.iter().zip(&lines).enumerate() {
        datasets.push(
            Dataset::default()
                .name(s.label.clone())
                .marker(marker(palette, i))
                .graph_type(GraphType::Line)
                .style(palette.series(i))
                .data(data),
        );
    }
    if !crossings.is_empty() {
        datasets.push(
            Dataset::default()
                .name("crossover")
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(palette.warn())
                .data(&crossings),
        );
    }
    let x_labels = [0, horizon / 2, horizon].map(|t| Span::raw(t.to_string()));
    let y_labels = [0.0, top / 2.0, top].map(|v| Span::raw(format!("{v:.0}")));
    let title = format!(" Feature output so far, points · {} sprints from {} ", horizon, p.calibration.inputs.sprint);
    let chart = Chart::new(datasets)
        .block(Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title())))
        .x_axis(Axis::default().title("sprint").bounds([0.0, horizon as f64]).labels(x_labels).style(palette.muted()))
        .y_axis(Axis::default().bounds([0.0, top]).labels(y_labels).style(palette.muted()))
        // The panel beside names the lines in their colours; a legend only where it fits.
        .legend_position((area.width >= 60).then_some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Percentage(40), Constraint::Percentage(60)));
    frame.render_widget(chart, area);
}

fn render_panel(frame: &mut Frame, area: Rect, app: &App, view: &ProjectionView, p: &Projection) {
    let palette = app.palette;
    let selected = app.selected[Tab::Projection.index()].min(Knob::ALL.len() - 1);
    let mut lines = vec![Line::styled("Parameters (j/k, ←/→)", palette.header())];
    for (n, knob) in Knob::ALL.iter().enumerate() {
        let (value, by_hand) = view.shown(*knob);
        let marker = if n == selected { "▶ " } else { "  " };
        let style = if n == selected { palette.selected() } else { Style::default() };
        let note = if by_hand { " (set)" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{:<14}{value}", knob.label()), style),
            Span::styled(note, palette.muted()),
        ]));
    }
    lines.push(Line::from(""));
    let (best, best_total) = p.best;
    let gain = p.baseline().map(|b| b.path.total()).filter(|t| *t > 0.0).map_or(String::new(), |base| {
        format!(", {:+.0}% on {}", (best_total - base) / base * 100.0, p.scenarios[0].label)
    });
    if p.scenarios.iter().any(|s| s.is_plan) {
        lines.push(Line::styled(answer_sentence(p), palette.title()));
    }
    lines.push(Line::styled(format!("Best share: {best}% → {best_total:.0} points{gain}"), palette.ok()));
    let horizon = p.calibration.params.horizon;
    lines.push(Line::styled(
        format!("Output by sprint {horizon}, overtakes {}:", p.scenarios[0].label),
        palette.header(),
    ));
    // As wide as the longest label, so a row fits the narrow panel at 80 columns.
    let label_width = p.scenarios.iter().map(|s| s.label.chars().count()).max().unwrap_or(0);
    for (i, s) in p.scenarios.iter().enumerate() {
        let crossing = p.crossovers.iter().find(|c| c.lower == 0 && c.higher == i);
        let when = match crossing {
            Some(c) if c.ahead_at_horizon => format!("from {}", c.sprint),
            Some(c) => match c.behind_again {
                Some(t) => format!("{}, behind from {t}", c.sprint),
                None => format!("{}, behind at end", c.sprint),
            },
            None if i == 0 => "—".into(),
            None => "never".into(),
        };
        // Each row starts with its line's mark, so the rows are the chart's legend at any size
        // and without colour.
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", legend_mark(palette, i)), palette.series(i)),
            Span::styled(format!("{:<w$}", s.label, w = label_width), palette.series(i)),
            Span::raw(format!("{:>5.0}  ", s.path.total())),
            Span::styled(when, palette.muted()),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Inputs", palette.header()));
    for (label, text) in parameter_lines(p) {
        lines.push(Line::from(vec![Span::styled(format!("{label}: "), palette.title()), Span::raw(text)]));
    }
    let other: Vec<String> = p.crossovers.iter().filter(|c| c.lower != 0).map(|c| crossover_sentence(p, c)).collect();
    if !other.is_empty() {
        lines.push(Line::styled("Other crossovers", palette.header()));
        lines.extend(other.into_iter().map(Line::from));
    }
    lines.push(Line::styled(CAVEAT, palette.muted()));
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" What investing buys ", palette.title()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}
