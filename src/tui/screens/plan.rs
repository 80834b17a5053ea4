//! Plan: the ranked candidates beside the sprint — capacity, load and a gauge per kind on
//! top, guardrails and the selected item's score breakdown on the right.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::edits::label;
use crate::domain::guardrails::{band, Severity};
use crate::domain::scoring::{score, sensitivity};
use crate::domain::text::format_points;
use crate::domain::{Kind, Status};
use crate::tui::app::{App, Overlay, Tab};
use crate::tui::table::{self, TableSpec};
use crate::tui::wrapped_entries::{fit_entries, Entry};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let [header, main] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    render_header(frame, header, app);
    let [left, right] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(main);
    let searching = matches!(app.overlay, Some(Overlay::Search)) || !app.plan.query.is_empty();
    let [list_area, search_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(u16::from(searching))]).areas(left);
    render_list(frame, list_area, app);
    if searching {
        render_search(frame, search_area, app);
    }
    render_side(frame, right, app);
}

/// A ten-cell bar for a share of 0–100%+.
fn bar(share: f64, cells: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0) * cells as f64).round() as usize).min(cells);
    format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
}

fn render_header(frame: &mut Frame, area: Rect, app: &App) {
    let palette = app.palette;
    let Some(plan) = &app.summary.plan else {
        let text = Line::styled(
            "No sprint is being planned: N creates the next one (all sprints: 5 History).",
            palette.muted(),
        );
        frame.render_widget(Paragraph::new(text), area);
        return;
    };
    let plannable = plan.capacity.plannable;
    let load = plan.split.load;
    let ratio = if plannable > 0.0 { load / plannable } else { 0.0 };
    let (load_style, load_mark) = if load > plannable + 1e-9 {
        (palette.error(), "▲ over capacity")
    } else if ratio * 100.0 < f64::from(app.workspace.policy.min_commitment) {
        (palette.warn(), "▼ room left")
    } else {
        (palette.ok(), "✓ full")
    };
    // Below 100 columns the bar and the state give way so the load and its marker stay whole.
    let wide = area.width >= 100;
    let state = if wide { format!("({}) ", plan.sprint.state.word()) } else { String::new() };
    let load_bar = if wide { format!(" {}", bar(ratio, 10)) } else { String::new() };
    let mut first = vec![
        Span::styled(format!("{} ", plan.sprint.name), palette.title()),
        Span::raw(format!("{state}· plannable {} · load ", format_points(plannable))),
        Span::styled(format!("{}{load_bar} ({:.0}%) {load_mark}", format_points(load), ratio * 100.0), load_style),
        Span::raw(format!(" · {}", crate::domain::text::count(plan.planned.len(), "item", "items"))),
    ];
    // The chance of finishing what is planned, from the team's past say/do (3 Split says how);
    // below 90 columns the line has no room for it.
    if let (Some(f), true) = (plan.finish, area.width >= 90) {
        let style = match f.chance {
            c if c >= 0.85 => palette.ok(),
            c if c >= 0.5 => palette.warn(),
            _ => palette.error(),
        };
        first.push(Span::raw(" · "));
        first.push(Span::styled(format!("P(finish) {:.0}%", f.chance * 100.0), style));
    }
    let first = Line::from(first);
    let gauge = |kind: Kind| -> Vec<Span<'static>> {
        let share = plan.split.kinds.iter().find(|k| k.kind == kind).map_or(0.0, |k| k.share);
        let (lo, hi) = band(&app.workspace.policy, kind);
        let (style, mark) = match () {
            _ if load <= 0.0 => (palette.muted(), "·"),
            _ if share < lo - 1e-9 => (palette.warn(), "▼"),
            _ if share > hi + 1e-9 => (palette.warn(), "▲"),
            _ => (palette.ok(), "✓"),
        };
        vec![
            Span::styled(format!("{:<8}", kind.as_str()), palette.kind(kind)),
            Span::styled(bar(share, 10), style),
            Span::styled(format!(" {:>3.0}% {mark}", share * 100.0), style),
            Span::styled(format!(" {:.0}–{:.0}%   ", lo * 100.0, hi * 100.0), palette.muted()),
        ]
    };
    let line = |kinds: [Kind; 2]| Line::from(kinds.into_iter().flat_map(gauge).collect::<Vec<_>>());
    let lines = vec![first, line([Kind::Feature, Kind::Defect]), line([Kind::Risk, Kind::Debt])];
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    let list = &app.plan;
    let mut title = format!(" Candidates {}", list.len());
    if list.len() != list.total() {
        title.push_str(&format!(" of {}", list.total()));
    }
    title.push_str(&format!(" · {} · by {} ", list.filter.label(), list.sort.label()));
    title.push_str(&super::plan_marks::title_note(app));
    let with_who = area.width >= super::plan_people::WHO_COLUMN_FROM && list.assigned() > 0;
    let mut header = vec!["In", "Key", "Kind", "Title", "Est", "Score"];
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Min(8),
        Constraint::Length(4),
        Constraint::Length(5),
    ];
    if with_who {
        header.insert(4, "Who");
        widths.insert(4, Constraint::Length(super::plan_people::WHO_WIDTH));
    }
    table::render(
        frame,
        area,
        TableSpec { title, header: &header, widths: &widths },
        list.len(),
        Some(app.selected[Tab::Plan.index()]),
        palette,
        |n| {
            let Some(row) = list.row(n) else { return Vec::new() };
            let item = &ws.items[row.index];
            let (mark, style) = match (item.status == Status::Planned, item.pinned, item.excluded) {
                (true, true, _) => ("✓◆", palette.ok()),
                (true, false, _) => ("✓", palette.ok()),
                (false, true, _) => ("◆", palette.warn()),
                (false, false, true) => ("✗", palette.muted()),
                (false, false, false) => ("", Style::default()),
            };
            let kind = match item.kind {
                Kind::Feature => "feat",
                // The word every other screen and report uses.
                Kind::Defect => "defect",
                Kind::Risk => "risk",
                Kind::Debt => "debt",
            };
            let mut cells = vec![
                Cell::from(Span::styled(mark, style)),
                Cell::from(super::plan_marks::key_cell(app, item)),
                Cell::from(Span::styled(kind, palette.kind(item.kind))),
                Cell::from(item.title.clone()),
                Cell::from(item.estimate.to_string()),
                // Unestimated items rank apart and have no score until they get an estimate.
                Cell::from(if item.estimate.0 == 0 { "—".to_string() } else { format!("{:.2}", row.score) }),
            ];
            if with_who {
                cells.insert(4, Cell::from(Span::styled(super::plan_people::who(ws, item), palette.muted())));
            }
            cells
        },
    );
}

