//! The merge rules, record by record: what a re-import may change and what it must leave.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::test_support::item;
use crate::domain::{Deferral, SprintId};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).single().expect("time")
}

fn row(n: u64, key: &str, title: &str) -> ImportRecord {
    ImportRecord::new(Place::Row { row: n, line: n }, Some(key.to_string()), title.to_string())
}

fn parsed(records: Vec<ImportRecord>) -> Parsed {
    Parsed { records, notices: Notices::default(), key_column: "Issue key".into() }
}

fn ws(items: Vec<WorkItem>) -> Workspace {
    Workspace { items, ..Workspace::default() }
}

fn updated(m: &Merge) -> &WorkItem {
    match m.set.changes.first() {
        Some(Change::Item { after: Some(a), .. }) => a,
        other => panic!("no item change: {other:?}"),
    }
}

#[test]
fn new_items_get_fresh_ids_defaults_and_the_unestimated_marker() {
    let mut r = row(2, "NEW-1", "New thing");
    r.kind = Field::Given(Kind::Debt);
    let m = merge(&ws(vec![item(7, Kind::Feature, 1.0)]), parsed(vec![r]), now(), "import").expect("merges");
    let Some(Change::Item { before: None, after: Some(new) }) = m.set.changes.first() else { panic!("no create") };
    assert_eq!(new.id, ItemId(8));
    assert_eq!((new.impact, new.risk, new.time_to_value), (3, 3, 3));
    assert_eq!(new.status, Status::Backlog);
    assert!(new.excluded, "a zero-point item must not fill a sprint for free");
    assert_eq!(new.tags, vec![UNESTIMATED.to_string()]);
    assert_eq!(new.debt.as_deref(), Some(&blank_debt()));
    assert_eq!(new.created, now());
    assert_eq!(m.created, 1);
}

#[test]
fn given_values_overwrite_but_initial_guesses_do_not() {
    let mut before = item(1, Kind::Feature, 3.0);
    before.impact = 5;
    let mut r = row(2, "PAY-1", "Renamed");
    r.kind = Field::Initial(Kind::Defect);
    r.impact = Field::Initial(1);
    r.estimate = Field::Given(HalfPoints(10));
    let m = merge(&ws(vec![before]), parsed(vec![r]), now(), "import").expect("merges");
    let after = updated(&m);
    assert_eq!((after.kind, after.impact, after.estimate), (Kind::Feature, 5, HalfPoints(10)));
    assert_eq!(after.title, "Renamed");
    assert_eq!(
        m.actions,
        vec![RowAction::Update { key: "PAY-1".into(), changes: vec!["estimate 3 → 5".into(), "title".into()] }]
    );
}

#[test]
fn a_planned_item_keeps_its_sprint_whatever_the_file_says() {
    let mut before = item(1, Kind::Feature, 3.0);
    before.status = Status::Planned;
    before.sprint = Some(SprintId(4));
    let mut r = row(2, "PAY-1", "item 1");
    r.status = Field::Given(Status::Done);
    let m = merge(&ws(vec![before]), parsed(vec![r]), now(), "import").expect("merges");
    assert!(m.set.is_empty(), "nothing else changed");
    assert_eq!(m.unchanged, 1);
    let note = &m.notices.lines()[0];
    assert!(note.contains("was not applied") && note.ends_with("— PAY-1"), "{note}");
}

#[test]
fn a_done_item_reopened_in_the_tracker_returns_to_the_backlog_without_its_sprint() {
    let mut before = item(1, Kind::Feature, 3.0);
    before.status = Status::Done;
    before.sprint = Some(SprintId(2));
    let mut r = row(2, "PAY-1", "item 1");
    r.status = Field::Given(Status::Backlog);
    let m = merge(&ws(vec![before]), parsed(vec![r]), now(), "import").expect("merges");
    let after = updated(&m);
    assert_eq!((after.status, after.sprint), (Status::Backlog, None));
}

