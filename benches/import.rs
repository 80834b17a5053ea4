//! Import speed: 100,000 generated Jira CSV rows (quoted cells with commas and line breaks,
//! repeated Labels, CRLF) read, planned and saved into a fresh SQLite file, as
//! `flowdeck import` does it. Target: a median of at most one second.
//! Run with `cargo bench --bench import`; quote medians.

use std::fmt::Write as _;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use flowdeck::config::Settings;
use flowdeck::interchange::jira;
use flowdeck::service::import::{mappings, prepare, run, ImportRequest};
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};

const ROWS: usize = 100_000;

/// A Jira "Export CSV (all fields)" file of `rows` issues, like the sample's shape.
fn jira_csv(rows: usize) -> String {
    let types = ["Story", "Bug", "Task", "Tech Debt", "Security", "Improvement"];
    let statuses = ["To Do", "In Progress", "Done"];
    let priorities = ["Highest", "High", "Medium", "Low"];
    let points = ["1", "2", "3", "5", "8", "13", ""];
    let mut text = String::from(
        "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Labels,Labels,\
         Description,Sprint,Custom field (Story Points),Custom field (Epic Link)\r\n",
    );
    for n in 0..rows {
        let _ = write!(
            text,
            "\"Item {n}: checkout, refunds and more\",PAY-{n},{},{},{},{},Ana Souza,Maya Patel,\
             {:02}/Oct/26 09:10 AM,10/Nov/26 04:20 PM,payments,q{},\"Line one.\nLine \"\"two\"\".\",Sprint {},{},PAY-9\r\n",
            10_000 + n,
            types[n % types.len()],
            statuses[n % statuses.len()],
            priorities[n % priorities.len()],
            1 + n % 28,
            n % 4,
            n % 10,
            points[n % points.len()],
        );
    }
    text
}

fn empty_session(path: &Path) -> Session {
    Session::open(path, OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 5000 }).expect("open")
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("jira.csv");
    let text = jira_csv(ROWS);
    std::fs::write(&file, &text).expect("write");
    let settings = Settings::default();
    let mut group = c.benchmark_group("import_jira_100k");
    group.sample_size(10);

    // The parser alone, to see where the time goes.
    let m = mappings(&settings.import);
    group.bench_function("parse", |b| b.iter(|| jira::read(text.as_bytes(), &m).expect("parses").records.len()));

    // Read and planned against an empty workspace: everything but the SQLite transaction.
    let empty = flowdeck::domain::Workspace::default();
    group.bench_function("parse_and_plan", |b| {
        let request = ImportRequest { path: file.clone(), ..ImportRequest::default() };
        b.iter(|| prepare(&empty, &request, &settings.import, chrono::Utc::now(), &mut |_| {}).expect("plans"))
    });

    // What the target is about: the file read, planned and saved in one transaction.
    let mut n = 0;
    group.bench_function("parse_and_save", |b| {
        b.iter_batched(
            || {
                n += 1;
                empty_session(&dir.path().join(format!("db-{n}.sqlite")))
            },
            |mut session| {
                let request = ImportRequest { path: file.clone(), ..ImportRequest::default() };
                run(&mut session, &request, &settings.import, chrono::Utc::now(), &mut |_| {}).expect("imports");
                session
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
