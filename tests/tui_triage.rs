//! Triage and Plan's bulk edit through the whole loop: a real session on a database built by
//! `init` + `import` of a gh JSON fixture, scripted keys, a TestBackend terminal.

mod common;

use std::collections::VecDeque;
use std::sync::atomic::AtomicUsize;

use common::tui_harness::{chars, key};
use flowdeck::config::{Settings, Theme};
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};
use flowdeck::tui::app::App;
use flowdeck::tui::run_loop::{run_loop, ScriptedEvents};
use flowdeck::tui::theme::Palette;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode};
use ratatui::Terminal;

struct Setup {
    _sandbox: common::Sandbox,
    db: std::path::PathBuf,
}

fn imported() -> Setup {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("triage.sqlite");
    sandbox.on(&db).arg("init").assert().success();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/github-issues.json");
    sandbox.on(&db).args(["import", file]).assert().success();
    Setup { _sandbox: sandbox, db }
}

fn session(db: &std::path::Path) -> Session {
    Session::open(db, OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 500 }).expect("open")
}

fn app(session: &mut Session, no_color: bool) -> App {
    let palette = Palette::new(Theme::Dark, no_color);
    App::with_settings(session.take_workspace(), common::today(), "t.sqlite".into(), palette, &Settings::default())
}

fn run(session: &mut Session, app: &mut App, events: Vec<Option<Event>>, size: (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    let mut script = ScriptedEvents(VecDeque::from(events));
    let _ = run_loop(&mut terminal, app, session, &mut script, &AtomicUsize::new(0));
    let buffer = terminal.backend().buffer().clone();
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn item(db: &std::path::Path, key: &str) -> flowdeck::domain::WorkItem {
    let s = session(db);
    s.workspace().items.iter().find(|i| i.key.as_deref() == Some(key)).cloned().expect("item")
}

#[test]
fn triage_keys_save_one_change_set_per_item_and_undo_goes_back() {
    let setup = imported();
    let mut s = session(&setup.db);
    let mut a = app(&mut s, false);
    let mut events = chars("t");
    // First item: estimate key 4 (5 points on the Fibonacci scale), impact 4, risk 3, ttv 2.
    events.extend(chars("4432"));
    events.push(key(KeyCode::Enter));
    // Second item skipped, third estimated 2 then undone.
    events.extend(chars("s2"));
    events.push(key(KeyCode::Enter));
    events.extend(chars("u"));
    events.push(None);
    let screen = run(&mut s, &mut a, events, (120, 40));
    assert!(screen.contains("Triage · item 3 of 7 · 1 saved · 1 skipped"), "{screen}");

    let first = item(&setup.db, "example-org/example-app#412");
    assert_eq!((first.estimate.to_string().as_str(), first.impact, first.risk, first.time_to_value), ("5", 4, 3, 2));
    assert!(!first.is_unestimated() && !first.excluded, "the estimate lifts the tag and the exclusion");
    assert!(item(&setup.db, "example-org/example-app#415").is_unestimated(), "skipped: unchanged");
    let third = item(&setup.db, "example-org/example-app#418");
    assert!(third.is_unestimated() && third.estimate.0 == 0, "the undo took the third save back");
    assert_eq!(a.history.undo_depth(), 1, "one step per saved item");
}

#[test]
fn the_triage_card_at_both_sizes_and_without_colour() {
    let setup = imported();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = session(&setup.db);
        let mut a = app(&mut s, true);
        let mut events = chars("t4");
        events.push(None);
        let screen = run(&mut s, &mut a, events, (w, h));
        insta::assert_snapshot!(format!("triage_{w}x{h}"), screen);
        // Without colour the choice and the focus still show: brackets and ▶.
        assert!(screen.contains("[4:5]"), "{screen}");
        assert!(screen.contains("▶ Impact"), "{screen}");
        assert!(screen.contains("example-org/example-app#412"), "{screen}");
    }
}

#[test]
fn plan_offers_triage_for_unestimated_items() {
    let setup = imported();
    let mut s = session(&setup.db);
    let mut a = app(&mut s, true);
    let screen = run(&mut s, &mut a, vec![None], (120, 40));
    assert!(screen.contains("7 unestimated: t triage"), "{screen}");
}

#[test]
fn a_bulk_edit_is_one_change_set_and_one_undo() {
    let setup = imported();
    let mut s = session(&setup.db);
    let mut a = app(&mut s, true);
    let marked: Vec<_> = (0..2).filter_map(|n| a.plan.row(n).map(|r| r.id)).collect();
    let mut events = chars("vvb");
    // Set = kind; Tab to Kind, → three times: debt.
    events.push(key(KeyCode::Tab));
    events.extend([key(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Right)]);
    events.push(key(KeyCode::Enter));
    events.push(None);
    let screen = run(&mut s, &mut a, events, (120, 40));
    assert!(screen.contains("●"), "marked rows carry a marker: {screen}");
    let kinds = |db: &std::path::Path| {
        let ws = session(db).workspace().clone();
        marked.iter().map(|id| ws.item(*id).map(|i| i.kind)).collect::<Vec<_>>()
    };
    assert_eq!(kinds(&setup.db), vec![Some(flowdeck::domain::Kind::Debt); 2]);
    assert_eq!(a.history.undo_depth(), 1);

    let screen = run(&mut s, &mut a, vec![key(KeyCode::Char('u')), None], (120, 40));
    assert!(screen.contains("undone: set kind debt on 2 items"), "{screen}");
    assert!(kinds(&setup.db).iter().all(|k| *k != Some(flowdeck::domain::Kind::Debt)), "one undo restores both");
}

#[test]
fn estimating_in_the_item_form_lifts_unestimated_and_the_exclusion() {
    let setup = imported();
    let mut s = session(&setup.db);
    let mut a = app(&mut s, true);
    let id = a.selected_item().expect("a candidate");
    // e opens the form on Title; Tab Tab reaches Estimate ("0"), which becomes 3.
    let mut events = chars("e");
    events.extend([key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::End), key(KeyCode::Backspace)]);
    events.extend(chars("3"));
    events.push(key(KeyCode::Enter));
    events.push(None);
    run(&mut s, &mut a, events, (120, 40));
    let saved = session(&setup.db).workspace().item(id).cloned().expect("item");
    assert_eq!(saved.estimate.to_string(), "3");
    assert!(!saved.is_unestimated(), "tag lifted: {:?}", saved.tags);
    assert!(!saved.excluded, "auto-fill may pick it now");
}
