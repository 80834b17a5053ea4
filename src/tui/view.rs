//! The whole frame: tab bar, the current screen, status bar, and the help overlay on top.

use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs, Wrap};
use ratatui::Frame;

use super::app::{App, Overlay, Tab};
use super::keymap::{key_for, keys_label, Action, Mode, Scope, KEYMAP};
use super::overlays;
use super::screens;
use super::update::mode;

/// The smallest terminal every screen is designed for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, app);
        return;
    }
    let [tabs, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    render_tabs(frame, tabs, app);
    screens::render(frame, body, app);
    let message = render_status(frame, status, app);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => render_help(frame, area, app, *scroll),
        Some(Overlay::Form(form)) => overlays::render_form(frame, area, form, app.palette),
        Some(Overlay::Confirm { question, .. }) => overlays::render_confirm(frame, area, question, app.palette),
        Some(Overlay::Notes { title, lines, scroll }) => {
            overlays::render_notes(frame, area, title, lines, *scroll, app.palette)
        }
        Some(Overlay::QuitFromForm(form)) => {
            overlays::render_form(frame, area, form, app.palette);
            let question = format!(
                "Quit flowdeck? \"{}\" is not saved: y quits and loses it, n goes back to the form.",
                form.title
            );
            overlays::render_confirm(frame, area, &question, app.palette);
        }
        Some(Overlay::Proposal { lines, set, scroll }) => {
            overlays::render_proposal(frame, area, lines, &set.label, *scroll, app.palette)
        }
        Some(Overlay::Palette(input)) => super::palette::render(frame, message, input, app),
        Some(Overlay::Triage(triage)) => screens::triage::render(frame, body, app, triage),
        Some(Overlay::Search) | None => {}
    }
}

fn render_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let text = vec![
        Line::styled("Terminal too small", app.palette.warn()),
        Line::from(format!("{}×{} here; flowdeck needs at least {MIN_WIDTH}×{MIN_HEIGHT}.", area.width, area.height)),
        Line::from("Enlarge the window, or press q to quit."),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let centered = Rect { y: area.y.saturating_add(top), height: area.height.saturating_sub(top), ..area };
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), centered);
}

fn render_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let titles = Tab::ALL.iter().enumerate().map(|(i, t)| format!("{} {}", i + 1, t.title()));
    let tabs = Tabs::new(titles)
        .select(app.tab.index())
        .highlight_style(app.palette.tab_active())
        .divider("│")
        .padding(" ", " ");
    frame.render_widget(tabs, area);
}

/// Draws the status bar; returns the part left of the key hints (the palette's line).
fn render_status(frame: &mut Frame, area: Rect, app: &App) -> Rect {
    let wide = area.width >= 110;
    let mut left = vec![Span::raw(format!(" {} · ", app.db_label))];
    if app.read_only {
        left.push(Span::styled("READ-ONLY: changes cannot be saved · ", app.palette.warn()));
    }
    // A message outranks the hints: it is what just happened.
    let right =
        if app.status.is_some() { key_for(Action::ToggleHelp, Scope::Global) + " help" } else { hints(app, wide) };
    // Two columns of gap before the hints, so a long message never runs into them.
    let width = right.chars().count() as u16 + 2;
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
    let used: usize = left.iter().map(|s| s.content.chars().count()).sum();
    let room = usize::from(l.width).saturating_sub(used);
    let summary = match (&app.status, app.workspace.current_sprint()) {
        (Some(message), _) => message.clone(),
        // The dates go first when they do not fit beside the hints.
        (None, Some(s)) => {
            let dated = format!("{} ({}, {} → {})", s.name, s.state.word(), s.start, s.end);
            if dated.chars().count() <= room {
                dated
            } else {
                format!("{} ({})", s.name, s.state.word())
            }
        }
        (None, None) => "no sprint yet".into(),
    };
    left.push(Span::raw(fit(&summary, room)));
    frame.render_widget(Paragraph::new(Line::from(left)).style(app.palette.status_bar()), l);
    frame.render_widget(Paragraph::new(right).alignment(Alignment::Right).style(app.palette.status_bar()), r);
    l
}

