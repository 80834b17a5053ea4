//! A new user's first minutes, through the whole TUI loop on a real database: the set-up form
//! on an empty database (Enter accepts each proposed value), the import it offers, undo of the
//! whole set-up, and adding and removing members on Team & policy.

mod common;

use common::tui_harness::{chars, key, Harness};
use ratatui::crossterm::event::{Event, KeyCode};
use rusqlite::Connection;

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let conn = Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}

fn enter() -> Option<Event> {
    key(KeyCode::Enter)
}

/// Types the team name and two members, accepts every other proposal with Enter, and gives
/// `import` (may be empty) as the file to import.
fn set_up_keys(import: &str) -> Vec<Option<Event>> {
    let mut keys = chars("Atlas");
    keys.extend([enter(), enter(), enter(), enter()]); // name, length, start, unit
    keys.extend(chars("Ana"));
    keys.push(enter());
    keys.extend(chars("Bo, 50%"));
    keys.push(enter());
    keys.extend((3..=8).map(|_| enter())); // members 3–8 left blank
    keys.extend(chars(import));
    keys.push(enter()); // the last field: sets up
    keys
}

#[test]
fn an_empty_database_opens_on_the_set_up_and_enter_walks_it_to_a_team() {
    let mut h = Harness::empty();
    assert!(h.run(vec![None]).is_err(), "still running");
    assert!(h.screen().contains("Set up your team"), "the set-up opens by itself:\n{}", h.screen());
    insta::assert_snapshot!("setup_form_120x40", h.screen());

    let mut h = Harness::empty();
    let mut keys = set_up_keys("");
    keys.extend([None, key(KeyCode::Char('6')), None, key(KeyCode::Char('q'))]);
    h.run(keys).expect("ran");
    let screen = h.screen();
    assert!(screen.contains("Atlas"), "the team's name heads Team & policy:\n{screen}");
    assert!(screen.contains("Ana") && screen.contains("Bo"), "{screen}");
    assert_eq!(count(&h.db, "SELECT count(*) FROM members"), 2);
    assert_eq!(count(&h.db, "SELECT count(*) FROM sprints WHERE name = 'Sprint 1' AND state = 0"), 1);
    assert_eq!(count(&h.db, "SELECT count(*) FROM policy WHERE team_name = 'Atlas'"), 1);
    assert_eq!(count(&h.db, "SELECT CAST(round(allocation * 100) AS INTEGER) FROM members WHERE name = 'Bo'"), 50);
}

#[test]
fn the_set_up_imports_the_file_it_is_given_and_one_undo_each_takes_them_back() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/github-issues.json");
    let mut h = Harness::empty();
    let mut keys = set_up_keys(fixture);
    keys.extend([None, key(KeyCode::Char('q'))]);
    h.run(keys).expect("ran");
    assert_eq!(count(&h.db, "SELECT count(*) FROM members"), 2);
    let imported = count(&h.db, "SELECT count(*) FROM items");
    assert_eq!(imported, 7, "the fixture's seven open issues came in");

    // First u takes the import back, the second the whole set-up.
    h.run(vec![key(KeyCode::Char('u')), None, key(KeyCode::Char('u')), None, key(KeyCode::Char('q'))]).expect("ran");
    assert_eq!(count(&h.db, "SELECT count(*) FROM items"), 0);
    assert_eq!(count(&h.db, "SELECT count(*) FROM members"), 0);
    assert_eq!(count(&h.db, "SELECT count(*) FROM sprints"), 0);
    assert_eq!(count(&h.db, "SELECT count(*) FROM policy WHERE team_name = ''"), 1);
}

#[test]
fn a_bad_member_line_keeps_the_form_open_and_names_the_field() {
    let mut h = Harness::empty();
    let mut keys = chars("Atlas");
    keys.extend([enter(), enter(), enter(), enter()]);
    keys.extend(chars("Cy, lots"));
    keys.extend((1..=8).map(|_| enter()));
    keys.extend([None, key(KeyCode::Esc), None, key(KeyCode::Char('q'))]);
    h.run(keys).expect("ran");
    assert_eq!(count(&h.db, "SELECT count(*) FROM members"), 0, "nothing saved");
}

#[test]
fn team_screen_adds_a_member_and_removes_one_whose_history_stays() {
    let mut h = Harness::new();
    let closed_before = count(&h.db, "SELECT count(*) FROM members");
    // Team & policy, n: a new member; type the name and save.
    let mut keys = vec![key(KeyCode::Char('6')), key(KeyCode::Char('n'))];
    keys.extend(chars("Zoe Park"));
    keys.extend([enter(), None]);
    // The second row is the first member: D asks, y removes.
    keys.extend([key(KeyCode::Char('g')), key(KeyCode::Char('j')), key(KeyCode::Char('D')), None]);
    // The script ends on the question, with the screen drawn.
    assert!(h.run(keys).is_err(), "still running at the question");
    assert!(h.screen().contains("Remove Priya Raghunathan from the team"), "{}", h.screen());
    h.run(vec![key(KeyCode::Char('y')), None, key(KeyCode::Char('q'))]).expect("ran");
    let screen = h.screen();
    assert!(screen.contains("Zoe Park"), "{screen}");
    assert!(
        !screen.lines().any(|l| l.contains("Priya Raghunathan") && l.contains(" pd ")),
        "a former member leaves the list:\n{screen}"
    );
    assert!(screen.contains("Removed Priya Raghunathan") || screen.contains("removed Priya Raghunathan"), "{screen}");
    assert_eq!(count(&h.db, "SELECT count(*) FROM members"), closed_before + 1, "nobody is deleted");
    assert_eq!(count(&h.db, "SELECT count(*) FROM members WHERE left_on IS NOT NULL"), 1);
}

/// The policy form's "Overdue debt first" choice is stored in SQLite, and auto-fill's preview
/// stops planning overdue high-risk debt first once it is off.
#[test]
fn turning_overdue_debt_first_off_on_the_policy_form_changes_auto_fill() {
    let mut h = Harness::new();
    let column = "SELECT count(*) FROM policy WHERE plan_overdue_high_risk_debt_first = ";
    assert_eq!(count(&h.db, &format!("{column}1")), 1, "on by default");
    h.run(vec![key(KeyCode::Char('1')), key(KeyCode::Char('a')), None]).ok();
    assert!(h.screen().contains("Planned first: overdue high-risk debt (policy)"), "{}", h.screen());
    // Reject the preview; Team & policy, the last row (Policy), e: Tab to the choice (the 8th
    // field), → turns it off.
    let mut keys =
        vec![key(KeyCode::Esc), key(KeyCode::Char('6')), key(KeyCode::Char('G')), key(KeyCode::Char('e')), None];
    keys.extend((0..7).map(|_| key(KeyCode::Tab)));
    keys.extend([key(KeyCode::Right), None]);
    h.run(keys).ok();
    assert!(h.screen().contains("Overdue debt first ‹ off ›"), "{}", h.screen());
    h.run(vec![enter(), None]).ok();
    assert_eq!(count(&h.db, &format!("{column}0")), 1, "saved off:\n{}", h.screen());
    h.run(vec![key(KeyCode::Char('1')), key(KeyCode::Char('a')), None]).ok();
    let screen = h.screen();
    assert!(screen.contains("Auto-fill for Sprint 48"), "{screen}");
    assert!(!screen.contains("Planned first"), "{screen}");
    assert!(!screen.contains("[planned first]"), "{screen}");
}