#[test]
fn a_debt_with_register_entries_stays_debt_and_keeps_its_deferral_log() {
    let mut before = item(1, Kind::Debt, 3.0);
    let mut debt = blank_debt();
    debt.deferrals.push(Deferral { on: now().date_naive(), rationale: "after the freeze".into(), moved: None });
    before.debt = Some(Box::new(debt.clone()));
    let mut r = row(2, "PAY-1", "item 1");
    r.kind = Field::Given(Kind::Feature);
    let m = merge(&ws(vec![before.clone()]), parsed(vec![r]), now(), "import").expect("merges");
    assert!(m.set.is_empty());
    assert!(m.notices.lines()[0].contains("kept as debt"));

    // A debt with nothing recorded may become a feature; a file's register fields never
    // replace the deferral log.
    let mut plain = item(2, Kind::Debt, 1.0);
    plain.debt = Some(Box::new(blank_debt()));
    let mut to_feature = row(3, "PAY-2", "item 2");
    to_feature.kind = Field::Given(Kind::Feature);
    let mut new_terms = row(4, "PAY-1", "item 1");
    new_terms.kind = Field::Given(Kind::Debt);
    new_terms.debt = Field::Given(Box::new(DebtDetails { interest: 5, deferrals: vec![], ..blank_debt() }));
    let m = merge(&ws(vec![before, plain]), parsed(vec![to_feature, new_terms]), now(), "import").expect("merges");
    let afters: Vec<&WorkItem> = m
        .set
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Item { after: Some(a), .. } => Some(a),
            _ => None,
        })
        .collect();
    let pay1 = afters.iter().find(|i| i.id == ItemId(1)).expect("PAY-1 updated");
    assert_eq!(pay1.debt.as_ref().map(|d| (d.interest, d.deferrals.clone())), Some((5, debt.deferrals)));
    let pay2 = afters.iter().find(|i| i.id == ItemId(2)).expect("PAY-2 updated");
    assert_eq!((pay2.kind, pay2.debt.is_none()), (Kind::Feature, true));
}

#[test]
fn an_estimate_from_the_tracker_lifts_the_unestimated_marker() {
    let mut before = item(1, Kind::Feature, 0.0);
    before.tags = vec!["ui".into(), UNESTIMATED.into()];
    before.excluded = true;
    let mut still = row(2, "PAY-1", "item 1");
    still.tags = Field::Given(vec!["ui".into(), "new".into()]);
    let m = merge(&ws(vec![before.clone()]), parsed(vec![still]), now(), "import").expect("merges");
    assert_eq!(updated(&m).tags, vec!["ui".to_string(), "new".into(), UNESTIMATED.into()], "still unestimated");

    let mut estimated = row(2, "PAY-1", "item 1");
    estimated.estimate = Field::Given(HalfPoints(4));
    let m = merge(&ws(vec![before]), parsed(vec![estimated]), now(), "import").expect("merges");
    let after = updated(&m);
    assert_eq!((after.excluded, after.tags.clone()), (false, vec!["ui".to_string()]));
}

#[test]
fn keys_match_regardless_of_case_but_one_item_cannot_be_updated_twice() {
    let m = merge(&ws(vec![item(1, Kind::Feature, 1.0)]), parsed(vec![row(2, "pay-1", "x")]), now(), "import")
        .expect("merges");
    assert_eq!((m.created, m.updated), (0, 1));
    assert_eq!(updated(&m).key.as_deref(), Some("pay-1"), "the tracker's spelling wins");

    for existing in [vec![item(1, Kind::Feature, 1.0)], vec![]] {
        let e = merge(&ws(existing), parsed(vec![row(2, "PAY-1", "x"), row(3, "pay-1", "y")]), now(), "import")
            .expect_err("one item twice");
        assert_eq!(e.place, Place::Row { row: 3, line: 3 });
        assert_eq!(e.reason, "the key pay-1 is also on row 2 (keys ignore case)");
    }
    let e = merge(&ws(vec![]), parsed(vec![row(2, "Ä-1", "x"), row(3, "ä-1", "y")]), now(), "import")
        .expect_err("unicode case");
    assert!(e.reason.contains("row 2"), "{}", e.reason);
}

#[test]
fn rows_without_a_key_are_created_and_the_user_is_told_why_it_matters() {
    let r = ImportRecord::new(Place::Row { row: 2, line: 2 }, None, "Keyless".into());
    let m = merge(&ws(vec![]), parsed(vec![r.clone(), r]), now(), "import").expect("merges");
    assert_eq!(m.created, 2);
    assert!(m.notices.lines().iter().any(|l| l.contains("always created anew")));
}
