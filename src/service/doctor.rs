//! `flowdeck doctor`: checks the database and reports what it finds, repairing nothing.

use std::path::Path;

use crate::storage::{OpenMode, OpenOptions, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// Opens the database at `path` (never creating it) and runs `quick_check`.
pub fn check_database(path: &Path, busy_timeout_ms: u64) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut store = match Store::open(path, OpenOptions { mode: OpenMode::Existing, busy_timeout_ms }) {
        Ok(store) => store,
        Err(e) => {
            checks.push(Check { name: "database", ok: false, detail: e.to_string() });
            return checks;
        }
    };
    let version = store.schema_version().map(|v| format!("schema v{v}")).unwrap_or_else(|e| e.to_string());
    let access = if store.is_read_only() { ", read-only" } else { "" };
    checks.push(Check { name: "database", ok: true, detail: format!("{} ({version}{access})", path.display()) });
    match store.quick_check() {
        Ok(lines) if lines == ["ok"] => {
            checks.push(Check { name: "integrity", ok: true, detail: "quick_check: ok".into() })
        }
        Ok(lines) => checks.push(Check { name: "integrity", ok: false, detail: lines.join("; ") }),
        Err(e) => checks.push(Check { name: "integrity", ok: false, detail: e.to_string() }),
    }
    match store.load() {
        Ok(ws) => {
            let problems = ws.policy.problems();
            checks.push(Check {
                name: "contents",
                ok: problems.is_empty(),
                detail: format!(
                    "{} members, {} sprints, {} items{}",
                    ws.members.len(),
                    ws.sprints.len(),
                    ws.items.len(),
                    if problems.is_empty() { String::new() } else { format!("; policy: {}", problems.join("; ")) }
                ),
            });
        }
        Err(e) => checks.push(Check { name: "contents", ok: false, detail: e.to_string() }),
    }
    checks
}
