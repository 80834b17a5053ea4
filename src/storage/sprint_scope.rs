//! What a sprint's figures read of the items (`Engine::load_for_sprint`), for every engine:
//! everything but the backlog's features, defects and risks that no sprint snapshot names —
//! at 100k items, most of them. Debts stay (the register, its guardrails), as do planned, done
//! and dropped items and every item a sprint's plan snapshot holds (history and calibration).
//! tests/report_paths.rs compares those reports' JSON with the full load's.

use std::collections::HashSet;

use crate::domain::{ItemId, Kind, Status, WorkItem};

/// The SQL condition on `items i` that selects them (plain SQL, the same in both engines);
/// the caller limits `i` to one team.
pub fn items_filter() -> String {
    format!(
        "i.status <> {} OR i.kind = {} OR i.id IN (SELECT item_id FROM sprint_entries e WHERE e.team_id = i.team_id)",
        Status::Backlog.code(),
        Kind::Debt.code()
    )
}

/// The blockers of planned items that the filter left out (`waits-for` needs them), in id
/// order, each once.
pub fn blockers_left_out(items: &[WorkItem]) -> Vec<ItemId> {
    let have: HashSet<ItemId> = items.iter().map(|i| i.id).collect();
    let mut missing: Vec<ItemId> = items
        .iter()
        .filter(|i| i.status == Status::Planned)
        .flat_map(|i| i.blocked_by.iter().copied())
        .filter(|b| !have.contains(b))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}
