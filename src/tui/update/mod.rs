//! `update(state, action) → effects`: the only place the TUI state changes. No I/O here —
//! saving is an effect the run loop hands to the session.

mod debt;
mod history;
mod marks;
mod overlay;
mod palette;
mod plan;
mod projection;
mod team;
mod triage;

use crate::domain::change::ChangeSet;

use super::app::{App, Overlay, Tab};
use super::keymap::{Action, Mode, Scope};
use super::screens;
use super::undo::Step;

/// What the run loop must do after an update, beyond redrawing.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Save this change set in one transaction, then `App::saved` (or report why not).
    Save(ChangeSet, Step),
    /// Run a palette command (import or export a file).
    Command(super::palette::Command),
}

/// Opens triage (what `t` on Plan does), for `flowdeck triage`.
pub fn open_triage(app: &mut App) {
    triage::open(app);
}

/// Which keys are live now (for `keymap::resolve`).
pub fn mode(app: &App) -> Mode {
    match &app.overlay {
        // The notes box takes only its scroll and close keys; any other key closes it and acts
        // as it would on the screen behind, so the box never swallows what was typed next.
        None | Some(Overlay::Notes { .. }) => Mode::Normal {
            screen: match app.tab {
                Tab::Plan => Scope::Plan,
                Tab::Debt => Scope::Debt,
                Tab::Team => Scope::Team,
                Tab::History => Scope::History,
                Tab::Projection => Scope::Projection,
                Tab::Split => Scope::Lists,
            },
        },
        Some(Overlay::Help { .. }) => Mode::Help,
        Some(Overlay::Search) => Mode::Search,
        Some(Overlay::Confirm { .. } | Overlay::Proposal { .. } | Overlay::QuitFromForm(_)) => Mode::Dialog,
        Some(Overlay::Form(f)) => Mode::Form { choice: f.focused().is_some_and(|field| field.is_choice()) },
        Some(Overlay::Palette(_)) => Mode::Palette,
        Some(Overlay::Triage(t)) => Mode::Triage { typing: t.is_typing() },
    }
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = dispatch(app, action);
    // The Debt and History screens are rebuilt only when they are both stale and in front.
    app.refresh_views();
    effects
}

fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        if let Some(Overlay::Form(form)) = app.overlay.take() {
            app.overlay = Some(Overlay::QuitFromForm(form));
            return Vec::new();
        }
        app.quit = true;
        return vec![Effect::Quit];
    }
    if app.overlay.is_some() {
        return overlay::update(app, action);
    }
    // A status message is news until the user does something.
    app.status = None;
    let tabs = Tab::ALL.len();
    match action {
        Action::ToggleHelp => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::OpenPalette => app.overlay = Some(Overlay::Palette(tui_input::Input::default())),
        Action::NextTab => app.tab = Tab::ALL[(app.tab.index() + 1) % tabs],
        Action::PrevTab => app.tab = Tab::ALL[(app.tab.index() + tabs - 1) % tabs],
        Action::ShowTab(n) => {
            if let Some(tab) = Tab::ALL.get(n) {
                app.tab = *tab;
            }
        }
        Action::Undo => return history_step(app, Step::Undo),
        Action::Redo => return history_step(app, Step::Redo),
        Action::MoveDown
        | Action::MoveUp
        | Action::PageDown
        | Action::PageUp
        | Action::MoveTop
        | Action::MoveBottom => move_selection(app, action),
        // Plan and Projection offer it too when they have no sprint in planning to show.
        Action::NewSprint => return history::update(app, action),
        _ if app.tab == Tab::Plan => return plan::update(app, action),
        _ if app.tab == Tab::Debt => return debt::update(app, action),
        _ if app.tab == Tab::Team => return team::update(app, action),
        _ if app.tab == Tab::History => return history::update(app, action),
        _ if app.tab == Tab::Projection => projection::update(app, action),
        _ => {}
    }
    Vec::new()
}

fn history_step(app: &mut App, step: Step) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    let next = if step == Step::Undo { app.history.next_undo() } else { app.history.next_redo() };
    match next {
        Some(set) => vec![Effect::Save(set, step)],
        None => {
            app.status = Some(if step == Step::Undo { "Nothing to undo." } else { "Nothing to redo." }.into());
            Vec::new()
        }
    }
}

/// A read-only database takes no edits; say so instead of failing at save time.
fn refuse_if_read_only(app: &mut App) -> Option<Vec<Effect>> {
    if app.read_only {
        app.status = Some("Read-only database: nothing can be changed (check the file's permissions).".into());
        Some(Vec::new())
    } else {
        None
    }
}

/// Saves `set` unless it changes nothing.
fn save(app: &mut App, set: ChangeSet) -> Vec<Effect> {
    if let Some(refusal) = refuse_if_read_only(app) {
        return refusal;
    }
    if set.is_empty() {
        app.status = Some(format!("Nothing to change ({}).", set.label));
        return Vec::new();
    }
    // E.g. a form saved as it was opened: nothing is written and no undo step is left behind.
    if set.changes_nothing() {
        app.status = Some("Nothing changed: nothing was saved.".into());
        return Vec::new();
    }
    vec![Effect::Save(set, Step::Do)]
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
