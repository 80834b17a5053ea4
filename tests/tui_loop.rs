//! The whole TUI loop, headless: scripted keys, a real session on a temp SQLite file, and a
//! TestBackend standing in for the terminal.

mod common;

use common::tui_harness::{chars, ctrl, key, Harness};
use flowdeck::tui::app::Tab;
use flowdeck::tui::run_loop::Exit;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

#[test]
fn keys_drive_tabs_selection_and_help_then_quit() {
    let mut h = Harness::new();
    let mut events = chars("2jj?");
    events.push(key(KeyCode::Esc));
    events.extend(chars("5Gq"));
    assert_eq!(h.run(events).expect("loop"), Exit::Quit);
    assert_eq!(h.app.tab, Tab::History);
    assert_eq!(h.app.selected[Tab::Debt.index()], 2);
    assert_eq!(h.app.selected[Tab::History.index()], 6, "G went to the last of 7 sprints");
    assert!(!h.app.help_open());
    let screen = h.screen();
    assert!(screen.contains("Sprints (7)"), "{screen}");
    assert!(screen.contains("▶ Sprint 48"), "{screen}");
}

#[test]
fn key_releases_and_repeats_do_not_act_twice() {
    let mut h = Harness::new();
    let release = KeyEvent {
        code: KeyCode::Char('j'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Release,
        state: KeyEventState::NONE,
    };
    let events = vec![key(KeyCode::Char('j')), Some(Event::Key(release)), key(KeyCode::Char('q'))];
    h.run(events).expect("loop");
    assert_eq!(h.app.selected[Tab::Plan.index()], 1);
}

#[test]
fn another_process_commit_is_noticed_and_shown() {
    let mut h = Harness::new();
    let other = rusqlite::Connection::open(&h.db).expect("second connection");
    other
        .execute("UPDATE members SET name = 'Renamed Elsewhere', version = version + 1 WHERE id = 1", [])
        .expect("edit");
    let mut events = chars("6");
    events.push(None); // an idle tick: the loop polls data_version
    events.extend(chars("q"));
    h.run(events).expect("loop");
    let screen = h.screen();
    assert!(screen.contains("Renamed Elsewhere"), "{screen}");
    assert!(screen.contains("another flowdeck saved changes"), "{screen}");
}

#[test]
fn the_tui_keeps_one_copy_of_the_workspace_and_saves_still_reach_the_file() {
    let mut h = Harness::new();
    let before = planned_keys(&h.db).len();
    // Plan the selected candidate, then quit.
    h.run(chars(" q")).expect("loop");
    assert_eq!(planned_keys(&h.db).len(), before + 1, "the save reached the file");
    assert!(h.session.workspace().items.is_empty(), "the session lent its copy to the app");
    assert!(h.app.workspace.items.len() > 100, "the app holds the demo's items");
    // Another process's commit fills the session again, and the app takes the fresh copy.
    let other = rusqlite::Connection::open(&h.db).expect("second connection");
    other.execute("UPDATE members SET name = 'Elsewhere', version = version + 1 WHERE id = 1", []).expect("edit");
    let mut events = vec![None];
    events.extend(chars("q"));
    h.run(events).expect("loop");
    assert!(h.session.workspace().items.is_empty(), "taken again after the reload");
    assert_eq!(h.app.workspace.members[0].name, "Elsewhere");
}

#[test]
fn running_out_of_script_is_an_error_not_a_hang() {
    let mut h = Harness::new();
    assert!(h.run(chars("2")).is_err());
}

/// (id, status, pinned, excluded) of every item still in the backlog or planned, from the file.
fn open_rows(db: &std::path::Path) -> Vec<(i64, i64, bool, bool)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt =
        conn.prepare("SELECT id, status, pinned, excluded FROM items WHERE status IN (0, 1) ORDER BY id").expect("sql");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).expect("rows");
    rows.collect::<Result<_, _>>().expect("read")
}

fn planned_keys(db: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare("SELECT external_key FROM items WHERE status = 1 ORDER BY external_key").expect("sql");
    let rows = stmt.query_map([], |r| r.get(0)).expect("rows");
    rows.collect::<Result<_, _>>().expect("read")
}

#[test]
fn plans_a_sprint_from_keys_alone_and_the_rows_say_so() {
    let mut h = Harness::new();
    let before = planned_keys(&h.db);
    // Clear the sprint (pinned PAY-1282 stays), add the two best candidates, pin the third,
    // exclude the fourth, then auto-fill and accept.
    let mut events = chars("Cy  p");
    events.extend(chars("jx"));
    events.extend(chars("ay"));
    events.extend(chars("q"));
    h.run(events).expect("loop");

    let planned = planned_keys(&h.db);
    // Auto-fill may replace what Space added (only pins stay); with the overdue high-risk debt
    // planned first by policy (PAY-1033, PAY-1096) there is no room left for PAY-1117.
    assert!(planned.contains(&"PAY-1161".to_string()), "{planned:?}");
    assert!(planned.contains(&"PAY-1033".to_string()) && planned.contains(&"PAY-1096".to_string()), "{planned:?}");
    assert!(planned.contains(&"PAY-1261".to_string()), "the pinned item is in: {planned:?}");
    assert!(!planned.contains(&"PAY-1238".to_string()), "the excluded item stays out: {planned:?}");
    assert_ne!(planned, before);
    let plan = h.app.summary.plan.as_ref().expect("a sprint in planning");
    assert!(plan.split.load <= plan.capacity.plannable, "auto-fill keeps within capacity");
    assert!(
        plan.guardrails.iter().all(|g| g.severity == flowdeck::domain::guardrails::Severity::Warn),
        "no blocking guardrail after auto-fill: {:?}",
        plan.guardrails
    );
    assert_eq!(h.app.summary.plan.as_ref().map(|p| p.planned.len()), Some(planned.len()), "screen and file agree");
}

