//! The policy "plan overdue high-risk debt first": which debts auto-fill plans before anything
//! else for a sprint.

use chrono::NaiveDate;

use crate::domain::item::{ItemId, WorkItem};
use crate::domain::workspace::is_open_debt;

use super::deferral::latest;

/// Open debts that are high-risk (security, performance, compliance) and overdue on `today`,
/// most overdue first (then by id), except those deferred on or after `deferrals_from` — a
/// deferral written for this sprint is the team's answer, and the policy respects it (the
/// guardrails still list the debt, as a warning, with its rationale).
pub fn overdue_high_risk<'a>(
    items: impl IntoIterator<Item = &'a WorkItem>,
    today: NaiveDate,
    deferrals_from: NaiveDate,
) -> Vec<ItemId> {
    let mut due: Vec<(NaiveDate, ItemId)> = items
        .into_iter()
        .filter(|i| is_open_debt(i))
        .filter_map(|i| {
            let debt = i.debt.as_ref()?;
            let trigger = debt.agreement.trigger_date.filter(|_| debt.agreement.is_overdue(today))?;
            let deferred_for_this_sprint = latest(debt).is_some_and(|d| d.on >= deferrals_from);
            (debt.risk_area.is_high_risk() && !deferred_for_this_sprint).then_some((trigger, i.id))
        })
        .collect();
    due.sort();
    due.into_iter().map(|(_, id)| id).collect()
}
