//! Projection screen keys: ←/→ move the selected parameter (j/k pick it), r resets them.

use crate::tui::app::{App, Tab};
use crate::tui::keymap::Action;
use crate::tui::projection_view::Knob;

pub fn update(app: &mut App, action: Action) {
    let knob = Knob::ALL.get(app.selected[Tab::Projection.index()]).copied().unwrap_or(Knob::Share);
    match action {
        Action::AdjustUp | Action::AdjustDown => {
            app.projection.adjust(knob, action == Action::AdjustUp);
            // Rebuilt here rather than after the key, so the message can quote the new value.
            app.projection.rebuild(&app.workspace, &app.fallbacks);
            let (value, _) = app.projection.shown(knob);
            app.status = Some(format!("{} {value}: the chart follows (r resets).", knob.label()));
        }
        Action::ResetProjection => {
            app.projection.reset();
            app.status = Some("Projection parameters back to the calibrated ones.".into());
        }
        _ => {}
    }
}
