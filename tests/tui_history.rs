//! The History screen: start, close and create sprints from the keyboard (headless loop on a
//! real database), the close form's validation, and snapshots of the form (tui_screens
//! snapshots the screen itself).

mod common;

use common::tui_harness::{chars, key, Harness};
use flowdeck::config::Theme;
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay, Tab};
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::Terminal;

/// (name, state) of every sprint, and the outcome codes of the last one's snapshot.
fn sprints(db: &std::path::Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare("SELECT name, state FROM sprints ORDER BY start_date").expect("sql");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows");
    rows.collect::<Result<_, _>>().expect("read")
}

fn outcomes(db: &std::path::Path, sprint: &str) -> Vec<(String, i64, i64)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT i.external_key, e.outcome, e.remaining_halves FROM sprint_entries e
             JOIN items i ON i.id = e.item_id JOIN sprints s ON s.id = e.sprint_id
             WHERE s.name = ?1 ORDER BY i.external_key",
        )
        .expect("sql");
    let rows = stmt.query_map([sprint], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).expect("rows");
    rows.collect::<Result<_, _>>().expect("read")
}

#[test]
fn a_sprint_is_started_closed_and_followed_from_the_keyboard_and_undone_whole() {
    let mut h = Harness::new();
    // 5: History. S then y: start Sprint 48. C: the close form; → makes the first item carried
    // over, Tab to its "left" field, 3; Tab×3 to "Unplanned defect", 4; Enter saves.
    let mut events = chars("5Sy");
    events.extend(chars("C"));
    events.push(key(KeyCode::Right));
    events.push(key(KeyCode::Tab));
    events.extend(chars("3"));
    events.extend([key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    events.extend(chars("4"));
    events.push(key(KeyCode::Enter));
    events.extend(chars("q"));
    h.run(events).expect("loop");

    let all = sprints(&h.db);
    assert_eq!(all.last(), Some(&("Sprint 48".to_string(), 2)), "closed: {all:?}");
    let closed = outcomes(&h.db, "Sprint 48");
    assert_eq!(closed.len(), 2);
    assert_eq!((closed[0].1, closed[0].2), (2, 6), "carried over with 3 points (6 halves) left: {closed:?}");
    assert_eq!(closed[1].1, 1, "the other is done: {closed:?}");
    let screen = h.screen();
    assert!(screen.contains("Saved — closed Sprint 48 (1 done, 1 carried over, 0 dropped)"), "{screen}");
    assert!(screen.contains("→ 3 left"), "{screen}");
    assert!(screen.contains("Unplanned defect 4"), "{screen}");

    // n: the next sprint, proposed after the last one; the Plan screen then plans it.
    let mut events = chars("n");
    events.push(key(KeyCode::Enter));
    events.extend(chars("1q"));
    h.run(events).expect("loop");
    assert_eq!(sprints(&h.db).last(), Some(&("Sprint 49".to_string(), 0)));
    let screen = h.screen();
    assert!(screen.contains("Sprint 49 (planning) · plannable"), "the Plan screen moved on: {screen}");

    // Undo three times: the new sprint, the close and the start are all taken back.
    h.run(chars("uuuq")).expect("loop");
    let all = sprints(&h.db);
    assert_eq!(all.len(), 7, "{all:?}");
    assert_eq!(all.last(), Some(&("Sprint 48".to_string(), 0)), "back in planning: {all:?}");
    assert!(outcomes(&h.db, "Sprint 48").is_empty(), "the snapshot is gone with the start");
}

fn demo_app() -> App {
    let ws = demo_workspace(common::today()).expect("demo loads");
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, false))
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Starts the demo's sprint in memory (as if saved) so the close form can open.
fn started(app: &mut App) {
    let sprint = app.workspace.current_sprint().map(|s| s.id).expect("a sprint");
    let set = flowdeck::domain::sprint_lifecycle::start(&app.workspace, sprint).expect("start");
    app.saved(set, flowdeck::tui::undo::Step::Do);
}

#[test]
fn the_close_form_needs_what_remains_of_a_carried_item() {
    let mut app = demo_app();
    update(&mut app, Action::ShowTab(4));
    started(&mut app);
    update(&mut app, Action::CloseSprint);
    assert!(matches!(app.overlay, Some(Overlay::Form(_))));
    update(&mut app, Action::NextChoice);
    let effects = update(&mut app, Action::Confirm);
    assert!(effects.is_empty(), "nothing is saved");
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("left: a number from 0.5 to 1000"), "{screen}");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Not saved: fix PAY-") && status.ends_with(" left (marked ✗; the cursor is on it)."),
        "{status}"
    );
}

#[test]
fn history_and_the_close_form_at_80x24_and_120x40() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app();
        update(&mut app, Action::ShowTab(4));
        let screen = draw(&app, w, h);
        assert!(screen.contains("▶ Sprint 47"), "opens on the latest closed sprint: {screen}");
        assert!(screen.contains("Sprint 47: snapshot"), "{screen}");
        assert!(screen.contains("Trends, last 6 closed"), "{screen}");
        started(&mut app);
        update(&mut app, Action::CloseSprint);
        update(&mut app, Action::NextChoice);
        insta::assert_snapshot!(format!("close_form_{w}x{h}"), draw(&app, w, h));
    }
    let mut app = demo_app();
    app.tab = Tab::History;
    update(&mut app, Action::CloseSprint);
    assert_eq!(app.status.as_deref(), Some("No sprint is running: press S to start the one in planning."));
}

