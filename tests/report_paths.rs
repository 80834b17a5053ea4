//! Reports that read less than the whole database (issue 18) give exactly the numbers of the
//! full load: `flowdeck split`'s, `history`'s, `debt`'s and `project`'s JSON from `Store::load_for_sprint`
//! against the same reports from `Store::load`, on generated databases with dependencies and a planned sprint whose
//! items wait for backlog work, and on the demo — for the sprint in planning and every closed one.

mod common;

use chrono::NaiveDate;
use flowdeck::config::Settings;
use flowdeck::domain::debt::{Filter, SortKey};
use flowdeck::domain::{SprintState, Status, Workspace};
use flowdeck::report::debt;
use flowdeck::report::history;
use flowdeck::report::projection::to_json as projection_json;
use flowdeck::report::split::to_json;
use flowdeck::service::debt::register_report;
use flowdeck::service::finish::Odds;
use flowdeck::service::generate::{add_dependencies, generated_workspace};
use flowdeck::service::history::history_report;
use flowdeck::service::planning::{fallbacks, sprint_plan};
use flowdeck::service::projection::{project, Overrides};
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions, Store};
use serde_json::Value;

fn options(mode: OpenMode) -> OpenOptions {
    OpenOptions { mode, busy_timeout_ms: 500 }
}

/// Every sprint's split, as `flowdeck split --sprint NAME --format json` prints it.
fn splits(ws: &Workspace, today: NaiveDate) -> Vec<Value> {
    let settings = Settings::default();
    ws.sprints
        .iter()
        .map(|sprint| {
            let mut plan = sprint_plan(ws, sprint, &fallbacks(&settings), today);
            if sprint.state != SprintState::Closed {
                plan.finish = Odds::of(ws, &settings).finish(plan.split.load, plan.capacity.plannable);
            }
            to_json(&plan)
        })
        .collect()
}

fn same_both_ways(db: &std::path::Path, today: NaiveDate) {
    let mut store = Store::open(db, options(OpenMode::Existing)).expect("open");
    let full = store.load().expect("full load");
    let lean = store.load_for_sprint().expect("lean load");
    assert!(lean.items.len() < full.items.len(), "the lean load leaves items out");
    let (a, b) = (splits(&full, today), splits(&lean, today));
    assert_eq!(a.len(), full.sprints.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "sprint {}", x["sprint"]["name"]);
    }
    let history = |ws: &Workspace| history::to_json(&history_report(ws, 12));
    assert_eq!(history(&full), history(&lean));
    let settings = Settings::default();
    let register = |ws: &Workspace| {
        let report =
            register_report(ws, today, &settings.debt, &fallbacks(&settings), Filter::default(), SortKey::default());
        debt::to_json(&report)
    };
    assert_eq!(register(&full), register(&lean));
    let projection = |ws: &Workspace| {
        let p =
            project(ws, &fallbacks(&settings), &settings.projection, &Overrides::default(), 42).expect("projection");
        projection_json(&p)
    };
    assert_eq!(projection(&full), projection(&lean));
}

#[test]
fn a_generated_database_with_links_splits_the_same_from_the_lean_load() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.path("gen.sqlite");
    let mut ws = generated_workspace(3000, 7);
    add_dependencies(&mut ws, 5, 7);
    // Plan a few items that wait for backlog work, so `waits-for` needs items the lean load
    // leaves out at first.
    let current = ws.current_sprint().map(|s| s.id).expect("a sprint in planning");
    let waiting: Vec<usize> = (0..ws.items.len())
        .filter(|&n| ws.items[n].status == Status::Backlog && !ws.items[n].blocked_by.is_empty())
        .take(5)
        .collect();
    assert_eq!(waiting.len(), 5);
    for n in waiting {
        ws.items[n].status = Status::Planned;
        ws.items[n].sprint = Some(current);
    }
    let mut session = Session::open(&db, options(OpenMode::CreateIfMissing)).expect("create");
    session.seed(&ws, "generated").expect("seed");
    drop(session);
    same_both_ways(&db, common::today());
}

#[test]
fn the_demo_splits_the_same_from_the_lean_load() {
    let sandbox = common::Sandbox::new();
    let db = sandbox.demo_db("demo.sqlite");
    same_both_ways(&db, common::today());
}
