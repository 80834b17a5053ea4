//! Keys in triage: digits set the focused row, Enter saves and shows the next item, `s`
//! skips, `u` undoes the last save (and goes back to that item), Esc leaves.

use crate::domain::change::Change;
use crate::domain::edits::save_item;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::Action;
use crate::tui::triage::Triage;
use crate::tui::undo::Step;

use super::{refuse_if_read_only, save, Effect};

/// Opens triage on Plan's candidates (`t`, or `flowdeck triage`).
pub fn open(app: &mut App) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let triage = Triage::new(&app.workspace, &app.settings.triage);
    if triage.queue.is_empty() {
        app.status = Some("Nothing to triage: every candidate has an estimate and scores.".into());
        return Vec::new();
    }
    app.status = Some(format!("Triage: {} items to estimate and score.", triage.queue.len()));
    app.overlay = Some(Overlay::Triage(triage));
    Vec::new()
}

pub fn update(app: &mut App, mut t: Triage, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        Action::Cancel => {
            app.status = Some(t.summary(&app.workspace));
            return effects;
        }
        Action::Pick(digit) => {
            if let Err(message) = t.pick(&app.workspace, digit) {
                app.status = Some(message);
            }
        }
        Action::EditText(request) if t.is_typing() => {
            use tui_input::InputRequest as R;
            match request {
                R::InsertChar('.') if !t.typed.contains('.') => t.typed.push('.'),
                R::DeletePrevChar => {
                    t.typed.pop();
                }
                _ => {}
            }
            if t.draft.is_none() {
                t.draft = t.draft_of(&app.workspace);
            }
        }
        Action::NextField | Action::PrevField => t.row = t.row.step(action == Action::NextField),
        Action::SkipItem if t.current().is_some() => {
            t.skipped += 1;
            let next = t.at + 1;
            t.go_to(next);
        }
        Action::Confirm => match t.edited(&app.workspace) {
            Err(message) => app.status = Some(format!("Not saved: {message}")),
            Ok(None) => {}
            Ok(Some(after)) => {
                let unchanged = app.workspace.item(after.id) == Some(&after);
                if unchanged {
                    t.skipped += 1;
                } else {
                    effects = save(app, save_item(&app.workspace, after));
                    t.saved += usize::from(!effects.is_empty());
                }
                let next = t.at + 1;
                t.go_to(next);
            }
        },
        Action::Undo => match app.history.next_undo() {
            Some(set) => {
                // Back to the item the undone save was about, to triage it again.
                if let Some(at) =
                    set.changes.iter().find_map(Change::item_id).and_then(|id| t.queue.iter().position(|q| *q == id))
                {
                    t.go_to(at);
                    t.saved = t.saved.saturating_sub(1);
                }
                effects = vec![Effect::Save(set, Step::Undo)];
            }
            None => app.status = Some("Nothing to undo.".into()),
        },
        _ => {}
    }
    // After the last item triage stays open on a closing card, so `u` can still take the
    // last save back; Esc leaves.
    app.overlay = Some(Overlay::Triage(t));
    effects
}
