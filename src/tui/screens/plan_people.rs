//! What Plan shows about who does what: a "Who" column in the candidate list when it is wide
//! enough, and a compact load bar per member beside the guardrails.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::person_load::TeamLoad;
use crate::domain::text::format_points;
use crate::domain::{Member, WorkItem, Workspace};
use crate::tui::app::App;

/// The list is this wide or wider before it gives a column to the assignee.
pub const WHO_COLUMN_FROM: u16 = 70;
/// Characters of the assignee's name the column shows.
pub const WHO_WIDTH: u16 = 8;

/// What a team calls each other: the first name, or the whole name when two members share
/// their first name.
pub fn short_name(members: &[Member], member: &Member) -> String {
    let first = |m: &Member| m.name.split_whitespace().next().unwrap_or(&m.name).to_string();
    let mine = first(member);
    if members.iter().any(|m| m.id != member.id && first(m) == mine) {
        member.name.clone()
    } else {
        mine
    }
}

/// The assignee's short name, cut to the column.
pub fn who(ws: &Workspace, item: &WorkItem) -> String {
    let Some(member) = item.assignee.and_then(|a| ws.members.iter().find(|m| m.id == a)) else {
        return String::new();
    };
    short_name(&ws.members, member).chars().take(usize::from(WHO_WIDTH)).collect()
}

/// Rows the people box wants: one per member, one for the unassigned rest, two of border.
/// None while nobody is assigned: the box would only say so, and the space is the guardrails'.
pub fn wanted_rows(load: &TeamLoad) -> Option<u16> {
    (!load.nobody_assigned()).then(|| u16::try_from(load.people.len() + 3).unwrap_or(u16::MAX))
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, load: &TeamLoad) {
    let palette = app.palette;
    let width = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    let members = &app.workspace.members;
    let name_of = |p: &crate::domain::person_load::PersonLoad| {
        members.iter().find(|m| m.id == p.member).map_or_else(|| p.name.clone(), |m| short_name(members, m))
    };
    // name · bar · figures; the bar takes what the name and figures leave, 4–10 cells.
    let name_width = load.people.iter().map(|p| name_of(p).chars().count()).max().unwrap_or(4).clamp(4, 10);
    let bar_cells = width.saturating_sub(name_width + 13).clamp(4, 10);
    let mut lines: Vec<Line> = Vec::new();
    let shown = if load.people.len() + 1 > rows { rows.saturating_sub(1) } else { load.people.len() };
    for p in load.people.iter().take(shown) {
        let name: String = name_of(p).chars().take(name_width).collect();
        let ratio = if p.share > 0.0 {
            p.assigned / p.share
        } else if p.assigned > 0.0 {
            2.0
        } else {
            0.0
        };
        let filled = ((ratio.clamp(0.0, 1.0) * bar_cells as f64).round() as usize).min(bar_cells);
        let over = p.over() > 0.0;
        let style = if over { palette.error() } else { palette.ok() };
        let figures = if over {
            format!(" +{} over", format_points(p.over()))
        } else {
            format!(" {}/{}", format_points(p.assigned), format_points(p.share))
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{name:<name_width$} ")),
            Span::styled(format!("{}{}", "█".repeat(filled), "░".repeat(bar_cells - filled)), style),
            Span::styled(figures, style),
        ]));
    }
    let hidden = load.people.len() - shown;
    if hidden > 0 {
        lines.push(Line::styled(format!("… {hidden} more on 3 Split"), palette.muted()));
    } else {
        lines.push(Line::styled(
            format!(
                "unassigned {} ({})",
                format_points(load.unassigned),
                crate::domain::text::count(load.unassigned_items, "item", "items")
            ),
            palette.muted(),
        ));
    }
    let title = " Who does what · assigned/share ";
    let block = Block::default().borders(Borders::ALL).title(Line::styled(title, palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
