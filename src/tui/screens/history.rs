//! History: every sprint with its plan, what was done and the ratios that matter; the trends
//! of the last closed sprints as sparklines; the selected sprint's planned vs completed work per
//! kind as bars, and its plan snapshot against what happened.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::edits::label;
use crate::domain::history::SprintMetrics;
use crate::domain::text::sanitize_line;
use crate::domain::{EntryOutcome, Kind, SprintState};
use crate::report::history::{ratio, trend_rows};
use crate::report::numbers::{percent, points, sparkline};
use crate::tui::app::{App, Tab};
use crate::tui::history_view::HistoryView;
use crate::tui::keymap::{key_for, Action, Scope};
use crate::tui::table::{self, TableSpec};
use crate::tui::theme::Palette;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    // Tests and the first frame may draw before a key rebuilt the figures: build them here then.
    let fresh;
    let view = if app.sprint_history.is_stale() {
        let mut v = HistoryView::stale();
        v.rebuild(&app.workspace);
        fresh = v;
        &fresh
    } else {
        &app.sprint_history
    };
    if view.sprints.is_empty() {
        let text = vec![
            Line::styled("No sprints yet.", app.palette.title()),
            Line::from("Press n to create the first one, then plan it on screen 1 and start it here with S."),
        ];
        let block = Block::default().borders(Borders::ALL).title(Line::styled(" Sprints ", app.palette.title()));
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let table_height = (view.sprints.len() as u16 + 3).min(area.height / 2).max(5);
    let [top, bottom] = Layout::vertical([Constraint::Length(table_height), Constraint::Min(6)]).areas(area);
    render_table(frame, top, app, view);
    let [left, right] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
    // The trends (all six when there is room, else in pages: t) above the bars; the bars take
    // the rest, drawn as a bar chart when tall enough, else one line per kind.
    let trend_rows = if left.height >= 20 { 8 } else { 6 };
    let [trends, bars] = Layout::vertical([Constraint::Length(trend_rows), Constraint::Min(7)]).areas(left);
    let index = app.selected[Tab::History.index()].min(view.sprints.len() - 1);
    render_trends(frame, trends, app, view);
    if let Some(m) = view.sprints.get(index) {
        render_bars(frame, bars, app.palette, m);
        render_snapshot(frame, right, app, index, m);
    }
}

fn number<'a>(text: String) -> Cell<'a> {
    Cell::from(Line::from(text).right_aligned())
}

fn render_table(frame: &mut Frame, area: Rect, app: &App, view: &HistoryView) {
    let wide = area.width >= 110;
    let mut header = vec!["Sprint", if wide { "Dates" } else { "Start" }, "State", "Plan", "Done", "S/D", "Real"];
    header.extend(["Carry", "Unpl", "Inv"]);
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(if wide { 15 } else { 6 }),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(4),
    ];
    if wide {
        header.push("Goal");
        widths.push(Constraint::Min(10));
    }
    let palette = app.palette;
    table::render(
        frame,
        area,
        TableSpec {
            title: format!(" Sprints ({}) — n new · S start · C close ", view.sprints.len()),
            header: &header,
            widths: &widths,
        },
        view.sprints.len(),
        Some(app.selected[Tab::History.index()]),
        palette,
        |i| {
            let m = &view.sprints[i];
            let dates = if wide {
                format!("{} → {}", m.start.format("%b %d"), m.end.format("%b %d"))
            } else {
                m.start.format("%b %d").to_string()
            };
            let state = match m.state {
                SprintState::Active => Cell::from(Span::styled("running", palette.ok())),
                other => Cell::from(other.as_str()),
            };
            let mut cells = vec![
                Cell::from(sanitize_line(&m.name)),
                Cell::from(dates),
                state,
                number(points(m.planned)),
                number(if m.state == SprintState::Closed { points(m.velocity) } else { "—".into() }),
                number(ratio(m.say_do)),
                number(if m.state == SprintState::Closed { points(m.real_velocity) } else { "—".into() }),
                number(if m.carried > 0.0 { points(m.carried) } else { "—".into() }),
                number(ratio(m.unplanned_share)),
                number(if m.state == SprintState::Closed { ratio(m.investment_share) } else { "—".into() }),
            ];
            if wide {
                cells.push(Cell::from(sanitize_line(&m.goal)));
            }
            cells
        },
    );
}

fn boxed(title: String, palette: Palette) -> Block<'static> {
    Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()))
}

