//! flowdeck's JSON document round-trips losslessly: for any document flowdeck accepts,
//! export → import into an empty database → export gives the same document, byte for byte,
//! through the real store on real files.

use std::fs;
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use flowdeck::config::Settings;
use flowdeck::interchange::document::{
    ActualsDoc, AgreementDoc, DebtDoc, DeferralDoc, Document, EntryDoc, HolidayDoc, ItemDoc, MemberDoc, PastDragDoc,
    PerKind, SprintDoc,
};
use flowdeck::interchange::json::{parse_document, write_document};
use flowdeck::service::export::{export, ExportFormat, ExportOptions};
use flowdeck::service::import::{run, ImportRequest};
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).expect("date") + Duration::days(offset)
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, control and bidi characters included: the import cleans them once, and the
    // cleaned text must then survive every later round unchanged.
    prop_oneof![any::<String>(), "[a-zA-Z0-9 ,;\"'=+@支払🚀\u{1b}\u{202e}\t\n-]{0,30}"]
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..400 * 86_400, 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| Utc.timestamp_opt(1_767_225_600 + secs, nanos).single().unwrap_or_default())
}

fn member(i: usize) -> impl Strategy<Value = MemberDoc> {
    let day = |n: i64| chrono::NaiveDate::from_ymd_opt(2026, 1, 5).map(|d| d + chrono::Duration::days(n));
    (text(), 0.0..=1.0f64, proptest::option::of(0.0..=1.0f64), proptest::option::of((0i64..200, 0i64..200)), skills())
        // Names stay short: the store keeps member names to 200 characters.
        .prop_map(move |(name, allocation, focus, stay, skills)| MemberDoc {
            name: format!("M{i} {}", name.chars().take(50).collect::<String>()),
            allocation,
            focus,
            // Some members joined and left on a day: the round trip keeps both.
            joined_on: stay.and_then(|(from, _)| day(from)),
            left_on: stay.and_then(|(from, length)| day(from + length)),
            skills,
        })
}

/// Skills as stored: distinct lowercase words.
fn skills() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(vec!["ios", "payments-db", "go", "data"], 0..3)
        .prop_map(|s| s.into_iter().map(String::from).collect())
}

fn sprint(i: usize) -> impl Strategy<Value = SprintDoc> {
    (text(), 0i64..300, 0i64..20, 0usize..3, proptest::option::of((0.0..50.0f64, 0.0..10.0f64))).prop_map(
        move |(goal, start, length, state, actuals)| {
            let state = ["planning", "active", "closed"][state];
            SprintDoc {
                name: format!("S{i}"),
                start: day(start),
                end: day(start + length),
                goal,
                state: state.to_string(),
                days_off: vec![],
                availability: vec![],
                actuals: actuals.filter(|_| state == "closed").map(|(unplanned, rework)| ActualsDoc {
                    closed_on: Some(day(start + length)),
                    unplanned: PerKind { feature: unplanned, defect: 0.0, risk: rework, debt: 1.5 },
                    rework,
                    delivery: None,
                }),
            }
        },
    )
}

fn debt() -> impl Strategy<Value = DebtDoc> {
    (
        1u8..=5,
        1u8..=5,
        proptest::option::of(0.0..20.0f64),
        0usize..3,
        0usize..4,
        text(),
        text(),
        // Each deferral may move the repay-by date (from none or a date, to a date).
        proptest::collection::vec(
            (0i64..300, text(), proptest::option::of((proptest::option::of(0i64..300), 0i64..300))),
            0..3,
        ),
        // The drag before each change: distinct days, oldest first.
        proptest::collection::btree_map(0i64..300, 0.0..5.0f64, 0..3),
    )
        .prop_map(|(interest, visibility, drag, category, area, reason, owner, deferrals, drags)| DebtDoc {
            interest,
            visibility,
            drag,
            category: ["strategic", "tactical", "accidental"][category].into(),
            risk_area: ["none", "security", "performance", "compliance"][area].into(),
            agreement: AgreementDoc {
                reason,
                impact: String::new(),
                trigger_date: Some(day(90)),
                trigger_condition: String::new(),
                owner,
                linked_key: None,
            },
            deferrals: deferrals
                .into_iter()
                .map(|(d, rationale, moved)| DeferralDoc {
                    on: day(d),
                    rationale,
                    repay_by_before: moved.and_then(|(from, _)| from.map(day)),
                    repay_by_after: moved.map(|(_, to)| day(to)),
                })
                .collect(),
            drag_history: drags.into_iter().map(|(d, drag)| PastDragDoc { until: day(d), drag }).collect(),
        })
}

