//! Keys while an overlay has the keyboard: help, the search line, questions, the auto-fill
//! preview and forms.

use crate::service::import::ImportRequest;
use crate::tui::app::{App, Overlay, Tab};
use crate::tui::forms::{setup, Target};
use crate::tui::keymap::Action;
use crate::tui::palette::Command;

use super::{move_selection, save, Effect};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(overlay) = app.overlay.take() else { return Vec::new() };
    match overlay {
        Overlay::Help { scroll } => {
            let scroll = match action {
                Action::MoveDown => scroll + 1,
                Action::MoveUp => scroll.saturating_sub(1),
                _ => scroll,
            };
            if !matches!(action, Action::CloseOverlay | Action::ToggleHelp) {
                app.overlay = Some(Overlay::Help { scroll });
            }
            Vec::new()
        }
        Overlay::Search => search(app, action),
        Overlay::Palette(input) => super::palette::update(app, input, action),
        Overlay::Triage(triage) => super::triage::update(app, triage, action),
        Overlay::Confirm { question, set } => match action {
            Action::Confirm => save(app, set),
            Action::Cancel => {
                app.status = Some("Nothing was changed.".into());
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Confirm { question, set });
                Vec::new()
            }
        },
        Overlay::Notes { title, lines, scroll } => match action {
            Action::MoveDown | Action::MoveUp => {
                let scroll = if action == Action::MoveDown {
                    (scroll + 1).min(lines.len().saturating_sub(1))
                } else {
                    scroll.saturating_sub(1)
                };
                app.overlay = Some(Overlay::Notes { title, lines, scroll });
                Vec::new()
            }
            Action::Confirm | Action::Cancel | Action::CloseOverlay => Vec::new(),
            // Closed, and the key does what it does on the screen behind.
            _ => super::dispatch(app, action),
        },
        Overlay::QuitFromForm(form) => match action {
            Action::Confirm => {
                app.quit = true;
                vec![super::Effect::Quit]
            }
            Action::Cancel => {
                app.overlay = Some(Overlay::Form(form));
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::QuitFromForm(form));
                Vec::new()
            }
        },
        Overlay::Proposal { lines, set, scroll } => match action {
            Action::Confirm => save(app, set),
            Action::Cancel => {
                app.status = Some("Auto-fill proposal rejected; the sprint is as it was.".into());
                Vec::new()
            }
            Action::MoveDown | Action::MoveUp => {
                let scroll = if action == Action::MoveDown {
                    (scroll + 1).min(lines.len().saturating_sub(1))
                } else {
                    scroll.saturating_sub(1)
                };
                app.overlay = Some(Overlay::Proposal { lines, set, scroll });
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Proposal { lines, set, scroll });
                Vec::new()
            }
        },
        Overlay::Form(mut form) => {
            let mut effects = Vec::new();
            match action {
                Action::Cancel => {
                    app.status = Some("Closed without saving.".into());
                    return effects;
                }
                Action::NextField => form.focus_next(true),
                Action::PrevField => form.focus_next(false),
                Action::NextChoice | Action::PrevChoice => {
                    form.cycle_choice(action == Action::NextChoice);
                    form.validate(&app.workspace, app.today);
                }
                Action::EditText(request) => {
                    form.edit_text(request);
                    form.validate(&app.workspace, app.today);
                }
                Action::TakeTheirs if form.conflict.is_some() && form.take_theirs(&app.workspace, app.today) => {
                    form.validate(&app.workspace, app.today);
                    app.status = Some("Took the other version: edit from it, or Esc to close.".into());
                }
                Action::Confirm if form.conflict.as_ref().is_some_and(|c| c.gone) => {
                    app.status = Some("Not saved: someone else deleted it meanwhile. Esc closes the form.".into());
                }
                // The set-up walks its fields: Enter accepts the proposed value and moves on.
                Action::Confirm if form.target == Target::Setup && !form.on_last_field() => {
                    form.validate(&app.workspace, app.today);
                    form.focus_next(true);
                }
                Action::Confirm => match keep_and_validate(&mut form, app) {
                    Some(set) if form.target == Target::Setup => {
                        effects = save(app, set);
                        if let Some(path) = setup::import_path(&form) {
                            effects.push(Effect::Command(Command::Import(ImportRequest {
                                path,
                                format: None,
                                dry_run: false,
                                github: Default::default(),
                            })));
                        }
                    }
                    Some(set) if set.changes_nothing() => {
                        // Saved as it was opened: the form closes and nothing is recorded.
                        app.status = Some("Nothing changed: nothing was saved.".into());
                        return effects;
                    }
                    Some(set) => effects = save(app, set),
                    None => {
                        app.status = Some(refused_save_message(&mut form));
                    }
                },
                _ => {}
            }
            // Open until the save lands (`App::saved` closes it), so a refused save loses nothing.
            app.overlay = Some(Overlay::Form(form));
            effects
        }
    }
}

/// After a save the fields refused: the cursor goes to the first bad field, and the status
/// names the fields (marked ✗, which reads without colour too).
fn refused_save_message(form: &mut crate::tui::forms::Form) -> String {
    let bad: Vec<String> =
        form.visible().filter(|(_, f)| f.error.is_some()).map(|(_, f)| f.label.to_string()).collect();
    if let Some(n) = form.first_error() {
        form.focus = n;
    }
    match bad.as_slice() {
        // An error on a field not shown (or on none): say it here, it has nowhere else to go.
        [] => form
            .fields
            .iter()
            .find_map(|f| f.error.as_ref().map(|e| format!("Not saved: {}: {e}.", f.label)))
            .unwrap_or_else(|| "Not saved: the form was refused.".into()),
        [one] => format!("Not saved: fix {one} (marked ✗; the cursor is on it)."),
        [first, ..] => {
            format!("Not saved: fix the {} fields marked ✗ ({}); the cursor is on {first}.", bad.len(), bad.join(", "))
        }
    }
}

/// Validates the form for saving. Enter after a conflict keeps the user's values: the save
/// then expects the other version and replaces it, on purpose.
fn keep_and_validate(form: &mut crate::tui::forms::Form, app: &App) -> Option<crate::domain::change::ChangeSet> {
    if form.conflict.is_some() {
        form.keep_mine(&app.workspace);
    }
    form.validate(&app.workspace, app.today)
}

fn search(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::EditText(request) => {
            app.search.handle(request);
            app.plan.query = app.search.value().to_string();
            app.plan.search_changed(&app.workspace);
            app.selected[Tab::Plan.index()] = 0;
            app.overlay = Some(Overlay::Search);
        }
        Action::Confirm => {
            app.status =
                Some(format!("{} of {} candidates match “{}”.", app.plan.len(), app.plan.total(), app.plan.query));
        }
        Action::Cancel => {
            app.plan.query.clear();
            app.plan.refilter(&app.workspace);
            app.selected[Tab::Plan.index()] = 0;
        }
        Action::MoveDown | Action::MoveUp => {
            move_selection(app, action);
            app.overlay = Some(Overlay::Search);
        }
        _ => app.overlay = Some(Overlay::Search),
    }
    Vec::new()
}