/// `text` cut to `room` characters, ending in "…" when it was longer.
pub fn fit(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The hint bar: the few keys that matter now, looked up in the keymap.
fn hints(app: &App, wide: bool) -> String {
    let wanted: &[(Action, Scope, &str)] = match mode(app) {
        Mode::Normal { screen: Scope::Plan } if wide => &[
            (Action::TogglePlanned, Scope::Plan, "add/remove & next"),
            (Action::AutoFill, Scope::Plan, "auto-fill"),
            (Action::Undo, Scope::Global, "undo"),
            (Action::StartSearch, Scope::Plan, "search"),
            (Action::ToggleHelp, Scope::Global, "help"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Normal { screen: Scope::Debt } if wide => &[
            (Action::Defer, Scope::Debt, "defer"),
            (Action::TogglePlanned, Scope::Debt, "plan"),
            (Action::CycleSort, Scope::Debt, "sort"),
            (Action::ToggleOverdue, Scope::Debt, "overdue"),
            (Action::ToggleHighRisk, Scope::Debt, "high-risk"),
            (Action::ToggleHelp, Scope::Global, "help"),
        ],
        Mode::Normal { screen: Scope::Debt } => &[
            (Action::Defer, Scope::Debt, "defer"),
            (Action::CycleSort, Scope::Debt, "sort"),
            (Action::ToggleHelp, Scope::Global, "help"),
        ],
        Mode::Normal { screen: Scope::Projection } if wide => &[
            (Action::MoveDown, Scope::Lists, "parameter"),
            (Action::AdjustUp, Scope::Projection, "raise"),
            (Action::AdjustDown, Scope::Projection, "lower"),
            (Action::ResetProjection, Scope::Projection, "reset"),
            (Action::ToggleHelp, Scope::Global, "help"),
        ],
        Mode::Normal { screen: Scope::Projection } => &[
            (Action::AdjustUp, Scope::Projection, "raise"),
            (Action::AdjustDown, Scope::Projection, "lower"),
            (Action::ToggleHelp, Scope::Global, "help"),
        ],
        Mode::Normal { screen: Scope::History } => &[
            (Action::NewSprint, Scope::History, "new sprint"),
            (Action::StartSprint, Scope::History, "start"),
            (Action::CloseSprint, Scope::History, "close"),
            (Action::ToggleHelp, Scope::Global, "help"),
        ],
        Mode::Normal { screen: Scope::Team } => &[
            (Action::EditSelected, Scope::Team, "edit"),
            (Action::Undo, Scope::Global, "undo"),
            (Action::ToggleHelp, Scope::Global, "help"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Normal { .. } if wide => &[
            (Action::NextTab, Scope::Global, "screens"),
            (Action::ToggleHelp, Scope::Global, "help"),
            (Action::Quit, Scope::Global, "quit"),
        ],
        Mode::Normal { .. } => &[(Action::ToggleHelp, Scope::Global, "help"), (Action::Quit, Scope::Global, "quit")],
        Mode::Help => &[(Action::CloseOverlay, Scope::Help, "close")],
        Mode::Search => &[(Action::Confirm, Scope::Search, "keep"), (Action::Cancel, Scope::Search, "clear")],
        Mode::Dialog => &[(Action::Confirm, Scope::Dialog, "yes"), (Action::Cancel, Scope::Dialog, "no")],
        Mode::Palette => &[(Action::Confirm, Scope::Palette, "run"), (Action::Cancel, Scope::Palette, "close")],
        Mode::Triage { .. } => &[
            (Action::Confirm, Scope::Triage, "save & next"),
            (Action::SkipItem, Scope::Triage, "skip"),
            (Action::Undo, Scope::Triage, "undo"),
            (Action::Cancel, Scope::Triage, "leave"),
        ],
        Mode::Form { .. } => &[
            (Action::NextField, Scope::Form, "next field"),
            (Action::Confirm, Scope::Form, "save"),
            (Action::Cancel, Scope::Form, "cancel"),
        ],
    };
    let mut text: String = wanted.iter().map(|(a, s, word)| format!("{} {word}  ", key_for(*a, *s))).collect();
    text.pop();
    text
}

/// The help overlay, generated from the keymap table.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let width = KEYMAP.iter().map(|b| keys_label(b).chars().count()).max().unwrap_or(0);
    // The keys of the screen in front come first: they are what the reader is looking for.
    let first = match app.tab {
        Tab::Plan => Some(Scope::Plan),
        Tab::Debt => Some(Scope::Debt),
        Tab::History => Some(Scope::History),
        Tab::Projection => Some(Scope::Projection),
        Tab::Team => Some(Scope::Team),
        _ => None,
    };
    let order = first.into_iter().chain(Scope::ALL.into_iter().filter(|s| Some(*s) != first));
    for scope in order {
        lines.push(Line::styled(scope.title().to_string(), app.palette.header()));
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<width$}  ", keys_label(b)), app.palette.title()),
                Span::raw(b.help),
            ]));
        }
    }
    lines
}

fn render_help(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let all = help_lines(app);
    let room = usize::from(area.height.saturating_sub(4));
    let scroll = scroll.min(all.len().saturating_sub(room));
    let lines: Vec<Line> = all.into_iter().skip(scroll).collect();
    let height = (lines.len() as u16).saturating_add(2).min(area.height.saturating_sub(2));
    let width = 72.min(area.width.saturating_sub(4));
    let popup = Rect {
        x: area.x.saturating_add(area.width.saturating_sub(width) / 2),
        y: area.y.saturating_add(area.height.saturating_sub(height) / 2),
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::styled(" Keys — j/k scroll · Esc closes ", app.palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
