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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item::{DebtDetails, Deferral, RiskArea};
    use crate::domain::test_support::item;
    use crate::domain::{Kind, Status};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
    }

    fn debt(id: i64, area: RiskArea, trigger: Option<NaiveDate>, deferred: Option<NaiveDate>) -> WorkItem {
        let mut i = item(id, Kind::Debt, 3.0);
        let mut d = DebtDetails::blank();
        d.risk_area = area;
        d.agreement.trigger_date = trigger;
        d.deferrals = deferred
            .map(|on| Deferral { on, rationale: "waits for the vendor".into(), moved: None })
            .into_iter()
            .collect();
        i.debt = Some(Box::new(d));
        i
    }

    #[test]
    fn only_overdue_high_risk_debt_not_deferred_for_this_sprint_goes_first() {
        let (today, window) = (day(11, 21), day(11, 10));
        let mut repaid = debt(6, RiskArea::Security, Some(day(10, 1)), None);
        repaid.status = Status::Done;
        let items = [
            debt(1, RiskArea::Security, Some(day(11, 1)), None),
            debt(2, RiskArea::None, Some(day(10, 1)), None), // overdue but not high-risk
            debt(3, RiskArea::Compliance, Some(day(12, 1)), None), // high-risk, not yet due
            debt(4, RiskArea::Performance, Some(day(10, 15)), Some(day(11, 12))), // deferred for this sprint
            debt(5, RiskArea::Performance, Some(day(10, 20)), Some(day(10, 26))), // deferred for an earlier one
            debt(7, RiskArea::Security, Some(day(11, 21)), None), // due today: not overdue yet
            repaid,
        ];
        // Most overdue first: 5 (10-20) before 1 (11-01).
        assert_eq!(overdue_high_risk(&items, today, window), vec![ItemId(5), ItemId(1)]);
    }
}
