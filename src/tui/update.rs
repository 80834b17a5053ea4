//! `update(state, action)`: the only place the TUI state changes. No I/O here.

use super::app::{App, Tab};
use super::keymap::Action;
use super::screens;

/// What the run loop must do after an update, beyond redrawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let tabs = Tab::ALL.len();
    // A status message is news until the user does something.
    app.status = None;
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Action::ToggleHelp => app.help_open = !app.help_open,
        Action::CloseOverlay => app.help_open = false,
        Action::NextTab => app.tab = Tab::ALL[(app.tab.index() + 1) % tabs],
        Action::PrevTab => app.tab = Tab::ALL[(app.tab.index() + tabs - 1) % tabs],
        Action::ShowTab(n) => {
            if let Some(tab) = Tab::ALL.get(n) {
                app.tab = *tab;
            }
        }
        Action::MoveDown
        | Action::MoveUp
        | Action::PageDown
        | Action::PageUp
        | Action::MoveTop
        | Action::MoveBottom => move_selection(app, action),
    }
    Vec::new()
}

fn move_selection(app: &mut App, action: Action) {
    let rows = screens::row_count(app, app.tab);
    let last = rows.saturating_sub(1);
    let page = app.page_rows.max(1);
    let current = app.selected().min(last);
    let next = match action {
        Action::MoveDown => current.saturating_add(1).min(last),
        Action::MoveUp => current.saturating_sub(1),
        Action::PageDown => current.saturating_add(page).min(last),
        Action::PageUp => current.saturating_sub(page),
        Action::MoveTop => 0,
        Action::MoveBottom => last,
        _ => current,
    };
    app.selected[app.tab.index()] = next;
}
