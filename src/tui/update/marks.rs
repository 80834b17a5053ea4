//! Plan's multi-select (`v` marks rows, `b` sets one field on all of them) and the key that
//! opens triage.

use crate::tui::app::{App, Tab};
use crate::tui::forms::bulk;
use crate::tui::keymap::Action;

use super::{refuse_if_read_only, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::StartTriage => return super::triage::open(app),
        Action::ToggleMark => {
            if let Some(id) = app.selected_item() {
                if !app.marks.remove(&id) {
                    app.marks.insert(id);
                }
                // As Space does: the cursor moves on, so v v v marks a run.
                let at = &mut app.selected[Tab::Plan.index()];
                *at = (*at + 1).min(app.plan.len().saturating_sub(1));
                app.status = Some(format!("{} marked (b edits them all, V unmarks).", app.marks.len()));
            }
        }
        Action::ClearMarks => {
            app.status = Some(format!("{} unmarked.", app.marks.len()));
            app.marks.clear();
        }
        Action::BulkEdit => {
            if let Some(refusal) = refuse_if_read_only(app) {
                return refusal;
            }
            let ws = &app.workspace;
            let ids: Vec<_> = app.marks.iter().copied().filter(|id| ws.item(*id).is_some()).collect();
            if ids.is_empty() {
                app.status = Some("Mark rows with v first; b then sets one field on all of them.".into());
            } else {
                app.open_form(bulk::form(ids));
            }
        }
        _ => {}
    }
    Vec::new()
}
