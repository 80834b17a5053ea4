//! Fresh, empty stores of each engine for the conformance suite: an SQLite file in a temp
//! folder always, and a new PostgreSQL database on the server `FLOWDECK_TEST_PG` names
//! (`.ci/run` starts one with scripts/pg-test-cluster.sh). Without it the PostgreSQL half is
//! skipped, said loudly on stderr, and `FLOWDECK_REQUIRE_PG=1` makes that a failure instead.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Engine {
    pub name: &'static str,
    /// What `--db` takes: a file path, or a connection string.
    pub db: PathBuf,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The server's connection string, or `None` after saying why the PostgreSQL half is skipped.
pub fn postgres_server(test: &str) -> Option<String> {
    match std::env::var("FLOWDECK_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("FLOWDECK_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("{test}: FLOWDECK_REQUIRE_PG=1 but FLOWDECK_TEST_PG is not set");
            }
            // Straight to stderr, past the harness's capture, so a passing run still says it.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test} on PostgreSQL: FLOWDECK_TEST_PG is not set (see scripts/pg-test-cluster.sh)"
            );
            None
        }
    }
}

/// A new, empty database on the test server; its connection string.
pub fn fresh_postgres(server: &str) -> PathBuf {
    let name = format!("flowdeck_t{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    let mut admin = postgres::Client::connect(server, postgres::NoTls).expect("connect to FLOWDECK_TEST_PG");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).expect("drop old test database");
    admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
    PathBuf::from(with_database(server, &name))
}

/// `server` with its database replaced by `name` (the query, e.g. `?host=/socket/dir`, kept).
pub fn with_database(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// One empty store of each engine that can run here (SQLite always).
pub fn fresh_stores(sandbox: &super::Sandbox, test: &str) -> Vec<Engine> {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let mut engines = vec![Engine { name: "sqlite", db: sandbox.path(&format!("{test}-{n}.sqlite")) }];
    if let Some(server) = postgres_server(test) {
        engines.push(Engine { name: "postgres", db: fresh_postgres(&server) });
    }
    engines
}
