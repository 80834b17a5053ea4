//! A form's verdict follows its fields: the bottom line never says valid while a field is
//! marked, a refused save keeps the marks and puts the cursor on the first bad field, and the
//! status names what to fix. Drawn with ratatui's TestBackend on the demo.

mod common;

use flowdeck::config::Theme;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay};
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use ratatui::Terminal;
use tui_input::InputRequest;

fn demo_app() -> App {
    let ws = demo_workspace(common::today()).expect("demo loads");
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true))
}

/// The screen as text, and where the terminal cursor is.
fn draw(app: &App) -> (Vec<String>, Position) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let lines = (0..40).map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect();
    (lines, terminal.get_cursor_position().expect("cursor"))
}

fn focused_label(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Form(form)) => form.focused().map(|f| f.label.to_string()).unwrap_or_default(),
        other => panic!("no form open: {other:?}"),
    }
}

/// Moves the form's focus to `label`, clears the field and types `text`.
fn type_into(app: &mut App, label: &str, text: &str) {
    for _ in 0..40 {
        if focused_label(app) == label {
            break;
        }
        update(app, Action::NextField);
    }
    assert_eq!(focused_label(app), label);
    update(app, Action::EditText(InputRequest::DeleteLine));
    for c in text.chars() {
        update(app, Action::EditText(InputRequest::InsertChar(c)));
    }
}

fn row_of<'a>(screen: &'a [String], label: &str) -> (usize, &'a String) {
    screen
        .iter()
        .enumerate()
        .find(|(_, line)| line.contains(&format!("│{label:<18} ")))
        .unwrap_or_else(|| panic!("no {label} row in\n{}", screen.join("\n")))
}

#[test]
fn the_bottom_line_counts_the_bad_fields_elsewhere_and_a_refused_save_keeps_the_marks() {
    let mut app = demo_app();
    update(&mut app, Action::EditSelected);
    let (screen, _) = draw(&app);
    assert!(screen.iter().any(|l| l.contains("✓ every field is valid")), "{}", screen.join("\n"));

    // A bad estimate, then the cursor moves on to a field that is fine.
    type_into(&mut app, "Estimate", "lots");
    update(&mut app, Action::NextField);
    let (screen, _) = draw(&app);
    let text = screen.join("\n");
    assert!(!text.contains("✓ every field is valid"), "no ✓ while Estimate is marked:\n{text}");
    assert!(text.contains("✗ 1 field to fix: Estimate (Tab to reach)"), "{text}");
    assert!(row_of(&screen, "Estimate").1.contains("✗"), "{text}");

    // A second bad field: the line under the focused one names the other.
    type_into(&mut app, "Risk", "9");
    let (screen, _) = draw(&app);
    let text = screen.join("\n");
    assert!(text.contains("✗ Risk: ") && text.contains("· 1 other field to fix: Estimate"), "{text}");

    // Enter refuses: nothing saved, both marks stay, the cursor lands on the first bad field.
    let effects = update(&mut app, Action::Confirm);
    assert!(effects.is_empty(), "nothing is saved");
    assert_eq!(focused_label(&app), "Estimate");
    assert_eq!(
        app.status.as_deref(),
        Some("Not saved: fix the 2 fields marked ✗ (Estimate, Risk); the cursor is on Estimate.")
    );
    let (screen, cursor) = draw(&app);
    let text = screen.join("\n");
    let (estimate_row, estimate) = row_of(&screen, "Estimate");
    assert!(estimate.contains("lots") && estimate.contains("✗"), "{text}");
    assert!(row_of(&screen, "Risk").1.contains("✗"), "{text}");
    assert_eq!(usize::from(cursor.y), estimate_row, "the cursor is on the Estimate row:\n{text}");
    assert!(text.contains("✗ Estimate: ") && text.contains("· 1 other field to fix: Risk"), "{text}");
}

#[test]
fn a_choice_field_shows_the_cursor_on_its_value() {
    let mut app = demo_app();
    update(&mut app, Action::EditSelected);
    for _ in 0..40 {
        if focused_label(&app) == "Kind" {
            break;
        }
        update(&mut app, Action::NextField);
    }
    let (screen, cursor) = draw(&app);
    let (row, line) = row_of(&screen, "Kind");
    assert_eq!(usize::from(cursor.y), row);
    assert_eq!(line.chars().nth(usize::from(cursor.x)), Some('‹'), "{line}");
}
