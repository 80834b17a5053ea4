//! The forecast view on Plan (issue 21): `F` shows `flowdeck forecast` for the marked items, or
//! the best ten not yet planned, and the header's P(finish) is lower for a fuller sprint. Drawn
//! with ratatui's TestBackend on the demo.

mod common;

use flowdeck::config::Theme;
use flowdeck::domain::Status;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay, Tab};
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn demo_app() -> App {
    let ws = demo_workspace(common::today()).expect("demo loads");
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true))
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height).map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>().join("\n")
}

fn notes(app: &App) -> (String, Vec<String>) {
    match &app.overlay {
        Some(Overlay::Notes { title, lines, .. }) => (title.clone(), lines.clone()),
        other => panic!("no forecast shown: {other:?}"),
    }
}

#[test]
fn f_forecasts_the_best_ten_or_the_marked_items() {
    let mut app = demo_app();
    update(&mut app, Action::ShowTab(Tab::Plan.index()));
    update(&mut app, Action::Forecast);
    let (title, lines) = notes(&app);
    assert!(title.contains("the best 10 not yet planned"), "{title}");
    let text = lines.join("\n");
    assert!(text.contains("P50") && text.contains("P85") && text.contains("P95"), "{text}");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Forecast · the best 10"), "{screen}");
    update(&mut app, Action::Cancel);
    assert!(app.overlay.is_none(), "Esc closes it");

    // Two marked items: the forecast names exactly those.
    let first = app.selected_item().expect("a row");
    update(&mut app, Action::ToggleMark);
    update(&mut app, Action::MoveDown);
    let second = app.selected_item().expect("a row");
    update(&mut app, Action::ToggleMark);
    assert_eq!(app.marks.len(), 2);
    update(&mut app, Action::Forecast);
    let (title, lines) = notes(&app);
    assert!(title.contains("2 marked items"), "{title}");
    let text = lines.join("\n");
    for id in [first, second] {
        let key = app.workspace.item(id).and_then(|i| i.key.clone()).expect("key");
        assert!(text.contains(&key), "{key} in {text}");
    }
}

#[test]
fn the_header_chance_falls_as_the_sprint_fills() {
    let chance = |app: &App| app.summary.plan.as_ref().and_then(|p| p.finish).map(|f| f.chance).expect("a chance");
    let light = demo_app();
    // The demo with its best twenty-five candidates planned too: more than the team can take.
    let mut ws = demo_workspace(common::today()).expect("demo loads");
    let sprint = ws.current_sprint().map(|s| s.id).expect("a sprint in planning");
    for item in ws.items.iter_mut().filter(|i| i.status == Status::Backlog && !i.excluded).take(25) {
        item.status = Status::Planned;
        item.sprint = Some(sprint);
    }
    let full = App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true));
    let (light_chance, full_chance) = (chance(&light), chance(&full));
    assert!(full_chance < light_chance, "more load, less chance: {full_chance} vs {light_chance}");
    for (app, c) in [(&light, light_chance), (&full, full_chance)] {
        assert!(draw(app, 120, 40).contains(&format!("P(finish) {:.0}%", c * 100.0)));
    }
    assert!(!draw(&full, 80, 24).contains("P(finish)"), "no room for it at 80 columns");
}
