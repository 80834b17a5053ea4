//! What the planning screens say in the moments that trip a manager up: a plan that is blocked
//! (the block is read first and never cut at 80×24), no sprint in planning (the key that creates
//! one is offered where the plan would be), deleting an item that is planned, and one word
//! ("running") for a started sprint. Drawn with ratatui's TestBackend on the demo.

mod common;

use flowdeck::config::Theme;
use flowdeck::domain::{Kind, SprintState, Status, Workspace};
use flowdeck::service::demo::demo_workspace;
use flowdeck::tui::app::{App, Overlay, Tab};
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::update;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn app_on(ws: Workspace) -> App {
    App::new(ws, common::today(), "demo.sqlite".into(), Palette::new(Theme::Dark, true))
}

fn demo() -> Workspace {
    demo_workspace(common::today()).expect("demo loads")
}

fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height).map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>().join("\n")
}

/// The demo with every feature in the backlog planned into Sprint 48: far over capacity, which
/// the default policy blocks, and off every band, which it warns about.
fn over_committed() -> Workspace {
    let mut ws = demo();
    let sprint = ws.current_sprint().map(|s| s.id).expect("a sprint in planning");
    for item in ws.items.iter_mut().filter(|i| i.status == Status::Backlog && i.kind == Kind::Feature) {
        item.status = Status::Planned;
        item.sprint = Some(sprint);
    }
    ws
}

#[test]
fn a_blocking_guardrail_is_listed_first_and_the_rest_are_counted_at_80x24() {
    let mut app = app_on(over_committed());
    update(&mut app, Action::ShowTab(Tab::Plan.index()));
    let screen = draw(&app, 80, 24);
    let block = screen.find("✗ The sprint holds").unwrap_or_else(|| panic!("no block shown:\n{screen}"));
    let goal = screen.find("Goal ").unwrap_or(usize::MAX);
    assert!(block < goal, "the block comes before the goal:\n{screen}");
    assert!(!screen.contains("⚠") || screen.find('⚠') > Some(block), "warnings after the block:\n{screen}");
    assert!(screen.contains("more on 3 Split"), "what did not fit is counted:\n{screen}");
}

#[test]
fn the_split_screen_keeps_the_block_on_top_whatever_the_scroll() {
    let mut app = app_on(over_committed());
    update(&mut app, Action::ShowTab(Tab::Split.index()));
    for _ in 0..3 {
        let screen = draw(&app, 80, 24);
        assert!(screen.contains("Blocking the plan (1)"), "{screen}");
        assert!(screen.contains("✗ The sprint holds"), "{screen}");
        update(&mut app, Action::MoveDown);
    }
}

#[test]
fn without_a_sprint_in_planning_plan_and_projection_offer_the_key_that_creates_one() {
    let mut ws = demo();
    ws.sprints.retain(|s| s.state == SprintState::Closed);
    for item in ws.items.iter_mut().filter(|i| i.status == Status::Planned) {
        item.status = Status::Backlog;
        item.sprint = None;
    }
    let mut app = app_on(ws);
    update(&mut app, Action::ShowTab(Tab::Plan.index()));
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("No sprint in planning.") && screen.contains("N creates the next one"), "{screen}");
    update(&mut app, Action::TogglePlanned);
    assert_eq!(app.status.as_deref(), Some("There is no sprint in planning to add to: N creates the next one."));

    update(&mut app, Action::ShowTab(Tab::Projection.index()));
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("N creates the next sprint, in planning."), "{screen}");

    // The key does what it says, from either screen: the next sprint's form opens.
    let key = flowdeck::tui::keymap::resolve(
        &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('N')),
        flowdeck::tui::keymap::Mode::Normal { screen: flowdeck::tui::keymap::Scope::Projection },
    );
    assert_eq!(key, Some(Action::NewSprint));
    update(&mut app, Action::NewSprint);
    let Some(Overlay::Form(form)) = &app.overlay else { panic!("no form: {:?}", app.overlay) };
    assert_eq!(form.target, flowdeck::tui::forms::Target::NewSprint);
}

#[test]
fn deleting_a_planned_item_says_it_leaves_the_sprint() {
    let mut app = app_on(demo());
    update(&mut app, Action::ShowTab(Tab::Plan.index()));
    // One with no past sprint behind it (those cannot be deleted at all).
    let ws = &app.workspace;
    let planned = ws
        .items
        .iter()
        .position(|i| i.status == Status::Planned && !ws.entries.iter().any(|e| e.item == i.id))
        .expect("a planned item");
    let row = (0..app.plan.len()).find(|&r| app.plan.row(r).is_some_and(|p| p.index == planned)).expect("row");
    app.selected[Tab::Plan.index()] = row;
    update(&mut app, Action::DeleteSelected);
    let Some(Overlay::Confirm { question, .. }) = &app.overlay else { panic!("no question: {:?}", app.overlay) };
    assert!(question.contains("It is planned in Sprint 48 ("), "{question}");
    assert!(question.contains("and leaves that sprint. (u undoes it)"), "{question}");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("y / Enter: yes"), "the answer keys stay in the box:\n{screen}");
}

#[test]
fn a_started_sprint_is_running_everywhere() {
    let mut app = app_on(demo());
    let sprint = app.workspace.current_sprint().map(|s| s.id).expect("a sprint");
    let set = flowdeck::domain::sprint_lifecycle::start(&app.workspace, sprint).expect("start");
    app.saved(set, flowdeck::tui::undo::Step::Do);
    for tab in [Tab::Plan, Tab::Split, Tab::History, Tab::Team] {
        update(&mut app, Action::ShowTab(tab.index()));
        let screen = draw(&app, 120, 40);
        assert!(!screen.contains("active"), "{tab:?} says active:\n{screen}");
    }
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("running"), "{screen}");
}

#[test]
fn the_selected_item_says_what_it_waits_for_and_where_each_blocker_stands() {
    let ws = demo();
    let id = |key: &str| ws.items.iter().find(|i| i.key.as_deref() == Some(key)).map(|i| i.id).expect(key);
    let (refunds, apple_pay) = (id("PAY-1058"), id("PAY-1221"));
    let mut app = app_on(ws);
    update(&mut app, Action::ShowTab(Tab::Plan.index()));
    let mut shown = |item| {
        app.selected[Tab::Plan.index()] = app.plan.position_of(item).expect("a candidate");
        draw(&app, 120, 40)
    };
    let screen = shown(refunds);
    assert!(screen.contains("waits for PAY-1006 (not planned)"), "{screen}");
    let screen = shown(apple_pay);
    assert!(screen.contains("waits for PAY-1282 (in the sprint)"), "{screen}");
}
