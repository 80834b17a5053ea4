//! Debt: the register, with the selected debt's agreement and deferral log.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::{DebtCategory, WorkItem};
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};

use super::points;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    let debts: Vec<&WorkItem> = ws.open_debts().collect();
    let [top, bottom] = Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(area);
    let selected = app.selected[Tab::Debt.index()].min(debts.len().saturating_sub(1));
    table::render(
        frame,
        top,
        TableSpec {
            title: format!(
                " Debt register ({} open, drag {} points/sprint) ",
                debts.len(),
                points(ws.debt_totals().drag)
            ),
            header: &["Key", "Title", "I×V", "Drag", "Princ", "Cat", "Area", "Trigger"],
            widths: &[
                Constraint::Length(8),
                Constraint::Min(12),
                Constraint::Length(3),
                Constraint::Length(4),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(12),
                Constraint::Length(11),
            ],
        },
        debts.len(),
        Some(selected),
        palette,
        |i| {
            let item = debts[i];
            let Some(d) = item.debt.as_ref() else { return Vec::new() };
            let overdue = d.agreement.is_overdue(app.today);
            let trigger = d.agreement.trigger_date.map(|t| t.to_string()).unwrap_or_else(|| "—".into());
            vec![
                Cell::from(item.key.clone().unwrap_or_default()),
                Cell::from(item.title.clone()),
                Cell::from(format!("{}×{}", d.interest, d.visibility)),
                Cell::from(points(d.effective_drag())),
                Cell::from(item.estimate.to_string()),
                Cell::from(match d.category {
                    DebtCategory::Strategic => "strat",
                    DebtCategory::Tactical => "tact",
                    DebtCategory::Accidental => "accid",
                }),
                Cell::from(if d.risk_area.is_high_risk() {
                    Span::styled(format!("!{}", d.risk_area.as_str()), palette.warn())
                } else {
                    Span::raw(d.risk_area.as_str())
                }),
                Cell::from(if overdue {
                    Span::styled(format!("!{trigger}"), palette.warn())
                } else {
                    Span::raw(trigger)
                }),
            ]
        },
    );

    let mut lines = Vec::new();
    if let Some(d) = debts.get(selected).and_then(|i| i.debt.as_ref()) {
        let a = &d.agreement;
        lines.push(Line::from(format!("Why: {}", a.reason)));
        lines.push(Line::from(format!("Impact: {}", a.impact)));
        let when = match (a.trigger_date, a.trigger_condition.is_empty()) {
            (Some(date), true) => date.to_string(),
            (Some(date), false) => format!("{date} or {}", a.trigger_condition),
            (None, false) => a.trigger_condition.clone(),
            (None, true) => "none set".into(),
        };
        let overdue = if a.is_overdue(app.today) { "  OVERDUE" } else { "" };
        lines.push(Line::from(vec![Span::raw(format!("Repay by: {when}")), Span::styled(overdue, palette.warn())]));
        lines.push(Line::from(format!(
            "Owner: {}{}",
            a.owner,
            a.linked_key.as_ref().map(|k| format!("   Linked: {k}")).unwrap_or_default()
        )));
        if d.deferrals.is_empty() {
            lines.push(Line::styled("Never deferred.", palette.muted()));
        }
        for f in &d.deferrals {
            lines.push(Line::from(format!("Deferred {}: {}", f.on, f.rationale)));
        }
    } else {
        lines.push(Line::styled("No open debt recorded.", palette.muted()));
    }
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Agreement ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), bottom);
}
