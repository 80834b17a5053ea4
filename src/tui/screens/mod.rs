//! One file per screen. Each renders from `App` alone and says how many rows its list has.

mod debt;
mod history;
mod plan;
mod plan_marks;
mod plan_people;
mod projection;
mod split;
mod team;
pub mod triage;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::app::{App, Tab};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    match app.tab {
        Tab::Plan => plan::render(frame, area, app),
        Tab::Debt => debt::render(frame, area, app),
        Tab::Split => split::render(frame, area, app),
        Tab::Projection => projection::render(frame, area, app),
        Tab::History => history::render(frame, area, app),
        Tab::Team => team::render(frame, area, app),
    }
}

/// Rows in the selectable list of `tab` (0 when it has none).
pub fn row_count(app: &App, tab: Tab) -> usize {
    let ws = &app.workspace;
    match tab {
        Tab::Plan => app.plan.len(),
        Tab::Debt => app.debt.len(),
        Tab::Split => app.summary.split_report.len(),
        Tab::Team => super::team_rows::rows(ws).len(),
        Tab::Projection => crate::tui::projection_view::Knob::ALL.len(),
        Tab::History => ws.sprints.len(),
    }
}
