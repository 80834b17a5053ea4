//! Team & policy: the sprint, members with their availability, holidays and the policy, one
//! editable row each (e or Enter edits; n adds a member, h a holiday, D removes either). Changes re-rank and re-check live.

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
    // Narrow terminals give the names less room so person-days and days off stay in view.
    let narrow = left.width < 60;
    let name_width = if narrow { 14 } else { 18 };
    table::render(
        frame,
        left,
        TableSpec {
            title: title(ws, left.width),
            header: &["What", "Details"],
            widths: &[Constraint::Length(name_width), Constraint::Min(10)],
        },
        rows.len(),
        Some(app.selected[Tab::Team.index()]),
        palette,
        |n| match rows[n] {
            TeamRow::Sprint(id) => {
                let s = ws.sprint(id);
                vec![
                    Cell::from(Line::styled(s.map_or(String::new(), |s| s.name.clone()), palette.title())),
                    Cell::from(s.map_or(String::new(), |s| format!("{} → {} · {}", s.start, s.end, s.state.word()))),
                ]
            }
            TeamRow::Member(id) => {
                let m = ws.members.iter().find(|m| m.id == id);
                let c = capacities.iter().find(|c| c.member == id);
                let focus =
                    m.and_then(|m| m.focus).map_or_else(|| format!("{:.2}*", p.default_focus), |f| format!("{f:.2}"));
                // Person-days and days off first: they are what planning reads, and what must
                // survive a narrow terminal.
                vec![
                    Cell::from(m.map_or(String::new(), |m| m.name.clone())),
                    Cell::from(format!(
                        "{} pd · off {} · {:.0}% · focus {focus}",
                        c.map_or("–".into(), |c| format_points(c.person_days)),
                        c.map_or(0, |c| c.days_off),
                        m.map_or(0.0, |m| m.allocation * 100.0),
                    )),
                ]
            }
            TeamRow::Holiday(date) => {
                let h = ws.holidays.iter().find(|h| h.date == date);
                let name = h.map_or(String::new(), |h| h.name.clone());
                if narrow {
                    vec![Cell::from(date.to_string()), Cell::from(format!("holiday: {name}"))]
                } else {
                    vec![Cell::from(format!("holiday {date}")), Cell::from(name)]
                }
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
        // Short enough for the 80-column pane; the form's hint says what it does.
        Line::from(format!(
            "  overdue debt first: {}",
            if p.plan_overdue_high_risk_debt_first { "on (high-risk)" } else { "off" }
        )),
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

/// The table's title: the team's name when the set-up gave one, and the keys that add rows.
fn title(ws: &crate::domain::Workspace, width: u16) -> String {
    let team = if ws.policy.team_name.is_empty() { "Team & policy".to_string() } else { ws.policy.team_name.clone() };
    if width < 60 {
        format!(" {team} — n member, h holiday ")
    } else {
        format!(" {team} — e edits, n adds a member, h a holiday, D removes ")
    }
}
