//! The Debt screen in the headless loop: filters and sorts, planning a debt, deferring with and
//! without the required rationale, and undoing a deferral — each checked in the database.

mod common;

use common::tui_harness::{chars, key, Harness};
use flowdeck::tui::app::Tab;
use ratatui::crossterm::event::KeyCode;

fn deferrals(db: &std::path::Path, key: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT d.deferred_on, d.rationale FROM deferrals d JOIN items i ON i.id = d.item_id \
             WHERE i.external_key = ?1 ORDER BY d.id",
        )
        .expect("sql");
    let rows = stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?))).expect("rows");
    rows.collect::<Result<_, _>>().expect("read")
}

fn shown_keys(h: &Harness) -> Vec<String> {
    (0..h.app.debt.len())
        .filter_map(|n| h.app.debt.row(n))
        .filter_map(|(id, _)| h.app.workspace.item(id).and_then(|i| i.key.clone()))
        .collect()
}

#[test]
fn filters_and_sorts_narrow_the_register_and_the_cursor_follows_its_debt() {
    let mut h = Harness::new();
    h.run(chars("2o")).ok();
    assert_eq!(shown_keys(&h), ["PAY-1015", "PAY-1007", "PAY-1096", "PAY-1033"], "overdue, by payback");
    h.run(chars("r")).ok();
    assert_eq!(shown_keys(&h), ["PAY-1096", "PAY-1033"], "overdue and high-risk");
    h.run(chars("jsss")).ok();
    assert_eq!(h.app.debt.sort.as_str(), "principal");
    assert_eq!(shown_keys(&h), ["PAY-1033", "PAY-1096"]);
    let selected = h.app.selected_debt().and_then(|(id, _)| h.app.workspace.item(id)).and_then(|i| i.key.clone());
    assert_eq!(selected.as_deref(), Some("PAY-1033"), "the cursor stays on the debt it was on");
    h.run(chars("orc")).ok();
    assert_eq!(h.app.debt.filter.describe(), "strategic");
    assert_eq!(shown_keys(&h).len(), 4);
    let screen = h.screen();
    assert!(screen.contains("Register 4 of 15 · strategic · by principal"), "{screen}");
}

#[test]
fn deferring_high_risk_overdue_debt_needs_a_rationale_and_undo_takes_it_back() {
    let mut h = Harness::new();
    let before = deferrals(&h.db, "PAY-1033");
    // PAY-1033 is rank 13 of 15: G then k twice.
    let mut events = chars("2Gkkd");
    events.extend(chars("later"));
    events.push(key(KeyCode::Enter));
    h.run(events).ok();
    assert_eq!(deferrals(&h.db, "PAY-1033"), before, "a five-letter excuse is refused");
    let screen = h.screen();
    assert!(screen.contains("Defer PAY-1033 (rationale required)"), "the form stays open: {screen}");
    assert!(screen.contains("say why it waits, in at least 10 characters"), "{screen}");

    let mut events = vec![key(KeyCode::Esc)];
    events.extend(chars("d"));
    events.extend(chars("KMS vendor ships 2026-12-08; rotate keys in Sprint 49"));
    events.push(key(KeyCode::Enter));
    h.run(events).ok();
    let after = deferrals(&h.db, "PAY-1033");
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        after.last().cloned(),
        Some(("2026-11-21".to_string(), "KMS vendor ships 2026-12-08; rotate keys in Sprint 49".to_string()))
    );
    let screen = h.screen();
    assert!(screen.contains("Deferred 3 times, newest first:"), "{screen}");
    assert!(screen.contains("2026-11-21  KMS vendor ships"), "{screen}");
    let guardrail = h.app.summary.split_report.iter().find(|l| l.contains("PAY-1033")).cloned().unwrap_or_default();
    assert!(guardrail.contains("Deferred for this sprint on 2026-11-21"), "{guardrail}");

    h.run(chars("u")).ok();
    assert_eq!(deferrals(&h.db, "PAY-1033"), before, "undo removes the deferral");
}

#[test]
fn space_plans_a_debt_and_deferring_it_takes_it_out_again() {
    let mut h = Harness::new();
    // PAY-1062 (rank 1, low-risk): plan it, then defer it without a word.
    h.run(chars("2 ")).ok();
    let planned = |h: &Harness| {
        h.app.summary.plan.as_ref().is_some_and(|p| p.planned.iter().any(|i| i.key.as_deref() == Some("PAY-1062")))
    };
    assert!(planned(&h));
    assert!(h.screen().contains("✓"), "the row shows it is planned");
    let mut events = chars("d");
    events.push(key(KeyCode::Enter));
    h.run(events).ok();
    assert!(!planned(&h), "deferring took it out of the sprint");
    assert_eq!(deferrals(&h.db, "PAY-1062"), [("2026-11-21".to_string(), String::new())]);
    assert_eq!(h.app.tab, Tab::Debt);
}

#[test]
fn a_new_debt_from_the_debt_screen_keeps_the_day_it_was_taken_on() {
    let mut h = Harness::new();
    let mut events = chars("2n");
    events.extend(chars("Hard-coded FX rates in the refund service"));
    // Title → Key → (wraps to) Recorded, the last field.
    events.extend([key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    events.extend(chars("2026-01-05"));
    events.push(key(KeyCode::Enter));
    h.run(events).ok();
    let item = h.app.workspace.items.iter().max_by_key(|i| i.id).cloned().expect("the new item");
    assert_eq!(item.title, "Hard-coded FX rates in the refund service");
    assert_eq!(item.kind, flowdeck::domain::Kind::Debt, "n on the Debt screen records debt");
    assert_eq!(item.created.date_naive().to_string(), "2026-01-05");
    assert_eq!(h.app.debt.totals.count, 16, "the register shows it at once");
    let conn = rusqlite::Connection::open(&h.db).expect("open");
    let created: String =
        conn.query_row("SELECT created_at FROM items WHERE id = ?1", [item.id.0], |r| r.get(0)).expect("row");
    assert!(created.starts_with("2026-01-05"), "{created}");
}