fn item(i: usize, sprints: usize) -> impl Strategy<Value = ItemDoc> {
    (
        (proptest::option::of(text()), text(), 0usize..4, 0usize..4, 0u32..=2000),
        (1u8..=5, 1u8..=5, 1u8..=5, proptest::option::of(text()), proptest::collection::vec(text(), 0..3)),
        (timestamp(), proptest::option::of(timestamp()), 0usize..3, debt(), 0usize..sprints.max(1), any::<bool>()),
        (proptest::option::of(0usize..4), skills()),
    )
        .prop_map(
            move |(
                (key, title, kind, status, halves),
                (impact, risk, ttv, outcome, tags),
                (created, updated, flags, debt, sprint, history),
                (assignee, skills),
            )| {
                let kind = ["feature", "defect", "risk", "debt"][kind];
                // Planned and done items name a sprint; only when there is one.
                let status = match ["backlog", "planned", "done", "dropped"][status] {
                    "planned" | "done" if sprints == 0 => "backlog",
                    s => s,
                };
                let sprint_name = (status == "planned" || status == "done").then(|| format!("S{sprint}"));
                ItemDoc {
                    // The index before the first '-' keeps keys unique whatever follows.
                    key: key.map(|k| format!("K{i}-{k}")),
                    title: format!("T{i} {title}"),
                    kind: kind.into(),
                    status: status.into(),
                    sprint: sprint_name.clone(),
                    estimate: f64::from(halves) / 2.0,
                    impact,
                    risk,
                    time_to_value: ttv,
                    outcome,
                    tags,
                    created,
                    updated,
                    pinned: flags == 1,
                    excluded: flags == 2,
                    debt: (kind == "debt").then_some(debt),
                    // A member's index for now; `document` names the member (or none).
                    assignee: assignee.map(|a| a.to_string()),
                    skills,
                    // Filled in by `document`, which knows the other items.
                    blocked_by: vec![],
                    history: match (history, sprint_name) {
                        (true, Some(s)) => vec![EntryDoc {
                            sprint: s,
                            planned: f64::from(halves) / 2.0,
                            outcome: "done".into(),
                            remaining: 0.0,
                        }],
                        _ => vec![],
                    },
                }
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (0usize..4, 0usize..4, 0usize..9, proptest::collection::vec(0i64..300, 0..3))
        .prop_flat_map(|(members, sprints, items, holidays)| {
            let members: Vec<_> = (0..members).map(member).collect();
            let sprint_docs: Vec<_> = (0..sprints).map(sprint).collect();
            let item_docs: Vec<_> = (0..items).map(|i| item(i, sprints)).collect();
            // Per item, which earlier items it waits for (earlier only: links never cycle).
            let links = proptest::collection::vec(any::<u16>(), items);
            (members, sprint_docs, item_docs, Just(holidays), links)
        })
        .prop_map(|(members, sprints, mut items, holidays, links)| {
            for item in &mut items {
                let index = item.assignee.take().and_then(|a| a.parse::<usize>().ok());
                item.assignee = index.and_then(|i| members.get(i)).map(|m: &MemberDoc| m.name.clone());
            }
            // Blockers by key, or `#N` (the N-th item) when they have none.
            let names: Vec<String> =
                items.iter().enumerate().map(|(j, d)| d.key.clone().unwrap_or_else(|| format!("#{}", j + 1))).collect();
            for (i, mask) in links.into_iter().enumerate() {
                items[i].blocked_by = (0..i).filter(|j| mask & (1 << j) != 0).map(|j| names[j].clone()).collect();
            }
            let mut dates: Vec<NaiveDate> = holidays.into_iter().map(day).collect();
            dates.sort();
            dates.dedup();
            Document {
                format: "flowdeck".into(),
                version: 1,
                policy: None,
                members,
                holidays: dates.into_iter().map(|date| HolidayDoc { date, name: "Holiday".into() }).collect(),
                sprints,
                items,
            }
        })
}

fn empty_session(dir: &Path, name: &str) -> Session {
    Session::open(&dir.join(name), OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 500 }).expect("open")
}

/// Imports the JSON `text` into a new database and exports it again.
fn through_a_database(dir: &Path, name: &str, text: &[u8]) -> String {
    let file = dir.join(format!("{name}.json"));
    fs::write(&file, text).expect("write");
    let mut session = empty_session(dir, &format!("{name}.sqlite"));
    let request = ImportRequest { path: file, ..ImportRequest::default() };
    if let Err(e) = run(&mut session, &request, &Settings::default().import, Utc::now(), &mut |_| {}) {
        panic!("import refused: {e:?}");
    }
    let mut out = Vec::new();
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("date");
    export(session.workspace(), &Settings::default(), ExportFormat::Json, &ExportOptions::default(), today, &mut out)
        .expect("export");
    String::from_utf8(out).expect("utf-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_the_same_document(doc in document()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut original = Vec::new();
        write_document(&doc, &mut original).expect("write");
        let first = through_a_database(dir.path(), "first", &original);
        let second = through_a_database(dir.path(), "second", first.as_bytes());
        // Nothing lost on the way in: every item keeps as many blockers as it was given
        // (keys may come back cleaned of control characters, so counts are compared).
        let restored = parse_document(&first, "first").expect("the export parses");
        let links = |d: &Document| d.items.iter().map(|i| i.blocked_by.len()).collect::<Vec<_>>();
        prop_assert_eq!(links(&restored), links(&doc));
        prop_assert_eq!(first, second);
    }
}