#[test]
fn the_bar_chart_shows_every_kind_plan_and_done_at_every_width() {
    // From 120 columns the bars are wide enough for their "plan" and "done" labels.
    for width in [120, 140, 160, 200] {
        let mut app = demo_app();
        update(&mut app, Action::ShowTab(4));
        let screen = draw(&app, width, 40);
        // The row of bar labels: "plan  done" once per kind, the last one (debt's done) included.
        let labels = screen
            .lines()
            .find(|l| l.contains("plan") && l.contains("done") && !l.contains('✓'))
            .unwrap_or_else(|| panic!("no bar labels at {width}:\n{screen}"));
        let bars = labels.split('│').nth(1).unwrap_or_default();
        assert_eq!(bars.matches("done").count(), 4, "at {width} columns: {labels}\n{screen}");
    }
}

/// The trends box's lines (the left column under the sprint table), for the labels on them.
fn trend_labels_on(screen: &str) -> Vec<String> {
    let labels = ["velocity", "real velocity", "say/do", "carry-over", "unplanned", "investment"];
    labels.iter().filter(|l| screen.contains(&format!("│{:<14}", l))).map(|l| l.to_string()).collect()
}

#[test]
fn every_trend_row_can_be_reached_with_t_at_80x24() {
    let mut app = demo_app();
    update(&mut app, Action::ShowTab(4));
    let first = draw(&app, 80, 24);
    assert!(first.contains("… 3 more trends (t)"), "the box says more trends wait and which key shows them: {first}");
    let mut seen = trend_labels_on(&first);
    assert_eq!(seen.len(), 3, "a page of three at 80x24: {first}");
    update(&mut app, Action::NextTrends);
    let second = draw(&app, 80, 24);
    let page = trend_labels_on(&second);
    assert!(page.iter().all(|l| !seen.contains(l)), "the next page shows other trends: {second}");
    assert!(second.contains("… 3 more trends (t)"), "{second}");
    seen.extend(page);
    seen.sort();
    let mut all = vec!["velocity", "real velocity", "say/do", "carry-over", "unplanned", "investment"];
    all.sort();
    assert_eq!(seen, all, "every trend row is reachable");
    update(&mut app, Action::NextTrends);
    assert_eq!(draw(&app, 80, 24), first, "t goes round to the first page");
    // At 120x40 all six fit: no cue, and t says so instead of moving.
    let tall = draw(&app, 120, 40);
    assert_eq!(trend_labels_on(&tall).len(), 6, "{tall}");
    assert!(!tall.contains("more trends"), "{tall}");
    update(&mut app, Action::NextTrends);
    assert_eq!(app.status.as_deref(), Some("Every trend is already shown."));
}

#[test]
fn every_snapshot_item_can_be_reached_with_the_brackets_at_80x24() {
    let mut app = demo_app();
    update(&mut app, Action::ShowTab(4));
    let index = app.selected[Tab::History.index()];
    let metrics = &app.sprint_history.sprints[index];
    assert_eq!(metrics.name, "Sprint 47");
    let keys: Vec<String> = app
        .workspace
        .entries_of(metrics.sprint)
        .filter_map(|e| app.workspace.item(e.item))
        .map(flowdeck::domain::edits::label)
        .collect();
    assert_eq!(keys.len(), 11, "the demo's Sprint 47 has 11 items");
    let mut screen = draw(&app, 80, 24);
    assert!(screen.contains("Sprint 47: snapshot, lines 1–6 of 11"), "the title says which lines show: {screen}");
    assert!(screen.contains("… 5 more (])"), "the bottom edge names the key: {screen}");
    let mut seen: Vec<&String> = Vec::new();
    for _ in 0..keys.len() {
        seen.extend(keys.iter().filter(|k| screen.contains(&format!("│{k:<9} "))));
        if !screen.contains("more (])") {
            break;
        }
        update(&mut app, Action::SnapshotDown);
        screen = draw(&app, 80, 24);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), keys.len(), "every item of the snapshot was on screen at some point: {seen:?}");
    assert!(screen.contains("Sprint 47: snapshot, lines 6–11 of 11"), "the last page is a full one: {screen}");
    assert!(screen.contains("[ back up"), "{screen}");
    assert!(screen.contains("Unplanned defect 4"), "the actuals stay under the list: {screen}");
    update(&mut app, Action::SnapshotUp);
    update(&mut app, Action::SnapshotUp);
    let top = draw(&app, 80, 24);
    assert!(top.contains("Sprint 47: snapshot, lines 1–6 of 11"), "[ goes back to the top: {top}");
    // Another sprint's snapshot opens at its top.
    update(&mut app, Action::SnapshotDown);
    draw(&app, 80, 24);
    update(&mut app, Action::MoveUp);
    let other = draw(&app, 80, 24);
    assert!(other.contains("Sprint 46: snapshot, lines 1–"), "{other}");
}
