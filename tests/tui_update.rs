//! Keys → actions → state and effects, with no terminal and no database: `update` decides,
//! the run loop saves.

mod common;

use flowdeck::config::Theme;
use flowdeck::domain::change::Change;
use flowdeck::domain::Status;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay};
use flowdeck::tui::keymap::{resolve, Action};
use flowdeck::tui::theme::Palette;
use flowdeck::tui::undo::Step;
use flowdeck::tui::update::{mode, update, Effect};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let ws = demo_workspace(common::today()).expect("demo");
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true))
}

fn press(app: &mut App, c: char) -> Vec<Effect> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    match resolve(&key, mode(app)) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}

#[test]
fn space_asks_to_save_one_move_and_changes_nothing_until_saved() {
    let mut app = app();
    let id = app.selected_item().expect("selected");
    let effects = press(&mut app, ' ');
    let [Effect::Save(set, Step::Do)] = effects.as_slice() else { panic!("one save expected: {effects:?}") };
    let [Change::Item { after: Some(after), .. }] = set.changes.as_slice() else { panic!("one item change") };
    assert_eq!((after.id, after.status), (id, Status::Planned));
    assert_eq!(app.workspace.item(id).map(|i| i.status), Some(Status::Backlog), "not applied before it is saved");

    app.saved(set.clone(), Step::Do);
    assert_eq!(app.workspace.item(id).map(|i| i.status), Some(Status::Planned));
    assert_eq!(app.history.undo_depth(), 1);
    let undo = press(&mut app, 'u');
    assert!(matches!(undo.as_slice(), [Effect::Save(_, Step::Undo)]), "{undo:?}");
}

#[test]
fn a_read_only_database_refuses_edits_before_saving() {
    let mut app = app();
    app.read_only = true;
    for key in [' ', 'p', 'x', 'C', 'u', 'n'] {
        assert!(press(&mut app, key).is_empty(), "{key}");
        assert!(app.status.as_deref().is_some_and(|s| s.contains("Read-only")), "{key}: {:?}", app.status);
        assert!(app.overlay.is_none(), "{key} opened nothing");
    }
}

#[test]
fn delete_asks_first_and_no_means_no() {
    let mut app = app();
    assert!(press(&mut app, 'D').is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    assert!(press(&mut app, 'n').is_empty());
    assert!(app.overlay.is_none());
    press(&mut app, 'D');
    let effects = press(&mut app, 'y');
    assert!(matches!(effects.as_slice(), [Effect::Save(set, Step::Do)] if set.label.starts_with("deleted")));
}

#[test]
fn overlays_take_the_keys_while_open() {
    let mut app = app();
    press(&mut app, '?');
    assert!(press(&mut app, 'a').is_empty(), "auto-fill is not reachable under the help");
    assert!(app.help_open());
    update(&mut app, Action::CloseOverlay);
    press(&mut app, 'a');
    assert!(matches!(app.overlay, Some(Overlay::Proposal { .. })), "auto-fill previews first");
    assert!(press(&mut app, 'q').is_empty());
    assert!(!app.quit, "q inside the preview neither quits nor saves");
}
