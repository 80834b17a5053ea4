//! History screen actions: create the next sprint, start the one in planning (after a question
//! that names what is committed and any blocking guardrail), close the running one (a form);
//! page through the selected sprint's snapshot and the trends when they do not fit.

use crate::domain::change::{Change, ChangeSet};
use crate::domain::guardrails::Severity;
use crate::domain::sprint_lifecycle;
use crate::domain::SprintState;
use crate::tui::app::{App, Overlay, Tab};
use crate::tui::forms::sprint::{close_form, new_sprint_form};
use crate::tui::keymap::Action;

use super::{refuse_if_read_only, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // Reading, so allowed on a read-only database too.
    if matches!(action, Action::SnapshotDown | Action::SnapshotUp | Action::NextTrends) {
        scroll(app, action);
        return Vec::new();
    }
    if !matches!(action, Action::NewSprint | Action::StartSprint | Action::CloseSprint) {
        return Vec::new();
    }
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let ws = &app.workspace;
    match action {
        Action::NewSprint => {
            let form = new_sprint_form(ws, app.today);
            app.open_form(form);
        }
        Action::StartSprint => {
            let Some(sprint) = ws.sprints.iter().find(|s| s.state == SprintState::Planning) else {
                app.status = Some("No sprint is in planning: press n to create the next one.".into());
                return Vec::new();
            };
            match sprint_lifecycle::start(ws, sprint.id) {
                Ok(set) => {
                    let (items, points) = committed(&set);
                    let mut question = format!(
                        "Start {}? Its {} ({} points) become the commitment.",
                        sprint.name,
                        crate::domain::text::count(items, "item", "items"),
                        crate::report::numbers::points(points)
                    );
                    // Blocking guardrails of the sprint on the Plan screen (the one starting).
                    let blocking: Vec<&str> = match &app.summary.plan {
                        Some(plan) if plan.sprint.id == sprint.id => plan
                            .guardrails
                            .iter()
                            .filter(|g| g.severity == Severity::Block)
                            .map(|g| g.message.as_str())
                            .collect(),
                        _ => Vec::new(),
                    };
                    if let Some(warning) = sprint_lifecycle::early_start(sprint, app.today) {
                        question = format!("{question} Note: {warning}.");
                    }
                    if !blocking.is_empty() {
                        question =
                            format!("{question} A blocking guardrail fails: {}. Start anyway?", blocking.join("; "));
                    }
                    app.overlay = Some(Overlay::Confirm { question, set });
                }
                Err(message) => app.status = Some(format!("Cannot start: {message}.")),
            }
        }
        Action::CloseSprint => {
            let running = ws.sprints.iter().find(|s| s.state == SprintState::Active).map(|s| s.id);
            match running.and_then(|id| close_form(ws, id)) {
                Some(form) => {
                    let early =
                        running.and_then(|id| ws.sprint(id)).and_then(|s| sprint_lifecycle::early_close(s, app.today));
                    app.open_form(form);
                    if let Some(warning) = early {
                        app.status = Some(format!("Note: {warning}."));
                    }
                }
                None => app.status = Some("No sprint is running: press S to start the one in planning.".into()),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Moves the snapshot list or the trends; says so when everything already shows.
fn scroll(app: &mut App, action: Action) {
    let sprints = app.sprint_history.sprints.len();
    let selected = app.selected[Tab::History.index()].min(sprints.saturating_sub(1));
    let moved = match action {
        Action::NextTrends => app.history_scroll.next_trends(),
        _ => app.history_scroll.page_snapshot(selected, action == Action::SnapshotDown),
    };
    if !moved {
        let what = if action == Action::NextTrends { "Every trend is" } else { "The whole snapshot is" };
        app.status = Some(format!("{what} already shown."));
    }
}

/// Items and points in the snapshot a start writes.
fn committed(set: &ChangeSet) -> (usize, f64) {
    set.changes
        .iter()
        .find_map(|c| match c {
            Change::Entries { after, .. } => Some((after.len(), after.iter().map(|e| e.planned.points()).sum())),
            _ => None,
        })
        .unwrap_or_default()
}