#[test]
fn undo_walks_back_every_kind_of_change_and_redo_replays_them() {
    let mut h = Harness::new();
    let start = open_rows(&h.db);
    let policy_before: i64 = rusqlite::Connection::open(&h.db)
        .and_then(|c| c.query_row("SELECT target_feature FROM policy", [], |r| r.get(0)))
        .expect("policy");
    // Plan screen: add, pin, exclude; Team screen: edit the policy's feature target to 50 and
    // defect to 20 (the four must add up to 100).
    let mut events = chars(" jpjx6G");
    events.push(key(KeyCode::Enter));
    events.push(key(KeyCode::End));
    events.extend((0..3).map(|_| key(KeyCode::Backspace)));
    events.extend(chars("50"));
    events.push(key(KeyCode::Tab));
    events.push(key(KeyCode::Backspace));
    events.push(key(KeyCode::Backspace));
    events.extend(chars("20"));
    events.push(key(KeyCode::Enter));
    events.extend(chars("uuuu"));
    events.extend(vec![ctrl('r'), ctrl('r'), ctrl('r'), ctrl('r')]);
    events.extend(chars("uuuuq"));
    h.run(events).expect("loop");
    assert_eq!(open_rows(&h.db), start, "four undos after four redos restore every row");
    let policy_after: i64 = rusqlite::Connection::open(&h.db)
        .and_then(|c| c.query_row("SELECT target_feature FROM policy", [], |r| r.get(0)))
        .expect("policy");
    assert_eq!(policy_after, policy_before);
    assert_eq!(h.app.history.redo_depth(), 4);
}

#[test]
fn a_conflicting_edit_is_refused_and_the_other_process_wins_visibly() {
    let mut h = Harness::new();
    let first = h.app.selected_item().expect("a selected candidate");
    // Another flowdeck excludes the same item after we loaded it.
    let other = rusqlite::Connection::open(&h.db).expect("second connection");
    other
        .execute("UPDATE items SET excluded = 1, version = version + 1 WHERE id = ?1", [first.0])
        .expect("edit elsewhere");
    h.run(chars(" q")).expect("loop");
    let screen = h.screen();
    assert!(screen.contains("Not saved"), "{screen}");
    assert!(screen.contains("changed by someone else meanwhile"), "{screen}");
    let (status, excluded): (i64, bool) = other
        .query_row("SELECT status, excluded FROM items WHERE id = ?1", [first.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("row");
    assert_eq!((status, excluded), (0, true), "their change stands, ours was not written");
    assert!(h.app.workspace.item(first).is_some_and(|i| i.excluded), "the view shows their change");
}

#[test]
fn the_item_form_creates_a_debt_item_with_register_fields() {
    let mut h = Harness::new();
    let mut events = chars("n");
    events.extend(chars("Retire the légacy 支付 gateway"));
    events.push(key(KeyCode::Tab));
    events.push(key(KeyCode::Left)); // Kind: feature → debt (cycles backwards)
    events.push(key(KeyCode::Tab));
    events.push(key(KeyCode::Backspace));
    events.extend(chars("5"));
    // Estimate → Impact, Risk, Time to value, Outcome, Tags, Assignee, Skills, Blocked by, Interest
    events.extend((0..9).map(|_| key(KeyCode::Tab)));
    events.push(key(KeyCode::Backspace));
    events.extend(chars("4"));
    events.push(key(KeyCode::Enter));
    events.extend(chars("q"));
    h.run(events).expect("loop");
    let conn = rusqlite::Connection::open(&h.db).expect("open");
    let (title, kind, halves, interest): (String, i64, i64, i64) = conn
        .query_row(
            "SELECT i.title, i.kind, i.estimate_halves, d.interest FROM items i JOIN debts d ON d.item_id = i.id
             ORDER BY i.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the new debt item");
    assert_eq!((title.as_str(), kind, halves, interest), ("Retire the légacy 支付 gateway", 3, 10, 4));
    assert!(h.app.status.as_deref().is_some_and(|s| s.contains("created")), "{:?}", h.app.status);
}

#[test]
fn an_invalid_form_is_not_saved_and_says_why() {
    let mut h = Harness::new();
    let mut events = chars("e");
    events.push(key(KeyCode::Tab)); // Title → Kind
    events.push(key(KeyCode::Tab)); // → Estimate
    events.extend(chars("x"));
    events.push(key(KeyCode::Enter));
    // Ctrl+C in a form asks before quitting (the typing would be lost); y quits.
    h.run(events.into_iter().chain([ctrl('c'), key(KeyCode::Char('y'))]).collect()).expect("loop");
    let screen = h.screen();
    assert!(screen.contains("Not saved: fix Estimate (marked ✗"), "{screen}");
    assert!(screen.contains("Estimate: a number of points"), "{screen}");
}
