//! `flowdeck doctor`: checks the database and reports what it finds, repairing nothing.

use std::path::Path;

use crate::storage::{OpenMode, OpenOptions, Store, TeamChoice};

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

/// Opens the database at `path` (never creating it) and runs `quick_check`.
pub fn check_database(path: &Path, busy_timeout_ms: u64) -> Vec<Check> {
    let mut checks = Vec::new();
    let options = OpenOptions { mode: OpenMode::Existing, busy_timeout_ms };
    let mut store = match Store::open_team(path, options, &TeamChoice::Any) {
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
    // Every team's contents: a store shared by several teams is checked whole.
    let teams = match store.teams() {
        Ok(teams) => teams,
        Err(e) => {
            checks.push(Check { name: "contents", ok: false, detail: e.to_string() });
            return checks;
        }
    };
    let several = teams.len() > 1;
    for team in teams {
        store.set_team(team.id);
        let label = if several { format!("team {}: ", shown_name(&team.name)) } else { String::new() };
        checks.push(contents_check(&mut store, &label));
    }
    checks
}

fn shown_name(name: &str) -> &str {
    if name.is_empty() {
        "(unnamed)"
    } else {
        name
    }
}

/// One team's members, sprints and items, and whether its policy holds together.
fn contents_check(store: &mut Store, label: &str) -> Check {
    match store.load() {
        Ok(ws) => {
            let problems = ws.policy.problems();
            Check {
                name: "contents",
                ok: problems.is_empty(),
                detail: format!(
                    "{label}{} members, {} sprints, {} items{}",
                    ws.members.len(),
                    ws.sprints.len(),
                    ws.items.len(),
                    if problems.is_empty() { String::new() } else { format!("; policy: {}", problems.join("; ")) }
                ),
            }
        }
        Err(e) => Check { name: "contents", ok: false, detail: format!("{label}{e}") },
    }
}