fn render_search(frame: &mut Frame, area: Rect, app: &App) {
    let typing = matches!(app.overlay, Some(Overlay::Search));
    let prefix = " / ";
    let width = usize::from(area.width).saturating_sub(prefix.len() + 1);
    let scroll = app.search.visual_scroll(width);
    let shown = if typing { app.search.value() } else { app.plan.query.as_str() };
    let style = if typing { app.palette.title() } else { app.palette.muted() };
    let hint = if typing { "" } else { "   (/ to change, Esc in search clears)" };
    let line = Line::from(vec![
        Span::styled(prefix, style),
        Span::raw(shown.chars().skip(scroll).collect::<String>()),
        Span::styled(hint, app.palette.muted()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if typing {
        let x = area.x.saturating_add((prefix.len() + app.search.visual_cursor().saturating_sub(scroll)) as u16);
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// Rows the guardrails keep before the people box may take any: blocks must stay readable.
const GUARDRAIL_ROWS: u16 = 6;
const DETAIL_ROWS: u16 = 10;

fn render_side(frame: &mut Frame, area: Rect, app: &App) {
    let load = app.summary.plan.as_ref().map(|p| &p.load);
    // The people box gets what the guardrails and the score can spare, and at least one member
    // line with the last line; below that it is left out (3 Split has the full table).
    let spare = area.height.saturating_sub(GUARDRAIL_ROWS + DETAIL_ROWS);
    let people_rows = load.and_then(super::plan_people::wanted_rows).map_or(0, |w| w.min(spare));
    let people_rows = if people_rows >= 4 { people_rows } else { 0 };
    let [guard_area, people_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(people_rows), Constraint::Length(DETAIL_ROWS)])
            .areas(area);
    render_guardrails(frame, guard_area, app);
    if let (Some(load), true) = (load, people_rows > 0) {
        super::plan_people::render(frame, people_area, app, load);
    }
    render_detail(frame, detail_area, app);
}

fn render_guardrails(frame: &mut Frame, area: Rect, app: &App) {
    let palette = app.palette;
    let width = usize::from(area.width.saturating_sub(2)).max(4);
    let rows = usize::from(area.height.saturating_sub(2));
    // Each entry is one message, wrapped; the box shows whole entries and says what it left out.
    let mut entries: Vec<Entry> = Vec::new();
    match &app.summary.plan {
        Some(plan) => {
            let (blocks, warnings): (Vec<_>, Vec<_>) =
                plan.guardrails.iter().partition(|g| g.severity == Severity::Block);
            // What blocks the plan goes above the goal and the warnings: it must never be cut.
            for g in blocks {
                entries.push(Entry::guardrail(Span::styled("✗ ", palette.error()), &g.message, width));
            }
            if !plan.sprint.goal.is_empty() {
                entries.push(Entry::text(Span::styled("Goal ", palette.header()), &plan.sprint.goal, width));
            }
            if plan.guardrails.is_empty() {
                entries.push(Entry::text(Span::styled("✓ every guardrail passes", palette.ok()), "", width));
            }
            for g in warnings {
                entries.push(Entry::guardrail(Span::styled("⚠ ", palette.warn()), &g.message, width));
            }
        }
        None => {
            entries.push(Entry::text(Span::styled("No sprint in planning.", palette.muted()), "", width));
            entries.push(Entry::text(
                Span::styled("N creates the next one (dates follow the last sprint).", palette.title()),
                "",
                width,
            ));
        }
    }
    let lines = fit_entries(entries, rows, palette);
    let count = app.summary.plan.as_ref().map_or(0, |p| p.guardrails.len());
    let title =
        if count == 0 { " Guardrails ".to_string() } else { format!(" Guardrails ({count}) · all on 3 Split ") };
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_detail(frame: &mut Frame, area: Rect, app: &App) {
    let palette = app.palette;
    let ws = &app.workspace;
    let selected = app.plan.row(app.selected[Tab::Plan.index()]);
    let mut lines = Vec::new();
    let mut title = " Score ".to_string();
    if let Some(row) = selected {
        let item = &ws.items[row.index];
        let p = &ws.policy;
        let w = p.weights;
        let b = score(item, p);
        title = format!(" {} · rank {} of {} ", label(item), row.rank, app.plan.total());
        lines.push(Line::from(if b.estimated {
            vec![
                Span::styled(format!("score {:.2}", b.score), palette.title()),
                Span::raw(format!(" ({})", p.model.as_str())),
            ]
        } else {
            vec![Span::styled("score —", palette.title()), Span::raw(" unestimated: ranks after estimated work")]
        }));
        lines.push(Line::from(format!(
            "benefit {:.2} = {}×{} + {}×{} + {}×{}",
            b.benefit, w.impact, item.impact, w.risk, item.risk, w.time_to_value, item.time_to_value
        )));
        lines.push(Line::from(match p.model {
            _ if !b.estimated => "÷ effort: none yet (0 points)".to_string(),
            crate::domain::ScoringModel::Wsjf => {
                format!("÷ effort {:.2} = max({},0.5)^{}", b.effort_term, item.estimate, w.effort)
            }
            crate::domain::ScoringModel::WeightedSum => format!("− effort {:.2}", b.effort_term),
        }));
        if let Some(debt) = &item.debt {
            lines.push(Line::from(format!(
                "debt: drag {} /sprint · {} · {}",
                format_points(debt.effective_drag()),
                debt.category.as_str(),
                debt.risk_area.as_str()
            )));
        }
        lines.extend(super::plan_marks::blockers_line(ws, item, palette));
        let neighbour = app.plan.neighbour(row).map(|r| &ws.items[r.index]);
        let hint = neighbour.and_then(|n| sensitivity(item, n, p).map(|h| (n, h)));
        match hint {
            Some((n, h)) => lines.push(Line::styled(
                format!("hint: {} weight {} → {:.2} swaps it with {}", h.weight.as_str(), h.from, h.to, label(n)),
                palette.muted(),
            )),
            None => {
                lines.push(Line::styled("hint: no single weight change swaps it with its neighbour", palette.muted()))
            }
        }
        lines.push(Line::styled(format!("“{}”", item.title), palette.muted()));
    } else {
        lines.push(Line::styled("No candidate selected.", palette.muted()));
    }
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}