/// Every trend row, in the reports' order; a box too short for all of them shows a page and
/// says on its bottom edge how many more there are and which key shows them.
fn render_trends(frame: &mut Frame, area: Rect, app: &App, view: &HistoryView) {
    let (t, palette) = (&view.trends, app.palette);
    let block = boxed(format!(" Trends, last {} closed ", t.sprints.len()), palette);
    if t.sprints.is_empty() {
        let text = Line::styled("Trends show once a sprint is closed.", palette.muted());
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let spark_width = t.sprints.len();
    let roomy = area.width >= 48;
    let rows = trend_rows(t);
    let shown = app.history_scroll.trends_window(rows.len(), usize::from(block.inner(area).height));
    let hidden = rows.len() - shown.len();
    let block = if hidden > 0 {
        let key = key_for(Action::NextTrends, Scope::History);
        block.title_bottom(Line::styled(
            format!(" … {hidden} more {} ({key}) ", if hidden == 1 { "trend" } else { "trends" }),
            palette.warn(),
        ))
    } else {
        block
    };
    let lines: Vec<Line> = rows[shown]
        .iter()
        .map(|&(label, trend, share)| {
            let short = short_label(label);
            let fmt = |v: f64| if share { percent(v) } else { points(v) };
            let last = trend.last().map_or("—".to_string(), fmt);
            let mut spans = vec![
                Span::raw(format!("{short:<14}")),
                Span::styled(format!("{:<spark_width$}", sparkline(&trend.values)), palette.ok()),
                Span::raw(format!(" {last:>5}")),
            ];
            if roomy {
                let mean = trend.mean().map_or("—".to_string(), fmt);
                spans.push(Span::styled(format!("  avg {mean}"), palette.muted()));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The trend's name in the box's 14 columns.
fn short_label(label: &str) -> &str {
    match label {
        "investment share" => "investment",
        "unplanned share" => "unplanned",
        other => other,
    }
}

/// Planned vs completed per kind: a grouped bar chart when there is room, else one line per
/// kind (`█` done, `░` planned but not done, on one scale for all kinds).
fn render_bars(frame: &mut Frame, area: Rect, palette: Palette, m: &SprintMetrics) {
    let block = boxed(format!(" {}: planned vs completed ", sanitize_line(&m.name)), palette);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height >= 10 && inner.width >= 40 {
        render_bar_chart(frame, inner, palette, m);
        return;
    }
    let scale = Kind::ALL.iter().map(|k| m.planned_by_kind.get(*k)).fold(0.0, f64::max);
    let width = usize::from(inner.width).saturating_sub(20).max(4);
    let mut lines: Vec<Line> = Kind::ALL
        .iter()
        .map(|kind| {
            let (planned, done) = (m.planned_by_kind.get(*kind), m.completed_by_kind.get(*kind));
            let cells = |v: f64| if scale > 0.0 { ((v / scale) * width as f64).round() as usize } else { 0 };
            let (full, open) = (cells(done), cells(planned).saturating_sub(cells(done)));
            Line::from(vec![
                Span::raw(format!("{:<8}", kind.as_str())),
                Span::styled("█".repeat(full), palette.ok()),
                Span::styled("░".repeat(open), palette.muted()),
                Span::raw(format!(" {} of {}", points(done), points(planned))),
            ])
        })
        .collect();
    let note = match m.state {
        SprintState::Closed if m.unplanned_total() > 0.0 => {
            format!("+ {} unplanned, {} rework", points(m.unplanned_total()), points(m.rework))
        }
        SprintState::Closed => "no unplanned work recorded".into(),
        SprintState::Active => "running: done counts once it closes".into(),
        SprintState::Planning => "in planning: the plan so far".into(),
    };
    lines.push(Line::styled(note, palette.muted()));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_bar_chart(frame: &mut Frame, area: Rect, palette: Palette, m: &SprintMetrics) {
    let [legend, chart] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    let note = match m.state {
        SprintState::Closed => format!(" · + {} unplanned, {} rework", points(m.unplanned_total()), points(m.rework)),
        SprintState::Active => " · done counts once it closes".into(),
        SprintState::Planning => " · in planning".into(),
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::raw("points: plan vs done"), Span::styled(note, palette.muted())])),
        legend,
    );
    // Bars in tenths of a point, so 2.5 and 3 differ; the labels say the real figure.
    let tenths = |v: f64| (v * 10.0).round().max(0.0) as u64;
    let groups: Vec<BarGroup> = Kind::ALL
        .iter()
        .map(|kind| {
            let (planned, done) = (m.planned_by_kind.get(*kind), m.completed_by_kind.get(*kind));
            BarGroup::default().label(Line::from(kind.as_str()).centered()).bars(&[
                Bar::default()
                    .label("plan")
                    .value(tenths(planned))
                    .text_value(points(planned))
                    .style(palette.muted())
                    .value_style(palette.selected()),
                Bar::default()
                    .label("done")
                    .value(tenths(done))
                    .text_value(points(done))
                    .style(palette.ok())
                    .value_style(palette.selected()),
            ])
        })
        .collect();
    // 8 bars, each followed by its gap of 1 (ratatui puts one after the last of a kind too),
    // and 2 more between kinds: 8 × (width + 1) + 3 × 2 must fit, or the last bar is dropped.
    let bar_width = (chart.width.saturating_sub(8 + 3 * 2) / 8).clamp(1, 8);
    let mut widget =
        BarChart::default().bar_width(bar_width).bar_gap(1).group_gap(2).bar_set(symbols::bar::NINE_LEVELS);
    for group in groups {
        widget = widget.data(group);
    }
    frame.render_widget(widget, chart);
}

/// The plan snapshot item by item with its outcome, then the sprint's recorded actuals. A list
/// longer than the box shows a page: the title says which lines, the bottom edge which keys.
fn render_snapshot(frame: &mut Frame, area: Rect, app: &App, index: usize, m: &SprintMetrics) {
    let ws = &app.workspace;
    let palette = app.palette;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let mut lines = Vec::new();
    let title_width = usize::from(inner.width).saturating_sub(30);
    let row = |key: String, planned: f64, outcome: Span<'static>, title: &str| {
        let title: String = sanitize_line(title).chars().take(title_width).collect();
        Line::from(vec![
            Span::raw(format!("{key:<9} {:>4}  ", points(planned))),
            outcome,
            Span::raw(format!(" {title}")),
        ])
    };
    if m.state == SprintState::Planning {
        for item in ws.items.iter().filter(|i| i.sprint == Some(m.sprint) && i.status == crate::domain::Status::Planned)
        {
            lines.push(row(label(item), item.estimate.points(), Span::raw(format!("{:<13}", "planned")), &item.title));
        }
    } else {
        for e in ws.entries_of(m.sprint) {
            let Some(item) = ws.item(e.item) else { continue };
            let outcome = match e.outcome {
                EntryOutcome::Done => Span::styled(format!("{:<13}", "✓ done"), palette.ok()),
                EntryOutcome::CarriedOver => {
                    Span::styled(format!("{:<13}", format!("→ {} left", points(e.remaining.points()))), palette.warn())
                }
                EntryOutcome::Dropped => Span::styled(format!("{:<13}", "✗ dropped"), palette.muted()),
                EntryOutcome::Planned => Span::raw(format!("{:<13}", "committed")),
            };
            lines.push(row(label(item), e.planned.points(), outcome, &item.title));
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("Nothing planned.", palette.muted()));
    }
    // The actuals go last but always show: they are the story of a closed sprint.
    let mut footer = Vec::new();
    if m.state == SprintState::Closed {
        let unplanned: Vec<String> =
            m.unplanned.iter().filter(|(_, v)| *v > 0.0).map(|(k, v)| format!("{k} {}", points(v))).collect();
        let unplanned = if unplanned.is_empty() { "none".to_string() } else { unplanned.join(", ") };
        footer.push(Line::styled(format!("Unplanned {unplanned}; rework {}", points(m.rework)), palette.muted()));
        let d = &m.delivery;
        let mut figures = Vec::new();
        if let Some(n) = d.deployments {
            figures.push(format!("{n} deploy{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(days) = d.lead_time_days {
            figures.push(format!("{days:.1}d lead time"));
        }
        if let Some(n) = d.change_failures {
            figures.push(format!("{n} failed change{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(n) = d.incidents {
            figures.push(format!("{n} incident{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(h) = d.recovery_hours {
            figures.push(format!("{h:.1}h to recover"));
        }
        if !figures.is_empty() {
            footer.push(Line::styled(format!("Delivery: {}", figures.join(" · ")), palette.muted()));
        }
    }
    // The footer wraps at narrow widths; the item list gives way to it.
    let width = usize::from(inner.width).max(1);
    let footer_rows: usize = footer.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let footer_rows = footer_rows.min(usize::from(inner.height) / 2);
    let [list_area, footer_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(footer_rows as u16)]).areas(inner);
    let total = lines.len();
    let shown = app.history_scroll.snapshot_window(index, total, usize::from(list_area.height));
    let (first, last) = (shown.start + 1, shown.end);
    let name = sanitize_line(&m.name);
    let (what, short) =
        if m.state == SprintState::Planning { ("plan so far", "plan") } else { ("snapshot vs actual", "snapshot") };
    let mut block = boxed(format!(" {name}: {what} "), palette);
    if first > 1 || last < total {
        // The full title when it fits with the lines, else a shorter name of the box.
        let long = format!(" {name}: {what} · lines {first}–{last} of {total} ");
        let title = if long.chars().count() + 2 <= usize::from(area.width) {
            long
        } else {
            format!(" {name}: {short}, lines {first}–{last} of {total} ")
        };
        let below = total - last;
        let (down, up) = (key_for(Action::SnapshotDown, Scope::History), key_for(Action::SnapshotUp, Scope::History));
        let cue = match (below, first > 1) {
            (0, _) => format!(" {up} back up "),
            (n, false) => format!(" … {n} more ({down}) "),
            (n, true) => format!(" … {n} more ({down}) · {up} back up "),
        };
        block = boxed(title, palette).title_bottom(Line::styled(cue, palette.warn()));
    }
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines.drain(shown).collect::<Vec<_>>()), list_area);
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), footer_area);
}
