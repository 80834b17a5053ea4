//! Putting a debt off: the rule for when a written rationale is required, and the deferral
//! itself (logged with its date, and the debt taken out of a sprint still in planning).

use chrono::NaiveDate;

use crate::domain::change::{Change, ChangeSet};
use crate::domain::edits::{ensure_planning, label};
use crate::domain::item::{DebtDetails, Deferral, ItemId, RepayByMove, Status};
use crate::domain::sprint::Sprint;
use crate::domain::text::sanitize_line;
use crate::domain::workspace::{is_open_debt, Workspace};

use super::economics::Terms;
use super::register::register;

/// A rationale shorter than this does not say why ("later", "n/a").
pub const MIN_RATIONALE_CHARS: usize = 10;
/// Rationales are one paragraph, not a document.
pub const MAX_RATIONALE_CHARS: usize = 1000;

/// "2026-10-15 → 2027-01-15" ("none → …" when the debt had no repay-by date).
pub fn move_text(m: RepayByMove) -> String {
    format!("{} → {}", m.from.map_or_else(|| "none".to_string(), |d| d.to_string()), m.to)
}

/// True when `text` reads as words: at least two words of two letters or more
/// ("asdfasdfas" and "1234 5678" do not).
pub fn is_words(text: &str) -> bool {
    text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).count() >= 2
}

/// Why deferring this debt needs a written rationale, or `None` when one is optional:
/// high-risk debt (security, performance, compliance) that is overdue or ranks in the top
/// `top` of the register.
pub fn rationale_needed(debt: &DebtDetails, rank: usize, top: usize, today: NaiveDate) -> Option<String> {
    let area = debt.risk_area;
    if !area.is_high_risk() {
        return None;
    }
    match debt.agreement.trigger_date {
        Some(due) if debt.agreement.is_overdue(today) => {
            Some(format!("it is high-risk ({}) debt, overdue since {due}", area.as_str()))
        }
        _ if rank >= 1 && rank <= top => {
            Some(format!("it is high-risk ({}) debt ranked {rank} in the register (top {top})", area.as_str()))
        }
        _ => None,
    }
}

/// The register rank of an open debt (1-based), 0 when it is not in the register.
pub fn rank_of(ws: &Workspace, id: ItemId, terms: &Terms) -> usize {
    register(ws, terms).iter().find(|r| r.item.id == id).map_or(0, |r| r.rank)
}

/// Records a deferral of debt `id` on `today`; `rank` is its place in the register. A debt
/// planned into a sprint still in planning is taken out of it (and unpinned); a debt committed
/// to a started sprint cannot be deferred. `repay_by` moves the agreement's repay-by date to a
/// later day, and the log keeps the date it had.
pub fn defer(
    ws: &Workspace,
    id: ItemId,
    rationale: &str,
    repay_by: Option<NaiveDate>,
    today: NaiveDate,
    rank: usize,
    top: usize,
) -> Result<ChangeSet, String> {
    let item = ws.item(id).ok_or("that item no longer exists")?;
    let name = label(item);
    let debt = match item.debt.as_ref() {
        Some(debt) if is_open_debt(item) => debt,
        _ => return Err(format!("{name} is not open debt; only debts in the register can be deferred")),
    };
    let rationale = sanitize_line(rationale).trim().to_string();
    let length = rationale.chars().count();
    if length > MAX_RATIONALE_CHARS {
        return Err(format!("the rationale is {length} characters; keep it to {MAX_RATIONALE_CHARS}"));
    }
    if let Some(why) = rationale_needed(debt, rank, top, today) {
        if length < MIN_RATIONALE_CHARS {
            return Err(format!(
                "{name} needs a written rationale to be deferred because {why}: say why it waits, \
                 in at least {MIN_RATIONALE_CHARS} characters"
            ));
        }
    }
    // A rationale is read out in the planning meeting: it must be words, not keyboard noise.
    if length > 0 && !is_words(&rationale) {
        return Err(format!(
            "“{rationale}” does not read as a reason: say why it waits in words (at least two words with letters)"
        ));
    }
    let old_due = debt.agreement.trigger_date;
    let moved = match repay_by {
        Some(to) if to <= today => {
            return Err(format!("a new repay-by date must be after today ({today}); {to} is not"));
        }
        Some(to) if Some(to) == old_due => None,
        Some(to) => Some(RepayByMove { from: old_due, to }),
        None => None,
    };
    let mut after = item.clone();
    let mut label_text = format!("deferred {name}");
    if item.status == Status::Planned {
        if let Some(sprint) = item.sprint.and_then(|s| ws.sprint(s)) {
            ensure_planning(sprint).map_err(|e| format!("{name} is committed: {e}"))?;
            label_text = format!("deferred {name} (out of {})", sprint.name);
        }
        after.status = Status::Backlog;
        after.sprint = None;
        after.pinned = false;
    }
    if let Some(d) = after.debt.as_mut() {
        d.deferrals.push(Deferral { on: today, rationale, moved });
        if let Some(m) = moved {
            label_text.push_str(&format!(", repay-by {}", move_text(m)));
        }
        if let Some(m) = moved {
            d.agreement.trigger_date = Some(m.to);
        }
    }
    Ok(ChangeSet::new(label_text, vec![Change::item(Some(item.clone()), Some(after))]))
}

/// The first day on which a deferral counts as putting a debt off for `sprint`: the day after
/// the previous sprint started (its own planning is over by then). Without a previous sprint,
/// one cadence before the sprint starts.
pub fn window_start(ws: &Workspace, sprint: &Sprint, cadence_days: u32) -> NaiveDate {
    ws.sprints
        .iter()
        .filter(|s| s.start < sprint.start)
        .map(|s| s.start)
        .max()
        .map_or(sprint.start - chrono::Duration::days(i64::from(cadence_days)), |start| {
            start + chrono::Duration::days(1)
        })
}

/// The latest deferral of a debt.
pub fn latest(debt: &DebtDetails) -> Option<&Deferral> {
    debt.deferrals.iter().max_by_key(|d| d.on)
}
