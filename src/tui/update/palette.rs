//! Keys in the command palette: text editing, Enter runs the command, Esc closes.

use tui_input::Input;

use crate::tui::app::{App, Overlay};
use crate::tui::keymap::Action;
use crate::tui::palette::parse;

use super::{refuse_if_read_only, Effect};

pub fn update(app: &mut App, mut input: Input, action: Action) -> Vec<Effect> {
    match action {
        Action::EditText(request) => {
            // A complaint about the last Enter is stale once the line changes.
            app.status = None;
            input.handle(request);
            app.overlay = Some(Overlay::Palette(input));
        }
        Action::Confirm if input.value().trim().is_empty() => {}
        Action::Confirm => match parse(input.value()) {
            Ok(command) if command.writes() => {
                if let Some(refusal) = refuse_if_read_only(app) {
                    return refusal;
                }
                return vec![Effect::Command(command)];
            }
            Ok(command) => return vec![Effect::Command(command)],
            // The line stays open to be fixed; the status line says what is wrong.
            Err(message) => {
                app.status = Some(message);
                app.overlay = Some(Overlay::Palette(input));
            }
        },
        Action::Cancel => app.status = None,
        _ => app.overlay = Some(Overlay::Palette(input)),
    }
    Vec::new()
}
