//! Team & policy: the sprint, members with their availability, holidays and the policy, one
//! editable row each (e or Enter edits; n adds a holiday). Changes re-rank and re-check live.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Wrap};
use ratatui::Frame;

use crate::domain::text::format_points;
use crate::domain::Kind;
use crate::tui::app::{App, Tab};
use crate::tui::table::{self, TableSpec};
use crate::tui::team_rows::{rows, TeamRow};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let ws = &app.workspace;
    let palette = app.palette;
    let [left, right] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(area);
    let rows = rows(ws);
    let capacities = app.summary.plan.as_ref().map_or(&[][..], |p| p.capacity.members.as_slice());
    let p = &ws.policy;
    table::render(
        frame,
        left,
        TableSpec {
            title: " Team & policy — e edits, n adds a holiday ".into(),
            header: &["What", "Details"],
            widths: &[Constraint::Length(18), Constraint::Min(10)],
        },
        rows.len(),
        Some(app.selected[Tab::Team.index()]),
        palette,
        |n| match rows[n] {
            TeamRow::Sprint(id) => {
                let s = ws.sprint(id);
                vec![
                    Cell::from(Line::styled(s.map_or(String::new(), |s| s.name.clone()), palette.title())),
                    Cell::from(s.map_or(String::new(), |s| format!("{} → {} · {}", s.start, s.end, s.state.as_str()))),
                ]
            }
            TeamRow::Member(id) => {
                let m = ws.members.iter().find(|m| m.id == id);
                let c = capacities.iter().find(|c| c.member == id);
                let focus =
                    m.and_then(|m| m.focus).map_or_else(|| format!("{:.2}*", p.default_focus), |f| format!("{f:.2}"));
                vec![
                    Cell::from(m.map_or(String::new(), |m| m.name.clone())),
                    Cell::from(format!(
                        "{:.0}% · focus {focus} · off {} · {} pd",
                        m.map_or(0.0, |m| m.allocation * 100.0),
                        c.map_or(0, |c| c.days_off),
                        c.map_or("–".into(), |c| format_points(c.person_days)),
                    )),
                ]
            }
            TeamRow::Holiday(date) => {
                let h = ws.holidays.iter().find(|h| h.date == date);
                vec![Cell::from(format!("holiday {date}")), Cell::from(h.map_or(String::new(), |h| h.name.clone()))]
            }
            TeamRow::Policy => vec![
                Cell::from(Line::styled("Policy", palette.title())),
                Cell::from(format!(
                    "targets {}/{}/{}/{} ±{} · floor {}% · {}",
                    p.targets.get(Kind::Feature),
                    p.targets.get(Kind::Defect),
                    p.targets.get(Kind::Risk),
                    p.targets.get(Kind::Debt),
                    p.tolerance,
                    p.investment_floor,
                    p.model.as_str()
                )),
            ],
        },
    );

    let w = p.weights;
    let mut lines = vec![Line::styled("Capacity split targets", palette.header())];
    for kind in Kind::ALL {
        lines.push(Line::from(format!("  {:<8} {:>3}% ± {}", kind.as_str(), p.targets.get(kind), p.tolerance)));
    }
    lines.extend([
        Line::from(format!("  investment floor {}% (debt + risk)", p.investment_floor)),
        Line::from(format!("  under-committed below {}% of plannable", p.min_commitment)),
        Line::from(""),
        Line::styled("Scoring", palette.header()),
        Line::from(format!("  model {}, estimates in {}", p.model.as_str(), p.unit.as_str())),
        Line::from(format!(
            "  weights: impact {} · risk {} · time-to-value {} · effort {}",
            w.impact, w.risk, w.time_to_value, w.effort
        )),
        Line::from(format!("  team focus factor {:.2} (* = member uses it)", p.default_focus)),
    ]);
    if let Some(plan) = &app.summary.plan {
        lines.push(Line::from(""));
        lines.push(Line::styled("This sprint", palette.header()));
        lines.push(Line::from(format!(
            "  {} person-days → {} plannable points",
            format_points(plan.capacity.person_days),
            format_points(plan.capacity.plannable)
        )));
        if !plan.sprint.goal.is_empty() {
            lines.push(Line::from(format!("  goal: {}", plan.sprint.goal)));
        }
    }
    let block = Block::default().borders(Borders::ALL).title(Line::styled(" Policy ", palette.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), right);
}
